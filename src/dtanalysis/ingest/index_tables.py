"""One importer for every index table `<index>-<year>-<63|34>[-label].<csv|xlsx>`.

The year and the unit set come from the file name. Inside, the layouts of the DTI importer are
read the same way (title rows, a two-row header, an `STT` column, notes and a `Nguồn: …` line
under the table, numbers as text in either decimal style); the file is read by
`rawfile.read_grid` (every raw table's one reader), its header words are the one vocabulary
of `ingest.headers` (the DTI importer's too), and which column is what is `index_headers`' job.

Rules a table must satisfy, and what happens otherwise:
- one column per role: two columns for the rank (or score) of one metric, or two province
  columns, make the whole table unreadable (quarantined, both headers named) — unless a year in
  the headers tells them apart: a column whose header names another year than the file's is
  not a value of the file's year and is ignored, alone or not;
- `score` beside `score_as_written` (or `rank`/`rank_as_written`) is one value written twice:
  the parsed column is read, the as-written one is read where the parsed one is empty, and a
  disagreement quarantines the row;
- a row whose province is unknown, names several provinces, or whose number does not parse is
  quarantined with file, line, raw cells and reason; nothing is dropped silently;
- a row naming a province with neither score nor rank is kept (empty values) when it says
  something — a note, or a status — and is a gap (`TableImport.gaps`) when it is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .. import errors
from ..domain.numbers import (
    NumberError,
    column_style,
    is_no_value,
    parse_number,
    rank_problem,
    token_style,
)
from ..domain.registry import Province, Registry
from ..domain.text import fold, nfc
from ..vocab import (
    NOTE_SEPARATOR,
    STATUSES,
    UNIT_SET_CHOICE,
    unit_set_year_problem,
    url_problem,
)
from . import rawfile
from .headers import NOTE_START, SOURCE_START, blank
from .index_catalogue import Index
from .index_headers import VALUE_ROLES, Column, find_header, letter, usable_columns
from .quarantine import Quarantined, ReadResult

TABLE = "index_scores"  # the quarantine's `table` for rows of index tables
FILE_NAME = re.compile(rf"^(?P<index>[a-z][a-z0-9_]*)-(?P<year>\d{{4}})-"
                       rf"(?P<unit_set>{UNIT_SET_CHOICE})(?:-(?P<label>[A-Za-z0-9_-]+))?"
                       r"\.(?:csv|xlsx)$")
# Status words a table may use, and what they become (see `status_of`).
PUBLISHED_WORDS = ("published", "official")
# Every status but `official`, which the source decides (`status_of`), is kept as written.
KEPT_STATUSES = tuple(s for s in STATUSES if s != "official")
NOT_AVAILABLE = "not_available"
PROVINCE_ERRORS = (errors.ProvinceError,)

_MIXED = "mixed"  # a column whose unambiguous tokens use both decimal styles
# Words that say which unit set a name belongs to: "former Da Nang", "Đà Nẵng (mới)".
_OLD_WORDS, _NEW_WORDS = ("former", "old", "cu"), ("new", "moi")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass
class TableImport(ReadResult):
    """One table's rows and quarantined rows, its gaps and the headers it set aside."""

    gaps: list[dict] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # headers set aside, with why


# ----------------------------------------------------------------------------- names
def resolve_name(given: object, unit_set: str, registry: Registry,
                 aliases: dict[str, str] | None = None) -> Province:
    """A province of `unit_set` from any spelling: the registry's, plus `aliases` (folded
    spelling → a spelling the registry knows) and words placing the name in a unit set
    ("former Da Nang", "Ho Chi Minh City (old)" → 63; "new Da Nang", "Đà Nẵng (mới)" → 34),
    which must agree with `unit_set`. Raises a ProvinceError (registry's or errors')."""
    text = nfc(str(given)).strip()
    implied, core = _unit_set_words(text)
    if implied and implied != unit_set:
        raise errors.ProvinceError(
            f"{text!r} names a unit of the {implied}-unit set but this table is of the "
            f"{unit_set}-unit set", given)
    key = fold(_PAREN.sub(" ", core))
    name = (aliases or {}).get(key) or (aliases or {}).get(_without_type(key)) or core
    return registry.resolve(name, unit_set=unit_set)


