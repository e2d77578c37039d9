"""What an index is, read from data: `indices/catalogue.csv`, and per index folder
`metrics.csv`, `methods.csv`, the optional `table-sources.csv` and `codebook-provinces.csv`,
plus the shared `indices/name-aliases.csv`.

Every reader returns plain frozen dataclasses and raises `InputError` naming the file and the
row for anything it cannot use: a bad catalogue or metric tree is a mistake to fix, not a row
to quarantine, because every table of the index would be read wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from ..domain.text import fold, nfc
from ..errors import InputError
from .rawfile import read_grid

CATALOGUE_FILE = "catalogue.csv"
NAME_ALIASES_FILE = "name-aliases.csv"
METRICS_FILE = "metrics.csv"
METHODS_FILE = "methods.csv"
TABLE_SOURCES_FILE = "table-sources.csv"
CODEBOOK_FILE = "codebook-provinces.csv"

AGGREGATES = ("sum", "mean", "none")
INDEX_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TRUE, _FALSE = ("true", "yes", "1", "co"), ("false", "no", "0", "khong")


@dataclass(frozen=True)
class Metric:
    """One metric of an index. `aliases` are folded header phrases (id and labels included)."""
    metric: str
    parent: str | None
    label_vi: str
    label_en: str
    aliases: tuple[str, ...]
    aggregate: str  # sum | mean | none
    score_min: float | None
    score_max: float | None
    note: str | None
    line: int
    highlight: bool = False  # a metric the reports emphasise (PAPI's e-governance)


@dataclass(frozen=True)
class Method:
    year: int
    change_vi: str
    change_en: str
    source: str | None
    line: int


@dataclass(frozen=True)
class TableSource:
    """Defaults for the rows of tables matching `pattern` (a file name or glob)."""
    pattern: str
    source: str | None
    status: str | None
    note: str | None


@dataclass(frozen=True)
class Index:
    index: str
    name_vi: str
    name_en: str
    publisher: str
    url: str | None
    official_hosts: tuple[str, ...]
    score_min: float | None
    score_max: float | None
    higher_is_better: bool
    note: str | None
    folder: Path
    metrics: dict[str, Metric] = field(default_factory=dict)
    methods: tuple[Method, ...] = ()
    table_sources: tuple[TableSource, ...] = ()
    codebook: dict[str, str] = field(default_factory=dict)  # folded code → name
    line: int = 0  # its line in catalogue.csv

    @property
    def root(self) -> str:
        """The overall metric: the one without a parent."""
        return next(m.metric for m in self.metrics.values() if m.parent is None)

    def children(self, metric: str) -> list[str]:
        """Child metric ids of `metric`, in the order of metrics.csv."""
        return [m.metric for m in self.metrics.values() if m.parent == metric]

    def defaults_for(self, file_name: str) -> TableSource | None:
        """The first `table-sources.csv` row whose pattern matches the file name."""
        return next((t for t in self.table_sources if fnmatch(file_name, t.pattern)), None)


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(1-based line, record) of a catalogue CSV whose header has every `required` column;
    values NFC-normalised and stripped. Read by the one raw reader (`rawfile.read_grid`: any
    encoding and delimiter it reads). Raises InputError naming the file for a missing column
    or a file that cannot be read; a header with no rows is no rows."""
    if not path.is_file():
        raise InputError("file not found", path=path)
    grid = read_grid(path)
    if not grid.rows:
        raise InputError("is empty", path=grid.shown, hint="restore its header row")
    line, header = grid.rows[0]
    header = [nfc(str(cell or "")).strip() for cell in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=grid.shown, row=line,
                         hint=f"the header must have {', '.join(required)}")
    rows = []
    for line, cells in grid.rows[1:]:
        texts = [nfc(str(cell if cell is not None else "")).strip() for cell in cells]
        if not any(texts):
            continue
        rows.append((line, {name: (texts[i] if i < len(texts) else "")
                            for i, name in enumerate(header) if name}))
    return rows


def _number(text: str, column: str, path: Path, line: int) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{column} {text!r} is not a number", path=path, row=line,
                         hint="write it with a decimal point, e.g. 0.5") from None
    if not math.isfinite(value):
        raise InputError(f"{column} {text!r} is not a finite number", path=path, row=line,
                         hint="write the bound the publisher states, or leave it empty")
    return value


