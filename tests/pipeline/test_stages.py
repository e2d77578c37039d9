"""clean → validate → swap on a copy of the project: the shipped data passes end to end,
runs are deterministic, bad rows are quarantined, and a failing run changes nothing."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from dtanalysis.paths import Paths
from dtanalysis.pipeline import store
from dtanalysis.pipeline.stages import data_is_current, run_clean, run_validate
from dtanalysis.vocab import PROCESSED_TABLES

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_shipped_data_passes_end_to_end(cleaned_project):
    processed = Paths.at(cleaned_project).processed
    for table in PROCESSED_TABLES:
        assert (processed / f"{table}.parquet").exists() and (processed / f"{table}.csv").exists()
    validation = json.loads((processed / "validation.json").read_text())
    assert validation["success"] is True
    assert (cleaned_project / "reports" / "data_docs" / "index.html").exists()
    dti = store.load("dti", cleaned_project)
    ranking = dti[(dti.year == 2022) & (dti.unit_set == "63") & (dti.metric == "dti")]
    assert ranking["rank"].notna().sum() == 63                     # the complete 2022 ranking
    assert set(ranking.loc[ranking["rank"] == 15, "province_code"]) == {"38", "15"}  # tie kept
    hp = ranking.set_index("province_code").loc["31"]
    assert (hp["rank"], hp["status"]) == (14, "official")
    tv = ranking.set_index("province_code").loc["84"]               # official rank + press score
    assert (tv["score"], tv["rank_status"], tv["score_status"]) == (0.6077, "official", "reported")
    assert tv["status"] == "reported"
    units34 = dti[(dti.unit_set == "34") & (dti.year == 2024)].set_index("province_code")
    assert units34.loc["31", "rank"] == 3                           # Hải Phòng + Hải Dương
    assert dti["province_code"].str.fullmatch(r"\d\d").all()
    indicators = store.load("indicators", cleaned_project)
    cert = indicators[(indicators.indicator == "gov_digital_certificates_personal")].iloc[0]
    assert (cert["value"], cert["qualifier"], cert["as_written"]) == (2045, "more_than",
                                                                     "hơn 2.045")
    assert (indicators.province_code == "VN").any()                 # national benchmarks kept
    provinces = store.load("provinces", cleaned_project)
    assert (provinces.unit_set == "63").sum() == 63 and (provinces.unit_set == "34").sum() == 34


def test_quarantine_lists_rows_with_reason(cleaned_project):
    quarantine = store.load("quarantine", cleaned_project)
    several = quarantine[quarantine.reason.str.contains("several provinces")]
    assert len(several) == 2
    assert set(several.source_line.astype(int)) == {89, 92}
    assert (several.source_file == "data/raw/dti_press_facts_2020_2024.csv").all()
    assert "Cao Bằng / Quảng Trị / Hưng Yên" in several.iloc[0]["raw"]


def test_clean_is_deterministic(project_copy):
    root = project_copy
    before = snapshot(Paths.at(root).processed)
    assert run_clean(root).ok
    after = snapshot(Paths.at(root).processed)
    before.pop("validation.json"), after.pop("validation.json")
    assert before == after


def test_a_failing_run_changes_nothing(project_copy):
    root = project_copy
    processed = Paths.at(root).processed
    before = snapshot(processed)
    facts = root / "data" / "raw" / "dti_press_facts_2020_2024.csv"
    lines = facts.read_text(encoding="utf-8").splitlines()
    # a second official-standing... no: a reported fact contradicting a reported one
    lines.append("2021,63,Thanh Hóa,38,dti,0.5,12,reported,https://example.org/contradiction,"
                 "synthetic test row")
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_clean(root)
    assert not result.ok
    text = result.validation.format()
    assert "conflict" in text and "example.org/contradiction" in text
    assert "baomoi" in text                                          # names both sources
    assert snapshot(processed) == before
    assert not list(processed.parent.glob(".processed-*"))            # staging cleaned up


def test_strict_fails_on_quarantined_rows(project_copy):
    root = project_copy
    assert run_clean(root).ok
    before = snapshot(Paths.at(root).processed)
    result = run_clean(root, strict=True)
    assert not result.ok and "--strict" in result.refused
    assert snapshot(Paths.at(root).processed) == before


def test_validate_command_writes_summary(project_copy):
    root = project_copy
    result = run_validate(root)
    assert result.ok, result.validation.format()
    summary = json.loads((Paths.at(root).processed / "validation.json").read_text())
    assert summary["success"] and summary["data_version"]


def test_validate_reports_a_bad_processed_table(project_copy):
    root = project_copy
    processed = Paths.at(root).processed
    dti = pd.read_parquet(processed / "dti.parquet")
    dti.loc[0, "score"] = 1.7
    dti.to_parquet(processed / "dti.parquet", index=False)
    result = run_validate(root)
    assert not result.ok
    text = result.validation.format()
    assert "dti" in text and "score" in text and "1.7" in text
    assert "source_file=" in text


def test_data_is_current_tracks_raw_changes(project_copy):
    root = project_copy
    assert data_is_current(root)
    (root / "data" / "raw" / "dti" / "dti-2022-63.csv").write_text(
        (root / "data" / "raw" / "dti" / "dti-2022-63.csv").read_text() + "\n")
    assert not data_is_current(root)


def test_cli_clean_exit_codes(project_copy):
    root = project_copy
    run = [sys.executable, "-m", "dtanalysis", "clean", "--root", str(root)]
    ok = subprocess.run(run, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "2 row(s) could not be cleaned" in ok.stdout
    strict = subprocess.run(run + ["--strict"], capture_output=True, text=True, check=False)
    assert strict.returncode == 1


def test_help_does_not_import_great_expectations():
    code = ("import sys, dtanalysis.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'great_expectations' not in sys.modules\n"
            "assert 'pandas' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
