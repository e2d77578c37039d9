"""Notebooks run per province: `jobs` (what to run, checked before any kernel starts),
`kernels` (warm Jupyter kernels), `slots` (a thread's kernel: `ensure_warm` / `release`),
`engine` (the Papermill engine that runs on them), `execute` (one report run here),
`freshness` (a report whose inputs have not changed is skipped), `outputs` (what a run leaves:
page, notebook, CSV / XLSX, record), `pool` (dispatch: run_jobs through a `ReportExecutor`:
threads, any `concurrent.futures` executor, or Dask in `distributed` / `remote`) and `render`
(offline HTML).

Importing it changes nothing outside it: a process's start-up steps (the deferral of
rfc3987_syntax) are `dtanalysis.startup.start`, called by the command line and the Dask
workers.
"""
