"""Section 1, headline: the overall DTI rank and score of a province for a year, with their
statuses and the change against the previous comparable year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import claims
from .data import (
    Data,
    is_marked,
    memoised,
    method_changes_between,
    n_units,
    name_of,
    overall_rows,
    plain_value,
    set_years,
)


@dataclass(frozen=True)
class Change:
    """The change of a rank or score between two years of one unit set and one metric."""

    kind: str  # "rank" or "score"
    year: int
    value: float
    status: str | None
    previous_year: int
    previous_value: float
    previous_status: str | None
    # rank: places gained (previous - current; > 0 = moved up); score: current - previous
    delta: float
    method_changes: tuple[int, ...] = ()  # new methods first used in (previous_year, year]
    skipped_years: tuple[int, ...] = ()  # years of the set between the two without a value

    @property
    def marked(self) -> bool:
        return is_marked(self.status) or is_marked(self.previous_status)


@dataclass(frozen=True)
class Headline:
    code: str
    unit_set: str
    name: str
    n_units: int
    year: int | None  # the year shown (None: the province has no DTI value at all)
    rank: int | None
    rank_status: str | None
    score: float | None
    score_status: str | None
    source: str | None
    note: str | None
    rank_change: Change | None
    score_change: Change | None
    years: tuple[int, ...]  # years with an overall rank or score
    # What else a page must say beside the values (`analysis.claims` rules 5 and 6): the other
    # values sources give for the rank / the score, the note's Vietnamese text, and what the
    # source calls the score (its words, and the project's English for them).
    rank_disputes: tuple = ()
    score_disputes: tuple = ()
    note_vi: str | None = None
    score_words: str | None = None
    score_words_en: str | None = None


@memoised
def headline(data: Data, code: str, unit_set: str, year: int | None = None) -> Headline:
    """The overall DTI rank and score of a province for `year` (default: its latest year with
    a published value — a later derived or uncertain one never leads; the briefing shows it
    beside —, else its latest year with either), their statuses, and the change against the
    previous year of the same set and metric that has a value (with the method changes and
    value-less years lying between)."""
    rows = overall_rows(data, unit_set)
    rows = rows[rows["province_code"] == code].sort_values("year")
    valued = rows[rows["rank"].notna() | rows["score"].notna()]
    years = tuple(int(y) for y in valued["year"])
    if year is None:
        published = [int(y) for y, s in zip(valued["year"], valued["status"])
                     if not is_marked(s)]
        year = published[-1] if published else (years[-1] if years else None)
    row = rows[rows["year"] == year].iloc[0] if year is not None and (rows["year"] == year).any() \
        else None

    def get(column):
        return None if row is None or column not in row.index else plain_value(row[column])

    return Headline(
        code=code, unit_set=unit_set, name=name_of(data, code, unit_set),
        n_units=n_units(data, unit_set), year=year,
        rank=get("rank"), rank_status=get("rank_status"),
        score=get("score"), score_status=get("score_status"),
        source=get("source"), note=get("note"),
        rank_change=change(rows, "rank", year, set_years(data, unit_set)),
        score_change=change(rows, "score", year, set_years(data, unit_set)),
        years=years,
        rank_disputes=claims.disputes(get("disputed"), "rank") if get("rank") is not None
        else (),
        score_disputes=claims.disputes(get("disputed"), "score") if get("score") is not None
        else (),
        note_vi=get("note_vi"), score_words=get("score_words"),
        score_words_en=get("score_words_en"),
    )


def change(rows: pd.DataFrame, kind: str, year: int | None, all_years,
           methods=method_changes_between) -> Change | None:
    """The change of `kind` (rank or score) of `year` against the latest earlier year of `rows`
    with a value; `methods(previous_year, year)` gives the method changes between (DTI's by
    default), `all_years` the years the skipped ones are counted from. Also the briefing's."""
    if year is None:
        return None
    current = rows[(rows["year"] == year) & rows[kind].notna()]
    earlier = rows[(rows["year"] < year) & rows[kind].notna()]
    if current.empty or earlier.empty:
        return None
    now, before = current.iloc[0], earlier.iloc[-1]
    value, previous = float(now[kind]), float(before[kind])
    previous_year = int(before["year"])
    return Change(
        kind=kind, year=int(year), value=value, status=plain_value(now[f"{kind}_status"]),
        previous_year=previous_year, previous_value=previous,
        previous_status=plain_value(before[f"{kind}_status"]),
        delta=(previous - value) if kind == "rank" else (value - previous),
        method_changes=methods(previous_year, int(year)),
        skipped_years=tuple(int(y) for y in all_years if previous_year < y < year),
    )
