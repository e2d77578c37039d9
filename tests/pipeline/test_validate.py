"""Validation stage: real Great Expectations 1.x on SYNTHETIC tables (tests/synthetic.py).

Valid tables pass; breaking one thing of each kind of rule gives exactly the failures expected,
and the report names the table, the column, the rule in plain words and the offending row with
its values and its source_file / source_line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import synthetic

from dtanalysis.pipeline.validate import VIEW_CHECKS, SuiteError, validate

ROOT = Path(__file__).resolve().parents[2]
EXPECTATIONS = ROOT / "expectations"
TABLES = ("provinces", "dti", "dti_aggregates", "indicators", "targets", "sources",
          "indicator_catalogue")


def suite(table: str) -> dict:
    return json.loads((EXPECTATIONS / f"{table}.json").read_text(encoding="utf-8"))


def description(table: str, kind: str, column: str) -> str:
    """meta.description of the suite entry of this type on this column."""
    for entry in suite(table)["expectations"]:
        kwargs = entry["kwargs"]
        named = (kwargs.get("column") or ", ".join(kwargs.get("column_list") or ())
                 or ", ".join(kwargs[k] for k in ("column_A", "column_B") if k in kwargs))
        if entry["type"] == kind and (named == column or column in kwargs.get("column_set", ())):
            return entry["meta"]["description"]
    raise AssertionError(f"no {kind} on {table}.{column} in the suite")


def subset(table: str, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The table and the tables its cross-table checks read (fewer expectations to run)."""
    needed = {table} | {t for check in VIEW_CHECKS[table] for t in check.needs}
    return {name: tables[name] for name in TABLES if name in needed}


# --------------------------------------------------------------------------- valid data


@pytest.fixture(scope="module")
def valid_run(tmp_path_factory):
    docs = tmp_path_factory.mktemp("reports") / "data_docs"
    tables = synthetic.tables()
    before = {name: t.copy() for name, t in tables.items()}
    return validate(tables, EXPECTATIONS, docs), tables, before, docs


def test_synthetic_tables_pass(valid_run):
    report, *_ = valid_run
    assert report.success, report.format()
    assert report.failures == []
    assert set(report.statistics) == set(TABLES)
    for name, stats in report.statistics.items():
        assert stats.evaluated == len(suite(name)["expectations"]) > 0
        assert stats.successful == stats.evaluated
    assert report.format().startswith("validation passed")


def test_processed_tables_are_not_changed(valid_run):
    _, tables, before, _ = valid_run
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, before[name])
        assert not any(c.startswith("check_") for c in table.columns)


def test_data_docs_site_is_written(valid_run):
    report, _, _, docs = valid_run
    assert (docs / "index.html").is_file()
    assert report.data_docs == docs / "index.html"
    pages = list((docs / "validations").rglob("*.html"))
    assert {p.parent.parent.parent.name for p in pages} == set(TABLES)
    dti_page = next(p for p in pages if p.parent.parent.parent.name == "dti")
    assert description("dti", "expect_column_values_to_be_between", "score") in \
        dti_page.read_text(encoding="utf-8")


def test_summary_is_json_serialisable(valid_run):
    report, *_ = valid_run
    summary = json.loads(json.dumps(report.to_dict()))
    assert summary["success"] is True
    assert summary["tables"]["dti"]["evaluated"] == summary["tables"]["dti"]["successful"]
    assert summary["failures"] == []


# --------------------------------------------------------------------------- one break each


def _set(table, column, row, value):
    def mutate(tables):
        tables[table].loc[row, column] = value
        return row
    return mutate


def _drop(table, column):
    def mutate(tables):
        tables[table] = tables[table].drop(columns=[column])
    return mutate


def _retype(table, column, dtype):
    def mutate(tables):
        tables[table][column] = tables[table][column].astype(dtype)
    return mutate


def _duplicate(table, row):
    def mutate(tables):
        copy = tables[table].iloc[[row]].assign(source_line=99)
        tables[table] = pd.concat([tables[table], copy], ignore_index=True)
        return len(tables[table]) - 1
    return mutate


def _swap_ranks(a, b):
    def mutate(tables):
        dti = tables["dti"]
        dti.loc[a, "rank"], dti.loc[b, "rank"] = dti.loc[b, "rank"], dti.loc[a, "rank"]
        return a
    return mutate


