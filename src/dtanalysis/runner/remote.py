"""Report jobs on a machine that does not share the project's filesystem (a Dask worker).

What a job needs reaches the worker: the `Payload` of a run (the files of `data/processed`,
the registry from `data/raw`, the report notebooks; each with its sha256, together the
payload's digest) is materialised on each machine as a project of its own,
`<cache>/<digest>/`, checked file by file against the hashes before every report. It is sent
only to workers that hold no checked copy (`holds_copy`: a copy left by an earlier run of the
same data is reused); a report carries a `PayloadRef` in its place (the digest, the hashes,
the key of the sent payload). The package that runs it is checked too: a worker whose
dtanalysis version or code digest differs from the client's refuses the job. `run_remote` runs the report there with the local runner's own `execute`, in
a folder of its own, and sends everything it wrote back (`RemoteResult`: the page, the executed
notebook, the CSV / XLSX of a province, the record); the client writes them into its
`reports/` (`outputs.store`). Nothing on the worker reads or writes the client's paths.

A job that cannot run on this worker (no kernel could be started, a payload file that does not
match its hash, another dtanalysis) comes back as `retry` with the reason: the client runs it
on another worker. A failing notebook is a failed report, as on one machine.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import signal
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..caches import cached
from ..identity import code_digest
from ..paths import REGISTRY_FILE, Paths
from ..testhooks import fault_point
from .context import RunContext
from .execute import execute
from .exports import export_paths
from .jobs import Job
from .kernels import KernelError
from .slots import ensure_warm, release, slot_here

log = logging.getLogger(__name__)

# Where a worker keeps the projects it materialised (one folder per payload digest); default
# a folder of the system's temporary directory.
CACHE_ENV = "DTANALYSIS_WORKER_CACHE"
_READY = ".dtanalysis-payload"  # written last into a materialised project: its digest


@dataclass(frozen=True)
class Payload:
    """The files a run's reports read, by path relative to the project root."""

    files: dict[str, bytes]
    sha256: dict[str, str]
    digest: str
    data_version: str

    @classmethod
    def of(cls, ctx: RunContext, jobs: list[Job]) -> Payload:
        root = ctx.paths.root
        paths = [p for p in sorted(ctx.paths.processed.rglob("*")) if p.is_file()
                 and not p.name.startswith(".")]
        paths.append(ctx.paths.raw / REGISTRY_FILE)
        paths += sorted({job.notebook for job in jobs})
        files = {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}
        sha = {name: _sha256(data) for name, data in files.items()}
        digest = _sha256(json.dumps(sha, sort_keys=True).encode())[:16]
        return cls(files, sha, digest, ctx.data_version)

    @property
    def size(self) -> int:
        return sum(map(len, self.files.values()))


@dataclass(frozen=True)
class PayloadRef:
    """What a report carries in place of its payload: the digest and hashes a worker checks
    its copy against, and the keys under which the client sent the payload to some workers
    (a worker whose copy is missing uses the payload it was sent; one sent none asks)."""

    digest: str
    sha256: dict[str, str]
    keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, payload: Payload, keys: tuple[str, ...] = ()) -> PayloadRef:
        return cls(payload.digest, payload.sha256, keys)


@dataclass(frozen=True)
class RunSpec:
    """The run's context without its paths: what `RunContext` is on the worker."""

    data_version: str
    commit: str | None
    code_digest: str
    version: str
    with_code: bool
    pdf: bool
    cell_timeout: float | None
    report_timeout: float | None

    @classmethod
    def of(cls, ctx: RunContext) -> RunSpec:
        return cls(ctx.data_version, ctx.commit, ctx.code_digest, __version__, ctx.with_code,
                   ctx.pdf, ctx.cell_timeout, ctx.report_timeout)


@dataclass
class RemoteResult:
    """What a worker sends back: the report's status and error, its record and files by
    suffix; or `retry` (why this worker could not run it: run it elsewhere)."""

    status: str
    error: str | None = None
    seconds: float = 0.0
    record: dict = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    worker: str = ""
    retry: str | None = None
    needs_payload: bool = False  # no copy here and none sent: send it, then run it again


def dask_setup(worker) -> None:
    """Run in each worker process of the LocalCluster `--scheduler local[:N]` starts, as the
    worker starts (`distributed.worker.preload` names this module). Ctrl-C in a terminal
    reaches every process of its group, the workers too: they ignore it, and the client,
    which the interrupt is for, stops them in order (their kernels stopped, their connection
    folders removed); interrupted themselves, each printed a KeyboardInterrupt traceback,
    its nanny's and scheduler's ERROR lines followed, and its kernel's folder stayed. A
    kernel that died is logged by nbclient through `traitlets` (papermill's own lines too),
    bare on stderr without a handler: the report's outcome says it, as the client's CLI
    keeps them off stderr."""
    import threading

    if threading.current_thread() is threading.main_thread():  # a worker process's own
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("papermill", "traitlets"):
        other = logging.getLogger(name)
        if not other.handlers:
            other.addHandler(logging.NullHandler())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cached("runner.code_digest", maxsize=1)
def _own_code() -> str:
    return code_digest()


def _worker_name() -> str:
    try:
        # distributed is there when a Dask worker runs this; not otherwise (tests call it)
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def cache_folder() -> Path:
    return Path(os.environ.get(CACHE_ENV) or
                Path(tempfile.gettempdir()) / f"dtanalysis-worker-{os.getuid()}")


