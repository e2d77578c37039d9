"""Bad input, third round (issue 21): catalogue values that contradict the data, files the
raw reader must read in every encoding, damaged files of the project and bad arguments —
each refused in one line (or caught by validation), never a traceback, never a silent wrong
answer. docs/bad-input.md lists these cases by test name."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from test_bad_input import one_line, snapshot

from dtanalysis.cli import main

INDICES = Path("data/raw/indices")


def _edit_csv(path: Path, change) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def catalogue(index: str, **values: str):
    def spoil(root: Path) -> None:
        _edit_csv(root / INDICES / "catalogue.csv",
                  lambda row: row.update(values) if row["index"] == index else None)
    return spoil


def root_metric(index: str, **values: str):
    def spoil(root: Path) -> None:
        _edit_csv(root / INDICES / index / "metrics.csv",
                  lambda row: row.update(values) if row["metric"] == index else None)
    return spoil


CATALOGUE_CASES = {
    "bounds inverted": (catalogue("pci", score_min="100", score_max="0"),
                        "catalogue.csv, row 3: score_min 100 is above score_max 0"),
    "bound nan": (catalogue("pci", score_min="nan"), "row 3: score_min 'nan' is not a finite"),
    "bound inf": (catalogue("pci", score_max="inf"), "row 3: score_max 'inf' is not a finite"),
    "narrower than metrics.csv": (
        catalogue("pci", score_min="74", score_max="84"),
        ("row 3: index 'pci': score_min, score_max 74–84 is narrower than pci/metrics.csv's "
         "'pci' 0–100")),
    "metric bounds inverted": (root_metric("papi", score_min="80", score_max="8"),
                               "metrics.csv, row 2: score_min 80 is above score_max 8"),
}


@pytest.mark.parametrize("case", CATALOGUE_CASES)
def test_catalogue_bounds_that_cannot_hold_are_refused_with_file_and_row(case, project_copy,
                                                                         capsys):
    spoil, expected = CATALOGUE_CASES[case]
    spoil(project_copy)
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy) == before


@pytest.mark.parametrize("spoil,check", [
    (catalogue("pci", higher_is_better="false"), "check_score_rank_order"),
    # both files agree, but PCI's published scores lie above 50
    (lambda root: (catalogue("pci", score_max="50")(root),
                   root_metric("pci", score_max="50")(root)), "check_score_in_index_bounds"),
])
def test_catalogue_values_the_data_contradicts_fail_validation(spoil, check, project_copy,
                                                               capsys):
    spoil(project_copy)
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 1
    err = capsys.readouterr().err
    assert "FAIL index_scores" in err and check in err, err[-2000:]
    assert "validation failed: data/processed/ left as it was" in err
    assert snapshot(project_copy) == before


CATALOGUE_FILES = ("catalogue.csv", "name-aliases.csv", "*/metrics.csv", "*/methods.csv",
                   "*/table-sources.csv", "*/codebook-*.csv")


def test_every_catalogue_file_is_read_in_windows_1258_as_in_utf8(tmp_path, capsys):
    # Before: catalogue.csv, metrics, methods, table-sources, codebooks and name-aliases were
    # opened as UTF-8 by hand: Windows-1258 (Vietnamese Windows' "CSV") was a traceback.
    import shutil
    import unicodedata

    from ingest.test_rawfile import cp1258

    from dtanalysis.ingest.index_catalogue import read_catalogue, read_name_aliases

    source = Path(__file__).resolve().parents[1] / INDICES
    copies = {}
    for kind in ("utf-8", "cp1258"):
        folder = tmp_path / kind / INDICES
        shutil.copytree(source, folder)
        for pattern in CATALOGUE_FILES:
            for path in folder.glob(pattern):
                text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
                # a character the code page cannot hold at all is left out of both copies
                text = "".join(c for c in text if _in_cp1258(c, cp1258))
                path.write_bytes(text.encode("utf-8") if kind == "utf-8" else cp1258(text))
        catalogue = {k: replace(v, folder=None) for k, v in read_catalogue(folder).items()}
        copies[kind] = (catalogue, read_name_aliases(folder))
    assert copies["cp1258"] == copies["utf-8"]
    papi = copies["cp1258"][0]["papi"]
    assert papi.codebook and papi.table_sources and papi.methods and papi.metrics
    assert "Chỉ số Hiệu quả Quản trị" in papi.name_vi


def _in_cp1258(char: str, encode) -> bool:
    try:
        encode(char)
    except UnicodeEncodeError:
        return False
    return True


def test_a_damaged_run_log_line_is_skipped_not_a_traceback(project_copy):
    # Before: one byte that is not UTF-8 in reports/runs.jsonl made every later run fail
    # (the index page reads the log) with a UnicodeDecodeError.
    from dtanalysis.paths import Paths
    from dtanalysis.site.index_page import write_index
    from dtanalysis.site.runlog import read_runs

    log = project_copy / "reports/runs.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b'{"command": "build", "exit_code": 0, "argv": ["build"]}\n'
                    b'{"command": "re\xff\xfeport"}\n[1, 2]\n"text"\nnot json\n'
                    b'{"command": "report", "exit_code": 1, "argv": ["report", "--all"]}\n')
    runs = read_runs(Paths.at(project_copy))
    assert [r["command"] for r in runs] == ["build", "report"]
    write_index(Paths.at(project_copy))  # the runs are on the operators' page
    operations = (project_copy / "reports/operations.html").read_text(encoding="utf-8")
    assert "report --all" in operations


@pytest.mark.parametrize("command", [["validate"], ["report", "--province", "Huế"]])
@pytest.mark.parametrize("damage", [b'{"data_version": "x", "tab', b"\xff\xfe\x00", b"[1, 2]"])
def test_a_damaged_manifest_is_one_line_saying_run_clean(command, damage, project_copy, capsys):
    (project_copy / "data/processed/manifest.json").write_bytes(damage)
    before = snapshot(project_copy)
    assert main([*command, "--root", str(project_copy)]) == 2
    err = one_line(capsys)
    assert "data/processed/" in err and "dtanalysis clean" in err, err
    def kept(files):
        return {k: v for k, v in files.items() if not k.startswith("reports/")}
    assert kept(snapshot(project_copy)) == kept(before)


def test_build_cleans_again_over_a_damaged_manifest(project_copy):
    from dtanalysis.pipeline.stages import data_is_current, run_clean

    manifest = project_copy / "data/processed/manifest.json"
    manifest.write_bytes(b"\xff not json")
    assert not data_is_current(project_copy)  # build's question: clean again
    assert run_clean(project_copy).ok
    assert data_is_current(project_copy) is False or manifest.read_bytes().startswith(b"{")


@pytest.mark.parametrize("content", [b"not json {", b"\x89PNG\r\n", b"[1, 2]",
                                     b'{"cells": "x"}'])
def test_a_notebook_that_is_not_one_is_one_line(content, project_copy, capsys):
    (project_copy / "notebooks/province_report.ipynb").write_bytes(content)
    assert main(["report", "--province", "Huế", "--root", str(project_copy)]) == 2
    assert "province_report.ipynb is not a notebook" in one_line(capsys)
    assert not (project_copy / "reports/provinces").exists()


@pytest.mark.parametrize("scheduler", ["foo", "tcp://[::1", "inproc://x", "local:²", "local:0",
                                       "local:x", "tcp://host:99999", ""])
@pytest.mark.parametrize("command", ["build", "report"])
def test_a_malformed_scheduler_is_one_line_before_any_work(scheduler, command, project_copy,
                                                           capsys):
    argv = [command, "--scheduler", scheduler, "--root", str(project_copy)]
    if command == "report":
        argv += ["--province", "Huế"]
    before = snapshot(project_copy)
    assert main(argv) == 2
    assert "--scheduler" in one_line(capsys)
    assert snapshot(project_copy) == before


def test_a_local_cluster_above_the_cores_is_clamped_saying_so(caplog):
    import logging
    import os

    from dtanalysis.runner.distributed import check_scheduler, parse_scheduler

    cores = os.cpu_count() or 1
    with caplog.at_level(logging.WARNING, logger="dtanalysis"):
        assert check_scheduler(f"local:{cores + 62}") == f"local:{cores}"
    assert f"more than the {cores} core(s): starting {cores} workers" in caplog.text
    assert parse_scheduler(f"local:{cores + 62}") == ("local", cores)
    assert check_scheduler("local:1") == "local:1" and check_scheduler(None) is None
    assert parse_scheduler("tcp://127.0.0.1:8786") == ("address", None)
    assert parse_scheduler("tcp://[::1]:8786") == ("address", None)


API_CASES = {
    "scores(year=inf)": lambda d, r: d.scores(year=float("inf"), root=r),
    "scores(year=2020.9)": lambda d, r: d.scores(year=2020.9, root=r),
    "scores(year=True)": lambda d, r: d.scores(year=True, root=r),
    "scores(year=10**20)": lambda d, r: d.scores(year=10**20, root=r),
    "scores(metric=['pci'])": lambda d, r: d.scores("pci", metric=["pci"], root=r),
    "scores(index=['pci'])": lambda d, r: d.scores(["pci"], root=r),
    "scores(province=3.5)": lambda d, r: d.scores("pci", province=3.5, root=r),
    "province(on='2025-13-45')": lambda d, r: d.province("Huế", on="2025-13-45", root=r),
    "province(on=10**20)": lambda d, r: d.province("Huế", on=10**20, root=r),
    "province(on=2020.5)": lambda d, r: d.province("Huế", on=2020.5, root=r),
    "load(root=123)": lambda d, r: d.load("dti", root=123),
    "build(lang='xx')": lambda d, r: d.build(r, lang="xx"),
    "build(scheduler='foo')": lambda d, r: d.build(r, scheduler="foo"),
    "build(cell_timeout=-1)": lambda d, r: d.build(r, cell_timeout=-1),
    "report(provinces='Huế')": lambda d, r: _report(r, provinces="Huế"),
    "report(lang='xx')": lambda d, r: _report(r, provinces=["Huế"], lang="xx"),
    "report(unit_set=64)": lambda d, r: _report(r, provinces=["Huế"], unit_set=64),
    "report(year='2023')": lambda d, r: _report(r, provinces=["Huế"], year="2023"),
}


def _report(root, **options):
    from dtanalysis.builder import report
    return report(root, **options)


@pytest.mark.parametrize("case", API_CASES)
def test_every_bad_api_argument_is_one_dtanalysis_error_before_any_work(case, project_copy):
    # Before: builtins (OverflowError, TypeError, ValueError, AttributeError), a year 2020.9
    # read as 2020 and True as 1, and build(lang="xx") ran 99 kernels that all failed.
    import dtanalysis
    from dtanalysis.errors import DtanalysisError

    before = snapshot(project_copy)
    with pytest.raises(DtanalysisError) as caught:
        API_CASES[case](dtanalysis, project_copy)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300, str(caught.value)
    assert snapshot(project_copy) == before


def test_good_api_arguments_still_work(shipped_data):
    import datetime as dt

    import dtanalysis

    assert len(dtanalysis.scores("pci", year=2020, root=shipped_data)) > 0
    assert len(dtanalysis.scores("PCI", year="2020", root=shipped_data)) > 0
    assert dtanalysis.province("Huế", on="2025-07-01").unit_set == "34"
    assert dtanalysis.province("Huế", on=2020).unit_set == "63"
    assert dtanalysis.province("Huế", on=dt.date(2020, 1, 1)).unit_set == "63"


# --------------------------------------------------------------------------- poor (issue 21)
def _pci_2020(tmp_path: Path, change) -> Path:
    """A copy of data/raw/indices with `change(row)` applied to PCI 2020's Quảng Ninh row."""
    import shutil

    folder = tmp_path / "indices"
    shutil.copytree(Path(__file__).resolve().parents[1] / INDICES, folder)
    _edit_csv(folder / "pci/pci-2020-63.csv",
              lambda row: change(row) if row["province_name_as_published"] == "Quảng Ninh"
              else None)
    return folder


