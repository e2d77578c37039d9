"""Shared pytest fixtures for dtanalysis tests."""

from __future__ import annotations

import os

import pytest
from browser import CHROMIUM, chromium_available

__all__ = ["chromium_available", "require_chromium"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture
def require_chromium() -> None:
    """Skip the test when headless Chromium is unavailable — but FAIL it when CI=true,
    where a missing browser means the offline-report checks silently stopped running."""
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
def shipped_data():
    """The project's own data/processed, built from the shipped data/raw if it is missing
    or stale (a fresh clone has none: it is generated, not committed). Returns the root."""
    from pathlib import Path

    from dtanalysis.pipeline import data_is_current, run_clean

    root = Path(__file__).resolve().parents[1]
    if not data_is_current(root):
        result = run_clean(root, data_docs=True)
        assert result.ok, result.message
    return root
