"""Import every published DTI ranking table in `data/raw/dti/`, whatever its layout.

A file is named `dti-<year>-<63|34>[-<label>].<csv|xlsx>`: the year and the unit set come
from the name, so a new year's table dropped into the folder flows through with no code
change. Inside, the header row is found among the first rows (title rows above it are
skipped), a group-header row above it ("Chính quyền số" over "Điểm | Hạng") is combined with
it, columns are recognised by their header in Vietnamese (with or without diacritics) or in
English, numbers may be stored as text in either decimal style (decided per column, see
`numbers`), and notes or a "Nguồn: …" line under the table are read, not imported. Ties are
kept as published. Each value becomes a long row (year, unit_set, province_code, metric,
score, rank) with status `official` and its source file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.numbers import (
    NumberError,
    cell_style,
    column_style,
    parse_number,
    rank_problem,
)
from ..domain.registry import ProvinceError, Registry
from ..domain.text import fold
from ..errors import InputError
from ..vocab import UNIT_SET_CHOICE, unit_set_year_problem
from . import rawfile
from .headers import (
    PROVINCE_WORDS,
    RANK_WORDS,
    ROLE_WORDS,
    SCORE_WORDS,
    SOURCE_START,
    blank,
    has_phrase,
    locate_header,
    spread_header,
)
from .quarantine import Quarantined, ReadResult
from .rawfile import Grid, Rows

# .xls: matched, then refused by rawfile with what to do
FILE_NAME = re.compile(rf"^dti-(?P<year>\d{{4}})-(?P<unit_set>{UNIT_SET_CHOICE})"
                       r"(?:-[A-Za-z0-9_-]+)?\.(csv|tsv|txt|xlsx|xlsm|xls)$")
NAMING = (f"name it dti-<year>-<{UNIT_SET_CHOICE}>[-label].csv (or .xlsx), "
          "e.g. dti-2023-63.csv")
FIRST_YEAR = 2020  # the first DTI ranking (published 2021)
_YEAR = re.compile(r"(?<![0-9A-Za-z])(20\d\d)(?![0-9A-Za-z])")  # not "gso_code_pre2025"
METRICS = (
    "dti", "chinh_quyen_so", "kinh_te_so", "xa_hoi_so", "nhan_thuc_so", "the_che_so",
    "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang", "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
)
# Folded phrases naming each metric, most specific first.
_METRIC_PHRASES = (
    ("hoat_dong_chinh_quyen_so", ("hoat dong chinh quyen so", "digital government activities",
                                  "digital government operations")),
    ("hoat_dong_kinh_te_so", ("hoat dong kinh te so", "digital economy activities",
                              "digital economy operations")),
    ("hoat_dong_xa_hoi_so", ("hoat dong xa hoi so", "digital society activities",
                             "digital society operations")),
    ("chinh_quyen_so", ("chinh quyen so", "digital government", "cqs")),
    ("kinh_te_so", ("kinh te so", "digital economy", "kts")),
    ("xa_hoi_so", ("xa hoi so", "digital society", "xhs")),
    ("nhan_thuc_so", ("nhan thuc so", "digital awareness", "awareness")),
    ("the_che_so", ("the che so", "digital institutions", "institutions")),
    ("ha_tang_so", ("ha tang so", "digital infrastructure", "infrastructure")),
    ("nhan_luc_so", ("nhan luc so", "digital human resources", "human resources")),
    ("an_toan_thong_tin_mang", ("an toan thong tin mang", "an toan thong tin", "attt",
                                "cybersecurity", "cyber security", "information security")),
    ("dti", ("chi so chuyen doi so", "chi so dti", "pdti", "dti", "tong diem", "diem tong",
             "overall score", "overall")),
)
@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str  # province, code, year, row_number, source, note, score, rank
    metric: str | None = None


@dataclass
class TableImport(ReadResult):
    """One table's rows and quarantined rows, and the `Nguồn: …` line under it."""

    source_note: str | None = None


def classify(header: str) -> tuple[str, str | None] | None:
    """(role, metric) of a column header, or None for a column we do not use."""
    folded = fold(header)
    if not folded:
        return None
    for role in ("row_number", "year", "source", "note"):
        if folded in ROLE_WORDS[role]:
            return role, None
    if folded in ROLE_WORDS["code"] or (has_phrase(folded, "code") and "province" not in
                                         folded.replace("code", "")):
        return "code", None
    metric = next((m for m, phrases in _METRIC_PHRASES
                   if any(has_phrase(folded, p) for p in phrases)), None)
    is_rank = any(has_phrase(folded, w) for w in RANK_WORDS)
    if metric:
        return ("rank" if is_rank else "score"), metric
    if any(folded == w or folded.startswith(w + " ") for w in PROVINCE_WORDS) or \
            has_phrase(folded, "province"):
        return "province", None
    if is_rank:
        return "rank", "dti"
    if any(has_phrase(folded, w) for w in SCORE_WORDS):
        return "score", "dti"
    return None