def _import(folder: Path):
    from dtanalysis.domain.registry import registry
    from dtanalysis.ingest.indices import import_folder

    return import_folder(folder, registry(Path(__file__).resolve().parents[1]),
                         lambda p: p.name)


def _quang_ninh_2020(result) -> list[dict]:
    return [r for r in result.rows if r["index"] == "pci" and r["year"] == 2020
            and r["province_code"] == "22"]


@pytest.mark.parametrize("cell", ["-", "—", "N/A", "n/a", "–", ".."])
def test_a_no_value_score_cell_is_a_blank_cell_and_the_row_keeps_its_rank(cell, tmp_path):
    # Before: '-', 'N/A' or '—' quarantined the whole row, losing its valid rank.
    folder = _pci_2020(tmp_path, lambda row: row.update(score=cell, score_as_written=cell))
    result = _import(folder)
    assert not [q for q in result.quarantined if "pci-2020" in q.source_file]
    [row] = _quang_ninh_2020(result)
    assert row["rank"] == 1 and row["score"] is None
    assert f"no value in the table: score {cell!r}" in row["note"]


@pytest.mark.parametrize("cell,reason", [
    ("75.09-", "has a sign after the number"),
    ("45%", "carries the unit '%'"),
    ("٧٥٫٠٩", "digits of another script"),
    ("٧٥", "digits of another script"),
])
def test_an_ambiguous_score_cell_is_refused_with_its_column(cell, reason, tmp_path):
    # Before: '5-' was read as 5, '45%' as 45 in a score column, Arabic-Indic digits as
    # numbers.
    folder = _pci_2020(tmp_path, lambda row: row.update(score=cell, score_as_written=""))
    result = _import(folder)
    held = [q for q in result.quarantined if q.source_file == "pci-2020-63.csv"]
    assert len(held) == 1 and reason in held[0].reason and "'score'" in held[0].reason, held
    assert _quang_ninh_2020(result) == []


