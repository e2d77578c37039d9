"""Chart rendering: deterministic PNG bytes (the regions chart's jitter), no stray layout pass,
the page's text settings, on the REAL processed tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from dtanalysis import analysis as an
from dtanalysis.report import charts

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
        return [charts.png_bytes(charts.position_chart(position, "vi", highlight=HP)),
                charts.trajectory_chart(traj, "vi", title="T").svg,
                charts.png_bytes(charts.regions_chart(position, "en"))]

    assert build() == build()


def test_png_is_the_figure_at_its_laid_out_size_in_one_draw(position, monkeypatch):
    from matplotlib.figure import Figure

    fig = charts.position_chart(position, "vi", highlight=HP)
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


def test_a_cached_ranking_layout_gives_the_same_png_in_any_order(position, monkeypatch):
    from dtanalysis.report.charts import style

    def png(code: str) -> bytes:
        return charts.png_bytes(charts.position_chart(position, "vi", highlight=code))

    monkeypatch.setattr(style, "_LAYOUTS", {})
    alone = png(HP)  # laid out for itself
    monkeypatch.setattr(style, "_LAYOUTS", {})
    png("30")  # laid out while highlighting another province …
    assert png(HP) == alone  # … and reused: the same picture
    assert len(style._LAYOUTS) == 1


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


def test_a_ranking_drawn_once_gives_each_province_the_bytes_of_its_own_chart(data, position):
    # position_png draws the ranking three times and copies the province's row band: the
    # bytes must be those of drawing the whole chart for that province. First, second, a
    # middle and the last row (a band at each edge and neighbours of either parity), no
    # highlight at all, and the 34-unit ranking.
    order = list(position.table.sort_values(["rank", "name"])["province_code"])
    for code in (order[0], order[1], HP, order[len(order) // 2], order[-1], None):
        assert charts.position_png(position, "vi", highlight=code) == charts.png_bytes(
            charts.position_chart(position, "vi", highlight=code)), code
    merged = an.national_position(data, "34")
    code = merged.table["province_code"].iloc[-1]
    assert charts.position_png(merged, "en", highlight=code) == charts.png_bytes(
        charts.position_chart(merged, "en", highlight=code))


def test_drawn_rankings_outlive_the_warm_kernels_reset_and_never_mix(position):
    from dtanalysis import modstate
    from dtanalysis.report.charts import position as module

    modstate.snapshot()
    try:
        first = charts.position_png(position, "vi", highlight=HP)
        modstate.restore()  # what a warm kernel does before every report
        assert len(module._PICTURES) >= 1  # kept: keyed by everything the picture shows
    finally:
        modstate._saved.clear()
    assert charts.position_png(position, "en", highlight=HP) != first  # another key
    assert charts.position_png(position, "vi", highlight=HP) == first


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
