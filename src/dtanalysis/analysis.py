"""Analyses for the province report and the national overview: pure functions on the processed
tables (`data/processed/`), each named for what it returns.

Every value returned is a value of a table (or arithmetic on two of them: a change, a gap, a
median), carried with its status and source; a missing value stays missing (NaN / None), it is
never filled. Ranks of the 63-province set and of the 34-unit set are never mixed: every function
works inside one `unit_set`.

    from dtanalysis.analysis import Data, headline
    data = Data.load()
    headline(data, "31", "63")
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pandas as pd

from .text import fold

OVERALL = "dti"
# Display order of the DTI metrics (README "Processed tables", `dti.metric`).
METRIC_ORDER = (
    "dti", "chinh_quyen_so", "kinh_te_so", "xa_hoi_so", "nhan_thuc_so", "the_che_so",
    "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang", "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
)
STATUS_ORDER = ("official", "reported", "derived", "uncertain")
# Statuses a reader must never take for a stated value: marked in every table and chart.
MARKED_STATUSES = ("derived", "uncertain")
# First year published under a new method (data README, "Methodology changes"): 2021 moved from
# three pillars to nine main indices; 2024 was published by another ministry, also for the
# 34-unit set. A change across one of these years is flagged, never hidden.
METHOD_CHANGES = {2021: "method_2021", 2024: "method_2024"}
UNIT_SETS = ("63", "34")
NATIONAL_CODE = "VN"
PUBLICATION_DATE_NOTE = "[period = publication date]"

_TABLES = ("provinces", "dti", "dti_aggregates", "indicators", "targets", "indicator_catalogue",
           "sources")


# --------------------------------------------------------------------------- the tables


@dataclass(frozen=True, eq=False)
class Data:
    """The processed tables, each read once. `validation` is the summary of the last validation
    (`validation.json`), or None when validation has not been run."""

    provinces: pd.DataFrame
    dti: pd.DataFrame
    aggregates: pd.DataFrame
    indicators: pd.DataFrame
    targets: pd.DataFrame
    catalogue: pd.DataFrame
    sources: pd.DataFrame
    quarantine: pd.DataFrame
    validation: dict | None = None
    manifest: dict = field(default_factory=dict)
    root: Path | None = None

    @classmethod
    def load(cls, root: Path | str | None = None) -> Data:
        from .config import Paths
        from .store import QUARANTINE, VALIDATION, load, manifest

        paths = Paths.at(root)
        tables = {name: load(name, paths.root) for name in _TABLES}
        quarantine_path = paths.processed / QUARANTINE
        quarantine = (pd.read_csv(quarantine_path, dtype="string") if quarantine_path.exists()
                      else _empty_quarantine())
        validation_path = paths.processed / VALIDATION
        validation = (json.loads(validation_path.read_text(encoding="utf-8"))
                      if validation_path.exists() else None)
        return cls(provinces=tables["provinces"], dti=tables["dti"],
                   aggregates=tables["dti_aggregates"], indicators=tables["indicators"],
                   targets=tables["targets"], catalogue=tables["indicator_catalogue"],
                   sources=tables["sources"], quarantine=quarantine, validation=validation,
                   manifest=manifest(paths.root), root=paths.root)

    @classmethod
    def from_frames(cls, **frames) -> Data:
        """Data from given frames (tests, synthetic data); a table not given is empty."""
        from .schema import frame

        names = {"aggregates": "dti_aggregates", "catalogue": "indicator_catalogue"}
        kwargs = {}
        for attr in ("provinces", "dti", "aggregates", "indicators", "targets", "catalogue",
                     "sources"):
            given = frames.pop(attr, None)
            kwargs[attr] = given if given is not None else frame(names.get(attr, attr), [])
        kwargs["quarantine"] = frames.pop("quarantine", None)
        if kwargs["quarantine"] is None:
            kwargs["quarantine"] = _empty_quarantine()
        return cls(**kwargs, **frames)


def _empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="string")
                         for c in ("table", "source_file", "source_line", "raw", "reason")})


# --------------------------------------------------------------------------- small helpers


def units(data: Data, unit_set: str) -> pd.DataFrame:
    """The units of a set (provinces table rows), sorted by code."""
    rows = data.provinces[data.provinces["unit_set"] == unit_set]
    return rows.sort_values("province_code", ignore_index=True)


def n_units(data: Data, unit_set: str) -> int:
    return int((data.provinces["unit_set"] == unit_set).sum())


def unit(data: Data, code: str, unit_set: str) -> pd.Series:
    """The provinces-table row of one unit; KeyError naming it when absent."""
    rows = data.provinces[(data.provinces["unit_set"] == unit_set)
                          & (data.provinces["province_code"] == code)]
    if rows.empty:
        raise KeyError(f"no unit with code {code!r} in the {unit_set}-unit set")
    return rows.iloc[0]


def name_of(data: Data, code: str, unit_set: str) -> str:
    return str(unit(data, code, unit_set)["short_name"])


def member_codes(data: Data, code: str, unit_set: str) -> list[str]:
    """The 63-set codes a 34-set unit is made of ([] for a 63-set province)."""
    if unit_set != "34":
        return []
    members = unit(data, code, unit_set)["members"]
    return [] if pd.isna(members) or not members else str(members).split("|")


def set_years(data: Data, unit_set: str) -> list[int]:
    """Years for which the dti table holds any row of the set."""
    years = data.dti.loc[data.dti["unit_set"] == unit_set, "year"].dropna().unique()
    return sorted(int(y) for y in years)


def overall_rows(data: Data, unit_set: str) -> pd.DataFrame:
    dti = data.dti
    return dti[(dti["unit_set"] == unit_set) & (dti["metric"] == OVERALL)]


def is_marked(status: object) -> bool:
    """True for a value a reader must not take for a stated one (derived, uncertain)."""
    return isinstance(status, str) and status in MARKED_STATUSES


def method_changes_between(previous_year: int, year: int) -> tuple[int, ...]:
    """First years of a new method in (previous_year, year]."""
    return tuple(y for y in sorted(METHOD_CHANGES) if previous_year < y <= year)


def _value(x: object) -> object:
    """A cell as a plain Python value, None for missing."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    if hasattr(x, "item"):
        return x.item()
    return x