def _bounds(row: dict[str, str], path: Path, line: int) -> tuple[float | None, float | None]:
    """score_min, score_max of a row: finite numbers or empty, the lower not above the upper."""
    low = _number(row.get("score_min", ""), "score_min", path, line)
    high = _number(row.get("score_max", ""), "score_max", path, line)
    if low is not None and high is not None and low > high:
        raise InputError(f"score_min {low:g} is above score_max {high:g}", path=path, row=line,
                         hint="the lower bound goes in score_min")
    return low, high


def _check_root_bounds(index: Index, path: Path) -> None:
    """The catalogue's bounds of an index hold its overall metric's bounds of metrics.csv: a
    score metrics.csv allows must not lie outside the catalogue's range."""
    if not index.metrics:
        return
    root = index.metrics[index.root]
    narrower = ((index.score_min is not None and root.score_min is not None
                 and index.score_min > root.score_min)
                or (index.score_max is not None and root.score_max is not None
                    and index.score_max < root.score_max))
    if narrower:
        raise InputError(
            f"index {index.index!r}: score_min, score_max {_span(index.score_min)}–"
            f"{_span(index.score_max)} is narrower than {index.index}/{METRICS_FILE}'s "
            f"{root.metric!r} {_span(root.score_min)}–{_span(root.score_max)}", path=path,
            row=index.line, hint="give the index the range its publisher states in both files")


def _span(value: float | None) -> str:
    return "open" if value is None else f"{value:g}"


def _flag(text: str, column: str, path: Path, line: int) -> bool:
    folded = fold(text)
    if folded in _TRUE or folded in _FALSE:
        return folded in _TRUE
    raise InputError(f"{column} {text!r} is neither true nor false", path=path, row=line)


def read_catalogue(indices_folder: Path) -> dict[str, Index]:
    """Every index of `catalogue.csv` with its metrics, methods, table defaults and codebook.
    A catalogue row whose folder does not exist is an index with no tables yet."""
    path = indices_folder / CATALOGUE_FILE
    required = ("index", "name_vi", "name_en", "publisher", "url", "score_min", "score_max",
                "higher_is_better", "note")
    indexes: dict[str, Index] = {}
    for line, row in read_rows(path, required):
        index_id = row["index"]
        if not INDEX_ID.match(index_id):
            raise InputError(f"index id {index_id!r} must be lower-case letters, digits or _",
                             path=path, row=line)
        if index_id in indexes:
            raise InputError(f"index {index_id!r} is listed twice", path=path, row=line)
        if not row["name_en"] or not row["publisher"]:
            raise InputError(f"index {index_id!r} needs name_en and publisher", path=path,
                             row=line)
        folder = indices_folder / index_id
        hosts = tuple(h.strip().lower() for h in row.get("official_hosts", "").split("|")
                      if h.strip())
        score_min, score_max = _bounds(row, path, line)
        indexes[index_id] = Index(
            index=index_id, name_vi=row["name_vi"], name_en=row["name_en"],
            publisher=row["publisher"], url=row["url"] or None, official_hosts=hosts,
            score_min=score_min, score_max=score_max,
            higher_is_better=_flag(row["higher_is_better"], "higher_is_better", path, line),
            note=row["note"] or None, folder=folder,
            metrics=read_metrics(folder / METRICS_FILE) if folder.is_dir() else {},
            methods=read_methods(folder / METHODS_FILE) if folder.is_dir() else (),
            table_sources=read_table_sources(folder / TABLE_SOURCES_FILE),
            codebook=read_codebook(folder / CODEBOOK_FILE), line=line,
        )
        _check_root_bounds(indexes[index_id], path)
    return indexes


