"""Data out: the Frictionless data package of reports/data/ (valid under the `frictionless`
library, every field described from the README), the data versions recorded at each clean
and `dtanalysis diff` / reports/changes.html between two of them (a revised value is never
silent), and diff's bad input (one line, exit 2)."""

import csv
import io
import json
import shutil
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from dtanalysis.cli import main
from dtanalysis.paths import Paths
from dtanalysis.pipeline import store
from dtanalysis.pipeline.stages import run_clean
from dtanalysis.pipeline.versions import diff, read_log, snapshot_path
from dtanalysis.site.changes import write_changes_page
from dtanalysis.site.datapackage import readme_descriptions, write_data_package
from dtanalysis.site.index_page import write_index
from dtanalysis.vocab import PROCESSED_TABLES, STATUSES

ROOT = Path(__file__).resolve().parents[2]
PCI_2020 = "data/raw/indices/pci/pci-2020-63.csv"
# Quảng Ninh (line 2) and Đồng Tháp (line 3) trade places; Đồng Tháp's score is revised.
QN_OLD, QN_NEW = "2020,Quảng Ninh,1,01,75.09,75.09", "2020,Quảng Ninh,2,02,75.09,75.09"
DT_OLD, DT_NEW = "2020,Đồng Tháp,2,02,72.81,72.81", "2020,Đồng Tháp,1,01,75.19,75.19"


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def test_data_package_is_valid_and_described(project_copy):
    shutil.copy(ROOT / "README.md", project_copy / "README.md")
    # the maps' boundaries (data/raw/geo) join the package under their own licence
    assert (project_copy / "data/raw/geo/vn63-provinces-simplified.geojson").is_file()
    paths = Paths.at(project_copy)
    descriptor_path = write_data_package(paths)
    assert descriptor_path == project_copy / "reports/data/datapackage.json"
    report = frictionless.validate(str(descriptor_path))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])
    package = json.loads(descriptor_path.read_text(encoding="utf-8"))
    manifest = store.manifest(Paths.at(project_copy))
    assert package["version"] == manifest["data_version"] == package["data_version"]
    names = {r["name"]: r for r in package["resources"]}
    for table in PROCESSED_TABLES:
        for name, suffix in ((table, ".csv"), (f"{table}-parquet", ".parquet")):
            resource = names[name]
            assert resource["path"] == f"{table}{suffix}"
            fields = resource["schema"]["fields"]
            assert [f["name"] for f in fields] == list(store.load(table, project_copy).columns)
            assert all(f["description"] for f in fields), (name, [f["name"] for f in fields
                                                                  if not f["description"]])
        data = (project_copy / "reports/data" / f"{table}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
        assert data == (paths.processed / f"{table}.csv").read_bytes()
    assert "quarantine" in names
    scores = names["index_scores"]["schema"]
    assert scores["primaryKey"] == ["index", "year", "unit_set", "province_code", "metric"]
    assert {"fields": ["unit_set", "province_code"],
            "reference": {"resource": "provinces", "fields": ["unit_set", "province_code"]}} \
        in scores["foreignKeys"]
    status = next(f for f in scores["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == list(STATUSES)
    assert "derived (†): computed here or by the source" in status["description"]
    assert [s["value"] for s in package["statuses"]] == list(STATUSES)
    assert all(s["meaning"] for s in package["statuses"])
    # the descriptions are the README's words
    docs = readme_descriptions(project_copy / "README.md")
    rank = next(f for f in scores["fields"] if f["name"] == "rank")
    assert rank["description"] == docs["index_scores"]["fields"]["rank"]
    licences = {entry["name"]: entry for entry in package["licenses"]}
    assert "CC-BY-SA-4.0" in licences and "notspecified" in licences
    assert "geoBoundaries" in licences["CC-BY-SA-4.0"]["title"]
    for stem in ("vn63-provinces-simplified", "vn34-units-dissolved-simplified"):
        assert names[stem]["licenses"] == [licences["CC-BY-SA-4.0"]]
        assert (project_copy / f"reports/data/{stem}.geojson").is_file()
    assert len(package["sources"]) == len(store.load("sources", project_copy))
    assert package["written_from"]
    before = descriptor_path.stat().st_mtime_ns
    assert write_data_package(paths) == descriptor_path  # nothing changed: not rewritten
    assert descriptor_path.stat().st_mtime_ns == before
    assert [p.name for p in (project_copy / "reports").iterdir() if p.name.startswith(".")] == []
    # the index links it
    index = write_index(paths).read_text(encoding="utf-8")
    assert 'href="data/index.html"' in index and "Tất cả dữ liệu" in index
    english = (paths.reports / "index.en.html").read_text(encoding="utf-8")
    assert 'href="data/index.html"' in english and "All the data" in english
    from dtanalysis.runner.render import page_has_no_remote_references

    landing = (project_copy / "reports/data/index.html").read_text(encoding="utf-8")
    assert 'href="datapackage.json"' in landing and 'href="index_scores.parquet"' in landing
    assert "CC BY-SA 4.0" in landing and rank["description"].split("(")[0] in landing
    assert page_has_no_remote_references(landing) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_versions_recorded_and_diffed(project_copy, capsys, require_chromium, tmp_path):
    root = project_copy
    paths = Paths.at(root)
    first = read_log(paths)
    assert [e["version"] for e in first] == [store.manifest(Paths.at(root))["data_version"]]
    snapshot = snapshot_path(paths, first[0]["version"])
    assert first[0]["bytes"] == snapshot.stat().st_size > 0
    assert first[0]["inputs_hash"] == store.manifest(Paths.at(root))["inputs_hash"]
    # one version only: nothing to compare, one line, exit 2
    assert main(["diff", "--root", str(root)]) == 2
    assert "1 data version recorded" in _one_line_error(capsys)
    assert write_changes_page(paths) is None

    # a new table arrives: a revised score, two ranks swapped, a removed indicator row
    _edit(root / PCI_2020, QN_OLD, QN_NEW)
    _edit(root / PCI_2020, DT_OLD, DT_NEW)
    indicators = root / "data/raw/indicators.csv"
    lines = indicators.read_text(encoding="utf-8").splitlines(keepends=True)
    removed_line = len(lines)  # the last row, 1-based
    indicators.write_text("".join(lines[:-1]), encoding="utf-8")
    result = run_clean(root, allow_shrink=True)
    assert result.ok, result.refused
    log = read_log(paths)
    assert len(log) == 2 and log[1]["version"] == result.data_version
    assert run_clean(root).ok and len(read_log(paths)) == 2  # the same version: no new line

    changes = diff(root).changes
    revised = changes[changes["change"] == "revised"]
    assert len(revised) == 1
    row = revised.iloc[0]
    assert (row["index"], row["metric"], row["unit"], row["period"], row["measure"]) == (
        "pci", "pci", "87", "2020", "score")
    assert (row["old"], row["new"]) == (72.81, 75.19)
    assert (row["old_source_file"], int(row["old_source_line"])) == (PCI_2020, 3)
    assert (row["new_source_file"], int(row["new_source_line"])) == (PCI_2020, 3)
    moved = changes[changes["change"] == "rank moved"].set_index("unit")
    assert moved.loc["22", ["old", "new"]].tolist() == [1, 2]
    assert moved.loc["87", ["old", "new"]].tolist() == [2, 1]
    removed = changes[changes["change"] == "removed"]
    assert len(removed) == 1 and removed.iloc[0]["table"] == "indicators"
    assert int(removed.iloc[0]["old_source_line"]) == removed_line
    assert (changes["change"] == "added").sum() == 0

    assert main(["diff", "--root", str(root)]) == 0
    text = capsys.readouterr().out
    assert "0 added, 1 removed, 1 revised, 2 rank moved" in text
    assert "Đồng Tháp (87) score: 72.81 → 75.19" in text
    assert f"{PCI_2020}:3" in text and "Quảng Ninh (22) rank: 1 → 2 (▼1)" in text
    assert f"data/raw/indicators.csv:{removed_line}" in text
    assert main(["diff", "--csv", "--from", log[0]["version"], "--to", log[1]["version"],
                 "--root", str(root)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4
    dt_score = next(r for r in rows if r["change"] == "revised")
    assert (dt_score["unit_name"], dt_score["old"], dt_score["new"]) == ("Đồng Tháp", "72.81",
                                                                         "75.19")
    # backwards: the same values, the other way
    back = diff(root, log[1]["version"], log[0]["version"]).changes
    assert (back["change"] == "added").sum() == 1 and (back["change"] == "revised").sum() == 1

    for bad in (["--from", "0000deadbeef"], ["--to", "nope"]):
        assert main(["diff", *bad, "--root", str(root)]) == 2
        assert "unknown data version" in _one_line_error(capsys)

    page = write_changes_page(paths)
    html = page.read_text(encoding="utf-8")
    before = page.stat().st_mtime_ns
    assert write_changes_page(paths) == page and page.stat().st_mtime_ns == before
    assert "72.81" in html and "75.19" in html and f"{PCI_2020}:3" in html
    assert "Đồng Tháp (87)" in html and 'href="changes.csv"' in html
    from dtanalysis.runner.render import page_has_no_remote_references

    assert page_has_no_remote_references(html) == []
    assert len(pd.read_csv(root / "reports/changes.csv", encoding="utf-8-sig")) == 4
    index = write_index(paths).read_text(encoding="utf-8")
    assert 'href="changes.html"' in index
    # both pages open offline with nothing blocked or failing, and pass axe (serious, critical)
    from browser import axe_violations, open_offline

    shutil.copy(ROOT / "README.md", root / "README.md")
    pages = [page, write_data_package(paths).with_name("index.html")]
    for html in pages:
        shown = open_offline(html, tmp_path / f"{html.parent.name}-{html.stem}.png")
        assert not shown.page_errors and not shown.blocked_requests, html
    found = axe_violations(pages)
    assert len(found) == len(pages)
    assert {html: lines for html, lines in found.items() if lines} == {}
