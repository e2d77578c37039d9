"""Report jobs on a Dask distributed cluster (`dtanalysis build|report --scheduler ADDRESS`).

    with dask_executor("tcp://scheduler:8786") as reports:    # or "local:2"
        run_jobs(jobs, ctx, executor=reports)

`local` / `local:N` starts a `LocalCluster` of N worker processes (default: one per core) on
this machine, on loopback only, and stops it at the end; any other text is the address of a
running scheduler (`dask scheduler` + `dask worker ADDRESS` on each machine). Each worker runs
one report at a time per thread on a warm kernel of its own, an ordinary subprocess of the
worker, stopped at the end of the run.

No shared filesystem: the files the reports read (`data/processed`, the registry, the
notebooks: `remote.Payload`) are kept by each machine as a copy checked by hash per payload
digest. Before a run every worker is asked whether it holds a checked copy of this run's
payload (an earlier run on the same data left one); the payload is sent (`Client.scatter`)
only to those that do not, and each report carries its digest and hashes (`PayloadRef`),
not the files: a worker whose copy went missing meanwhile fetches the sent payload, or asks
for it. The package's version and code digest are checked on the worker; each report's page,
executed notebook, CSV / XLSX and record come back and are written here into `reports/` by
`outputs.store`, each through a temporary and a rename, with the same record and freshness
rules as a local run.

Reports are handed to the cluster as its workers' threads free up (never more at once than
it has threads), so a worker that ends one takes the next, as the local runner's threads do.

Retries: a worker lost mid-report (killed, out of memory, its machine gone) has its report
re-run on another worker by Dask's scheduler (up to `distributed.scheduler.allowed-failures`,
3 by default; then `KilledWorker`, a failed report). A worker that cannot run a job (no kernel
could be started, its copy of the project damaged, another dtanalysis) sends it back and it is
resubmitted to the workers that have not tried it (any worker, should they all be lost
meanwhile), up to `ATTEMPTS` times in all. A report that
fails in its notebook is a failed report, never retried.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from ..errors import ClusterError, ParameterError
from .context import Outcome, RunContext
from .jobs import Job
from .outputs import new_record, run_date_now, store
from .remote import Payload, PayloadRef, RemoteResult, RunSpec, holds_copy, run_remote
from .slots import shutdown_here

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = "20s"
# The LocalCluster's own settings (its scheduler, nannies and workers; a running cluster keeps
# its own): no statistical profile of the tasks (sampled every 10 ms, for a dashboard it does
# not have) and the event loops' health check every 500 ms, not 20 ms. Measured, an idle
# LocalCluster of 2 workers for 20 s: 0.6-0.7 s of CPU per worker and 0.7-1.0 s in this process
# by default, 0.15 and 0.4 s with these; while reports run the profile costs more (a deeper
# stack to sample: worker CPU 10.8 → 8.6 s per 16 reports).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "500ms"}
# The LocalCluster's worker processes run `remote.dask_setup` as they start (they ignore
# Ctrl-C: the client stops them).
WORKER_PRELOAD = {"distributed.worker.preload": ["dtanalysis.runner.remote"]}
WATCH_SECONDS = 2  # how often a retried job's workers are checked for being lost
ATTEMPTS = 3  # workers a job may be sent to when a worker cannot run it (see the docstring)


SCHEMES = ("tcp", "tls", "ws", "wss")  # what a Dask scheduler's address starts with


def parse_scheduler(text: str) -> tuple[str, int | None]:
    """("local", N workers or None) or ("address", None); N above the cores is clamped to
    them (each worker runs a kernel: more only thrash). ParameterError, one line, for
    anything else (`foo`, `tcp://[::1`, `inproc://x`, `local:²`)."""
    if not isinstance(text, str) or not text.strip():
        raise ParameterError("--scheduler needs an address (tcp://host:8786) or local[:N]")
    text = text.strip()
    shown = text if len(text) <= 60 else text[:60] + "…"
    if text == "local" or text.startswith("local:"):
        count = text.partition(":")[2]
        if count and (not re.fullmatch(r"[0-9]{1,6}", count) or int(count) < 1):
            raise ParameterError(f"--scheduler {shown}: N in local:N must be a whole number "
                                 "≥ 1", hint="e.g. local:2, or local for one worker per core")
        return "local", min(int(count), os.cpu_count() or 1) if count else None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ParameterError(f"--scheduler {shown!r} is not an address ({error})",
                             hint="give tcp://host:8786 or local[:N]") from None
    if parts.scheme not in SCHEMES or not parts.hostname or parts.path not in ("", "/") \
            or port == 0:
        raise ParameterError(f"--scheduler {shown!r} is not a Dask scheduler's address",
                             hint="give tcp://host:8786 (tls://… with certificates) or "
                                  "local[:N]")
    return "address", None


def check_scheduler(text: str | None) -> str | None:
    """`text` checked (ParameterError) before any work starts; says so when local:N asks
    for more workers than the cores (it runs as many as the cores)."""
    if text is None:
        return None
    kind, workers = parse_scheduler(text)
    if kind == "local":
        asked = text.strip().partition(":")[2]
        if asked and workers is not None and int(asked) > workers:
            log.warning("--scheduler %s is more than the %d core(s): starting %d workers",
                        text.strip(), workers, workers)
            return f"local:{workers}"
    return text.strip()


@contextmanager
def dask_executor(scheduler: str, processes: bool = True) -> Iterator[DaskReports]:
    """The reports' runner on the Dask cluster `scheduler` (see the module docstring), for
    `run_jobs(executor=…)`; the warm kernels its workers started are stopped when the block
    ends, and a LocalCluster it started is closed. `processes=False` (local only) runs the
    workers as threads of this process."""
    kind, workers = parse_scheduler(scheduler)
    # distributed costs about a second to import: only when a cluster is asked for.
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if kind == "local":
            # the nannies pass it to their workers
            with dask.config.set({**LOCAL_CONFIG, **(WORKER_PRELOAD if processes else {})}):
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                       threads_per_worker=1, processes=processes,
                                       dashboard_address=None,
                                       # no dashboard, but the scheduler's HTTP server
                                       # (health, metrics) still starts: on a free port,
                                       # not 8787 (taken by a user's own cluster, it warned)
                                       scheduler_kwargs={"dashboard_address": ":0"},
                                       # loopback only; threads talk in-process (no host)
                                       **({"host": "127.0.0.1"} if processes else {}))
                client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler}: {error}",
                           hint="start it with `dask scheduler` or use --scheduler local:N"
                           ) from error
    try:
        from .dask_worker import StartUp

        client.register_plugin(StartUp())  # every worker's start-up steps, later ones too
    except Exception as error:  # noqa: BLE001 - a slower import, not a failed run
        log.warning("could not register the workers' start-up steps: %s", error)
    log.info("running reports on %s (%d workers)", client.scheduler.address
             if hasattr(client.scheduler, "address") else scheduler,
             len(client.scheduler_info().get("workers", {})))
    reports = DaskReports(client, own=cluster is not None)
    try:
        yield reports
    except KeyboardInterrupt:
        reports.hush()  # when Ctrl-C came outside `run_reports`
        raise
    finally:
        try:
            client.run(shutdown_here)
        except Exception as error:  # noqa: BLE001 - a lost worker's kernels died with it
            log.warning("could not stop every worker's kernel: %s", error)
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            reports.unhush()


class DaskReports:
    """Runs report jobs on a Dask client's cluster and writes their results here (what
    `pool.run_jobs` calls with `executor=`)."""

    def __init__(self, client, own: bool = False) -> None:
        self.client = client
        self.own = own  # a LocalCluster started for this run (closed at its end)
        # the workers the last run sent its payload to; empty when every worker held a
        # checked copy of it
        self.sent_to: list[str] = []
        self._hushed: int | None = None  # logging's level disabled before `hush`

    def hush(self) -> None:
        """After Ctrl-C: the cluster stops without a word. This process (its LocalCluster's
        scheduler and nannies) logs nothing until `unhush`, nor do the workers of a
        LocalCluster started for this run (`_hush_here`; a running cluster's workers, which
        outlive the run, are left as they are): the tasks cancelled, the workers closed
        while a report ran and the kernels stopped are what was asked, not warnings (the CLI
        says in one line what was interrupted)."""
        if self._hushed is not None:
            return
        self._hushed = logging.root.manager.disable
        logging.disable(logging.CRITICAL)
        if self.own:  # a worker that cannot be told is being stopped anyway
            with contextlib.suppress(Exception):
                self.client.run(_hush_here, on_error="return")

    def unhush(self) -> None:
        """This process's logging as it was before `hush`."""
        if self._hushed is not None:
            logging.disable(self._hushed)
            self._hushed = None

    def run_reports(self, jobs: list[Job], ctx: RunContext,
                    report: Callable[[Outcome], None]) -> None:
        """Each job's outcome goes to `report` as it ends, once; every job gets one."""
        # distributed is imported by dask_executor already
        from distributed import KilledWorker, wait

        payload = Payload.of(ctx, jobs)
        spec = RunSpec.of(ctx)
        ref = PayloadRef.of(payload)
        sent: list = []  # the scattered payloads (kept until the run ends)
        self.sent_to = []

        def send(workers: list[str]) -> None:
            """The payload to `workers`, kept in their memory for the run."""
            nonlocal ref
            sent.append(self.client.scatter(payload, workers=workers, broadcast=True,
                                            hash=False))
            ref = PayloadRef.of(payload, tuple(future.key for future in sent))
            self.sent_to += workers

        # Only workers without a checked copy of this payload (an earlier run on the same
        # data, on this cluster or another on the same machines) are sent it.
        held = self.client.run(holds_copy, ref, on_error="return")
        missing = sorted(w for w, ok in held.items() if ok is not True)
        if missing:
            send(missing)
        log.info("payload %s (%d files, %.1f MB): held by %d of %d workers, sent to %d",
                 payload.digest, len(payload.files), payload.size / 1e6,
                 len(held) - len(missing), len(held), len(missing))
        tried: dict[int, list[str]] = {i: [] for i in range(len(jobs))}
        attempts = dict.fromkeys(range(len(jobs)), 0)
        pending = deque(range(len(jobs)))  # not submitted yet, in order (retries first)
        futures: dict = {}      # future → job index
        restricted: dict = {}   # future → the workers it may run on
        prefer: dict[int, str] = {}  # job index → the worker it should go to next

        def submit(i: int, anywhere: bool = False) -> None:
            job, where = jobs[i], {}
            gone = {t.split(" ", 1)[0] for t in tried[i]}
            others = [w for w in self._workers() if w not in gone] if tried[i] else []
            if tried[i] and others and not anywhere:
                # strict (a loose restriction lets an idle worker steal it back); should
                # those workers all be lost, the loop below sends it anywhere
                where = {"workers": others, "allow_other_workers": False}
            elif i in prefer and not anywhere:  # the worker just sent the payload for it
                where = {"workers": [prefer.pop(i)], "allow_other_workers": True}
            if not anywhere:
                attempts[i] += 1
            log.debug("%s: attempt %d on %s", job.label, attempts[i], where or "any worker")
            future = self.client.submit(run_remote, job, spec, ref, _relative_out(job, ctx),
                                        key=f"report-{job.slug}-{job.lang}-{uuid.uuid4().hex}",
                                        pure=False, **where)
            futures[future] = i
            if where and not where["allow_other_workers"]:
                restricted[future] = set(others)

        def fill(ended: int = 0) -> None:
            """As many reports submitted as the cluster has threads (`ended` of `futures` are
            over, their results not yet fetched): a worker takes the next as it ends one (as
            the local runner's threads do); the scheduler, handed them all at once, queued
            them on workers by guessed durations, leaving one idle for seconds while the
            other still had several."""
            slots = max(1, self._threads())
            while pending and len(futures) - ended < slots:
                submit(pending.popleft())

        def settle(future) -> None:
            i = futures.pop(future)
            restricted.pop(future, None)
            job = jobs[i]
            try:
                result: RemoteResult = future.result()
            except KilledWorker as lost:
                report(self._failed(job, ctx, tried[i], (
                    "its worker died each time it ran it (Dask KilledWorker, "
                    f"distributed.scheduler.allowed-failures): {lost}")))
                return
            except Exception as failure:  # noqa: BLE001 - lost data, connection, a bug
                result = RemoteResult("retry", worker="?",
                                      retry=f"{type(failure).__name__}: {failure}")
            if result.needs_payload and result.worker not in self.sent_to:
                # its copy went missing (or a worker joined): not a failed attempt
                attempts[i] = max(0, attempts[i] - 1)
                log.info("%s: %s has no copy of the payload: sending it", job.label,
                         result.worker)
                send([result.worker])
                prefer[i] = result.worker
                pending.appendleft(i)
                return
            if result.retry:
                tried[i].append(f"{result.worker} {result.retry}")
                again = attempts[i] < ATTEMPTS
                log.warning("%s: could not run on %s (%s); %s", job.label, result.worker,
                            result.retry, "trying another worker" if again else "giving up")
                if again:
                    pending.appendleft(i)
                else:
                    report(self._failed(job, ctx, tried[i], (
                        f"no worker could run it ({attempts[i]} tried): "
                        + "; ".join(tried[i]))))
                return
            outcome = store(job, ctx, result.record, result.error, result.seconds,
                            result.files)
            outcome.worker, outcome.retried = result.worker, tuple(tried[i])
            report(outcome)

        fill()
        try:
            while futures:
                try:
                    done, _ = wait(list(futures), timeout=WATCH_SECONDS,
                                   return_when="FIRST_COMPLETED")
                except TimeoutError:  # distributed's wait raises when none ended in time
                    done = []
                fill(len(done))  # the next reports start while these results travel
                for future in done:
                    settle(future)
                if restricted:
                    live = set(self._workers())
                    for future, allowed in list(restricted.items()):
                        if future.status == "pending" and not allowed & live:
                            i = futures.pop(future)  # its workers are gone: anywhere
                            restricted.pop(future)
                            future.cancel()
                            submit(i, anywhere=True)
                fill()
        except BaseException as stopped:  # Ctrl-C: nothing more is written; the workers stop
            if isinstance(stopped, KeyboardInterrupt):
                self.hush()  # before the running reports are cancelled
            self.client.cancel(list(futures))
            raise

    def _workers(self) -> list[str]:
        return list(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def _threads(self) -> int:
        """The threads of the cluster's workers: reports that can run at once."""
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return sum(int(w.get("nthreads") or 1) for w in workers.values())

    @staticmethod
    def _failed(job: Job, ctx: RunContext, tried: list[str], error: str) -> Outcome:
        """A failed report whose run brought nothing back: its record says why."""
        outcome = store(job, ctx, new_record(job, ctx, run_date_now()), error, 0.0, {})
        outcome.retried = tuple(tried)
        return outcome


def _hush_here() -> None:
    """On a worker, after Ctrl-C of the client: no more log lines (its reports are cancelled
    and it is closed while one runs)."""
    logging.disable(logging.CRITICAL)


def _relative_out(job: Job, ctx: RunContext) -> str:
    """The job's output path relative to the project root (as the worker rebuilds it)."""
    try:
        return job.out.relative_to(ctx.paths.root).as_posix()
    except ValueError:
        return f"reports/{job.out.parent.name}/{job.out.name}"
