"""Input limits and fixed field names shared by every reader (a tiny module: the cache's cold
start imports it too)."""

MAX_FILE_BYTES = 2 * 1024 * 1024  # a casus or content file; far above any real one

# The casus's free-text fields (fields of the code, not signals of the vocabulary) and their Dutch names.
FREE_TEXT_FIELDS = ("note", "title")
FREE_TEXT_ALIASES = {"notitie": "note", "titel": "title"}

# The options of `referral match` that are not a signal's quick option (those come from the
# vocabulary): a signal's option may not take one of these names (tests hold the list to the command).
MATCH_OWN_OPTIONS = (
    "format",
    "top",
    "explain",
    "content-at",
    "signal",
    "title",
    "now",
    "export",
    "force",
    "log",
    "db",
    "help",
)
