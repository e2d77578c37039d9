"""Section 8, about the data: what is missing for a unit, how sure the rest is (statuses,
validation, quarantine, conflicts) and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..domain.registry import core_name
from ..domain.text import fold
from ..vocab import split_several
from .data import (
    METRIC_ORDER,
    OVERALL,
    STATUS_ORDER,
    Data,
    memoised,
    plain_value,
    report_units,
    set_years,
    split_sources,
    unit,
)
from .indicators import indicators_with_benchmark
from .merger import merger


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


@memoised
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
        conflicts=own[(own["conflict"].notna() & (own["conflict"] != ""))
                      | own["disputed"].notna()].reset_index(drop=True),
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
    """Quarantined rows that name the unit (or, for a 34-set unit, a member) in the cell their
    reader recognised as the province or code column, whatever that column was called — rows
    naming several provinces at once included (split by `vocab.split_several`)."""
    wanted = report_units(data, code, unit_set)
    names = set()
    codes = set()
    for c, s in wanted:
        u = unit(data, c, s)
        names |= {core_name(fold(u[column])) for column in ("name", "short_name", "ascii_name")}
        codes.add(c)
    quarantine = data.quarantine
    keep = []
    for given, given_code in zip(_texts(quarantine, "province"),
                                 _texts(quarantine, "province_code")):
        parts = {core_name(fold(part)) for part in split_several(given)}
        keep.append(given_code.split(".")[0].zfill(2) in codes or bool(parts & names))
    return quarantine[keep].reset_index(drop=True)


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    if column not in frame.columns:  # a quarantine file written before the column existed
        return [""] * len(frame)
    return [str(v).strip() for v in frame[column].fillna("")]


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
        url = plain_value(row["url"]) if known else None
        if url is None and source_id.startswith(("http://", "https://")):
            url = source_id
        records.append({
            "source_id": source_id,
            "publisher": plain_value(row["publisher"]) if known else None,
            "published": plain_value(row["published"]) if known else None,
            "title": plain_value(row["title"]) if known else None,
            "url": url, "kind": plain_value(row["kind"]) if known else None,
            "tables": ", ".join(sorted(used[source_id])), "in_sources_table": known,
        })
    return pd.DataFrame(records, columns=["source_id", "publisher", "published", "title", "url",
                                          "kind", "tables", "in_sources_table"])