def read_metrics(path: Path) -> dict[str, Metric]:
    """The metric tree of one index (see the module docstring for the checks)."""
    required = ("metric", "parent", "label_vi", "label_en", "aliases", "aggregate")
    metrics: dict[str, Metric] = {}
    owner: dict[str, str] = {}  # folded alias → metric, to refuse one alias for two metrics
    for line, row in read_rows(path, required):
        metric = row["metric"]
        if not INDEX_ID.match(metric):
            raise InputError(f"metric id {metric!r} must be lower-case letters, digits or _",
                             path=path, row=line)
        if metric in metrics:
            raise InputError(f"metric {metric!r} is listed twice", path=path, row=line)
        aggregate = (row["aggregate"] or "none").lower()
        if aggregate not in AGGREGATES:
            raise InputError(f"aggregate {row['aggregate']!r} is not one of "
                             f"{', '.join(AGGREGATES)}", path=path, row=line)
        spellings = [metric.replace("_", " "), row["label_vi"], row["label_en"],
                     *row["aliases"].split("|")]
        aliases = tuple(dict.fromkeys(fold(s) for s in spellings if fold(s)))
        for alias in aliases:
            if owner.setdefault(alias, metric) != metric:
                raise InputError(f"alias {alias!r} of {metric!r} already names "
                                 f"{owner[alias]!r}", path=path, row=line,
                                 hint="a header spelling must name one metric")
        score_min, score_max = _bounds(row, path, line)
        metrics[metric] = Metric(
            metric=metric, parent=row["parent"] or None, label_vi=row["label_vi"],
            label_en=row["label_en"], aliases=aliases, aggregate=aggregate,
            score_min=score_min, score_max=score_max,
            note=row.get("note") or None, line=line,
            highlight=_flag(row.get("highlight") or "false", "highlight", path, line))
    _check_tree(metrics, path)
    return metrics


def _check_tree(metrics: dict[str, Metric], path: Path) -> None:
    roots = [m for m in metrics.values() if m.parent is None]
    if len(roots) != 1:
        raise InputError(f"needs exactly one overall metric (empty parent), found "
                         f"{len(roots)}: {', '.join(m.metric for m in roots) or 'none'}",
                         path=path)
    for m in metrics.values():
        if m.parent is not None and m.parent not in metrics:
            raise InputError(f"parent {m.parent!r} of {m.metric!r} is not a metric", path=path,
                             row=m.line)
        seen, node = {m.metric}, m
        while node.parent is not None:
            node = metrics[node.parent]
            if node.metric in seen:
                raise InputError(f"metric {m.metric!r} is its own ancestor", path=path,
                                 row=m.line)
            seen.add(node.metric)
        if m.aggregate != "none" and not any(c.parent == m.metric for c in metrics.values()):
            raise InputError(f"{m.metric!r} is a {m.aggregate} of its children but has none",
                             path=path, row=m.line)


def read_methods(path: Path) -> tuple[Method, ...]:
    """Years a method changed, sorted by year; an index may have none (file absent)."""
    if not path.exists():
        return ()
    methods = []
    for line, row in read_rows(path, ("year", "change_vi", "change_en")):
        if not re.fullmatch(r"\d{4}", row["year"]):
            raise InputError(f"year {row['year']!r} is not a four-digit year", path=path,
                             row=line)
        if not row["change_vi"] or not row["change_en"]:
            raise InputError("a method change needs a sentence in Vietnamese and in English",
                             path=path, row=line)
        methods.append(Method(int(row["year"]), row["change_vi"], row["change_en"],
                              row.get("source") or None, line))
    return tuple(sorted(methods, key=lambda m: (m.year, m.line)))


def read_table_sources(path: Path) -> tuple[TableSource, ...]:
    if not path.exists():
        return ()
    return tuple(TableSource(row["file"], row["source"] or None, row.get("status") or None,
                             row.get("note") or None)
                 for _, row in read_rows(path, ("file", "source")))


def read_codebook(path: Path) -> dict[str, str]:
    """An index's own province codes: first column the code, second the name."""
    if not path.exists():
        return {}
    grid = read_grid(path)
    codebook: dict[str, str] = {}
    for line, raw in grid.rows[1:]:
        cells = [str(cell if cell is not None else "") for cell in raw]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise InputError("a codebook row needs a code and a name", path=path, row=line)
        key = fold(cells[0])
        if key in codebook:
            raise InputError(f"code {cells[0]!r} is listed twice", path=path, row=line)
        codebook[key] = nfc(cells[1]).strip()
    return codebook


def read_name_aliases(indices_folder: Path) -> dict[str, str]:
    """Folded spelling → a spelling the registry resolves (file optional)."""
    path = indices_folder / NAME_ALIASES_FILE
    if not path.exists():
        return {}
    aliases: dict[str, str] = {}
    for line, row in read_rows(path, ("alias", "name")):
        if not row["alias"] or not row["name"]:
            raise InputError("an alias row needs alias and name", path=path, row=line)
        aliases[fold(row["alias"])] = row["name"]
    return aliases
