"""Open a local HTML report in headless Chromium with the network cut off.

Test helper (not a test module).  Drives Debian's ``/usr/bin/chromium`` through the
Python ``playwright`` package (its bundled node driver talks to the browser over
``--remote-debugging-pipe``; ``playwright install`` is never needed or run).

"Network cut off" is enforced twice:

* a context-wide route handler lets local ``file:`` / ``data:`` / ``blob:`` /
  ``about:`` through and aborts (and records) every other request, including
  ``file://host/...``; websockets are refused too;
* the browser's host resolver maps every host to NOTFOUND, so even a request the
  route layer never sees (prefetch, service worker, ...) cannot reach a host.

Everything aborted is reported in ``PageReport.blocked_requests``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("DTANALYSIS_CHROMIUM", "/usr/bin/chromium"))

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--font-render-hinting=none",
]

# For `open_offline(probe=…)`: what injected markup would leave behind in a page (a script
# that ran sets window.__pwned; handlers, non-http(s) links, SVG/iframes, images from URLs).
# Our own inline SVG is a map: an <svg class="dta-map"> directly in a <figure class="dta-map">.
INJECTION_PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : window.__pwned,
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
      a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 80)),
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(
      h => !/^(https?:|#|[\\w./-]+\\.(html|ipynb|csv|xlsx|pdf)(#.*)?$)/i.test(h)),
  injected: document.querySelectorAll(
      'svg:not(figure.dta-map > svg.dta-map), iframe, object, embed, img:not([src^="data:"])')
      .length,
})"""
NOTHING_INJECTED = {"pwned": None, "scripts": 0, "handlers": [], "links": [], "injected": 0}
# The index pages' offline search box, the one script we write.
OWN_SCRIPTS = {"index.html": 1, "index.en.html": 1}


def nothing_injected(page_name: str) -> dict:
    """What INJECTION_PROBE finds on one of our pages when nothing was injected."""
    return {**NOTHING_INJECTED, "scripts": OWN_SCRIPTS.get(page_name, 0)}

_LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
VIEWPORT = {"width": 1280, "height": 900}


@dataclass
class PageReport:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    screenshot: Path = Path()
    text: str = ""
    probe: object = None  # what the `probe` script returned

    @property
    def clean(self) -> bool:
        """No console errors, no page errors, no request left the machine."""
        return not (self.console_errors or self.page_errors or self.blocked_requests)


def chromium_available() -> bool:
    """True when the Chromium executable and the playwright package are both usable."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def _is_local(url: str) -> bool:
    """file:/data:/blob:/about: URLs, except file://HOST/... (a network share: on
    Windows a protocol-relative //host/x in a mailed report becomes exactly that)."""
    lowered = url.lower()
    if lowered.startswith("file:"):
        return urlsplit(url).netloc.lower() in ("", "localhost")
    return lowered.startswith(_LOCAL_SCHEMES)


def open_offline(
    html_path: Path,
    screenshot: Path,
    *,
    timeout_ms: int = 30_000,
    probe: str | None = None,
) -> PageReport:
    """Load ``html_path`` offline, take a full-page PNG screenshot, report what happened.
    ``probe``, a JavaScript function expression, is evaluated in the loaded page; its result
    is ``PageReport.probe``."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    html_path = Path(html_path).resolve()
    screenshot = Path(screenshot)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    report = PageReport(screenshot=screenshot)

    def block(url: str) -> None:
        if url not in report.blocked_requests:
            report.blocked_requests.append(url)

    def on_route(route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            block(url)
            route.abort("internetdisconnected")

    def on_request(request) -> None:  # catches anything that bypassed routing
        if not _is_local(request.url):
            block(request.url)

    def on_console(msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            report.console_errors.append(f"{msg.text}{where}")

    def on_websocket_route(ws) -> None:
        block(ws.url)
        ws.close()

    with tempfile.TemporaryDirectory(prefix="dta-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            device_scale_factor=1,
            offline=True,
            service_workers="block",
            timeout=timeout_ms,
        )
        try:
            context.route("**/*", on_route)
            context.route_web_socket("**/*", on_websocket_route)
            context.on("request", on_request)
            page = context.pages[0] if context.pages else context.new_page()
            page.on("console", on_console)
            page.on("pageerror", lambda exc: report.page_errors.append(str(exc)))
            try:
                page.goto(html_path.as_uri(), wait_until="networkidle", timeout=timeout_ms)
            except PlaywrightError as exc:  # e.g. never idle: still report what we have
                report.page_errors.append(f"navigation: {exc}")
            page.screenshot(path=str(screenshot), full_page=True)
            report.text = page.evaluate("() => document.body ? document.body.innerText : ''")
            if probe is not None:
                report.probe = page.evaluate(probe)
        finally:
            context.close()
    return report


def axe_violations(html_paths: list[Path], impacts: tuple[str, ...] = ("serious", "critical"),
                   timeout_ms: int = 30_000) -> dict[str, list[str]]:
    """Run axe-core (the copy shipped inside axe-playwright-python: no network) on each page,
    offline in one Chromium; for each page, the violations of the given impacts as
    "rule-id (impact): help — first target" lines. Empty lists: the pages pass."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    found: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="dta-axe-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport=VIEWPORT, offline=True, service_workers="block", timeout=timeout_ms)
        try:
            context.route("**/*", lambda route: route.continue_() if _is_local(
                route.request.url) else route.abort("internetdisconnected"))
            page = context.pages[0] if context.pages else context.new_page()
            for path in html_paths:
                page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
                results = axe.run(page)
                lines = []
                for v in results.response["violations"]:
                    if v.get("impact") in impacts:
                        target = v["nodes"][0]["target"] if v.get("nodes") else ""
                        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {target} "
                                     f"({len(v.get('nodes', []))} nodes)")
                found[str(path)] = lines
        finally:
            context.close()
    return found
