"""The one-page briefing (`analysis.briefing`, `report.sections.briefing`) on the REAL processed
tables and on SYNTHETIC frames (tests/synthetic.py)."""

from __future__ import annotations

import dataclasses
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from synthetic import tiny_data

from dtanalysis import report as rs
from dtanalysis.analysis import briefing as bf
from dtanalysis.report.sections.briefing import key_points

HP, QN = "31", "22"


def _texts(objects) -> str:
    out = []
    for obj in objects:
        data = getattr(obj, "data", "")
        out.append(data if isinstance(data, str) else "")
    return "\n".join(out)


def test_lead_is_the_published_value_and_the_later_uncertain_one_stands_beside_it(data):
    # Quảng Ninh: 2022 rank 3 (official), 2023 rank 12 (uncertain, from the order of a list)
    row = bf.dti_row(data, QN, "63")
    assert (row.lead.year, row.lead.rank, row.lead.rank_status) == (2022, 3, "official")
    assert row.later is not None and (row.later.year, row.later.rank) == (2023, 12)
    assert row.later.rank_status == "uncertain"
    # a year asked for is shown as asked, with no substitution
    assert bf.dti_row(data, QN, "63", 2023).lead.year == 2023
    # Hải Phòng (index_scores): 2023 rank 8 (reported) leads; 2024 rank 3 (uncertain, list
    # order) stands beside it
    hp = bf.dti_row(data, HP, "63")
    assert (hp.lead.year, hp.lead.rank, hp.lead.rank_status) == (2023, 8, "reported")
    assert (hp.later.year, hp.later.rank, hp.later.rank_status) == (2024, 3, "uncertain")


def test_subindices_need_a_median_of_at_least_three_units():
    data = tiny_data()  # 2022 kinh_te_so scores: A1 0.7, A2 0.9, A3 0.4 (three units)
    standing = bf.subindex_standing(data, "A2", "63")
    assert list(standing["metric"]) == ["kinh_te_so"] and standing["basis"].iloc[0] == "score"
    assert standing["margin"].iloc[0] == pytest.approx(0.2)
    assert bf.briefing(data, "A3", "63").weakest["metric"].tolist() == ["kinh_te_so"]
    assert bf.briefing(data, "A3", "63").strongest.empty
    # with a third unit gone, no median of >= 3 is left: nothing is compared
    fewer = dataclasses.replace(data, dti=data.dti[data.dti["province_code"] != "A3"])
    assert bf.subindex_standing(fewer, "A2", "63").empty


def test_target_summary_counts_no_data_apart_from_not_reached(data):
    # Quảng Ninh: 13 targets; only the DTI top 3 has a value (rank 3 in 2022); the others, the
    # qualitative ones included, have none: no data, never "not reached"
    s = bf.target_summary(data, "22", "63")
    assert (s.total, s.no_data, s.reached, s.not_reached) == (13, 12, 1, 0)
    hp = bf.target_summary(data, HP, "63")
    assert hp.reached + hp.not_reached + hp.no_data == hp.total == len(hp.table)


@pytest.mark.parametrize("province,unit_set,lang", [
    ("Quảng Ninh", "63", "vi"), ("Quảng Ninh", "63", "en"), ("Bắc Kạn", "63", "vi"),
    ("Hải Phòng", "34", "en"),
])
def test_briefing_renders_three_key_points_and_an_accessible_chart(data, province, unit_set,
                                                                   lang):
    ctx = rs.report_context(province, unit_set, lang=lang, data=data)
    objects = rs.show_briefing(ctx)
    text = _texts(objects)
    assert rs.section_headings(lang)[0] not in text  # the briefing comes before section 1
    b = bf.briefing(data, ctx.code, unit_set)
    points = key_points(ctx, b)
    assert len(points) == 3 and all(p in text for p in points)
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', text)
    from dtanalysis.analysis import indices as ix

    ranked = ix.trajectory(data, ctx.code, unit_set, "dti")["rank"].notna().sum()
    if ranked == 1:  # one point is a sentence, not a chart (Hải Phòng 34: 2024 only)
        assert alts == [] and ("one point, so no chart" in text or "một điểm" in text)
    else:
        assert len(alts) == 1  # one chart
        assert ctx.name in alts[0] and re.search(r"\d", alts[0])  # names the unit, numbers
        assert "<details" in text
    assert "<caption>" in text
    assert "quá hạn" not in text and "overdue" not in text
    assert not plt.get_fignums()


def test_briefing_says_why_a_later_value_is_not_the_headline(data):
    vi = _texts(rs.show_briefing(rs.report_context("Quảng Ninh", lang="vi", data=data)))
    en = _texts(rs.show_briefing(rs.report_context("Quảng Ninh", lang="en", data=data)))
    assert "**12‡**" in vi and "không chắc chắn" in vi and "năm 2022" in vi
    assert "**12‡**" in en and "uncertain" in en
    # the table's note is the project's (how the value was inferred), labelled so, never as
    # the source's words (issue 19, point 6)
    # in the page's language (its Vietnamese text from data/raw/notes-vi.csv)
    assert "Ghi chú của dự án: “chỉ suy ra từ thứ tự trong danh sách" in vi
    assert "inferred only from list order" not in vi
    assert "The project's note: “inferred only from list order" in en
    assert "Lời của nguồn" not in vi and "The source's words" not in en
    # the first key point leads with the published 2022 rank, not the uncertain 2023 one
    assert "Năm 2022, Quảng Ninh xếp hạng **3/63**" in vi


