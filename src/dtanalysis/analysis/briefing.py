"""The one-page briefing: where a province stands on every index of the catalogue
(`data/raw/indices/catalogue.csv`: DTI, PCI, PAPI and any index added there, one row each, from
`index_scores` through `analysis.indices`), its strongest and weakest sub-indices against the
median, and its progress toward its own targets — every value taken from the other analyses, none
typed.

An index row leads with a published value (official, reported by the press, or a secondary copy
of a published figure): when the latest value is derived or uncertain and an earlier published
one exists, the row leads with the published one and carries the later value beside it
(`later`), so the report shows the mark and the reason. The years an index published values for
the set but none for the province (PCI's top-30-only years, PAPI's excluded provinces) are the
row's `gaps`; an index with no table for the set at all has no `published_years`: both are said
in words, never filled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from . import claims
from . import indices as ix
from .data import Data, is_marked, memo, memoised, n_units, name_of, plain_value
from .headline import Change, Headline, change
from .pillars import pillars
from .targets import targets_progress

MIN_COMPARED = 3  # a "median" of fewer units with a value is not shown as a comparison
TOP_SUBINDICES = 2  # strongest and weakest shown


@dataclass(frozen=True)
class IndexRow:
    """A province's standing on one index of the catalogue: `lead` is the year the briefing
    leads with (a published value when one exists); `later` a later derived / uncertain value,
    or None; `gaps` the years the index published for the set without a value for the province;
    `published_years` every year it published for the set (empty: no table for the set)."""

    index: str  # the catalogue's id ("dti", "pci", …)
    lead: Headline
    later: Headline | None = None
    gaps: tuple[ix.IndexGap, ...] = ()
    published_years: tuple[int, ...] = ()

    @property
    def has_value(self) -> bool:
        return self.lead.rank is not None or self.lead.score is not None


def index_headline(data: Data, code: str, unit_set: str, index: str, year: int | None = None,
                   traj: pd.DataFrame | None = None) -> Headline:
    """The overall rank and score of a province on `index` for `year` (default: its latest
    year with either) from `index_scores`, their statuses, `n_units` the number of units the
    rank is a place among (`indices.ranked_out_of`), and the change against the previous year
    that has a rank (a score), with the method changes (`index_methods`) and the published years
    without a value lying between."""
    traj = ix.trajectory(data, code, unit_set, index) if traj is None else traj
    valued = traj[traj["score"].notna() | traj["rank"].notna()]
    years = tuple(int(y) for y in valued["year"])
    if year is None:
        year = years[-1] if years else None
    chosen = traj[traj["year"] == year] if year is not None else traj.iloc[0:0]
    row = chosen.iloc[0] if not chosen.empty else None

    def get(column):
        return None if row is None else plain_value(row[column])

    rank = get("rank")
    return Headline(
        code=code, unit_set=unit_set, name=name_of(data, code, unit_set),
        n_units=int(row["out_of"]) if row is not None else n_units(data, unit_set), year=year,
        rank=None if rank is None else int(rank), rank_status=get("rank_status"),
        score=get("score"), score_status=get("score_status"),
        source=get("source"), note=get("note"),
        rank_change=_change(data, index, traj, "rank", year),
        score_change=_change(data, index, traj, "score", year),
        years=years,
        rank_disputes=claims.disputes(get("disputed"), "rank") if rank is not None else (),
        score_disputes=(claims.disputes(get("disputed"), "score")
                        if get("score") is not None else ()),
        note_vi=get("note_vi"), score_words=get("score_words"),
        score_words_en=get("score_words_en"))


def _change(data: Data, index: str, traj: pd.DataFrame, kind: str,
            year: int | None) -> Change | None:
    """`headline.change` over one index's trajectory, with that index's method changes. An
    uncertain value is never one end of a change (`claims.may_lead`)."""
    certain = traj.copy()
    certain.loc[certain[f"{kind}_status"] == "uncertain", kind] = pd.NA
    return change(certain, kind, year, traj["year"],
                  lambda before, now: ix.methods_between(data, index, before, now))


def index_row(data: Data, code: str, unit_set: str, index: str,
              year: int | None = None) -> IndexRow:
    """The row of one index: the latest year with a published rank (or score, when no rank was
    ever published) unless `year` is given; a later derived / uncertain value goes to `later`.
    Found once per Data, unit, index and year (the row is frozen: both languages' reports
    share it)."""
    return memo(data, ("index_row", code, unit_set, index, year),
                lambda: _index_row(data, code, unit_set, index, year))


def _index_row(data: Data, code: str, unit_set: str, index: str,
               year: int | None) -> IndexRow:
    traj = ix.trajectory(data, code, unit_set, index)
    published_years = tuple(int(y) for y in traj["year"])
    gaps = tuple(ix.index_gaps(data, index, traj))
    latest = index_headline(data, code, unit_set, index, year, traj)
    row = IndexRow(index, latest, gaps=gaps, published_years=published_years)
    if year is not None or latest.year is None or not _is_marked_lead(latest):
        return row
    rows = traj[traj["year"] < latest.year]
    # an uncertain value never leads (claims.may_lead): the lead is the latest published
    # value, else the latest derived one, else none (the later values are listed in words)
    leads = traj[(traj["rank"].notna() & (traj["rank_status"] != "uncertain"))
                 | (traj["rank"].isna() & traj["score"].notna()
                    & (traj["score_status"] != "uncertain"))]
    rank_marked = rows["rank_status"].map(_marked).astype(bool)
    score_marked = rows["score_status"].map(_marked).astype(bool)
    published = rows[(rows["rank"].notna() & ~rank_marked)
                     | (rows["score"].notna() & ~score_marked)]
    if published.empty:
        if not _lead_uncertain(latest):
            return row
        derived = leads[leads["year"] < latest.year]
        if derived.empty:  # only uncertain values: nothing leads
            empty = replace(latest, year=None, rank=None, rank_status=None, score=None,
                            score_status=None, source=None, note=None, rank_change=None,
                            score_change=None, rank_disputes=(), score_disputes=(),
                            note_vi=None, score_words=None, score_words_en=None)
            return IndexRow(index, empty, later=latest, gaps=gaps,
                            published_years=published_years)
        lead = index_headline(data, code, unit_set, index, int(derived["year"].max()), traj)
        return IndexRow(index, lead, later=latest, gaps=gaps, published_years=published_years)
    lead = index_headline(data, code, unit_set, index, int(published["year"].max()), traj)
    return IndexRow(index, lead, later=latest, gaps=gaps, published_years=published_years)


def dti_row(data: Data, code: str, unit_set: str, year: int | None = None) -> IndexRow:
    """The DTI row (`index_row` of "dti")."""
    return index_row(data, code, unit_set, "dti", year)


def _marked(status) -> bool:
    return is_marked(None if pd.isna(status) else str(status))


def _is_marked_lead(h: Headline) -> bool:
    """Every value of the headline's year is derived or uncertain (a year with a published
    score and a derived rank — a PAPI total a publication confirms — leads as published)."""
    values = [s for v, s in ((h.rank, h.rank_status), (h.score, h.score_status))
              if v is not None]
    return bool(values) and all(is_marked(s) for s in values)


def _lead_uncertain(h: Headline) -> bool:
    if h.rank is not None:
        return h.rank_status == "uncertain"
    return h.score is not None and h.score_status == "uncertain"


def index_rows(data: Data, code: str, unit_set: str, year: int | None = None) -> list[IndexRow]:
    """One row per index of the catalogue, in the catalogue's order. `year` applies to each
    index (an index without that year gets a row without a value)."""
    return [index_row(data, code, unit_set, index, year)
            for index in ix.catalogue(data)["index"]]


@memoised
def subindex_standing(data: Data, code: str, unit_set: str,
                      year: int | None = None) -> pd.DataFrame:
    """The province's sub-indices (pillars, main indices) of the latest year (or `year`) in
    which it has at least one that can be judged, strongest first. A median judges only when
    it is over at least `claims.COVERAGE_FLOOR` of the set's units (`judged_by` "median",
    `margin` against it); else a rank is judged among all N units of the set (`judged_by`
    "rank_of_n", `margin` against the middle place, `standing` its fifth or half) and a score
    is not judged. `margin` > 0 = better (places for ranks, points for scores); `n` the units
    the median is over, `n_units` the set's. Empty when nothing can be judged."""
    frame = pillars(data, code, unit_set)
    n_set = n_units(data, unit_set)
    columns = ["year", "metric", "basis", "value", "status", "median", "n", "n_units",
               "judged_by", "standing", "margin", "source", "disputes"]
    if year is not None:
        frame = frame[frame["year"] == year]
    for y in sorted(frame["year"].unique(), reverse=True):
        rows = frame[frame["year"] == y]
        for basis in ("rank", "score"):
            # an uncertain value is never judged (claims.may_lead)
            # (a rank is judged among all N however few others are held; a median needs
            # MIN_COMPARED values at least, and the coverage floor to judge)
            usable = rows[rows[basis].notna() & (rows[f"{basis}_status"] != "uncertain")
                          & ((rows[f"n_{basis}"] >= MIN_COMPARED) | (basis == "rank"))]
            if usable.empty:
                continue
            fair = usable[f"n_{basis}"].map(lambda n: claims.benchmark_fair(n, n_set))
            if basis == "score":
                usable, fair = usable[fair], fair[fair]
                if usable.empty:
                    continue
            median = usable[f"median_{basis}"].astype(float)
            value = usable[basis].astype(float)
            middle = (n_set + 1) / 2
            if basis == "rank":
                margin = [(m - v) if f else (middle - v)
                          for m, v, f in zip(median, value, fair)]
            else:
                margin = value - median
            out = pd.DataFrame({
                "year": int(y), "metric": usable["metric"], "basis": basis, "value": value,
                "status": usable[f"{basis}_status"], "median": median,
                "n": usable[f"n_{basis}"].astype(int), "n_units": n_set,
                "judged_by": ["median" if f else "rank_of_n" for f in fair],
                "standing": [None if f else claims.rank_standing(v, n_set)
                             for v, f in zip(value, fair)],
                "margin": margin, "source": usable["source"],
                # other values sources give for it (claims rule 5), shown beside it
                "disputes": [claims.disputes(d, basis) for d in usable["disputed"]],
            })
            return out.sort_values(["margin", "metric"], ascending=[False, True],
                                   ignore_index=True)[columns]
    return pd.DataFrame(columns=columns)


