"""The data pipeline: `store` (deterministic files, staging and atomic swap, `load`),
`validate` (Great Expectations suites and cross-table checks) and `stages` (clean → validate →
swap, each returning a result)."""
