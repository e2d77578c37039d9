"""Comparative views (issue #24) and a unit's fixed colour (issue #20, point 3), on the REAL
processed tables: the group API (`dtanalysis.compare`, `scores(province=[…])`, int64 years),
a group refused in one line whatever the way it is given, `data/raw/comparisons.csv`, each
index's history in a province report, one colour and marker per unit in every chart, and
(slow) the comparison page run through the real runner and kernel."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from browser import axe_violations
from test_bad_input import one_line, snapshot

import dtanalysis
from dtanalysis import analysis as an
from dtanalysis.analysis import group as grp
from dtanalysis.analysis import indices as ix
from dtanalysis.cli import main
from dtanalysis.errors import ParameterError
from dtanalysis.paths import Paths
from dtanalysis.report import charts
from dtanalysis.report.charts.style import BAND_COLOUR, MAX_NAMED, UNIT_COLOURS, unit_style

SVG = "{http://www.w3.org/2000/svg}"
SEED_GROUP = ["Hải Phòng", "Hải Dương", "Quảng Ninh"]
CODES = {"Hải Phòng": "31", "Hải Dương": "30", "Quảng Ninh": "22"}


# ------------------------------------------------------------------------------ the API


def test_compare_is_a_tidy_table_of_every_value_of_the_group(shipped_data, data):
    table = dtanalysis.compare(["hai phong", "TP. Hải Dương", "22"], unit_set="63",
                               root=shipped_data)
    assert table["year"].dtype == "int64"
    assert list(dict.fromkeys(table["province_code"])) == ["31", "30", "22"]  # order given
    assert {"province_code", "name", "index", "year", "metric", "score", "rank", "out_of",
            "status", "score_status", "rank_status", "source"} <= set(table.columns)
    assert not (table["score"].isna() & table["rank"].isna()).any()  # a gap is no row
    # every value of index_scores for the three units, and nothing else
    scores = data.index_scores
    own = scores[(scores["unit_set"] == "63") & scores["province_code"].isin(CODES.values())
                 & (scores["score"].notna() | scores["rank"].notna())]
    assert len(table) == len(own)
    assert set(table["index"]) == set(ix.catalogue(data)["index"])
    # each row's rank is "of out_of" as the province report says it (analysis.indices)
    for row in table[table["metric"] == table["index"]].itertuples():
        traj = ix.trajectory(data, row.province_code, "63", row.index)
        year = traj[traj["year"] == row.year].iloc[0]
        assert row.out_of == year["out_of"] and row.n_ranked == year["n_rank"]
        assert pd.isna(row.rank) or row.rank == year["rank"]


def test_a_gap_comes_with_its_reason_only_when_asked(shipped_data, data):
    plain = dtanalysis.compare(SEED_GROUP, root=shipped_data)
    asked = dtanalysis.compare(SEED_GROUP, root=shipped_data, with_reason=True)
    assert "reason" not in plain.columns and asked["year"].dtype == "int64"
    gaps = asked[asked["reason"].notna()]
    assert len(asked) == len(plain) + len(gaps) and not gaps.empty
    assert set(gaps["reason"]) <= set(grp.REASONS)
    assert gaps["score"].isna().all() and gaps["rank"].isna().all()
    # the gaps are those the province report says in words (analysis.indices.gaps)
    for code in CODES.values():
        said = {(g.index, g.year) for g in ix.gaps(data, code, "63")}
        mine = gaps[(gaps["province_code"] == code) & (gaps["reason"] != grp.NO_TABLE_FOR_SET)]
        assert set(zip(mine["index"], mine["year"])) == said


def test_a_unit_of_2025_did_not_exist_before_2025(shipped_data):
    gaps = dtanalysis.compare(["Hải Phòng", "Huế"], unit_set="34", root=shipped_data,
                              with_reason=True)
    gaps = gaps[gaps["reason"].notna()]
    assert set(gaps.loc[gaps["year"] < 2024, "reason"]) == {grp.NOT_YET_FORMED}
    assert (gaps.loc[gaps["reason"] == grp.NOT_YET_FORMED, "year"] < 2025).all()


def test_scores_takes_a_list_and_years_are_plain_ints(shipped_data):
    both = dtanalysis.scores("pci", province=["Quảng Ninh", "hai phong"], root=shipped_data)
    one = pd.concat([dtanalysis.scores("pci", province=n, root=shipped_data)
                     for n in ("Quảng Ninh", "hai phong")])
    assert len(both) == len(one) and set(both["province"]) == {"Quảng Ninh", "Hải Phòng"}
    assert both["year"].dtype == "int64"
    for table in ("dti", "index_scores"):
        assert dtanalysis.load(table, root=shipped_data)["year"].dtype == "int64"


@pytest.mark.parametrize("names,unit_set,expected", [
    (["Hải Phòng"], "63", "a comparison takes 2 to 8 units, not 1"),
    (["Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Cần Thơ", "TP.HCM", "Quảng Ninh", "An Giang",
      "Lào Cai"], "63", "a comparison takes 2 to 8 units, not 9"),
    (["Hải Phòng", "Quảng Ninh", "hai-phong"], "63", "'hai-phong' names Hải Phòng a second"),
    (["Hải Phòng", "31"], "63", "'31' names Hải Phòng a second time"),
    (["Hải Phòng", "Hải Dương"], "34", "'Hải Dương' is Hải Dương, a unit of the 63-unit set"),
    (["Hải Phòng", "Atlantis"], "63", "Atlantis"),
])
def test_a_bad_group_is_refused_by_the_api(names, unit_set, expected, shipped_data):
    with pytest.raises(ParameterError) as refused:
        dtanalysis.compare(names, unit_set=unit_set, root=shipped_data)
    assert expected in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("argv,expected", [
    (["--province", "Hải Phòng"], "a comparison takes 2 to 8 units, not 1"),
    ([f"--province={n}" for n in ("01", "02", "04", "06", "08", "10", "11", "12", "14")],
     "not 9"),
    (["--province", "Hải Phòng", "--province", "HẢI PHÒNG"], "names Hải Phòng a second time"),
    (["--province", "Hai Phong", "--province", "Hải Dương", "--set", "34"],
     "a unit of the 63-unit set"),
])
def test_a_bad_group_on_the_command_line_is_one_line_and_writes_nothing(argv, expected,
                                                                        project_copy, capsys):
    before = snapshot(project_copy)
    assert main(["compare", *argv, "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy) == before


# ------------------------------------------------------------------ comparisons.csv


def test_the_shipped_comparison_is_planned_and_linked_from_each_member(shipped_data):
    from dtanalysis.runner.jobs import build_plan

    plan = build_plan(Paths.at(shipped_data), "vi")
    compare = [j for j in plan if j.kind == "compare"]
    assert [j.html.as_posix().split("reports/")[1] for j in compare] == [
        "compare/hai-phong--hai-duong--quang-ninh.html"]
    assert compare[0].parameters == {"provinces": SEED_GROUP, "unit_set": "63", "lang": "vi"}
    linked = {j.parameters["province"] for j in plan
              if j.kind == "province" and j.unit_set == "63" and "comparisons" in j.parameters}
    assert linked == set(SEED_GROUP)
    hp = next(j for j in plan if j.kind == "province" and j.slug == "hai-phong"
              and j.unit_set == "63")
    assert hp.parameters["comparisons"] == [
        ["../compare/hai-phong--hai-duong--quang-ninh.html", "Hải Phòng · Hải Dương · Quảng Ninh"]]


def test_a_member_report_links_its_comparisons_and_only_pages_beside_it(data):
    from dtanalysis import report

    ctx = report.report_context("Hải Dương", "63", lang="en", data=data)
    links = [["../compare/hai-phong--hai-duong--quang-ninh.en.html", "Hải Phòng · <b>x</b>"],
             ["javascript:alert(1)", "bad"], ["https://example.invalid/x", "remote"]]
    html = report.show_comparison_links(ctx, links)[0].data
    assert html.count("<a ") == 1
    assert ('<a href="../compare/hai-phong--hai-duong--quang-ninh.en.html">Hải Phòng · '
            "&lt;b&gt;x&lt;/b&gt;</a>") in html
    assert html.startswith('<p class="dta-comparisons">Group comparisons with Hải Dương: ')
    assert report.show_comparison_links(ctx, []) == []


@pytest.mark.parametrize("rows,expected", [
    ("63,Hải Phòng\n", "comparisons.csv, row 2: a comparison takes 2 to 8 units, not 1"),
    ("63,Hải Phòng; hai phong\n", "comparisons.csv, row 2: 'hai phong' names Hải Phòng"),
    ("34,Hải Phòng; Hải Dương\n", "comparisons.csv, row 2: 'Hải Dương' is Hải Dương, a unit"),
    ("63,Quảng Ninh; Hải Phòng; Hải Dương\n", "comparisons.csv, row 3: the same group as row 2"),
    ("62,Hải Phòng; Quảng Ninh\n", "comparisons.csv, row 2: unknown unit set '62'"),
])
def test_a_bad_row_of_comparisons_csv_is_refused_in_one_line(rows, expected, project_copy,
                                                             capsys):
    path = project_copy / "data/raw/comparisons.csv"
    keep = "63,Hải Phòng; Hải Dương; Quảng Ninh\n" if "row 3" in expected else ""
    path.write_text("unit_set,units,note\n" + keep + rows, encoding="utf-8")
    processed = snapshot(project_copy / "data/processed")
    assert main(["build", "--root", str(project_copy)]) == 2
    assert expected in one_line(capsys)
    assert snapshot(project_copy / "data/processed") == processed
    assert not (project_copy / "reports/compare").exists()


# ------------------------------------------------------- each index's history, section 9


def test_a_province_report_shows_each_index_every_year(data):
    from dtanalysis import report

    ctx = report.report_context("Quảng Ninh", "63", lang="vi", data=data)
    html = "\n".join(getattr(o, "data", "") for o in report.show_indices(ctx)
                     if isinstance(getattr(o, "data", ""), str))
    for label in ("DTI", "PCI", "PAPI"):
        assert f"{label} của Quảng Ninh qua từng năm" in html
    # PCI 2020 of Quảng Ninh, 75,09 and first of 63 (its CSV had it; the page did not)
    pci = ix.trajectory(data, "22", "63", "pci")
    first = pci[pci["year"] == 2020].iloc[0]
    score = f"{first['score']:.2f}".replace(".", ",")
    assert f"<td>2020</td><td>{score}</td><td>{int(first['rank'])} / {first['out_of']}</td>" \
        in html
    # sub-indices by year, one column per year the unit has them
    subs = ix.sub_index_history(data, "22", "63", "papi")
    assert subs["year"].dtype == "int64" and not subs.empty
    assert "PAPI của Quảng Ninh: các chỉ số thành phần theo năm." in html
    for year in sorted(set(subs["year"])):
        assert f'<th scope="col">{year}</th>' in html
    en = report.report_context("Quảng Ninh", "63", lang="en", data=data)
    text = "\n".join(getattr(o, "data", "") for o in report.show_indices(en)
                     if isinstance(getattr(o, "data", ""), str))
    assert "PCI of Quảng Ninh, every year" in text and "no value" in text


# ------------------------------------------------------------ a unit's colour and marker


def test_every_code_has_its_own_colour_and_marker():
    styles = {f"{n:02d}": unit_style(f"{n:02d}") for n in range(1, 100)}
    assert len(set(styles.values())) == 99
    assert {c for c, _ in styles.values()} == set(UNIT_COLOURS)
    assert all(m != "D" for _, m in styles.values())  # the diamond says "uncertain"
    assert unit_style(31) == unit_style("31")
    assert len({unit_style(c)[0] for c in CODES.values()}) == 3  # the seed group


def _legend(chart) -> dict[str, str]:
    """Legend label → colour of the sample drawn just before it."""
    elements = list(ET.fromstring(chart.svg))
    out = {}
    for i, element in enumerate(elements):
        if element.tag == f"{SVG}text" and element.text:
            sample = next((e for e in reversed(elements[:i])
                           if e.tag in (f"{SVG}line", f"{SVG}rect")), None)
            if sample is not None:
                out[element.text] = sample.get("stroke") or sample.get("fill")
    return out


def test_a_unit_keeps_its_colour_in_every_report_and_a_peer_chart_names_at_most_six(data):
    def chart(code, peers="region"):
        peer_codes = an.peers(data, code, "63", peers)
        return peer_codes, charts.trajectory_chart(
            an.trajectory(data, code, "63", peer_codes), "vi", title="t")

    hp_peers, hp = chart("31")
    _, qn = chart("22", ["Hải Phòng"])
    hp_legend, qn_legend = _legend(hp), _legend(qn)
    assert qn_legend["Quảng Ninh"] == unit_style("22")[0]     # its own report
    assert qn_legend["Hải Phòng"] == hp_legend["Hải Phòng"] == unit_style("31")[0]
    # Hải Phòng's region has more peers than a chart names: six lines, the rest a band
    assert len(hp_peers) + 1 > MAX_NAMED
    names = {an.name_of(data, c, "63") for c in ["31", *hp_peers]}
    named = [label for label in hp_legend if label in names]
    assert len(named) == MAX_NAMED and "Hải Phòng" in named
    band = [label for label, colour in hp_legend.items() if colour == BAND_COLOUR]
    assert band == [f"{len(hp_peers) + 1 - MAX_NAMED} đơn vị khác (khoảng giá trị)"]
    assert any(e.get("fill") == BAND_COLOUR for e in ET.fromstring(hp.svg).iter(f"{SVG}polygon"))


def test_the_comparison_charts_use_the_same_colours(data):
    from dtanalysis import report

    ctx = report.compare_context(SEED_GROUP, "63", "en", data=data)
    images = [o for o in report.show_compare_trajectories(ctx)
              if hasattr(o, "_repr_mimebundle_")]
    assert len(images) == len(ix.catalogue(data))  # one chart per index with values
    for image in images:
        legend = _legend(charts.SvgChart(image.data, 0, 0))
        for name, code in CODES.items():
            assert legend[name] == unit_style(code)[0]


# ------------------------------------------------------------------ the page (slow)


@pytest.mark.slow
def test_the_comparison_page_runs_through_the_runner(project_copy, capsys, require_chromium):
    root = str(project_copy)
    assert main(["compare", "--province", "Hải Phòng", "--province", "hai duong",
                 "--province", "Quảng Ninh", "--root", root]) == 0
    assert main(["compare", "--province", "Hải Phòng", "--province", "hai duong",
                 "--province", "Quảng Ninh", "--lang", "en", "--root", root]) == 0
    folder = project_copy / "reports/compare"
    stem = "hai-phong--hai-duong--quang-ninh"
    for suffix in (".html", ".ipynb", ".csv", ".xlsx", ".json", ".en.html", ".en.csv"):
        assert (folder / f"{stem}{suffix}").is_file(), suffix
    vi = (folder / f"{stem}.html").read_text(encoding="utf-8")
    en = (folder / f"{stem}.en.html").read_text(encoding="utf-8")
    assert "So sánh: Hải Phòng · Hải Dương · Quảng Ninh" in vi
    assert "Comparison: Hải Phòng · Hải Dương · Quảng Ninh" in en
    for heading in ("1. The national indices side by side", "2. Each index over the years",
                    "3. Each unit's own targets", "4. The indicators they share",
                    "5. The 2025 merger"):
        assert heading in en
    assert "Hải Phòng and Hải Dương merged into Hải Phòng (31) on 1 July 2025." in en
    assert en.count('src="data:image/svg+xml;base64,') >= 3  # a chart per index
    assert "63 of 63 units ranked" in en                      # coverage stated
    assert "Traceback" not in vi and "Traceback" not in en
    # offline, accessible: axe-core finds no serious or critical violation in either language
    pages = [folder / f"{stem}.html", folder / f"{stem}.en.html"]
    assert {page: lines for page, lines in axe_violations(pages).items() if lines} == {}
    assert '<html lang="en">' in en and "http://" not in en.split("<body")[0]
    numbers = pd.read_csv(folder / f"{stem}.csv", encoding="utf-8-sig", dtype=str)
    assert set(numbers["province_code"]) == set(CODES.values())
    pci = numbers[(numbers["index"] == "pci") & (numbers["province_code"] == "22")
                  & (numbers["period"] == "2020") & (numbers["item"] == "pci")]
    assert set(pci["measure"]) == {"score", "rank"}
    # the index page lists it; a second run with nothing changed is up to date
    # (one language per index page: each lists the comparison in its own language)
    index = (project_copy / "reports/index.html").read_text(encoding="utf-8")
    index_en = (project_copy / "reports/index.en.html").read_text(encoding="utf-8")
    assert f'href="compare/{stem}.html"' in index and f'href="compare/{stem}.en.html"' in index_en
    capsys.readouterr()
    assert main(["compare", "--province", "22", "--province", "31", "--province", "30",
                 "--root", root]) == 0
    assert (folder / "quang-ninh--hai-phong--hai-duong.html").is_file()  # the order given
    assert main(["compare", "--province", "Hải Phòng", "--province", "hai duong",
                 "--province", "Quảng Ninh", "--root", root]) == 0
    assert "1 up to date" in capsys.readouterr().err


def test_each_units_targets_side_by_side_and_no_na_text(data):
    from dtanalysis import report

    for lang in ("vi", "en"):
        ctx = report.compare_context(SEED_GROUP, "63", lang, data=data)
        html = "\n".join(getattr(o, "data", "") for o in report.show_compare_targets(ctx))
        assert "NA&gt;" not in html and "<NA>" not in html and "nan" not in html
        targets = grp.group_targets(data, list(CODES.values()), "63")
        assert html.count("<tr>") == len(targets) + 1  # a row per target, and the header
        text_targets = targets[targets["target_value"].isna()]
        for written in text_targets["target_as_written"].dropna():  # qualitative: in words
            assert str(written).replace("<", "&lt;")[:30] in html



@pytest.mark.parametrize("lang,rank_other,score_other", [("vi", "10", "0,5293"),
                                                        ("en", "10", "0.5293")])
def test_a_disputed_value_shows_the_other_sources_value_beside_it_on_the_comparison(
        lang, rank_other, score_other):
    """Claims rule 5 on the comparison page's values tables: a rank or score another source
    gives otherwise (`index_scores.disputed`, as the merge writes it) carries the other value
    beside it; an undisputed value carries no mark. (The shipped data's two disputes are of
    sub-indices, which the comparison does not show: the rows here are made up.)"""
    from dtanalysis.report.sections.compare import _values_table

    frame = pd.DataFrame({
        "name": ["A", "A", "B"], "year": [2022, 2023, 2023],
        "rank": pd.array([8, 9, 3], dtype="Float64"),
        "rank_status": ["published"] * 3,
        "score": pd.array([0.4513, 0.5, 0.6], dtype="Float64"),
        "score_status": ["published"] * 3,
        "disputed": [("rank 10 (published, data/raw/x.csv:3, https://example.org/a); "
                      "score 0.5293 (derived, data/raw/x.csv:4, https://example.org/b)"),
                     None, None]})
    table = _values_table(frame, 1, lang)
    ranks, scores = table.iloc[:, 2].tolist(), table.iloc[:, 3].tolist()
    assert "⚠" in ranks[0] and rank_other in ranks[0].split("⚠")[1]
    assert "⚠" in scores[0] and score_other in scores[0].split("⚠")[1]
    assert not any("⚠" in c for c in ranks[1:] + scores[1:])