@dataclass(frozen=True)
class TargetSummary:
    total: int
    reached: int
    not_reached: int
    no_data: int  # no value reported up to the deadline: "no data", never "overdue"
    deadline_passed_not_reached: int  # a value exists, the deadline passed, not reached
    table: pd.DataFrame  # targets_progress rows


def target_summary(data: Data, code: str, unit_set: str,
                   as_of: dt.date | None = None) -> TargetSummary:
    table = targets_progress(data, code, unit_set, as_of)
    has_value = table["latest_value"].notna()
    reached = table["reached"].map(lambda r: r is True)
    return TargetSummary(
        total=len(table), reached=int(reached.sum()),
        not_reached=int((has_value & ~reached).sum()), no_data=int((~has_value).sum()),
        deadline_passed_not_reached=int((has_value & ~reached & table["deadline_passed"]).sum()),
        table=table)


@dataclass(frozen=True)
class Briefing:
    code: str
    unit_set: str
    name: str
    indices: list[IndexRow]
    subindices: pd.DataFrame  # subindex_standing, strongest first
    targets: TargetSummary

    @property
    def strongest(self) -> pd.DataFrame:
        s = self.subindices
        return s[s["margin"] > 0].head(TOP_SUBINDICES)

    @property
    def weakest(self) -> pd.DataFrame:
        s = self.subindices
        return s[s["margin"] < 0].iloc[::-1].head(TOP_SUBINDICES)


def briefing(data: Data, code: str, unit_set: str, year: int | None = None,
             as_of: dt.date | None = None) -> Briefing:
    return Briefing(code, unit_set, name_of(data, code, unit_set),
                    index_rows(data, code, unit_set, year), subindex_standing(data, code, unit_set, year),
                    target_summary(data, code, unit_set, as_of))
