"""Run the report notebooks with Papermill and render them to offline HTML.

Outputs (see README): `reports/provinces/<slug>.html` for the 63 provinces,
`reports/units-2025/<slug>.html` for the 34 units, `reports/overview.html`, each with its
executed notebook (`.ipynb`, kept for audit) and a `.json` record (status, error, inputs,
run date) from which `index_page` builds `reports/index.html`.

Parameters are checked before any kernel starts. A report whose inputs (data version, notebook,
parameters, package version and code) have not changed is skipped unless `force`. Reports run
on warm kernels (see `kernels`), one per job slot; a failing notebook does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import queue
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from . import __version__
from .config import Paths
from .identity import code_digest, git_commit
from .registry import ProvinceError, registry

PROVINCE_NOTEBOOK = "province_report.ipynb"
OVERVIEW_NOTEBOOK = "national_overview.ipynb"
FOLDERS = {"63": "provinces", "34": "units-2025"}


class ParameterError(ValueError):
    pass


@dataclass(frozen=True)
class Job:
    kind: str            # "province" or "overview"
    label: str           # shown in progress and in the index
    notebook: Path
    parameters: dict
    out: Path            # output path without suffix: <out>.html / .ipynb / .json
    unit_set: str
    slug: str
    lang: str

    @property
    def html(self) -> Path:
        return self.out.parent / f"{self.out.name}.html"

    @property
    def ipynb(self) -> Path:
        return self.out.parent / f"{self.out.name}.ipynb"

    @property
    def record(self) -> Path:
        return self.out.parent / f"{self.out.name}.json"


@dataclass
class Outcome:
    job: Job
    status: str          # ok, failed, skipped
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Context:
    """What every report of one run shares: paths, data version, code identity."""
    paths: Paths
    data_version: str
    commit: str | None
    code_digest: str
    with_code: bool = False
    notebook_digests: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def create(cls, paths: Paths, with_code: bool = False) -> Context:
        from .store import manifest

        version = manifest(paths.root).get("data_version")
        if not version:
            raise FileNotFoundError("no processed data: run `dtanalysis clean` first")
        return cls(paths, version, git_commit(paths.root), code_digest(), with_code)

    def inputs_hash(self, job: Job) -> str:
        digest = self.notebook_digests.get(job.notebook)
        if digest is None:
            digest = self.notebook_digests[job.notebook] = _sha256(job.notebook.read_bytes())
        payload = {"data": self.data_version, "notebook": digest, "parameters": job.parameters,
                   "version": __version__, "code": self.code_digest,
                   "with_code": self.with_code}
        return _sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- planning and parameter checks --------------------------------------------------------

def notebook_parameters(notebook: Path) -> set[str]:
    """Names in the notebook's `parameters` cell (read without starting a kernel)."""
    return set(_parameters_of(str(notebook), notebook.stat().st_mtime_ns))


@lru_cache(maxsize=16)
def _parameters_of(notebook: str, mtime_ns: int) -> frozenset[str]:
    # Plain JSON, not nbformat: importing nbformat costs seconds (jsonschema), and a rebuild
    # where nothing changed must stay well under 1.5 s.
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get(
                "tags", []):
            names = set()
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for line in source.splitlines():
                name = line.split("=")[0].strip()
                if "=" in line and name.isidentifier():
                    names.add(name)
            return frozenset(names)
    raise ParameterError(f"{Path(notebook).name} has no cell tagged 'parameters'")


def check_parameters(notebook: Path, parameters: dict) -> None:
    known = notebook_parameters(notebook)
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(map(repr, unknown))} for "
                             f"{notebook.name}; it takes: {', '.join(sorted(known))}")


def province_job(paths: Paths, name: str, unit_set: str = "63", lang: str = "vi",
                 extra: dict | None = None) -> Job:
    """The job for one province; raises ParameterError for an unknown name or parameter."""
    try:
        unit = registry(paths.root).resolve(name, unit_set=unit_set)
    except ProvinceError as error:
        raise ParameterError(str(error)) from error
    notebook = paths.notebooks / PROVINCE_NOTEBOOK
    parameters = {"province": unit.short_name, "unit_set": unit_set, "lang": lang,
                  **(extra or {})}
    check_parameters(notebook, parameters)
    suffix = "" if lang == "vi" else f".{lang}"
    return Job("province", unit.short_name, notebook, parameters,
               paths.reports / FOLDERS[unit_set] / f"{unit.slug}{suffix}", unit_set, unit.slug,
               lang)


