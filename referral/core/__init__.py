"""The base layer: the domain model, problems, messages, YAML with positions, the vocabulary, time."""