def split_sources(text: object) -> list[str]:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


# --------------------------------------------------------------------------- peers


MAX_REGION_PEERS = 15  # every real region is smaller; keeps a report's cost flat in units


def _nearest_in_rank(data: Data, code: str, unit_set: str, codes: list[str]) -> list[str]:
    """At most MAX_REGION_PEERS of `codes`: those closest in overall rank to `code` in the
    latest year it has one (then by code), so a huge region still gives a readable chart."""
    if len(codes) <= MAX_REGION_PEERS:
        return codes
    ranks = data.dti[(data.dti["unit_set"] == unit_set) & (data.dti["metric"] == "dti")
                     & data.dti["rank"].notna()]
    own = ranks[ranks["province_code"] == code]
    if own.empty:
        return sorted(codes)[:MAX_REGION_PEERS]
    year = own["year"].max()
    at = ranks[ranks["year"] == year].set_index("province_code")["rank"].astype(float)
    mine = float(own.loc[own["year"] == year, "rank"].iloc[0])
    distance = {c: abs(at[c] - mine) if c in at.index else float("inf") for c in codes}
    return sorted(codes, key=lambda c: (distance[c], c))[:MAX_REGION_PEERS]


def peers(data: Data, code: str, unit_set: str, peers: object = "region") -> list[str]:
    """Codes of the units compared with `code` (never `code` itself): "region" → the other
    units of its region in the set; a list of names or codes → each resolved by the registry
    in the same set; None or [] → none."""
    if peers is None:
        return []
    if isinstance(peers, str):
        if peers != "region":
            raise ValueError(f"peers must be 'region' or a list of province names, not "
                             f"{peers!r}")
        region = unit(data, code, unit_set)["region"]
        same = units(data, unit_set)
        same = same[(same["region"] == region) & (same["province_code"] != code)]
        return _nearest_in_rank(data, code, unit_set, list(same["province_code"]))
    if not isinstance(peers, (list, tuple)):
        raise TypeError(f"peers must be 'region' or a list of province names, not {peers!r}")
    known = set(units(data, unit_set)["province_code"])
    codes: list[str] = []
    for given in peers:
        text = str(given).strip()
        if text in known:
            found = text
        else:
            from .registry import registry

            found = registry(data.root).resolve(given, unit_set=unit_set).code
        if found != code and found not in codes:
            codes.append(found)
    return codes


# --------------------------------------------------------------------------- 1 headline


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


def headline(data: Data, code: str, unit_set: str, year: int | None = None) -> Headline:
    """The overall DTI rank and score of a province for `year` (default: its latest year with
    either), their statuses, and the change against the previous year of the same set and metric
    that has a value (with the method changes and value-less years lying between)."""
    rows = overall_rows(data, unit_set)
    rows = rows[rows["province_code"] == code].sort_values("year")
    valued = rows[rows["rank"].notna() | rows["score"].notna()]
    years = tuple(int(y) for y in valued["year"])
    if year is None:
        year = years[-1] if years else None
    row = rows[rows["year"] == year].iloc[0] if year is not None and (rows["year"] == year).any() \
        else None

    def get(column):
        return None if row is None else _value(row[column])

    return Headline(
        code=code, unit_set=unit_set, name=name_of(data, code, unit_set),
        n_units=n_units(data, unit_set), year=year,
        rank=get("rank"), rank_status=get("rank_status"),
        score=get("score"), score_status=get("score_status"),
        source=get("source"), note=get("note"),
        rank_change=_change(rows, "rank", year, set_years(data, unit_set)),
        score_change=_change(rows, "score", year, set_years(data, unit_set)),
        years=years,
    )


def _change(rows: pd.DataFrame, kind: str, year: int | None, all_years: list[int]) -> Change | None:
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
        kind=kind, year=int(year), value=value, status=_value(now[f"{kind}_status"]),
        previous_year=previous_year, previous_value=previous,
        previous_status=_value(before[f"{kind}_status"]),
        delta=(previous - value) if kind == "rank" else (value - previous),
        method_changes=method_changes_between(previous_year, int(year)),
        skipped_years=tuple(y for y in all_years if previous_year < y < year),
    )