def _unit_set_words(text: str) -> tuple[str | None, str]:
    """(unit set implied by qualifier words or None, the name without them)."""
    remarks = [fold(r) for r in _PAREN.findall(text)]
    words = fold(_PAREN.sub(" ", text)).split()
    implied = None
    if any(r in _OLD_WORDS for r in remarks):
        implied = "63"
    if any(r in _NEW_WORDS for r in remarks):
        implied = "34"
    if len(words) > 1 and words[0] in _OLD_WORDS + _NEW_WORDS:
        implied = "63" if words[0] in _OLD_WORDS else "34"
        words = words[1:]
    elif len(words) > 1 and words[-1] in ("cu", "moi"):
        implied = "63" if words[-1] == "cu" else "34"
        words = words[:-1]
    else:
        return implied, text
    return implied, " ".join(words)


def _without_type(key: str) -> str:
    for affix in ("city", "province"):
        key = key.removesuffix(" " + affix)
    for affix in ("thanh pho", "tp", "tinh"):
        key = key.removeprefix(affix + " ")
    return key


# ----------------------------------------------------------------------------- status
def is_official_source(source: str | None, index: Index) -> bool:
    """True when `source` is a URL on one of the index's official hosts (or a sub-domain)."""
    if not source or not source.startswith(("http://", "https://")):
        return False
    host = (urlparse(source).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in index.official_hosts)


def status_of(word: str | None, source: str | None, index: Index) -> str:
    """The status of a row: `published`/`official` (or no status at all) → `official` only
    when the source is the publisher's own page, else `reported`; `reported`,
    `published_secondary`, `derived`, `uncertain` are kept. Raises ValueError otherwise."""
    key = fold(word or "published").replace(" ", "_")
    if key in PUBLISHED_WORDS:
        return "official" if is_official_source(source, index) else "reported"
    if key in KEPT_STATUSES:
        return key
    raise ValueError(f"status {word!r} is not one of "
                     f"{', '.join(PUBLISHED_WORDS + KEPT_STATUSES + (NOT_AVAILABLE,))}")


# ----------------------------------------------------------------------------- rows
def import_table(path: Path, index: Index, registry: Registry, names: dict[str, str],
                 relative: str, root: Path | None = None) -> TableImport:
    """Read one table of `index` into long rows (module docstring). Each row is
    {index, year, unit_set, province_code, metric, score, rank, status, source, source_file,
    source_line, note}; `source` is the row's source cell, else `table-sources.csv`, else the
    table's `Nguồn:` line, else the file itself. `root`: the project (else found from `path`)."""
    result = TableImport()
    match = FILE_NAME.match(path.name)
    if not match or match["index"] != index.index:
        result.quarantined.append(Quarantined(
            TABLE, relative, 0, {"file": path.name}, f"file name does not follow "
            f"{index.index}-<year>-<{UNIT_SET_CHOICE}>[-label].<csv|xlsx>; not imported"))
        return result
    year, unit_set = int(match["year"]), match["unit_set"]
    problem = unit_set_year_problem(unit_set, year)
    if problem:
        result.quarantined.append(Quarantined(TABLE, relative, 0, {"file": path.name},
                                              f"file {problem}; not imported"))
        return result
    # The project's one raw-file reader (encodings, delimiters, workbooks: `rawfile`); a file
    # it cannot read is its InputError, as for every raw table.
    grid = rawfile.read_grid(path, root=root,
                             is_table=lambda rows: _has_header(rows, index)).rows
    try:
        header_at, found = find_header(grid, index)
    except ValueError as error:
        result.quarantined.append(Quarantined(TABLE, relative, 0, {"file": path.name},
                                              str(error)))
        return result
    columns, result.ignored, clash = usable_columns(found, year)
    if clash:
        result.quarantined.append(Quarantined(
            TABLE, relative, grid[header_at][0], {c.header: letter(c.index) for c in found},
            f"table not imported: {clash}"))
        return result
    reader = _Rows(index, year, unit_set, registry, names, columns, grid[header_at + 1:],
                   relative, index.defaults_for(path.name))
    reader.read(result)
    return result


def _has_header(rows, index: Index) -> bool:
    """True when a sheet's first rows hold a header of this index's table."""
    try:
        find_header(rows, index)
    except ValueError:
        return False
    return True


