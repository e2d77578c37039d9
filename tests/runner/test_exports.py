"""The numbers beside a report (`runner.exports.province_numbers` → CSV / XLSX) include section
9's index rows, and the standing recorded for the index page (`province_standing`) covers every
index of the catalogue — on the REAL processed tables; a SYNTHETIC index added as data only
appears in both without a code change."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd

from dtanalysis.analysis import indices as ix
from dtanalysis.paths import Paths
from dtanalysis.runner.exports import province_numbers, province_standing, write_exports


def _version(root) -> str:
    return json.loads((Paths.at(root).processed / "manifest.json").read_text())["data_version"]


def test_exports_hold_every_index_score_and_rank_of_the_unit(shipped_data, data, tmp_path):
    frame = province_numbers(shipped_data, _version(shipped_data), "Hải Phòng", "63")
    rows = frame[frame["section"] == "indices"]
    scores = data.index_scores
    own = scores[(scores["province_code"] == "31") & (scores["unit_set"] == "63")]
    # one row per published score and per published rank, nothing filled
    assert len(rows) == int(own["score"].notna().sum() + own["rank"].notna().sum())
    assert set(rows["index"]) == set(ix.catalogue(data)["index"])
    keyed = own.set_index(["index", "metric", "year"])
    for _, r in rows.iterrows():
        src = keyed.loc[(r["index"], r["item"], int(r["period"]))]
        assert r["value"] == float(src[r["measure"]])
        assert r["status"] == src[f"{r['measure']}_status"]
        assert (r["source"], r["source_file"], r["source_line"]) == (
            src["source"], src["source_file"], src["source_line"])
    pci = rows[(rows["index"] == "pci") & (rows["item"] == "pci") & (rows["period"] == "2024")]
    assert sorted(zip(pci["measure"], pci["value"])) == [("rank", 1.0), ("score", 74.84)]
    # written to CSV / XLSX, index rows included and text neutralised like the rest
    hostile = rows.head(1).assign(source="=HYPERLINK(\"http://x\")")  # SYNTHETIC cell
    csv, xlsx = write_exports(pd.concat([frame, hostile]), tmp_path / "hp.html", {})
    back = pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "index" in back.columns
    assert (back["section"] == "indices").sum() == len(rows) + 1
    assert back["source"].iloc[-1] == "'=HYPERLINK(\"http://x\")"
    sheet = openpyxl.load_workbook(xlsx)["numbers"]
    assert sheet.max_row == len(back) + 1


def test_standing_has_one_entry_per_catalogue_index(shipped_data, data):
    standing = province_standing(shipped_data, _version(shipped_data), "Bắc Kạn", "63")
    assert [s["index"] for s in standing] == list(ix.catalogue(data)["index"])
    by = {s["index"]: s for s in standing}
    assert by["pci"]["label"] == "PCI" and by["pci"]["score_decimals"] == 2
    assert (by["pci"]["year"], by["pci"]["rank"], by["pci"]["gap_years"]) == (2022, 35,
                                                                            [2023, 2024])
    assert (by["papi"]["rank"], by["papi"]["rank_status"], by["papi"]["n_units"]) == (
        22, "derived", 61)
    hp34 = {s["index"]: s for s in province_standing(shipped_data, _version(shipped_data),
                                                     "Hải Phòng", "34")}
    assert hp34["pci"]["published"] is False and hp34["pci"]["rank"] is None
    assert hp34["pci"]["score"] is None  # a gap, never a filled number
    # no source disagrees on these values: the words of a dispute are empty in both languages
    assert all(s["disputed"][lang] == {"rank": "", "score": ""}
               for s in standing for lang in ("vi", "en"))


def test_a_synthetic_index_reaches_the_exports_and_the_standing(synthetic_index_project):
    root = synthetic_index_project
    frame = province_numbers(root, _version(root), "Hải Phòng", "63")
    z = frame[(frame["section"] == "indices") & (frame["index"] == "zzi")]
    assert sorted(zip(z["measure"], z["value"])) == [("rank", 2.0), ("score", 7.5)]
    standing = province_standing(root, _version(root), "Hải Phòng", "63")
    zzi = [s for s in standing if s["index"] == "zzi"]
    assert zzi and zzi[0]["label"] == "ZZI" and (zzi[0]["rank"], zzi[0]["score"]) == (2, 7.5)


TAKEN_HERE = """
import json, sys
from dtanalysis.cli import main
code = main(["report", "--root", sys.argv[1], "--province", "Hải Phòng", "--jobs", "1",
             "--quiet"])