BETWEEN, IN_SET = "expect_column_values_to_be_between", "expect_column_values_to_be_in_set"
# dti rows (synthetic.dti): 0-3 = 2022 dti (01, 22, 31, 30); 12-15 = 2023 dti; 24-26 = 2025
# 34-set dti (01, 31, 22); every other table in the order synthetic.py builds it.
BREAKS = [
    # id, table, mutate, [(column, expectation type)] expected to fail, text shown for the row
    ("schema", "dti", _drop("dti", "note"),
     [("note", "expect_table_columns_to_match_set")], []),
    ("type", "dti", _retype("dti", "year", "float64"),
     [("year", "expect_column_values_to_be_of_type")], ["float64"]),
    ("key-not-null", "indicators", _set("indicators", "indicator", 1, pd.NA),
     [("indicator", "expect_column_values_to_not_be_null")], ["indicator=<null>"]),
    ("code-in-registry", "dti", _set("dti", "province_code", 5, "99"),
     [("check_code_in_registry", IN_SET)], ["province_code=99", "unit_set=63"]),
    ("year-range", "dti", _set("dti", "year", 7, 2019),
     [("year", BETWEEN)], ["year=2019"]),
    ("score-range", "dti", _set("dti", "score", 0, 1.2),
     [("score", BETWEEN)], ["score=1.2"]),
    ("rank-within-set", "dti", _set("dti", "rank", 26, 40),
     [("check_rank_within_set", IN_SET)], ["unit_set=34", "rank=40"]),
    ("value-in-catalogue-bounds", "indicators", _set("indicators", "value", 0, 150.0),
     [("check_value_in_catalogue_bounds", IN_SET)],
     ["indicator=online_services_share", "value=150.0"]),
    ("target-in-catalogue-bounds", "targets", _set("targets", "target_value", 0, 120.0),
     [("check_value_in_catalogue_bounds", IN_SET)], ["target_value=120.0"]),
    ("indicator-in-catalogue", "indicators", _set("indicators", "indicator", 2, "made_up"),
     [("check_indicator_in_catalogue", IN_SET), ("check_value_in_catalogue_bounds", IN_SET)],
     ["indicator=made_up"]),
    ("unique-key", "dti", _duplicate("dti", 3),
     [("year, unit_set, province_code, metric", "expect_compound_columns_to_be_unique")],
     ["province_code=30", "metric=dti"]),
    ("status-vocabulary", "dti", _set("dti", "status", 2, "rumour"),
     [("status", IN_SET)], ["status=rumour"]),
    ("metric-vocabulary", "dti", _set("dti", "metric", 4, "dti_total"),
     [("metric", IN_SET)], ["metric=dti_total"]),
    ("conflict", "dti", _set("dti", "conflict", 6, "score: 0.66 (official) vs 0.61 (official)"),
     [("conflict", "expect_column_values_to_be_null")], ["0.66 (official) vs 0.61"]),
    ("score-rank-order", "dti", _swap_ranks(12, 13),
     [("check_score_rank_order", IN_SET)], ["year=2023", "score=0.72", "rank=4"]),
    ("source-in-sources", "dti_aggregates", _set("dti_aggregates", "source", 0, "nowhere-1"),
     [("check_source_in_sources", IN_SET)], ["source=nowhere-1"]),
    ("successor-in-registry", "provinces", _set("provinces", "successor_code", 2, "99"),
     [("check_successor_in_registry", IN_SET)], ["successor_code=99"]),
    ("catalogue-min-max", "indicator_catalogue",
     _set("indicator_catalogue", "min_value", 3, 70.0),
     [("max_value, min_value", "expect_column_pair_values_a_to_be_greater_than_b")],
     ["min_value=70.0", "max_value=63.0"]),
]


@pytest.mark.parametrize("case", BREAKS, ids=[b[0] for b in BREAKS])
def test_each_broken_rule_is_reported_with_its_rows(case):
    _, table, mutate, expected, shown = case
    tables = synthetic.tables()
    row = mutate(tables)
    report = validate(subset(table, tables), EXPECTATIONS)

    assert not report.success
    assert {(f.table, f.column, f.expectation) for f in report.failures} == \
        {(table, column, kind) for column, kind in expected}
    assert report.statistics[table].failed == len(expected)

    column, kind = expected[0]
    failure = next(f for f in report.failures if (f.column, f.expectation) == (column, kind))
    text = report.format()
    plain = description(table, kind, column)
    assert failure.description == plain
    assert f"FAIL {table}.{column}" in text and plain in text
    for value in shown:
        assert value in failure.format(), failure.format()
    if row is not None:  # a row-level rule: the offending row, its values and provenance
        source_file = tables[table]["source_file"].iat[row] if "source_file" in tables[table] \
            else None
        source_line = tables[table]["source_line"].iat[row] if "source_line" in tables[table] \
            else None
        offending = [r for r in failure.rows if r["row"] == row]
        assert offending, failure.rows
        assert offending[0]["source_file"] == (None if source_file is None else str(source_file))
        assert offending[0]["source_line"] == (None if source_line is None else int(source_line))
        if source_file is not None:
            assert f"source_file={source_file} source_line={source_line}" in text
        assert failure.unexpected_count >= 1
    summary = json.loads(json.dumps(report.to_dict()))
    assert summary["success"] is False
    assert {(f["table"], f["column"]) for f in summary["failures"]} == \
        {(table, c) for c, _ in expected}


def test_score_rank_order_flags_both_rows_of_the_pair():
    tables = synthetic.tables()
    _swap_ranks(12, 13)(tables)
    report = validate(subset("dti", tables), EXPECTATIONS)
    (failure,) = report.failures
    assert sorted(r["row"] for r in failure.rows) == [12, 13]
    assert failure.checked == ["year", "unit_set", "metric", "score", "rank"]


