"""Is `data/processed` current, and putting back what a killed run left: the checks every
`build` makes before anything else, written without pandas, Great Expectations or the cleaning
code, so a rebuild with nothing to do stays cheap (`stages` re-exports them)."""

from __future__ import annotations

import hashlib
import logging

from ..files import remove_temporaries
from ..identity import code_digest
from ..paths import Paths
from . import store

log = logging.getLogger("dtanalysis.pipeline.stages")


def inputs_hash(paths: Paths) -> str:
    """A hash of everything the processed tables depend on: raw files, suites, package code."""
    digest = hashlib.sha256()
    for folder in (paths.raw, paths.expectations):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(paths.relative(path).encode())
                digest.update(path.read_bytes())
    digest.update(code_digest().encode())
    return digest.hexdigest()[:16]


def data_is_current(root=None) -> bool:
    """`is_current` of the project at `root` (resolved here)."""
    return is_current(Paths.at(root).require_project())


def is_current(paths: Paths) -> bool:
    """True when data/processed was built from the current raw files, suites and code, and
    its files still match their manifest (a truncated or changed table is not current). The
    data's own manifest decides: a manifest is swapped in only with tables that passed
    validation, and the inputs hash covers the suites. Nothing under reports/ is read (the
    Data Docs are an output `build` writes again when they are missing)."""
    return (store.manifest_or_nothing(paths).get("inputs_hash") == inputs_hash(paths)
            and not store.verify(paths.processed))


def recover(paths: Paths) -> None:
    """Put back what a killed run left half-done (call it holding the project lock): a
    data/processed, Data Docs or reports/data folder caught between the two renames of a swap,
    staging folders, temporaries of reports."""
    for target in (paths.processed, paths.data_docs, paths.reports / "data"):
        for done in store.recover(target):
            log.warning("%s: %s", paths.relative(target.parent), done)
    removed = remove_temporaries(paths.reports)
    if removed:
        log.warning("reports: removed %d temporary file(s) of an interrupted run", removed)
