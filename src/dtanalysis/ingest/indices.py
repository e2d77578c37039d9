"""National indices as data: `data/raw/indices/` → `index_scores` rows.

    result = import_indices()          # the project's data/raw/indices
    result.scores                      # one row per (index, year, unit_set, province_code, metric)
    result.rows                        # every table row as read, before collapsing
    result.quarantined, result.gaps    # rows that could not be read; empty (excluded) rows

A new index is a row of `catalogue.csv` plus a folder `<index>/` with `metrics.csv` and tables
`<index>-<year>-<63|34>[-label].<csv|xlsx>`; a new year is one more table. Neither needs code.
The folder may also hold `methods.csv`, `table-sources.csv`, `codebook-provinces.csv` and
sub-folders (e.g. `checks/`), which are not tables. Any other file, and a folder with no
catalogue row, is reported in `quarantined` and not read.

Reading: `index_catalogue`; tables: `index_tables`; collapsing and derivation: `index_derive`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.registry import Registry
from ..paths import REGISTRY_FILE, Paths
from ..vocab import UNIT_SET_SIZE
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
from .index_derive import GROUP, collapse, derive
from .index_tables import FILE_NAME, TABLE, import_table
from .quarantine import Quarantined

INDICES_FOLDER = "indices"
# Columns of `index_scores`: the schema, then the collapse's score_status, rank_status
# and conflict (the same as the `dti` table's, so `load("dti")` can be cut from it).
COLUMNS = ("index", "year", "unit_set", "province_code", "metric", "score", "rank", "status",
           "score_status", "rank_status", "source", "source_file", "source_line", "note",
           "conflict")
NOT_TABLES = (METRICS_FILE, METHODS_FILE, TABLE_SOURCES_FILE, CODEBOOK_FILE, "README.md")

__all__ = ["COLUMNS", "IndexImport", "import_folder", "import_indices"]


@dataclass
class IndexImport:
    catalogue: dict[str, Index]
    rows: list[dict] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)
    ignored: dict[str, list[str]] = field(default_factory=dict)  # file → headers set aside

    def of(self, index: str) -> list[dict]:
        """The `index_scores` rows of one index (`of("dti")`: the DTI rows)."""
        return [r for r in self.scores if r["index"] == index]


def import_indices(root: Path | str | None = None,
                   registry: Registry | None = None) -> IndexImport:
    """Import `data/raw/indices/` of the project at `root` (module docstring)."""
    paths = Paths.at(root)
    registry = registry or Registry.from_file(paths.raw / REGISTRY_FILE)
    return import_folder(paths.raw / INDICES_FOLDER, registry, paths.relative)


def import_folder(folder: Path, registry: Registry,
                  relative: Callable[[Path], str]) -> IndexImport:
    """Import every index folder under `folder`; `relative` names a file in provenance."""
    result = IndexImport(read_catalogue(folder))
    names = read_name_aliases(folder)
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
        for table in _tables(index, result, relative):
            read = import_table(table, index, registry, names, relative(table))
            result.rows += read.rows
            result.quarantined += read.quarantined
            result.gaps += read.gaps
            if read.ignored:
                result.ignored[relative(table)] = read.ignored
    result.scores = derive(collapse(result.rows), result.catalogue, _covered(result),
                           UNIT_SET_SIZE)
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
        result.quarantined.append(Quarantined(
            TABLE, relative(path), 0, {"file": path.name},
            f"file name does not follow {index.index}-<year>-<63|34>[-label].<csv|xlsx>; "
            "not imported"))
    return tables


def _covered(result: IndexImport) -> dict[tuple, set[str]]:
    """(index, year, unit_set) → province codes its tables name, with a value or empty."""
    covered: dict[tuple, set[str]] = defaultdict(set)
    for row in result.rows + result.gaps:
        covered[tuple(row[k] for k in GROUP)].add(row["province_code"])
    return covered


def frame(scores: list[dict]):
    """`index_scores` as a typed DataFrame (columns COLUMNS, sorted by the key)."""
    import pandas as pd

    data = pd.DataFrame.from_records(scores, columns=list(COLUMNS))
    types = {c: "string" for c in COLUMNS}
    types.update(year="Int64", rank="Int64", source_line="Int64", score="float64")
    return data.astype(types)
