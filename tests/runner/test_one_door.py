"""One door per run: a `build` resolves its root into `Paths` once, takes the project lock once
and recovers once; everything below it takes that `Paths`. Whether the data is current is
decided from data/processed's own manifest and hashes, never from reports/."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from test_noop_build import _mark_every_report_built

from dtanalysis import lock
from dtanalysis.builder import build
from dtanalysis.paths import Paths
from dtanalysis.pipeline import current
from dtanalysis.pipeline.stages import data_is_current


def _count_doors(monkeypatch) -> Counter:
    """Counts of `Paths` resolutions, lock acquisitions and recoveries, from the real functions
    (each still runs)."""
    counts: Counter = Counter()
    resolve, acquire, temporaries = Paths.at.__func__, lock._acquire, current.remove_temporaries

    def at(cls, root=None):
        counts["resolved"] += 1
        return resolve(cls, root)

    def acquire_counted(*args):
        counts["locked"] += 1
        return acquire(*args)

    def recovered(*args):  # `recover` ends with it, once per call
        counts["recovered"] += 1
        return temporaries(*args)

    monkeypatch.setattr(Paths, "at", classmethod(at))
    monkeypatch.setattr(lock, "_acquire", acquire_counted)
    monkeypatch.setattr(current, "remove_temporaries", recovered)
    return counts


@pytest.mark.slow
def test_a_build_that_cleans_resolves_locks_and_recovers_once(project_copy, monkeypatch):
    planned = _mark_every_report_built(project_copy)
    # a raw file changed in its bytes, not in its values: the data is cleaned again and gives
    # the same tables (the same data version), so every report stays fresh and no kernel starts
    catalogue = project_copy / "data/raw/indicator_catalogue.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("\n", "\r\n"),
                         encoding="utf-8")
    assert not data_is_current(project_copy)
    counts = _count_doors(monkeypatch)
    result = build(project_copy)  # cleans, validates, writes the pages
    assert result.clean is not None and result.clean.ok, result.clean.refused
    assert result.reports.count("skipped") == planned and result.ok
    assert counts == {"resolved": 1, "locked": 1, "recovered": 1}, counts


def test_the_lock_is_not_taken_twice_by_one_run(project_copy):
    paths = Paths.at(project_copy)
    with lock.project_lock(paths, "build"), pytest.raises(RuntimeError, match="already holds"), \
            lock.project_lock(paths, "clean"):
        pass
    with lock.project_lock(paths, "clean"):  # released: the next run takes it
        pass


def test_the_data_is_current_with_reports_absent(project_copy):
    assert data_is_current(project_copy)
    shutil.rmtree(project_copy / "reports")
    assert data_is_current(project_copy)
    # still decided by the data: a changed raw file makes it not current
    raw = project_copy / "data/raw/indicator_catalogue.csv"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not data_is_current(project_copy)


@pytest.mark.slow
def test_a_build_writes_missing_data_docs_without_cleaning(project_copy, monkeypatch):
    planned = _mark_every_report_built(project_copy)
    shutil.rmtree(project_copy / "reports" / "data_docs")
    counts = _count_doors(monkeypatch)
    result = build(project_copy)
    assert result.clean is None  # the data stayed current: nothing was cleaned
    assert (project_copy / "reports" / "data_docs" / "index.html").is_file()
    assert result.reports.count("skipped") == planned and result.ok
    assert counts == {"resolved": 1, "locked": 1, "recovered": 1}, counts
