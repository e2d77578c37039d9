"""Tests of `dtanalysis.report`: charts, texts (`i18n`), the report context and every section,
on the REAL processed tables and on SYNTHETIC frames; one end-to-end run of
`notebooks/province_report.ipynb` with papermill (marked slow)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import itertools

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from synthetic import tiny_data

from dtanalysis import analysis as an
from dtanalysis import report as rs
from dtanalysis.report import charts, i18n

ROOT = Path(__file__).resolve().parents[2]
HP, HD = "31", "30"
SVG = "{http://www.w3.org/2000/svg}"


def _svg_segments(svg: str, years: list[int]) -> tuple[list, list]:
    """(solid, dashed) year pairs an SVG trajectory chart joins with a coloured line: the x of
    each year from its tick label; grid and method lines (grey) and the legend's samples (not
    at a year) left out."""
    root = ET.fromstring(svg)
    at = {float(e.get("x")): int(e.text) for e in root.iter(f"{SVG}text")
          if e.text and e.text.isdigit() and int(e.text) in years}

    def year(x: float) -> int | None:
        nearest = min(at, key=lambda position: abs(position - x))
        return at[nearest] if abs(nearest - x) < 0.01 else None

    solid, dashed = [], []
    for e in root.iter():
        if e.get("stroke") in ("#cccccc", "#888888", None):
            continue
        if e.tag == f"{SVG}polyline":
            points = [float(p.split(",")[0]) for p in e.get("points").split()]
        elif e.tag == f"{SVG}line" and e.get("x1") != e.get("x2"):
            points = [float(e.get("x1")), float(e.get("x2"))]
        else:
            continue
        pairs = [(year(x0), year(x1)) for x0, x1 in itertools.pairwise(points)]
        if all(None in pair for pair in pairs):
            continue  # a legend sample
        assert not any(None in pair for pair in pairs), pairs
        (dashed if e.get("stroke-dasharray") else solid).extend(pairs)
    return solid, dashed


def test_synthetic_chart_never_joins_across_a_missing_year():
    data = tiny_data()
    traj = an.trajectory(data, "A1", "63", ["A2"])
    chart = charts.trajectory_chart(traj, "en")
    solid, dashed = _svg_segments(chart.svg, [2020, 2021, 2022])
    # A2's values are derived / uncertain in 2020 and 2021: both its segments dashed.
    assert (2020, 2021) in dashed and (2021, 2022) in dashed
    assert (2020, 2022) not in solid + dashed  # A1 has no 2021 rank: never joined
    assert not solid  # no two consecutive stated values here
    ranks = {e.text: float(e.get("y")) for e in ET.fromstring(chart.svg).iter(f"{SVG}text")
             if e.text in ("1", "3")}
    assert ranks["1"] < ranks["3"]  # rank 1 at the top
    assert 9 * charts.DPI <= chart.width <= 10 * charts.DPI


def test_a_stated_run_is_one_solid_line_broken_at_a_gap():
    traj = pd.DataFrame({
        "year": [2020, 2021, 2022, 2023, 2024], "province_code": "A1", "name": "Tỉnh A",
        "role": "province", "rank": [5, 4, None, 3, 2], "score": [None] * 5,
        "rank_status": ["official"] * 5, "score_status": [None] * 5})
    chart = charts.trajectory_chart(traj, "vi", show_scores=False)
    solid, dashed = _svg_segments(chart.svg, [2020, 2021, 2022, 2023, 2024])
    assert sorted(solid) == [(2020, 2021), (2023, 2024)] and not dashed
    polylines = list(ET.fromstring(chart.svg).iter(f"{SVG}polyline"))
    assert len(polylines) == 2  # one per stated run, none across the gap


def test_charts_render_vietnamese_and_return_figures(data):
    position = an.national_position(data, "63", code=HP)
    figures = [
        charts.rank_heatmap(an.rank_matrix(data, "63"), "63", "vi"),
        charts.regions_chart(position, "vi"),
        charts.coverage_chart(an.coverage(data, "63"), "vi"),
    ]
    try:
        for fig in figures:
            assert isinstance(fig, matplotlib.figure.Figure)
            assert 9 <= fig.get_size_inches()[0] <= 10
            fonts = {t.get_fontname() for t in fig.findobj(matplotlib.text.Text) if t.get_text()}
            assert fonts == {"DejaVu Sans"}
    finally:
        for fig in figures:
            plt.close(fig)
    svgs = [
        charts.position_chart(position, "vi", highlight=HP),
        charts.pillars_chart(an.pillars(data, HP, "63"), "Hải Phòng", 2022, "vi"),
        charts.targets_chart(an.targets_progress(data, HP, "63"), "Hải Phòng", "vi"),
        charts.trajectory_chart(an.trajectory(data, HP, "63", []), "vi", title="Hải Phòng"),
    ]
    for chart in svgs:
        assert isinstance(chart, charts.SvgChart)
        assert 9 * charts.DPI <= chart.width <= 10 * charts.DPI
        root = ET.fromstring(chart.svg)  # well-formed
        assert root.get("font-family").startswith("'DejaVu Sans'")
        texts = "".join(e.text or "" for e in root.iter(f"{SVG}text"))
        assert "Hải Phòng" in texts  # Vietnamese as text, not outlines


# =========================================================================== i18n, context


def test_i18n_languages_have_the_same_keys():
    assert set(i18n.STRINGS["vi"]) == set(i18n.STRINGS["en"])
    for key in i18n.STRINGS["vi"]:
        vi, en = i18n.STRINGS["vi"][key], i18n.STRINGS["en"][key]
        fields = {f.split("!")[0] for f in pd.Series([vi]).str.findall(r"\{(\w+[^}]*)\}")[0]}
        assert fields == {f.split("!")[0]
                          for f in pd.Series([en]).str.findall(r"\{(\w+[^}]*)\}")[0]}, key


def test_i18n_errors_and_numbers():
    with pytest.raises(KeyError):
        i18n.t("no_such_key", "vi")
    with pytest.raises(ValueError):
        i18n.t("title", "fr", name="x")
    assert i18n.fmt_number(2224, "vi") == "2.224" and i18n.fmt_number(2224, "en") == "2,224"
    assert i18n.fmt_score(0.5, "vi") == "0,5000" and i18n.fmt_score(0.5, "en") == "0.5000"
    assert i18n.fmt_number(float("nan")) == ""
    assert i18n.fmt_with_unit(2045, "count", "vi", "more_than") == "hơn 2.045"
    assert i18n.t("h_headline", "vi") != i18n.t("h_headline", "en")


def test_every_text_used_by_the_sections_exists():
    package = Path(rs.__file__).parent  # every section, chart and display helper
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py"))
                     if "i18n" not in p.parts)

    used = set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", source))
    assert used and used <= set(i18n.STRINGS["vi"])


def test_report_context_checks_parameters(data):
    ctx = rs.report_context("hai phong", "63", None, "region", "en", data=data)
    assert ctx.code == HP and ctx.lang == "en" and HD in ctx.peer_codes
    with pytest.raises(ValueError, match="Xyz"):
        rs.report_context("Xyz", data=data)
    with pytest.raises(ValueError, match="unit_set"):
        rs.report_context("Hải Phòng", "64", data=data)
    with pytest.raises(ValueError, match="fr"):
        rs.report_context("Hải Phòng", lang="fr", data=data)
    with pytest.raises(ValueError, match="1999"):
        rs.report_context("Hải Phòng", year=1999, data=data)
    with pytest.raises(ValueError, match="Hải Dương"):
        rs.report_context("Hải Dương", "34", data=data)  # merged away: the error says so


@pytest.mark.parametrize("province,unit_set,lang", [
    ("Hải Phòng", "63", "vi"), ("Bắc Kạn", "63", "en"), ("Hải Phòng", "34", "vi"),
])
def test_every_section_renders(data, province, unit_set, lang):
    ctx = rs.report_context(province, unit_set, lang=lang, data=data)
    texts = []
    for show in (rs.show_title, rs.show_headline, rs.show_trajectory, rs.show_position,
                 rs.show_pillars, rs.show_targets, rs.show_indicators, rs.show_merger,
                 rs.show_about, rs.show_indices):
        for obj in show(ctx):
            texts.append(obj.to_html() if hasattr(obj, "to_html") else
                         getattr(obj, "data", b""))
    markdown = "\n".join(x for x in texts if isinstance(x, str))
    for heading in rs.section_headings(lang):
        assert heading in markdown
    assert not plt.get_fignums()  # every figure was closed


def test_headline_sentence_for_a_missing_score(data):
    ctx = rs.report_context("Hải Phòng", "63", 2022, lang="en", data=data)
    text = rs.show_headline(ctx)[1].data
    assert "The data hold no DTI score of Hải Phòng for 2022; only its rank (14) is known." in text


# =========================================================================== end to end


@pytest.mark.slow
def test_province_report_notebook_end_to_end(tmp_path, shipped_data):
    papermill = pytest.importorskip("papermill")
    notebooks = ROOT / "notebooks"
    source = (notebooks / "province_report.ipynb").read_text(encoding="utf-8")
    assert "great_expectations" not in source
    out = tmp_path / "province_report.ipynb"
    papermill.execute_notebook(
        str(notebooks / "province_report.ipynb"), str(out),
        parameters={"province": "Hải Phòng", "unit_set": "63", "lang": "vi"},
        kernel_name="python3", cwd=str(notebooks), progress_bar=False)
    import nbformat

    nb = nbformat.read(str(out), as_version=4)
    markdown, images = [], 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            data_ = output.get("data", {})
            markdown.append(data_.get("text/markdown", ""))
            images += "image/png" in data_ or "image/svg+xml" in data_
    text = "\n".join(markdown)
    for heading in rs.section_headings("vi"):
        assert heading in text, heading
    assert "Hải Phòng" in text and images >= 4