def test_a_unicode_minus_reads_as_a_minus(tmp_path):
    # Before: '−5' (U+2212) was quarantined while '-5' was read: one grammar for both.
    from dtanalysis.domain.numbers import parse_number

    assert parse_number("−5").value == parse_number("-5").value == -5
    assert parse_number("−0,5").value == -0.5 and parse_number("−5").as_written == "−5"
    folder = _pci_2020(tmp_path, lambda row: row.update(score="−75.09", score_as_written=""))
    [row] = _quang_ninh_2020(_import(folder))
    assert row["score"] == -75.09  # read as written; validation then refuses it (bounds)


def test_a_non_web_source_url_in_an_index_table_or_a_fact_is_quarantined(tmp_path):
    # Before: a `javascript:` source_url of an index table was accepted and exported.
    url = "javascript:window.__pwned=1"
    folder = _pci_2020(tmp_path, lambda row: row.update(source_url=url))
    result = _import(folder)
    [held] = [q for q in result.quarantined if q.source_file == "pci-2020-63.csv"]
    assert "source_url 'javascript:window.__pwned=1' is not an http(s) address" in held.reason
    assert _quang_ninh_2020(result) == []
    from dtanalysis.domain.registry import registry
    from dtanalysis.ingest.dti_facts import read_facts

    facts = tmp_path / "facts.csv"
    facts.write_text("year,unit_set,entity,gso_code_pre2025,metric,value,rank,status,"
                     f"source_url,note\n2022,63,Hải Phòng,31,dti,0.5,14,reported,{url},\n"
                     "2022,63,Hải Phòng,31,dti,0.5,14,reported,data:text/html;x,\n"
                     "2022,63,Hải Phòng,31,dti,0.5,14,reported,https://ok.example/a,\n",
                     encoding="utf-8")
    read = read_facts(facts, registry(), "facts.csv")
    provinces, quarantined = read.rows, read.quarantined
    assert [q.source_line for q in quarantined] == [2, 3]
    assert len(provinces) == 1


