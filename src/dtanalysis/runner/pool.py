"""Run report jobs with Papermill on warm kernels and render them to offline HTML.

Outputs (see README): `reports/provinces/<slug>.html` for the 63 provinces,
`reports/units-2025/<slug>.html` for the 34 units, `reports/overview.html`, each with its
executed notebook (`.ipynb`, kept for audit) and a record (`.json`, see `records`) from which the
site builds `reports/index.html`.

A report whose inputs (data version, notebook, parameters, package version and code) have not
changed is skipped unless `force`. Reports run on warm kernels (see `kernels`, `engine`), one per
job slot; a failing notebook does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Protocol

import papermill
from papermill.exceptions import PapermillExecutionError

from .. import __version__
from ..errors import DtanalysisError, ProjectError
from ..identity import code_digest, git_commit
from ..paths import Paths
from ..pipeline.store import manifest
from ..records import read_record, write_record
from .engine import ENGINE_NAME, KernelSlot, kernel_slot
from .exports import export_paths, province_numbers, province_standing, write_exports
from .jobs import Job
from .kernels import WarmKernel
from .pdf import pdf_path
from .render import notebook_to_html, page_has_no_remote_references

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    job: Job
    status: str          # ok, failed, skipped
    seconds: float = 0.0
    error: str | None = None


@dataclass
class RunContext:
    """What every report of one run shares: paths, data version, code identity."""
    paths: Paths
    data_version: str
    commit: str | None
    code_digest: str
    with_code: bool = False
    pdf: bool = False  # a PDF will be printed beside each page: the page links it
    notebook_digests: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def create(cls, paths: Paths, with_code: bool = False, pdf: bool = False) -> RunContext:
        version = manifest(paths.root).get("data_version")
        if not version:
            raise ProjectError("no processed data", hint="run `dtanalysis clean` first")
        return cls(paths, version, git_commit(paths.root), code_digest(), with_code, pdf)

    def inputs_hash(self, job: Job) -> str:
        digest = self.notebook_digests.get(job.notebook)
        if digest is None:
            digest = self.notebook_digests[job.notebook] = _sha256(job.notebook.read_bytes())
        payload = {"data": self.data_version, "notebook": digest, "parameters": job.parameters,
                   "version": __version__, "code": self.code_digest,
                   "with_code": self.with_code}
        return _sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())

    def kernel_env(self) -> dict[str, str]:
        """What a report kernel of this project gets added to its environment."""
        return {"DTANALYSIS_ROOT": str(self.paths.root)}


class Progress(Protocol):
    """Told how many reports a run has, then of each as it ends (one call at a time)."""

    def start(self, total: int) -> None: ...

    def update(self, outcome: Outcome) -> None: ...


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_fresh(job: Job, ctx: RunContext) -> bool:
    record = read_record(job.record)
    return (record.get("status") == "ok" and job.html.exists()
            and record.get("inputs_hash") == ctx.inputs_hash(job))


def footer_html(job: Job, ctx: RunContext, run_date: str) -> str:
    vi = job.lang == "vi"
    labels = (("Phiên bản dữ liệu", "dtanalysis", "Commit", "Tham số", "Ngày chạy")
              if vi else ("Data version", "dtanalysis", "Commit", "Parameters", "Run date"))
    values = (ctx.data_version, __version__, ctx.commit or "—",
              json.dumps(job.parameters, ensure_ascii=False), run_date)
    items = " · ".join(f"<span><b>{escape(k)}</b> {escape(str(v))}</span>"
                       for k, v in zip(labels, values))
    note = ("Mọi con số trong báo cáo đều lấy từ data/raw kèm nguồn (mục 8)." if vi else
            "Every figure in this report comes from data/raw with its source (section 8).")
    downloads = ""
    if job.kind == "province":
        csv, xlsx = export_paths(job.html)
        links = [(csv.name, "CSV (Excel, UTF-8)"), (xlsx.name, "XLSX")]
        if ctx.pdf:
            links.append((pdf_path(job.html).name, "PDF (A4)"))
        label = ("Tải số liệu của báo cáo (giá trị, trạng thái, nguồn, tệp và dòng):" if vi
                 else "Download the report's numbers (value, status, source, file and line):")
        downloads = (f'<nav class="dta-downloads" aria-label="{escape(label)}"><p>'
                     f"{escape(label)} " + " · ".join(
                         f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)
                     + "</p></nav>")
    # The data version at the foot of every printed page (print stylesheet: @page boxes).
    foot = f"{labels[0]} {ctx.data_version} · {job.label} · dtanalysis {__version__}"
    page_foot = ("<style>@page { @bottom-left { content: \"" + foot.replace('"', "'")
                 + "\"; font: 8pt 'DejaVu Sans', sans-serif; color: #57606a; } }</style>")
    return (f'{downloads}<footer class="dtanalysis-footer"><p>{items}</p>'
            f"<p>{escape(note)}</p></footer>{page_foot}")


def _take_away(job: Job, ctx: RunContext, run_date: str, record: dict) -> None:
    """The report's numbers as CSV / XLSX beside it and its standing in the record (for the
    index). The page is already written and stays valid without them: a failure here is
    recorded as `exports_error` and logged, not a failed report."""
    province = job.parameters["province"]
    try:
        numbers = province_numbers(ctx.paths.root, ctx.data_version, province, job.unit_set,
                                   job.parameters.get("peers", "region"))
        record["standing"] = province_standing(ctx.paths.root, ctx.data_version, province,
                                               job.unit_set)
        write_exports(numbers, job.html, {
            "report": job.label, "unit_set": job.unit_set, "lang": job.lang,
            "data_version": ctx.data_version, "package_version": __version__,
            "run_date": run_date, "columns": ", ".join(numbers.columns)})
    except (DtanalysisError, OSError, ValueError, KeyError) as error:
        record["exports_error"] = f"{type(error).__name__}: {error}"
        log.warning("%s: no CSV/XLSX written: %s", job.label, error)


def execute(job: Job, ctx: RunContext, slot: KernelSlot | None = None) -> Outcome:
    """Run one job on `slot` (the thread's warm kernel; by default a fresh kernel) and write
    its outputs: the executed notebook, the HTML page, the record."""
    slot = slot or KernelSlot(ctx.paths.notebooks, ctx.kernel_env())
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
        with kernel_slot(slot):
            nb = papermill.execute_notebook(
                str(job.notebook), str(job.ipynb), parameters=job.parameters,
                engine_name=ENGINE_NAME, kernel_name="python3", progress_bar=False,
                log_output=False, request_save_on_cell_execute=False)
        html = notebook_to_html(nb, with_code=ctx.with_code, title=f"{job.label} — DTI",
                                lang=job.lang, footer_html=footer_html(job, ctx, run_date))
        remote = page_has_no_remote_references(html)
        if remote:
            raise RuntimeError(f"the page would load remote resources: {remote[:3]}")
        job.html.write_text(html, encoding="utf-8")
        if job.kind == "province":
            _take_away(job, ctx, run_date, record)
    except PapermillExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue} (cell {failure.exec_count})"
    except Exception as failure:  # noqa: BLE001 - one report's failure must not stop others
        error = f"{type(failure).__name__}: {failure}"
    seconds = time.perf_counter() - started
    record.update(status="failed" if error else "ok", error=error, seconds=round(seconds, 2))
    if error and job.html.exists():
        job.html.unlink()  # never leave a stale page that looks current
    write_record(job.record, record)
    return Outcome(job, record["status"], seconds, error)


def run_jobs(jobs: list[Job], ctx: RunContext, n_jobs: int | None = None, force: bool = False,
             progress: Progress | None = None, warm: bool = True) -> list[Outcome]:
    """Run jobs on `n_jobs` warm kernels (default: one per core); skip fresh ones unless
    `force`. `progress` hears of each job as it ends. Outcomes come back in the order of
    `jobs`."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    if progress:
        progress.start(len(jobs))

    def report(outcome: Outcome) -> None:
        with lock:
            outcomes.append(outcome)
            if progress:
                progress.update(outcome)

    todo: queue.Queue[Job] = queue.Queue()
    for job in jobs:
        if not force and is_fresh(job, ctx):
            report(Outcome(job, "skipped"))
        else:
            todo.put(job)
    if not todo.empty():
        n_jobs = max(1, min(n_jobs or os.cpu_count() or 1, todo.qsize()))
        threads = [threading.Thread(target=_worker, args=(todo, ctx, warm, report), daemon=True)
                   for _ in range(n_jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    order = {id(job): i for i, job in enumerate(jobs)}
    return sorted(outcomes, key=lambda o: order[id(o.job)])


def _worker(todo: queue.Queue, ctx: RunContext, warm: bool,
            report: Callable[[Outcome], None]) -> None:
    """One job slot: takes jobs until none is left, on one warm kernel (started with the first
    job), or on a fresh kernel per job when a warm one cannot be had."""
    slot = KernelSlot(ctx.paths.notebooks, ctx.kernel_env())
    try:
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            if warm and slot.kernel is None:
                try:
                    slot.kernel = WarmKernel(slot.cwd, slot.env)
                except Exception as error:  # noqa: BLE001 - fall back to fresh kernels
                    log.warning("warm kernel unavailable (%s); using a fresh kernel per "
                                "report", error)
                    warm = False
            report(execute(job, ctx, slot))
    finally:
        if slot.kernel is not None:
            slot.kernel.shutdown()
