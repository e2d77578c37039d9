"""What every stage agrees on: province names and codes (`registry`, `text`), Vietnamese and
English number formats (`numbers`), and the columns and types of every processed table
(`schema`). Imports nothing above it."""
