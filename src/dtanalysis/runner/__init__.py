"""Notebooks run per province: `jobs` (what to run, checked before any kernel starts),
`kernels` (warm Jupyter kernels), `engine` (the Papermill engine that runs on them), `pool`
(parallel runs, skipping unchanged reports) and `render` (offline HTML)."""