def materialise(payload: Payload, cache: Path | None = None) -> Path:
    """The payload as a project folder on this machine, `<cache>/<digest>`: written once
    (through a staging folder and a rename) and checked against the hashes each time.
    OSError or ValueError when it cannot be had (a full disk, a file that arrived damaged)."""
    cache = cache or cache_folder()
    root = cache / payload.digest
    if not _checked(root, payload):
        cache.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{payload.digest}-", dir=cache))
        try:
            for name, data in payload.files.items():
                if _sha256(data) != payload.sha256[name]:
                    raise ValueError(f"{name} arrived damaged (sha256 differs)")
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            (staging / _READY).write_text(payload.digest, encoding="utf-8")
            if _checked(root, payload):  # another worker of this machine was quicker
                return root
            if root.exists():  # a damaged copy: moved aside, then removed
                aside = cache / f".{payload.digest}-damaged-{uuid.uuid4().hex[:8]}"
                os.replace(root, aside)
                shutil.rmtree(aside, ignore_errors=True)
            try:
                os.replace(staging, root)
            except OSError:
                if not _checked(root, payload):  # another process put it there first
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if not _checked(root, payload):
            raise ValueError(f"the project copy {root} does not match its payload")
    return root


def holds_copy(ref: PayloadRef, cache: Path | None = None) -> bool:
    """This machine has a checked copy of the payload `ref` names (what the client asks every
    worker before a run: it sends the payload only to those that have none)."""
    return _checked((cache or cache_folder()) / ref.digest, ref)


def project_copy(source: Payload | PayloadRef, cache: Path | None = None) -> Path | None:
    """This worker's checked copy of the run's project (`materialise`): from the payload
    itself, or for a `PayloadRef` the copy already here, else one made from the payload this
    worker was sent; None when it has neither (the client then sends it the payload).
    OSError or ValueError as `materialise`."""
    if isinstance(source, Payload):
        return materialise(source, cache)
    root = (cache or cache_folder()) / source.digest
    if _checked(root, source):
        return root
    payload = _sent_here(source.keys)
    return None if payload is None else materialise(payload, cache)


def _sent_here(keys: tuple[str, ...]) -> Payload | None:
    """The payload the client sent to this Dask worker under one of `keys`, if it did."""
    if not keys:
        return None
    from distributed import get_worker

    data = get_worker().data
    return next((data[key] for key in keys if key in data), None)


def _checked(root: Path, payload: Payload | PayloadRef) -> bool:
    """`root` holds exactly the payload's files (by sha256)."""
    try:
        if (root / _READY).read_text(encoding="utf-8") != payload.digest:
            return False
        return all(_sha256((root / name).read_bytes()) == digest
                   for name, digest in payload.sha256.items())
    except OSError:
        return False


def run_remote(job: Job, spec: RunSpec, source: Payload | PayloadRef,
               relative_out: str) -> RemoteResult:
    """Run `job` (the client's, with the client's paths) on this worker's copy of the
    project (`project_copy` of `source`); `relative_out` is the job's output path relative to
    the client's root. Its outputs come back in the result; nothing is left in the worker's
    copy. Without a copy, and no payload sent, the result asks for it (`needs_payload`)."""
    started = time.perf_counter()
    worker = _worker_name()
    if (spec.version, spec.code_digest) != (__version__, _own_code()):
        return RemoteResult("retry", worker=worker, retry=(
            f"this worker runs dtanalysis {__version__} (code {_own_code()}), the client "
            f"{spec.version} (code {spec.code_digest}): install the same version"))
    if fault_point("copy-lost", job.slug):  # TEST: this machine's copy is gone
        shutil.rmtree(cache_folder() / source.digest, ignore_errors=True)
    try:
        root = project_copy(source)
    except (OSError, ValueError) as error:
        return RemoteResult("retry", worker=worker, retry=f"the project copy: {error}")
    if root is None:
        return RemoteResult("retry", worker=worker, retry="no copy of the project here",
                            needs_payload=True)
    paths = Paths(root)
    ctx = RunContext(paths, spec.data_version, spec.commit, spec.code_digest, spec.with_code,
                     spec.pdf, cell_timeout=spec.cell_timeout,
                     report_timeout=spec.report_timeout)
    slot = slot_here(ctx)
    try:
        if fault_point("kernel-start", job.slug):  # TEST: as if it died and would not restart
            release(slot, stop=True)
            raise KernelError("TEST fault: the kernel could not be started")
        ensure_warm(slot, fall_back=False)
    except Exception as error:  # noqa: BLE001 - any start failure: another worker
        return RemoteResult("retry", worker=worker,
                            retry=f"no kernel could be started: {error}")
    if fault_point("worker-kill", job.slug):
        os.kill(os.getpid(), signal.SIGKILL)  # TEST: the worker dies mid-run
    out = Path(tempfile.mkdtemp(prefix=f".out-{uuid.uuid4().hex[:8]}-", dir=root.parent))
    try:
        here = Job(job.kind, job.label, paths.notebooks / job.notebook.name, job.parameters,
                   out / relative_out, job.unit_set, job.slug, job.lang)
        try:
            outcome = execute(here, ctx, slot)
        finally:
            release(slot)
        files = {}
        for suffix, path in (("html", here.html), ("ipynb", here.ipynb),
                             *zip(("csv", "xlsx"), export_paths(here.html))):
            if path.is_file():
                files[suffix] = path.read_bytes()
        record = json.loads(here.record.read_text(encoding="utf-8")) if here.record.is_file() \
            else {}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return RemoteResult(outcome.status, outcome.error, time.perf_counter() - started, record,
                        files, worker)
