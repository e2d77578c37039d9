"""National indices as data: `data/raw/indices/` → `index_scores` rows.

    result = import_indices()          # the project's data/raw/indices
    result.scores                      # one row per (index, year, unit_set, province_code, metric)
    result.rows                        # every table row as read, before collapsing
    result.quarantined, result.gaps    # rows that could not be read; empty (excluded) rows

A new index is a row of `catalogue.csv` plus a folder `<index>/` with `metrics.csv` and tables
`<index>-<year>-<63|34>[-label].<csv|xlsx>`; a new year is one more table. Neither needs code.
The folder may also hold `methods.csv`, `table-sources.csv`, `codebook-provinces.csv`,
`publications.csv` (what the publisher published, `index_publications`) and sub-folders (e.g.
`checks/`), which are not tables. Any other file in an index's folder (misnamed, `.xls`) is
refused (InputError: exit 2, with what to do); a folder with no catalogue row is reported in
`quarantined` and not read; a catalogue row with no folder is warned about (one line).

Reading: `index_catalogue`; tables: `index_tables`; collapsing and derivation: `index_derive`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.registry import Registry
from ..errors import InputError
from ..paths import REGISTRY_FILE, Paths
from ..vocab import UNIT_SET_CHOICE, UNIT_SET_SIZE
from .index_catalogue import (
    CATALOGUE_FILE,
    CODEBOOK_FILE,
    METHODS_FILE,
    METRICS_FILE,
    NAME_ALIASES_FILE,
    TABLE_SOURCES_FILE,
    Index,
    read_catalogue,
    read_name_aliases,
)
from .index_checks import confirm
from .index_derive import GROUP, collapse, derive
from .index_publications import PUBLICATIONS_FILE, check_publications, read_publications
from .index_tables import FILE_NAME, TABLE, import_table
from .quarantine import Quarantined, ReadResult

log = logging.getLogger(__name__)

NOT_TABLES = (METRICS_FILE, METHODS_FILE, TABLE_SOURCES_FILE, CODEBOOK_FILE, PUBLICATIONS_FILE,
              "README.md")

__all__ = ["IndexImport", "catalogue_records", "import_folder", "import_indices"]


@dataclass
class IndexImport(ReadResult):
    """`rows`: every table row as read (with its provenance); `quarantined`; `scores`: the
    rows collapsed by standing and derived (`index_scores`)."""

    catalogue: dict[str, Index] = field(default_factory=dict)
    scores: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)
    ignored: dict[str, list[str]] = field(default_factory=dict)  # file → headers set aside
    # what each publisher published (`<index>/publications.csv`): rows of index_publications
    publications: list[dict] = field(default_factory=list)

    def of(self, index: str) -> list[dict]:
        """The `index_scores` rows of one index (`of("dti")`: the DTI rows)."""
        return [r for r in self.scores if r["index"] == index]


def import_indices(root: Path | str | None = None, registry: Registry | None = None,
                   extra_rows: list[dict] = ()) -> IndexImport:
    """Import `data/raw/indices/` of the project at `root` (module docstring): the public
    door, resolving `root` once; `clean` calls `import_folder` with its own `Paths`."""
    paths = Paths.at(root)
    registry = registry or Registry.from_file(paths.raw / REGISTRY_FILE, paths.root)
    return import_folder(paths.raw_indices, registry, paths.relative, extra_rows, paths.root)


def import_folder(folder: Path, registry: Registry, relative: Callable[[Path], str],
                  extra_rows: list[dict] = (), root: Path | None = None) -> IndexImport:
    """Import every index folder under `folder`; `relative` names a file in provenance;
    `root` is the project (else found from each file). `extra_rows` are rows of the same shape
    read elsewhere (the DTI press facts), collapsed with the tables' rows by standing."""
    result = IndexImport(catalogue=read_catalogue(folder))
    names = read_name_aliases(folder)
    for index in result.catalogue.values():
        if not index.folder.is_dir():
            log.warning("%s: the index %r has no folder %s/: no tables, its reports say so",
                        CATALOGUE_FILE, index.index, relative(index.folder))
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.name in (CATALOGUE_FILE,
                                                              NAME_ALIASES_FILE, "README.md"):
            continue
        index = result.catalogue.get(path.name)
        if index is None:
            result.quarantined.append(Quarantined(
                TABLE, relative(path), 0, {"path": path.name},
                f"{path.name!r} is not an index of {CATALOGUE_FILE} (add a row there, or "
                "move it out); not imported"))
            continue
        result.publications += read_publications(index, registry, names, relative)
        for table in _tables(index, result, relative):
            read = import_table(table, index, registry, names, relative(table), root)
            result.add(read)
            result.gaps += read.gaps
            if read.ignored:
                result.ignored[relative(table)] = read.ignored
    # Rows read elsewhere (data/raw/dti/ and the press facts, for `dti`) join only an index of
    # the catalogue; `clean` refuses a catalogue without `dti`.
    result.rows += [row for row in extra_rows if row["index"] in result.catalogue]
    result.scores = derive(collapse(result.rows), result.catalogue, _covered(result),
                           UNIT_SET_SIZE)
    for index in result.catalogue.values():  # derived values a publication confirms
        confirm(result.scores, index, registry, names)
    check_publications(result.publications, result.scores,
                       {i.index: i.root for i in result.catalogue.values() if i.metrics})
    return result


