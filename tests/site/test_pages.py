"""The site's pages: the validation page shows failures offline and the index links it."""

import json

import pandas as pd

from dtanalysis.paths import VALIDATION, Paths
from dtanalysis.pipeline.stages import run_validate


def test_validation_page_shows_failures_offline(project_copy):
    from dtanalysis.runner.render import page_has_no_remote_references
    from dtanalysis.site.index_page import write_index

    root = project_copy
    processed = Paths.at(root).processed
    dti = pd.read_parquet(processed / "dti.parquet")
    dti.loc[0, "status"] = "rumoured"
    dti.to_parquet(processed / "dti.parquet", index=False)
    assert not run_validate(root).ok
    write_index(Paths.at(root))
    page = (root / "reports" / "validation.html").read_text(encoding="utf-8")
    assert "✘" in page and "rumoured" in page and "data/raw/" in page
    assert ("A DTI row&#x27;s status is official, reported, published_secondary (a third "
            "party&#x27;s copy of the publisher&#x27;s figure), derived or uncertain.") in page
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    operations = (root / "reports" / "operations.html").read_text(encoding="utf-8")
    # the validation is for the people who run the build: linked from their page, which the
    # index links
    assert 'href="operations.html"' in index and 'href="validation.html"' in operations
    for html in (page, index, operations):
        assert page_has_no_remote_references(html) == []


def test_hostile_values_on_the_validation_and_index_pages_stay_text(project_copy, tmp_path,
                                                                    require_chromium):
    """Offending values and report errors reach these pages: escaped, never markup."""
    from browser import INJECTION_PROBE, nothing_injected, open_offline

    from dtanalysis.records import write_record
    from dtanalysis.site.index_page import write_index

    hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    paths = Paths.at(project_copy)
    # A failed validation whose offending row holds the text (written as `validate` writes
    # it; running Great Expectations here would only cost seconds).
    summary = json.loads((paths.processed / VALIDATION).read_text(encoding="utf-8"))
    suite = json.loads((paths.expectations / "dti.json").read_text(encoding="utf-8"))
    description = suite["expectations"][0]["meta"]["description"]
    summary.update(success=False, failures=[{
        "table": "dti", "description": description, "unexpected_count": 1,
        "rows": [{"values": {"status": hostile}, "source_file": hostile, "source_line": 2}]}])
    (paths.processed / VALIDATION).write_text(json.dumps(summary), encoding="utf-8")
    folder = project_copy / "reports" / "provinces"
    folder.mkdir(parents=True, exist_ok=True)
    write_record(folder / "x.json", {"kind": "province", "label": hostile, "slug": "x",
                                     "status": "failed", "error": hostile, "lang": "vi",
                                     "html": "x.html", "ipynb": "x.ipynb"})
    write_index(paths)
    for name in ("validation.html", "index.html", "operations.html"):
        report = open_offline(project_copy / "reports" / name, tmp_path / f"{name}.png",
                              probe=INJECTION_PROBE)
        assert report.probe == nothing_injected(name), (name, report.probe)
        if name != "operations.html":  # no run logged here: the hostile text is not on it
            assert "<script>window.__pwned=1</script>" in report.text, name


def _record(folder, slug, label, version, standing=None, status="ok", lang="vi"):  # SYNTHETIC
    import json

    suffix = "" if lang == "vi" else f".{lang}"
    record = {"kind": "province", "label": label, "slug": slug, "unit_set": "63", "lang": lang,
              "run_date": "2026-11-23 16:54 UTC", "data_version": version,
              "html": f"{slug}{suffix}.html", "ipynb": f"{slug}{suffix}.ipynb",
              "status": status, "error": None, "standing": standing or []}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}{suffix}.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / f"{slug}{suffix}.html").write_text("<html></html>", encoding="utf-8")


