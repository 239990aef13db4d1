"""Reading a casus: one reader for files, standard input, options, CSV, JSONL and the intake."""
