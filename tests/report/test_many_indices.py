"""Any number of catalogue indices: the index chart never runs out of colours (issue 21,
failure 2: a ninth index was a KeyError in every province report)."""

import re

import pandas as pd

from dtanalysis.report.charts.indices import percentile_chart
from dtanalysis.report.charts.style import series_colours


def test_the_percentile_chart_draws_any_number_of_indices_in_distinct_colours():
    n = 14
    trajectories = {f"i{k}": pd.DataFrame({"year": [2021, 2022, 2023],
                                           "percentile": [10.0 + k, 50.0, 90.0 - k],
                                           "rank_status": ["official"] * 3})
                    for k in range(n)}
    labels = {index: f"Index {index}" for index in trajectories}
    chart = percentile_chart(trajectories, labels, "Hải Phòng", "en")
    for label in labels.values():
        assert label in chart.svg
    colours = series_colours(n)
    assert len(set(colours)) == n
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    for colour in colours:
        assert colour in chart.svg.lower(), colour
    assert series_colours(100)[:8] == series_colours(8)  # the first eight do not change
    assert len(set(series_colours(100))) == 100