def read_grid(path: Path, root: Path | None = None) -> Grid:
    """The table's cells (`rawfile.read_grid`): of a workbook, the one sheet holding a DTI
    table (a header `find_header` recognises), or the sheet named in `<file>.sheet`."""
    return rawfile.read_grid(path, root=root, is_table=_is_table)


def _is_table(rows: Rows) -> bool:
    try:
        find_header(rows)
    except ValueError:
        return False
    return True


def find_header(grid: list[tuple[int, list[object]]], limit: int = 30) -> tuple[int, list[Column]]:
    """Index in `grid` of the (last) header row and its recognised columns. A header may span
    two rows: group labels ("Chính quyền số") above sub-headers ("Điểm", "Hạng")."""
    return locate_header(grid, _columns, limit, "'Tỉnh/Thành phố', 'Địa phương', 'Province'")


def _columns(cells: list[object], above: list[object],
             keep: list[object] | None = None) -> list[Column]:
    """Columns of a header row; `above` holds group labels, spread over the blank cells to
    their right. With `keep` (the upper row of a two-row header), a column whose sub-header
    is blank keeps its upper label."""
    cells, groups = spread_header(cells, above, keep)
    columns = []
    for index, cell in enumerate(cells):
        if blank(cell):
            continue
        header = str(cell)
        found = classify(header)
        # "Điểm" / "Hạng" under a group header such as "Chính quyền số".
        if groups[index] and fold(header) in RANK_WORDS + SCORE_WORDS:
            combined = classify(f"{groups[index]} {header}")
            if combined and combined[1]:
                found, header = combined, f"{groups[index]} / {header}"
        if found:
            columns.append(Column(index, header, found[0], found[1]))
    return columns


def year_and_set(path: Path, relative: str) -> tuple[int, str]:
    """The year and unit set a table's file name gives; `InputError` for any other name, or a
    year no DTI ranking exists for."""
    match = FILE_NAME.match(path.name)
    if not match:
        raise InputError("is in the DTI tables' folder, but its name does not give the year "
                         "and unit set", path=relative, hint=NAMING)
    year, unit_set = int(match["year"]), match["unit_set"]
    if not FIRST_YEAR <= year <= dt.date.today().year:
        raise InputError(f"names the year {year}, for which there is no DTI ranking (the first "
                         f"is {FIRST_YEAR}, the last at most this year)", path=relative,
                         hint="fix the year in the file name; " + NAMING)
    problem = unit_set_year_problem(unit_set, year)
    if problem:
        raise InputError(problem, path=relative,
                         hint="name it dti-<year>-63… for the 63 provinces; " + NAMING)
    return year, unit_set


def _column_style(column: Column, body, relative: str) -> str:
    """The decimal style of a value column; a column mixing 0,5 and 0.5 is refused naming the
    file, the column and the first row of each style."""
    cells = [(line, cells[column.index]) for line, cells in body if column.index < len(cells)]
    try:
        return column_style([cell for _, cell in cells])
    except NumberError:
        first: dict[str, tuple[int, object]] = {}
        for line, cell in cells:
            style = cell_style(cell)
            if style:
                first.setdefault(style, (line, cell))
        (vi_line, vi), (en_line, en) = first.get("vi", (0, "")), first.get("en", (0, ""))
        raise InputError(f"column {column.header!r} mixes Vietnamese ({vi!r}, row {vi_line}) "
                         f"and English ({en!r}, row {en_line}) decimals", path=relative,
                         row=max(vi_line, en_line),
                         hint="write every number of the column the same way") from None


def import_table(path: Path, registry: Registry, relative: str,
                 root: Path | None = None) -> TableImport:
    """Read one DTI ranking table into long rows (see module docstring). A file that cannot
    be read as a table at all is an `InputError` (file, row, reason); a row that cannot be
    cleaned is quarantined."""
    year, unit_set = year_and_set(path, relative)
    grid = read_grid(path, root)
    try:
        header_at, columns = find_header(grid.rows)
    except ValueError as error:
        raise InputError(str(error), path=relative,
                         hint="check that the file is a DTI ranking table") from None
    columns = _one_per_role(columns, year, grid, header_at, relative)
    grid = grid.rows
    if not any(any(not blank(c) for c in cells) for _, cells in grid[header_at + 1:]):
        raise InputError("has a header but no rows under it", path=relative,
                         row=grid[header_at][0], hint="export the table again")
    by_role = {c.role: c for c in columns if c.role not in ("score", "rank")}
    values = [c for c in columns if c.role in ("score", "rank")]
    body = grid[header_at + 1:]
    styles = {c.index: _column_style(c, body, relative) for c in values}
    result = TableImport([], [])
    for line, cells in body:
        def at(column: Column | None, cells: list[object] = cells) -> object:
            if column is None or column.index >= len(cells):
                return ""
            return cells[column.index]

        filled = [c for c in cells if not blank(c)]
        if not filled:
            continue
        raw = {c.header: at(c) for c in columns}
        first = fold(str(filled[0]))
        if len(filled) == 1 or blank(at(by_role.get("province"))):
            if any(first.startswith(w) for w in SOURCE_START):
                result.source_note = re.sub(r"^[^:]*:\s*", "", str(filled[0])).strip()
                continue
            if len(filled) == 1 or all(blank(at(c)) for c in values):
                continue  # a note or title line under the table, not data
            result.quarantined.append(Quarantined("dti", relative, line, raw,
                                                  "row has values but no province"))
            continue
        problem, rows = _row(at, by_role, values, styles, registry, year, unit_set)
        if problem:
            code = at(by_role.get("code"))
            result.quarantined.append(Quarantined(
                "dti", relative, line, raw, problem, province=str(at(by_role["province"])),
                province_code=None if blank(code) else str(code)))
            continue
        for row in rows:
            row.update(source_file=relative, source_line=line)
        result.rows.extend(rows)
    source = result.source_note
    for row in result.rows:
        row["source"] = row["source"] or source or relative
    return result