def overview_job(paths: Paths, lang: str = "vi") -> Job:
    notebook = paths.notebooks / OVERVIEW_NOTEBOOK
    parameters = {"lang": lang}
    check_parameters(notebook, parameters)
    suffix = "" if lang == "vi" else f".{lang}"
    label = "Toàn quốc" if lang == "vi" else "National overview"
    return Job("overview", label, notebook, parameters, paths.reports / f"overview{suffix}",
               "63", "overview", lang)


def all_province_jobs(paths: Paths, unit_set: str, lang: str) -> list[Job]:
    return [province_job(paths, unit.code, unit_set, lang)
            for unit in registry(paths.root).all(unit_set)]


# -- running -----------------------------------------------------------------------------

def _read_record(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_fresh(job: Job, ctx: Context) -> bool:
    record = _read_record(job.record)
    return (record.get("status") == "ok" and job.html.exists()
            and record.get("inputs_hash") == ctx.inputs_hash(job))


def footer_html(job: Job, ctx: Context, run_date: str) -> str:
    vi = job.lang == "vi"
    labels = (("Phiên bản dữ liệu", "dtanalysis", "Commit", "Tham số", "Ngày chạy")
              if vi else ("Data version", "dtanalysis", "Commit", "Parameters", "Run date"))
    values = (ctx.data_version, __version__, ctx.commit or "—",
              json.dumps(job.parameters, ensure_ascii=False), run_date)
    items = " · ".join(f"<span><b>{escape(k)}</b> {escape(str(v))}</span>"
                       for k, v in zip(labels, values))
    note = ("Mọi con số trong báo cáo đều lấy từ data/raw kèm nguồn (mục 8)." if vi else
            "Every figure in this report comes from data/raw with its source (section 8).")
    return (f'<footer class="dtanalysis-footer"><p>{items}</p>'
            f"<p>{escape(note)}</p></footer>")


def execute(job: Job, ctx: Context, kernel=None) -> Outcome:
    """Run one job (on `kernel`, a WarmKernel, or a fresh kernel) and write its outputs."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .render import notebook_to_html, page_has_no_remote_references

    started = time.perf_counter()
    run_date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    job.out.parent.mkdir(parents=True, exist_ok=True)
    record = {"kind": job.kind, "label": job.label, "slug": job.slug, "unit_set": job.unit_set,
              "lang": job.lang, "parameters": job.parameters, "run_date": run_date,
              "data_version": ctx.data_version, "package_version": __version__,
              "commit": ctx.commit, "inputs_hash": ctx.inputs_hash(job),
              "html": job.html.name, "ipynb": job.ipynb.name}
    error = None
    try:
        if kernel is not None:
            kernel.reset()
            extra = {"km": kernel.km}
        else:
            extra = {"cwd": str(ctx.paths.notebooks)}
            os.environ.setdefault("DTANALYSIS_ROOT", str(ctx.paths.root))
        nb = papermill.execute_notebook(
            str(job.notebook), str(job.ipynb), parameters=job.parameters,
            kernel_name="python3", progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, **extra)
        html = notebook_to_html(nb, with_code=ctx.with_code, title=f"{job.label} — DTI",
                                footer_html=footer_html(job, ctx, run_date))
        remote = page_has_no_remote_references(html)
        if remote:
            raise RuntimeError(f"the page would load remote resources: {remote[:3]}")
        job.html.write_text(html, encoding="utf-8")
    except PapermillExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue} (cell {failure.exec_count})"
    except Exception as failure:  # noqa: BLE001 - one report's failure must not stop others
        error = f"{type(failure).__name__}: {failure}"
    seconds = time.perf_counter() - started
    record.update(status="failed" if error else "ok", error=error, seconds=round(seconds, 2))
    if error and job.html.exists():
        job.html.unlink()  # never leave a stale page that looks current
    job.record.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    return Outcome(job, record["status"], seconds, error)


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.done, self.failed, self.stream = total, 0, 0, stream
        self.started = time.perf_counter()
        self.lock = threading.Lock()

    def update(self, outcome: Outcome) -> None:
        with self.lock:
            self.done += 1
            self.failed += outcome.status == "failed"
            elapsed = time.perf_counter() - self.started
            mark = {"ok": "ok", "failed": "FAILED", "skipped": "up to date"}[outcome.status]
            line = (f"[{self.done}/{self.total}] {outcome.job.label} ({outcome.job.unit_set}): "
                    f"{mark} · failures {self.failed} · elapsed {elapsed:.1f} s")
            if outcome.error:
                line += f"\n    {outcome.error}"
            print(line, file=self.stream or sys.stderr, flush=True)


def run_jobs(jobs: list[Job], ctx: Context, n_jobs: int | None = None, force: bool = False,
             progress: Progress | None = None, warm: bool = True) -> list[Outcome]:
    """Run jobs on `n_jobs` warm kernels; skip fresh ones unless `force`."""
    outcomes: list[Outcome] = []
    todo: queue.Queue[Job] = queue.Queue()
    for job in jobs:
        if not force and is_fresh(job, ctx):
            outcome = Outcome(job, "skipped")
            outcomes.append(outcome)
            if progress:
                progress.update(outcome)
        else:
            todo.put(job)
    if todo.empty():
        return outcomes
    n_jobs = max(1, min(n_jobs or os.cpu_count() or 1, todo.qsize()))
    lock = threading.Lock()

    def worker() -> None:
        kernel, use_warm = None, warm
        try:
            while True:
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                if use_warm and kernel is None:
                    try:
                        from .kernels import WarmKernel
                        kernel = WarmKernel(ctx.paths.notebooks,
                                            env={"DTANALYSIS_ROOT": str(ctx.paths.root)})
                    except Exception as error:  # noqa: BLE001 - fall back to fresh kernels
                        print(f"warm kernel unavailable ({error}); using a fresh kernel per "
                              "report", file=sys.stderr)
                        use_warm = False
                outcome = execute(job, ctx, kernel)
                with lock:
                    outcomes.append(outcome)
                if progress:
                    progress.update(outcome)
        finally:
            if kernel is not None:
                kernel.shutdown()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(n_jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order = {id(job): i for i, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[id(o.job)])


def summarize(outcomes: list[Outcome], seconds: float) -> str:
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "skipped", "failed")}
    lines = [(f"{len(outcomes)} report(s): {counts['ok']} run, {counts['skipped']} up to "
              f"date, {counts['failed']} failed in {seconds:.1f} s")]
    lines += [f"  FAILED {o.job.label} ({o.job.unit_set}): {o.error}" for o in outcomes
              if o.status == "failed"]
    return "\n".join(lines)


def _finish(paths: Paths, outcomes: list[Outcome], started: float) -> int:
    from .index_page import write_index

    index = write_index(paths)
    print(summarize(outcomes, time.perf_counter() - started), file=sys.stderr)
    print(f"index: {paths.relative(index)}", file=sys.stderr)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def build_reports(root=None, jobs: int | None = None, lang: str = "vi", force: bool = False,
                  with_code: bool = False) -> int:
    """Every province report of both sets, the overview and the index."""
    paths = Paths.at(root)
    started = time.perf_counter()
    plan = [overview_job(paths, lang)]
    for unit_set in ("63", "34"):
        plan += all_province_jobs(paths, unit_set, lang)
    ctx = Context.create(paths, with_code)
    outcomes = run_jobs(plan, ctx, jobs, force, Progress(len(plan)))
    return _finish(paths, outcomes, started)


def run_cli_reports(root=None, provinces: list[str] | None = None, all_units: bool = False,
                    unit_set: str = "63", jobs: int | None = None, lang: str = "vi",
                    force: bool = False, with_code: bool = False) -> int:
    paths = Paths.at(root)
    started = time.perf_counter()
    try:
        plan = (all_province_jobs(paths, unit_set, lang) if all_units else
                [province_job(paths, name, unit_set, lang) for name in provinces or []])
        ctx = Context.create(paths, with_code)
    except (ParameterError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    outcomes = run_jobs(plan, ctx, jobs, force, Progress(len(plan)))
    return _finish(paths, outcomes, started)