def test_index_rows_standing_stale_order_search_and_downloads(project_copy):
    """SYNTHETIC records: the index shows each report's standing with marks and change, marks
    a report built on another data version as stale, sorts in Vietnamese order, links the
    briefing and the files that exist, and carries an offline search box."""
    import json
    import re

    from dtanalysis.runner.render import page_has_no_remote_references
    from dtanalysis.site.index_page import write_index

    paths = Paths.at(project_copy)
    current = json.loads((paths.processed / "manifest.json").read_text())["data_version"]
    folder = paths.reports / "provinces"
    for old in folder.glob("*") if folder.exists() else []:
        old.unlink()
    _record(folder, "quang-ninh", "Quảng Ninh", current, [
        {"index": "dti", "year": 2022, "rank": 3, "rank_status": "official", "score": 0.7024,
         "score_status": "official", "n_units": 63, "rank_delta": 4, "previous_year": 2021}])
    _record(folder, "bac-kan", "Bắc Kạn", "0ld0ld0ld0ld")
    _record(folder, "bac-lieu", "Bạc Liêu", current)
    _record(folder, "da-nang", "Đà Nẵng", current)
    (folder / "quang-ninh.pdf").write_bytes(b"%PDF-1.4")
    (folder / "quang-ninh.csv").write_text("x", encoding="utf-8")
    page = write_index(paths).read_text(encoding="utf-8")
    names = re.findall(r'<tr data-name="([^"]+)"', page)
    assert names == ["Bạc Liêu", "Bắc Kạn", "Đà Nẵng", "Quảng Ninh"]  # Vietnamese order
    qn = page[page.index('data-name="Quảng Ninh"'):]
    qn = qn[:qn.index("</tr>")]
    assert "3/63 · 0,7024 · ▲4 (so với 2021)" in re.sub("<[^>]+>", "", qn) and "(2022)" in qn
    assert 'href="provinces/quang-ninh.html#briefing"' in qn
    assert 'href="provinces/quang-ninh.pdf"' in qn and 'href="provinces/quang-ninh.csv"' in qn
    assert "quang-ninh.xlsx" not in qn  # only files that exist are linked
    bk = page[page.index('data-name="Bắc Kạn"'):]
    assert "stale" in bk[:bk.index("</tr>")]
    assert "1 cũ" in page
    assert '<input type="search" id="q"' in page and "normalize('NFD')" in page
    assert 'href="data_docs/index.html"' not in page  # blank offline: not linked as a page
    assert page_has_no_remote_references(page) == []
    # one language per page: the English index lists the English reports (none here) and
    # each links the other; no "vi / en" label pairs
    en = (paths.reports / "index.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in en and "No report yet" in en and 'data-name=' not in en
    assert 'href="index.en.html" hreflang="en"' in page and 'href="index.html" hreflang="vi"' in en
    for html in (page, en):
        assert " / stale" not in html and "lang</th>" not in html


def test_index_has_a_column_per_catalogue_index_with_marks_and_gaps(project_copy):
    """SYNTHETIC records: one rank · score · change column per index the records name, labelled
    from the records (the catalogue's short labels), § † ‡ marks, scores with their scale's
    decimals, and an index without a value said in words."""
    import re

    from dtanalysis.site.index_page import write_index

    paths = Paths.at(project_copy)
    folder = paths.reports / "provinces"
    for old in folder.glob("*") if folder.exists() else []:
        old.unlink()
    _record(folder, "bac-kan", "Bắc Kạn", "v", [
        {"index": "dti", "label": "DTI", "year": 2022, "rank": 63, "rank_status": "official",
         "score": None, "score_status": None, "score_decimals": 4, "n_units": 63,
         "rank_delta": -12, "previous_year": 2021, "published": True,
         "gap_years": [2023, 2024]},
        {"index": "papi", "label": "PAPI", "year": 2024, "rank": 22, "rank_status": "derived",
         "score": 44.096229, "score_status": "derived", "score_decimals": 2, "n_units": 61,
         "rank_delta": 0, "previous_year": 2023, "published": True, "gap_years": []},
        {"index": "pci", "label": "PCI", "year": 2020, "rank": 59,
         "rank_status": "published_secondary", "score": 61.97,
         "score_status": "published_secondary", "score_decimals": 2, "n_units": 63,
         "rank_delta": None, "previous_year": None, "published": True, "gap_years": []}])
    _record(folder, "ha-noi", "Hà Nội", "v", [
        {"index": "dti", "label": "DTI", "year": None, "rank": None, "score": None,
         "published": False, "gap_years": []},
        {"index": "pci", "label": "PCI", "year": None, "rank": None, "score": None,
         "published": True, "gap_years": [2023]}])
    page = write_index(paths).read_text(encoding="utf-8")
    section63 = page[:page.index("34 đơn vị hành chính")]
    heads = re.findall(r"<th scope=\"col\">([A-Z]+): hạng · điểm · thay đổi", section63)
    assert heads == ["DTI", "PAPI", "PCI"]
    bk = page[page.index('data-name="Bắc Kạn"'):]
    bk = re.sub("<[^>]+>", "", bk[:bk.index("</tr>")])
    # records without reasons (written before issue 19): never "not published"
    assert "63/63 · ▼12 (so với 2021)" in bk and "2023, 2024: không có trong dữ liệu" in bk
    assert "not published" not in page and "không công bố" not in page
    assert "22†/61 · 44,10† · = (so với 2023)" in bk
    assert "59§/63 · 61,97§" in bk
    hn = page[page.index('data-name="Hà Nội"'):]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", hn[:hn.index("</tr>")])
    assert cells[0:3] == ["không có bảng", "không có trong dữ liệu", "không có trong dữ liệu"]
    assert "§ bản sao thứ cấp" in page


def test_a_synthetic_index_gets_an_index_page_column(synthetic_index_project, tmp_path):
    """A SYNTHETIC index added as data only: the standing a run records (the real
    `province_standing`) gives the index page its column, with no code naming the index."""
    import json
    import re
    import shutil

    from dtanalysis.runner.exports import province_standing
    from dtanalysis.site.index_page import write_index

    root = tmp_path / "project"
    shutil.copytree(synthetic_index_project / "data", root / "data")
    paths = Paths.at(root)
    version = json.loads((paths.processed / "manifest.json").read_text())["data_version"]
    standing = province_standing(root, version, "Hải Phòng", "63")
    _record(paths.reports / "provinces", "hai-phong", "Hải Phòng", version, standing)
    page = write_index(paths).read_text(encoding="utf-8")
    assert '<th scope="col">ZZI: hạng · điểm · thay đổi' in page
    hp = page[page.index('data-name="Hải Phòng"'):]
    assert "2/63 · 7,50 (2023)" in re.sub("<[^>]+>", "", hp[:hp.index("</tr>")])


def test_index_search_filters_offline_in_chromium(project_copy, require_chromium):
    """The search box filters rows by name with or without diacritics, with no network."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from dtanalysis.site.index_page import write_index

    folder = Paths.at(project_copy).reports / "provinces"
    for slug, label in (("hai-phong", "Hải Phòng"), ("hai-duong", "Hải Dương"),
                        ("da-nang", "Đà Nẵng")):
        _record(folder, slug, label, "v")
    index = write_index(Paths.at(project_copy))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                ("file:", "data:")) else route.abort())
            page.goto(index.as_uri())

            def visible():
                return page.eval_on_selector_all(
                    "tr[data-name]", "rows => rows.filter(r => !r.hidden)"
                    ".map(r => r.dataset.name)")

            assert len(visible()) >= 3
            page.fill("#q", "hai phong")
            assert visible() == ["Hải Phòng"]
            page.fill("#q", "da nang")
            assert visible() == ["Đà Nẵng"]
            page.fill("#q", "Hải")
            assert sorted(visible()) == ["Hải Dương", "Hải Phòng"]
        finally:
            browser.close()


def test_index_page_says_why_a_value_is_missing_from_the_real_standing(project_copy):
    """Issue 19, point 1, on the shipped data through the real `province_standing`: DTI
    (published for all 63 every year, partly held) is "not in the collected tables" with how
    many are held, never "not published"; the lead year's coverage (M of N) is stated."""
    import json
    import re

    from dtanalysis.runner.exports import province_standing
    from dtanalysis.site.index_page import write_index

    paths = Paths.at(project_copy)
    folder = paths.reports / "provinces"
    for old in folder.glob("*") if folder.exists() else []:
        old.unlink()
    version = json.loads((paths.processed / "manifest.json").read_text())["data_version"]
    for slug, name in (("hai-duong", "Hải Dương"), ("quang-ninh", "Quảng Ninh")):
        _record(folder, slug, name, version, province_standing(project_copy, version, name,
                                                                "63"))
    page = write_index(paths).read_text(encoding="utf-8")

    def row(name):
        part = page[page.index(f'data-name="{name}"'):]
        return re.sub("<[^>]+>", " ", part[:part.index("</tr>")])

    hd, qn = row("Hải Dương"), row("Quảng Ninh")
    assert ("DTI 2023: không có trong các bảng đã thu thập — dữ liệu có 13 trên 63 thứ hạng "
            "đã công bố") in hd
    assert "không công bố" not in hd and "không công bố" not in qn
    assert "63/63 có trong dữ liệu" in qn  # DTI 2022: complete
    # the English index (one language per page) says the same in English
    for slug, name in (("hai-duong", "Hải Dương"), ("quang-ninh", "Quảng Ninh")):
        _record(folder, slug, name, version, province_standing(project_copy, version, name,
                                                                "63"), lang="en")
    write_index(paths)
    page = (paths.reports / "index.en.html").read_text(encoding="utf-8")
    hd, qn = row("Hải Dương"), row("Quảng Ninh")
    assert "DTI 2023: not in the collected tables — 13 of the 63 published ranks" in hd
    assert "not published" not in hd and "not published" not in qn
    assert "63 of 63 held" in qn


def test_a_disputed_value_on_the_index_page_carries_the_other_sources_value():
    """Claims rule 5 on the index page: the standing a report records carries, per language,
    what another source gives for the rank or score shown (`province_standing`'s `disputed`),
    and the index page prints it beside the value; an undisputed index shows no mark. (The
    shipped disputes are of sub-indices, which the index page does not show: made-up record.)"""
    from dtanalysis.site.index_page import _standing_cells

    standing = [
        {"index": "dti", "year": 2023, "rank": 8, "rank_status": "published", "score": 0.61,
         "score_status": "published", "score_decimals": 4, "n_units": 63,
         "disputed": {"vi": {"rank": " ⚠ nguồn khác ghi 10", "score": ""},
                      "en": {"rank": " ⚠ another source gives 10", "score": ""}}},
        {"index": "pci", "year": 2023, "rank": 3, "rank_status": "published", "score": 70.1,
         "score_status": "published", "score_decimals": 2, "n_units": 63,
         "disputed": {"vi": {"rank": "", "score": ""}, "en": {"rank": "", "score": ""}}}]
    for lang, words in (("vi", "nguồn khác ghi 10"), ("en", "another source gives 10")):
        cells = _standing_cells({"standing": standing}, ["dti", "pci"], lang).split("</td>")
        assert "8/63" in cells[0] and "⚠" in cells[0] and words in cells[0]
        assert "⚠" not in cells[1]
