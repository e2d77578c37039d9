"""Notebooks run per province: `jobs` (what to run, checked before any kernel starts),
`kernels` (warm Jupyter kernels), `engine` (the Papermill engine that runs on them), `pool`
(parallel runs, skipping unchanged reports) and `render` (offline HTML)."""

import sys

# jsonschema (nbformat's, so Papermill's) checks the "iri" formats with rfc3987_syntax when
# that is installed (the `lab` extra brings it, for jupyter-events), and rfc3987_syntax builds
# a Lark grammar as it is imported: ~1.9 s of CPU in every process that runs reports (the
# import of runner.remote: 3.1 s → 1.2 s of CPU without it), paid again by each Dask worker.
# No notebook schema uses those formats: the module is marked absent before jsonschema can
# load it (jsonschema then leaves the two checks out); one already loaded is kept.
sys.modules.setdefault("rfc3987_syntax", None)
