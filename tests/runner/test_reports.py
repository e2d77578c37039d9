"""Real reports: Papermill on real kernels over the shipped data, content checks, the HTML
opened offline in headless Chromium, and warm-kernel output equal to a fresh kernel's."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from browser import axe_violations, open_offline
from conftest import copy_project
from stylesheets import (
    LAB_ONLY,
    MAX_PAGE_BYTES,
    UNSTYLED_BY_DESIGN,
    classes_used,
    classes_with_rules,
    page_css,
    undefined_variables,
)

from dtanalysis.paths import Paths
from dtanalysis.report import section_headings
from dtanalysis.runner.context import RunContext
from dtanalysis.runner.execute import execute
from dtanalysis.runner.jobs import build_plan, overview_job, province_job
from dtanalysis.runner.pool import run_jobs

ROOT = Path(__file__).resolve().parents[2]
CASES = {
    "hp": ("Hải Phòng", "63", "vi"),          # rich in data
    "bk": ("Bắc Kạn", "63", "vi"),            # only the 2022 rank
    "hd": ("Hải Dương", "63", "vi"),          # merged away in 2025
    "hp34": ("Hải Phòng", "34", "vi"),        # a unit of the 34 set
    "hp_en": ("Hải Phòng", "63", "en"),
    "bk_en": ("Bắc Kạn", "63", "en"),
    "hp34_en": ("Hải Phòng", "34", "en"),
}


@pytest.fixture(scope="module")
def project(cleaned_project, tmp_path_factory):
    return copy_project(cleaned_project, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def built(project):
    paths = Paths.at(project)
    jobs = {key: province_job(paths, name, unit_set, lang)
            for key, (name, unit_set, lang) in CASES.items()}
    jobs["overview"] = overview_job(paths)
    jobs["overview34"] = overview_job(paths, "vi", "34")
    outcomes = run_jobs(list(jobs.values()), RunContext.create(paths), n_jobs=2)
    failed = [(o.job.label, o.error) for o in outcomes if o.status != "ok"]
    assert not failed, failed
    return {key: job for key, job in jobs.items()}


def text_of(job) -> str:
    return job.html.read_text(encoding="utf-8")


def test_outputs_and_paths(built):
    assert built["hp"].html.name == "hai-phong.html"
    assert built["hp"].html.parent.name == "provinces"
    assert built["hp34"].html.parent.name == "units-2025"
    assert built["hp_en"].html.name == "hai-phong.en.html"
    for job in built.values():
        assert job.ipynb.exists()                       # executed notebook kept for audit
        record = json.loads(job.record.read_text())
        assert record["status"] == "ok" and record["data_version"]


@pytest.mark.parametrize("key", ["hp", "bk", "hd", "hp34"])
def test_every_section_is_present(built, key):
    html = text_of(built[key])
    for heading in section_headings("vi"):
        assert heading in html, heading
    assert "<pre" not in html.split("</main>")[0] or "Traceback" not in html


def test_an_overview_of_the_34_unit_set(built, project):
    # Before: a build wrote the national overview of the 63 provinces only.
    page = text_of(built["overview34"])
    assert built["overview34"].html.name == "overview-34.html"
    assert "bộ 34 đơn vị hành chính" in page and "8/34" in page  # 8 ranked units, said so
    assert "Đà Nẵng" in page and "Bắc Kạn" not in page           # units of the set only
    plan = build_plan(Paths.at(project), "en")
    assert [j.html.name for j in plan if j.kind == "overview"] == [
        "overview.en.html", "overview-34.en.html"]
    from dtanalysis.site.index_page import write_index

    index = write_index(Paths.at(project)).read_text(encoding="utf-8")
    assert 'href="overview-34.html"' in index and "(34 đơn vị)" in index


def test_english_report(built):
    html = text_of(built["hp_en"])
    for heading in section_headings("en"):
        assert heading in html
    assert "Hải Phòng" in html                        # names stay Vietnamese


def test_key_figures_from_the_data(built):
    hp = text_of(built["hp"])
    assert "14" in hp and "Hải Dương" in hp           # 2022 rank; the other member of the unit
    hd = text_of(built["hd"])
    assert "0.6383" in hd or "0,6383" in hd           # its 2022 score
    assert "Hải Phòng" in hd                          # the successor is named
    hp34 = text_of(built["hp34"])
    assert ("0.7857" in hp34 or "0,7857" in hp34) and "Hải Dương" in hp34
    bk = text_of(built["bk"])
    assert "Thái Nguyên" in bk                        # Bắc Kạn joined Thái Nguyên


def test_footer_gives_provenance(built):
    html = text_of(built["hp"])
    footer = html[html.index("dtanalysis-footer"):]
    record = json.loads(built["hp"].record.read_text())
    assert record["data_version"] in footer and "Hải Phòng" in footer


def test_no_code_by_default(built):
    assert "import dtanalysis" not in text_of(built["hp"])


@pytest.mark.parametrize("key", ["hp", "hp_en", "overview"])
def test_report_opens_offline_in_chromium(built, key, require_chromium, tmp_path):
    page = open_offline(built[key].html, tmp_path / "shot.png")
    assert page.console_errors == [] and page.page_errors == []
    assert page.blocked_requests == []
    assert page.screenshot.stat().st_size > 50_000
    assert "Hải Phòng" in page.text or key.startswith("overview")


def test_every_page_is_at_most_half_a_megabyte(built):
    """Issue #11: a report is mailed; it was 0.58–0.61 MB, 266 KB of it JupyterLab's whole
    stylesheet. The pages inline only the lab rules they use: no JupyterLab UI selector, a
    rule for every class of the page, every var(--…) defined in the page."""
    sizes = {key: job.html.stat().st_size for key, job in built.items()}
    assert {key: size for key, size in sizes.items() if size > MAX_PAGE_BYTES} == {}
    for key, job in built.items():
        html = text_of(job)
        css = page_css(html)
        assert [s for s in LAB_ONLY if s in css] == [], key
        assert undefined_variables(css) == set(), key
        assert classes_used(html) - UNSTYLED_BY_DESIGN <= classes_with_rules(css), key
    used = classes_used(text_of(built["hp"]))
    assert {"jp-Cell", "jp-OutputArea-child", "jp-OutputArea-output", "jp-RenderedHTMLCommon",
            "jp-RenderedImage", "dta-briefing-chart", "dta-chart-data", "dta-footer"} <= used


def _comparable(nb) -> list:
    cells = []
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            data = dict(output.get("data", {}))
            outputs.append((output.get("output_type"), output.get("text"),
                            json.dumps(data, sort_keys=True)))
        cells.append((cell.cell_type, cell.source, outputs))
    return cells


def test_warm_kernel_output_equals_a_fresh_kernel(built, project, tmp_path):
    paths = Paths.at(project)
    warm = nbformat.read(str(built["hd"].ipynb), as_version=4)
    fresh_job = province_job(paths, "Hải Dương")
    fresh_job = type(fresh_job)(**{**fresh_job.__dict__, "out": tmp_path / "hai-duong"})
    outcome = execute(fresh_job, RunContext.create(paths))
    assert outcome.status == "ok", outcome.error
    fresh = nbformat.read(str(fresh_job.ipynb), as_version=4)
    assert _comparable(fresh) == _comparable(warm)


def test_pages_have_no_serious_accessibility_violations(built, project, require_chromium):
    """axe-core, offline in Chromium, on the overview, reports of three provinces (and a
    34-set unit) in both languages, the index and the validation page: no serious or
    critical violation."""
    from dtanalysis.site.index_page import write_index

    index = write_index(Paths.at(project))
    pages = [job.html for job in built.values()] + [index]
    # the index in English and the operators' page in both languages, written with it
    pages += [index.with_name(name) for name in ("index.en.html", "operations.html",
                                                 "operations.en.html")]
    assert all(page.is_file() for page in pages)
    validation = index.parent / "validation.html"
    if validation.exists():
        pages.append(validation)
    found = axe_violations(pages)
    assert len(found) == len(pages)
    assert {page: lines for page, lines in found.items() if lines} == {}


def test_charts_have_alt_text_and_the_page_its_language(built):
    vi, en = text_of(built["hp"]), text_of(built["hp_en"])
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    images = re.findall(r"<img [^>]*>", vi)
    assert len(images) >= 5
    assert all(re.search(r'alt="[^"]{20,}"', img) for img in images)
    assert 'alt="Biểu đồ đường: thứ hạng DTI tổng thể của Hải Phòng theo năm' in vi
    assert vi.count("<details") >= len(images)


def test_numbers_to_take_away_beside_each_report(built):
    """CSV (UTF-8 with BOM) and XLSX beside each province report, linked relatively; read back
    they hold the values with status, source, file and line."""
    import pandas as pd

    job = built["hp"]
    csv, xlsx = job.html.with_suffix(".csv"), job.html.with_suffix(".xlsx")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    page = text_of(job)
    assert f'href="{csv.name}"' in page and f'href="{xlsx.name}"' in page
    table = pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for column in ("value", "status", "source", "source_file", "source_line"):
        assert column in table.columns
    own = table[(table["section"] == "dti") & (table["item"] == "dti")
                & (table["period"] == "2022") & (table["measure"] == "rank")]
    assert own[["name", "value", "status"]].values.tolist() == [["Hải Phòng", "14.0",
                                                                   "official"]]
    values = table[table["section"] != "coverage"]
    assert (values["source_file"].str.startswith("data/raw/")).all()
    # coverage rows are counts made here: they cite the publisher's declaration when there is
    # one, and say so when there is none (never a file they did not come from)
    coverage = table[table["section"] == "coverage"]
    assert not coverage.empty
    declared = coverage["source_file"] != ""
    assert coverage.loc[declared, "source_file"].str.startswith("data/raw/indices/").all()
    assert coverage.loc[~declared, "qualifier"].str.contains("not declared").all()
    assert "Hải Phòng" in set(table["name"])  # Vietnamese survives the round trip
    book = pd.read_excel(xlsx, sheet_name=None, dtype=str)
    assert set(book) == {"numbers", "about"}
    assert len(book["numbers"]) == len(table)
    about = dict(zip(book["about"]["field"], book["about"]["value"]))
    assert about["data_version"] and about["report"] == "Hải Phòng"
    # section 9's numbers: every index of the catalogue, PCI 2024 rank 1 among them
    indices = table[table["section"] == "indices"]
    assert {"dti", "pci", "papi"} <= set(indices["index"])
    pci = indices[(indices["index"] == "pci") & (indices["item"] == "pci")
                  & (indices["period"] == "2024") & (indices["measure"] == "rank")]
    assert pci[["value", "status"]].values.tolist() == [["1.0", "reported"]]
    # the record left for the index page holds one standing per index
    record = json.loads(job.record.read_text())
    assert [s["label"] for s in record["standing"]][:1] == ["DTI"]
    assert {s["index"] for s in record["standing"]} >= {"dti", "pci", "papi"}


def test_exported_text_cannot_run_as_a_formula(tmp_path):
    import openpyxl
    import pandas as pd

    from dtanalysis.runner.exports import write_exports

    frame = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "ok"],
                          "value": [-1.5, 2.0, 3.0, 4.0, 5.0]})  # SYNTHETIC
    csv, xlsx = write_exports(frame, tmp_path / "x.html", {"data_version": "=cmd"})
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert back["name"].tolist() == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)",
                                     "ok"]
    assert back["value"].tolist() == [-1.5, 2.0, 3.0, 4.0, 5.0]  # numbers stay numbers
    sheet = openpyxl.load_workbook(xlsx)["numbers"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula ("f")
    assert sheet.cell(row=2, column=2).value == -1.5
    assert openpyxl.load_workbook(xlsx)["about"].cell(row=2, column=2).value == "'=cmd"


def test_xlsx_blanks_are_blank_numbers_are_numbers_header_frozen(tmp_path):
    import openpyxl
    import pandas as pd

    from dtanalysis.runner.exports import write_exports

    frame = pd.DataFrame({  # SYNTHETIC
        "name": pd.array(["Hải Phòng", None, "một tên dài hơn bốn mươi tám ký tự " * 3],
                         dtype="string"),
        "value": pd.array([0.7684, None, 14.0], dtype="Float64"),
        "line": pd.array([3, 4, None], dtype="Int64")})
    _, xlsx = write_exports(frame, tmp_path / "x.html", {"data_version": "abc"})
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["numbers", "about"]
    sheet = book["numbers"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["name", "value", "line"], ["Hải Phòng", 0.7684, 3], [None, None, 4],
        ["một tên dài hơn bốn mươi tám ký tự " * 3, 14, None]]
    assert sheet.cell(row=2, column=3).data_type == "n"
    assert sheet.freeze_panes == "A2"
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths == {"A": 48, "B": 8, "C": 8}  # as wide as the text, 8 to 48
    assert [[c.value for c in row] for row in book["about"].iter_rows()] == [
        ["field", "value"], ["data_version", "abc"]]


@pytest.mark.slow
def test_pdf_beside_the_report(built, require_chromium):
    """One PDF (Chromium is slow): printed offline, A4, starts with %PDF, has pages."""
    from dtanalysis.runner.pdf import print_pdf

    pdf = print_pdf(built["hp"].html)
    assert pdf == built["hp"].html.with_suffix(".pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page[^s]", data)
    assert len(pages) >= 2  # the briefing, then the sections
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert sizes and all(abs(float(w) - 595.9) < 2 and abs(float(h) - 842.9) < 2
                         for w, h in sizes)  # A4 in points
