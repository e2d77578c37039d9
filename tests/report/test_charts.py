"""Chart rendering: deterministic PNG bytes (the regions chart's jitter), no stray layout pass,
the page's text settings, on the REAL processed tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from svgread import ranking_rows

from dtanalysis import analysis as an
from dtanalysis.report import charts
from dtanalysis.report.charts.style import unit_style
from dtanalysis.report.charts.svg import is_hollow
from dtanalysis.vocab import mark

HP = "31"


@pytest.fixture(scope="module")
def position(data):
    return an.national_position(data, "63", code=HP)


def test_regions_chart_is_the_same_png_whatever_the_global_rng(position):
    np.random.seed(1)
    first = charts.png_bytes(charts.regions_chart(position, "vi"))
    np.random.seed(2)
    state = np.random.get_state()
    second = charts.png_bytes(charts.regions_chart(position, "vi"))
    assert first == second  # seaborn's stripplot jitters with numpy's global RNG
    after = np.random.get_state()
    assert after[0] == state[0] and np.array_equal(after[1], state[1]) and after[2:] == state[2:]


def test_two_builds_of_every_chart_give_identical_bytes(data, position):
    traj = an.trajectory(data, HP, "63", [])

    def build() -> list:
        return [charts.position_chart(position, "vi", highlight=HP).svg,
                charts.trajectory_chart(traj, "vi", title="T").svg,
                charts.png_bytes(charts.regions_chart(position, "en"))]

    assert build() == build()


def test_png_is_the_figure_at_its_laid_out_size_in_one_draw(position, monkeypatch):
    from matplotlib.figure import Figure

    fig = charts.regions_chart(position, "vi")
    width, height = fig.get_size_inches() * charts.DPI
    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, r: (draws.append(1), original(self, r)))
    data = charts.png_bytes(fig)
    assert len(draws) == 1  # no tight-bbox pass, no placeholder layout-engine pass
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    png_width, png_height = (int.from_bytes(data[16:20], "big"),
                             int.from_bytes(data[20:24], "big"))
    assert (png_width, png_height) == (round(width), round(height))
    assert not matplotlib.pyplot.fignum_exists(fig.number)  # closed


@pytest.mark.parametrize("unit_set", ["63", "34"])
def test_a_region_has_the_same_colour_in_both_languages(data, unit_set):
    # Before: colours went to the regions' names sorted in the report's language, so a region
    # changed colour between the Vietnamese and the English report.
    from dtanalysis.report.display import region_names

    units = an.units(data, unit_set)
    english = dict(zip(units["region"], units["region_en"]))
    vi = charts.region_palette(region_names(data, unit_set, "vi"))
    en = charts.region_palette(region_names(data, unit_set, "en"))
    assert len(vi) == len(english) >= 3
    assert {english[name]: colour for name, colour in vi.items()} == en
    assert len(set(vi.values())) == len(vi)  # no two regions share a colour
    assert set(vi.values()) <= set(charts.style.REGION_COLOURS)  # colour-blind-safe set


def test_the_ranking_highlights_its_province_and_marks_uncertain_ranks(data, position):
    chart = charts.position_chart(position, "vi", highlight=HP)
    rows = ranking_rows(chart)
    table = position.table.sort_values(["rank", "name"], ignore_index=True)
    assert [r["name"] for r in rows] == list(table["name"])  # every unit, best first
    chosen = [r for r in rows if r["edge"] == "black"]
    assert [r["name"] for r in chosen] == ["Hải Phòng"]
    assert chosen[0]["bold"] and chosen[0]["colour"] == unit_style(HP)[0]  # its own colour
    assert chosen[0]["opacity"] is None  # the others are lighter
    assert all(r["opacity"] == "0.75" and not r["bold"] for r in rows if r is not chosen[0])
    assert len(rows) == position.n_ranked
    marked = [is_hollow(s) for s in table["rank_status"]]
    assert [r["hatched"] for r in rows] == marked
    assert [r["value"] for r in rows] == [f"{int(k)}{mark(s)}" for k, s in
                                         zip(table["rank"], table["rank_status"])]
    nobody = ranking_rows(charts.position_chart(position, "vi"))
    assert not any(r["edge"] == "black" or r["bold"] for r in nobody)
    merged = an.national_position(data, "34")
    last = merged.table.sort_values(["rank", "name"])["province_code"].iloc[-1]
    rows = ranking_rows(charts.position_chart(merged, "en", highlight=last))
    assert [r["edge"] == "black" for r in rows] == [False] * (len(rows) - 1) + [True]


def test_palette_png_is_the_picture_savefig_draws_in_a_fraction_of_the_bytes(data):
    import io

    from PIL import Image

    from dtanalysis.report.charts import style

    fig = charts.coverage_chart(an.coverage(data, "63"), "vi")
    full = io.BytesIO()
    with matplotlib.pyplot.rc_context(style._RC):
        fig.savefig(full, format="png", dpi=charts.DPI)  # what a chart was before: RGBA
    ours = charts.png_bytes(fig)
    before = np.asarray(Image.open(full).convert("RGB")).astype(int)
    image = Image.open(io.BytesIO(ours))
    assert image.mode == "P"
    after = np.asarray(image.convert("RGB")).astype(int)
    assert after.shape == before.shape
    difference = np.abs(after - before).max(axis=2)
    assert difference.mean() < 0.5 and difference.max() <= 40  # shades of anti-aliased edges
    white = (before == 255).all(axis=2)
    assert white.mean() > 0.5 and (after[white] == 255).all()  # the page's white stays white
    assert len(ours) < 0.4 * len(full.getvalue())
