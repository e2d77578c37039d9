"""Section 4, pillars and main indices: the province beside the best and the median of the units
with a value."""

from __future__ import annotations

import pandas as pd

from .data import METRIC_ORDER, OVERALL, Data, first_rows, memo, memoised, plain_value, units


@memoised
def pillars(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """Every (year, pillar / main index) of the set that any unit has a value for, with the
    province's score and rank (NaN when it has none; `has_value`) beside the best and the
    median over the units that have that value (`n_score`, `n_rank` of them). The national
    figures are computed once per Data and set (`memo`), the province's own values per call."""
    national, by_unit = memo(data, ("pillars", unit_set), lambda: _national(data, unit_set))
    own = by_unit.get(code, {})
    records = []
    for key, stats in national.items():
        r = own.get(key[0], {}).get(key[1])
        records.append({
            "year": key[0], "metric": key[1],
            "score": None if r is None else plain_value(r["score"]),
            "score_status": None if r is None else plain_value(r["score_status"]),
            "rank": None if r is None else plain_value(r["rank"]),
            "rank_status": None if r is None else plain_value(r["rank_status"]),
            **stats,
            "has_value": r is not None and (pd.notna(r["score"]) or pd.notna(r["rank"])),
            "source": None if r is None else plain_value(r["source"]),
            # other values the sources give for it (analysis.claims, rule 5), or None
            "disputed": None if r is None else plain_value(r.get("disputed")),
        })
    frame = pd.DataFrame(records, columns=COLUMNS)
    for column in ("score", "best_score", "median_score", "rank", "best_rank", "median_rank"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    frame["has_value"] = frame["has_value"].astype(bool)
    return frame


COLUMNS = ["year", "metric", "score", "score_status", "rank", "rank_status", "n_score",
           "best_score", "best_score_name", "median_score", "n_rank", "best_rank",
           "best_rank_name", "median_rank", "has_value", "source", "disputed"]


def _national(data: Data, unit_set: str) -> tuple[dict, dict]:
    """The best and median of every (year, metric) of the set, in display order (year, then
    METRIC_ORDER), and each unit's rows (code → year → metric → its first row)."""
    rows = data.dti[(data.dti["unit_set"] == unit_set) & (data.dti["metric"] != OVERALL)]
    names = units(data, unit_set).set_index("province_code")["short_name"]
    order = {m: i for i, m in enumerate(METRIC_ORDER)}
    national = {}
    groups = sorted(rows.groupby(["year", "metric"], sort=True),
                    key=lambda g: (int(g[0][0]), order.get(g[0][1], len(order))))
    for (year, metric), group in groups:
        scores = group[group["score"].notna()]
        ranks = group[group["rank"].notna()]
        best_score = scores["score"].max() if not scores.empty else None
        best_rank = ranks["rank"].min() if not ranks.empty else None
        national[(int(year), metric)] = {
            "n_score": len(scores), "best_score": plain_value(best_score),
            "best_score_name": _names(scores[scores["score"] == best_score], names),
            "median_score": plain_value(scores["score"].median()) if not scores.empty else None,
            "n_rank": len(ranks), "best_rank": plain_value(best_rank),
            "best_rank_name": _names(ranks[ranks["rank"] == best_rank], names),
            "median_rank": plain_value(ranks["rank"].astype(float).median())
            if not ranks.empty else None,
        }
    return national, first_rows(rows, ("province_code", "year", "metric"))


def _names(rows: pd.DataFrame, names: pd.Series) -> str | None:
    if rows.empty:
        return None
    return ", ".join(sorted(names.get(c, c) for c in rows["province_code"]))
