"""Render executed notebooks to self-contained, offline HTML reports.

Reports are mailed and opened with no network, so the page must show everything
and request nothing from any host.  nbconvert's stock ``lab`` template loads
require.js, MathJax and mermaid from CDNs; the ``dtanalysis_report`` template
(``templates/dtanalysis_report``) extends ``lab`` and empties those blocks, and
inlines only the part of lab's JupyterLab stylesheet the pages use
(``lab_subset.css``, ~12 KB instead of ~256 KB).  The pygments stylesheet is
inlined only when code is shown.  :func:`page_has_no_remote_references` is the
safety check the tests and the build run on every produced page.

The exporter is built once per configuration and reused: the first export
costs about a second (template compilation), later ones about 10 ms.
"""

from __future__ import annotations

import logging
import re
import threading
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbformat import NotebookNode
from traitlets.config import Config

from ..caches import register

__all__ = ["TEMPLATES_DIR", "TEMPLATE_NAME", "notebook_to_html", "page_has_no_remote_references"]

TEMPLATES_DIR = Path(__file__).parent / "templates"  # runner/templates/dtanalysis_report
TEMPLATE_NAME = "dtanalysis_report"

# Cell tags honoured when rendering (the usual Jupyter Book / nbconvert names).
REMOVE_CELL_TAGS = frozenset({"remove-cell", "remove_cell"})
REMOVE_INPUT_TAGS = frozenset({"remove-input", "remove_input"})
REMOVE_OUTPUT_TAGS = frozenset({"remove-output", "remove_output"})

log = logging.getLogger(__name__)

# What HTMLExporter's last step does to a page, done on the markup as rendered (`_Exporter`).
_FOCUSABLE_DIV = re.compile(
    r'<div\b(?=[^>]*\bclass="(?:[^"]*\s)?(?:jp-Cell-inputWrapper|jp-OutputArea-output)[\s"])'
    r'(?![^>]*\btabindex=)([^>]*?)(/?)>')
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)")
# A character reference (`&#7881;`, `&#x1EC9;`, `&nbsp;`), and the raw-text elements where
# none is decoded.
_CHAR_REF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_RAW_TEXT = re.compile(r"(<(script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_MARKUP_CHARS = frozenset('&<>"')
NO_ALT_TEXT = "No description has been provided for this image"  # nbconvert's words


class _Exporter(HTMLExporter):
    """nbconvert's HTMLExporter without the BeautifulSoup pass that ends its
    `from_notebook_node`: a re-parse and re-serialisation of the whole page, which was three
    quarters of a page's rendering (py-spy). What that pass changes is done here on the
    rendered markup instead (`soup_pass`)."""

    def from_notebook_node(self, nb: NotebookNode, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        # HTMLExporter.from_notebook_node (nbconvert 7.17) up to its BeautifulSoup pass
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return soup_pass(html), resources


def soup_pass(html: str) -> str:
    """What HTMLExporter's BeautifulSoup pass does to a page, without parsing it: the
    placeholder alt text on each image that has none (logged), `tabindex="0"` on each notebook
    cell's input wrapper and output area, and character references written as the characters
    they stand for (`&#7881;` as ỉ: the markdown renderer writes headings so) but in scripts
    and styles, and but those of `& < > "`. Parsed, the page is the same document
    (`tests/runner/test_render.py`)."""
    html, missing = _IMG_WITHOUT_ALT.subn(f'<img alt="{NO_ALT_TEXT}"', html)
    if missing:
        log.warning("Alternative text is missing on %s image(s).", missing)
    html = _FOCUSABLE_DIV.sub(r'<div\1 tabindex="0"\2>', html)
    parts = _RAW_TEXT.split(html)  # text, (raw element, its tag name), text, ...
    for i in range(0, len(parts), 3):
        parts[i] = _CHAR_REF.sub(_character, parts[i])
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)


def _character(reference: re.Match) -> str:
    text = unescape(reference.group(0))
    return reference.group(0) if text in _MARKUP_CHARS or text == reference.group(0) else text


_EXPORTERS: dict[bool, HTMLExporter] = {}
register("runner.exporters", _EXPORTERS.clear)
_LOCK = threading.Lock()  # exporters keep per-call state; serialise their use


def _exporter(with_code: bool) -> HTMLExporter:
    """The cached exporter for this configuration (caller holds ``_LOCK``)."""
    exporter = _EXPORTERS.get(with_code)
    if exporter is None:
        exporter = _Exporter(
            # the pygments CSS (the template's conf.json) colours code cells: only with code
            config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": with_code}}),
            # the notebook validated once, after the preprocessors, not after each of the
            # thirteen (a sixth of a page's rendering; the page is the same)
            optimistic_validation=True,
            template_name=TEMPLATE_NAME,
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_input=not with_code,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,  # local images referenced from markdown become data: URIs
            theme="light",
        )
        exporter.register_preprocessor(
            TagRemovePreprocessor(
                remove_cell_tags=set(REMOVE_CELL_TAGS),
                remove_input_tags=set(REMOVE_INPUT_TAGS),
                remove_all_outputs_tags=set(REMOVE_OUTPUT_TAGS),
                enabled=True,
            ),
            enabled=True,
        )
        _EXPORTERS[with_code] = exporter
    return exporter


def _as_notebook(nb: Any) -> NotebookNode:
    if isinstance(nb, (str, Path)):
        return nbformat.read(str(nb), as_version=4)
    if isinstance(nb, nbformat.NotebookNode):
        return nb
    return nbformat.from_dict(nb)


def notebook_to_html(
    nb: Any,
    *,
    with_code: bool = False,
    footer_html: str = "",
    header_html: str = "",
    title: str | None = None,
    lang: str = "en",
) -> str:
    """Render ``nb`` (a NotebookNode, a notebook dict, or a path) to offline HTML.

    - ``with_code=False`` (default): no code inputs and no ``In/Out`` prompts —
      markdown and outputs only.  ``with_code=True`` keeps the code cells (still
      without prompts, so inputs and outputs line up with the prose).
    - ``footer_html`` is inserted verbatim (not escaped) at the end of ``<body>``;
      ``header_html`` first in ``<main>`` (the link to the other language).
    - ``lang`` is the page's ``<html lang>`` (the report's language, "vi" or "en").
    - ``title`` sets ``<title>``; otherwise ``nb.metadata.title`` is used, else
      "Report".
    - Cells tagged ``remove-cell`` / ``remove-input`` / ``remove-output`` are
      dropped / lose their input / lose their outputs.

    Outputs already in the notebook (base64 PNG, HTML tables) are embedded as is;
    the template itself references nothing remote.  HTML produced by the notebook
    code could still point somewhere — check with
    :func:`page_has_no_remote_references`.

    The notebook is checked against its schema first, strictly (``nbformat.validate``;
    nbconvert's own check relaxes what an output's data may hold, and the runner's
    outputs are not checked one by one as they arrive, ``engine.output_from_msg``):
    ``nbformat.ValidationError`` for an invalid one, and no page.
    """
    notebook = _as_notebook(nb)
    nbformat.validate(notebook)
    metadata: dict[str, str] = {}
    if isinstance(nb, (str, Path)):  # relative markdown images resolve next to the notebook
        metadata["path"] = str(Path(nb).resolve().parent)
    if title is not None:
        # shallow copy: nbconvert deep-copies the notebook before preprocessing anyway
        notebook = nbformat.NotebookNode(notebook)
        notebook.metadata = nbformat.NotebookNode({**notebook.get("metadata", {}), "title": title})
    name = title or notebook.get("metadata", {}).get("title") or "Report"
    metadata["name"] = name
    resources = {"metadata": metadata, "dtanalysis_footer_html": footer_html,
                 "dtanalysis_header_html": header_html}
    with _LOCK:
        exporter = _exporter(with_code)
        exporter.language_code = lang
        body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body


# --------------------------------------------------------------------------- safety check

# A URL that makes the browser contact a host: http(s):// or protocol-relative //.
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# CSS: url(...) and @import "..." / @import url(...) pointing at a host.
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]*)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+['"]\s*((?:https?:)?//[^'"\s;]*)""", re.IGNORECASE)
# JS module loads in inline scripts: import("//x"), import x from "//x", import "//x".
_JS_IMPORT = re.compile(
    r"""(?:\bimport\s*\(\s*|\bfrom\s+|\bimport\s+)['"`]\s*((?:https?:)?//[^'"`\s]*)""",
    re.IGNORECASE,
)
_META_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?\s*((?:https?:)?//[^'\"\s;]*)", re.IGNORECASE)

# Attributes that load a resource, per tag ("*" = any tag).
_LOADING_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset", "lowsrc", "longdesc"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data", "codebase"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),  # SVG
    "*": ("background",),
}
# <link rel=...> values that are pure navigation metadata (nothing is fetched).
_NAV_LINK_RELS = frozenset(
    {
        "alternate",
        "author",
        "bookmark",
        "canonical",
        "external",
        "help",
        "license",
        "next",
        "nofollow",
        "noopener",
        "noreferrer",
        "prev",
        "search",
        "tag",
        "me",
    }
)


