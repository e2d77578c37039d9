"""Issue 19 on the shipped data: the publications declared beside the indices, coverage
counted by every status, why a value is missing, and coverage in the exports."""

from __future__ import annotations

from dtanalysis.analysis import claims
from dtanalysis.analysis.exports import report_numbers
from dtanalysis.vocab import STATUSES

HAI_DUONG, QUANG_NINH, QUANG_NGAI, HAI_PHONG = "30", "22", "51", "31"


def test_the_publications_are_declared_with_their_source(data):
    pubs = data.index_publications.set_index(["index", "year", "unit_set"])
    assert pubs.loc[("dti", 2023, "63"), "kind"] == "all"
    assert pubs.loc[("dti", 2024, "34"), "n_published"] == 34
    assert pubs.loc[("pci", 2023, "63"), "kind"] == "top"
    assert pubs.loc[("pci", 2023, "63"), "n_published"] == 30
    # the only PAPI exclusion a stored source states: Quảng Ninh 2023 (official report)
    papi = pubs.loc["papi"]
    assert list(papi.index) == [(2023, "63")]
    assert papi.iloc[0]["excluded"] == QUANG_NINH
    assert papi.iloc[0]["source"].startswith("https://fliphtml5.com/")
    assert pubs["source"].notna().all()


def test_coverage_counts_every_status(data):
    table = claims.coverage_table(data, "63")
    for r in table.itertuples(index=False):
        assert sum(getattr(r, f"n_{s}") for s in STATUSES) == r.held
    dti2020 = table[(table["index"] == "dti") & (table["year"] == 2020)].iloc[0]
    # 18 units ranked, 5 of them from a secondary copy (left out before issue 19)
    assert (dti2020["held"], dti2020["out_of"], dti2020["n_published_secondary"]) == (18, 63, 5)


def test_why_a_value_is_missing(data):
    def kind(index, year, code, unit_set="63"):
        return claims.why_missing(data, index, year, unit_set, code).kind

    assert kind("dti", 2023, HAI_DUONG) == "not_collected"  # published for all 63
    assert kind("papi", 2023, QUANG_NINH) == "not_published"  # declared excluded
    assert kind("papi", 2021, QUANG_NINH) == "not_collected"  # no source says excluded
    assert kind("pci", 2023, QUANG_NGAI) == "not_collected"  # top 30, only 11 held
    assert kind("dti", 2019, QUANG_NGAI) == "no_table"  # DTI started in 2020
    assert kind("dti", 2023, HAI_PHONG, "34") == "no_unit"  # the 34 units were formed in 2025
    m = claims.why_missing(data, "pci", 2023, "63", QUANG_NGAI)
    assert (m.top_n, m.coverage.held_measure, m.coverage.out_of) == (30, 11, 30)


def test_the_export_states_coverage(data):
    frame = report_numbers(data, HAI_DUONG, "63")
    cov = frame[frame["section"] == "coverage"].set_index(["index", "period"])
    assert cov.loc[("dti", "2023"), "as_written"] == "13 of 63"
    assert cov.loc[("dti", "2023"), "qualifier"] == "of 63 published"
    assert cov.loc[("pci", "2022"), "as_written"] == "23 of 63"
    assert cov.loc[("papi", "2021"), "qualifier"] == ("of the set's 63 (publication not "
                                                      "declared)")


def test_a_derived_value_a_publication_confirms_is_shown_as_published(data):
    """PAPI totals are derived (sums of the panel); Quảng Ninh 2024's 47,8212 is quoted by the
    press (papi/checks/): that score is a published one, citing the publication; a rank the
    check does not state stays derived."""
    s = data.index_scores
    row = s[(s["index"] == "papi") & (s["metric"] == "papi") & (s["year"] == 2024)
            & (s["province_code"] == QUANG_NINH) & (s["unit_set"] == "63")].iloc[0]
    assert round(row["score"], 4) == 47.8212
    assert row["score_status"] == "reported" and row["rank_status"] == "derived"
    assert "https://baomoi.net.vn/quang-ninh-tiep-tuc-giu-vung" in row["source"]
    assert "score confirmed by a publication: 47,8212" in row["note"]
    # a total no check states stays derived
    other = s[(s["index"] == "papi") & (s["metric"] == "papi") & (s["year"] == 2024)
              & (s["province_code"] == HAI_PHONG)].iloc[0]
    assert other["score_status"] == "derived"


def test_the_overview_coverage_tables_count_every_status(data):
    """The overview's DTI coverage counts secondary copies too (its columns add up to the
    units with a rank) and its table per index and year says M of N held."""
    import re

    from IPython.display import HTML, Markdown

    from dtanalysis import analysis as an
    from dtanalysis.report import overview_context
    from dtanalysis.report.sections import show_coverage

    cov = an.coverage(data, "63")
    for r in cov.to_dict("records"):
        assert sum(r[f"n_rank_{s}"] for s in STATUSES) == r["n_rank"]
    assert cov.set_index("year").loc[2020, "n_rank_published_secondary"] == 5
    text = "\n".join(o.data for o in show_coverage(overview_context("63", "en", data=data))
                     if isinstance(o, (Markdown, HTML)))
    assert "secondary copy" in text.lower()
    assert re.search(r"<td>DTI</td><td>2023</td><td>63 \(the publisher&#x27;s\)</td>"
                     r"<td>13 of 63</td>", text)
    assert re.search(r"<td>PAPI</td><td>2021</td><td>not declared \(set of 63\)</td>"
                     r"<td>60 of 63</td>", text)