# --------------------------------------------------------------------------- 2 trajectory

TRAJECTORY_COLUMNS = ("year", "province_code", "name", "role", "rank", "rank_status", "score",
                      "score_status", "source", "note")


def trajectory(data: Data, code: str, unit_set: str, peer_codes: list[str] | tuple = (),
               years: list[int] | None = None) -> pd.DataFrame:
    """Overall rank and score per year of the province (role "province"), its peers ("peer")
    and the mean over provinces of the set from `dti_aggregates` ("mean", score only): one row
    per entity and year of the set, NaN where nothing was published (a gap stays a gap)."""
    years = years if years is not None else _trajectory_years(data, unit_set)
    rows = overall_rows(data, unit_set)
    out = []
    for role, codes in (("province", [code]), ("peer", list(peer_codes))):
        for c in codes:
            own = rows[rows["province_code"] == c].set_index("year")
            name = name_of(data, c, unit_set)
            for y in years:
                r = own.loc[y] if y in own.index else None
                out.append({
                    "year": y, "province_code": c, "name": name, "role": role,
                    "rank": None if r is None else _value(r["rank"]),
                    "rank_status": None if r is None else _value(r["rank_status"]),
                    "score": None if r is None else _value(r["score"]),
                    "score_status": None if r is None else _value(r["score_status"]),
                    "source": None if r is None else _value(r["source"]),
                    "note": None if r is None else _value(r["note"]),
                })
    means = provinces_mean(data, unit_set).set_index("year")
    for y in years:
        r = means.loc[y] if y in means.index else None
        out.append({"year": y, "province_code": None, "name": None, "role": "mean",
                    "rank": None, "rank_status": None,
                    "score": None if r is None else _value(r["value"]),
                    "score_status": None if r is None else _value(r["status"]),
                    "source": None if r is None else _value(r["source"]),
                    "note": None if r is None else _value(r["note"])})
    frame = pd.DataFrame(out, columns=list(TRAJECTORY_COLUMNS))
    frame["rank"] = pd.to_numeric(frame["rank"]).astype("Float64")
    frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    frame["year"] = frame["year"].astype(int)
    return frame


def _trajectory_years(data: Data, unit_set: str) -> list[int]:
    agg = data.aggregates
    mean_years = agg.loc[(agg["unit_set"] == unit_set) & (agg["entity"] == "provinces_mean"),
                         "year"].dropna()
    return sorted(set(set_years(data, unit_set)) | {int(y) for y in mean_years})


def provinces_mean(data: Data, unit_set: str) -> pd.DataFrame:
    """The mean overall DTI score over the provinces of a set, per year (dti_aggregates)."""
    agg = data.aggregates
    rows = agg[(agg["unit_set"] == unit_set) & (agg["entity"] == "provinces_mean")
               & (agg["metric"] == OVERALL)]
    return rows.sort_values("year", ignore_index=True)


# --------------------------------------------------------------------------- 3 national position


@dataclass(frozen=True)
class Position:
    unit_set: str
    year: int | None  # the ranking shown (None: no rank of the set at all)
    complete: bool  # every unit of the set has a rank that year
    n_ranked: int
    n_units: int
    table: pd.DataFrame  # one row per ranked unit, best first
    code: str | None = None

    @property
    def row(self) -> pd.Series | None:
        if self.code is None:
            return None
        rows = self.table[self.table["province_code"] == self.code]
        return None if rows.empty else rows.iloc[0]


def complete_ranking_years(data: Data, unit_set: str) -> list[int]:
    """Years whose overall ranking of the set has a rank for every unit."""
    rows = overall_rows(data, unit_set)
    counts = rows[rows["rank"].notna()].groupby("year")["province_code"].nunique()
    size = n_units(data, unit_set)
    return sorted(int(y) for y, n in counts.items() if n == size)


def national_position(data: Data, unit_set: str, year: int | None = None,
                      code: str | None = None) -> Position:
    """The latest complete overall ranking of the set at or before `year` (every unit ranked),
    with each unit's region and its rank within the region. When no ranking is complete, the
    latest one with the most ranks, flagged `complete=False`."""
    rows = overall_rows(data, unit_set)
    ranked = rows[rows["rank"].notna()]
    if year is not None:
        ranked = ranked[ranked["year"] <= year]
    size = n_units(data, unit_set)
    complete = [y for y in complete_ranking_years(data, unit_set) if year is None or y <= year]
    if complete:
        chosen, is_complete = complete[-1], True
    elif not ranked.empty:
        counts = ranked.groupby("year")["province_code"].nunique()
        chosen = int(counts[counts == counts.max()].index.max())
        is_complete = False
    else:
        return Position(unit_set, None, False, 0, size, _position_frame([]), code)
    table = ranked[ranked["year"] == chosen]
    info = units(data, unit_set).set_index("province_code")
    records = []
    for _, r in table.iterrows():
        u = info.loc[r["province_code"]]
        records.append({
            "province_code": r["province_code"], "name": u["short_name"],
            "region": u["region"], "region_en": u["region_en"],
            "rank": int(r["rank"]), "rank_status": _value(r["rank_status"]),
            "score": _value(r["score"]), "score_status": _value(r["score_status"]),
            "source": _value(r["source"]), "note": _value(r["note"]),
        })
    frame = _position_frame(records)
    frame["rank_in_region"] = (frame.groupby("region")["rank"].rank(method="min")
                               .astype("Int64"))
    frame["region_ranked"] = frame.groupby("region")["rank"].transform("size").astype("Int64")
    return Position(unit_set, chosen, is_complete, len(frame), size, frame, code)


