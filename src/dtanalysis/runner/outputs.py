"""What a report run leaves in `reports/`, and its record: the page's header and footer, the
executed notebook, the page, the numbers it takes away (CSV / XLSX, and for the index its
standing) and last the record (`records`), each through a temporary and a rename. A failed
report keeps its last good page, marked stale; a page no good run wrote is removed.

Used by `execute` (a report run here) and by `store` (a report that ran on a Dask worker)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path

from .. import __version__
from ..errors import StorageError
from ..files import atomic_write, disk_errors
from ..records import FAILED, OK, read_record, write_record
from ..report.i18n import t
from ..testhooks import pause_point
from .context import Outcome, RunContext
from .exports import TAKE_AWAY_FILE, export_paths
from .freshness import inputs_hash, sha256
from .jobs import Job, lang_suffix
from .pdf import pdf_path

log = logging.getLogger(__name__)

# The reports that take numbers away: a CSV / XLSX beside the page (and a province its standing
# on the index page), computed in the report's kernel (`exports.take_away`).
TAKE_AWAY_KINDS = ("province", "compare")


def header_html(job: Job) -> str:
    """The link to the same report in the other language (`<slug>.html` ↔ `<slug>.en.html`),
    named in that language; the build writes both."""
    other = "en" if job.lang == "vi" else "vi"
    href = f"{job.slug}{lang_suffix(other)}.html"
    label = t("pg_other_lang_label", job.lang)
    return (f'<nav class="dta-lang" aria-label="{escape(label)}"><a href="{escape(href)}" '
            f'hreflang="{other}" lang="{other}">{escape(t("pg_other_lang", job.lang))}</a>'
            "</nav>")


def footer_html(job: Job, ctx: RunContext, run_date: str) -> str:
    """The page's foot, after its last section "About the data": the downloads, and the
    technical provenance (data version, package version, commit, run date)."""
    lang = job.lang
    labels = tuple(t(key, lang) for key in ("pg_data_version", "pg_package", "pg_commit",
                                            "pg_run_date"))
    values = (ctx.data_version, __version__, ctx.commit or "—", run_date)
    items = " · ".join(f"<span><b>{escape(k)}</b> {escape(str(v))}</span>"
                       for k, v in zip(labels, values))
    note = t("pg_provenance", lang)
    downloads = ""
    if job.kind in TAKE_AWAY_KINDS:
        csv, xlsx = export_paths(job.html)
        links = [(csv.name, t("pg_csv", lang)), (xlsx.name, t("pg_xlsx", lang))]
        if ctx.pdf:
            links.append((pdf_path(job.html).name, t("pg_pdf", lang)))
        label = t("pg_downloads", lang)
        downloads = (f'<nav class="dta-downloads" aria-label="{escape(label)}"><p>'
                     f"{escape(label)} " + " · ".join(
                         f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)
                     + "</p></nav>")
    # The data version at the foot of every printed page (print stylesheet: @page boxes).
    foot = f"{labels[0]} {ctx.data_version} · {job.label}"
    page_foot = ("<style>@page { @bottom-left { content: \"" + foot.replace('"', "'")
                 + "\"; font: 7pt 'DejaVu Sans', sans-serif; color: #57606a; } }</style>")
    return (f'{downloads}<footer class="dtanalysis-footer"><p>{escape(note)} {items}</p>'
            f"</footer>{page_foot}")


def take_away_request(job: Job, ctx: RunContext, run_date: str, folder: Path) -> str:
    """What the report's kernel is asked to write into `folder` once its notebook has run
    (`exports.take_away`): the numbers the report shows, from the kernel's own tables."""
    return json.dumps({
        "folder": str(folder), "kind": job.kind, "root": str(ctx.paths.root),
        "data_version": ctx.data_version, "parameters": job.parameters,
        "unit_set": job.unit_set,
        "about": {"report": job.label, "unit_set": job.unit_set, "lang": job.lang,
                  "data_version": ctx.data_version, "package_version": __version__,
                  "run_date": run_date}}, ensure_ascii=False)


