"""One vocabulary, used (issue "The house, local fixes", part 1): the unit sets are checked by one
function wherever one is given, and the tables' file names, the command line and the per-set
tables follow `vocab.UNIT_SETS`; a run's outcome is one of `records.OUTCOMES`, and a run record
holds only the fields `records.FIELDS` lists."""

from __future__ import annotations

import json

import pytest

from dtanalysis import records
from dtanalysis.errors import ParameterError
from dtanalysis.vocab import UNIT_SET_SIZE, UNIT_SETS, other_unit_set

UNKNOWN = "unknown unit set '99': use '63' or '34'"


def test_the_one_unit_set_check():
    from dtanalysis.domain.registry import check_unit_set

    assert [check_unit_set(s) for s in UNIT_SETS] == list(UNIT_SETS)
    assert check_unit_set(34) == "34"
    with pytest.raises(ParameterError, match=UNKNOWN):
        check_unit_set("99")
    with pytest.raises(ParameterError, match=r"^comparisons.csv, row 2: unknown unit set '6 3'"):
        check_unit_set("6 3", "comparisons.csv, row 2: ")
    assert [other_unit_set(s) for s in UNIT_SETS] == list(reversed(UNIT_SETS))


def test_every_entry_point_refuses_an_unknown_unit_set_in_the_same_words(shipped_data):
    from dtanalysis import builder, scores
    from dtanalysis.domain.group import resolve_group
    from dtanalysis.domain.registry import registry
    from dtanalysis.report import overview_context, report_context

    reg = registry(shipped_data)
    # a notebook's or the API's parameter is named first, as every parameter error names it
    for where, call in (
            ("unit_set: ", lambda: report_context("Hải Phòng", "99", root=shipped_data)),
            ("unit_set: ", lambda: overview_context("99", root=shipped_data)),
            ("unit_set: ", lambda: builder.report(shipped_data, provinces=["Hải Phòng"],
                                                  unit_set="99")),
            ("unit_set: ", lambda: builder.compare(shipped_data,
                                                   provinces=["Hải Phòng", "Quảng Ninh"],
                                                   unit_set="99")),
            ("", lambda: scores("dti", unit_set="99", root=shipped_data)),
            ("", lambda: resolve_group(["Hải Phòng", "Quảng Ninh"], "99", shipped_data)),
            ("", lambda: reg.get("31", "99")),
            ("", lambda: reg.all("99")),
            ("", lambda: reg.resolve("Hải Phòng", unit_set="99"))):
        with pytest.raises(ParameterError) as caught:
            call()
        assert str(caught.value) == where + UNKNOWN
    # a set given as a number is the set (as `scores` always took it)
    assert [u.code for u in reg.all(34)] == [u.code for u in reg.all("34")]
    assert len(reg.all("34")) == UNIT_SET_SIZE["34"]


def test_the_command_line_and_the_per_set_tables_follow_the_vocabulary():
    from dtanalysis.cli import build_parser
    from dtanalysis.ingest import dti_tables, index_tables
    from dtanalysis.ingest.geo import GEO_FILES
    from dtanalysis.paths import REPORT_FOLDERS

    commands = next(a for a in build_parser()._actions if a.dest == "command")
    sets = {name: next((a.choices for a in sub._actions if a.dest == "unit_set"), None)
            for name, sub in commands.choices.items()}
    assert {name for name, choices in sets.items() if choices} == {
        "report", "compare", "provinces", "scores"}
    assert all(tuple(choices) == UNIT_SETS for choices in sets.values() if choices)
    for unit_set in UNIT_SETS:
        assert dti_tables.FILE_NAME.match(f"dti-2024-{unit_set}.csv")["unit_set"] == unit_set
        found = index_tables.FILE_NAME.match(f"pci-2024-{unit_set}-top30.xlsx")
        assert (found["index"], found["unit_set"], found["label"]) == ("pci", unit_set, "top30")
    for other in ("62", "6", "634", "63|34"):
        assert not dti_tables.FILE_NAME.match(f"dti-2024-{other}.csv")
        assert not index_tables.FILE_NAME.match(f"pci-2024-{other}.csv")
    assert "dti-<year>-<63|34>[-label]" in dti_tables.NAMING
    for per_set in (UNIT_SET_SIZE, REPORT_FOLDERS, GEO_FILES):
        assert tuple(per_set) == UNIT_SETS


def test_run_outcomes_and_record_fields(tmp_path):
    assert records.OUTCOMES == (records.OK, records.SKIPPED, records.FAILED)
    assert len(set(records.OUTCOMES)) == 3 and not hasattr(records, "STATUSES")
    assert records.RECORD_STATUSES == (records.OK, records.FAILED)
    path = tmp_path / "x.json"
    good = {"kind": "province", "label": "Hải Phòng", "status": records.OK, "html": "x.html"}
    records.write_record(path, good)
    assert records.read_record(path) == good
    for bad, words in (({**good, "colour": "red"}, "no field 'colour'"),
                       ({**good, "status": records.SKIPPED}, "not 'skipped'")):
        with pytest.raises(ValueError, match=words):
            records.write_record(path, bad)
        assert json.loads(path.read_text(encoding="utf-8")) == good  # the old one kept
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]  # no temporary left


def test_the_run_log_and_the_summary_count_every_outcome(tmp_path):
    from types import SimpleNamespace

    from dtanalysis.paths import Paths
    from dtanalysis.site.runlog import run_entry

    job = SimpleNamespace(label="Hải Phòng", unit_set="63")
    outcomes = [SimpleNamespace(job=job, status=s, error="x" if s == records.FAILED else None)
                for s in (records.OK, records.OK, records.SKIPPED, records.FAILED)]
    entry = run_entry("report", [], "s", "e", 1.0, 1, Paths.at(tmp_path),
                      SimpleNamespace(outcomes=outcomes))
    assert entry["counts"] == {"total": 4, "ok": 2, "skipped": 1, "failed": 1}
    assert list(entry["counts"])[1:] == list(records.OUTCOMES)
    assert entry["rebuilt"] == ["Hải Phòng", "Hải Phòng"]
    assert entry["failures"] == [{"label": "Hải Phòng", "unit_set": "63", "error": "x"}]
