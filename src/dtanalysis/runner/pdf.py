"""A PDF beside a report's HTML, printed by headless Chromium (`--print-to-pdf`), offline: the
page is self-contained and every host name resolves to nothing. The print stylesheet of the
report template decides the layout (A4, the briefing on page 1, a section per page)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ProjectError

log = logging.getLogger(__name__)

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")
TIMEOUT_S = 120


def find_chromium() -> str:
    """The Chromium to print with: $DTANALYSIS_CHROMIUM, else the first on the PATH."""
    explicit = os.environ.get("DTANALYSIS_CHROMIUM")
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise ProjectError(f"DTANALYSIS_CHROMIUM={explicit} does not exist")
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ProjectError("--pdf needs Chromium (none of " + ", ".join(CANDIDATES) + " on the PATH)",
                       hint="apt-get install chromium, or set DTANALYSIS_CHROMIUM")


def pdf_path(html: Path) -> Path:
    return html.with_suffix(".pdf")


def print_pdf(html: Path, chromium: str | None = None) -> Path:
    """Print `html` to <same name>.pdf beside it; returns the PDF's path. Written to a
    temporary name first, so a failed print leaves no half file."""
    chromium = chromium or find_chromium()
    target = pdf_path(html)
    partial = target.with_name(f".{target.name}.part")
    with tempfile.TemporaryDirectory(prefix="dta-pdf-") as profile:
        command = [chromium, *ARGS, f"--user-data-dir={profile}",
                   f"--print-to-pdf={partial}", Path(html).resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                              check=False)
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        raise ProjectError(f"Chromium could not print {html.name}: "
                           f"{(done.stderr or '').strip().splitlines()[-1:]}")
    partial.replace(target)
    log.info("wrote %s", target)
    return target


def pdf_is_current(html: Path) -> bool:
    pdf = pdf_path(html)
    return pdf.is_file() and pdf.stat().st_mtime_ns >= html.stat().st_mtime_ns
