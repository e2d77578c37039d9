"""The data stages in order: clean → (staging) → validate → swap into `data/processed/`.

A failing run leaves the previous processed tables untouched: everything is written into a
staging folder first and moved into place only after validation passes. Each stage returns a
result object; what to print is the command line's business.

`run_clean(root)` and `run_validate(root)` are doors (the `clean` and `validate` commands):
they resolve `root` once, take the project lock and recover what a killed run left. Below
them, `clean_processed(paths)`, `validate_processed(paths)` and `write_data_docs(paths)` take
the caller's `Paths` and run under the caller's lock (`build` calls them holding its own); they
never lock or recover themselves.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..files import disk_errors
from ..ingest.clean import clean_project
from ..lock import project_lock
from ..paths import VALIDATION, Paths
from ..testhooks import pause_point
from . import store, versions
from .current import (  # noqa: F401 (data_is_current, is_current: re-exported)
    data_is_current,
    inputs_hash,
    is_current,
    recover,
)
from .validate import ValidationReport, row_count_floors, validate

log = logging.getLogger(__name__)


@dataclass
class CleanResult:
    """What `run_clean` did. `ok` is False when validation failed or `strict` refused
    quarantined rows; `data/processed/` was then left as it was."""

    ok: bool
    data_version: str | None
    counts: dict[str, int] = field(default_factory=dict)  # rows per processed table
    quarantine: pd.DataFrame | None = None
    validation: ValidationReport | None = None
    refused: str | None = None  # why the new tables were not swapped in


@dataclass
class ValidateResult:
    ok: bool
    data_version: str | None
    validation: ValidationReport
    data_docs: str | None  # the Data Docs index, relative to the project


def _write_validation(report: ValidationReport, folder: Path, paths: Paths,
                      data_version: str | None) -> None:
    summary = report.to_dict()
    summary["data_version"] = data_version
    if summary.get("data_docs"):  # relative to the project, like every provenance column
        summary["data_docs"] = paths.relative(Path(summary["data_docs"]))
    (folder / VALIDATION).write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _previous_rows(paths: Paths) -> dict[str, int]:
    tables = store.manifest_or_nothing(paths).get("tables") or {}
    return {name: int(entry.get("rows", 0)) for name, entry in tables.items()
            if isinstance(entry, dict)}


def _validate_into(paths: Paths, tables, data_docs: bool, previous: dict[str, int] | None,
                   ) -> ValidationReport:
    """Validate `tables` (suites and row-count floors); Data Docs, when asked, are built in a
    staging folder and swapped into reports/data_docs, so a crash never leaves half a site."""
    docs = store.staging_folder(paths, paths.data_docs) if data_docs else None
    try:
        report = validate(tables, paths.expectations, docs)
        report.add_checks(*row_count_floors(tables, previous))
        if docs is not None:
            with disk_errors("writing the Data Docs"):
                store.swap_in(docs, paths.data_docs)
            report.data_docs = paths.data_docs / "index.html"
    except BaseException:
        if docs is not None:
            store.discard(docs)
        raise
    return report


def run_clean(root=None, strict: bool = False, data_docs: bool = False,
              allow_shrink: bool = False) -> CleanResult:
    """Clean data/raw, validate the result and swap it into data/processed/ when it passes
    (and, with `strict`, when nothing was quarantined). Validation includes row-count floors:
    the registry's 63 + 34 units, and no table smaller than in the last build unless
    `allow_shrink`. Holds the project lock; recovers what a killed run left first."""
    paths = Paths.at(root).require_project()
    with project_lock(paths, "clean"):
        recover(paths)
        return clean_processed(paths, strict, data_docs, allow_shrink)


def clean_processed(paths: Paths, strict: bool = False, data_docs: bool = False,
                    allow_shrink: bool = False) -> CleanResult:
    """`run_clean` for a caller that resolved `paths`, holds the project lock and recovered."""
    previous = None if allow_shrink else _previous_rows(paths)
    cleaned = clean_project(paths)
    counts = {name: len(table) for name, table in cleaned.tables.items()}
    log.info("cleaned %s; %d row(s) quarantined",
             ", ".join(f"{n} {c}" for n, c in counts.items()), len(cleaned.quarantine))
    staging = store.staging_folder(paths)
    try:
        inputs = inputs_hash(paths)
        version = store.write_tables(cleaned.tables, cleaned.quarantine, staging, inputs)
        pause_point("clean:staged")
        report = _validate_into(paths, cleaned.tables, data_docs, previous)
        with disk_errors("writing validation.json",
                         hint="data/processed/ was left as it was; free some space, then "
                              "run again"):
            _write_validation(report, staging, paths, version)
        refused = None
        if not report.success:
            refused = "validation failed: data/processed/ left as it was"
        elif strict and len(cleaned.quarantine):
            refused = ("--strict: quarantined rows make this run fail; data/processed/ "
                       "left as it was")
        if refused:
            store.discard(staging)
            log.warning(refused)
        else:
            with disk_errors("recording the data version",
                             hint="data/processed/ was left as it was; free some space, "
                                  "then run again"):
                versions.record(paths, staging, cleaned.tables, version, inputs)
            store.swap_in(staging, paths.processed)
            log.info("data/processed/ replaced; data version %s", version)
    except BaseException:
        store.discard(staging)
        raise
    return CleanResult(refused is None, version, counts, cleaned.quarantine, report, refused)


def run_validate(root=None) -> ValidateResult:
    """Validate data/processed as it is (suites and the registry's floors); write
    validation.json and the Data Docs."""
    paths = Paths.at(root).require_project()
    with project_lock(paths, "validate"):
        recover(paths)
        return validate_processed(paths)


def validate_processed(paths: Paths) -> ValidateResult:
    """`run_validate` for a caller that resolved `paths`, holds the project lock and
    recovered."""
    # As it is: a table edited since `clean` is validated, not refused; one that cannot
    # be read is a ProjectError naming it ("run `dtanalysis clean`").
    tables = store.read_tables(paths.processed)
    report = _validate_into(paths, tables, True, None)
    version = store.manifest(paths).get("data_version")
    with disk_errors("writing data/processed/validation.json"):
        _write_validation(report, paths.processed, paths, version)
    docs = paths.relative(paths.data_docs / "index.html")
    return ValidateResult(report.success, version, report, docs)


def write_data_docs(paths: Paths) -> ValidationReport:
    """The Data Docs of data/processed as it is, written into reports/data_docs (swapped in
    whole), for a caller holding the lock: `build` writes them again when they are missing
    over current data. data/processed and its validation.json are left as they are."""
    return _validate_into(paths, store.read_tables(paths.processed), True, None)
