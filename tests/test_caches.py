"""One owner for the package's caches (`dtanalysis.caches`): each cache registered by name,
cleared by name or all at once (what a warm report kernel does before every report, keeping
only the loaded tables)."""

from __future__ import annotations

import pytest

from dtanalysis import caches


def test_a_registered_cache_is_cleared_by_name_and_by_clear_all(monkeypatch):
    monkeypatch.setattr(caches, "_CLEARS", dict(caches._CLEARS))  # this test's names go
    calls = []

    @caches.cached("test.square", maxsize=4)
    def square(x: int) -> int:
        calls.append(x)
        return x * x

    assert square(3) == square(3) == 9 and calls == [3]  # cached
    caches.clear("test.square")
    assert square(3) == 9 and calls == [3, 3]            # computed again
    kept = []
    caches.register("test.kept", lambda: kept.append("cleared"))
    emptied = caches.clear_all(keep=("test.kept",))
    assert "test.square" in emptied and "test.kept" not in emptied and kept == []
    assert square(3) == 9 and calls == [3, 3, 3]
    caches.clear_all()
    assert kept == ["cleared"]


def test_an_unknown_cache_name_is_an_error():
    with pytest.raises(KeyError, match="no.such.cache"):
        caches.clear("no.such.cache")


def test_the_package_caches_have_one_owner(data):
    from importlib import import_module

    from dtanalysis.analysis import Data
    from dtanalysis.domain.registry import registry

    for module in ("dtanalysis.report.charts.svg", "dtanalysis.runner.jobs"):
        import_module(module)  # each registers its caches as it is imported
    names = set(caches.names())
    assert {"analysis.data", "domain.registry", "runner.notebook_parameters",
            "runner.comparison_links", "charts.text_width", "charts.font"} <= names
    root = data.root
    first = Data.load(root)
    assert Data.load(root) is first and registry(root) is registry(root)
    held = registry(root)
    caches.clear("analysis.data", "domain.registry")
    assert Data.load(root) is not first and registry(root) is not held
