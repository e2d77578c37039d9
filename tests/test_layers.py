"""The layers contract in pyproject.toml (import-linter): data flows one way, so an import
from a lower layer into a higher one fails the suite, and so does loading GX or the plotting
stack where it does not belong."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LINT_IMPORTS, "--config", str(root / "pyproject.toml"), "--no-cache"],
                          cwd=root, capture_output=True, text=True, timeout=120, check=False,
                          env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"})


def test_the_package_keeps_its_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The check can fail: a domain module importing the report layer is caught."""
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = tmp_path / "src" / "dtanalysis" / "domain" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom ..report import display  # noqa\n",
                    encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "dtanalysis.domain.text -> dtanalysis.report" in result.stdout



def test_the_report_modules_import_alone():
    """Each module of the report layer imports first in a fresh interpreter (no import cycle
    hidden by the order in which the package usually loads them: `dtanalysis.report.display`
    alone failed through the report package's lazy attributes)."""
    names = ["dtanalysis.report.display", "dtanalysis.report.charts",
             "dtanalysis.report.sections", "dtanalysis.report.context",
             "dtanalysis.report.i18n", "dtanalysis.report.sections.briefing"]
    for name in names:
        result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                                text=True, timeout=120, check=False,
                                env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, f"{name}: {result.stderr[-800:]}"
