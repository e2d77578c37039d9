"""`analysis.indices` and report section 9 / overview section 6 on the REAL processed tables
(DTI, PCI, PAPI), plus the same tables cut down (in memory) to fewer than ten provinces."""

from __future__ import annotations

import dataclasses

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from IPython.display import HTML, Image, Markdown

from dtanalysis.analysis import indices as ix
from dtanalysis.report import overview_context, report_context, show_index_comparison, show_indices
from dtanalysis.report.display import SvgImage

HP, HA_GIANG, QUANG_NINH = "31", "02", "22"


def text_of(objects) -> str:
    return "\n".join(o.data for o in objects if isinstance(o, (Markdown, HTML)))


def test_catalogue_lists_every_index_with_its_overall_metric(data):
    catalogue = ix.catalogue(data)
    assert dict(zip(catalogue["index"], catalogue["root"])) == {"dti": "dti", "pci": "pci",
                                                                 "papi": "papi"}


def test_scorecard_of_hai_phong(data):
    card = ix.scorecard(data, HP, "63").set_index("index")
    pci = card.loc["pci"]
    assert (pci["year"], pci["score"], pci["rank"], pci["status"]) == (2024, 74.84, 1, "reported")
    assert pci["out_of"] == 63 and pci["percentile"] == 100
    assert (pci["previous_year"], pci["rank_change"]) == (2023, 2)  # 3rd in 2023
    assert pci["methods_between"] == ()
    papi = card.loc["papi"]
    assert (papi["year"], papi["rank"], papi["status"], papi["out_of"]) == (2024, 42, "derived",
                                                                            61)
    assert papi["percentile"] == pytest.approx(100 * (61 - 42) / 60)
    assert round(papi["score"], 4) == 42.7037
    dti = card.loc["dti"]
    # the published 2023 rank leads; 2024's uncertain 3 stands beside it (`later`)
    assert (dti["year"], dti["rank"], dti["rank_status"]) == (2023, 8, "reported")
    assert [(y, r, s) for y, r, s, _, _ in dti["later"]] == [(2024, 3, "uncertain")]
    assert (dti["previous_year"], dti["rank_change"]) == (2022, 6)
    assert dti["methods_between"] == ()


def test_a_set_without_tables_is_said_so(data):
    card = ix.scorecard(data, HP, "34").set_index("index")
    assert card.loc["pci", "years_published"] == () and pd.isna(card.loc["pci", "year"])
    text = text_of(show_indices(report_context("Hải Phòng", "34", lang="en", data=data)))
    assert "**PCI**: no table for the 34-unit set" in text
    assert "**PAPI**: no table for the 34-unit set" in text


def test_gaps_are_gaps_with_their_reason(data):
    gaps = {(g.index, g.year): g for g in ix.gaps(data, HA_GIANG, "63")}
    top30 = gaps[("pci", 2023)]
    assert not top30.listed and top30.methods == (2021, 2023)  # both in force in 2023
    assert ("pci", 2020) not in gaps  # ranked 2020 (complete table)
    text = text_of(show_indices(report_context("Hà Giang", "63", lang="en", data=data)))
    # declared top 30, 11 of 30 held: Hà Giang may be outside it or not collected
    assert ("**PCI 2023**: not in the collected tables — 11 of the 30 published ranks are held "
            "here") in text and "may be outside it" in text
    assert "From 2023 VCCI publishes only the top 30 provinces" in text
    # Quảng Ninh's PAPI 2021 row is empty in the panel: a gap, never a zero.
    papi_2021 = ix.trajectory(data, QUANG_NINH, "63", "papi").set_index("year").loc[2021]
    assert not papi_2021["listed"] and pd.isna(papi_2021["score"])
    # A member of the top 30 without a rank: in the table, no rank, its note said.
    member = {(g.index, g.year): g for g in ix.gaps(data, "37", "63")}[("pci", 2023)]
    assert member.listed and "top-30" in member.note


def test_sub_indices_with_e_governance_highlighted(data):
    rows = ix.sub_indices(data, HP, "63", "papi")
    assert list(rows["metric"])[-1] == "e_governance" and rows["highlight"].sum() == 1
    assert (rows["year"] == 2024).all() and (rows["n"] == 61).all()
    assert (rows["status"] == "derived").all()
    objects = show_indices(report_context("Hải Phòng", "63", lang="vi", data=data))
    charts = [o for o in objects if isinstance(o, (Image, SvgImage))]
    assert len(charts) == 2  # percentile; PAPI (highlighted)
    # Every chart has its alt text; the percentile chart its numbers as a table too.
    assert all(o.alt for o in charts)
    text = text_of(objects)
    assert 'class="dta-chart-data"' in text
    assert "Gia nhập thị trường" in text  # PCI 2021's sub-indices: a table
    assert "Chữ đậm: Quản trị điện tử" in text
    assert "1 / 63" in text and "42† / 61" in text and "74,84 (0–100)" in text


