"""Bad input through the real command line (`dtanalysis.cli.main`) on copies of the project:
each case is refused with one line (`error: …`, file and row where there is one), exit 2,
`data/processed/` byte-for-byte untouched and nothing written outside `reports/`.
docs/bad-input.md lists these cases by test name."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pytest

from dtanalysis.builder import check_jobs
from dtanalysis.cli import main
from dtanalysis.errors import ParameterError
from dtanalysis.paths import REGISTRY_FILE


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the project (but the GX context's own and the project lock's, which
    every command holds), with its content's hash."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and "gx" not in p.parts and p.name != ".dtanalysis.lock"}


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err, err
    assert len(err) < 400, err
    return err


def _registry_lines(root: Path) -> list[str]:
    return (root / "data/raw" / REGISTRY_FILE).read_text(encoding="utf-8").splitlines()


def duplicate_code(root: Path) -> None:
    lines = _registry_lines(root)
    lines[2] = "31," + lines[2].split(",", 1)[1]  # Hà Giang's row now claims Hải Phòng's code
    (root / "data/raw" / REGISTRY_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_only(root: Path) -> None:
    (root / "data/raw" / REGISTRY_FILE).write_text(_registry_lines(root)[0] + "\n", "utf-8")


def table(name: str, data: bytes):
    def write(root: Path) -> None:
        (root / "data/raw/dti" / name).write_bytes(data)
    return write


def folder(root: Path) -> None:
    (root / "data/raw/dti/dti-2023-63.csv").mkdir()


def link_outside(root: Path) -> None:
    outside = root.parent / "outside.csv"
    outside.write_text("Tỉnh,Xếp hạng\nHải Phòng,1\n", encoding="utf-8")
    (root / "data/raw/dti/dti-2023-63.csv").symlink_to(outside)


def undecodable_article_file(root: Path) -> None:
    path = root / "data/raw/targets.csv"
    path.write_bytes(path.read_bytes() + b"H\xb5 N\xe9i,x,1,%,2025,,,s,q\n")


def catalogue_bound(root: Path) -> None:
    path = root / "data/raw/indicator_catalogue.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[5] = "một"  # min_value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def catalogue_without_dti(root: Path) -> None:
    path = root / "data/raw/indices/catalogue.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("dti,")),
                    encoding="utf-8")


def declared(index: str, line: str):
    """A publications declaration the tables contradict, added to `<index>/publications.csv`."""
    def write(root: Path) -> None:
        path = root / "data/raw/indices" / index / "publications.csv"
        text = (path.read_text(encoding="utf-8") if path.exists()
                else "year,unit_set,units_published,also_published,source,note\n")
        path.write_text(text + line + "\n", encoding="utf-8")
    return write


def pci_2020_top_30(root: Path) -> None:
    path = root / "data/raw/indices/pci/publications.csv"
    text = path.read_text(encoding="utf-8").replace("2020,63,all,", "2020,63,top 30,")
    path.write_text(text, encoding="utf-8")


CASES = {
    # PCI 2020 is a complete table of 63 ranks: a unit is ranked 45th in a "top 30" year
    "publications: top 30 contradicted by a rank": (
        pci_2020_top_30, ("pci/publications.csv, row 2: declares only the top 30 published "
                          "in 2020, but data/raw/indices/pci/pci-2020-63.csv row")),
    # PAPI 2020's panel has a (secondary) value for Hà Nội
    "publications: an excluded unit with a value": (
        declared("papi", "2020,63,all but Hà Nội,,https://papi.org.vn,test"),
        "papi/publications.csv, row 3: declares 01 excluded in 2020"),
    "publications: an unknown unit": (
        declared("papi", "2021,63,all but Atlantis,,https://papi.org.vn,test"),
        "papi/publications.csv, row 3: 'Atlantis' is not a unit of the 63-unit set"),

    "catalogue bound not a number": (catalogue_bound, "row 2: min_value 'một' is not a number"),
    # the dti table is the DTI rows of index_scores: without the catalogue's row it would be
    # empty and every report's DTI sections blank
    "index catalogue without dti": (catalogue_without_dti,
                                    "catalogue.csv: does not list the index 'dti'"),
    "registry repeats a GSO code": (duplicate_code,
                                    f"{REGISTRY_FILE}, row 21: repeats the GSO code 31"),
    "registry cut to its header": (header_only, "lists no provinces"),
    "PNG named .csv": (table("dti-2023-63.csv", b"\x89PNG\r\n\x1a\n" + bytes(100)),
                       "dti-2023-63.csv: is a PNG image"),
    "legacy .xls": (table("dti-2023-63.xls", b"\xd0\xcf\x11\xe0" + bytes(100)),
                    "dti-2023-63.xls: is an Excel 97-2003"),
    "Windows-1252 with a TCVN3 letter": (undecodable_article_file, "targets.csv, row"),
    "unknown unit set": (table("dti-2023-62.csv", b"Province,Rank\nHue,1\n"),
                         "dti-2023-62.csv: is in the DTI tables' folder"),
    "unknown year": (table("dti-1999-63.csv", b"Province,Rank\nHue,1\n"), "year 1999"),
    "header only": (table("dti-2023-63.csv", b"Province,Rank\n"), "no rows under it"),
    "a folder named like a table": (folder, "dti-2023-63.csv: is a folder"),
    "a link out of the project": (link_outside, "outside the project"),
    "no table in the file": (table("dti-2023-63.csv", b"a,b\n1,2\n"), "no header row found"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_raw_input_is_refused_and_leaves_processed_untouched(case, project_copy, capsys):
    spoil, expected = CASES[case]
    spoil(project_copy)
    before = snapshot(project_copy)
    assert main(["clean", "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy) == before


@pytest.mark.parametrize("argv,expected", [
    (["--jobs", "0"], "--jobs must be a whole number of 1 or more, not 0"),
    (["--jobs", "-4"], "not -4"),
    (["--province", ""], "the province name is empty"),
    (["--province", "x" * 10_000], "(10,000 characters)"),
    (["--province", "../../../etc/passwd"], "unknown province '../../../etc/passwd'"),
])
def test_bad_report_options_are_one_line_and_write_nothing(argv, expected, project_copy,
                                                           capsys):
    if "--province" not in argv:
        argv = [*argv, "--province", "Hải Phòng"]
    before = snapshot(project_copy)
    assert main(["report", *argv, "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy) == before


def test_jobs_far_above_the_cores_are_clamped(caplog):
    cores = os.cpu_count() or 1
    with caplog.at_level(logging.WARNING, logger="dtanalysis"):
        assert check_jobs(10_000) == cores
    assert f"more than the {cores} core(s)" in caplog.text
    assert check_jobs(None) is None and check_jobs(1) == 1
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(ParameterError):
            check_jobs(bad)


def test_a_facts_row_with_a_bad_year_or_a_huge_number_is_quarantined(tmp_path):
    from dtanalysis.domain.registry import registry
    from dtanalysis.ingest.dti_facts import read_facts

    path = tmp_path / "facts.csv"
    path.write_text("year,unit_set,entity,gso_code_pre2025,metric,value,rank,status,source_url,"
                    "note\n2O22,63,Hải Phòng,31,dti,0.5,1,reported,,\n"
                    f"2022,63,Hải Phòng,31,dti,0.5,{'9' * 400},reported,,\n"
                    "2022,63,Hải Phòng,31,dti,0.5,14,reported,,\n", encoding="utf-8")
    read = read_facts(path, registry(), "facts.csv")
    provinces, quarantined = read.rows, read.quarantined
    assert [r["rank"] for r in provinces] == [14]
    assert [q.source_line for q in quarantined] == [2, 3]
    assert "'2O22' is not a year" in quarantined[0].reason
    assert "too large" in quarantined[1].reason
