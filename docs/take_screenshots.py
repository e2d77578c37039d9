"""Retake the screenshots in docs/screenshots from a built `reports/` (after `make reports`):

    .venv/bin/python docs/take_screenshots.py [--pdf]

Page one of the four test provinces (Hải Phòng, Hải Dương, Quảng Ninh, Quảng Ngãi) and of the
README's examples in Vietnamese and English at 1200 px, the same at a phone's 390 px, the index
pages, Hải Phòng's small map and Quảng Ninh's tables by year; with `--pdf`, each of the four
printed to A4 (runner.pdf) and its pages as one contact sheet per report (poppler's pdftoppm). Offline headless Chromium (tests/browser.py's)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))

FOUR = ("hai-phong", "hai-duong", "quang-ninh", "quang-ngai")
README = (("provinces", "hai-phong", "briefing-hai-phong"), ("provinces", "bac-kan",
                                                             "briefing-bac-kan"),
          ("units-2025", "hai-phong", "briefing-hai-phong-34"))


@contextmanager
def _page() -> Iterator:
    """One page of an offline headless Chromium (tests/browser.py's) at 1200 × 900, in a
    fresh profile."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900}, offline=True)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def _shots(jobs: list[tuple[Path, Path, int, int]]) -> None:
    """(page, png, width, height of the clip) each, full page clipped to the height."""
    with _page() as page:
        for html, png, width, height in jobs:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(html.as_uri(), wait_until="load")
            full = page.evaluate("() => document.documentElement.scrollHeight")
            page.screenshot(path=str(png), full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": min(full, height)})
            print(png.relative_to(ROOT))


def _elements(jobs: list[tuple[Path, str, Path]]) -> None:
    """(page, CSS selector, png) each: the first element the selector finds, at 1200 px."""
    with _page() as page:
        for html, selector, png in jobs:
            page.goto(html.as_uri(), wait_until="load")
            page.locator(selector).first.screenshot(path=str(png))
            print(png.relative_to(ROOT))


def _briefing_height(lang: str) -> int:
    return 1500 if lang == "vi" else 1450


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    reports = ROOT / "reports"
    OUT.mkdir(parents=True, exist_ok=True)
    jobs = []
    for folder, slug, name in [("provinces", s, f"briefing-{s}") for s in FOUR] + list(README):
        for lang, suffix in (("vi", ""), ("en", ".en")):
            html = reports / folder / f"{slug}{suffix}.html"
            jobs.append((html, OUT / f"{name}-{lang}.png", 1200, _briefing_height(lang)))
            if slug in FOUR and folder == "provinces":
                jobs.append((html, OUT / f"phone-{slug}-{lang}.png", 390, 2400))
    jobs += [(reports / "index.html", OUT / "index.png", 1200, 1100),
             (reports / "index.en.html", OUT / "index-en.png", 1200, 1100),
             (reports / "index.html", OUT / "phone-index-vi.png", 390, 1600)]
    _shots(jobs)
    # section 3's small map and section 8's tables by year (README's examples)
    _elements([(reports / "provinces" / f"{slug}{suffix}.html", selector,
                OUT / f"{name}-{lang}.png")
               for lang, suffix in (("vi", ""), ("en", ".en"))
               for slug, selector, name in (
                   ("hai-phong", "div.dta-pair-part:has(figure.dta-map-small)",
                    "report-map-hai-phong"),
                   ("quang-ninh", "div.dta-histories", "index-history-quang-ninh"))])
    if args.pdf:
        from PIL import Image

        from dtanalysis.runner.pdf import print_pdf

        for slug in FOUR:
            for lang, suffix in (("vi", ""), ("en", ".en")):
                pdf = print_pdf(reports / "provinces" / f"{slug}{suffix}.html")
                with tempfile.TemporaryDirectory() as tmp:
                    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), f"{tmp}/p"],
                                   check=True)
                    pages = [Image.open(p) for p in sorted(Path(tmp).glob("p-*.png"))]
                    w, h = pages[0].size
                    sheet = Image.new("RGB", (4 * (w + 6), ((len(pages) + 3) // 4) * (h + 6)),
                                      "#888888")
                    for i, page in enumerate(pages):
                        sheet.paste(page, ((i % 4) * (w + 6), (i // 4) * (h + 6)))
                    png = OUT / f"pdf-{slug}-{lang}.png"
                    sheet.save(png)
                    if slug == "quang-ninh" and lang == "vi":
                        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1",
                                        "-singlefile", str(pdf),
                                        str(OUT / "pdf-page1-quang-ninh")], check=True)
                    print(png.relative_to(ROOT), f"{len(pages)} pages")


if __name__ == "__main__":
    main()