def place_take_away(job: Job, folder: Path, record: dict) -> None:
    """The numbers the kernel wrote into `folder` (`exports.take_away`) as the CSV / XLSX
    beside the page, and its standing into the record (for the index). The page is already
    written and stays valid without them: a failure is recorded as `exports_error` and logged,
    not a failed report."""
    try:
        taken = json.loads((folder / TAKE_AWAY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        taken = {"exports_error": f"the report's kernel wrote no numbers ({type(error).__name__})"}
    if "standing" in taken:
        record["standing"] = taken["standing"]
    error = taken.get("exports_error")
    if error is None:
        try:
            for made, path in zip(export_paths(folder / "numbers.html"), export_paths(job.html)):
                os.replace(made, path)
        except OSError as failure:
            error = f"{type(failure).__name__}: {failure}"
    if error is not None:
        record["exports_error"] = error
        (log.info if taken.get("quiet") else log.warning)("%s: no CSV/XLSX written: %s",
                                                          job.label, error)


def discard(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def new_record(job: Job, ctx: RunContext, run_date: str) -> dict:
    """A report's record before its run: what runs, on which inputs, when."""
    return {"kind": job.kind, "label": job.label, "slug": job.slug, "unit_set": job.unit_set,
            "lang": job.lang, "parameters": job.parameters, "run_date": run_date,
            "data_version": ctx.data_version, "package_version": __version__,
            "commit": ctx.commit, "inputs_hash": inputs_hash(job, ctx),
            "html": job.html.name, "ipynb": job.ipynb.name}


def run_date_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def whole_notebook(path: Path) -> bool:
    """Papermill wrote `path` whole (a full disk leaves it empty or cut short: then it is not
    kept, and the old notebook stays)."""
    try:
        return whole_json(path.read_bytes())
    except OSError:
        return False


def whole_json(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data), dict)
    except ValueError:
        return False


def store(job: Job, ctx: RunContext, record: dict, error: str | None, seconds: float,
          files: dict[str, bytes]) -> Outcome:
    """Write a report that ran elsewhere (a Dask worker, `runner.remote`) into this project,
    as `execute` writes one that ran here: `files` are its outputs by suffix (`ipynb`,
    `html`, and for a province `csv`, `xlsx`), `record` the record the run wrote; each file
    goes through a temporary and a rename, the page's size and time in the record are this
    disk's, the record comes last, and a failed report leaves no page."""

    def write() -> None:
        with disk_errors(f"writing reports into {ctx.paths.relative(job.out.parent)}"):
            job.out.parent.mkdir(parents=True, exist_ok=True)
        if "ipynb" in files and whole_json(files["ipynb"]):
            atomic_write(job.ipynb, files["ipynb"])  # kept for audit, also when it failed
        if error is None:
            atomic_write(job.html, files["html"])
            stat = job.html.stat()
            record.update(html_sha256=sha256(files["html"]), html_bytes=stat.st_size,
                          html_mtime_ns=stat.st_mtime_ns)
            for suffix, path in zip(("csv", "xlsx"), export_paths(job.html)):
                if suffix in files:
                    atomic_write(path, files[suffix])

    record = {**new_record(job, ctx, run_date_now()), **record,
              "inputs_hash": inputs_hash(job, ctx), "html": job.html.name,
              "ipynb": job.ipynb.name}
    for key in ("html_sha256", "html_bytes", "html_mtime_ns", "status", "error"):
        record.pop(key, None)  # the worker's, rewritten here
    if error is None and "html" not in files:
        error = "the worker sent back no page"
    return conclude(job, ctx, record, keep(job, ctx, record, error, write), seconds)


def keep(job: Job, ctx: RunContext, record: dict, error: str | None,
         write: Callable[[], None]) -> str | None:
    """Run `write` (the report's files); the report's error afterwards (a disk's refusal is
    one). A failed report keeps its last good page (and its CSV / XLSX), marked stale with
    the failure on the page and, through `last_good` in the record, on the index; a page no
    good run is known to have written is removed: never a stale page that looks current."""
    good = last_good(read_record(job.record))
    try:
        with disk_errors(f"writing the report {ctx.paths.relative(job.html)}"):
            write()
    except StorageError as failure:
        error = str(failure)
    if error:
        if good and job.html.is_file() and mark_stale(job.html, record, error):
            record["last_good"] = good
        else:
            job.html.unlink(missing_ok=True)  # never leave a stale page that looks current
    return error


def last_good(previous: dict) -> dict | None:
    """What the page on disk is, when a good run wrote it: that run's date and data version
    (carried over by later failed runs)."""
    if previous.get("status") == OK:
        return {"run_date": previous.get("run_date"),
                "data_version": previous.get("data_version")}
    return previous.get("last_good") or None


STALE_BANNER = re.compile(r"<!--dtanalysis-stale-->.*?<!--/dtanalysis-stale-->", re.DOTALL)


def mark_stale(page: Path, record: dict, error: str) -> bool:
    """Put (or replace) a banner at the top of the kept page: the run of `record` failed with
    `error`, this page is an older one. False when the page cannot be read or written."""
    banner = ('<!--dtanalysis-stale--><div class="dtanalysis-stale" role="alert" style="'
              "background:#fff4e5;border:1px solid #f0b35b;padding:.5rem .75rem;"
              'margin:.5rem;font-family:sans-serif">⚠ Trang cũ / stale page: lần chạy '
              f"{escape(str(record.get('run_date', '')))} bị lỗi / the latest run failed: "
              f"{escape(error)} — đây là trang của lần chạy tốt trước / this is the last good "
              "run's page.</div><!--/dtanalysis-stale-->")
    try:
        text = STALE_BANNER.sub("", page.read_text(encoding="utf-8"))
        body = re.search(r"<body[^>]*>", text)
        at = body.end() if body else 0
        with disk_errors(f"marking the page {page.name} stale"):
            atomic_write(page, text[:at] + banner + text[at:])
    except (OSError, UnicodeDecodeError, StorageError) as failure:
        log.warning("%s: could not mark the page stale: %s", page.name, failure)
        return False
    return True


def conclude(job: Job, ctx: RunContext, record: dict, error: str | None,
             seconds: float) -> Outcome:
    """Write the report's record (the last of its files) and return its outcome."""
    pause_point("report:written")
    record.update(status=FAILED if error else OK, error=error, seconds=round(seconds, 2))
    try:
        with disk_errors(f"writing the record {ctx.paths.relative(job.record)}"):
            write_record(job.record, record)
    except StorageError as failure:
        job.record.unlink(missing_ok=True)  # no old record may claim this report is current
        job.html.unlink(missing_ok=True)
        error = error or str(failure)
        record["status"] = FAILED
    return Outcome(job, record["status"], seconds, error)
