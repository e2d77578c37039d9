"""What each Dask worker of a run does as it joins (`runner.distributed` registers it, for the
workers there and those that join later): the process's start-up steps
(`dtanalysis.startup.start`). Imported only where a cluster is asked for (distributed costs
about a second to import)."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from ..startup import start


class StartUp(WorkerPlugin):
    """`startup.start()` on every worker, before it runs a report."""

    name = "dtanalysis-startup"

    def setup(self, worker) -> None:
        start()
