"""Report jobs on a Dask distributed cluster (`dtanalysis build|report --scheduler ADDRESS`).

    with dask_executor("tcp://scheduler:8786") as executor:    # or "local:2"
        run_jobs(jobs, ctx, executor=executor)

`local` / `local:N` starts a `LocalCluster` of N worker processes (default: one per core) on
this machine, on loopback only, and stops it at the end; any other text is the address of a
running scheduler (`dask scheduler` + `dask worker ADDRESS` on each machine). Each worker runs
one report at a time (run several workers per machine for more) on a warm kernel of its own,
an ordinary subprocess of the worker (`pool.execute_here`), stopped at the end of the run.

Shared filesystem: a worker reads the project (data/processed, notebooks) and writes its
report (HTML, executed notebook, record) at the paths the client gives, the client's project
root. Workers on other machines therefore need the project at the same absolute path (NFS or
any shared mount) and the same environment (`uv sync` of the same uv.lock) — the case of a
LocalCluster, where they share this machine's disk. A worker lost mid-report has its report
retried on another worker by Dask; a report that fails in its notebook is a failed report.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from ..errors import ClusterError, ParameterError
from .pool import shutdown_here

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"


def parse_scheduler(text: str) -> tuple[str, int | None]:
    """("local", N workers or None) or ("address", None)."""
    text = (text or "").strip()
    if not text:
        raise ParameterError("--scheduler needs an address or local[:N]")
    if text == "local" or text.startswith("local:"):
        count = text.partition(":")[2]
        if count and (not count.isdigit() or int(count) < 1):
            raise ParameterError(f"--scheduler {text}: N in local:N must be a whole number ≥ 1")
        return "local", int(count) if count else None
    return "address", None


@contextmanager
def dask_executor(scheduler: str, processes: bool = True) -> Iterator[Executor]:
    """A `concurrent.futures.Executor` running on the Dask cluster `scheduler` (see the module
    docstring); the warm kernels its workers started are stopped when the block ends, and a
    LocalCluster it started is closed. `processes=False` (local only) runs the workers as
    threads of this process."""
    kind, workers = parse_scheduler(scheduler)
    # distributed costs about a second to import: only when a cluster is asked for.
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                   threads_per_worker=1, processes=processes,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler}: {error}",
                           hint="start it with `dask scheduler` or use --scheduler local:N"
                           ) from error
    log.info("running reports on %s (%d workers)", client.scheduler.address
             if hasattr(client.scheduler, "address") else scheduler,
             len(client.scheduler_info().get("workers", {})))
    try:
        yield client.get_executor(pure=False)
    finally:
        try:
            client.run(shutdown_here)
        except Exception as error:  # noqa: BLE001 - a lost worker's kernels died with it
            log.warning("could not stop every worker's kernel: %s", error)
        client.close()
        if cluster is not None:
            cluster.close()
