"""`analysis.briefing.index_rows` on the REAL processed tables: one row per index of the
catalogue, its values those of `index_scores` (through `analysis.indices`), the years without a
value kept as gaps and `index_gaps` equal to `indices.gaps`; `analysis.exports.report_numbers`
carries every index score and rank of the unit."""

from __future__ import annotations

import pandas as pd
import pytest

from dtanalysis.analysis import briefing as bf
from dtanalysis.analysis import indices as ix
from dtanalysis.analysis.exports import report_numbers

HP, BK, QN = "31", "06", "22"


def _overall(data, index, code, unit_set, year):
    s = data.index_scores
    root = ix.catalogue(data).set_index("index").loc[index, "root"]
    rows = s[(s["index"] == index) & (s["metric"] == root) & (s["province_code"] == code)
             & (s["unit_set"] == unit_set) & (s["year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_catalogue_index_has_a_row_equal_to_index_scores(data):
    rows = bf.index_rows(data, HP, "63")
    assert [r.index for r in rows] == list(ix.catalogue(data)["index"])
    assert {r.index for r in rows} >= {"dti", "pci", "papi"}
    for row in rows:
        h = row.lead
        assert row.has_value
        src = _overall(data, row.index, HP, "63", h.year)
        assert h.rank == int(src["rank"]) and h.rank_status == src["rank_status"]
        if pd.isna(src["score"]):
            assert h.score is None
        else:
            assert h.score == pytest.approx(float(src["score"]))
        assert h.source == src["source"]
    by_index = {r.index: r for r in rows}
    # PCI 2024: rank 1 (reported), up 2 from 2023; PAPI 2024: a derived rank among the 61
    # provinces with a value, its change computed against 2023
    pci, papi = by_index["pci"].lead, by_index["papi"].lead
    assert (pci.year, pci.rank, pci.rank_change.delta) == (2024, 1, 2)
    assert (papi.year, papi.rank, papi.n_units, papi.rank_status) == (2024, 42, 61, "derived")
    assert papi.rank_change.previous_year == 2023



def test_gaps_of_a_row_are_those_of_analysis_indices(data):
    for code in (HP, BK, QN):
        rows = bf.index_rows(data, code, "63")
        assert [g for r in rows for g in r.gaps] == [
            g for i in ix.catalogue(data)["index"] for g in ix.gaps(data, code, "63")
            if g.index == i]
    qn = {r.index: r for r in bf.index_rows(data, QN, "63")}
    assert [g.year for g in qn["papi"].gaps] == [2021, 2023]  # PAPI left Quảng Ninh out
    assert not any(g.listed for g in qn["papi"].gaps)


def test_report_numbers_hold_no_filled_index_value(data):
    frame = report_numbers(data, BK, "63")
    rows = frame[frame["section"] == "indices"]
    pci = rows[(rows["index"] == "pci") & (rows["item"] == "pci")]
    # PCI 2023 and 2024: Bắc Kạn outside the published top 30 → no row, never a number
    assert sorted(set(pci["period"])) == ["2020", "2021", "2022"]
    assert rows["value"].notna().all()
