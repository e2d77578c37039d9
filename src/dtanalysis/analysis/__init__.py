"""Analyses for the province report and the national overview: pure functions on the processed
tables (`data/processed/`), one module per report section, each function named for what it
returns.

Every value returned is a value of a table (or arithmetic on two of them: a change, a gap, a
median), carried with its status and source; a missing value stays missing (NaN / None), it is
never filled. Ranks of the 63-province set and of the 34-unit set are never mixed: every function
works inside one `unit_set`.

    from dtanalysis import analysis
    data = analysis.Data.load()
    analysis.headline(data, "31", "63")
"""

from .about import About, about_data, quarantine_concerning, report_sources, validation_summary
from .data import (
    MARKED_STATUSES,
    METHOD_CHANGES,
    METRIC_ORDER,
    NATIONAL_CODE,
    OVERALL,
    PUBLICATION_DATE_NOTE,
    STATUS_ORDER,
    UNIT_SETS,
    Data,
    is_marked,
    member_codes,
    method_changes_between,
    n_units,
    name_of,
    overall_rows,
    plain_value,
    report_units,
    set_years,
    split_sources,
    unit,
    units,
)
from .headline import Change, Headline, headline
from .indicators import indicators_with_benchmark
from .merger import Merger, merger
from .overview import RankMatrix, coverage, movers, rank_matrix, regions_compared
from .peers import MAX_REGION_PEERS, peers
from .pillars import pillars
from .position import Position, complete_ranking_years, national_position
from .targets import targets_progress
from .trajectory import TRAJECTORY_COLUMNS, provinces_mean, trajectory, trajectory_years

__all__ = [
    "MARKED_STATUSES", "MAX_REGION_PEERS", "METHOD_CHANGES", "METRIC_ORDER", "NATIONAL_CODE",
    "OVERALL", "PUBLICATION_DATE_NOTE", "STATUS_ORDER", "TRAJECTORY_COLUMNS", "UNIT_SETS",
    "About", "Change", "Data", "Headline", "Merger", "Position", "RankMatrix", "about_data",
    "complete_ranking_years", "coverage", "headline", "indicators_with_benchmark", "is_marked",
    "member_codes", "merger", "method_changes_between", "movers", "n_units", "name_of",
    "national_position", "overall_rows", "peers", "pillars", "plain_value", "provinces_mean",
    "quarantine_concerning", "rank_matrix", "regions_compared", "report_sources", "report_units",
    "set_years", "split_sources", "targets_progress", "trajectory", "trajectory_years", "unit",
    "units", "validation_summary",
]
