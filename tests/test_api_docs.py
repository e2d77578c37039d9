"""`make docs`: the API reference builds offline without a warning, documents every public name
of `dtanalysis.__all__` and every expected error, and loads nothing from a host. The CHANGELOG
has the package's version."""

import re
import subprocess
import sys
from pathlib import Path

import dtanalysis
from dtanalysis import errors

ROOT = Path(__file__).resolve().parents[1]


def test_api_reference_builds_without_warnings(tmp_path):
    from dtanalysis.runner.render import page_has_no_remote_references

    out = tmp_path / "site"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "build_api.py"), "--out",
                           str(out)], capture_output=True, text=True, timeout=300, check=False,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # pdoc's warnings would be here (and exit 1)
    page = (out / "dtanalysis.html").read_text(encoding="utf-8")
    for name in dtanalysis.__all__:  # any name added to __all__ (compare, …) is documented
        assert f'id="{name}"' in page, name
    assert "A processed table as a DataFrame" in page  # load's docstring
    error_page = (out / "dtanalysis" / "errors.html").read_text(encoding="utf-8")
    expected = [name for name, value in vars(errors).items()
                if isinstance(value, type) and issubclass(value, errors.DtanalysisError)]
    assert len(expected) > 3
    for name in expected:
        assert f'id="{name}"' in error_page, name
    for html in (page, error_page, (out / "index.html").read_text(encoding="utf-8")):
        assert page_has_no_remote_references(html) == []


def test_changelog_has_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)
    assert releases and releases[0] == dtanalysis.__version__
    assert releases == sorted(releases, key=lambda v: tuple(map(int, v.split("."))),
                              reverse=True)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{dtanalysis.__version__}"' in pyproject
