"""The header vocabulary of every ranking table, declared once: the words that name a
province, a rank, a score and the other column roles, the words that start a note or a
`Nguồn: …` line under a table, and the header search both table readers use (the DTI tables'
`dti_tables` and every index's `index_tables`/`index_headers`). Words are folded
(`domain.text.fold`: lower case, no diacritics), Vietnamese and English.
"""

from __future__ import annotations

import re

from ..domain.text import fold

__all__ = ["NOTE_START", "PROVINCE_WORDS", "RANK_WORDS", "ROLE_WORDS", "SCORE_WORDS",
           "SOURCE_START", "blank", "has_phrase", "is_sub_header", "locate_header",
           "spread_header"]

RANK_WORDS = ("xep hang", "thu hang", "hang", "rank", "ranking")
SCORE_WORDS = ("diem", "score", "gia tri", "chi so", "value")
PROVINCE_WORDS = ("tinh thanh pho", "tinh thanh", "tinh", "thanh pho", "dia phuong",
                  "province", "provinces", "don vi", "ten tinh", "ten dia phuong", "locality")
ROLE_WORDS = {
    "code": ("ma tinh", "ma", "code", "gso code", "ma gso", "gso"),
    "year": ("nam", "year"),
    "row_number": ("stt", "tt", "no", "so tt", "#"),
    "source": ("nguon", "source", "source url", "url"),
    "note": ("ghi chu", "note", "notes", "chu thich"),
}
NOTE_START = ("ghi chu", "chu thich", "note", "notes", "luu y")  # a note line under a table
SOURCE_START = ("nguon", "source")  # a "Nguồn: …" line under a table


def has_phrase(folded: str, phrase: str) -> bool:
    """True when `phrase` is a whole-word phrase of the folded header `folded`."""
    return re.search(rf"(?:^| ){re.escape(phrase)}(?: |$)", folded) is not None


def blank(cell: object) -> bool:
    """An empty cell: None, or text of white space only."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def locate_header(grid: list[tuple[int, list[object]]], columns_of, limit: int,
                  examples: str) -> tuple[int, list]:
    """The header search of every ranking table (DTI's in `dti_tables`, every index's in
    `index_headers`): the first row with a province column and a score or rank column, read by
    `columns_of(cells, above, keep=None)`, combined with the sub-header row below it if there
    is one. ValueError naming `examples` of province headers when there is none."""
    for position, (_, cells) in enumerate(grid[:limit]):
        above = grid[position - 1][1] if position > 0 else []
        columns = columns_of(cells, above)
        roles = {c.role for c in columns}
        if "province" in roles and roles & {"score", "rank"}:
            below = grid[position + 1][1] if position + 1 < len(grid) else []
            if is_sub_header(below):
                return position + 1, columns_of(below, cells, keep=cells)
            return position, columns
    raise ValueError(f"no header row found: need a province column (e.g. {examples}) and a "
                     f"rank or score column in the first {limit} rows")


def is_sub_header(cells: list[object]) -> bool:
    """A row of "Điểm" / "Hạng" only: the sub-headers under a group header."""
    words = [fold(str(c)) for c in cells if not blank(c)]
    return bool(words) and all(w in RANK_WORDS + SCORE_WORDS for w in words)


def spread_header(cells: list[object], above: list[object],
                  keep: list[object] | None = None) -> tuple[list[object], list[str]]:
    """A header row's cells and each column's group label: a label of the row `above` holds
    for the blank cells to its right (merged cells); with `keep`, a blank cell takes the label
    `keep` has in its column."""
    group, groups = "", []
    for i in range(max(len(cells), len(above))):
        label = str(above[i]).strip() if i < len(above) and not blank(above[i]) else ""
        group = label or group
        groups.append(group)
    if keep is not None:
        cells = [cells[i] if i < len(cells) and not blank(cells[i]) else
                 (keep[i] if i < len(keep) else "") for i in range(len(groups))]
    return cells, groups
