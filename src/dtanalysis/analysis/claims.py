"""The rules a page's sentences and marks follow, written once: the briefing, the sections, the
overview, the index page, the command line and the exports all ask here.

1. **Why a value is missing** (`why_missing`), one of four reasons, never confused:
   `not_published` — the publisher did not publish it, and says so (`index_publications`: a
   unit it names excluded, or outside a top N whose every member the tables hold);
   `not_collected` — published (or nothing declared), but not in the tables collected here;
   `no_table` — no table of that index, year and unit set in the data;
   `no_unit` — the unit did not exist that year (a 34-set unit before its first index year).
   Without a declaration the reason is never `not_published`.
2. **Coverage** (`coverage`, `coverage_table`): how much of a publication is held — M units
   with a value of N (the declared N, else the set's size), counted by every status of
   `vocab.STATUSES`.
3. **Fair benchmarks** (`benchmark_fair`): a median, best or mean judges a unit only when it is
   over at least COVERAGE_FLOOR of the set's units; else the unit is judged by its rank among
   all N (`rank_standing`).
4. **What may lead** (`may_lead`): an uncertain (‡) value never leads — not on page one, not a
   key point, not a change, not a mover; a derived (†) one only where nothing published exists.
5. **Conflicts shown where the value is** (`disputes`, `disputes_of`): two sources disagreeing
   on one value (`index_scores.disputed`: the value kept by standing, and what the others give)
   travel with the value — every analysis that hands a score or rank to a page hands its
   disputes too, parsed here once, and the page prints them beside it (page one included).
6. **Whose words** (`note_parts`; a value's own words travel as `score_words`): a row's note
   is the project's (how a value was inferred, which list it came from), shown in the page's
   language from its translation (`note_vi`) and labelled as the project's, in English only
   where no translation exists (and then labelled so); a value the source names in words
   ("giá trị trung bình") carries them (`score_words`), shown beside the number as the
   source's words.
7. **Target verdicts by time** (`verdict`): met, not met, no final figure, on track, behind
   pace, no data — each with a `tone` (good / bad / neutral) for colour and symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..vocab import COMPUTED_NOTE, NOTE_SEPARATOR, STATUSES, UNIT_SET_FIRST_YEAR
from .data import Data, memo, memoised, n_units

COVERAGE_FLOOR = 0.8  # a benchmark over fewer of the set's units does not judge a unit
MISSING_KINDS = ("not_published", "not_collected", "no_table", "no_unit")
# The last index year a unit set can have: the 63 provinces were dissolved on 1 July 2025.
UNIT_SET_LAST_YEAR = {"63": 2024}


# --------------------------------------------------------------------------- publications
@dataclass(frozen=True)
class Publication:
    """What a publisher declared it published for one index, year and unit set."""
    index: str
    year: int
    unit_set: str
    kind: str  # all | top | all_but
    n_published: int
    excluded: frozenset[str] = frozenset()
    also_published: frozenset[str] = frozenset()
    source: str | None = None
    note: str | None = None


def publication(data: Data, index: str, year: int, unit_set: str) -> Publication | None:
    """The declaration of `index_publications` for that index, year and set, or None."""
    return _publications(data).get((index, int(year), unit_set))


def _publications(data: Data) -> dict[tuple, Publication]:
    def build():
        out = {}
        for r in data.index_publications.itertuples(index=False):
            out[(r.index, int(r.year), r.unit_set)] = Publication(
                r.index, int(r.year), r.unit_set, r.kind, int(r.n_published),
                frozenset(_codes(r.excluded)), frozenset(_codes(r.also_published)),
                None if pd.isna(r.source) else str(r.source),
                None if pd.isna(r.note) else str(r.note))
        return out
    return memo(data, ("claims_publications",), build)


def _codes(text: object) -> list[str]:
    return [] if text is None or pd.isna(text) else [c for c in str(text).split("|") if c]


# --------------------------------------------------------------------------- coverage
@dataclass(frozen=True)
class Coverage:
    """How much of one index's publication of a year the tables hold (overall metric)."""
    index: str
    year: int
    unit_set: str
    n_units: int  # units of the set
    n_published: int | None  # declared (None: nothing declared)
    held: int  # units with an overall score or rank, any status
    held_rank: int  # units with an overall rank
    held_score: int
    listed: int  # units named by the year's tables (with or without a value)
    by_status: dict[str, int] = field(default_factory=dict)  # held units by their value's status
    has_table: bool = True
    source: str | None = None  # the declaration's source

    @property
    def declared(self) -> bool:
        return self.n_published is not None

    @property
    def out_of(self) -> int:
        """N: the units published when declared, else the units of the set."""
        return self.n_published if self.n_published is not None else self.n_units

    @property
    def measure(self) -> str:
        """'rank' when the year has ranks, else 'score'."""
        return "rank" if self.held_rank else "score"

    @property
    def held_measure(self) -> int:
        return self.held_rank if self.held_rank else self.held_score


