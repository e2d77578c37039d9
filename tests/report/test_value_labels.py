"""Readable charts (issue 20, point 4): a chart's value labels never overlap each other or a
drawn line, the method-change notes are readable and off the data, a rank axis spans at least
five places either side of its values. Charts built from generated data crowded on purpose:
a unit and its peers within a few ranks and hundredths of a score of each other, every year
drawn, several seeds. The label boxes are computed here from the SVG text (position, size,
DejaVu Sans advance widths) and the lines from the SVG's <line> and <polyline> points."""

from __future__ import annotations

import itertools
import random
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dtanalysis.report import charts
from dtanalysis.report.charts import indices as ix_charts
from dtanalysis.report.charts import svg as v
from dtanalysis.report.charts.trajectory import METHOD_SIZE

SVG = "{http://www.w3.org/2000/svg}"
YEARS = list(range(2017, 2025))


def crowded(seed: int, peers: int = 5, gaps: bool = False) -> pd.DataFrame:
    """A province and `peers` peers whose ranks stay within four places of each other and
    whose scores within a few hundredths, zig-zagging year to year (lines cross), and the
    mean; some values derived or uncertain; with `gaps`, a few years without a value."""
    rng = random.Random(seed)
    rows = []
    units = [("P0", "Tỉnh chính", "province")] + [(f"Q{i}", f"Tỉnh {i}", "peer")
                                                  for i in range(1, peers + 1)]
    for code, name, role in units:
        for year in YEARS:
            if gaps and rng.random() < 0.15:
                rank, score = None, None
            else:
                rank = rng.randint(10, 14)
                score = round(0.40 + rng.random() * 0.05, 4)
            status = rng.choice(["official", "official", "official", "derived", "uncertain"])
            rows.append({"year": year, "province_code": code, "name": name, "role": role,
                         "rank": rank, "score": score, "rank_status": status,
                         "score_status": status, "out_of": 63})
    for year in YEARS:
        rows.append({"year": year, "province_code": "VN", "name": "mean", "role": "mean",
                     "rank": None, "score": round(0.41 + rng.random() * 0.03, 4),
                     "rank_status": None, "score_status": "official", "out_of": None})
    return pd.DataFrame(rows)


