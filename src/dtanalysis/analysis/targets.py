"""Section 5, targets: each of the province's resolution targets with the latest value reported,
the gap, the years left and the pace needed."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import claims
from .data import (
    Data,
    is_marked,
    memo,
    name_of,
    overall_rows,
    plain_value,
    report_units,
    split_sources,
)


def _deadline_end(year: object) -> pd.Timestamp | None:
    return None if year is None or pd.isna(year) else pd.Timestamp(int(year), 12, 31)


def targets_progress(data: Data, code: str, unit_set: str,
                     as_of: dt.date | None = None) -> pd.DataFrame:
    """Each target of the province (for a 34-set unit: also its members' targets) with the
    latest value reported at or before the deadline, the gap (> 0: still to go, in the
    target's unit; for ranks, places to climb), the years left from that value to the deadline
    and the pace per year needed. `dti_rank` targets use the latest overall rank of the dti
    table. No value → latest_value NaN. Duplicates across sources are merged (sources joined).
    Built once per Data, unit and day (the briefing and the targets section, in both
    languages, ask for it); each caller gets its own copy."""
    as_of = pd.Timestamp(as_of or dt.date.today())
    return memo(data, ("targets_progress", code, unit_set, as_of),
                lambda: _targets_progress(data, code, unit_set, as_of)).copy()


def _targets_progress(data: Data, code: str, unit_set: str, as_of: pd.Timestamp) -> pd.DataFrame:
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
            "qualifier": plain_value(t["qualifier"]), "target_as_written": plain_value(t["as_written"]),
            "target_year": plain_value(t["target_year"]), "instrument": plain_value(t["instrument"]),
            "issued": plain_value(t["issued"]), "target_source": t["source"],
            "higher_is_better": higher, **latest,
        }
        gap = years_left = pace = so_far = None
        reached = None
        first = latest.pop("first", None)
        if latest["latest_value"] is not None:
            value = float(latest["latest_value"])
            gap = (t["target_value"] - value) if higher else (value - t["target_value"])
            reached = bool(gap < 0 if plain_value(t["qualifier"]) == "more_than" else gap <= 0)
            if deadline is not None:
                years_left = (deadline - latest["latest_date"]).days / 365.25
                if gap > 0 and years_left > 0:
                    pace = gap / years_left
            if first is not None:  # the pace so far: from the earliest value to the latest
                span = (latest["latest_date"] - first[1]).days / 365.25
                if span > 0:
                    so_far = ((value - first[0]) if higher else (first[0] - value)) / span
        kind = claims.verdict(value=latest["latest_value"], reached=reached,
                              value_date=latest["latest_date"], deadline=deadline, as_of=as_of,
                              pace_needed=pace, pace_so_far=so_far)
        record.update({"gap": gap, "reached": reached, "years_left": years_left,
                       "pace_per_year": pace, "pace_so_far": so_far,
                       "deadline_passed": bool(deadline is not None and deadline < as_of),
                       "verdict": kind, "tone": claims.TONE[kind]})
        records.append(record)
    columns = ["province_code", "unit_set", "name", "indicator", "target_value", "unit",
               "qualifier", "target_as_written", "target_year", "instrument", "issued",
               "target_source", "higher_is_better", "latest_value", "latest_qualifier",
               "latest_as_written", "latest_period", "latest_date", "latest_status",
               "latest_source", "gap", "reached", "years_left", "pace_per_year",
               "pace_so_far", "deadline_passed", "verdict", "tone"]
    frame = pd.DataFrame(records, columns=columns)
    for column in ("target_value", "latest_value", "gap", "years_left", "pace_per_year",
                   "pace_so_far"):
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
        # a published rank is judged against the target before a later derived or uncertain
        # one (as in the headline and the briefing)
        published = rows[[not is_marked(s) for s in rows["rank_status"]]]
        chosen = (published if not published.empty else rows).sort_values("year")
        chosen = chosen[chosen["rank_status"] != "uncertain"]  # never judged on a ‡ value
        if chosen.empty:
            return empty
        r, f = chosen.iloc[-1], chosen.iloc[0]
        return {"first": (float(f["rank"]), pd.Timestamp(int(f["year"]), 12, 31))
                if len(chosen) > 1 else None,"latest_value": float(r["rank"]), "latest_qualifier": None,
                "latest_as_written": None, "latest_period": str(int(r["year"])),
                "latest_date": pd.Timestamp(int(r["year"]), 12, 31),
                "latest_status": plain_value(r["rank_status"]), "latest_source": plain_value(r["source"])}
    ind = data.indicators
    rows = ind[(ind["province_code"] == target["province_code"])
               & (ind["unit_set"] == target["unit_set"])
               & (ind["indicator"] == target["indicator"]) & ind["value"].notna()]
    if deadline is not None:
        rows = rows[rows["period_end"] <= deadline]
    if rows.empty:
        return empty
    ordered = rows.sort_values(["period_end", "source_line"], kind="stable")
    r, f = ordered.iloc[-1], ordered.iloc[0]
    return {"first": (float(f["value"]), pd.Timestamp(f["period_end"]))
            if f["period_end"] < r["period_end"] else None,"latest_value": float(r["value"]), "latest_qualifier": plain_value(r["qualifier"]),
            "latest_as_written": plain_value(r["as_written"]), "latest_period": plain_value(r["period"]),
            "latest_date": pd.Timestamp(r["period_end"]), "latest_status": "reported",
            "latest_source": plain_value(r["source"])}
