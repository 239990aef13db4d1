"""Input limits and fixed field names shared by every reader (a tiny module: the cache's cold
start imports it too)."""

MAX_FILE_BYTES = 2 * 1024 * 1024  # a casus or content file; far above any real one

# The casus's free-text fields (fields of the code, not signals of the vocabulary) and their Dutch names.
FREE_TEXT_FIELDS = ("note", "title")
FREE_TEXT_ALIASES = {"notitie": "note", "titel": "title"}