@pytest.mark.parametrize("name,expected", [
    ("pci-2020-63.xls", "pci-2020-63.xls: is an Excel 97-2003 (.xls) workbook"),
    ("bang-xep-hang-2022.csv", ("is in the folder of the index 'pci' but its name does not "
                               "follow pci-<year>-<63|34>")),
])
def test_a_misnamed_or_xls_file_in_an_index_folder_is_refused(name, expected, project_copy,
                                                              capsys):
    # Before: quarantined, exit 0, silent under --quiet (data/raw/dti/ refuses it: exit 2).
    (project_copy / INDICES / "pci" / name).write_bytes(
        (project_copy / INDICES / "pci/pci-2020-63.csv").read_bytes())
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 2
    err = one_line(capsys)
    assert expected in err and "rename it" in err or "save it as .xlsx" in err, err
    assert snapshot(project_copy) == before


def test_an_index_of_the_catalogue_without_a_folder_is_said_in_one_line(tmp_path, caplog):
    # Before: it passed without a word.
    import logging
    import shutil

    folder = tmp_path / "indices"
    shutil.copytree(Path(__file__).resolve().parents[1] / INDICES, folder)
    with (folder / "catalogue.csv").open("a", encoding="utf-8") as handle:
        handle.write("zzq,Chỉ số ZZQ,ZZQ index (SYNTHETIC),SYNTHETIC,,,0,10,true,test only\n")
    with caplog.at_level(logging.WARNING, logger="dtanalysis"):
        result = _import(folder)
    assert "zzq" in result.catalogue
    [line] = [r.getMessage() for r in caplog.records if "zzq" in r.getMessage()]
    assert "the index 'zzq' has no folder" in line and "\n" not in line


