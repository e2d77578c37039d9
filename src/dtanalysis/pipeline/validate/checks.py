"""Rules Great Expectations cannot express on one column of one table, computed into boolean
`check_*` columns of a *validation view* of the table (a copy; the processed table is not
changed), which the suites then expect to be True. A `check_*` column is True where its rule
holds or does not apply: a null value is reported once, by the suite's not-null expectation,
not again by every check that reads it.

Each check takes the table (positional RangeIndex) and all tables, and returns one bool per
row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...vocab import NATIONAL_CODE, NATIONAL_SET, UNIT_SET_SIZE
from .report import Failure

NATIONAL = (NATIONAL_SET, NATIONAL_CODE)  # (unit_set, province_code) of a national benchmark


def check_code_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame],
                           allow_national: bool = False) -> np.ndarray:
    """province_code is a unit of the row's unit_set in `provinces` (or VN/national)."""
    registry = tables["provinces"]
    known = set(_pair_key(registry["unit_set"], registry["province_code"]).dropna())
    if allow_national:
        known.add("|".join(NATIONAL))
    key = _pair_key(df["unit_set"], df["province_code"])
    return _na_true(key.isin(known), key.isna())


def check_rank_within_set(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """rank is between 1 and the number of units in the row's unit set (63 or 34)."""
    rank = _floats(df["rank"])
    # The official size of the set, or the registry's count when it holds more units (a
    # synthetic registry of 1,000 units in the benchmarks).
    provinces = tables.get("provinces")
    counts = provinces["unit_set"].value_counts().to_dict() if provinces is not None else {}
    sizes = {s: max(n, counts.get(s, 0)) for s, n in UNIT_SET_SIZE.items()}
    size = _floats(df["unit_set"].map(sizes))
    with np.errstate(invalid="ignore"):
        return np.isnan(rank) | ((rank >= 1) & (rank <= size))


def check_score_rank_order(df: pd.DataFrame, tables: dict[str, pd.DataFrame],
                           by: tuple[str, ...] = ("year", "unit_set", "metric")) -> np.ndarray:
    """Within one ranking table (`by`: year, unit_set, metric — and index, in index_scores),
    among rows with both a score and a rank, a higher score never has a worse (larger) rank;
    ties are allowed. Both rows of every out-of-order pair are flagged."""
    ok = np.ones(len(df), dtype=bool)
    score, rank = _floats(df["score"]), _floats(df["rank"])
    both = ~np.isnan(score) & ~np.isnan(rank)
    ranked = df.loc[both, list(by)]
    for positions in ranked.groupby(list(by), dropna=False).indices.values():
        rows = ranked.index.to_numpy()[positions]
        s, r = score[rows], rank[rows]
        wrong = (s[:, None] > s[None, :]) & (r[:, None] > r[None, :])
        ok[rows[wrong.any(axis=1) | wrong.any(axis=0)]] = False
    return ok


def check_indicator_in_catalogue(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """indicator is an entry of `indicator_catalogue`."""
    known = set(tables["indicator_catalogue"]["indicator"].dropna())
    return _na_true(df["indicator"].isin(known), df["indicator"].isna())


def check_value_in_catalogue_bounds(df: pd.DataFrame, tables: dict[str, pd.DataFrame],
                                    value_column: str = "value") -> np.ndarray:
    """The value lies within min_value..max_value of its indicator's catalogue entry (a null
    bound is open); an indicator missing from the catalogue is False (a null one, or a null
    value, is left to the not-null expectations)."""
    catalogue = tables["indicator_catalogue"].drop_duplicates("indicator").set_index("indicator")
    indicator = df["indicator"]
    known = indicator.isin(catalogue.index).to_numpy(dtype=bool, na_value=False)
    low = _floats(indicator.map(catalogue["min_value"]))
    high = _floats(indicator.map(catalogue["max_value"]))
    value = _floats(df[value_column])
    with np.errstate(invalid="ignore"):
        inside = (np.isnan(low) | (value >= low)) & (np.isnan(high) | (value <= high))
    return (known & (np.isnan(value) | inside)) | indicator.isna().to_numpy(dtype=bool)


def check_source_in_sources(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """Every source_id named in `source` (`;`-separated) is a row of `sources`."""
    known = set(tables["sources"]["source_id"].dropna())
    source = df["source"]
    verdict = {value: all(part.strip() in known for part in str(value).split(";"))
               for value in source.dropna().unique()}
    return _na_true(source.map(verdict), source.isna())


def check_successor_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """A 63-set province names the 34-set unit it joined; a 34-set unit names none."""
    codes34 = set(df.loc[df["unit_set"] == "34", "province_code"].dropna())
    successor = df["successor_code"]
    empty = _empty(successor)
    in34 = successor.isin(codes34).to_numpy(dtype=bool, na_value=False)
    unit_set = df["unit_set"].to_numpy(dtype=object, na_value=None)
    return np.where(unit_set == "63", in34, np.where(unit_set == "34", empty, True))


def check_members_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """A 34-set unit lists (`|`-separated) the 63-set provinces it is made of, all in the
    registry; a 63-set province lists none."""
    codes63 = set(df.loc[df["unit_set"] == "63", "province_code"].dropna())
    members = df["members"]
    empty = _empty(members)
    listed = np.array([bool(v) and all(c in codes63 for c in str(v).split("|"))
                       for v in members.to_numpy(dtype=object, na_value="")], dtype=bool)
    unit_set = df["unit_set"].to_numpy(dtype=object, na_value=None)
    return np.where(unit_set == "34", listed, np.where(unit_set == "63", empty, True))


def check_metric_in_index(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """(index, metric) is a metric of that index's `metrics.csv` (`index_metrics`)."""
    metrics = tables["index_metrics"]
    known = set(_pair_key(metrics["index"], metrics["metric"]).dropna())
    key = _pair_key(df["index"], df["metric"])
    return _na_true(key.isin(known), key.isna())


def check_index_in_catalogue(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """index is a row of `index_catalogue`."""
    known = set(tables["index_catalogue"]["index"].dropna())
    return _na_true(df["index"].isin(known), df["index"].isna())


def check_score_in_index_bounds(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """score lies within its metric's score_min..score_max in `index_metrics`; the overall
    metric (no parent) falls back to the catalogue's bounds of the index; a null bound is
    open. A metric missing from `index_metrics` is left to check_metric_in_index."""
    metrics = tables["index_metrics"]
    catalogue = tables["index_catalogue"].drop_duplicates("index").set_index("index")
    key = _pair_key(metrics["index"], metrics["metric"])
    is_root = metrics["parent"].isna().to_numpy(dtype=bool)
    low = pd.Series(np.where(is_root & metrics["score_min"].isna().to_numpy(dtype=bool),
                             metrics["index"].map(catalogue["score_min"]),
                             metrics["score_min"]), index=key.to_numpy(dtype=object))
    high = pd.Series(np.where(is_root & metrics["score_max"].isna().to_numpy(dtype=bool),
                              metrics["index"].map(catalogue["score_max"]),
                              metrics["score_max"]), index=key.to_numpy(dtype=object))
    row_key = _pair_key(df["index"], df["metric"])
    lo = _floats(row_key.map(low[~low.index.duplicated()]))
    hi = _floats(row_key.map(high[~high.index.duplicated()]))
    score = _floats(df["score"])
    with np.errstate(invalid="ignore"):
        return np.isnan(score) | ((np.isnan(lo) | (score >= lo)) & (np.isnan(hi) | (score <= hi)))


@dataclass(frozen=True)
class ViewCheck:
    column: str  # the boolean column added to the validation view
    reads: tuple[str, ...]  # table columns it reads (shown for offending rows)
    needs: tuple[str, ...]  # other tables it needs
    compute: Callable[[pd.DataFrame, dict[str, pd.DataFrame]], np.ndarray]


def _national_code_check(df, tables):
    return check_code_in_registry(df, tables, allow_national=True)


def _index_order_check(df, tables):
    return check_score_rank_order(df, tables, by=("index", "year", "unit_set", "metric"))


def _target_bounds_check(df, tables):
    return check_value_in_catalogue_bounds(df, tables, value_column="target_value")


QUALITATIVE_UNIT = "text"  # a target stated in words (ingest.articles.QUALITATIVE_UNIT)


def check_target_value_matches_kind(df: pd.DataFrame, tables: dict[str, pd.DataFrame]
                                    ) -> np.ndarray:
    """A numeric target has a value; a qualitative one (unit `text`: its words in
    `as_written`) has none — a number is never made up for words."""
    words = (df["unit"].astype("string") == QUALITATIVE_UNIT).to_numpy(dtype=bool,
                                                                         na_value=False)
    return words == df["target_value"].isna().to_numpy(dtype=bool)


_CODE = ViewCheck("check_code_in_registry", ("unit_set", "province_code"), ("provinces",),
                  check_code_in_registry)
_CODE_OR_VN = ViewCheck("check_code_in_registry", ("unit_set", "province_code"),
                        ("provinces",), _national_code_check)
_SOURCE = ViewCheck("check_source_in_sources", ("source",), ("sources",), check_source_in_sources)
_INDICATOR = ViewCheck("check_indicator_in_catalogue", ("indicator",), ("indicator_catalogue",),
                       check_indicator_in_catalogue)

VIEW_CHECKS: dict[str, tuple[ViewCheck, ...]] = {
    "provinces": (
        ViewCheck("check_successor_in_registry", ("unit_set", "province_code", "successor_code"),
                  (), check_successor_in_registry),
        ViewCheck("check_members_in_registry", ("unit_set", "province_code", "members"), (),
                  check_members_in_registry),
        _SOURCE,
    ),
    "dti": (
        _CODE,
        ViewCheck("check_rank_within_set", ("unit_set", "rank"), (), check_rank_within_set),
        ViewCheck("check_score_rank_order", ("year", "unit_set", "metric", "score", "rank"), (),
                  check_score_rank_order),
        _SOURCE,
    ),
    "dti_aggregates": (_SOURCE,),
    "indicators": (
        _CODE_OR_VN, _INDICATOR,
        ViewCheck("check_value_in_catalogue_bounds", ("indicator", "value"),
                  ("indicator_catalogue",), check_value_in_catalogue_bounds),
        _SOURCE,
    ),
    "targets": (
        _CODE_OR_VN, _INDICATOR,
        ViewCheck("check_value_in_catalogue_bounds", ("indicator", "target_value"),
                  ("indicator_catalogue",), _target_bounds_check),
        ViewCheck("check_value_matches_kind", ("unit", "target_value", "as_written"), (),
                  check_target_value_matches_kind),
        _SOURCE,
    ),
    "sources": (),
    "indicator_catalogue": (),
    "index_catalogue": (),
    "index_metrics": (
        ViewCheck("check_index_in_catalogue", ("index",), ("index_catalogue",),
                  check_index_in_catalogue),
    ),
    "index_methods": (
        ViewCheck("check_index_in_catalogue", ("index",), ("index_catalogue",),
                  check_index_in_catalogue),
        _SOURCE,
    ),
    "index_publications": (
        ViewCheck("check_index_in_catalogue", ("index",), ("index_catalogue",),
                  check_index_in_catalogue),
        _SOURCE,
    ),
    "index_scores": (
        _CODE,
        ViewCheck("check_metric_in_index", ("index", "metric"), ("index_metrics",),
                  check_metric_in_index),
        ViewCheck("check_score_in_index_bounds", ("index", "metric", "score"),
                  ("index_metrics", "index_catalogue"), check_score_in_index_bounds),
        ViewCheck("check_rank_within_set", ("unit_set", "rank"), (), check_rank_within_set),
        ViewCheck("check_score_rank_order", ("index", "year", "unit_set", "metric", "score",
                                             "rank"), (), _index_order_check),
        _SOURCE,
    ),
}


def validation_view(table: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`tables[table]` with a positional index and one `check_*` column per view check. A
    check whose input columns are missing is left out (the suite then reports the missing
    column and the missing check). The processed table is not changed."""
    df = tables[table].reset_index(drop=True)  # a new frame (copy-on-write): safe to extend
    checks = {}
    for check in VIEW_CHECKS.get(table, ()):
        missing = [t for t in check.needs if t not in tables]
        if missing:
            raise ValueError(f"validating {table!r} needs the {missing[0]!r} table "
                             f"({check.column})")
        if all(c in df.columns for c in check.reads):
            checks[check.column] = np.asarray(check.compute(df, tables), dtype=bool)
    return df.assign(**checks) if checks else df



def _floats(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _pair_key(unit_set: pd.Series, code: pd.Series) -> pd.Series:
    return unit_set.astype("string") + "|" + code.astype("string")


def _na_true(flags: pd.Series, is_null) -> np.ndarray:
    return (pd.Series(flags).to_numpy(dtype=bool, na_value=False)
            | np.asarray(is_null, dtype=bool))


def _empty(series: pd.Series) -> np.ndarray:
    return (series.isna() | (series.astype("string").str.strip() == "")).to_numpy(
        dtype=bool, na_value=True)


# --------------------------------------------------------------------------- row-count floors
# Table-level rules on row counts, checked by the pipeline beside the suites (a suite cannot
# know the last build): the registry holds every unit of both sets, and no table shrinks below
# its last build unless the user says so (`--allow-shrink`).
FLOOR = "dtanalysis_row_count_floor"
SHRINK = "dtanalysis_no_shrink"


def row_count_floors(tables: dict[str, pd.DataFrame], previous: dict[str, int] | None = None,
                     ) -> tuple[dict[str, int], list[Failure]]:
    """(checks evaluated per table, failures): the registry (`provinces`) has at least 63 rows
    of the 63 set and 34 of the 34 set; each table in `previous` (rows of the last build) has
    at least as many rows as then."""
    evaluated: dict[str, int] = {}
    failures: list[Failure] = []
    provinces = tables.get("provinces")
    if provinces is not None:
        counts = (provinces["unit_set"].value_counts().to_dict()
                  if "unit_set" in provinces.columns else {})
        for unit_set, size in UNIT_SET_SIZE.items():
            evaluated["provinces"] = evaluated.get("provinces", 0) + 1
            rows = int(counts.get(unit_set, 0))
            if rows < size:
                failures.append(Failure(
                    table="provinces", column="unit_set", expectation=FLOOR,
                    description=(f"The registry holds every unit of the {unit_set}-unit set: "
                                 f"at least {size} rows with unit_set {unit_set}, found {rows}."),
                    checked=["unit_set"], observed={"unit_set": unit_set, "rows": rows,
                                                    "at_least": size}))
    for name, before in sorted((previous or {}).items()):
        if name not in tables:
            continue
        evaluated[name] = evaluated.get(name, 0) + 1
        rows = len(tables[name])
        if rows < before:
            failures.append(Failure(
                table=name, column=None, expectation=SHRINK,
                description=(f"{name} does not shrink below its last build: {before} rows "
                             f"then, {rows} now (pass --allow-shrink if the loss is meant)."),
                observed={"rows": rows, "last_build": before}))
    return evaluated, failures
