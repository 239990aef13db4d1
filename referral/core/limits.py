"""Input limits shared by every reader (a tiny module: the cache's cold start imports it too)."""

MAX_FILE_BYTES = 2 * 1024 * 1024  # a casus or content file; far above any real one
