"""What a rendered page's inline stylesheets hold (test helper, not a test module).

Reports inline lab_subset.css (the part of JupyterLab's stylesheet they use) instead of
nbconvert lab's whole index.css + theme-light.css (issue #11: each report ≤ 0.5 MB).
"""

from __future__ import annotations

import re

MAX_PAGE_BYTES = 500_000

# Selectors and variables of JupyterLab's application UI: in lab's index.css, on no page of
# ours. Any of them in a page means the whole lab stylesheet is back.
LAB_ONLY = (".jp-DirListing", ".lm-DockPanel", ".jp-Toolbar", ".jp-Dialog", ".jp-FileEditor",
            ".jp-Launcher", "--jp-icon-", "--md-grey-")

# Classes nbconvert writes that lab styles only in states a saved page never has (an active
# or scrolled cell, a drag) or that are hidden anyway (collapsers: .jp-Collapser is
# display: none): no rule needed.
UNSTYLED_BY_DESIGN = frozenset({
    "jp-CodeCell", "jp-MarkdownCell", "jp-Notebook-cell", "jp-RenderedHTML", "jp-Editor",
    "jp-mod-noInput", "jp-Cell-inputCollapser", "jp-Cell-outputCollapser", "jp-InputCollapser",
    "jp-OutputCollapser",
})

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def page_css(html: str) -> str:
    """The text of every <style> of the page's head, comments removed."""
    head = html[: html.find("<body")]
    return _COMMENT.sub("", "\n".join(_STYLE.findall(head)))


def classes_used(html: str, prefixes: tuple[str, ...] = ("jp-", "dta-")) -> set[str]:
    """The classes (with one of `prefixes`) on the elements of the page's body."""
    body = html[html.find("<body"):]
    found: set[str] = set()
    for value in re.findall(r'class="([^"]*)"', body):
        found.update(c for c in value.split() if c.startswith(prefixes))
    return found


def classes_with_rules(css: str) -> set[str]:
    """The class names that occur in a selector of `css`."""
    selectors = re.sub(r"\{[^{}]*\}", "{}", css)  # drop declaration blocks (values hold dots)
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selectors))


def undefined_variables(css: str) -> set[str]:
    """Custom properties read with var(--x) that no declaration `--x:` of `css` defines."""
    used = set(re.findall(r"var\(\s*(--[\w-]+)", css))
    defined = set(re.findall(r"(--[\w-]+)\s*:", css))
    return used - defined
