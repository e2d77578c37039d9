"""Scheduled refreshes: every `report` / `build` run appends one line to reports/runs.jsonl;
`--quiet` prints nothing on success and the summary on failure; `--on-failure CMD` (or
$DTANALYSIS_ON_FAILURE) runs after a failed run only, with the exit code and summary. On tiny
SYNTHETIC notebooks (tests/runner/test_pool.py)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "runner"))
import test_pool

from dtanalysis.cli import main


@pytest.fixture
def project(tmp_path):
    return test_pool.project.__wrapped__(tmp_path)


def runs(root: Path) -> list[dict]:
    return [json.loads(line) for line in
            (root / "reports" / "runs.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow  # runs reports on a kernel
def test_run_log_quiet_success_then_failure_with_hook(project, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DTANALYSIS_ON_FAILURE", raising=False)
    hook_out = tmp_path / "hook.txt"
    hook = (f'printf "%s|%s|%s" "$DTANALYSIS_EXIT_CODE" "$DTANALYSIS_RUN_LOG" '
            f'"$DTANALYSIS_SUMMARY" > {hook_out}')
    base = ["report", "--root", str(project), "--jobs", "1", "--quiet", "--on-failure", hook]

    # a successful run: nothing printed, one log line, no hook
    assert main([*base, "--province", "Hải Phòng"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    assert not hook_out.exists()
    (first,) = runs(project)
    assert first["command"] == "report" and first["exit_code"] == 0
    assert first["counts"] == {"total": 1, "ok": 1, "skipped": 0, "failed": 0}
    assert first["rebuilt"] == ["Hải Phòng"] and first["failures"] == []
    assert first["data_version"] == "synthetic" and first["error"] is None
    start, end = (dt.datetime.fromisoformat(first[k]) for k in ("start", "end"))
    assert start <= end and start.tzinfo is not None
    assert first["argv"][:1] == ["report"]

    # again: up to date (skipped), still quiet
    assert main([*base, "--province", "Hải Phòng"]) == 0
    assert capsys.readouterr().err == ""
    assert runs(project)[-1]["counts"]["skipped"] == 1

    # a failing report: exit 1, the summary on stderr, the hook told
    assert main([*base, "--province", "Hải Dương", "--province", "Hải Phòng"]) == 1
    err = capsys.readouterr().err
    assert "FAILED Hải Dương" in err and "[1/2]" not in err  # summary, no progress lines
    last = runs(project)[-1]
    assert last["exit_code"] == 1
    assert last["counts"] == {"total": 2, "ok": 0, "skipped": 1, "failed": 1}
    assert last["failures"][0]["label"] == "Hải Dương"
    assert "synthetic failure" in last["failures"][0]["error"]
    # the operations page written by that run lists the runs before it, newest first (the
    # index, for readers, links it and shows no command line)
    ops = (project / "reports" / "operations.en.html").read_text(encoding="utf-8")
    assert "Recent runs" in ops and ops.count('<td class="ok">0</td>') == 2
    assert "--on-failure" in ops
    index = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="operations.html"' in index and "--on-failure" not in index
    code, log_path, summary = hook_out.read_text().split("|", 2)
    assert code == "1" and Path(log_path) == project / "reports" / "runs.jsonl"
    assert "FAILED Hải Dương" in summary


def test_an_error_is_logged_with_exit_2_and_runs_the_env_hook(project, tmp_path, capsys,
                                                              monkeypatch):
    marker = tmp_path / "hook-ran"
    monkeypatch.setenv("DTANALYSIS_ON_FAILURE", f"echo $DTANALYSIS_EXIT_CODE > {marker}")
    (project / "data" / "processed" / "manifest.json").unlink()  # never cleaned
    assert main(["report", "--root", str(project), "--quiet", "--province", "Hải Phòng"]) == 2
    assert capsys.readouterr().err.startswith("error: no processed data")
    (entry,) = runs(project)
    assert entry["exit_code"] == 2 and "no processed data" in entry["error"]
    assert entry["counts"]["total"] == 0 and entry["data_version"] is None
    assert marker.read_text().strip() == "2"


def test_a_refused_command_line_writes_no_log_and_runs_no_hook(project, tmp_path, capsys):
    marker = tmp_path / "hook-ran"
    code = main(["report", "--root", str(project), "--province", "Atlantis",
                 "--on-failure", f"touch {marker}"])
    assert code == 2
    assert capsys.readouterr().err.startswith("error: unknown province 'Atlantis'")
    assert not (project / "reports").exists() and not marker.exists()


def test_a_failing_hook_is_a_warning_not_a_new_exit_code(project, capsys):
    (project / "data" / "processed" / "manifest.json").unlink()
    code = main(["report", "--root", str(project), "--province", "Hải Phòng",
                 "--on-failure", "exit 7"])
    assert code == 2
    assert "warning: on-failure command exited 7" in capsys.readouterr().err