def test_a_gap_is_said_in_words(data):
    # Bắc Kạn: DTI 2022 rank 63 (official) after 51 in 2021, no sub-index beside >= 3 units,
    # no target
    ctx = rs.report_context("Bắc Kạn", lang="en", data=data)
    points = key_points(ctx, bf.briefing(data, ctx.code, "63"))
    assert points == [
        "In 2022, Bắc Kạn ranked **63 of 63** on DTI (official), down 12 places from 2021.",
        ("Strengths and weaknesses by sub-index cannot be named: the data hold no sub-index "
         "rank of Bắc Kạn, nor a score with a median over at least 80 % of the set's units, to "
         "compare with."),
        "The data hold no target set by Bắc Kạn."]
    # a marked sub-index rank keeps its mark in the sentence (Tiền Giang 2020: a secondary
    # copy of the published ranks, §)
    tg = rs.report_context("Tiền Giang", lang="en", data=data)
    # (issue 19, point 3: a median over 12 of the 63 units does not judge; the rank is judged
    # among all 63)
    assert "Digital society (rank 4§ of 63, in the top fifth)" in key_points(
        tg, bf.briefing(data, tg.code, "63"))[1]


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_headline_sentence_names_every_index_the_best_and_worst_and_the_targets(data):
    """The sentence on top of page one, written from the data: rank of N and year per index
    (the rows the briefing leads with), the best and worst placed index by rank / N, the
    targets met of all with their latest year."""
    from dtanalysis.analysis import standing as st
    from dtanalysis.report.sections.briefing import headline_sentence

    ctx = rs.report_context("Bắc Kạn", lang="en", data=data)
    b = bf.briefing(data, ctx.code, "63")
    text = _plain(headline_sentence(ctx, b))
    # DTI 63 of 63 (2022), PAPI 22† of 61 (2024), PCI 35 of 63 (2022)
    assert text == ("Bắc Kạn ranks 63 of 63 on DTI (2022), 22† of 61 on PAPI (2024) and 35 of "
                    "63 on PCI (2022); best placed on PAPI, worst on DTI; the data hold no "
                    "target of its own.")
    vi = _plain(headline_sentence(rs.report_context("Bắc Kạn", lang="vi", data=data), b))
    assert vi.startswith("Bắc Kạn đứng thứ 63/63 về DTI (2022), 22†/61 về PAPI (2024)")
    # the places and the counts are the analysis layer's
    places = st.index_places(b.indices)
    best, worst = st.strongest_weakest(places)
    assert (best.index, worst.index) == ("papi", "dti")
    hp = rs.report_context("Hải Phòng", lang="en", data=data)
    hb = bf.briefing(data, hp.code, "63")
    m = st.targets_met(hb.targets)
    assert m.total == hb.targets.total and m.met == hb.targets.reached and m.year is not None
    percent = round(100 * m.met / m.total)
    assert (f"{m.met} of its {m.total} own targets met ({percent} %), on values up to "
            f"{m.year}") in _plain(headline_sentence(hp, hb))


def test_an_uncertain_rank_is_no_place_and_one_place_names_no_best():
    from dtanalysis.analysis import standing as st
    from dtanalysis.analysis.headline import Headline

    def row(index, rank, n, status):
        h = Headline(code="X", unit_set="63", name="X", n_units=n, year=2023, rank=rank,
                     rank_status=status, score=None, score_status=None, source=None,
                     note=None, rank_change=None, score_change=None, years=(2023,))
        return bf.IndexRow(index, h)

    rows = [row("a", 3, 63, "uncertain"), row("b", 10, 63, "official")]
    assert [p.index for p in st.index_places(rows)] == ["b"]
    assert st.strongest_weakest(st.index_places(rows)) == (None, None)
    rows.append(row("c", 5, 10, "reported"))  # 5 of 10 is worse placed than 10 of 63
    best, worst = st.strongest_weakest(st.index_places(rows))
    assert (best.index, worst.index) == ("b", "c")


def test_a_unit_of_2025_keeps_its_former_provinces_targets_as_theirs(data):
    """Issue 19, point 8: Hải Phòng (34) does not count old Hải Phòng's and Hải Dương's
    targets as its own, nor is it judged on old Hải Phòng's 63-set rank: each former
    province's targets are named with it; the DTI row is of the 34-unit set only."""
    ctx = rs.report_context("Hải Phòng", "34", lang="en", data=data)
    b = bf.briefing(data, ctx.code, "34")
    point = key_points(ctx, b)[2]
    assert ("Targets of the former province Hải Phòng (63-province set, judged on its own "
            "values): ") in point and "◌ no final figure" in point
    assert "Targets of the former province Hải Dương" in point
    assert "Hải Phòng has" not in point
    dti = {r.index: r for r in b.indices}["dti"].lead
    assert (dti.rank, dti.n_units, dti.unit_set) == (3, 34, "34")
    html = "".join(getattr(o, "data", "") for o in rs.show_briefing(ctx)
                   if isinstance(getattr(o, "data", ""), str))
    assert "Hải Phòng (former province): " in html