class _RemoteRefFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: str | None = None  # "style" or "script" while inside one

    def _check(self, url: str | None) -> None:
        if url and _REMOTE.match(url):
            self.found.append(url.strip())

    def _check_srcset(self, value: str) -> None:
        for candidate in value.split(","):
            self._check(candidate.strip().split(" ")[0] if candidate.strip() else "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        values = {k.lower(): (v or "") for k, v in attrs}
        for attr in _LOADING_ATTRS.get(tag, ()) + _LOADING_ATTRS["*"]:
            if attr in values:
                if attr == "srcset":
                    self._check_srcset(values[attr])
                else:
                    self._check(values[attr])
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            if not rels or not rels <= _NAV_LINK_RELS:
                self._check(values["href"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found.extend(_META_REFRESH_URL.findall(values.get("content", "")))
        if "style" in values:
            self._check_css(values["style"])
        if tag in ("style", "script"):
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() in ("style", "script"):
            self._in = None

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() in ("style", "script"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self._check_css(data)
        elif self._in == "script":
            self.found.extend(_JS_IMPORT.findall(data))

    def _check_css(self, css: str) -> None:
        self.found.extend(_CSS_URL.findall(css))
        self.found.extend(_CSS_IMPORT.findall(css))


def page_has_no_remote_references(html: str) -> list[str]:
    """URLs of remote resources ``html`` would load; empty when the page is self-contained.

    Counted: ``<script src>``, ``<link href>`` (stylesheet, icon, preload, ... — any rel
    that fetches), ``<img src/srcset>``, ``<iframe>``/``<embed>``/``<object>``/media
    sources, SVG ``<image>``/``<use>`` hrefs, CSS ``url()`` and ``@import`` in
    ``<style>`` and ``style=""``, ES-module ``import`` of a URL in inline scripts,
    and meta refresh.  A URL is remote when it starts with ``http://``, ``https://``
    or ``//``.  Plain ``<a href="https://...">`` hyperlinks are not loads and are
    allowed.  Duplicates are reported once, in document order.
    """
    finder = _RemoteRefFinder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.found))
