"""A report costs the same whatever the number of units: long rankings are drawn as a window,
huge regions give at most MAX_REGION_PEERS peers, and rank axes of any length get ticks.
All data here is SYNTHETIC (made-up units "S0001"…)."""

import pandas as pd
from svgread import ranking_rows

from dtanalysis import analysis as an
from dtanalysis.domain.schema import frame
from dtanalysis.report import charts
from dtanalysis.report.charts.position import _window


def synthetic_ranking(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "province_code": [f"{i:04d}" for i in range(1, n + 1)],
        "name": [f"Synthetic {i:04d}" for i in range(1, n + 1)],
        "rank": range(1, n + 1), "rank_status": ["official"] * n,
        "region": ["Vùng A", "Vùng B"] * (n // 2) + ["Vùng A"] * (n % 2),
        "region_en": ["Region A", "Region B"] * (n // 2) + ["Region A"] * (n % 2),
    })


def test_rank_ticks_for_any_axis_length():
    assert charts.rank_ticks(63) == [1, 10, 20, 30, 40, 50, 60]
    assert charts.rank_ticks(34) == [1, 5, 10, 15, 20, 25, 30]
    for n in (160, 300, 1000, 5000):
        ticks = charts.rank_ticks(n)
        assert ticks[0] == 1 and ticks[-1] <= n and len(ticks) <= 9


def test_long_ranking_is_drawn_as_a_window():
    table = synthetic_ranking(1000)
    window = _window(table, "0500")
    ranks = list(window["rank"])
    assert ranks[:10] == list(range(1, 11)) and ranks[-5:] == list(range(996, 1001))
    assert set(range(490, 511)) <= set(ranks) and len(ranks) == 10 + 21 + 5
    position = an.Position("63", 2022, True, 1000, 1000, table, "0500")
    chart = charts.position_chart(position, "en", highlight="0500")
    rows = ranking_rows(chart)
    assert [r["value"] for r in rows] == [f"{r:,}" for r in ranks]  # the window, by rank
    assert [r["value"] for r in rows if r["edge"] == "black"] == ["500"]
    assert "excerpt" in chart.svg


def test_short_ranking_is_drawn_whole():
    table = synthetic_ranking(63)
    chart = charts.position_chart(an.Position("63", 2022, True, 63, 63, table, "0031"), "vi",
                                  highlight="0031")
    assert [r["value"] for r in ranking_rows(chart)] == [str(r) for r in range(1, 64)]


def test_huge_region_gives_the_nearest_peers_in_rank():
    n = 300
    provinces = frame("provinces", [
        {"unit_set": "63", "province_code": f"{i:04d}", "name": f"Synthetic {i:04d}",
         "short_name": f"Synthetic {i:04d}", "region": "Vùng A", "region_en": "Region A"}
        for i in range(1, n + 1)])
    dti = frame("dti", [
        {"year": 2022, "unit_set": "63", "province_code": f"{i:04d}", "metric": "dti",
         "rank": i, "status": "official"} for i in range(1, n + 1)])
    data = an.Data.from_frames(provinces=provinces, dti=dti)
    peers = an.peers(data, "0150", "63")
    assert len(peers) == an.MAX_REGION_PEERS
    # 7 on each side, then the tie at distance 8 goes to the lower code
    assert set(peers) == {f"{i:04d}" for i in [142, *range(143, 150), *range(151, 158)]}
