"""The briefing covers every index of the catalogue (`analysis.briefing.index_rows`, report
section `briefing`): DTI, PCI and PAPI from `index_scores` on the REAL processed tables, the
years without a value said in words, and a SYNTHETIC index added to a copied project's
catalogue appearing without a code change."""

from __future__ import annotations

from dtanalysis import report as rs
from dtanalysis.analysis import Data
from dtanalysis.analysis import briefing as bf
from dtanalysis.analysis import indices as ix
from dtanalysis.report.sections.briefing import _standing_table as standing_table

HP, BK, QN = "31", "06", "22"


def _texts(objects) -> str:
    return "\n".join(getattr(o, "data", "") for o in objects
                     if isinstance(getattr(o, "data", ""), str))


def test_briefing_table_shows_each_index_with_marks_and_values_from_index_scores(data):
    en = rs.report_context("Hải Phòng", lang="en", data=data)
    table = standing_table(en, bf.briefing(data, HP, "63"))
    names = dict(zip(ix.catalogue(data)["index"], ix.catalogue(data)["name_en"]))
    assert list(table["Index"]) == [names[i] for i in ix.catalogue(data)["index"]]
    row = table.set_index("Index")
    assert row.loc[names["pci"], "Rank"] == "1 of 63"
    assert row.loc[names["pci"], "Score"] == "74.84"
    assert row.loc[names["papi"], "Rank"] == "42† of 61"
    assert row.loc[names["papi"], "Score"] == "42.70†"  # index_scores: 42.70365…
    change = "Change against the previous year with a value"
    assert "rests on a derived or uncertain value" in row.loc[names["papi"], change]
    text = _texts(rs.show_briefing(en))
    # a derived lead says its mark and reason; the pipeline's formula is not quoted as a
    # source's words
    assert "**PAPI**: 42† is a derived value" in text
    assert "derived: sum of" not in text
    # the uncertain DTI 2024 rank stands beside the published 2023 one
    assert "**DTI**: 2024 has a rank of **3‡**" in text
    # the headline sentence names every index from its row (the first key point no longer
    # repeats them)
    assert ("Hải Phòng ranks <b>8 of 63</b> on DTI (2023), <b>42† of 61</b> on PAPI (2024) and "
            "<b>1 of 63</b> on PCI (2024)") in text


def test_a_secondary_copy_keeps_its_mark(data):
    # DTI 2020 of Quảng Ninh: score 0.3897 copied from a third-party compilation (§)
    h = bf.index_headline(data, QN, "63", "dti", 2020)
    assert h.score_status == "published_secondary"
    ctx = rs.report_context("Quảng Ninh", lang="vi", data=data)
    b = bf.briefing(data, QN, "63", year=2020)
    table = standing_table(ctx, b)
    assert "0,3897§" in set(table["Điểm"])
    assert table["Trạng thái"].iloc[0] == "báo chí đưa tin"  # the rank's status (reported)


def test_years_without_a_value_are_said_in_words(data):
    # Bắc Kạn: PCI 2022 rank 35 (press); PCI 2023 and 2024 published only (part of) the top
    # 30; 2006–2019 are held only for the four provinces of VCCI's profiles
    pci = {r.index: r for r in bf.index_rows(data, BK, "63")}["pci"]
    assert pci.lead.year == 2022 and [g.year for g in pci.gaps] == [
        *range(2006, 2020), 2023, 2024]
    # issue 19, point 1: PCI 2023 and 2024 declared top 30, only part held: not in the
    # collected tables (the publisher's top 30 said), never "not published"
    # (2006–2019: nothing declared, 4 held: one sentence for the years of one reason)
    for lang, words in (("vi", ("PCI 2023: không có trong các bảng đã thu thập — "
                                "dữ liệu có 11 trên 30 thứ hạng đã công bố")),
                        ("en", ("PCI 2023: not in the collected tables — 11 of the "
                                "30 published ranks are held here")),
                        ("en", ("**PCI**: PCI 2006–2019: not in the collected "
                                "tables — 4 of the 63 units' ranks are held here"))):
        text = _texts(rs.show_briefing(rs.report_context("Bắc Kạn", lang=lang, data=data)))
        assert words in text
        assert "không công bố" not in text.replace("không công bố (theo", "") \
            and "not published" not in text
    # Quảng Ninh: PAPI 2023 excluded it (declared, with its source); 2021's empty row has no
    # source saying so: not in the collected tables
    en = _texts(rs.show_briefing(rs.report_context("Quảng Ninh", lang="en", data=data)))
    assert ("PAPI 2021: not in the collected tables — 60 of the 63 units' ranks are held "
            "here") in en
    assert "PAPI 2023: the publisher published no value for Quảng Ninh that year" in en


def test_a_year_asked_for_without_a_value_is_said_in_words(data):
    # --year 2023: Bắc Kạn has no PCI value that year (PCI published part of its top 30)
    ctx = rs.report_context("Bắc Kạn", lang="en", year=2023, data=data)
    table = standing_table(ctx, bf.briefing(data, BK, "63", year=2023)).set_index("Index")
    pci = table.loc["Provincial Competitiveness Index (PCI)"]
    assert pci["Rank"] == "no value for Bắc Kạn in 2023 (years with a value: 2020–2022)"
    assert not any(ch.isdigit() for ch in pci["Score"])


def test_an_index_without_a_table_for_the_set_is_a_row_in_words(data):
    ctx = rs.report_context("Hải Phòng", "34", lang="en", data=data)
    table = standing_table(ctx, bf.briefing(data, HP, "34")).set_index("Index")
    names = dict(zip(ix.catalogue(data)["index"], ix.catalogue(data)["name_en"]))
    for index in ("pci", "papi"):
        cells = table.loc[names[index]]
        assert cells["Rank"].endswith("no table for the 34 set in the data")
        assert all(isinstance(c, str) and c.strip() for c in cells)  # never blank
        assert not any(ch.isdigit() for ch in cells["Score"])  # never a filled number
    assert table.loc[names["dti"], "Rank"] == "3 of 34"


def test_a_synthetic_index_in_the_catalogue_gets_a_briefing_row(synthetic_index_project):
    data = Data.load(synthetic_index_project)
    rows = {r.index: r for r in bf.index_rows(data, HP, "63")}
    assert "zzi" in rows
    z = rows["zzi"].lead
    assert (z.year, z.rank, z.score, z.rank_status) == (2023, 2, 7.5, "official")
    ctx = rs.report_context("Hải Phòng", lang="en", data=data)
    table = standing_table(ctx, bf.briefing(data, HP, "63")).set_index("Index")
    assert table.loc["Synthetic Test Index (ZZI)", "Rank"] == "2 of 63"
    # a province not in its one table: the row says so in words
    bk = standing_table(rs.report_context("Bắc Kạn", lang="en", data=data),
                        bf.briefing(data, BK, "63")).set_index("Index")
    # nothing declared for ZZI: not in the collected tables, never "not published"
    assert bk.loc["Synthetic Test Index (ZZI)", "Rank"].startswith(
        "ZZI 2023: not in the collected tables — 3 of the 63 units' ranks are held here")
