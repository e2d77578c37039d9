"""Fixtures shared by the whole suite, declared once.

- `cleaned_project`: a copy of the project (raw data, suites, notebooks) in a temporary folder,
  cleaned and validated once per session (the checkout's processed tables copied when they
  are current there: the checkout is never written); `project_copy`: a fresh copy of it for
  a test that changes files.
- `shipped_data`: another copy of it, for the tests that read the shipped data (and may
  write reports); `data`: its tables as `analysis.Data`.
- `synthetic_index_project`: a cleaned copy with a SYNTHETIC index `zzi` added as data only.
- `require_chromium`: skip without a browser — but FAIL under CI=true, where a missing browser
  means the offline checks silently stopped running.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium_available

from dtanalysis.startup import start

# The test process starts as the command line does (`startup.start`): the IRI grammar
# nbformat's jsonschema would build at import (a second of CPU) is deferred before any test
# module imports nbformat, at collection.
start()

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
def shipped_data(cleaned_project, tmp_path_factory) -> Path:
    """A temporary copy of the project (raw data, suites, notebooks) with its processed
    tables: a copy of `cleaned_project` (nothing is written into the checkout, and the
    shipped data is cleaned once per session, not once per fixture)."""
    return copy_project(cleaned_project, tmp_path_factory.mktemp("shipped") / "project")


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
    """The project's raw data, suites and notebooks with their processed tables and Data
    Docs: the checkout's own copied when they are current (read, never written), else
    cleaned and validated here — once per session."""
    from dtanalysis.pipeline.stages import data_is_current, run_clean

    root = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, root / part)
    if data_is_current(ROOT) and (ROOT / "reports/data_docs").is_dir():
        shutil.copytree(ROOT / "data/processed", root / "data/processed")
        shutil.copytree(ROOT / "reports/data_docs", root / "reports/data_docs")
    if not data_is_current(root):
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


# `pytest -m "not slow"`: the fast loop (under a minute on 2 cores). A test is slow when it
# starts a kernel, a browser, another Python or a whole command end to end, or cleans or
# validates with Great Expectations; those that say so in their source — or in the source of
# a fixture they use (a module's reports built once, its own clean) — are marked
# here, so that a new one cannot silently slow the loop down (an explicit @pytest.mark.slow
# works as well). The session's shared fixtures (`cleaned_project`: one clean per session)
# are paid once and stay in the loop.
SLOW_SIGNS = ("report_cli(", "run_jobs(", "papermill.", "open_offline(", "axe_violations(",
              "WarmKernel(", "execute_here(", "dask_executor(", "KernelSlot(", "start(root",
              "require_chromium", "[\"build\"", "slot_here(", "execute(", "kernel_slot(",
              "build_report(", "write_pdf(")
# in a test's own source only: another process, a clean, a validation (seconds each)
SLOW_CALLS = ("subprocess.", "Popen(", "run_clean(", "run_validate(", "validate(",
              'main(["clean"', 'main(["validate"', 'main(["compare"')


@functools.cache
def _source(function) -> str:
    import inspect

    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


SHARED = ("cleaned_project",)  # the session's one clean, paid once by the loop


def _slow_fixture(definition) -> bool:
    """A fixture that starts a kernel or a browser; or, but for the session's shared clean,
    one that starts another process, cleans or validates."""
    source = _source(getattr(definition, "func", None))
    signs = SLOW_SIGNS if definition.argname in SHARED else SLOW_SIGNS + SLOW_CALLS
    return any(sign in source for sign in signs)


def pytest_collection_modifyitems(config, items):
    for item in items:
        function = getattr(item, "function", None)
        if function is None or item.get_closest_marker("slow"):
            continue
        source = _source(function)
        fixtures = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        if (any(sign in source for sign in SLOW_SIGNS + SLOW_CALLS)
                or any(_slow_fixture(d) for defs in fixtures.values() for d in defs)):
            item.add_marker(pytest.mark.slow)


# Hypothesis: the property tests run their full number of examples (the `slow` profile,
# `make test`); in the fast loop (`-m "not slow"`) a tenth of it (`fast`). HYPOTHESIS_PROFILE
# chooses either.
FAST_EXAMPLES = {"fast": True}


def examples(full: int) -> int:
    """A property test's number of examples: `full`, or a tenth of it (at least 3) in the fast
    loop. Read when a test module is imported (after `pytest_configure`)."""
    return max(3, full // 10) if FAST_EXAMPLES["fast"] else full


def pytest_configure(config):
    from hypothesis import settings

    settings.register_profile("slow", settings.get_profile("default"))
    settings.register_profile("fast", settings.get_profile("default"), max_examples=10)
    loop = "not slow" in (config.getoption("markexpr", "") or "").replace("  ", " ")
    profile = os.environ.get("HYPOTHESIS_PROFILE") or ("fast" if loop else "slow")
    settings.load_profile(profile)
    FAST_EXAMPLES["fast"] = profile == "fast"
    interruptible()


def interruptible() -> None:
    """SIGINT handled as in a terminal, in this process and in the commands the tests start.
    A shell without job control starts a background command (`make test &`, a CI step put in
    the background) with SIGINT ignored; every child inherits that, and a Python that starts
    with SIGINT ignored never raises KeyboardInterrupt: the Ctrl-C tests would wait for a
    command that cannot be interrupted. A handled signal is reset to its default in a child."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
