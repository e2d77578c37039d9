"""The SVG writer of the report charts (`dtanalysis.report.charts.svg`): ticks and their labels
as matplotlib writes them, text measured in the charts' font, layers, escaping, legends."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dtanalysis.report.charts import svg as v

NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("low,high,most,integer,expected", [
    (0.72, 0.80, 6, False, [0.72, 0.74, 0.76, 0.78, 0.80]),
    (-5, 105, 6, False, [0, 20, 40, 60, 80, 100]),
    (0.3, 0.7, 5, False, [0.3, 0.4, 0.5, 0.6, 0.7]),
    (0, 8.9, 9, False, [0, 1, 2, 3, 4, 5, 6, 7, 8]),
    (0, 10.5, 5, False, [0, 2.5, 5, 7.5, 10]),
    (11, 7, 9, True, [7, 8, 9, 10, 11]),          # an inverted rank axis: same ticks
    (0.5, 30.7, 7, True, [5, 10, 15, 20, 25, 30]),
    (2.0, 2.0, 6, False, [2.0]),
])
def test_nice_ticks_are_matplotlibs_round_steps(low, high, most, integer, expected):
    assert v.nice_ticks(low, high, most, integer) == pytest.approx(expected)


def test_tick_labels_have_the_decimals_the_axis_needs():
    assert [v.tick_text(k, [0.72, 0.74, 0.8]) for k in (0.72, 0.8)] == ["0.72", "0.80"]
    assert [v.tick_text(k, [0, 2.5, 5]) for k in (0, 2.5, 5)] == ["0.0", "2.5", "5.0"]
    assert [v.tick_text(k, [10, 20]) for k in (10, 20)] == ["10", "20"]
    assert v.tick_text(-1, [-1, 0, 1]) == "\u22121" and v.tick_text(-0.0, [0, 1]) == "0"


def test_text_is_measured_in_dejavu_sans():
    narrow, wide = v.text_width("iii", 12), v.text_width("MMM", 12)
    assert 0 < narrow < wide
    assert v.text_width("Hải Phòng", 12, bold=True) > v.text_width("Hải Phòng", 12)
    assert v.text_width("Hải Phòng", 28) == pytest.approx(2 * v.text_width("Hải Phòng", 14))


def test_no_chart_text_is_smaller_than_prints_at_7_pt():
    """Any text is drawn and measured at MIN_TEXT at least: 7 pt when a 950 px chart is
    printed across A4's 186 mm of text, 13 px on screen."""
    assert v.MIN_TEXT * 186 / 950 / 25.4 * 72 >= 7 and v.MIN_TEXT >= 9
    drawing = v.Svg(100, 50)
    drawing.text(0, 10, "small", 5)
    assert f'font-size="{v.num(v.MIN_TEXT)}"' in drawing.to_string()
    assert v.text_width("small", 5) == pytest.approx(v.text_width("small", v.MIN_TEXT))


def test_layers_decide_what_is_on_top_then_drawing_order():
    drawing = v.Svg(100, 50)
    drawing.z = 5
    drawing.rect(0, 0, 10, 10, "#ff0000")
    drawing.z = 1
    drawing.rect(0, 0, 10, 10, "#00ff00")
    drawing.rect(0, 0, 10, 10, "#0000ff")
    fills = [e.get("fill") for e in ET.fromstring(drawing.to_string()).iter(f"{NS}rect")]
    assert fills == ["white", "#00ff00", "#0000ff", "#ff0000"]


def test_text_from_the_data_stays_text():
    drawing = v.Svg(100, 50)
    drawing.text(1, 2, 'Tỉnh <b>"A" & B</b>', 10, rotate=-90, halo=True)
    root = ET.fromstring(drawing.to_string())
    texts = list(root.iter(f"{NS}text"))
    assert [e.text for e in texts] == ['Tỉnh <b>"A" & B</b>'] * 2  # halo, then the text
    assert texts[1].get("transform") == "rotate(-90 1 2)"
    assert not list(root.iter(f"{NS}b"))


def test_a_legend_fills_column_by_column_and_draws_each_sample():
    drawing = v.Svg(600, 100)
    entries = [v.Entry(f"E{i}", "#123456", "o", "-") for i in range(4)]
    entries.append(v.Entry("E4", "#654321", patch=True))
    v.draw_legend(drawing, entries, 2, 10, 10)
    root = ET.fromstring(drawing.to_string())
    at = {e.text: (float(e.get("x")), float(e.get("y"))) for e in root.iter(f"{NS}text")}
    assert at["E0"][0] == at["E1"][0] == at["E2"][0] < at["E3"][0] == at["E4"][0]
    assert at["E0"][1] < at["E1"][1] < at["E2"][1] and at["E3"][1] == at["E0"][1]
    assert len(list(root.iter(f"{NS}circle"))) == 4 and len(list(root.iter(f"{NS}line"))) == 4
    assert [e.get("fill") for e in root.iter(f"{NS}rect")] == ["white", "#654321"]


def test_markers_hollow_and_shapes():
    drawing = v.Svg(100, 100)
    drawing.marker("o", 10, 10, 8, "#c0392b", hollow=True)
    drawing.marker("D", 30, 10, 8, "#c0392b")
    drawing.marker("s", 50, 10, 8, "#444444")
    drawing.marker("^", 70, 10, 8, "#1e8449")
    drawing.marker("|", 90, 10, 8, "#7f8c8d")
    root = ET.fromstring(drawing.to_string())
    circle = next(root.iter(f"{NS}circle"))
    assert circle.get("fill") == "white" and circle.get("stroke") == "#c0392b"
    polygons = [len(p.get("points").split()) for p in root.iter(f"{NS}polygon")]
    assert polygons == [4, 4, 3]
    with pytest.raises(ValueError):
        drawing.marker("x", 0, 0, 8, "#000000")