def _tables(index: Index, result: IndexImport, relative) -> list[Path]:
    """The table files of an index folder, in name order; misnamed files are reported."""
    tables = []
    for path in sorted(index.folder.iterdir()):
        if path.is_dir() or path.name.startswith((".", "~$")) or path.name in NOT_TABLES \
                or path.name.startswith("codebook-"):
            continue
        match = FILE_NAME.match(path.name)
        if match and match["index"] == index.index:
            tables.append(path)
            continue
        # As in data/raw/dti/: a file here is a table of the index, so one that cannot be
        # read as one is refused (exit 2) with what to do, never skipped in silence.
        name = f"{index.index}-<year>-<{UNIT_SET_CHOICE}>[-label].csv (or .xlsx)"
        if path.suffix.lower() == ".xls":
            raise InputError("is an Excel 97-2003 (.xls) workbook, which is not read",
                             path=relative(path), hint=f"open it in Excel, save it as .xlsx "
                             f"(Excel Workbook) and name it {name}")
        raise InputError(f"is in the folder of the index {index.index!r} but its name does "
                         f"not follow {name}", path=relative(path),
                         hint=f"rename it {name}, or move it out of data/raw/indices/"
                              f"{index.index}/")
    return tables


def _covered(result: IndexImport) -> dict[tuple, set[str]]:
    """(index, year, unit_set) → province codes its tables name, with a value or empty."""
    covered: dict[tuple, set[str]] = defaultdict(set)
    for row in result.rows + result.gaps:
        covered[tuple(row[k] for k in GROUP)].add(row["province_code"])
    return covered


def catalogue_records(catalogue: dict[str, Index], relative: Callable[[Path], str]
                      ) -> dict[str, list[dict]]:
    """The catalogue as rows of `index_catalogue`, `index_metrics` and `index_methods`."""
    indexes, metrics, methods = [], [], []
    for index in catalogue.values():
        indexes.append({
            "index": index.index, "name_vi": index.name_vi, "name_en": index.name_en,
            "publisher": index.publisher, "url": index.url,
            "official_hosts": "|".join(index.official_hosts) or None,
            "score_min": index.score_min, "score_max": index.score_max,
            "higher_is_better": index.higher_is_better, "note": index.note, "source": None,
            "source_file": relative(index.folder.parent / CATALOGUE_FILE),
            "source_line": index.line})
        for position, metric in enumerate(index.metrics.values(), start=1):
            metrics.append({
                "index": index.index, "metric": metric.metric, "parent": metric.parent,
                "position": position, "label_vi": metric.label_vi, "label_en": metric.label_en,
                "aggregate": metric.aggregate, "score_min": metric.score_min,
                "score_max": metric.score_max, "highlight": metric.highlight,
                "note": metric.note, "source": None,
                "source_file": relative(index.folder / METRICS_FILE), "source_line": metric.line})
        for method in index.methods:
            methods.append({
                "index": index.index, "year": method.year, "change_vi": method.change_vi,
                "change_en": method.change_en, "source": method.source,
                "source_file": relative(index.folder / METHODS_FILE), "source_line": method.line})
    return {"index_catalogue": indexes, "index_metrics": metrics, "index_methods": methods}
