"""The stages in order: clean → (staging) → validate → swap into `data/processed/`.

A failing run leaves the previous processed tables untouched: everything is written into a
staging folder first and moved into place only after validation passes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import store
from .clean import clean
from .config import Paths


@dataclass
class StageResult:
    ok: bool
    message: str
    data_version: str | None = None
    quarantined: int = 0


def _write_validation(report, folder: Path, data_version: str | None) -> None:
    summary = report.to_dict()
    summary["data_version"] = data_version
    if summary.get("data_docs"):  # relative to the project, like every provenance column
        summary["data_docs"] = Path(summary["data_docs"]).resolve().relative_to(
            folder.resolve().parents[1]).as_posix()
    (folder / store.VALIDATION).write_text(
        json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def inputs_hash(paths: Paths) -> str:
    """A hash of everything the processed tables depend on: raw files, suites, package code."""
    digest = hashlib.sha256()
    for folder in (paths.raw, paths.expectations):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(paths.relative(path).encode())
                digest.update(path.read_bytes())
    from .identity import code_digest
    digest.update(code_digest().encode())
    return digest.hexdigest()[:16]


def data_is_current(root=None) -> bool:
    """True when data/processed was built from the current raw files, suites and code and
    validated (Data Docs present)."""
    paths = Paths.at(root)
    return (store.manifest(paths.root).get("inputs_hash") == inputs_hash(paths)
            and (paths.data_docs / "index.html").exists())


def run_clean(root=None, strict: bool = False, data_docs: bool = False) -> StageResult:
    from .quarantine import summary
    from .validate import validate

    paths = Paths.at(root)
    cleaned = clean(paths.root)
    lines = [summary(cleaned.quarantine)]
    staging = store.staging_folder(paths)
    try:
        version = store.write_tables(cleaned.tables, cleaned.quarantine, staging,
                                       inputs_hash(paths))
        report = validate(cleaned.tables, paths.expectations,
                          paths.data_docs if data_docs else None)
        _write_validation(report, staging, version)
        if not report.success:
            store.discard(staging)
            lines.append(report.format())
            lines.append("validation failed: data/processed/ left as it was")
            return StageResult(False, "\n".join(lines), version, len(cleaned.quarantine))
        if strict and len(cleaned.quarantine):
            store.discard(staging)
            lines.append("--strict: quarantined rows make this run fail; data/processed/ left "
                         "as it was")
            return StageResult(False, "\n".join(lines), version, len(cleaned.quarantine))
        store.swap_in(staging, paths.processed)
    except BaseException:
        store.discard(staging)
        raise
    counts = ", ".join(f"{name} {len(t)}" for name, t in cleaned.tables.items())
    lines.append(f"cleaned and validated ({counts}); data version {version}")
    return StageResult(True, "\n".join(lines), version, len(cleaned.quarantine))


def run_validate(root=None) -> StageResult:
    from .validate import validate

    paths = Paths.at(root)
    tables = store.read_tables(paths.processed)
    report = validate(tables, paths.expectations, paths.data_docs)
    version = store.manifest(paths.root).get("data_version")
    _write_validation(report, paths.processed, version)
    if report.success:
        return StageResult(True, f"validation passed; Data Docs in "
                                 f"{paths.relative(paths.data_docs)}/index.html", version)
    return StageResult(False, report.format() + "\nvalidation failed", version)
