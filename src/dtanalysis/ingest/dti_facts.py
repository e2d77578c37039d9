"""Read the press and ministry facts 2020–2024 (`data/raw/dti_press_facts_2020_2024.csv`).

Each row is one fact: a province's score and/or rank on one metric, or an aggregate
(`ALL_PROVINCES_MEAN`: the mean over provinces; `VIETNAM`: the national DTI, a different
measure). Optional columns `value_words` (what the source calls the value, as written: "giá
trị trung bình") and `value_words_en` (the project's English for them) travel with the score.
Status is as the file gives it (`reported`, `derived`, `uncertain`); rows naming
several provinces at once, or an unknown one, are quarantined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.numbers import NumberError, column_style, parse_number, rank_problem
from ..domain.registry import ProvinceError, Registry
from ..vocab import STATUSES, UNIT_SETS, url_problem
from .dti_tables import METRICS
from .quarantine import Quarantined, ReadResult
from .rawfile import read_records

COLUMNS = ("year", "unit_set", "entity", "gso_code_pre2025", "metric", "value", "rank",
           "status", "source_url", "note")
AGGREGATES = {"ALL_PROVINCES_MEAN": "provinces_mean", "VIETNAM": "national"}


@dataclass
class FactsRead(ReadResult):
    """The facts file read: `rows` of provinces (`dti`), `aggregates` (`dti_aggregates`) and
    the quarantined rows."""

    aggregates: list[dict] = field(default_factory=list)


def read_facts(path: Path, registry: Registry, relative: str,
               root: Path | None = None) -> FactsRead:
    """The province rows, aggregate rows and quarantined rows of the facts file (`root`: the
    project, else found from `path`)."""
    records = read_records(path, root=root, required=COLUMNS)
    style = column_style([r["value"] for _, r in records], default="en")
    provinces, aggregates, quarantined = [], [], []

    def reject(line: int, record: dict, reason: str) -> None:
        quarantined.append(Quarantined("dti", relative, line, record, reason,
                                       province=record.get("entity"),
                                       province_code=record.get("gso_code_pre2025")))

    for line, record in records:
        try:
            score = parse_number(record["value"], style).value if record["value"] else None
            rank = parse_number(record["rank"]).value if record["rank"] else None
        except NumberError as error:
            reject(line, record, f"value or rank is not a number ({error})")
            continue
        if rank is not None and rank_problem(rank):
            reject(line, record, f"rank {record['rank']!r} {rank_problem(rank)}")
            continue
        if not record["year"].isdigit() or len(record["year"]) != 4:
            reject(line, record, f"year {record['year']!r} is not a year")
            continue
        if url_problem(record["source_url"]):
            reject(line, record, url_problem(record["source_url"]))
            continue
        if record["status"] not in STATUSES:
            reject(line, record, f"status {record['status']!r} is not one of {STATUSES}")
            continue
        common = {"year": int(record["year"]), "status": record["status"],
                  "source": record["source_url"] or relative, "note": record["note"] or None,
                  # the source's own words naming the value ("giá trị trung bình"), and the
                  # project's English for them (optional columns)
                  "score_words": (record.get("value_words") or "").strip() or None,
                  "score_words_en": (record.get("value_words_en") or "").strip() or None,
                  "source_file": relative, "source_line": line}
        if record["entity"] in AGGREGATES:
            metric = "dti" if record["metric"] == "dti_national" else record["metric"]
            aggregates.append({**common, "unit_set": record["unit_set"],
                               "entity": AGGREGATES[record["entity"]], "metric": metric,
                               "value": score})
            continue
        if record["metric"] not in METRICS:
            reject(line, record, f"metric {record['metric']!r} is not a DTI metric")
            continue
        if record["unit_set"] not in UNIT_SETS:
            reject(line, record, f"unit_set {record['unit_set']!r} is not one of "
                                 f"{', '.join(UNIT_SETS)}")
            continue
        try:
            unit = registry.resolve(record["entity"], unit_set=record["unit_set"])
        except ProvinceError as error:
            reject(line, record, str(error))
            continue
        if score is None and rank is None:
            reject(line, record, "neither a score nor a rank")
            continue
        code = record["gso_code_pre2025"]
        if code and code.zfill(2) != unit.code:
            reject(line, record, f"{record['entity']!r} is {unit.short_name} ({unit.code}) but "
                                 f"the code column says {code}")
            continue
        provinces.append({**common, "unit_set": unit.unit_set, "province_code": unit.code,
                          "metric": record["metric"], "score": score,
                          "rank": int(rank) if rank is not None else None})
    return FactsRead(provinces, quarantined, aggregates)