def _append_fact(row: str):
    def spoil(root: Path) -> None:
        with (root / "data/raw/dti_press_facts_2020_2024.csv").open("a", encoding="utf-8") as f:
            f.write(row + "\n")
    return spoil


@pytest.mark.parametrize("row,reason", [
    # Before: an OverflowError traceback (no 64-bit column holds the rank)
    ("2021,63,Lai Châu,12,dti,,999999999999999999999,reported,,", "is not a rank"),
    # Before: "error: unknown unit set '99'", without file, row or column
    ("2022,99,Hải Phòng,31,dti,0.5,14,reported,,", "unit_set '99' is not one of 63, 34"),
])
def test_a_fact_with_an_impossible_rank_or_unit_set_is_quarantined_with_its_line(
        row, reason, project_copy, capsys):
    _append_fact(row)(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    quarantine = (project_copy / "data/processed/quarantine.csv").read_text(encoding="utf-8-sig")
    [line] = [q for q in quarantine.splitlines() if reason in q]
    assert "dti_press_facts_2020_2024.csv" in line


def test_a_dti_column_mixing_decimal_styles_names_file_row_and_column(project_copy, capsys):
    # Before: "error: column mixes Vietnamese (0,5) and English (0.5) number formats", no file
    (project_copy / "data/raw/dti/dti-2023-63-mix.csv").write_text(
        'Tỉnh,Điểm,Xếp hạng\nHải Phòng,"0,5",1\nHà Nội,0.6,2\n', encoding="utf-8")
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 2
    assert ("error: data/raw/dti/dti-2023-63-mix.csv, row 3: column 'Điểm' mixes Vietnamese "
            "('0,5', row 2) and English ('0.6', row 3) decimals") in one_line(capsys)
    assert snapshot(project_copy) == before
