"""Raw files → typed rows + quarantine: one reader per kind of file in `data/raw/`, the merge
by standing, and `clean()`, which assembles the processed tables in memory."""