print(json.dumps({"code": code, "host_loaded": [m for m in ("dtanalysis.analysis",
                  "dtanalysis.analysis.exports") if m in sys.modules]}))
"""


def test_a_reports_numbers_are_computed_once_by_its_own_kernel(project_copy):
    """The CSV / XLSX and the standing come from the kernel that made the report: the process
    that runs the reports never loads the tables a second time (no analysis imported)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", TAKEN_HERE, str(project_copy)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "host_loaded": []}
    page = Paths.at(project_copy).report_folder("63") / "hai-phong.html"
    csv, xlsx = page.with_suffix(".csv"), page.with_suffix(".xlsx")
    frame = province_numbers(project_copy, _version(project_copy), "Hải Phòng", "63")
    assert len(pd.read_csv(csv, encoding="utf-8-sig")) == len(frame)
    assert openpyxl.load_workbook(xlsx)["about"]["A2"].value == "report"
    record = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert "exports_error" not in record
    assert record["standing"] == province_standing(project_copy, _version(project_copy),
                                                   "Hải Phòng", "63")


def _take_away_twice(root, folder, lang_pairs, peers="region"):
    """`exports.take_away` as two languages of one report ask for it (the links to other
    pages differ by language), in this process; the CSV text and standing of each."""
    import uuid

    from dtanalysis.runner.exports import TAKE_AWAY_FILE, take_away

    version = f"test-{uuid.uuid4().hex}"  # a key of its own: nothing memoised by other tests
    made = []
    for i, (lang, links) in enumerate(lang_pairs):
        out = folder / f"{i}"
        out.mkdir()
        parameters = {"province": "Hải Phòng", "unit_set": "63", "lang": lang,
                      "peers": peers, "comparisons": links}
        take_away(json.dumps({"folder": str(out), "kind": "province", "root": str(root),
                              "data_version": version, "parameters": parameters,
                              "unit_set": "63", "about": {"report": "Hải Phòng", "lang": lang}}))
        taken = json.loads((out / TAKE_AWAY_FILE).read_text(encoding="utf-8"))
        made.append(((out / "numbers.csv").read_bytes(), taken["standing"]))
    return made


def test_the_second_language_of_a_report_reuses_its_numbers(shipped_data, tmp_path,
                                                            monkeypatch):
    """The languages of a unit run one after the other on one kernel (`pool.chains`): the
    second language's CSV / XLSX and standing are the first one's, computed once; another
    peer group is computed again."""
    import dtanalysis.analysis.exports as analysis_exports

    calls = []
    real = analysis_exports.report_numbers
    monkeypatch.setattr(analysis_exports, "report_numbers",
                        lambda *a, **k: calls.append(a[1:]) or real(*a, **k))
    vi_en = [("vi", [["../compare/a.html", "A"]]), ("en", [["../compare/a.en.html", "A"]])]
    (vi_csv, vi_standing), (en_csv, en_standing) = _take_away_twice(shipped_data, tmp_path,
                                                                    vi_en)
    assert len(calls) == 1
    assert vi_csv == en_csv and vi_standing == en_standing
    assert vi_standing == province_standing(shipped_data, _version(shipped_data),
                                            "Hải Phòng", "63")
    (tmp_path / "other").mkdir()
    _take_away_twice(shipped_data, tmp_path / "other", [("vi", [])], peers="Hải Dương")
    assert len(calls) == 2 and calls[-1][2] != calls[0][2]  # another peer group, computed