def value_boxes(chart) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each value label (class "dta-value"): its text and box (x0, y0, x1, y1), from its
    anchor point, size and the text's advance width in DejaVu Sans (ascent 0.76 and descent
    0.24 of the size, as `svg.Svg.text` places text)."""
    boxes = []
    for e in ET.fromstring(chart.svg).iter(f"{SVG}text"):
        if e.get("class") != "dta-value":
            continue
        size = float(e.get("font-size"))
        width = v.text_width(e.text, size, e.get("font-weight") == "bold")
        x, y = float(e.get("x")), float(e.get("y"))
        x0 = {"middle": x - width / 2, "end": x - width}.get(e.get("text-anchor"), x)
        boxes.append((e.text, (x0, y - 0.76 * size, x0 + width, y + 0.24 * size)))
    return boxes


def drawn_lines(chart) -> list[tuple[list[tuple[float, float]], float]]:
    """Every line and polyline but the grid and the frame (#cccccc): its points and width."""
    lines = []
    for e in ET.fromstring(chart.svg).iter():
        if e.get("stroke") in (None, v.GRID):
            continue
        if e.tag == f"{SVG}polyline":
            points = [tuple(float(c) for c in p.split(",")) for p in e.get("points").split()]
        elif e.tag == f"{SVG}line":
            points = [(float(e.get("x1")), float(e.get("y1"))),
                      (float(e.get("x2")), float(e.get("y2")))]
        else:
            continue
        lines.append((points, float(e.get("stroke-width"))))
    return lines


def crosses(points, width, box) -> bool:
    """Whether a line of `width` through `points` passes over the box: sampled every
    quarter pixel along each segment (independent of the chart's own clipping)."""
    half = width / 2
    x0, y0, x1, y1 = box[0] - half, box[1] - half, box[2] + half, box[3] + half
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        steps = max(int(max(abs(bx - ax), abs(by - ay)) * 4), 1)
        for i in range(steps + 1):
            px, py = ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps
            if x0 < px < x1 and y0 < py < y1:
                return True
    return False


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CASES = [(seed, compact, gaps) for seed in range(8) for compact, gaps in
         ((False, False), (True, False), (False, True))]


@pytest.mark.parametrize(("seed", "compact", "gaps"), CASES)
def test_value_labels_overlap_no_line_and_no_other_label(seed, compact, gaps):
    traj = crowded(seed, gaps=gaps)
    if compact:  # the briefing's chart: ranks only, short
        traj = traj[traj["role"] != "mean"].assign(score=None)
    chart = charts.trajectory_chart(traj, "vi", title="Tỉnh chính", compact=compact,
                                    show_scores=not compact, max_named=None)
    boxes = value_boxes(chart)
    lines = drawn_lines(chart)
    for (text_a, a), (text_b, b) in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (text_a, a, text_b, b)
    for text, box in boxes:
        for points, width in lines:
            assert not crosses(points, width, box), (text, box, points)
    # crowded, yet most of the province's values keep their label (the rest are in its
    # table): at least one per year of the rank panel
    own = traj[(traj["role"] == "province")]
    assert len(boxes) >= own["rank"].notna().sum() * 0.5, (len(boxes), len(own))


def test_a_label_that_cannot_be_placed_is_left_out_not_drawn_over():
    """Every spot near a point covered by lines: the label is dropped, nothing overlaps."""
    svg = v.Svg(300, 200)
    ax = v.Axes(svg, 20, 20, 260, 160, (0, 10), (0, 10))
    for i in range(115):  # lines a pixel apart all around (5, 5)
        y = 1.5 + i * 0.07
        svg.line(ax.x(2), ax.y(y), ax.x(8), ax.y(y), "#123456", 1.0)
    svg.value_label(ax, ax.x(5), ax.y(5), "42", 12, "#000000", 3)
    svg.value_label(ax, ax.x(1), ax.y(0.8), "7", 12, "#000000", 3)  # free room: placed
    chart = v.SvgChart(svg.to_string(), 300, 200)
    assert [text for text, _ in value_boxes(chart)] == ["7"]


def test_method_notes_readable_and_above_the_data():
    """The method-change notes: at least 9 px on screen, at least 7 pt printed (a chart is
    950 px across A4's 186 mm of text), each above the plotting area it marks."""
    traj = crowded(1)
    chart = charts.trajectory_chart(traj, "en", title="Tỉnh chính")
    root = ET.fromstring(chart.svg)
    notes = [e for e in root.iter(f"{SVG}text") if e.get("fill") == "#444444"]
    assert len(notes) == 2  # 2021 and 2024 (analysis.METHOD_CHANGES)
    printed_pt = METHOD_SIZE * (186 / 25.4 * 72) / chart.width
    assert METHOD_SIZE >= 9 and printed_pt >= 7
    # the first panel's top: the highest horizontal grid line's y
    grid_top = min(float(e.get("y1")) for e in root.iter(f"{SVG}line")
                   if e.get("stroke") == v.GRID and e.get("y1") == e.get("y2"))
    for note in notes:
        assert float(note.get("y")) + 0.24 * float(note.get("font-size")) < grid_top


def test_a_rank_axis_spans_five_places_either_side():
    """13 → 14 is one place, not a cliff: the axis runs from at least 8 to 19."""
    traj = pd.DataFrame({"year": [2022, 2023], "province_code": "P0", "name": "Tỉnh",
                         "role": "province", "rank": [13, 14], "score": [None, None],
                         "rank_status": ["official"] * 2, "score_status": [None] * 2,
                         "out_of": [63, 63]})
    chart = charts.trajectory_chart(traj, "vi", show_scores=False)
    root = ET.fromstring(chart.svg)
    ticks = {int(e.text): float(e.get("y")) - 0.36 * float(e.get("font-size"))
             for e in root.iter(f"{SVG}text")
             if e.get("text-anchor") == "end" and (e.text or "").isdigit()}
    (r0, y0), (r1, y1) = min(ticks.items()), max(ticks.items())
    edges = [(float(e.get("y1")), float(e.get("y2"))) for e in root.iter(f"{SVG}line")
             if e.get("stroke") == v.GRID and e.get("x1") == e.get("x2")]
    top, bottom = min(min(e) for e in edges), max(max(e) for e in edges)

    def rank_at(y):
        return r0 + (y - y0) / (y1 - y0) * (r1 - r0)

    assert rank_at(top) <= 8 and rank_at(bottom) >= 19, (rank_at(top), rank_at(bottom))


def test_years_under_a_long_axis_never_overlap():
    """PCI since 2006 on the percentile chart: as many years labelled as fit, the latest
    always."""
    years = list(range(2006, 2025))
    traj = pd.DataFrame({"year": years, "percentile": [50.0 + i for i in range(len(years))],
                         "rank_status": ["official"] * len(years)})
    chart = ix_charts.percentile_chart({"pci": traj}, {"pci": "PCI"}, "Tỉnh", "vi")
    labels = []
    for e in ET.fromstring(chart.svg).iter(f"{SVG}text"):
        if e.get("text-anchor") == "middle" and (e.text or "").isdigit() and len(e.text) == 4:
            width = v.text_width(e.text, float(e.get("font-size")))
            labels.append((int(e.text), float(e.get("x")) - width / 2,
                           float(e.get("x")) + width / 2))
    assert 2024 in [year for year, *_ in labels] and len(labels) >= 5
    for (_, _, right), (_, left, _) in itertools.pairwise(sorted(labels, key=lambda l: l[1])):
        assert right < left
