"""Fixtures shared by the whole suite, declared once.

- `shipped_data`: a temporary copy of the project with the processed tables of the shipped
  `data/raw` (copied from the checkout when current there, else built in the copy: the
  checkout is never written); `data`: those tables as `analysis.Data`.
- `cleaned_project`: a copy of the project (raw data, suites, notebooks) in a temporary folder,
  cleaned and validated once per session; `project_copy`: a fresh copy of it for a test that
  changes files.
- `synthetic_index_project`: a cleaned copy with a SYNTHETIC index `zzi` added as data only.
- `require_chromium`: skip without a browser — but FAIL under CI=true, where a missing browser
  means the offline checks silently stopped running.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium_available

from dtanalysis.startup import start

start()  # the test process starts as the command line does (startup.py)

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("data/raw", "expectations", "notebooks")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture
def require_chromium() -> None:
    if chromium_available():
        return
    message = (
        f"headless Chromium not available (need an executable {CHROMIUM} and the "
        "'playwright' Python package; install with `apt-get install chromium` and "
        "`uv sync`; never `playwright install`)"
    )
    if _in_ci():
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shipped_data(tmp_path_factory) -> Path:
    """A temporary copy of the project (raw data, suites, notebooks) with its processed
    tables: the checkout's own `data/processed` is copied when it is current (nothing is
    written into the checkout), else the copy is cleaned."""
    from dtanalysis.pipeline.stages import data_is_current, run_clean

    root = tmp_path_factory.mktemp("shipped") / "project"
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, root / part)
    if data_is_current(ROOT):
        shutil.copytree(ROOT / "data/processed", root / "data/processed")
        shutil.copytree(ROOT / "reports/data_docs", root / "reports/data_docs")
    if not data_is_current(root):
        result = run_clean(root, data_docs=True)
        assert result.ok, result.refused
    return root


@pytest.fixture(scope="session")
def data(shipped_data):
    from dtanalysis.analysis import Data

    return Data.load(shipped_data)


def copy_project(source: Path, target: Path) -> Path:
    """Raw data, suites and notebooks of `source` (and its processed data and reports, when
    present) copied to `target`."""
    for part in (*PROJECT_PARTS, "data/processed", "data/versions", "reports"):
        if (source / part).exists():
            shutil.copytree(source / part, target / part)
    return target


@pytest.fixture(scope="session")
def cleaned_project(tmp_path_factory) -> Path:
    from dtanalysis.pipeline.stages import run_clean

    root = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, root / part)
    result = run_clean(root, data_docs=True)
    assert result.ok, result.refused
    return root


@pytest.fixture
def project_copy(cleaned_project, tmp_path) -> Path:
    return copy_project(cleaned_project, tmp_path / "project")


# SYNTHETIC: a made-up index `zzi` (labelled, tests only), added as data: no code names it.
SYNTHETIC_CATALOGUE = ("zzi,Chỉ số tổng hợp thử nghiệm (ZZI),Synthetic Test Index (ZZI),"
                       "SYNTHETIC publisher (test only),https://example.invalid,example.invalid,"
                       "0,10,true,SYNTHETIC index for tests only\n")
SYNTHETIC_METRICS = ("metric,parent,label_vi,label_en,aliases,aggregate,score_min,score_max,note,"
                     "highlight\nzzi,,Tổng ZZI,ZZI total,ZZI|Score,none,0,10,SYNTHETIC,\n")
SYNTHETIC_TABLE = ("province,score,rank,status,source_url,note\n"
                   "Hải Phòng,7.5,2,published,https://example.invalid/zzi,SYNTHETIC row\n"
                   "Hà Nội,8.1,1,published,https://example.invalid/zzi,SYNTHETIC row\n"
                   "Quảng Ninh,6.2,3,published,https://example.invalid/zzi,SYNTHETIC row\n")


@pytest.fixture(scope="session")
def synthetic_index_project(cleaned_project, tmp_path_factory):
    """A copy of the project with a SYNTHETIC index `zzi` added as data only (a catalogue row,
    metrics.csv and one table), cleaned."""
    from dtanalysis.pipeline.stages import run_clean

    root = copy_project(cleaned_project, tmp_path_factory.mktemp("zzi") / "project")
    indices = root / "data/raw/indices"
    with (indices / "catalogue.csv").open("a", encoding="utf-8") as handle:
        handle.write(SYNTHETIC_CATALOGUE)
    (indices / "zzi").mkdir()
    (indices / "zzi/metrics.csv").write_text(SYNTHETIC_METRICS, encoding="utf-8")
    (indices / "zzi/zzi-2023-63-synthetic.csv").write_text(SYNTHETIC_TABLE, encoding="utf-8")
    shutil.rmtree(root / "data/processed", ignore_errors=True)
    result = run_clean(root)
    assert result.ok, result.refused
    return root


# `pytest -m "not slow"`: the fast loop. A test is slow when it starts a kernel, a browser or
# a whole command end to end; those that say so in their source are marked here, so that a new
# one cannot silently slow the loop down (an explicit @pytest.mark.slow works as well).
SLOW_SIGNS = ("report_cli(", "run_jobs(", "papermill.", "open_offline(", "axe_violations(",
              "WarmKernel(", "execute_here(", "dask_executor(", "KernelSlot(", "start(root",
              "require_chromium", "[\"build\"", "slot_here(", "execute(", "kernel_slot(")


def pytest_collection_modifyitems(config, items):
    import inspect

    for item in items:
        function = getattr(item, "function", None)
        if function is None or item.get_closest_marker("slow"):
            continue
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            continue
        if any(sign in source for sign in SLOW_SIGNS):
            item.add_marker(pytest.mark.slow)
