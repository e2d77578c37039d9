"""Which column of an index table is what: the header row, two-row headers, and the rule
"one column per role".

A header is recognised by the aliases of the index's `metrics.csv` (the longest alias found in
it wins) and by generic words for province, code, rank, score, status, source, note, year and
unit set, in Vietnamese with or without diacritics or in English; the words are the one
header vocabulary of `ingest.headers`, which the DTI importer reads too, so both read headers
alike. `…_as_written` marks a column holding the same value as printed in the source. A
four-digit year in a value column's header says which year it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.text import fold
from .headers import (
    PROVINCE_WORDS,
    RANK_WORDS,
    ROLE_WORDS,
    SCORE_WORDS,
    blank,
    has_phrase,
    locate_header,
    spread_header,
)
from .index_catalogue import Index

VALUE_ROLES = ("score", "rank")
_WRITTEN = ("as written", "nguyen van")
_STATUS_WORDS = ("status", "trang thai")
_UNIT_SET_WORDS = ("unit system", "unit set", "bo don vi", "unit_set")
_YEAR_IN_HEADER = re.compile(r"(?:^| )((?:19|20)\d{2})(?= |$)")


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str  # province code year row_number source note status unit_set score rank
    metric: str | None = None
    written: bool = False  # "…_as_written": the same value as printed in the source
    year: int | None = None  # a year named in the header

    @property
    def key(self) -> tuple:
        """Two usable columns with one key are two candidates for one value."""
        return (self.role, self.metric, self.written) if self.role in VALUE_ROLES \
            else (self.role,)


# ----------------------------------------------------------------------------- headers
def classify(header: str, index: Index) -> Column | None:
    """The role of a header for `index` (column position 0), or None for an unused column."""
    folded = fold(header)
    year_match = _YEAR_IN_HEADER.search(folded)
    year = int(year_match.group(1)) if year_match else None
    text = _YEAR_IN_HEADER.sub(" ", folded).strip()
    written = any(has_phrase(text, p) for p in _WRITTEN)
    for phrase in _WRITTEN:
        text = re.sub(rf"(?:^| ){phrase}(?= |$)", " ", text).strip()
    if not text:
        return None
    simple = _simple_role(text)
    if simple:
        return Column(0, header, simple)
    metric = _metric_of(text, index)
    is_rank = any(has_phrase(text, w) for w in RANK_WORDS)
    if metric:
        return Column(0, header, "rank" if is_rank else "score", metric, written, year)
    if any(text == w or text.startswith(w + " ") for w in PROVINCE_WORDS) or \
            has_phrase(text, "province"):
        return Column(0, header, "province")
    if is_rank or any(has_phrase(text, w) for w in SCORE_WORDS):
        return Column(0, header, "rank" if is_rank else "score", index.root, written, year)
    return None


def _simple_role(text: str) -> str | None:
    for role in ("row_number", "year", "source", "note"):
        if text in ROLE_WORDS[role]:
            return role
    if text in _STATUS_WORDS:
        return "status"
    if text in _UNIT_SET_WORDS:
        return "unit_set"
    if text in ROLE_WORDS["code"] or (has_phrase(text, "code") and
                                      "province" not in text.replace("code", "")):
        return "code"
    return None


def _metric_of(text: str, index: Index) -> str | None:
    """The metric whose longest alias is a phrase of the header ("idx hd chinh quyen so" is
    hoat_dong_chinh_quyen_so, not chinh_quyen_so)."""
    best, length = None, 0
    for metric in index.metrics.values():
        for alias in metric.aliases:
            if len(alias) > length and has_phrase(text, alias):
                best, length = metric.metric, len(alias)
    return best


def find_header(grid: list[tuple[int, list[object]]], index: Index,
                limit: int = 30) -> tuple[int, list[Column]]:
    """Position in `grid` of the (last) header row and its columns; a group row above
    sub-headers ("Chính quyền số" over "Điểm | Hạng") is combined with them."""
    return locate_header(
        grid, lambda cells, above, keep=None: _columns(cells, above, index, keep=keep), limit,
        "'Tỉnh/Thành phố', 'Province'")


def _columns(cells: list[object], above: list[object], index: Index,
             keep: list[object] | None = None) -> list[Column]:
    cells, groups = spread_header(cells, above, keep)
    columns = []
    for position, cell in enumerate(cells):
        if blank(cell):
            continue
        header = str(cell)
        found = classify(header, index)
        if groups[position] and fold(header) in RANK_WORDS + SCORE_WORDS:
            combined = classify(f"{groups[position]} {header}", index)
            if combined and combined.role in VALUE_ROLES:
                found, header = combined, f"{groups[position]} / {header}"
        if found:
            columns.append(Column(position, header, found.role, found.metric, found.written,
                                  found.year))
    return columns


def usable_columns(columns: list[Column], year: int) -> tuple[list[Column], list[str], str | None]:
    """(columns to read, headers ignored with why, error naming competing headers or None)."""
    ignored = [f"{c.header!r}: names {c.year}, not the file's year {year}" for c in columns
               if c.role in VALUE_ROLES and c.year is not None and c.year != year]
    kept = [c for c in columns
            if not (c.role in VALUE_ROLES and c.year is not None and c.year != year)]
    by_key: dict[tuple, list[Column]] = {}
    for column in kept:
        by_key.setdefault(column.key, []).append(column)
    clashes = [cols for cols in by_key.values() if len(cols) > 1]
    if not clashes:
        return kept, ignored, None
    parts = []
    for cols in clashes:
        what = (f"the {cols[0].role} of {cols[0].metric}" if cols[0].role in VALUE_ROLES
                else f"the {cols[0].role}")
        names = " and ".join(f"{c.header!r} (column {letter(c.index)})" for c in cols)
        parts.append(f"{names} are both {what}")
    return kept, ignored, ("; ".join(parts) + "; keep one column, or name the year in each "
                           "header (e.g. 'Xếp hạng 2023')")


def letter(position: int) -> str:
    name = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        name = chr(65 + rest) + name
    return name
