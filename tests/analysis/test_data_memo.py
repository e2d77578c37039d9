"""Data read once per unchanged processed folder, and what analyses derive from its tables
computed once per Data (the national figures every report of a build shares)."""

from __future__ import annotations

import dataclasses
import os
import shutil

from dtanalysis import analysis as an
from dtanalysis.analysis import indices as ix


def test_an_unchanged_folder_gives_the_same_data_and_a_changed_one_is_read_again(
        shipped_data, tmp_path):
    shutil.copytree(shipped_data / "data" / "processed", tmp_path / "data" / "processed")
    first = an.Data.load(tmp_path)
    assert an.Data.load(tmp_path) is first
    table = tmp_path / "data" / "processed" / "dti.parquet"
    stat = table.stat()
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    again = an.Data.load(tmp_path)
    assert again is not first
    assert again.dti.equals(first.dti)


def test_national_figures_are_derived_once_per_data_and_never_shared_with_another(data):
    first = ix.trajectory(data, "31", "63", "dti")
    memos = dict(data._memo)
    assert ix.trajectory(data, "31", "63", "dti").equals(first)
    assert data._memo.keys() == memos.keys()  # nothing computed anew
    # A Data with other tables (dataclasses.replace) starts with no derived figures.
    fewer = dataclasses.replace(data, index_scores=data.index_scores.iloc[0:0])
    assert not fewer._memo
    assert ix.trajectory(fewer, "31", "63", "dti").empty
    assert an.n_units(fewer, "63") == an.n_units(data, "63") == 63


def test_a_units_results_are_built_once_and_each_caller_gets_its_own(data):
    # a report's sections and its other language share one unit's trajectory, gaps, index
    # rows, indicators and the national ranking; a caller changing its copy changes no other
    from dtanalysis.analysis import briefing

    first = ix.trajectory(data, "31", "63", "pci")
    first.loc[:, "score"] = -1.0
    again = ix.trajectory(data, "31", "63", "pci")
    assert (again["score"] != -1.0).any()
    assert again.equals(ix.trajectory(data, "31", "63", "pci"))

    gaps = ix.gaps(data, "30", "63")
    kept = list(gaps)
    assert kept  # Hải Dương has years without a value: the check below means something
    gaps.clear()  # the caller's own list: the memo's is untouched
    assert ix.gaps(data, "30", "63") == kept
    assert briefing.index_row(data, "31", "63", "dti") is briefing.index_row(data, "31",
                                                                            "63", "dti")

    rows = an.indicators_with_benchmark(data, "31", "63")
    rows.drop(rows.index, inplace=True)
    assert len(an.indicators_with_benchmark(data, "31", "63")) > 0

    mine, other = (an.national_position(data, "63", code=code) for code in ("31", "01"))
    assert (mine.code, other.code) == ("31", "01")
    assert mine.table.equals(other.table) and mine.table is not other.table
    assert mine.row["province_code"] == "31" and other.row["province_code"] == "01"
    assert an.name_of(data, "31", "63") == str(an.unit(data, "31", "63")["short_name"])

    merged = an.merger(data, "31", "63")
    merged.members_history.loc[:, "rank"] = -1
    assert (an.merger(data, "31", "63").members_history["rank"] != -1).any()
    progress = an.targets_progress(data, "31", "63")
    assert len(progress) > 0
    progress.drop(progress.index, inplace=True)
    assert len(an.targets_progress(data, "31", "63")) > 0


def test_a_memoised_function_computes_once_per_arguments_and_gives_each_caller_a_copy(data):
    """`data.memoised` on a SYNTHETIC function: one computation per Data and arguments (a
    default given or not is one key), a deep copy to each caller."""
    from dtanalysis.analysis.data import memoised

    calls = []

    @memoised
    def table(data, unit_set, year=2024):
        calls.append((unit_set, year))
        return {"frame": data.provinces[data.provinces["unit_set"] == unit_set].copy(),
                "years": [year]}

    first = table(data, "63")
    assert table(data, "63", 2024)["frame"].equals(first["frame"])
    assert table(data, unit_set="63", year=2024)["years"] == [2024]
    assert calls == [("63", 2024)]
    del first["frame"]["short_name"]
    first["years"].append(1999)
    again = table(data, "63")
    assert "short_name" in again["frame"] and again["years"] == [2024]
    table(data, "34")
    table(data, "63", 2023)
    assert calls == [("63", 2024), ("34", 2024), ("63", 2023)]
    fewer = dataclasses.replace(data, index_scores=data.index_scores.iloc[0:0])
    table(fewer, "63")  # another Data: computed again
    assert len(calls) == 4


def test_what_both_languages_ask_again_is_memoised_and_copied(data):
    """The national ranking, a unit's headline, scorecard, pillars, sub-index standing and
    about-the-data are computed once; a caller changing its result changes no other's."""
    from dtanalysis.analysis import about, briefing, claims
    from dtanalysis.analysis.headline import headline
    from dtanalysis.analysis.pillars import pillars

    rankings = ix.latest_rankings(data, "63")
    del rankings[0].ranks["rank"]
    rankings.clear()
    again = ix.latest_rankings(data, "63")
    assert again and all(r.ranks["rank"].notna().sum() == r.n_ranked > 0 for r in again)

    for function in (ix.scorecard, pillars, briefing.subindex_standing):
        frame = function(data, "31", "63")
        assert len(frame) > 0, function.__name__
        column = frame.columns[0]
        del frame[column]
        assert column in function(data, "31", "63"), function.__name__

    told = about.about_data(data, "31", "63")
    del told.sources[told.sources.columns[0]]
    assert told.sources.columns[0] != about.about_data(data, "31", "63").sources.columns[0]
    assert headline(data, "31", "63") == headline(data, "31", "63")
    years = ix.ranked_years(data, "dti", "63")
    years.clear()
    assert ix.ranked_years(data, "dti", "63")
    missing = claims.why_missing(data, "pci", 2023, "63", "30")
    assert claims.why_missing(data, "pci", 2023, "63", "30") == missing
