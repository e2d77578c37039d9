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