class _Rows:
    """Reads the body of one table; keeps the context every row needs."""

    def __init__(self, index, year, unit_set, registry, names, columns, body, relative,
                 defaults):
        self.index, self.year, self.unit_set = index, year, unit_set
        self.registry, self.names, self.relative = registry, names, relative
        self.columns, self.body, self.defaults = columns, body, defaults
        self.by_role = {c.role: c for c in columns if c.role not in VALUE_ROLES}
        self.values = [c for c in columns if c.role in VALUE_ROLES]
        self.styles = {c.index: _style([cells[c.index] for _, cells in body
                                        if c.index < len(cells)]) for c in self.values}
        self.source_note: str | None = None

    def read(self, result: TableImport) -> None:
        pending: list[tuple[int, dict, dict, str | None]] = []
        for line, cells in self.body:
            outcome = self._row(line, cells)
            if outcome is None:
                continue
            kind, payload = outcome
            if kind == "quarantine":
                result.quarantined.append(self._held(line, cells, payload))
            elif kind == "gap":
                result.gaps.append(payload)
            else:
                pending.extend((line, cells, row, word) for row, word in payload)
        for line, cells, row, word in pending:
            row["source"] = (row["source"] or (self.defaults and self.defaults.source)
                             or self.source_note or self.relative)
            try:
                row["status"] = status_of(word, row["source"], self.index)
            except ValueError as error:
                result.quarantined.append(self._held(line, cells, str(error)))
                continue
            result.rows.append(row)

    def _held(self, line: int, cells: list[object], reason: str) -> Quarantined:
        """A quarantined row, naming the province and code cells as written."""
        return Quarantined(TABLE, self.relative, line, self._raw(cells), reason,
                           province=self._text("province", cells) or None,
                           province_code=self._text("code", cells) or None)

    def _raw(self, cells: list[object]) -> dict:
        return {c.header: self._at(c, cells) for c in self.columns}

    @staticmethod
    def _at(column: Column | None, cells: list[object]) -> object:
        if column is None or column.index >= len(cells):
            return ""
        return cells[column.index]

    def _text(self, role: str, cells: list[object]) -> str:
        value = self._at(self.by_role.get(role), cells)
        return "" if blank(value) else str(value).strip()

    def _row(self, line: int, cells: list[object]):
        """None (not data), ("quarantine", reason), ("gap", gap) or ("rows", [(row, status
        word)])."""
        filled = [c for c in cells if not blank(c)]
        if not filled:
            return None
        first = fold(str(filled[0]))
        if len(filled) == 1 and any(first.startswith(w) for w in SOURCE_START):
            self.source_note = re.sub(r"^[^:]*:\s*", "", str(filled[0])).strip()
            return None
        if len(filled) == 1 and any(first.startswith(w) for w in NOTE_START):
            return None
        has_values = any(not blank(self._at(c, cells)) for c in self.values)
        if not self._text("province", cells):
            return ("quarantine", "row has values but no province") if has_values else None
        try:
            unit = self._unit(cells)
        except PROVINCE_ERRORS as error:
            # A lone unreadable cell is a title or note line, not a row.
            return None if len(filled) == 1 else ("quarantine", str(error))
        problem = self._check(unit, cells) or url_problem(self._text("source", cells))
        if problem:
            return "quarantine", problem
        try:
            values = self._values(cells)
        except NumberError as error:
            return "quarantine", str(error)
        return self._emit(line, cells, unit, values)

    def _unit(self, cells: list[object]) -> Province:
        name = self._text("province", cells)
        name = self.index.codebook.get(fold(name), name)
        return resolve_name(name, self.unit_set, self.registry, self.names)

    def _check(self, unit: Province, cells: list[object]) -> str | None:
        """Why the row's code, year or unit-set cell contradicts the row or the file."""
        code = self._text("code", cells)
        if code:
            named = self.index.codebook.get(fold(code))
            if named is not None:
                other = resolve_name(named, self.unit_set, self.registry, self.names)
                if other.code != unit.code:
                    return (f"province {self._text('province', cells)!r} is {unit.short_name} "
                            f"but code {code} is {other.short_name}")
            elif code.split(".")[0].zfill(2) != unit.code:
                return (f"province {self._text('province', cells)!r} is {unit.short_name} "
                        f"({unit.code}) but the code column says {code}")
        stated = self._text("year", cells).split(".")[0]
        if stated and stated != str(self.year):
            return f"year column says {stated} but the file name says {self.year}"
        unit_set = self._text("unit_set", cells)
        first_number = re.search(r"\d+", unit_set)
        if first_number and first_number.group(0) != self.unit_set:
            return (f"unit-set column says {unit_set!r} but the file name says "
                    f"{self.unit_set}")
        return None

    def _values(self, cells: list[object]) -> dict[str, dict]:
        """metric → {score, rank}; raises NumberError naming the cell and its column. A cell
        saying "no value" (`-`, `—`, `N/A`) is a blank cell, listed in `self.no_value`."""
        self.no_value: list[str] = []
        values: dict[str, dict] = {}
        for (metric, role), pair in _pairs(self.values).items():
            number = self._value(pair, cells, role)
            if number is not None:
                values.setdefault(metric, {"score": None, "rank": None})[role] = number
        return values

    def _value(self, pair: dict[bool, Column], cells: list[object], role: str):
        plain, written = pair.get(False), pair.get(True)
        plain_cell, written_cell = self._at(plain, cells), self._at(written, cells)
        column = plain if not blank(plain_cell) else written
        cell = plain_cell if not blank(plain_cell) else written_cell
        if blank(cell):
            return None
        if is_no_value(cell):  # the row is kept (its other values count), the cell noted
            self.no_value.append(f"{column.header} {str(cell).strip()!r}")
            return None
        try:
            parsed = _parse(cell, self.styles[column.index])
        except NumberError as error:
            raise NumberError(f"value {cell!r} in column {column.header!r} is not a number "
                              f"({error})") from None
        if parsed.unit is not None:  # '45%' where a score or a rank goes: not this number
            raise NumberError(f"value {cell!r} in column {column.header!r} carries the unit "
                              f"{parsed.unit!r}: a {role} is a plain number")
        number = parsed.value
        if column is plain and not blank(written_cell) and not _agrees(written_cell, number):
            raise NumberError(f"column {written.header!r} says {written_cell!r} but column "
                              f"{plain.header!r} says {plain_cell!r}")
        if role == "rank":
            if rank_problem(number):
                raise NumberError(f"rank {cell!r} in column {column.header!r} "
                                  f"{rank_problem(number)}")
            return int(number)
        return number

    def _emit(self, line: int, cells: list[object], unit: Province, values: dict):
        note = self._text("note", cells)
        default_note = self.defaults.note if self.defaults else None
        word = self._text("status", cells) or (self.defaults and self.defaults.status) or None
        common = {"index": self.index.index, "year": self.year, "unit_set": self.unit_set,
                  "province_code": unit.code, "source_file": self.relative,
                  "source_line": line}
        if not values:
            stated = self._text("status", cells)
            if fold(stated).replace(" ", "_") == NOT_AVAILABLE or not (note or stated):
                return "gap", {**common, "note": note or "empty row: no value in this table"}
            values = {self.index.root: {"score": None, "rank": None}}
            note = note or "listed without a score or rank"
        blanks = (f"no value in the table: {', '.join(self.no_value)}"
                  if getattr(self, "no_value", None) else None)
        full_note = NOTE_SEPARATOR.join(n for n in (note, blanks, default_note) if n) or None
        source = self._text("source", cells) or None
        return "rows", [({**common, "metric": metric, "score": entry["score"],
                          "rank": entry["rank"], "status": None, "source": source,
                          "note": full_note}, word)
                        for metric, entry in sorted(values.items())]