def _root(data: Data, index: str) -> str | None:
    metrics = data.index_metrics
    roots = metrics[(metrics["index"] == index) & metrics["parent"].isna()]["metric"]
    return None if roots.empty else str(roots.iloc[0])


def _year_rows(data: Data, index: str, unit_set: str) -> dict[int, pd.DataFrame]:
    """Per year, the overall metric's rows of an index in a set (once per Data)."""
    def build():
        scores = data.index_scores
        root = _root(data, index)
        rows = scores[(scores["index"] == index) & (scores["unit_set"] == unit_set)
                      & (scores["metric"] == root)]
        return {int(y): g for y, g in rows.groupby("year")}
    return memo(data, ("claims_rows", index, unit_set), build)


def _listed(data: Data, index: str, unit_set: str) -> dict[int, set[str]]:
    """Per year, every unit any table of the index names (any metric, with or without a
    value): a year with rows of sub-indices only still has a table."""
    def build():
        scores = data.index_scores
        rows = scores[(scores["index"] == index) & (scores["unit_set"] == unit_set)]
        return {int(y): set(g["province_code"]) for y, g in rows.groupby("year")}
    return memo(data, ("claims_listed", index, unit_set), build)


def _status_of(rank, rank_status, score_status) -> str | None:
    status = rank_status if pd.notna(rank) else score_status
    return None if status is None or pd.isna(status) else str(status)


def coverage(data: Data, index: str, year: int, unit_set: str) -> Coverage:
    """`Coverage` of one index, year and unit set."""
    return memo(data, ("claims_coverage", index, int(year), unit_set),
                lambda: _build_coverage(data, index, int(year), unit_set))


def _build_coverage(data: Data, index: str, year: int, unit_set: str) -> Coverage:
    declared = publication(data, index, year, unit_set)
    rows = _year_rows(data, index, unit_set).get(year)
    listed = _listed(data, index, unit_set).get(year, set())
    by_status = dict.fromkeys(STATUSES, 0)
    held = held_rank = held_score = 0
    if rows is not None:
        valued = rows[rows["rank"].notna() | rows["score"].notna()]
        held, held_rank = len(valued), int(rows["rank"].notna().sum())
        held_score = int(rows["score"].notna().sum())
        for r in valued.itertuples(index=False):
            status = _status_of(r.rank, r.rank_status, r.score_status)
            if status in by_status:
                by_status[status] += 1
    return Coverage(index, year, unit_set, n_units(data, unit_set),
                    None if declared is None else declared.n_published, held, held_rank,
                    held_score, len(listed), by_status, bool(listed),
                    None if declared is None else declared.source)


def index_years(data: Data, index: str, unit_set: str) -> list[int]:
    """Every year the index has a table of the set or a declaration for it."""
    declared = {y for (i, y, s) in _publications(data) if i == index and s == unit_set}
    return sorted(set(_listed(data, index, unit_set)) | declared)


COVERAGE_COLUMNS = ["index", "year", "unit_set", "n_units", "n_published", "out_of", "declared",
                    "held", "held_rank", "held_score", *(f"n_{s}" for s in STATUSES),
                    "has_table", "source"]


def coverage_table(data: Data, unit_set: str, index: str | None = None) -> pd.DataFrame:
    """One row per index (of the catalogue, or `index`) and year: the `Coverage` with the
    held units counted by every status (`n_<status>`, adding up to `held`)."""
    indices = [index] if index is not None else list(data.index_catalogue["index"])
    records = []
    for i in indices:
        for year in index_years(data, i, unit_set):
            c = coverage(data, i, year, unit_set)
            records.append({"index": i, "year": year, "unit_set": unit_set,
                            "n_units": c.n_units, "n_published": c.n_published,
                            "out_of": c.out_of, "declared": c.declared, "held": c.held,
                            "held_rank": c.held_rank, "held_score": c.held_score,
                            **{f"n_{s}": c.by_status[s] for s in STATUSES},
                            "has_table": c.has_table, "source": c.source})
    frame = pd.DataFrame(records, columns=COVERAGE_COLUMNS)
    for column in ("n_published",):
        frame[column] = frame[column].astype("Int64")
    return frame


