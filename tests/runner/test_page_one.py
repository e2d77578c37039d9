"""Page one as a director reads it, on the REAL data, in both languages: four province reports
(Hải Phòng, Hải Dương, Quảng Ninh, Quảng Ngãi) built by real kernels, then read as HTML, printed
to A4 by headless Chromium and opened at a phone's 390 px."""

from __future__ import annotations

import html as htmllib
import itertools
import re
import shutil
import subprocess

import pytest
from conftest import copy_project

from dtanalysis.paths import Paths
from dtanalysis.runner.context import RunContext
from dtanalysis.runner.jobs import province_job
from dtanalysis.runner.pool import run_jobs

pytestmark = pytest.mark.slow

PROVINCES = ("Hải Phòng", "Hải Dương", "Quảng Ninh", "Quảng Ngãi")
MAX_PAGES = 8
PHONE = 390


@pytest.fixture(scope="module")
def pages(cleaned_project, tmp_path_factory):
    root = copy_project(cleaned_project, tmp_path_factory.mktemp("page-one"))
    paths = Paths.at(root)
    jobs = [province_job(paths, name, "63", lang) for name in PROVINCES for lang in ("vi", "en")]
    outcomes = run_jobs(jobs, RunContext.create(paths), n_jobs=2)
    failed = [(o.job.label, o.error) for o in outcomes if o.status != "ok"]
    assert not failed, failed
    return jobs


def _text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_page_one_leads_with_a_sentence_then_key_points_then_the_table(pages):
    for job in pages:
        page = job.html.read_text(encoding="utf-8")
        main = page[page.index('id="briefing"'):]
        order = [main.index('class="dta-headline"'), main.index("<ol>"),
                 main.index("<table"), main.index('class="dta-footnote"'),
                 main.index('id="briefing-notes"')]
        assert order == sorted(order), job.label
        headline = _text(main[order[0]:main.index("</p>", order[0])])
        # rank of N and year for each index it has a rank on, and the targets
        assert re.search(r"\d+[†§]?(/| of )\d+ (về|on) DTI \(20\d\d\)", headline), headline
        assert ("mục tiêu" in headline) if job.lang == "vi" else ("target" in headline)
        # one language per page, the other one link away
        other = f"{job.slug}.en.html" if job.lang == "vi" else f"{job.slug}.html"
        assert 'class="dta-lang"' in page and f'href="{other}" hreflang' in page
        assert f'<html lang="{job.lang}"' in page
        assert not re.search(r"\b(vi|Tiếng Việt) / (en|English)\b", _text(page))


def test_no_internal_code_path_or_hash_before_about_the_data(pages):
    """Director vocabulary: file paths, JSON parameters, commit and data-version hashes,
    quarantine and expectation counts, the publisher's internal codes only in the last
    section ("About the data") and the provenance under it."""
    forbidden = [r"data/raw", r"data/processed", r"\.csv\b", r"\{\"", r"quarantin",
                 r"cách ly", r"kỳ vọng", r"expectation", r"\b[0-9a-f]{12}\b", r"\bSC\d\d\b",
                 r"\bCommit\b"]
    for job in pages:
        page = job.html.read_text(encoding="utf-8")
        page = re.sub(r"<img[^>]*>", " ", page)  # alt texts and images are checked elsewhere
        about = re.search(r"<h2[^>]*>\s*9\. (Về dữ liệu|About the data)", page)
        assert about, job.label
        later = page[about.start():]
        assert "<h2" not in later[3:], f"{job.label}: About the data is not the last section"
        text = _text(page[page.index("<main"):about.start()])
        for pattern in forbidden:
            found = re.search(pattern, text)
            assert not found, (job.label, job.lang, text[max(0, found.start() - 60):
                                                         found.end() + 40])
        assert re.search(r"\b[0-9a-f]{12}\b", _text(later))  # the provenance is there


def test_one_spelling_per_province_name(pages):
    """Every unit's name is printed as the registry spells it: no page writes a name with
    other tone marks (Hòa Bình for the registry's Hoà Bình)."""
    import unicodedata

    from dtanalysis.domain.registry import registry
    from dtanalysis.domain.text import strip_diacritics

    root = pages[0].out.parents[2]
    names = {u.short_name for s in ("63", "34") for u in registry(root).all(s)}

    def tones(name):  # the same letters, any tone marks
        base = unicodedata.normalize("NFD", name)
        letters = "".join(c for c in base if unicodedata.category(c) != "Mn" or
                          c in "\u0306\u0302\u031b")  # keep ă â ê ô ơ ư, drop tones
        return unicodedata.normalize("NFC", letters)

    by_letters = {}
    for name in names:
        by_letters.setdefault(tones(name), set()).add(name)
    for job in pages:
        text = unicodedata.normalize("NFC", _text(job.html.read_text(encoding="utf-8")))
        words = re.findall(r"\w+", text)
        for word in {f"{a} {b}" for a, b in itertools.pairwise(words)}:
            spellings = by_letters.get(tones(word))
            if spellings and word not in spellings and strip_diacritics(word) != word:
                raise AssertionError((job.label, job.lang, word, spellings))


def _pdf_pages(pdf) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _fill(png) -> float:
    """How far down the page its content reaches (0–1), the page-number line left out."""
    from PIL import Image

    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    foot = int(height * 0.95)  # the @page boxes (data version, page number)
    last = 0
    for y in range(foot):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            last = y
    return last / height


def test_a4_print_in_few_pages_page_one_the_briefing_alone(pages, require_chromium,
                                                                  tmp_path):
    """Each report printed by the real `runner.pdf`: at most MAX_PAGES A4 pages; page one holds the
    title and the briefing and nothing of section 1; no page but the last is less than a
    third full. Pages are read with poppler (pdftotext, pdftoppm)."""
    from dtanalysis.runner.pdf import print_pdf

    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils (pdftotext, pdftoppm) not installed: apt-get install "
                    "poppler-utils")
    for job in pages:
        pdf = print_pdf(job.html)
        n = _pdf_pages(pdf)
        assert 2 <= n <= MAX_PAGES, (job.label, job.lang, n)
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        briefing, section1 = (("Tóm lược", "1. Tóm tắt") if job.lang == "vi"
                              else ("Briefing", "1. Headline"))
        assert briefing in first and section1 not in first, (job.label, job.lang)
        stem = tmp_path / f"{job.slug}-{job.lang}"
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(stem)], check=True)
        images = sorted(tmp_path.glob(f"{stem.name}-*.png"))
        assert len(images) == n
        for i, png in enumerate(images[:-1], 1):
            assert _fill(png) > 1 / 3, (job.label, job.lang, f"page {i} of {n}", _fill(png))


def test_no_page_scrolls_sideways_on_a_phone(pages, require_chromium):
    """At 390 px the page is no wider than the screen: a wide table scrolls in its own box."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from dtanalysis.site.index_page import write_index

    root = pages[0].out.parents[2]
    index = write_index(Paths.at(root))
    targets = [job.html for job in pages] + [index, index.with_name("index.en.html"),
                                             index.with_name("operations.html")]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": PHONE, "height": 844})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                ("file:", "data:")) else route.abort())
            for target in targets:
                page.goto(target.as_uri(), wait_until="load")
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= PHONE, (target.name, width)
        finally:
            browser.close()
