"""The command line: expected errors are one line on stderr and exit 2 (no traceback), a
closed pipe is not an error, and a command outside a project says how to name one."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dtanalysis.cli import main
from dtanalysis.errors import InputError
from dtanalysis.paths import REGISTRY_FILE

ROOT = Path(__file__).resolve().parents[1]
DTANALYSIS = str(Path(sys.executable).parent / "dtanalysis")


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("command", [["build"], ["clean"], ["report", "--all"], ["provinces"]])
def test_outside_a_project_says_use_root(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DTANALYSIS_ROOT", raising=False)
    assert main(command) == 2
    assert "--root" in _one_line_error(capsys)
    assert not (tmp_path / "data").exists() and not (tmp_path / "reports").exists()


def test_unknown_province_is_one_line_with_suggestions(capsys):
    assert main(["report", "--province", "Hai Phng", "--root", str(ROOT)]) == 2
    assert "Hải Phòng" in _one_line_error(capsys)


def test_a_missing_raw_file_names_it(tmp_path, capsys):
    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    shutil.copytree(ROOT / "expectations", tmp_path / "expectations")
    (tmp_path / "data" / "raw" / REGISTRY_FILE).unlink()
    assert main(["clean", "--root", str(tmp_path)]) == 2
    assert REGISTRY_FILE in _one_line_error(capsys)


def test_the_clean_stage_raises_input_error_for_a_missing_file(tmp_path):
    from dtanalysis.ingest.clean import clean

    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    (tmp_path / "data" / "raw" / "targets.csv").unlink()
    with pytest.raises(InputError, match="targets.csv"):
        clean(tmp_path)


def test_a_closed_pipe_is_quiet():
    result = subprocess.run(f"{DTANALYSIS} provinces --root {ROOT} | head -1", shell=True,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_year_and_peers_are_checked_before_any_kernel(shipped_data, capsys):
    assert main(["report", "--province", "Hải Phòng", "--year", "1999",
                 "--root", str(ROOT)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: no DTI data for year 1999 in the 63-unit set; years with "
                          "data: 2020") and "\n" not in err
    assert main(["report", "--province", "Hải Phòng", "--peers", "Xyzzz",
                 "--root", str(ROOT)]) == 2
    assert "unknown province 'Xyzzz'" in capsys.readouterr().err


def test_year_and_peers_become_notebook_parameters(shipped_data):
    from dtanalysis.paths import Paths
    from dtanalysis.runner.jobs import check_peers, check_year, province_job

    paths = Paths.at(ROOT)
    extra = {"year": check_year(paths, "63", 2022),
             "peers": check_peers(paths, "63", ["hai duong", "TP.HCM"])}
    job = province_job(paths, "Hải Phòng", "63", "vi", extra)
    assert job.parameters["year"] == 2022
    assert job.parameters["peers"] == ["Hải Dương", "Hồ Chí Minh"]


def test_scores_of_one_index_as_csv(shipped_data, capsys):
    # `--index`: the values of one national index, any spelling of the province, with sources
    import io

    import pandas as pd

    from dtanalysis import load

    assert main(["indices", "--root", str(shipped_data)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == ["dti", "papi", "pci"]
    assert main(["scores", "--index", "pci", "--province", "hai phong", "--metric", "pci",
                 "--root", str(shipped_data)]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"province_code": str})
    every = load("index_scores", shipped_data)
    expected = every[(every["index"] == "pci") & (every["metric"] == "pci")
                     & (every["province_code"] == "31")]
    assert sorted(got["year"]) == sorted(expected["year"]) == list(range(2006, 2025))
    assert set(got["province"]) == {"Hải Phòng"}
    assert dict(zip(got["year"], got["rank"])) == dict(zip(expected["year"], expected["rank"]))
    assert got["source_file"].str.startswith("data/raw/indices/pci/").all()
    # the index's id in any case
    assert main(["scores", "--index", "PCI", "--province", "hai phong", "--metric", "pci",
                 "--root", str(shipped_data)]) == 0
    upper = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"province_code": str})
    assert upper.equals(got)
    # a year PCI did not publish the province: a header and the gap in words, exit 0
    assert main(["scores", "--index", "pci", "--province", "Bắc Kạn", "--year", "2024",
                 "--root", str(shipped_data)]) == 0
    out = capsys.readouterr()
    assert out.out.count("\n") == 1 and "a gap, not a zero" in out.err
    # an unknown index is one line naming the known ones
    assert main(["scores", "--index", "pcx", "--root", str(shipped_data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown index 'pcx': one of dti, papi, pci") and \
        err.count("\n") == 1


def test_scores_api_takes_numbers_and_strings_and_lists_every_column(shipped_data):
    from dtanalysis import scores
    from dtanalysis.errors import ParameterError

    as_text = scores("dti", year="2022", root=shipped_data)
    assert len(as_text) == len(scores("dti", year=2022, root=shipped_data)) > 0
    assert len(scores("dti", unit_set=34, root=shipped_data)) == len(
        scores("dti", unit_set="34", root=shipped_data)) > 0
    with pytest.raises(ParameterError, match="unknown unit set '35'"):
        scores("dti", unit_set="35", root=shipped_data)
    # the statuses of score and rank apart (a published rank beside a secondary score)
    qn = scores("dti", province="Quảng Ninh", year=2020, metric="dti", root=shipped_data)
    assert {"score_status", "rank_status", "conflict"} <= set(qn.columns)


def test_an_index_without_tables_is_listed_with_a_dash(shipped_data, capsys, monkeypatch):
    # Before: `dtanalysis indices` raised TypeError (bool of pandas.NA) for a catalogue row
    # whose folder has no table yet.
    import pandas as pd

    from dtanalysis.pipeline import store

    row = pd.DataFrame({"index": ["new"], "name_en": ["A new index"], "publisher": ["X"],
                        "years": pd.array([pd.NA], dtype="string"),
                        "unit_sets": pd.array([pd.NA], dtype="string")})
    monkeypatch.setattr(store, "indices", lambda root=None: row)
    assert main(["indices", "--root", str(shipped_data)]) == 0
    assert "years —  ·  sets —" in capsys.readouterr().out
