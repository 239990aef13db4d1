"""Loading the content (vocabulary, scales, rules, offers): one way in, through the cache."""
