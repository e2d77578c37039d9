"""Tests of `dtanalysis.analysis`.

Two kinds:
- on the REAL processed tables (`data/processed/`): facts of the shipped data (Hải Phòng 31:
  2020 rank 21, 2021 rank 16, 2022 rank 14 official, 2023 rank 8; Hải Dương 30 merged into Hải
  Phòng 31 in 2025; Thanh Hóa and Yên Bái tie at 15 in 2022; Bắc Kạn 06 known only by its 2022
  rank);
- on small SYNTHETIC frames (made up, marked as such) for edge cases the real data lacks.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
from synthetic import tiny_data

from dtanalysis import analysis as an

HP, HD, BK, TH, YB, HN = "31", "30", "06", "38", "15", "01"


def _ranks(frame_: pd.DataFrame, code: str) -> dict[int, float]:
    rows = frame_[frame_["province_code"] == code]
    return {int(y): (None if pd.isna(r) else float(r)) for y, r in zip(rows["year"], rows["rank"])}


# =========================================================================== real data


def test_data_load_reads_every_table(data):
    for name in ("provinces", "dti", "aggregates", "indicators", "targets", "catalogue",
                 "sources", "quarantine"):
        assert isinstance(getattr(data, name), pd.DataFrame)
    assert an.n_units(data, "63") == 63 and an.n_units(data, "34") == 34


def test_headline_hai_phong_latest(data):
    h = an.headline(data, HP, "63")
    assert (h.year, h.rank, h.rank_status) == (2023, 8, "reported")
    assert h.score is None  # no 2023 score was published
    change = h.rank_change
    assert (change.previous_year, change.previous_value, change.previous_status) == \
        (2022, 14, "official")
    assert change.delta == 6 and change.method_changes == () and change.skipped_years == ()
    assert h.years == (2020, 2021, 2022, 2023, 2024)  # 2024: an uncertain rank, never the lead


def test_headline_hai_phong_2022_is_the_official_rank(data):
    h = an.headline(data, HP, "63", 2022)
    assert (h.rank, h.rank_status, h.score) == (14, "official", None)
    assert (h.rank_change.previous_year, h.rank_change.previous_value) == (2021, 16)


def test_headline_flags_the_2021_method_change(data):
    change = an.headline(data, HP, "63", 2021).rank_change
    assert (change.previous_year, change.previous_value, change.value) == (2020, 21, 16)
    assert change.method_changes == (2021,)


def test_headline_score_change_skips_missing_years_and_flags_derived(data):
    h = an.headline(data, HD, "63")
    assert h.year == 2022 and h.rank == 13
    assert h.rank_change.previous_status == "derived" and h.rank_change.marked
    score = h.score_change
    assert score.previous_year == 2020 and score.skipped_years == (2021,)
    assert score.method_changes == (2021,)
    assert math.isclose(score.delta, score.value - score.previous_value)


def test_headline_of_bac_kan_2022_against_its_2021_rank(data):
    # 2021: 51st in the partial 2021 table of data/raw/indices/dti (the `dti` table is the DTI
    # rows of index_scores)
    h = an.headline(data, BK, "63")
    assert (h.year, h.rank, h.rank_status) == (2022, 63, "official")
    assert h.score is None and h.score_change is None
    change = h.rank_change
    assert (change.previous_year, change.previous_value, change.delta) == (2021, 51, -12)


def test_headline_34_set_is_never_compared_with_63_ranks(data):
    h = an.headline(data, HP, "34")
    assert h.year == 2024 and h.rank is not None and h.n_units == 34
    assert h.rank_change is None  # the 63-set rank 8 of 2023 is not its previous rank


def test_trajectory_keeps_gaps_and_sets_apart(data):
    peer_codes = an.peers(data, HP, "63")
    traj = an.trajectory(data, HP, "63", peer_codes)
    own = traj[traj["role"] == "province"]
    assert _ranks(own, HP) == {2020: 21, 2021: 16, 2022: 14, 2023: 8, 2024: 3}  # 2024 ‡
    assert own.set_index("year").loc[2024, "rank_status"] == "uncertain"
    assert own["score"].isna().all()
    assert set(traj.loc[traj["role"] == "peer", "province_code"]) == set(peer_codes)
    mean = traj[traj["role"] == "mean"].set_index("year")["score"]
    published = an.provinces_mean(data, "63").set_index("year")["value"]
    for year, value in mean.items():
        assert (pd.isna(value) and year not in published.index) or value == published[year]


def test_national_position_latest_complete_ranking(data):
    position = an.national_position(data, "63", code=HP)
    assert position.year == 2022 and position.complete
    assert position.n_ranked == position.n_units == 63
    row = position.row
    assert row["rank"] == 14 and row["rank_status"] == "official"
    same_region = position.table[position.table["region"] == row["region"]]
    assert row["region_ranked"] == len(same_region) == int(
        (an.units(data, "63")["region"] == row["region"]).sum())
    assert row["rank_in_region"] == 1 + int((same_region["rank"] < row["rank"]).sum())
    assert position.table["region"].notna().all()


def test_national_position_keeps_the_2022_tie(data):
    table = an.national_position(data, "63").table.set_index("province_code")
    assert table.loc[TH, "rank"] == table.loc[YB, "rank"] == 15
    assert 16 not in set(table["rank"]) and 17 in set(table["rank"])


def test_national_position_34_set_is_partial(data):
    position = an.national_position(data, "34", code=HP)
    assert not position.complete and position.year == 2024
    assert position.n_ranked < position.n_units == 34
    assert position.row is not None


def test_national_position_before_any_complete_ranking(data):
    position = an.national_position(data, "63", year=2021)
    # 2020's partial tables rank more provinces (18) than 2021's: the one with the most ranks
    assert (position.year, position.n_ranked, position.complete) == (2020, 18, False)


def test_pillars_of_hai_phong(data):
    rows = an.pillars(data, HP, "63")
    own = rows[rows["has_value"]].set_index(["year", "metric"])
    cqs = own.loc[(2022, "chinh_quyen_so")]
    assert cqs["rank"] == 28 and cqs["rank_status"] == "derived"
    others = data.dti[(data.dti["year"] == 2022) & (data.dti["metric"] == "chinh_quyen_so")
                      & data.dti["rank"].notna()]
    assert cqs["n_rank"] == len(others)
    assert cqs["best_rank"] == others["rank"].min()
    assert math.isclose(cqs["median_rank"], others["rank"].astype(float).median())
    # 2023: Hải Phòng is the only province with pillar values
    assert (own.loc[2023, "n_score"] == 1).all()
    # 2022 main indices exist for other provinces only
    assert not rows[(rows["year"] == 2022) & (rows["metric"] == "nhan_thuc_so")]["has_value"].any()


def test_pillars_none_for_bac_kan(data):
    assert not an.pillars(data, BK, "63")["has_value"].any()


def test_targets_progress_of_hai_phong(data):
    targets = an.targets_progress(data, HP, "63", as_of=dt.date(2026, 1, 1))
    by = targets.set_index("indicator")
    rank = by.loc["dti_rank"]
    latest = an.headline(data, HP, "63")
    assert rank["latest_value"] == latest.rank and rank["latest_period"] == str(latest.year)
    assert rank["reached"] and rank["target_year"] == 2025 and pd.isna(rank["pace_per_year"])
    dossier = by.loc["online_dossier_rate"]
    reported = data.indicators[(data.indicators["province_code"] == HP)
                               & (data.indicators["indicator"] == "online_dossier_rate")]
    assert dossier["latest_value"] == reported["value"].iloc[-1]
    assert math.isclose(dossier["gap"], dossier["target_value"] - dossier["latest_value"])
    assert math.isclose(dossier["pace_per_year"], dossier["gap"] / dossier["years_left"])
    assert not dossier["reached"] and dossier["deadline_passed"]
    assert pd.isna(by.loc["level4_online_services_share", "latest_value"])


def test_targets_quoted_twice_are_merged(data):
    targets = an.targets_progress(data, HD, "63")
    keys = targets[["indicator", "target_value", "target_year"]]
    assert not keys.duplicated().any()
    raw = data.targets[data.targets["province_code"] == HD]
    assert len(targets) == len(raw.drop_duplicates(["indicator", "target_value", "target_year"]))
    merged = targets[targets["target_source"].str.contains(";")]
    assert not merged.empty  # a target quoted by two articles keeps both sources


def test_targets_of_a_34_unit_are_its_members(data):
    targets = an.targets_progress(data, HP, "34")
    assert set(targets["province_code"]) == {HD, HP}
    assert set(targets["unit_set"]) == {"63"}


def test_indicators_with_national_benchmark(data):
    rows = an.indicators_with_benchmark(data, HP, "63")
    national = data.indicators[data.indicators["province_code"] == "VN"]
    benchmarked = rows[rows["vn_value"].notna()]
    assert set(benchmarked["indicator"]) == {"fixed_broadband_speed", "online_dossier_rate"}
    for _, r in benchmarked.iterrows():
        vn = national[(national["indicator"] == r["indicator"]) & (national["period"] == r["period"])]
        assert r["vn_value"] == vn["value"].iloc[0]
    assert len(rows) == int(((data.indicators["province_code"] == HP)
                             & (data.indicators["unit_set"] == "63")).sum())


def test_merger_of_hai_duong(data):
    m = an.merger(data, HD, "63")
    assert m.unit_code == HP and m.merged and m.other_members == (HP,)
    assert set(m.member_codes) == {HD, HP}
    assert list(m.unit_results["year"]) == [2024] and m.unit_results["rank"].notna().all()
    assert set(m.members_history["province_code"]) == {HD, HP}
    assert _ranks(m.members_history, HP)[2023] == 8  # 63-set history, kept apart


def test_merger_of_a_34_unit_and_of_an_unmerged_province(data):
    m = an.merger(data, HP, "34")
    assert set(m.member_codes) == {HD, HP} and set(m.other_members) == {HD, HP}
    assert not an.merger(data, HN, "63").merged
    bk = an.merger(data, BK, "63")
    assert bk.unit_results.empty  # no 2024 result of its new unit was published


def test_about_data_of_hai_phong(data):
    about = an.about_data(data, HP, "63")
    assert about.rank_years == (2020, 2021, 2022, 2023, 2024) and about.missing_rank_years == ()
    assert about.score_years == ()
    assert "nhan_thuc_so" in about.metrics_missing and "dti" in about.metrics_reported
    counts = about.status_counts.set_index("status")
    own = data.dti[(data.dti["province_code"] == HP) & (data.dti["unit_set"] == "63")]
    assert counts["n_ranks"].sum() == own["rank"].notna().sum()
    assert any("Hải Phòng" in raw for raw in about.quarantine["raw"])
    assert about.sources["url"].notna().any()
    assert set(about.sources["source_id"]) >= set(an.split_sources(
        an.headline(data, HP, "63").source))
    if data.validation is None:
        assert about.validation is None


def test_peers(data):
    region = an.unit(data, HP, "63")["region"]
    codes = an.peers(data, HP, "63")
    everyone = an.units(data, "63")
    assert HP not in codes
    assert set(codes) == set(everyone.loc[everyone["region"] == region, "province_code"]) - {HP}
    assert an.peers(data, HP, "63", ["Hai Duong", "TP. Hồ Chí Minh", "Hải Phòng"]) == [HD, "79"]
    assert an.peers(data, HP, "63", None) == []
    with pytest.raises(ValueError):
        an.peers(data, HP, "63", "everyone")
    with pytest.raises(TypeError):
        an.peers(data, HP, "63", 7)
    with pytest.raises(ValueError, match="Atlantis"):
        an.peers(data, HP, "63", ["Atlantis"])


def test_rank_matrix_and_movers(data):
    matrix = an.rank_matrix(data, "63")
    assert matrix.ranks.shape == (63, len(an.set_years(data, "63")))
    assert matrix.ranks.loc[HP, 2022] == 14 and matrix.ranks.loc[HP, 2024] == 3
    assert matrix.ranks.index[0] == an.national_position(data, "63").table["province_code"][0]
    moves = an.movers(data, "63")
    assert ((moves["to_year"] - moves["from_year"]) == 1).all()
    hp = moves[(moves["province_code"] == HP) & (moves["to_year"] == 2023)].iloc[0]
    assert (hp["from_rank"], hp["to_rank"], hp["change"]) == (14, 8, 6)
    assert list(moves["change"].abs()) == sorted(moves["change"].abs(), reverse=True)


def test_regions_compared_and_coverage(data):
    regions = an.regions_compared(data, "63")
    assert regions["n_ranked"].sum() == 63 and regions["complete"].all()
    assert list(regions["median_rank"]) == sorted(regions["median_rank"])
    cov = an.coverage(data, "63").set_index("year")
    assert cov.loc[2022, "n_rank"] == 63 and cov.loc[2022, "n_rank_official"] == 63
    assert (cov["n_rank"] <= cov["n_units"]).all()


# =========================================================================== SYNTHETIC data
# Made-up units and values (codes "A1".. and names "Alpha"..): no value below is real.


def test_synthetic_headline_across_a_gap_and_a_method_change():
    h = an.headline(tiny_data(), "A1", "63")
    change = h.rank_change
    assert (change.previous_year, change.year, change.delta) == (2020, 2022, 1)
    assert change.skipped_years == (2021,) and change.method_changes == (2021,)
    assert h.score_change is None  # no earlier score


def test_synthetic_headline_of_a_unit_without_values():
    h = an.headline(tiny_data(), "A3", "63", year=2020)
    assert h.year == 2020 and h.rank is None and h.score is None


def test_synthetic_position_tie_and_incomplete_ranking():
    data = tiny_data()
    position = an.national_position(data, "63", code="A2")
    # 2022 ranks every synthetic unit of the set: complete
    assert position.complete and position.year == 2022
    table = position.table.set_index("province_code")
    assert table.loc["A1", "rank"] == table.loc["A2", "rank"] == 1
    assert table.loc["A1", "rank_in_region"] == table.loc["A2", "rank_in_region"] == 1
    partial = an.national_position(data, "63", year=2021)
    assert not partial.complete and partial.year == 2020 and partial.n_ranked == 2


def test_synthetic_pillars_best_and_median():
    rows = an.pillars(tiny_data(), "A1", "63").set_index(["year", "metric"])
    r = rows.loc[(2022, "kinh_te_so")]
    assert (r["score"], r["best_score"], r["median_score"], r["n_score"]) == (0.7, 0.9, 0.7, 3)
    assert r["best_score_name"] == "Beta"


def test_synthetic_targets_without_deadline_and_rank_targets():
    data = tiny_data()
    targets = an.targets_progress(data, "A1", "63", as_of=dt.date(2024, 1, 1))
    dated = targets[targets["target_year"].notna()]
    assert len(dated) == 1  # the same target from two sources is one row, with both
    assert set(an.split_sources(dated.iloc[0]["target_source"])) == {"syn", "syn2"}
    dated = dated.iloc[0]
    assert dated["gap"] == 20 and not dated["deadline_passed"]
    assert math.isclose(dated["years_left"], (pd.Timestamp(2025, 12, 31)
                                              - pd.Timestamp(2021, 12, 31)).days / 365.25)
    undated = targets[targets["target_year"].isna()].iloc[0]
    assert undated["gap"] == 50 and pd.isna(undated["pace_per_year"])
    rank = an.targets_progress(data, "A2", "63").iloc[0]
    assert rank["latest_value"] == 1 and rank["reached"] and rank["gap"] == -1
    zeta = an.targets_progress(data, "Z1", "34")
    assert set(zeta["province_code"]) == {"A1", "A2"}


def test_synthetic_no_value_and_benchmark():
    data = tiny_data()
    assert an.targets_progress(data, "A3", "63").empty
    rows = an.indicators_with_benchmark(data, "A1", "63")
    assert rows.loc[0, "vn_value"] == 30.0
    assert an.indicators_with_benchmark(data, "A3", "63").empty


def test_synthetic_validation_summary_and_failures():
    assert an.about_data(tiny_data(), "A1", "63").validation is None  # validation not run
    validation = {"success": False, "evaluated": 10, "successful": 9, "tables": {"dti": {}},
                  "data_version": "x",
                  "failures": [{"table": "dti", "column": "rank", "description": "d",
                                "rows": [{"row": 1, "values": {"province_code": "A1",
                                                               "unit_set": "63"}}]}]}
    about = an.about_data(tiny_data(validation), "A1", "63")
    assert about.validation["failed"] == 1 and len(about.validation_failures) == 1
    assert an.about_data(tiny_data(validation), "A3", "63").validation_failures == []


def test_synthetic_quarantine_rows_naming_several_provinces():
    data = tiny_data()
    quarantine = pd.DataFrame({
        "table": ["dti", "dti", "dti"], "source_file": ["f", "f", "f"],
        "source_line": ["1", "2", "3"], "province": ["Alpha / Gamma", "Beta", "Tỉnh Alpha và Beta"],
        "province_code": [None, None, None],
        "raw": [json.dumps({"x": 1})] * 3, "reason": ["r", "r", "r"]}, dtype="string")
    data = an.Data.from_frames(provinces=data.provinces, dti=data.dti, quarantine=quarantine)
    assert list(an.quarantine_concerning(data, "A1", "63")["source_line"]) == ["1", "3"]
    assert list(an.quarantine_concerning(data, "A2", "63")["source_line"]) == ["2", "3"]
    assert len(an.quarantine_concerning(data, "Z1", "34")) == 3    # all three are members


def test_a_dropped_in_table_is_attributed_whatever_its_province_header(project_copy):
    """A DTI table whose province column is headed "Ten tinh, thanh pho" (no diacritics) and
    whose row for Hải Phòng cannot be read: the quarantined row is attributed to Hải Phòng in
    "About the data" (before, only rows with an `entity` or `province` key were)."""
    from dtanalysis.pipeline.stages import run_clean

    table = project_copy / "data" / "raw" / "dti" / "dti-2023-63-test.csv"
    table.write_text('"Ten tinh, thanh pho",Xep hang\nHai Phong,hang muoi ba?\nQuang Ninh,2\n',
                     encoding="utf-8")
    assert run_clean(project_copy).ok
    data = an.Data.load(project_copy)
    test_file = "data/raw/dti/dti-2023-63-test.csv"
    rows = an.quarantine_concerning(data, HP, "63")
    rows = rows[rows["source_file"] == test_file]
    assert list(rows["province"]) == ["Hai Phong"]
    others = an.quarantine_concerning(data, "22", "63")
    assert test_file not in set(others["source_file"])             # Quảng Ninh's row was read