# --------------------------------------------------------------------------- missing values
@dataclass(frozen=True)
class Missing:
    """Why a unit has no overall value of an index in a year (`kind`: MISSING_KINDS)."""
    kind: str
    index: str
    year: int
    unit_set: str
    code: str
    coverage: Coverage
    listed: bool = False  # the unit is named in the year's table, without a value
    top_n: int | None = None  # the year was declared a top N (the unit may be outside it)
    source: str | None = None  # the declaration's source, for not_published


@memoised
def why_missing(data: Data, index: str, year: int, unit_set: str, code: str) -> Missing:
    """The reason (module docstring, rule 1) a unit has no overall value of `index` in `year`.
    `not_published` only where a declaration says so."""
    year = int(year)
    cov = coverage(data, index, year, unit_set)
    first = UNIT_SET_FIRST_YEAR.get(unit_set)
    last = UNIT_SET_LAST_YEAR.get(unit_set)
    if (first is not None and year < first) or (last is not None and year > last):
        return Missing("no_unit", index, year, unit_set, code, cov)
    listed = code in _listed(data, index, unit_set).get(year, set())
    declared = publication(data, index, year, unit_set)
    if not cov.has_table:
        return Missing("no_table", index, year, unit_set, code, cov)
    if declared is not None and code not in declared.also_published:
        if declared.kind == "all_but" and code in declared.excluded:
            return Missing("not_published", index, year, unit_set, code, cov,
                           source=declared.source)
        if declared.kind == "top":
            members = _top_members(data, index, year, unit_set, declared.n_published)
            if len(members) >= declared.n_published and code not in members:
                return Missing("not_published", index, year, unit_set, code, cov,
                               top_n=declared.n_published, source=declared.source)
            return Missing("not_collected", index, year, unit_set, code, cov, listed,
                           top_n=declared.n_published)
    return Missing("not_collected", index, year, unit_set, code, cov, listed)


@memoised
def _top_members(data: Data, index: str, year: int, unit_set: str, n: int) -> set[str]:
    """Units the tables hold inside a top N: ranked ≤ N, or named without a rank (a table of
    the top N listing members without their rank)."""
    rows = _year_rows(data, index, unit_set).get(year)
    if rows is None:
        return set()
    inside = rows[rows["rank"].isna() | (rows["rank"].astype("Float64") <= n)]
    return set(inside["province_code"])


# --------------------------------------------------------------------------- benchmarks
def benchmark_fair(n_with_value: int, n_set: int) -> bool:
    """A median, best or mean over `n_with_value` of a set of `n_set` units judges a unit only
    when it is over at least COVERAGE_FLOOR of them."""
    return n_set > 0 and int(n_with_value) >= COVERAGE_FLOOR * n_set


def rank_standing(rank: float, out_of: int) -> str:
    """Where a rank stands among all N: 'top_fifth', 'upper_half', 'lower_half' or
    'bottom_fifth' (12th of 63 is in the top fifth)."""
    share = float(rank) / float(out_of)
    if share <= 0.2:
        return "top_fifth"
    if share <= 0.5:
        return "upper_half"
    if share <= 0.8:
        return "lower_half"
    return "bottom_fifth"


# --------------------------------------------------------------------------- what may lead
def may_lead(status: object, published_exists: bool) -> bool:
    """Rule 4: an uncertain value never leads; a derived one only where nothing published
    exists; a stated value always may."""
    if not isinstance(status, str):
        return True
    if status == "uncertain":
        return False
    if status == "derived":
        return not published_exists
    return True


# --------------------------------------------------------------------------- conflicts
@dataclass(frozen=True)
class Dispute:
    """Another value a source gives for a value kept by standing (rule 5)."""
    kind: str  # "score" | "rank"
    value: float
    status: str
    where: str  # raw file:line
    source: str