def test_rank_comparison_matches_an_independent_spearman(data):
    pairs = {c.index_b: c for c in ix.comparisons(data, "63")}
    papi = pairs["papi"]
    assert (papi.index_a, papi.year_a, papi.year_b, papi.n) == ("dti", 2022, 2022, 61)
    expected = papi.pairs["rank_a"].astype(float).corr(papi.pairs["rank_b"].astype(float),
                                                       method="spearman")
    assert papi.correlation == pytest.approx(expected)
    assert pairs["pci"].year_b == 2022 and pairs["pci"].n == 23  # PCI 2022: 23 of 63 held
    text = text_of(show_index_comparison(overview_context("63", "en", data=data)))
    assert "**DTI 2022 and PAPI 2022**: 61 provinces have both ranks" in text
    assert 'class="dta-chart-data"' in text


def test_fewer_than_ten_in_common_draws_nothing(data):
    scores = data.index_scores
    few = scores[(scores["index"] != "pci") | scores["province_code"].isin(
        ["01", "22", "31", "48", "79"])]
    cut = dataclasses.replace(data, index_scores=few.reset_index(drop=True))
    pci = next(c for c in ix.comparisons(cut, "63") if c.index_b == "pci")
    assert pci.n == 5 and pci.correlation is None
    context = dataclasses.replace(overview_context("63", "en", data=data), data=cut)
    objects = show_index_comparison(context)
    assert "only 5 provinces have both ranks, fewer than 10: no chart" in text_of(objects)
    assert sum(isinstance(o, Image) for o in objects) == 1  # PAPI's chart only


def test_latest_rankings_side_by_side(data):
    # Before: the overview showed no index's ranking but DTI's; now each index's latest
    # ranking of at least half the units, one column each, a unit not ranked left blank.
    rankings, table = ix.side_by_side(data, "63")
    assert [(r.index, r.year, r.n_ranked) for r in rankings] == [
        ("dti", 2022, 63), ("papi", 2024, 61), ("pci", 2020, 63)]
    scores = data.index_scores
    for r in rankings:
        rows = scores[(scores["index"] == r.index) & (scores["metric"] == r.index)
                      & (scores["year"] == r.year) & (scores["unit_set"] == "63")
                      & scores["rank"].notna()]
        expected = dict(zip(rows["province_code"], rows["rank"].astype(float)))
        got = table.dropna(subset=[f"{r.index}_rank"])
        assert dict(zip(got["province_code"], got[f"{r.index}_rank"].astype(float))) == expected
    assert table["dti_rank"].tolist()[:3] == [1, 2, 3]            # ordered by DTI 2022
    assert table["papi_rank"].isna().sum() == 2                   # PAPI's excluded provinces
    text = text_of(show_index_comparison(overview_context("63", "en", data=data)))
    assert "PAPI 2024: 61/63 units ranked" in text and "not a low rank" in text
    (_, units34) = ix.side_by_side(data, "34")
    assert list(units34.columns[2:]) == ["dti_rank", "dti_status"]  # no PCI/PAPI table yet


def test_a_later_uncertain_value_never_leads_section_9(data):
    # Before: section 9 led with Hà Nội's DTI 2024 rank 4‡ (a six-rank press list) while
    # section 1 and the briefing led with the published 2023 rank 6.
    card = ix.scorecard(data, "01", "63").set_index("index")
    dti = card.loc["dti"]
    assert (dti["year"], dti["rank"], dti["rank_status"]) == (2023, 6, "reported")
    assert [(y, r, s) for y, r, s, _, _ in dti["later"]] == [(2024, 4, "uncertain")]
    text = text_of(show_indices(report_context("Hà Nội", "63", lang="en", data=data)))
    assert "DTI: the table leads with the value published for 2023" in text
    assert "2024: 4‡" in text


def test_a_set_ranked_by_no_broad_table_says_so(data):
    rankings, _ = ix.side_by_side(data, "34")
    assert [(r.index, r.year, r.n_ranked, r.broad) for r in rankings] == [
        ("dti", 2024, 8, False)]
    text = text_of(show_index_comparison(overview_context("34", "en", data=data)))
    assert "DTI 2024: only 8/34 units ranked (no year ranks half of them yet)" in text


@pytest.mark.parametrize("order", [("dti", "papi", "pci"), ("pci", "dti", "papi")])
def test_a_charted_sub_index_table_comes_right_after_its_chart(data, order, monkeypatch):
    """Section 8's tables sit side by side in print (`dta-histories`); the one whose chart is
    drawn across the page above them (PAPI's, e-governance highlighted) is the first block,
    so nothing comes between a chart and its table, on screen or on paper — whatever the
    catalogue's order of the indices (PCI, with a table of its own, put before PAPI)."""
    scorecard = ix.scorecard
    monkeypatch.setattr(ix, "scorecard", lambda *a: scorecard(*a).set_index("index")
                        .loc[list(order)].reset_index())
    objects = show_indices(report_context("Hải Phòng", "63", lang="vi", data=data))
    chart = max(i for i, o in enumerate(objects)
                if isinstance(o, (Image, SvgImage)) and "PAPI" in o.alt)
    later = [o for o in objects[chart + 1:] if isinstance(o, HTML)
             and 'class="dta-histories"' in o.data]
    assert later, "the tables' group follows the chart"
    first = later[0].data.split('<div class="dta-history">')[1]
    assert "Quản trị điện tử" in first and "Gia nhập thị trường" not in first