def _position_frame(records: list[dict]) -> pd.DataFrame:
    columns = ["province_code", "name", "region", "region_en", "rank", "rank_status", "score",
               "score_status", "source", "note"]
    frame = pd.DataFrame(records, columns=columns)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["score"] = pd.to_numeric(frame["score"]).astype("Float64")
    frame = frame.sort_values(["rank", "name"], ignore_index=True)
    if frame.empty:
        frame["rank_in_region"] = pd.Series(dtype="Int64")
        frame["region_ranked"] = pd.Series(dtype="Int64")
    return frame


# --------------------------------------------------------------------------- 4 pillars


def pillars(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """Every (year, pillar / main index) of the set that any unit has a value for, with the
    province's score and rank (NaN when it has none; `has_value`) beside the best and the
    median over the units that have that value (`n_score`, `n_rank` of them)."""
    rows = data.dti[(data.dti["unit_set"] == unit_set) & (data.dti["metric"] != OVERALL)]
    names = units(data, unit_set).set_index("province_code")["short_name"]
    records = []
    for (year, metric), group in rows.groupby(["year", "metric"], sort=True):
        scores = group[group["score"].notna()]
        ranks = group[group["rank"].notna()]
        own = group[group["province_code"] == code]
        r = own.iloc[0] if not own.empty else None
        best_score = scores["score"].max() if not scores.empty else None
        best_rank = ranks["rank"].min() if not ranks.empty else None
        records.append({
            "year": int(year), "metric": metric,
            "score": None if r is None else _value(r["score"]),
            "score_status": None if r is None else _value(r["score_status"]),
            "rank": None if r is None else _value(r["rank"]),
            "rank_status": None if r is None else _value(r["rank_status"]),
            "n_score": len(scores), "best_score": _value(best_score),
            "best_score_name": _names(scores[scores["score"] == best_score], names),
            "median_score": _value(scores["score"].median()) if not scores.empty else None,
            "n_rank": len(ranks), "best_rank": _value(best_rank),
            "best_rank_name": _names(ranks[ranks["rank"] == best_rank], names),
            "median_rank": _value(ranks["rank"].astype(float).median())
            if not ranks.empty else None,
            "has_value": r is not None and (pd.notna(r["score"]) or pd.notna(r["rank"])),
            "source": None if r is None else _value(r["source"]),
        })
    columns = ["year", "metric", "score", "score_status", "rank", "rank_status", "n_score",
               "best_score", "best_score_name", "median_score", "n_rank", "best_rank",
               "best_rank_name", "median_rank", "has_value", "source"]
    frame = pd.DataFrame(records, columns=columns)
    for column in ("score", "best_score", "median_score", "rank", "best_rank", "median_rank"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    order = {m: i for i, m in enumerate(METRIC_ORDER)}
    frame["_order"] = frame["metric"].map(order).fillna(len(order))
    frame = frame.sort_values(["year", "_order"], ignore_index=True).drop(columns="_order")
    frame["has_value"] = frame["has_value"].astype(bool)
    return frame


def _names(rows: pd.DataFrame, names: pd.Series) -> str | None:
    if rows.empty:
        return None
    return ", ".join(sorted(names.get(c, c) for c in rows["province_code"]))


# --------------------------------------------------------------------------- 5 targets


def report_units(data: Data, code: str, unit_set: str) -> list[tuple[str, str]]:
    """The (code, unit_set) pairs whose own rows a report on the unit shows: the province
    itself; for a 34-set unit also its member provinces of the 63 set."""
    return [(code, unit_set)] + [(m, "63") for m in member_codes(data, code, unit_set)]


def _deadline_end(year: object) -> pd.Timestamp | None:
    return None if year is None or pd.isna(year) else pd.Timestamp(int(year), 12, 31)


def targets_progress(data: Data, code: str, unit_set: str,
                     as_of: dt.date | None = None) -> pd.DataFrame:
    """Each target of the province (for a 34-set unit: also its members' targets) with the
    latest value reported at or before the deadline, the gap (> 0: still to go, in the
    target's unit; for ranks, places to climb), the years left from that value to the deadline
    and the pace per year needed. `dti_rank` targets use the latest overall rank of the dti
    table. No value → latest_value NaN. Duplicates across sources are merged (sources joined)."""
    as_of = pd.Timestamp(as_of or dt.date.today())
    wanted = report_units(data, code, unit_set)
    targets = data.targets[[(c, s) in wanted for c, s in
                            zip(data.targets["province_code"], data.targets["unit_set"])]]
    targets = _merge_duplicate_targets(targets)
    better = dict(zip(data.catalogue["indicator"], data.catalogue["higher_is_better"]))
    records = []
    for _, t in targets.iterrows():
        deadline = _deadline_end(t["target_year"])
        latest = _latest_for_target(data, t, deadline)
        higher = better.get(t["indicator"])
        higher = (t["unit"] != "rank") if higher is None or pd.isna(higher) else bool(higher)
        record = {
            "province_code": t["province_code"], "unit_set": t["unit_set"],
            "name": name_of(data, t["province_code"], t["unit_set"]),
            "indicator": t["indicator"], "target_value": t["target_value"], "unit": t["unit"],
            "qualifier": _value(t["qualifier"]), "target_as_written": _value(t["as_written"]),
            "target_year": _value(t["target_year"]), "instrument": _value(t["instrument"]),
            "issued": _value(t["issued"]), "target_source": t["source"],
            "higher_is_better": higher, **latest,
        }
        gap = years_left = pace = None
        reached = None
        if latest["latest_value"] is not None:
            value = float(latest["latest_value"])
            gap = (t["target_value"] - value) if higher else (value - t["target_value"])
            reached = bool(gap < 0 if _value(t["qualifier"]) == "more_than" else gap <= 0)
            if deadline is not None:
                years_left = (deadline - latest["latest_date"]).days / 365.25
                if gap > 0 and years_left > 0:
                    pace = gap / years_left
        record.update({"gap": gap, "reached": reached, "years_left": years_left,
                       "pace_per_year": pace,
                       "deadline_passed": bool(deadline is not None and deadline < as_of)})
        records.append(record)
    columns = ["province_code", "unit_set", "name", "indicator", "target_value", "unit",
               "qualifier", "target_as_written", "target_year", "instrument", "issued",
               "target_source", "higher_is_better", "latest_value", "latest_qualifier",
               "latest_as_written", "latest_period", "latest_date", "latest_status",
               "latest_source", "gap", "reached", "years_left", "pace_per_year",
               "deadline_passed"]
    frame = pd.DataFrame(records, columns=columns)
    for column in ("target_value", "latest_value", "gap", "years_left", "pace_per_year"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame.sort_values(["province_code", "target_year", "indicator"], na_position="last",
                             ignore_index=True)


def _merge_duplicate_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """One row per (unit, indicator, value, deadline): the same target quoted by two sources."""
    if targets.empty:
        return targets
    keys = ["province_code", "unit_set", "indicator", "target_value", "target_year"]
    out = []
    for _, group in targets.groupby(keys, dropna=False, sort=False):
        first = group.iloc[0].copy()
        for column in ("qualifier", "instrument", "issued"):
            present = group[column].dropna()
            first[column] = present.iloc[0] if not present.empty else first[column]
        first["as_written"] = " / ".join(dict.fromkeys(group["as_written"].dropna()))
        first["source"] = "; ".join(dict.fromkeys(
            s for text in group["source"] for s in split_sources(text)))
        out.append(first)
    return pd.DataFrame(out).reset_index(drop=True)


def _latest_for_target(data: Data, target: pd.Series, deadline: pd.Timestamp | None) -> dict:
    empty = {"latest_value": None, "latest_qualifier": None, "latest_as_written": None,
             "latest_period": None, "latest_date": None, "latest_status": None,
             "latest_source": None}
    if target["indicator"] == "dti_rank":
        rows = overall_rows(data, target["unit_set"])
        rows = rows[(rows["province_code"] == target["province_code"]) & rows["rank"].notna()]
        if deadline is not None:
            rows = rows[rows["year"] <= deadline.year]
        if rows.empty:
            return empty
        r = rows.sort_values("year").iloc[-1]
        return {"latest_value": float(r["rank"]), "latest_qualifier": None,
                "latest_as_written": None, "latest_period": str(int(r["year"])),
                "latest_date": pd.Timestamp(int(r["year"]), 12, 31),
                "latest_status": _value(r["rank_status"]), "latest_source": _value(r["source"])}
    ind = data.indicators
    rows = ind[(ind["province_code"] == target["province_code"])
               & (ind["unit_set"] == target["unit_set"])
               & (ind["indicator"] == target["indicator"]) & ind["value"].notna()]
    if deadline is not None:
        rows = rows[rows["period_end"] <= deadline]
    if rows.empty:
        return empty
    r = rows.sort_values(["period_end", "source_line"], kind="stable").iloc[-1]
    return {"latest_value": float(r["value"]), "latest_qualifier": _value(r["qualifier"]),
            "latest_as_written": _value(r["as_written"]), "latest_period": _value(r["period"]),
            "latest_date": pd.Timestamp(r["period_end"]), "latest_status": "reported",
            "latest_source": _value(r["source"])}


# --------------------------------------------------------------------------- 6 indicators


def indicators_with_benchmark(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """The province's indicators (for a 34-set unit: also its members') beside the national
    (`VN`) value of the same indicator and period where one exists (NaN otherwise)."""
    wanted = report_units(data, code, unit_set)
    ind = data.indicators
    own = ind[[(c, s) in wanted for c, s in zip(ind["province_code"], ind["unit_set"])]].copy()
    national = ind[ind["province_code"] == NATIONAL_CODE][
        ["indicator", "period", "value", "qualifier", "as_written", "source"]]
    national = national.drop_duplicates(["indicator", "period"]).rename(columns={
        "value": "vn_value", "qualifier": "vn_qualifier", "as_written": "vn_as_written",
        "source": "vn_source"})
    merged = own.merge(national, on=["indicator", "period"], how="left")
    labels = data.catalogue.set_index("indicator")
    merged["label_vi"] = merged["indicator"].map(labels["label_vi"])
    merged["label_en"] = merged["indicator"].map(labels["label_en"])
    merged["period_is_publication_date"] = merged["note"].fillna("").str.startswith(
        PUBLICATION_DATE_NOTE).astype(bool)
    merged["name"] = [name_of(data, c, s) for c, s in
                      zip(merged["province_code"], merged["unit_set"])]
    columns = ["province_code", "unit_set", "name", "indicator", "label_vi", "label_en",
               "period", "period_end", "period_is_publication_date", "value", "unit",
               "qualifier", "denominator", "as_written", "source", "vn_value", "vn_qualifier",
               "vn_as_written", "vn_source"]
    merged = merged[columns]
    return merged.sort_values(["province_code", "indicator", "period_end", "source"],
                              ignore_index=True)


# --------------------------------------------------------------------------- 7 merger


@dataclass(frozen=True)
class Merger:
    unit_set: str
    code: str
    name: str
    unit_code: str  # the 34-set unit: the successor of a 63-set province, or the unit itself
    unit_name: str
    member_codes: tuple[str, ...]  # 63-set members of that unit (the province among them)
    member_names: tuple[str, ...]
    unit_results: pd.DataFrame  # overall rows of the 34-set unit (every year published)
    members_history: pd.DataFrame  # trajectory (63 set) of every member, side by side

    @property
    def merged(self) -> bool:
        """True when the 34-set unit is made of more than one province."""
        return len(self.member_codes) > 1

    @property
    def other_members(self) -> tuple[str, ...]:
        return tuple(c for c in self.member_codes if c != self.code or self.unit_set == "34")


def merger(data: Data, code: str, unit_set: str) -> Merger:
    """The 2025 merger seen from a unit: for a 63-set province, the 34-set unit it joined, the
    other members and that unit's results; for a 34-set unit, its members. Both carry the
    members' 63-set history side by side (ranks of the two sets stay in separate frames)."""
    if unit_set == "63":
        successor = unit(data, code, "63")["successor_code"]
        if pd.isna(successor):
            raise KeyError(f"province {code!r} has no successor in the 34-unit set")
        unit_code = str(successor)
    else:
        unit_code = code
    members = tuple(member_codes(data, unit_code, "34"))
    results = overall_rows(data, "34")
    results = results[results["province_code"] == unit_code].sort_values("year")[
        ["year", "rank", "rank_status", "score", "score_status", "source", "note"]]
    history = trajectory(data, members[0], "63", members[1:]) if members else \
        pd.DataFrame(columns=list(TRAJECTORY_COLUMNS))
    if not history.empty:
        history = history[history["role"] != "mean"].reset_index(drop=True)
        history["role"] = ["province" if c == code and unit_set == "63" else "member"
                           for c in history["province_code"]]
    return Merger(
        unit_set=unit_set, code=code, name=name_of(data, code, unit_set), unit_code=unit_code,
        unit_name=name_of(data, unit_code, "34"), member_codes=members,
        member_names=tuple(name_of(data, m, "63") for m in members),
        unit_results=results.reset_index(drop=True), members_history=history,
    )


# --------------------------------------------------------------------------- 8 about the data


@dataclass(frozen=True)
class About:
    code: str
    unit_set: str
    set_years: tuple[int, ...]
    rank_years: tuple[int, ...]
    score_years: tuple[int, ...]
    missing_rank_years: tuple[int, ...]
    missing_score_years: tuple[int, ...]
    metrics_reported: tuple[str, ...]
    metrics_missing: tuple[str, ...]  # published for some unit of the set, never for this one
    status_counts: pd.DataFrame  # status, n_ranks, n_scores
    validation: dict | None  # summary of validation.json; None = validation not run
    validation_failures: list[dict]  # failures whose offending rows concern the unit
    quarantine: pd.DataFrame  # quarantined rows naming the unit (or its members)
    conflicts: pd.DataFrame  # dti rows of the unit whose sources disagree
    sources: pd.DataFrame  # every source of a value in the report, with its URL


def about_data(data: Data, code: str, unit_set: str) -> About:
    """What is missing for the province, how sure the rest is, and where it comes from."""
    years = set_years(data, unit_set)
    own = data.dti[(data.dti["unit_set"] == unit_set) & (data.dti["province_code"] == code)]
    overall = own[own["metric"] == OVERALL]
    rank_years = tuple(sorted(int(y) for y in overall.loc[overall["rank"].notna(), "year"]))
    score_years = tuple(sorted(int(y) for y in overall.loc[overall["score"].notna(), "year"]))
    set_metrics = set(data.dti.loc[data.dti["unit_set"] == unit_set, "metric"])
    reported = set(own["metric"])
    order = {m: i for i, m in enumerate(METRIC_ORDER)}
    counts = pd.DataFrame({
        "status": list(STATUS_ORDER),
        "n_ranks": [int((own["rank_status"] == s).sum()) for s in STATUS_ORDER],
        "n_scores": [int((own["score_status"] == s).sum()) for s in STATUS_ORDER],
    })
    return About(
        code=code, unit_set=unit_set, set_years=tuple(years), rank_years=rank_years,
        score_years=score_years,
        missing_rank_years=tuple(y for y in years if y not in rank_years),
        missing_score_years=tuple(y for y in years if y not in score_years),
        metrics_reported=tuple(sorted(reported, key=lambda m: order.get(m, 99))),
        metrics_missing=tuple(sorted(set_metrics - reported, key=lambda m: order.get(m, 99))),
        status_counts=counts,
        validation=validation_summary(data.validation),
        validation_failures=_failures_concerning(data.validation, report_units(data, code,
                                                                                unit_set)),
        quarantine=quarantine_concerning(data, code, unit_set),
        conflicts=own[own["conflict"].notna() & (own["conflict"] != "")].reset_index(drop=True),
        sources=report_sources(data, code, unit_set),
    )


def validation_summary(validation: dict | None) -> dict | None:
    """success, evaluated, successful, failed, per-table counts and data version of the last
    validation; None when validation has not been run."""
    if not validation:
        return None
    evaluated = validation.get("evaluated")
    successful = validation.get("successful")
    failed = (evaluated - successful) if evaluated is not None and successful is not None \
        else None
    return {"success": validation.get("success"), "evaluated": evaluated,
            "successful": successful, "failed": failed,
            "tables": validation.get("tables", {}),
            "n_failures": len(validation.get("failures") or []),
            "data_version": validation.get("data_version")}


def _failures_concerning(validation: dict | None, wanted: list[tuple[str, str]]) -> list[dict]:
    out = []
    for failure in (validation or {}).get("failures") or []:
        rows = []
        for row in failure.get("rows") or []:
            values = row.get("values") or {}
            if (str(values.get("province_code")), str(values.get("unit_set"))) in wanted:
                rows.append(row)
        if rows:
            out.append({**failure, "rows": rows})
    return out


def quarantine_concerning(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """Quarantined rows whose raw values name the unit (or, for a 34-set unit, a member) by
    code or by name — rows naming several provinces at once included."""
    wanted = report_units(data, code, unit_set)
    names = set()
    codes = set()
    for c, s in wanted:
        u = unit(data, c, s)
        names |= {fold(u["short_name"]), fold(u["ascii_name"])}
        codes.add(c)
    keep = []
    for raw in data.quarantine["raw"].fillna(""):
        try:
            values = json.loads(raw)
        except ValueError:
            values = {}
        text_code = str(values.get("gso_code_pre2025") or values.get("province_code") or "")
        entity = str(values.get("entity") or values.get("province") or "")
        parts = {fold(p) for p in _split_entity(entity)}
        parts = {p.removeprefix("tp ") for p in parts}
        keep.append(text_code in codes or bool(parts & names))
    return data.quarantine[keep].reset_index(drop=True)


def _split_entity(entity: str) -> list[str]:
    import re

    entity = re.sub(r"\([^)]*\)", " ", entity)
    return [p for p in re.split(r"\s*(?:/|;|,|\+|&)\s*", entity) if p.strip()]


def report_sources(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """Every source of a value the report on the unit shows (its overall and pillar rows, its
    members' for a 34-set unit, the provinces mean, indicators with their national benchmark,
    targets), with publisher, date, title, URL and the tables it feeds."""
    wanted = report_units(data, code, unit_set)
    used: dict[str, set[str]] = {}

    def add(table: str, texts) -> None:
        for text in texts:
            for s in split_sources(text):
                used.setdefault(s, set()).add(table)

    dti = data.dti
    keys = list(zip(dti["province_code"], dti["unit_set"]))
    add("dti", dti.loc[[k in wanted for k in keys], "source"])
    if unit_set == "63":
        merged = merger(data, code, unit_set)
        add("dti", merged.unit_results["source"])
    agg = data.aggregates
    add("dti_aggregates", agg.loc[(agg["unit_set"] == unit_set)
                                  & (agg["entity"] == "provinces_mean"), "source"])
    ind = indicators_with_benchmark(data, code, unit_set)
    add("indicators", ind["source"])
    add("indicators", ind["vn_source"])
    tgt = data.targets
    add("targets", tgt.loc[[k in wanted for k in zip(tgt["province_code"], tgt["unit_set"])],
                           "source"])
    src = data.sources.set_index("source_id")
    records = []
    for source_id in sorted(used):
        known = source_id in src.index
        row = src.loc[source_id] if known else None
        url = _value(row["url"]) if known else None
        if url is None and source_id.startswith(("http://", "https://")):
            url = source_id
        records.append({
            "source_id": source_id,
            "publisher": _value(row["publisher"]) if known else None,
            "published": _value(row["published"]) if known else None,
            "title": _value(row["title"]) if known else None,
            "url": url, "kind": _value(row["kind"]) if known else None,
            "tables": ", ".join(sorted(used[source_id])), "in_sources_table": known,
        })
    return pd.DataFrame(records, columns=["source_id", "publisher", "published", "title", "url",
                                          "kind", "tables", "in_sources_table"])


# --------------------------------------------------------------------------- national overview


@dataclass(frozen=True)
class RankMatrix:
    ranks: pd.DataFrame  # index: province code (best of the reference ranking first); columns: years
    statuses: pd.DataFrame  # same shape: rank_status or None
    names: pd.Series  # code → short name


def rank_matrix(data: Data, unit_set: str) -> RankMatrix:
    """Overall rank of every unit of the set in every year of the data (NaN where unknown),
    units ordered by the latest complete ranking (else the latest ranking), then by name."""
    rows = overall_rows(data, unit_set)
    years = set_years(data, unit_set)
    everyone = units(data, unit_set)
    ranks = rows.pivot_table(index="province_code", columns="year", values="rank",
                             aggfunc="first")
    ranks = ranks.reindex(index=everyone["province_code"], columns=years).astype("Float64")
    statuses = rows.pivot(index="province_code", columns="year", values="rank_status")
    statuses = statuses.reindex(index=everyone["province_code"], columns=years)
    statuses = statuses.where(ranks.notna().to_numpy(), None)
    reference = national_position(data, unit_set)
    order = {c: i for i, c in enumerate(reference.table["province_code"])}
    names = everyone.set_index("province_code")["short_name"]
    ordered = sorted(ranks.index, key=lambda c: (order.get(c, len(order)), names[c]))
    return RankMatrix(ranks.loc[ordered], statuses.loc[ordered], names.loc[ordered])


def movers(data: Data, unit_set: str) -> pd.DataFrame:
    """Rank changes between consecutive years of the set's data where both ranks are known,
    largest first (`change` = places gained, > 0 up)."""
    rows = overall_rows(data, unit_set)
    rows = rows[rows["rank"].notna()]
    years = set_years(data, unit_set)
    info = units(data, unit_set).set_index("province_code")
    records = []
    for before, after in pairwise(years):
        a = rows[rows["year"] == before].set_index("province_code")
        b = rows[rows["year"] == after].set_index("province_code")
        for c in sorted(set(a.index) & set(b.index)):
            records.append({
                "province_code": c, "name": info.loc[c, "short_name"],
                "region": info.loc[c, "region"], "region_en": info.loc[c, "region_en"],
                "from_year": before, "to_year": after,
                "from_rank": int(a.loc[c, "rank"]), "to_rank": int(b.loc[c, "rank"]),
                "from_status": _value(a.loc[c, "rank_status"]),
                "to_status": _value(b.loc[c, "rank_status"]),
                "change": int(a.loc[c, "rank"]) - int(b.loc[c, "rank"]),
                "method_changes": method_changes_between(before, after),
            })
    frame = pd.DataFrame(records, columns=[
        "province_code", "name", "region", "region_en", "from_year", "to_year", "from_rank",
        "to_rank", "from_status", "to_status", "change", "method_changes"])
    if frame.empty:
        return frame
    frame["size"] = frame["change"].abs()
    frame = frame.sort_values(["size", "to_year", "name"], ascending=[False, False, True])
    return frame.drop(columns="size").reset_index(drop=True)


def regions_compared(data: Data, unit_set: str, year: int | None = None) -> pd.DataFrame:
    """Per region, for the latest complete ranking: units ranked, median, best and worst rank
    (with the unit holding each)."""
    position = national_position(data, unit_set, year)
    table = position.table
    records = []
    for region, group in table.groupby("region", sort=False):
        best = group[group["rank"] == group["rank"].min()]
        worst = group[group["rank"] == group["rank"].max()]
        records.append({
            "region": region, "region_en": group["region_en"].iloc[0],
            "year": position.year, "complete": position.complete, "n_ranked": len(group),
            "n_units": int((units(data, unit_set)["region"] == region).sum()),
            "median_rank": float(group["rank"].astype(float).median()),
            "best_rank": int(best["rank"].iloc[0]), "best_name": ", ".join(best["name"]),
            "worst_rank": int(worst["rank"].iloc[0]), "worst_name": ", ".join(worst["name"]),
        })
    frame = pd.DataFrame(records, columns=[
        "region", "region_en", "year", "complete", "n_ranked", "n_units", "median_rank",
        "best_rank", "best_name", "worst_rank", "worst_name"])
    return frame.sort_values(["median_rank", "region"], ignore_index=True)


def coverage(data: Data, unit_set: str) -> pd.DataFrame:
    """Per year of the set: how many units have an overall rank / score, the ranks by status,
    and whether the mean over provinces was published."""
    rows = overall_rows(data, unit_set)
    means = set(provinces_mean(data, unit_set)["year"].dropna().astype(int))
    records = []
    for year in _trajectory_years(data, unit_set):
        group = rows[rows["year"] == year]
        record = {"year": year, "n_units": n_units(data, unit_set),
                  "n_rank": int(group["rank"].notna().sum()),
                  "n_score": int(group["score"].notna().sum()),
                  "mean_published": year in means}
        for status in STATUS_ORDER:
            record[f"n_rank_{status}"] = int((group["rank_status"] == status).sum())
        records.append(record)
    return pd.DataFrame(records)