def test_ties_in_a_ranking_table_are_allowed():
    tables = synthetic.tables()
    dti = tables["dti"]
    dti.loc[13, "score"] = dti.loc[12, "score"]  # equal scores, different ranks
    dti.loc[14, "rank"] = dti.loc[13, "rank"]  # equal ranks, different scores
    assert validate(subset("dti", tables), EXPECTATIONS).success


def test_national_benchmark_code_only_with_national_unit_set():
    tables = synthetic.tables()
    tables["indicators"].loc[3, "unit_set"] = "63"  # VN is not a province of the 63 set
    report = validate(subset("indicators", tables), EXPECTATIONS)
    assert [(f.column, [r["row"] for r in f.rows]) for f in report.failures] == \
        [("check_code_in_registry", [3])]


def test_missing_column_is_reported_not_raised():
    tables = synthetic.tables()
    tables["dti"] = tables["dti"].drop(columns=["rank"])
    report = validate(subset("dti", tables), EXPECTATIONS)
    assert not report.success
    failures = {(f.column, f.expectation): f for f in report.failures}
    assert ("rank", "expect_table_columns_to_match_set") in failures
    errors = [f for f in report.failures if f.error]
    assert errors and all(f.table == "dti" for f in errors)
    assert "rank" in report.format()


def test_at_most_ten_offending_rows_are_shown():
    tables = synthetic.tables()
    tables["dti"]["status"] = "rumour"
    report = validate(subset("dti", tables), EXPECTATIONS)
    (failure,) = [f for f in report.failures if f.column == "status"]
    assert failure.unexpected_count == len(tables["dti"]) > 10
    assert len(failure.rows) == 10
    assert f"and {len(tables['dti']) - 10} more rows" in failure.format()


# --------------------------------------------------------------------------- suite files


@pytest.fixture
def suites_copy(tmp_path):
    folder = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS, folder)
    return folder


def _append(folder: Path, table: str, entry: dict) -> None:
    path = folder / f"{table}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["expectations"].append(entry)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_unknown_expectation_type_is_an_error(suites_copy):
    _append(suites_copy, "dti", {"type": "expect_column_values_to_be_purple",
                                 "kwargs": {"column": "score"},
                                 "meta": {"description": "Every score is purple."}})
    with pytest.raises(SuiteError) as raised:
        validate(subset("dti", synthetic.tables()), suites_copy)
    message = str(raised.value)
    assert str(suites_copy / "dti.json") in message
    assert "expect_column_values_to_be_purple(score)" in message
    n = len(suite("dti")["expectations"])
    assert f"loaded {n} of {n + 1}" in message


def test_invalid_kwargs_are_an_error(suites_copy):
    _append(suites_copy, "sources", {"type": "expect_column_values_to_be_between",
                                     "kwargs": {"min_value": 1},
                                     "meta": {"description": "No column named."}})
    with pytest.raises(SuiteError, match=r"sources\.json.*expect_column_values_to_be_between"):
        validate({"sources": synthetic.sources()}, suites_copy)


def test_expectation_without_description_is_an_error(suites_copy):
    _append(suites_copy, "sources", {"type": "expect_column_values_to_not_be_null",
                                     "kwargs": {"column": "publisher"}})
    with pytest.raises(SuiteError, match=r"sources\.json.*without meta\.description"):
        validate({"sources": synthetic.sources()}, suites_copy)


def test_table_without_suite_file_is_an_error(tmp_path):
    with pytest.raises(SuiteError, match="no suite file"):
        validate({"sources": synthetic.sources()}, tmp_path)


def test_cross_table_checks_need_their_tables():
    with pytest.raises(ValueError, match="needs the 'provinces' table"):
        validate({"dti": synthetic.dti(), "sources": synthetic.sources()}, EXPECTATIONS)


@pytest.mark.parametrize("table", TABLES)
def test_suite_files_describe_every_expectation(table):
    data = suite(table)
    assert data["name"] == table
    assert data["expectations"]
    for entry in data["expectations"]:
        assert set(entry) >= {"type", "kwargs", "meta"}
        text = entry["meta"]["description"]
        assert text.strip() and text.rstrip().endswith("."), entry
    checks = {c.column for c in VIEW_CHECKS[table]}
    expected = {e["kwargs"].get("column") for e in data["expectations"]
                if e["kwargs"].get("value_set") == [True]}
    assert checks == expected, "every view check column is expected to be True, and only those"


@pytest.mark.parametrize("table", TABLES)
def test_suite_columns_match_the_cleaning_schema(table):
    """The documented columns (suite) = the columns clean.py writes = the synthetic ones."""
    from dtanalysis.domain.schema import SCHEMAS

    (columns,) = [e["kwargs"]["column_set"] for e in suite(table)["expectations"]
                  if e["type"] == "expect_table_columns_to_match_set"]
    assert set(columns) == set(SCHEMAS[table])
    assert synthetic.DTYPES[table] == SCHEMAS[table]


def test_importing_validate_does_not_import_great_expectations():
    code = "import sys, dtanalysis.pipeline.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
