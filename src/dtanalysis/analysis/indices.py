"""The national indices side by side (DTI, PCI, PAPI, … — whatever `data/raw/indices/catalogue.csv`
lists): for one unit, each index's latest value with its rank, status, percentile among the
ranked units and change; its trajectory; its sub-indices against the best and the median; the
years an index published without this unit (a gap, said as one); and, over units, one index's
ranks against another's.

Ranks and scores stay inside one index, one year and one unit set. A percentile puts different
scales side by side: 100 · (units ranked below) / (units ranked − 1), among the units that have a
rank that year (not among all units of the set). Every value keeps its status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import Data, first_rows, is_marked, memo, memoised, n_units, units

MIN_COMMON = 10  # fewer units ranked by both indices: no rank-vs-rank comparison is drawn


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]*)\)\s*$")


def short_label(index: str, name_en: object) -> str:
    """The short name of an index: the acronym its catalogue name ends with ('(PCI)'), else
    its id in capitals."""
    found = _ACRONYM.search(str(name_en)) if isinstance(name_en, str) else None
    return found.group(1) if found else str(index).upper()


def catalogue(data: Data) -> pd.DataFrame:
    """One row per index, with the id of its overall metric (`root`) and its short `label`
    (a copy: built once per Data)."""
    return shared_catalogue(data).copy()


def shared_catalogue(data: Data) -> pd.DataFrame:
    """`catalogue`, built once per Data and shared by its readers (`maps`): read it, never
    change it (`catalogue` gives a copy)."""
    return memo(data, ("index_catalogue",), lambda: _build_catalogue(data))


def _build_catalogue(data: Data) -> pd.DataFrame:
    roots = data.index_metrics[data.index_metrics["parent"].isna()]
    root = dict(zip(roots["index"], roots["metric"]))
    out = data.index_catalogue.copy()
    out["root"] = out["index"].map(root)
    out["label"] = [short_label(i, n) for i, n in zip(out["index"], out["name_en"])]
    return out.reset_index(drop=True)


def _split(data: Data) -> dict[tuple, pd.DataFrame]:
    """`index_scores` split once per Data by (index, unit_set, metric)."""
    return memo(data, ("index_split",), lambda: {
        key: group for key, group in
        data.index_scores.groupby(["index", "unit_set", "metric"], sort=False)})


def _rows(data: Data, index: str, unit_set: str, metric: str | None = None) -> pd.DataFrame:
    parts = _split(data)
    if metric is not None:
        return parts.get((index, unit_set, metric), data.index_scores.iloc[0:0])
    chosen = [g for (i, s, _), g in parts.items() if i == index and s == unit_set]
    return pd.concat(chosen) if chosen else data.index_scores.iloc[0:0]


def ranked_out_of(n_rank: int, max_rank: float, n_set: int) -> int:
    """How many units a rank of that year is a place among: the units ranked, when the year's
    ranking is complete (ranks 1..n over at least 90% of the set, e.g. PAPI 2022 without its
    two excluded provinces); else the whole set (a top-30 list: rank 12 is 12th of 63)."""
    if n_rank >= 0.9 * n_set and not pd.isna(max_rank) and max_rank <= n_rank:
        return n_rank
    return n_set


def _percentile(rank, out_of: int) -> float:
    if pd.isna(rank) or out_of < 2:
        return np.nan
    return 100.0 * (out_of - float(rank)) / (out_of - 1)


def trajectory(data: Data, code: str, unit_set: str, index: str,
               metric: str | None = None) -> pd.DataFrame:
    """One row per year the index published anything for `metric` (default: the overall
    metric) in the set: the unit's score, rank, statuses, source and note (NaN / None where it
    has none), its percentile, and over the units with a value: n with a score / rank, best and
    median score. Built once per Data, unit, index and metric (a report asks for it a dozen
    times, and its other language again); each caller gets its own copy."""
    return memo(data, ("trajectory", code, unit_set, index, metric),
                lambda: _build_trajectory(data, code, unit_set, index, metric)).copy()


def _build_trajectory(data: Data, code: str, unit_set: str, index: str,
                      metric: str | None) -> pd.DataFrame:
    metric = metric or shared_catalogue(data).set_index("index").loc[index, "root"]
    records = []
    for year, own, national in year_summaries(data, index, unit_set, metric):
        first = own.get(code)
        rank = first["rank"] if first is not None else pd.NA
        records.append({
            "index": index, "metric": metric, "year": year,
            "listed": first is not None,
            "score": first["score"] if first is not None else np.nan,
            "rank": rank,
            "status": first["status"] if first is not None else None,
            "score_status": first["score_status"] if first is not None else None,
            "rank_status": first["rank_status"] if first is not None else None,
            "source": first["source"] if first is not None else None,
            "note": first["note"] if first is not None else None,
            **{k: first.get(k) if first is not None else None for k in _CLAIM_COLUMNS},
            **national, "percentile": _percentile(rank, national["out_of"]),
        })
    return pd.DataFrame(records, columns=TRAJECTORY_COLUMNS)


def year_summaries(data: Data, index: str, unit_set: str, metric: str) -> list[tuple]:
    """Per Data, index, set and metric, once for all the units a build reports on: for each
    year published, (year, unit code → its first row as a dict, what the year says over all
    units: n with a score / rank, out of, best and median score). Shared by every caller of
    the Data (the memo's own list and dicts): read it, never change it."""
    return memo(data, ("index_years", index, unit_set, metric),
                lambda: _build_years(data, index, unit_set, metric))


# What a value carries to the page besides its number (`analysis.claims` rules 5 and 6): the
# other values sources give for it, the note's Vietnamese text, the source's words for it.
_CLAIM_COLUMNS = ["disputed", "note_vi", "score_words", "score_words_en"]
_OWN_COLUMNS = ["province_code", "year", "score", "rank", "status", "score_status",
                "rank_status", "source", "note"]


def _build_years(data: Data, index: str, unit_set: str, metric: str) -> list[tuple]:
    higher = bool(shared_catalogue(data).set_index("index").loc[index, "higher_is_better"])
    n_set = n_units(data, unit_set)
    rows = _rows(data, index, unit_set, metric)
    by_year = first_rows(rows, ("year", "province_code"),
                         _OWN_COLUMNS + [c for c in _CLAIM_COLUMNS if c in rows.columns])
    out = []
    for year, group in rows.groupby("year"):
        scores = group["score"].dropna()
        n_rank = int(group["rank"].notna().sum())
        own = by_year.get(int(year), {})
        out.append((int(year), own, {
            "n_score": len(scores), "n_rank": n_rank, "n_units": n_set,
            "out_of": ranked_out_of(n_rank, group["rank"].max(), n_set),
            "best_score": (scores.max() if higher else scores.min()) if len(scores) else np.nan,
            "median_score": scores.median() if len(scores) else np.nan,
        }))
    return out


TRAJECTORY_COLUMNS = ["index", "metric", "year", "listed", "score", "rank", "status",
                      "score_status", "rank_status", "source", "note", *_CLAIM_COLUMNS,
                      "n_score", "n_rank", "n_units", "out_of", "percentile", "best_score",
                      "median_score"]


@dataclass(frozen=True)
class IndexGap:
    """A year an index published values for the set but none for this unit."""
    index: str
    year: int
    listed: bool  # the unit is in the year's table, without score or rank (e.g. top-30 member)
    note: str | None  # the table's note on that row
    n_score: int
    n_rank: int
    n_units: int
    methods: tuple[int, ...]  # years of method changes in force (≤ year), e.g. PCI top 30
    note_vi: str | None = None  # the note's Vietnamese text (claims.note_parts)


@memoised
def scorecard(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """One row per index of the catalogue: the latest year with a published score or rank of
    the unit (overall metric; the latest derived or uncertain one when none is published), that
    value with its statuses, percentile and source; the change against the previous year with a
    value; best and median score that year; `later`: the derived or uncertain values of later
    years, (year, rank, rank_status, score, score_status) each. An index without any value for
    the unit has `year` NaN and `years_published` listing the years it published others."""
    records = []
    for entry in catalogue(data).itertuples(index=False):
        traj = trajectory(data, code, unit_set, entry.index)
        valued = traj[traj["score"].notna() | traj["rank"].notna()]
        record = {"index": entry.index, "name_vi": entry.name_vi, "name_en": entry.name_en,
                  "publisher": entry.publisher, "score_min": entry.score_min,
                  "score_max": entry.score_max,
                  "years_published": tuple(int(y) for y in traj["year"]),
                  "years_with_value": tuple(int(y) for y in valued["year"])}
        if valued.empty:
            records.append(record)
            continue
        # The latest published value leads; a later derived or uncertain one never does (as
        # in the headline and the briefing): it is listed in `later`, beside it.
        published = [i for i, s in enumerate(valued["status"]) if not is_marked(s)]
        at = published[-1] if published else len(valued) - 1
        latest = valued.iloc[at]
        previous = valued.iloc[at - 1] if at > 0 else None
        record["later"] = tuple(
            (int(r["year"]), r["rank"], r["rank_status"], r["score"], r["score_status"])
            for _, r in valued.iloc[at + 1:].iterrows())
        record.update({k: latest[k] for k in ("year", "score", "rank", "status", "score_status",
                                               "rank_status", "source", "note", *_CLAIM_COLUMNS,
                                               "n_score",
                                               "n_rank", "n_units", "out_of", "percentile",
                                               "best_score", "median_score")})
        if previous is not None:
            record.update(previous_year=int(previous["year"]),
                          rank_change=(float(previous["rank"]) - float(latest["rank"])
                                       if pd.notna(previous["rank"]) and pd.notna(latest["rank"])
                                       else np.nan),
                          score_change=(float(latest["score"]) - float(previous["score"])
                                        if pd.notna(previous["score"])
                                        and pd.notna(latest["score"]) else np.nan),
                          methods_between=methods_between(data, entry.index,
                                                          int(previous["year"]),
                                                          int(latest["year"])))
        records.append(record)
    columns = ["index", "name_vi", "name_en", "publisher", "score_min", "score_max", "year",
               "score", "rank", "status", "score_status", "rank_status", "source", "note",
               *_CLAIM_COLUMNS, "n_score", "n_rank", "n_units", "out_of", "percentile",
               "best_score",
               "median_score", "previous_year", "rank_change", "score_change", "methods_between",
               "years_published", "years_with_value", "later"]
    return pd.DataFrame(records, columns=columns)


@memoised
def methods_between(data: Data, index: str, after: int, upto: int) -> tuple[int, ...]:
    """Years a method of `index` changed in (after, upto]."""
    methods = data.index_methods[data.index_methods["index"] == index]
    return tuple(sorted(int(y) for y in methods["year"] if after < int(y) <= upto))


@memoised
def method_sentences(data: Data, index: str, lang: str) -> list[tuple[int, str]]:
    """(year, sentence) of every method change of `index`, in `lang` (vi or en)."""
    methods = data.index_methods[data.index_methods["index"] == index].sort_values("year")
    column = "change_vi" if lang == "vi" else "change_en"
    return [(int(y), str(s)) for y, s in zip(methods["year"], methods[column])]


def gaps(data: Data, code: str, unit_set: str) -> list[IndexGap]:
    """Every (index, year) published for the set with no score or rank for the unit (found
    once per Data and unit; a new list each call)."""
    return list(memo(data, ("gaps", code, unit_set), lambda: [
        gap for entry in shared_catalogue(data).itertuples(index=False)
        for gap in index_gaps(data, entry.index, trajectory(data, code, unit_set, entry.index))]))


def index_gaps(data: Data, index: str, traj: pd.DataFrame) -> list[IndexGap]:
    """The gaps of one index, from the unit's `trajectory` of it (already computed)."""
    methods = data.index_methods[data.index_methods["index"] == index]
    out = []
    for row in traj[traj["score"].isna() & traj["rank"].isna()].itertuples(index=False):
        out.append(IndexGap(index, int(row.year), bool(row.listed),
                            None if pd.isna(row.note) else str(row.note), int(row.n_score),
                            int(row.n_rank), int(row.n_units),
                            tuple(sorted(int(y) for y in methods["year"] if int(y) <= row.year)),
                            None if pd.isna(row.note_vi) else str(row.note_vi)))
    return out


def sub_indices(data: Data, code: str, unit_set: str, index: str) -> pd.DataFrame:
    """The children of the overall metric (PCI's ten sub-indices, PAPI's eight dimensions) in
    the latest year the unit has a value for any of them: the unit's score and status, best and
    median over the units with a value, n, and whether the catalogue highlights the metric."""
    children, own_rows, national = _sub_index_tables(data, index, unit_set)
    own = own_rows.get(code)
    if own is None:
        return pd.DataFrame()
    year = max(own)
    records = []
    for child in children:
        mine = own[year].get(child["metric"])
        best, median, n = national.get((year, child["metric"]), (np.nan, np.nan, 0))
        records.append({
            "index": index, "year": year, **child,
            "score": mine["score"] if mine else np.nan,
            "status": mine["status"] if mine else None,
            "source": mine["source"] if mine else None,
            "disputed": mine.get("disputed") if mine else None,
            "best": best, "median": median, "n": n})
    return pd.DataFrame(records, columns=SUB_INDEX_COLUMNS)


SUB_INDEX_COLUMNS = ["index", "year", "metric", "label_vi", "label_en", "highlight", "score",
                     "status", "source", "disputed", "best", "median", "n"]


def sub_index_history(data: Data, code: str, unit_set: str, index: str) -> pd.DataFrame:
    """The unit's sub-indices (the children of the overall metric, in the catalogue's order)
    in every year it has a value for any of them: one row per (metric, year) with a score,
    its status and source (a year or sub-index without a score has no row)."""
    children, own_rows, _ = _sub_index_tables(data, index, unit_set)
    own = own_rows.get(code) or {}
    records = []
    for child in children:
        for year in sorted(own):
            mine = own[year].get(child["metric"])
            if mine is None or pd.isna(mine["score"]):
                continue
            records.append({"index": index, "year": int(year), **child,
                            "score": mine["score"], "status": mine["status"],
                            "source": mine["source"],
                            # other values sources give for the score (claims rule 5)
                            "disputed": mine.get("disputed")})
    frame = pd.DataFrame(records, columns=SUB_INDEX_HISTORY_COLUMNS)
    frame["year"] = frame["year"].astype("int64")
    return frame


SUB_INDEX_HISTORY_COLUMNS = ["index", "year", "metric", "label_vi", "label_en", "highlight",
                             "score", "status", "source", "disputed"]


def _sub_index_tables(data: Data, index: str, unit_set: str) -> tuple:
    """Per Data, index and set, once for every unit: the children of the overall metric (in
    the catalogue's order), each unit's scored rows (code → year → metric → its first row),
    and per (year, metric) the best and median score over the units with one and their n."""
    return memo(data, ("sub_indices", index, unit_set),
                lambda: _build_sub_index_tables(data, index, unit_set))


def _build_sub_index_tables(data: Data, index: str, unit_set: str) -> tuple:
    metrics = data.index_metrics[data.index_metrics["index"] == index].sort_values("position")
    root = metrics.loc[metrics["parent"].isna(), "metric"]
    if root.empty:
        return [], {}, {}
    children = metrics[metrics["parent"] == root.iloc[0]]
    child_rows = [{"metric": c.metric, "label_vi": c.label_vi, "label_en": c.label_en,
                   "highlight": bool(c.highlight) if pd.notna(c.highlight) else False}
                  for c in children.itertuples(index=False)]
    if not child_rows:
        return [], {}, {}
    rows = pd.concat([_rows(data, index, unit_set, m) for m in children["metric"]])
    rows = rows[rows["score"].notna()]
    higher = bool(shared_catalogue(data).set_index("index").loc[index, "higher_is_better"])
    national = {}
    for (year, metric), scores in rows.groupby(["year", "metric"], sort=False)["score"]:
        national[(int(year), metric)] = (scores.max() if higher else scores.min(),
                                         scores.median(), len(scores))
    own = first_rows(rows, ("province_code", "year", "metric"),
                     ["province_code", "year", "metric", "score", "status", "source",
                      *(c for c in ("disputed", "score_words", "score_words_en")
                        if c in rows.columns)])
    return child_rows, own, national


@dataclass(frozen=True)
class RankComparison:
    index_a: str
    year_a: int
    index_b: str
    year_b: int
    pairs: pd.DataFrame  # province_code, rank_a, rank_b, status_a, status_b
    correlation: float | None  # Spearman's rho over the pairs; None below MIN_COMMON

    @property
    def n(self) -> int:
        return len(self.pairs)


@memoised
def ranked_years(data: Data, index: str, unit_set: str) -> dict[int, int]:
    """Year → number of units with an overall rank, for every year the index ranked any."""
    cat = catalogue(data).set_index("index")
    rows = _rows(data, index, unit_set, cat.loc[index, "root"])
    counts = rows[rows["rank"].notna()].groupby("year").size()
    return {int(y): int(n) for y, n in counts.items()}


def rank_comparison(data: Data, unit_set: str, index_a: str, year_a: int, index_b: str,
                    year_b: int) -> RankComparison:
    """Units ranked by both (overall metrics), with Spearman's rho when at least MIN_COMMON."""
    cat = catalogue(data).set_index("index")
    a = _rows(data, index_a, unit_set, cat.loc[index_a, "root"])
    b = _rows(data, index_b, unit_set, cat.loc[index_b, "root"])
    a = a[(a["year"] == year_a) & a["rank"].notna()]
    b = b[(b["year"] == year_b) & b["rank"].notna()]
    pairs = a[["province_code", "rank", "rank_status"]].merge(
        b[["province_code", "rank", "rank_status"]], on="province_code", suffixes=("_a", "_b"))
    pairs = pairs.rename(columns={"rank_status_a": "status_a", "rank_status_b": "status_b"})
    pairs = pairs.sort_values("rank_a", ignore_index=True)
    rho = None
    if len(pairs) >= MIN_COMMON:
        x = pairs["rank_a"].astype(float).rank()
        y = pairs["rank_b"].astype(float).rank()
        rho = float(np.corrcoef(x, y)[0, 1])
    return RankComparison(index_a, year_a, index_b, year_b, pairs, rho)


def comparisons(data: Data, unit_set: str, base: str = "dti") -> list[RankComparison]:
    """The base index's year with the most ranks, against each other index's nearest year
    with at least MIN_COMMON units in common (more in common on a tie), else its year with
    the most in common. Empty when the base ranks nothing."""
    years = ranked_years(data, base, unit_set) if base in set(data.index_catalogue["index"]) \
        else {}
    if not years:
        return []
    base_year = max(years, key=lambda y: (years[y], y))
    out = []
    for other in catalogue(data)["index"]:
        if other == base:
            continue
        candidates = [rank_comparison(data, unit_set, base, base_year, other, y)
                      for y in ranked_years(data, other, unit_set)]
        if candidates:
            enough = [c for c in candidates if c.n >= MIN_COMMON]
            out.append(min(enough, key=lambda c: (abs(c.year_b - base_year), -c.n)) if enough
                       else max(candidates, key=lambda c: c.n))
    return out


@dataclass
class LatestRanking:
    """One index's latest year with overall ranks in a unit set."""
    index: str
    year: int
    n_ranked: int
    n_units: int
    ranks: pd.DataFrame  # province_code, rank, rank_status, score, score_status, source
    broad: bool = True  # ranks at least half the units (else: the year ranking the most)


@memoised
def latest_rankings(data: Data, unit_set: str) -> list[LatestRanking]:
    """Per index of the catalogue (its order), its latest ranking of the set: the latest year
    that ranks at least half the units, else the year ranking the most (the later on a tie).
    Ranks as published or derived; a partial table stays partial (PCI's top 30 is 30 ranks,
    never more). Indices without a rank in the set are left out."""
    cat = catalogue(data).set_index("index")
    half = n_units(data, unit_set) / 2
    out = []
    for index in cat.index:
        years = ranked_years(data, index, unit_set)
        if not years:
            continue
        broad = [y for y, n in years.items() if n >= half]
        year = max(broad) if broad else max(years, key=lambda y: (years[y], y))
        rows = _rows(data, index, unit_set, cat.loc[index, "root"])
        rows = rows[(rows["year"] == year) & rows["rank"].notna()]
        ranks = rows[["province_code", "rank", "rank_status", "score", "score_status",
                      "source"]].sort_values(["rank", "province_code"], ignore_index=True)
        out.append(LatestRanking(index, year, len(ranks), n_units(data, unit_set), ranks,
                                 bool(broad)))
    return out


def side_by_side(data: Data, unit_set: str) -> tuple[list[LatestRanking], pd.DataFrame]:
    """Every unit of the set with its rank in each index's latest ranking (NaN: not ranked
    that year — a gap, not a low rank), ordered by the first index that ranks most units."""
    rankings = latest_rankings(data, unit_set)
    table = units(data, unit_set)[["province_code", "short_name"]].copy()
    for r in rankings:
        ranks = r.ranks.set_index("province_code")
        table[f"{r.index}_rank"] = table["province_code"].map(ranks["rank"])
        table[f"{r.index}_status"] = table["province_code"].map(ranks["rank_status"])
    if rankings:
        lead = max(rankings, key=lambda r: r.n_ranked).index
        table = table.sort_values([f"{lead}_rank", "short_name"], na_position="last",
                                  ignore_index=True)
    return rankings, table