def _one_per_role(columns: list[Column], year: int, grid: Grid, header_at: int,
                  relative: str) -> list[Column]:
    """At most one column per role (and metric). A header naming another year than the file's
    ("Xếp hạng 2022" in a 2023 table) is that year's, not this one's: it is left out when a
    column of the file's year (or of no year) holds the role, and refused otherwise. Two
    columns left for one role (hidden or not) are refused, naming both: the last would win."""
    hidden = set(grid.hidden_columns)
    line = grid.rows[header_at][0]

    def named(column: Column) -> str:
        return repr(column.header) + (" (hidden)" if column.index in hidden else "")

    groups: dict[tuple, list[Column]] = {}
    for column in columns:
        groups.setdefault((column.role, column.metric), []).append(column)
    kept = []
    for group in groups.values():
        years = [{int(y) for y in _YEAR.findall(c.header)} for c in group]
        this = [c for c, ys in zip(group, years, strict=True) if not ys or ys == {year}]
        other = [c for c, ys in zip(group, years, strict=True) if ys and ys != {year}]
        if not this and other:
            raise InputError(f"column {named(other[0])} is for another year than {year}, the "
                             "file name's", path=relative, row=line,
                             hint="add the column of that year, or fix the file name")
        if len(this) > 1:
            raise InputError(f"columns {named(this[0])} and {named(this[1])} both hold the "
                             f"{this[0].role} of {this[0].metric or 'the ' + this[0].role}",
                             path=relative, row=line,
                             hint=f"remove one, or name the year in its header "
                                  f"(e.g. '{this[0].header} {year}')")
        kept += this
    return sorted(kept, key=lambda c: c.index)


def _row(at, by_role, values, styles, registry, year, unit_set) -> tuple[str | None, list[dict]]:
    name = at(by_role.get("province"))
    try:
        unit = registry.resolve(name, unit_set=unit_set)
    except ProvinceError as error:
        return str(error), []
    code_column = by_role.get("code")
    if code_column is not None and not blank(at(code_column)):
        code = str(at(code_column)).strip().split(".")[0].zfill(2)
        if code != unit.code:
            return (f"province {name!r} is {unit.short_name} ({unit.code}) but the code "
                    f"column says {code}"), []
    if "year" in by_role and not blank(at(by_role["year"])):
        stated = str(at(by_role["year"])).strip().split(".")[0]
        if stated != str(year):
            return f"year column says {stated} but the file name says {year}", []
    metrics: dict[str, dict] = {}
    for column in values:
        cell = at(column)
        if blank(cell):
            continue
        try:
            number = parse_number(cell, styles[column.index])
        except NumberError as error:
            return f"value {cell!r} in column {column.header!r} is not a number ({error})", []
        extra = number.unit or number.qualifier or number.denominator
        if extra is not None:  # "hạng mười ba?" reads as 10 with unit "ba?": never in a table
            return (f"value {cell!r} in column {column.header!r} is not a plain number "
                    f"(it carries {extra!r})"), []
        if column.role == "rank" and rank_problem(number.value):
            return (f"rank {cell!r} in column {column.header!r} "
                    f"{rank_problem(number.value)}"), []
        entry = metrics.setdefault(column.metric, {"score": None, "rank": None})
        entry[column.role] = int(number.value) if column.role == "rank" else number.value
    source = str(at(by_role.get("source"))).strip() if "source" in by_role else ""
    note = str(at(by_role.get("note"))).strip() if "note" in by_role else ""
    return None, [
        {"year": year, "unit_set": unit_set, "province_code": unit.code, "metric": metric,
         "score": entry["score"], "rank": entry["rank"], "status": "official",
         "source": source or None, "note": note or None}
        for metric, entry in sorted(metrics.items())
    ]


def import_folder(folder: Path, registry: Registry, relative_to,
                  root: Path | None = None) -> ReadResult:
    """Every table file in the folder, in name order (deterministic). Hidden files, Excel's
    lock files (`~$…`), side files (`.sheet`) and other documents (a README) are skipped; any
    other entry with a table's suffix, or named `dti-…`, must be a readable DTI table."""
    combined = ReadResult()
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or suffix == rawfile.SHEET_SIDE_FILE:
            continue
        if suffix not in rawfile.TABLE_SUFFIXES and not path.name.lower().startswith("dti-"):
            continue
        combined.add(import_table(path, registry, relative_to(path), root))
    return combined
