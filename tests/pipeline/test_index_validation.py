"""The index tables through clean and Great Expectations: the shipped data passes, and each rule
of `expectations/index_*.json` fails on a table broken in one way (real GX, real tables from the
session's cleaned copy of the project; the breaks are made here, in memory)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dtanalysis.pipeline import store
from dtanalysis.pipeline.validate import VIEW_CHECKS, validate
from dtanalysis.vocab import TABLE_KEYS

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS = ROOT / "expectations"
INDEX_TABLES = ("index_catalogue", "index_metrics", "index_methods", "index_scores")


@pytest.fixture(scope="module")
def tables(cleaned_project) -> dict[str, pd.DataFrame]:
    names = (*INDEX_TABLES, "provinces", "sources")
    return {name: store.load(name, cleaned_project) for name in names}


def test_index_tables_are_built_and_keep_the_dti_table(cleaned_project, tables):
    scores = tables["index_scores"]
    assert set(scores["index"]) == {"dti", "pci", "papi"}
    assert not scores.duplicated(list(TABLE_KEYS["index_scores"])).any()
    pci = scores[(scores["index"] == "pci") & (scores["year"] == 2020)
                 & (scores["metric"] == "pci")]
    assert len(pci) == 63 and (pci["status"] == "official").all()
    papi = scores[(scores["index"] == "papi") & (scores["metric"] == "papi")]
    assert set(papi["status"]) == {"derived"}
    # The press facts join the DTI rows: Bắc Ninh 2020 (rank 3) from both, collapsed to one.
    bac_ninh = scores[(scores["index"] == "dti") & (scores["year"] == 2020)
                      & (scores["province_code"] == "27") & (scores["metric"] == "dti")]
    assert len(bac_ninh) == 1 and int(bac_ninh["rank"].iat[0]) == 3
    # `dti` is the DTI rows of index_scores (one DTI for every section): the complete 2022
    # ranking and the partial years' tables, a secondary copy keeping its status.
    # Before: `dti` was built apart from data/raw/dti/ and the press facts only, and the
    # report's sections 1-8 showed Quảng Ninh's 2020 e-government score as a derived 0.5293
    # while its national-indices section showed the publisher's 0.4513 (§).
    dti = store.load("dti", cleaned_project)
    as_index = scores[scores["index"] == "dti"].drop(columns="index").reset_index(drop=True)
    pd.testing.assert_frame_equal(dti.reset_index(drop=True), as_index[list(dti.columns)])
    assert "published_secondary" in set(dti["status"])
    assert (dti[(dti.year == 2022) & (dti.metric == "dti")]["rank"].notna().sum()) == 63
    qn = dti[(dti.year == 2020) & (dti.province_code == "22") & (dti.metric == "chinh_quyen_so")]
    assert (float(qn["score"].iat[0]), qn["status"].iat[0]) == (0.4513, "published_secondary")
    catalogue = tables["index_catalogue"]
    assert list(catalogue["index"]) == ["dti", "papi", "pci"]
    metrics = tables["index_metrics"]
    assert metrics.loc[metrics["index"] == "papi", "metric"].str.startswith("sc").sum() == 29
    validation = json.loads((cleaned_project / "data" / "processed" / "validation.json")
                            .read_text(encoding="utf-8"))
    assert validation["success"] is True
    assert {"index_scores", "index_metrics"} <= set(validation["tables"])


def _small(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """PCI 2020 and PAPI 2022 only (fewer rows to validate), the other tables whole."""
    scores = tables["index_scores"]
    keep = ((scores["index"] == "pci") & (scores["year"] == 2020)) | \
        ((scores["index"] == "papi") & (scores["year"] == 2022))
    return {**{k: v.copy() for k, v in tables.items()},
            "index_scores": scores[keep].reset_index(drop=True)}


def _row(scores: pd.DataFrame, index: str, code: str, metric: str) -> int:
    hit = scores.index[(scores["index"] == index) & (scores["province_code"] == code)
                       & (scores["metric"] == metric)]
    return int(hit[0])


def _bounds(t):
    s = t["index_scores"]
    last = int(s.loc[(s["index"] == "pci") & (s["metric"] == "pci"), "rank"].idxmax())
    s.loc[last, "score"] = -0.5  # the last-ranked province: the order still holds
    return last


def _rank(t):
    s = t["index_scores"]
    s.loc[_row(s, "pci", "31", "pci"), "rank"] = 64
    return _row(s, "pci", "31", "pci")


def _order(t):
    s = t["index_scores"]
    first, second = _row(s, "pci", "22", "pci"), _row(s, "pci", "87", "pci")  # ranks 1 and 2
    s.loc[first, "rank"], s.loc[second, "rank"] = 2, 1
    return first


def _metric(t):
    s = t["index_scores"]
    s.loc[_row(s, "papi", "01", "e_governance"), "metric"] = "e_government"
    return _row(s, "papi", "01", "e_government")


def _status(t):
    s = t["index_scores"]
    s.loc[_row(s, "pci", "01", "pci"), "status"] = "rumoured"
    return _row(s, "pci", "01", "pci")


def _duplicate(t):
    s = t["index_scores"]
    t["index_scores"] = pd.concat([s, s.iloc[[0]]], ignore_index=True)


def _empty(t):
    t["index_scores"] = t["index_scores"].iloc[0:0]


IN_SET = "expect_column_values_to_be_in_set"
BREAKS = [
    ("score above the bounds", _bounds, {("check_score_in_index_bounds", IN_SET)}),
    ("rank beyond the set", _rank, {("check_rank_within_set", IN_SET),
                                    ("check_score_rank_order", IN_SET)}),
    ("higher score, worse rank", _order, {("check_score_rank_order", IN_SET)}),
    ("metric not in metrics.csv", _metric, {("check_metric_in_index", IN_SET)}),
    ("status not in vocab", _status, {("status", IN_SET)}),
    ("duplicate key", _duplicate, {("index, year, unit_set, province_code, metric",
                                    "expect_compound_columns_to_be_unique")}),
    ("empty table", _empty, {(None, "expect_table_row_count_to_be_between")}),
]


@pytest.mark.parametrize("case", BREAKS, ids=[b[0] for b in BREAKS])
def test_each_broken_index_rule_fails(tables, case):
    _, mutate, expected = case
    broken = _small(tables)
    row = mutate(broken)
    names = ("index_scores", "index_metrics", "index_catalogue", "provinces", "sources")
    report = validate({n: broken[n] for n in names}, EXPECTATIONS)
    assert not report.success
    assert {(f.table, f.column, f.expectation) for f in report.failures} == \
        {("index_scores", column, kind) for column, kind in expected}, report.format()
    if row is not None:  # the offending row is named, with its provenance
        assert any(r["row"] == row for f in report.failures for r in f.rows), report.format()
        assert "source_file=data/raw/indices/" in report.format()


def test_the_shipped_index_tables_pass_alone(tables):
    assert validate(_small(tables), EXPECTATIONS).success


@pytest.mark.parametrize("table", INDEX_TABLES)
def test_index_suites_expect_every_view_check(table):
    data = json.loads((EXPECTATIONS / f"{table}.json").read_text(encoding="utf-8"))
    checks = {c.column for c in VIEW_CHECKS[table]}
    expected = {e["kwargs"].get("column") for e in data["expectations"]
                if e["kwargs"].get("value_set") == [True]}
    assert checks == expected
    assert all(e["meta"]["description"].endswith(".") for e in data["expectations"])