# `ingest.merge.disputed`: "score 0.5293 (derived, file:line, source); rank 10 (…)"
_DISPUTE = re.compile(r"(score|rank) (-?[\d.]+(?:e-?\d+)?) \((\w+), ([^,]*), (.*?)\)"
                      r"(?=; (?:score|rank) |$)")


def disputes(disputed: object, kind: str | None = None) -> tuple[Dispute, ...]:
    """The other values of `disputed` (`index_scores.disputed`), of `kind` ("score" / "rank")
    or all; () when none."""
    if disputed is None or (not isinstance(disputed, str) and pd.isna(disputed)):
        return ()
    found = (Dispute(k, float(v), status, where, source)
             for k, v, status, where, source in _DISPUTE.findall(str(disputed).strip()))
    return tuple(d for d in found if kind is None or d.kind == kind)


def disputes_of(data: Data, index: str, year: object, unit_set: str, code: str,
                metric: str | None = None, kind: str | None = None) -> tuple[Dispute, ...]:
    """The disputes of one value of `index_scores` (the overall metric unless `metric`);
    () when it has none or the row does not exist."""
    if year is None or pd.isna(year):
        return ()
    found = _disputed(data).get((index, int(year), unit_set, code,
                                 metric if metric is not None else _root(data, index)))
    return disputes(found, kind)


def _disputed(data: Data) -> dict[tuple, str]:
    def build():
        scores = data.index_scores
        if "disputed" not in scores.columns:
            return {}
        rows = scores[scores["disputed"].notna()]
        return {(r.index, int(r.year), r.unit_set, r.province_code, r.metric): str(r.disputed)
                for r in rows.itertuples(index=False)}
    return memo(data, ("claims_disputed",), build)


# --------------------------------------------------------------------------- whose words
def note_parts(note: object, note_vi: object = None) -> list[tuple[str, str | None]]:
    """The parts of a row's note a page shows (the pipeline's formulas — parts starting with
    `vocab.COMPUTED_NOTE` — left out), each as (English as
    written in data/raw, its Vietnamese translation or None). `note_vi` is the note's
    translation part by part (same separator, same order; `ingest.notes`); a part without one
    is None, never guessed."""
    if not isinstance(note, str) or not note.strip():
        return []
    parts = [p.strip() for p in note.split(NOTE_SEPARATOR)]
    vi_parts = ([p.strip() for p in note_vi.split(NOTE_SEPARATOR)]
                if isinstance(note_vi, str) and note_vi.strip() else [])
    if len(vi_parts) != len(parts):
        vi_parts = [""] * len(parts)
    return [(en, vi or None) for en, vi in zip(parts, vi_parts)
            if en and not en.startswith(COMPUTED_NOTE)]


# --------------------------------------------------------------------------- target verdicts
VERDICTS = ("met", "not_met", "no_final_figure", "on_track", "behind_pace", "pace_unknown",
            "no_data")
# good / bad / neutral: each has a colour and a symbol on the page (colour-blind safe).
TONE = {"met": "good", "on_track": "good", "not_met": "bad", "behind_pace": "bad",
        "no_final_figure": "neutral", "pace_unknown": "neutral", "no_data": "neutral"}


def verdict(*, value: float | None, reached: bool | None, value_date: pd.Timestamp | None,
            deadline: pd.Timestamp | None, as_of: pd.Timestamp,
            pace_needed: float | None = None, pace_so_far: float | None = None) -> str:
    """Rule 7, one of VERDICTS:
    - no value: no_data;
    - reached: met;
    - deadline passed: not_met when the value is of the end of the period (dated on or after
      the deadline's last day), else no_final_figure (only a value from before its end);
    - deadline ahead: on_track when the pace so far (per year, from the earliest to the latest
      value) is at least the pace needed to close the gap by the deadline, else behind_pace;
      pace_unknown when either pace cannot be measured (one value, or no deadline)."""
    if value is None or pd.isna(value):
        return "no_data"
    if reached:
        return "met"
    if deadline is not None and deadline < as_of:
        if value_date is not None and value_date >= deadline:
            return "not_met"
        return "no_final_figure"
    if pace_needed is None or pace_so_far is None or pd.isna(pace_needed) \
            or pd.isna(pace_so_far):
        return "pace_unknown"
    return "on_track" if pace_so_far >= pace_needed else "behind_pace"