def _pairs(columns: list[Column]) -> dict[tuple[str, str], dict[bool, Column]]:
    """(metric, role) → {written?: column}: the parsed and the as-written column of a value."""
    pairs: dict[tuple[str, str], dict[bool, Column]] = {}
    for column in columns:
        pairs.setdefault((column.metric, column.role), {})[column.written] = column
    return pairs


def _style(cells: list[object]) -> str:
    try:
        return column_style(cells)
    except NumberError:
        return _MIXED


_TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def _parse(cell: object, style: str):
    """Parse with the column's decimal style; in a column mixing styles each token must be
    unambiguous on its own ('0,5' or '0.5', not '2.045')."""
    if style != _MIXED:
        return parse_number(cell, style)
    if isinstance(cell, str):
        token = _TOKEN.search(cell)
        if token and re.search(r"[.,]", token.group(0)) and token_style(token.group(0)) is None:
            raise NumberError(f"{cell!r} could be read either way and its column mixes "
                              "0,5 and 0.5")
    return parse_number(cell, None)


def _agrees(written: object, value: float) -> bool:
    """True when a number printed in `written` ('4/63', '0,5064', '17th') equals `value`,
    read in either decimal style."""
    if isinstance(written, (int, float)):
        return abs(float(written) - value) < 1e-9
    for token in _TOKEN.findall(str(written)):
        for style in ("vi", "en"):
            try:
                if abs(parse_number(token, style).value - value) < 1e-9:
                    return True
            except NumberError:
                continue
    return False
