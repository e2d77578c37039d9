"""SYNTHETIC processed tables for tests: small, made-up, internally consistent data with the
dtypes the cleaning step produces (text = pandas "string", year/rank/source_line = "Int64",
numbers = "float64", dates = "datetime64[ms]", flags = "boolean"). No value here is real data.

    from synthetic import tables, frame, large_indicators
    t = tables()                  # every processed table + indicator_catalogue, all valid
    t["dti"].loc[0, "score"] = 2  # break one thing, then validate
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dtanalysis.analysis import Data
from dtanalysis.domain.schema import SCHEMAS as DTYPES
from dtanalysis.domain.schema import D, I, S, typed

REGISTRY = "registry:synthetic"
PRESS = "syn-press-1"
OFFICIAL = "https://syn.example.gov.vn/dti-2023"

# (code, short name, ascii, slug, division type, region, region_en, successor in the 34 set)
_P63 = [
    ("01", "Hà Nội", "Ha Noi", "ha-noi", "thành phố trung ương", "Đồng bằng sông Hồng",
     "Red River Delta", "01"),
    ("22", "Quảng Ninh", "Quang Ninh", "quang-ninh", "tỉnh", "Đồng bằng sông Hồng",
     "Red River Delta", "22"),
    ("30", "Hải Dương", "Hai Duong", "hai-duong", "tỉnh", "Đồng bằng sông Hồng",
     "Red River Delta", "31"),
    ("31", "Hải Phòng", "Hai Phong", "hai-phong", "thành phố trung ương",
     "Đồng bằng sông Hồng", "Red River Delta", "31"),
]
_P34 = [("01", "Hà Nội", "Ha Noi", "ha-noi", "01"), ("22", "Quảng Ninh", "Quang Ninh",
        "quang-ninh", "22"), ("31", "Hải Phòng", "Hai Phong", "hai-phong", "30|31")]


def frame(table: str, records: list[dict]) -> pd.DataFrame:
    """A DataFrame of `table`'s columns, typed as the cleaning step types them, rows in the
    order given (missing keys are null)."""
    return typed(table, records)


def _lines(records: list[dict], file: str) -> list[dict]:
    for line, record in enumerate(records, start=2):
        record.setdefault("source_file", file)
        record.setdefault("source_line", line)
    return records


def provinces() -> pd.DataFrame:
    records = []
    for code, short, ascii_, slug, kind, region, region_en, successor in _P63:
        name = ("Thành phố " if kind.startswith("thành phố") else "Tỉnh ") + short
        records.append({"unit_set": "63", "province_code": code, "name": name,
                        "short_name": short, "ascii_name": ascii_, "slug": slug,
                        "division_type": kind, "region": region, "region_en": region_en,
                        "successor_code": successor, "members": None, "source": REGISTRY})
    for code, short, ascii_, slug, members in _P34:
        kind = "tỉnh" if code == "22" else "thành phố"
        records.append({"unit_set": "34", "province_code": code,
                        "name": ("Tỉnh " if kind == "tỉnh" else "Thành phố ") + short,
                        "short_name": short, "ascii_name": ascii_, "slug": slug,
                        "division_type": kind, "region": "Đồng bằng sông Hồng",
                        "region_en": "Red River Delta", "successor_code": None,
                        "members": members, "source": REGISTRY})
    return frame("provinces", _lines(records, "synthetic/provinces.csv"))


def numbered_provinces(n: int) -> pd.DataFrame:
    """`n` made-up provinces of the 63-unit set, codes 01…n, one region: for generated tables
    whose only concern is how many units there are."""
    return frame("provinces", [{
        "unit_set": "63", "province_code": f"{i:02d}", "name": f"Tỉnh Syn {i}",
        "short_name": f"Syn {i}", "ascii_name": f"Syn {i}", "slug": f"syn-{i}",
        "division_type": "tỉnh", "region": "Vùng A", "region_en": "Region A",
        "successor_code": None, "members": None, "source": "registry:synthetic"}
        for i in range(1, n + 1)])


def one_index_data(index: str, n: int, scores: list[dict], dti: list[dict] | None = None,
                   publications: list[dict] | None = None) -> Data:
    """Data of `n` made-up provinces and ONE made-up index `index` (scores 0–1, higher is
    better, one metric of its own name) holding `scores`; `dti` and `publications` rows as
    given."""
    label = index.upper()
    return Data.from_frames(
        provinces=numbered_provinces(n), dti=frame("dti", dti or []),
        index_catalogue=frame("index_catalogue", [{
            "index": index, "name_vi": f"Chỉ số Syn ({label})",
            "name_en": f"Synthetic ({label})", "publisher": "SYNTHETIC", "score_min": 0.0,
            "score_max": 1.0, "higher_is_better": True}]),
        index_metrics=frame("index_metrics", [{
            "index": index, "metric": index, "parent": None, "position": 1,
            "label_vi": label, "label_en": label, "aggregate": "none"}]),
        index_scores=frame("index_scores", scores),
        index_publications=frame("index_publications", publications or []))


def dti() -> pd.DataFrame:
    """2022 and 2023 (63 set: four provinces, three metrics) and 2025 (34 set, dti only).
    Within each ranking table a higher score has a better rank."""
    records = []
    scores = {"01": 0.71, "22": 0.66, "31": 0.58, "30": 0.47}
    ranks = {"01": 2, "22": 4, "31": 9, "30": 21}
    for year in (2022, 2023):
        for m, metric in enumerate(("dti", "chinh_quyen_so", "kinh_te_so")):
            for code, score in scores.items():
                records.append({
                    "year": year, "unit_set": "63", "province_code": code, "metric": metric,
                    "score": round(score - 0.03 * m + 0.01 * (year - 2022), 4),
                    "rank": ranks[code], "status": "official", "score_status": "official",
                    "rank_status": "official", "source": OFFICIAL})
    for code, score, rank in (("01", 0.74, 1), ("31", 0.61, 5), ("22", 0.59, 7)):
        records.append({"year": 2025, "unit_set": "34", "province_code": code, "metric": "dti",
                        "score": score, "rank": rank, "status": "reported",
                        "score_status": "reported", "rank_status": "reported", "source": PRESS})
    records.append({"year": 2025, "unit_set": "34", "province_code": "01", "metric": "ha_tang_so",
                    "score": None, "rank": 3, "status": "uncertain", "score_status": None,
                    "rank_status": "uncertain", "source": PRESS, "note": "rank only"})
    return frame("dti", _lines(records, "synthetic/dti.csv"))


def dti_aggregates() -> pd.DataFrame:
    records = [
        {"year": 2023, "unit_set": "63", "entity": "provinces_mean", "metric": "dti",
         "value": 0.5219, "status": "official", "source": OFFICIAL},
        {"year": 2023, "unit_set": "national", "entity": "national", "metric": "dti",
         "value": 0.6011, "status": "reported", "source": PRESS},
    ]
    return frame("dti_aggregates", _lines(records, "synthetic/dti_aggregates.csv"))


def indicators() -> pd.DataFrame:
    records = [
        {"province_code": "01", "unit_set": "63", "period": "2022", "period_end": "2022-12-31",
         "indicator": "online_services_share", "value": 95.5, "unit": "%",
         "as_written": "95,5%", "source": PRESS},
        {"province_code": "31", "unit_set": "63", "period": "2023-06",
         "period_end": "2023-06-30", "indicator": "bts_stations", "value": 2045.0,
         "unit": "count", "qualifier": "more_than", "as_written": "hơn 2.045", "source": PRESS},
        {"province_code": "30", "unit_set": "63", "period": "2023-09-30",
         "period_end": "2023-09-30", "indicator": "egov_one_stop_coverage_commune",
         "value": 100.0, "unit": "%", "denominator": 35, "as_written": "35/35",
         "source": PRESS},
        {"province_code": "VN", "unit_set": "national", "period": "2023",
         "period_end": "2023-12-31", "indicator": "online_services_share", "value": 82.0,
         "unit": "%", "qualifier": "about", "as_written": "khoảng 82%", "source": OFFICIAL},
        {"province_code": "31", "unit_set": "34", "period": "2025-09",
         "period_end": "2025-09-30", "indicator": "dti_rank", "value": 5.0, "unit": "rank",
         "as_written": "thứ 5", "source": PRESS},
    ]
    return frame("indicators", _lines(records, "synthetic/indicators.csv"))


def targets() -> pd.DataFrame:
    records = [
        {"province_code": "22", "unit_set": "63", "indicator": "online_services_share",
         "target_value": 100.0, "unit": "%", "target_year": 2025, "instrument": "09-NQ/TU",
         "issued": "2022-02-05", "as_written": "100%", "source": PRESS},
        {"province_code": "31", "unit_set": "63", "indicator": "dti_rank", "target_value": 10.0,
         "unit": "rank", "qualifier": "at_most", "target_year": None, "instrument": "03-NQ/TU",
         "issued": None, "as_written": "top 10", "source": PRESS},
        {"province_code": "VN", "unit_set": "national", "indicator": "online_services_share",
         "target_value": 80.0, "unit": "%", "target_year": 2025, "instrument": "749/QĐ-TTg",
         "issued": "2020-06-03", "as_written": "80%", "source": OFFICIAL},
    ]
    return frame("targets", _lines(records, "synthetic/targets.csv"))


def indicator_catalogue() -> pd.DataFrame:
    records = [
        {"indicator": "online_services_share", "label_vi": "Tỷ lệ DVC trực tuyến",
         "label_en": "Online public services share", "unit": "%", "higher_is_better": True,
         "min_value": 0.0, "max_value": 100.0},
        {"indicator": "egov_one_stop_coverage_commune", "label_vi": "Tỷ lệ xã có một cửa",
         "label_en": "Communes with e-one-stop", "unit": "%", "higher_is_better": True,
         "min_value": 0.0, "max_value": 100.0},
        {"indicator": "bts_stations", "label_vi": "Số trạm BTS", "label_en": "BTS stations",
         "unit": "count", "higher_is_better": True, "min_value": 0.0, "max_value": None},
        {"indicator": "dti_rank", "label_vi": "Thứ hạng DTI", "label_en": "DTI rank",
         "unit": "rank", "higher_is_better": False, "min_value": 1.0, "max_value": 63.0},
    ]
    return frame("indicator_catalogue", _lines(records, "synthetic/indicator_catalogue.csv"))


def sources() -> pd.DataFrame:
    records = [
        {"source_id": REGISTRY, "publisher": "Synthetic registry", "published": "2025",
         "kind": "registry"},
        {"source_id": PRESS, "publisher": "Synthetic Press", "published": "2023-03-13",
         "title": "A made-up article", "url": "https://press.example.vn/a-1", "kind": "press"},
        {"source_id": OFFICIAL, "publisher": "syn.example.gov.vn", "url": OFFICIAL,
         "kind": "official"},
    ]
    return frame("sources", records)


def tables() -> dict[str, pd.DataFrame]:
    """Every processed table and the indicator catalogue: small, synthetic and valid."""
    return {"provinces": provinces(), "dti": dti(), "dti_aggregates": dti_aggregates(),
            "indicators": indicators(), "targets": targets(),
            "indicator_catalogue": indicator_catalogue(), "sources": sources()}


def large_indicators(rows: int, seed: int = 0) -> pd.DataFrame:
    """A valid SYNTHETIC `indicators` table of `rows` rows (for timing), consistent with
    tables()'s provinces, catalogue and sources. Unique keys: each row its own period day."""
    rng = np.random.default_rng(seed)
    codes = np.array(["01", "22", "30", "31"])
    indicators_ = np.array(["online_services_share", "egov_one_stop_coverage_commune",
                            "bts_stations"])
    day = pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(rows) // 12, unit="D")
    pick = np.arange(rows) % 12
    value = rng.uniform(0, 100, rows).round(1)
    data = pd.DataFrame({
        "province_code": pd.array(codes[pick % 4], dtype=S),
        "unit_set": pd.array(np.full(rows, "63"), dtype=S),
        "period": pd.array(day.strftime("%Y-%m-%d"), dtype=S),
        "period_end": day.astype(D),
        "indicator": pd.array(indicators_[pick // 4], dtype=S),
        "value": value,
        "unit": pd.array(np.where(pick // 4 == 2, "count", "%"), dtype=S),
        "qualifier": pd.array(np.where(pick % 5 == 0, "about", None), dtype=S),
        "denominator": np.full(rows, np.nan),
        "as_written": pd.array(np.char.add(value.astype(str), "%"), dtype=S),
        "note": pd.array(np.full(rows, None), dtype=S),
        "source": pd.array(np.where(pick % 2 == 0, PRESS, OFFICIAL), dtype=S),
        "source_file": pd.array(np.full(rows, "synthetic/indicators.csv"), dtype=S),
        "source_line": pd.array(np.arange(2, rows + 2), dtype=I),
    })
    return data[list(DTYPES["indicators"])]


# --------------------------------------------------------------------------- tiny data
# Made-up units and values (codes "A1".. and names "Alpha"..): no value below is real.


def tiny_data(validation=None) -> Data:
    prov = [
        {"unit_set": "63", "province_code": c, "name": f"Tỉnh {n}", "short_name": n,
         "ascii_name": n, "slug": n.lower(), "division_type": "tỉnh", "region": r,
         "region_en": r, "successor_code": "Z1", "members": None}
        for c, n, r in (("A1", "Alpha", "North"), ("A2", "Beta", "North"),
                        ("A3", "Gamma", "South"))
    ] + [{"unit_set": "34", "province_code": "Z1", "name": "Tỉnh Zeta", "short_name": "Zeta",
          "ascii_name": "Zeta", "slug": "zeta", "division_type": "tỉnh", "region": "North",
          "region_en": "North", "successor_code": None, "members": "A1|A2|A3"}]

    def row(year, code, rank=None, score=None, status="reported", metric="dti", unit_set="63"):
        return {"year": year, "unit_set": unit_set, "province_code": code, "metric": metric,
                "score": score, "rank": rank, "status": status,
                "score_status": status if score is not None else None,
                "rank_status": status if rank is not None else None, "source": "syn"}

    dti = [row(2020, "A1", 2), row(2022, "A1", 1, 0.5),
           row(2020, "A2", 1, status="derived"), row(2021, "A2", 3, status="uncertain"),
           row(2022, "A2", 1), row(2022, "A3", 3),
           row(2022, "A1", None, 0.7, metric="kinh_te_so"),
           row(2022, "A2", None, 0.9, metric="kinh_te_so"),
           row(2022, "A3", None, 0.4, metric="kinh_te_so"),
           row(2024, "Z1", 1, unit_set="34")]
    indicators = [{"province_code": "A1", "unit_set": "63", "period": "2021", "indicator": "x",
                   "period_end": "2021-12-31", "value": 40.0, "unit": "%", "source": "syn"},
                  {"province_code": "VN", "unit_set": "national", "period": "2021",
                   "period_end": "2021-12-31", "indicator": "x", "value": 30.0, "unit": "%",
                   "source": "syn"}]
    targets = [{"province_code": "A1", "unit_set": "63", "indicator": "x", "target_value": 60.0,
                "unit": "%", "target_year": 2025, "source": "syn"},
               {"province_code": "A1", "unit_set": "63", "indicator": "x", "target_value": 60.0,
                "unit": "%", "target_year": 2025, "source": "syn2", "source_line": 2},
               {"province_code": "A1", "unit_set": "63", "indicator": "x", "target_value": 90.0,
                "unit": "%", "target_year": None, "source": "syn"},
               {"province_code": "A2", "unit_set": "63", "indicator": "dti_rank",
                "target_value": 2.0, "unit": "rank", "qualifier": "at_most", "target_year": 2030,
                "source": "syn"}]
    catalogue = [{"indicator": "x", "label_vi": "X", "label_en": "X", "unit": "%",
                  "higher_is_better": True},
                 {"indicator": "dti_rank", "label_vi": "Hạng", "label_en": "Rank",
                  "unit": "rank", "higher_is_better": False}]
    return Data.from_frames(
        provinces=frame("provinces", prov), dti=frame("dti", dti),
        indicators=frame("indicators", indicators), targets=frame("targets", targets),
        catalogue=frame("indicator_catalogue", catalogue), validation=validation)
