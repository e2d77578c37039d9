"""notebook_to_html produces self-contained reports that render offline in Chromium."""

from __future__ import annotations

import base64
import io
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from stylesheets import (
    LAB_ONLY,
    UNSTYLED_BY_DESIGN,
    classes_used,
    classes_with_rules,
    page_css,
    undefined_variables,
)

from dtanalysis.runner.render import notebook_to_html, page_has_no_remote_references

HEADING = "Chỉ số chuyển đổi số — Hải Phòng"
PLOT_CODE = 'sns.barplot(data=dti_frame, x="Tỉnh", y="DTI 2023", ax=ax)'
TABLE_CODE = "dti_frame"


def _frame():
    import pandas as pd

    return pd.DataFrame(
        {
            "Tỉnh": ["Hà Nội", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ", "Quảng Ninh"],
            "DTI 2023": [0.71, 0.62, 0.69, 0.66, 0.52, 0.64],
            "Hạng": [1, 8, 3, 5, 20, 6],
        }
    )


def _png_of_barplot(frame) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    fig, ax = plt.subplots(figsize=(8, 4))
    try:
        sns.barplot(data=frame, x="Tỉnh", y="DTI 2023", ax=ax)
        ax.set_title("DTI 2023")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


@pytest.fixture(scope="module")
def png_b64() -> str:
    return _png_of_barplot(_frame())


@pytest.fixture(scope="module")
def notebook(png_b64) -> nbformat.NotebookNode:
    frame = _frame()
    nb = new_notebook(
        cells=[
            new_markdown_cell(
                f"# {HEADING}\n\nSo sánh các tỉnh theo Chỉ số DTI. "
                "Nguồn: [Bộ Thông tin và Truyền thông](https://mic.gov.vn/)."
            ),
            new_code_cell(
                PLOT_CODE,
                execution_count=1,
                outputs=[
                    new_output(
                        "display_data",
                        data={"image/png": png_b64, "text/plain": "<Figure size 800x400>"},
                    )
                ],
            ),
            new_markdown_cell("## Bảng số liệu"),
            new_code_cell(
                TABLE_CODE,
                execution_count=2,
                outputs=[
                    new_output(
                        "execute_result",
                        execution_count=2,
                        data={"text/html": frame._repr_html_(), "text/plain": frame.to_string()},
                    )
                ],
            ),
        ]
    )
    nbformat.validate(nb)
    return nb


@pytest.fixture(scope="module")
def html(notebook) -> str:
    return notebook_to_html(
        notebook, footer_html='<p class="test-footer">dtanalysis · nguồn: DTI 2023</p>'
    )


@pytest.fixture(scope="module")
def html_with_code(notebook) -> str:
    return notebook_to_html(notebook, with_code=True, title="Báo cáo DTI")


# ----------------------------------------------------------------------------- HTML


def test_default_has_no_code_inputs_or_prompts(html):
    assert "jp-InputArea-editor" + '"' not in html  # the class, not the CSS rule
    assert "dti_frame" not in html
    assert 'class="jp-InputPrompt' not in html and 'class="jp-OutputPrompt' not in html
    assert HEADING in html


def test_with_code_keeps_code_cells(html_with_code):
    assert html_with_code.count('jp-InputArea-editor"') == 2
    assert "dti_frame" in html_with_code and "barplot" in html_with_code
    assert "<title>Báo cáo DTI</title>" in html_with_code


def test_no_remote_references(html, html_with_code):
    assert page_has_no_remote_references(html) == []
    assert page_has_no_remote_references(html_with_code) == []
    for page in (html, html_with_code):
        lowered = page.lower()
        assert "mathjax" not in lowered  # no loader, no config
        assert "require.js" not in lowered and "require.min.js" not in lowered
        assert "<script src" not in lowered
        assert "cdnjs" not in lowered and "unpkg" not in lowered and "jsdelivr" not in lowered


def test_image_is_embedded(html, png_b64):
    assert 'src="data:image/png;base64,' in html
    assert png_b64 in html


def test_table_and_footer_present(html):
    assert 'class="dataframe' in html
    assert "Hải Phòng" in html and "Quảng Ninh" in html
    assert '<footer class="dta-footer">' in html
    assert '<p class="test-footer">' in html
    assert html.index('<p class="test-footer">') > html.index("</main>")


def test_source_hyperlink_kept(html):
    # a link the reader may click is not a load, and is kept
    assert 'href="https://mic.gov.vn/"' in html


def test_only_the_used_part_of_the_lab_stylesheet_is_inlined(html, html_with_code):
    """Issue #11: lab_subset.css instead of lab's whole JupyterLab stylesheet (256 KB); every
    class the page uses keeps its rules, every var(--…) is defined in the page itself (no
    JupyterLab theme behind it), and the pygments CSS comes only with code."""
    for page in (html, html_with_code):
        css = page_css(page)
        assert len(css.encode()) < 40_000
        assert [s for s in LAB_ONLY if s in css] == []
        assert undefined_variables(css) == set()
        assert classes_used(page) - UNSTYLED_BY_DESIGN <= classes_with_rules(css)
        assert {"jp-Cell", "jp-OutputArea-output", "jp-RenderedHTMLCommon",
                "jp-RenderedImage", "jp-MarkdownOutput"} <= classes_used(page)
    assert ".highlight .k" not in page_css(html)  # pygments: no code shown, no highlighting
    assert ".highlight .k" in page_css(html_with_code)
    assert {"jp-InputArea-editor", "cm-editor"} <= classes_used(html_with_code, ("jp-", "cm-"))


def test_remote_reference_check_catches_loads_and_ignores_links():
    page = (
        '<html><head><script src="https://cdn.example.com/require.min.js"></script></head>'
        '<body><a href="https://example.org/source">source</a></body></html>'
    )
    assert page_has_no_remote_references(page) == ["https://cdn.example.com/require.min.js"]
    assert page_has_no_remote_references('<a href="https://example.org/">x</a>') == []


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        (
            '<link rel="stylesheet" href="https://fonts.example.com/css">',
            ["https://fonts.example.com/css"],
        ),
        ('<link rel="icon" href="//example.com/favicon.ico">', ["//example.com/favicon.ico"]),
        ('<link rel="canonical" href="https://example.com/report">', []),
        ('<img src="http://example.com/a.png">', ["http://example.com/a.png"]),
        ('<img srcset="a.png 1x, https://example.com/b.png 2x">', ["https://example.com/b.png"]),
        ('<iframe src="https://example.com/embed"></iframe>', ["https://example.com/embed"]),
        (
            "<style>body{background:url('https://example.com/bg.png')}</style>",
            ["https://example.com/bg.png"],
        ),
        ('<style>@import "https://example.com/x.css";</style>', ["https://example.com/x.css"]),
        ("<style>@import url(//example.com/y.css);</style>", ["//example.com/y.css"]),
        (
            '<div style="background-image:url(https://example.com/z.png)"></div>',
            ["https://example.com/z.png"],
        ),
        (
            '<script type="module">await import("https://esm.example.com/m.js")</script>',
            ["https://esm.example.com/m.js"],
        ),
        ('<img src="data:image/png;base64,iVBORw0KGgo=">', []),
        ('<img src="figures/local.png">', []),
        ("<p>see url(https://example.com) in the text</p>", []),
    ],
)
def test_remote_reference_check_cases(snippet, expected):
    assert page_has_no_remote_references(snippet) == expected


# -------------------------------------------------------------------------- browser


def _non_white_fraction(png: Path) -> float:
    from PIL import Image

    with Image.open(png) as im:
        gray = im.convert("L")
        hist = gray.histogram()
        total = gray.width * gray.height
    return 1 - sum(hist[250:]) / total


@pytest.mark.usefixtures("require_chromium")
@pytest.mark.parametrize("variant", ["default", "with_code"])
def test_report_renders_offline_in_chromium(variant, html, html_with_code, tmp_path):
    from browser import open_offline

    page = tmp_path / f"report-{variant}.html"
    page.write_text(html if variant == "default" else html_with_code, encoding="utf-8")
    shot = tmp_path / f"report-{variant}.png"

    report = open_offline(page, shot)

    assert report.console_errors == []
    assert report.page_errors == []
    assert report.blocked_requests == []
    assert report.screenshot == shot and shot.is_file()
    assert shot.stat().st_size > 5_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _non_white_fraction(shot) > 0.01, "screenshot is (almost) uniformly white"
    assert HEADING in report.text  # diacritics intact, rendered as text
    assert "Quảng Ninh" in report.text  # table rendered
    if variant == "default":
        assert "dtanalysis · nguồn: DTI 2023" in report.text
        assert "dti_frame" not in report.text
    else:
        assert "dti_frame" in report.text


@pytest.mark.usefixtures("require_chromium")
def test_open_offline_blocks_and_records_remote_requests(tmp_path):
    """The harness itself: remote loads are cut off and reported, not silently ignored."""
    from browser import open_offline

    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<script src="https://cdn.example.com/require.min.js"></script></head>'
        '<body><h1>Hải Phòng</h1><img src="http://img.example.com/a.png">'
        "<script>missingFunction();</script></body></html>",
        encoding="utf-8",
    )
    report = open_offline(page, tmp_path / "leaky.png")

    assert "https://cdn.example.com/require.min.js" in report.blocked_requests
    assert "http://img.example.com/a.png" in report.blocked_requests
    assert any("missingFunction" in e for e in report.page_errors)
    assert report.console_errors  # failed loads show up in the console
    assert report.text.strip() == "Hải Phòng"


def test_an_svg_chart_is_an_img_with_its_alt_text():
    """Issue #11: a chart written as SVG (`charts.svg`) reaches the page as an <img> of it
    (which loads and runs nothing) carrying its alt text, as a PNG chart does; never inline."""
    from IPython.core.formatters import DisplayFormatter

    from dtanalysis.report.charts import svg as v
    from dtanalysis.report.display import figure_png

    drawing = v.Svg(200, 100)
    drawing.text(10, 50, "Hải Phòng </text><script>alert(1)</script>", 12)
    chart = v.SvgChart(drawing.to_string(), 200, 100)
    data, metadata = DisplayFormatter().format(figure_png(chart, 'Thứ hạng "21" < 30 & hơn'))
    nb = new_notebook(cells=[new_code_cell("chart", execution_count=1, outputs=[
        new_output("display_data", data=data, metadata=metadata)])])
    nbformat.validate(nb)
    page = notebook_to_html(nb)
    body = page[page.index("<body"):]
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    images = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                images.append(dict(attrs))

    Images().feed(body)
    assert images == [{"src": f"data:image/svg+xml;base64,{encoded}",
                       "alt": 'Thứ hạng "21" < 30 & hơn'}]
    assert "<svg" not in body and "<script" not in body
    assert "&lt;/text&gt;&lt;script&gt;" in chart.svg  # the text stays text inside the SVG
    assert page_has_no_remote_references(page) == []


HOSTILE_MARKUP = ('<p>a &amp; b &lt;c&gt; <br> &nbsp;x<!-- note --></p>'
                  '<div class="jp-OutputArea-output-like">not an output area</div>'
                  '<img src="data:image/png;base64,AAAA"><svg viewBox="0 0 1 1"><path d="M0 0"/>'
                  "</svg><table><tr><td>1</td></tr></table>")


@pytest.mark.parametrize("with_code", [False, True])
def test_the_page_is_what_nbconverts_own_last_pass_would_make(notebook, with_code, caplog):
    """`render._Exporter` skips HTMLExporter's BeautifulSoup pass (three quarters of a page's
    rendering) and does what it did on the markup: parsed, the page is the same document as
    nbconvert's own (an nbconvert whose last pass changes fails here), images without alt text
    get nbconvert's placeholder (logged) and every output area is focusable."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from dtanalysis.runner import render

    nb = nbformat.from_dict(notebook)
    nb.cells.append(new_code_cell("x", execution_count=3, outputs=[new_output(
        "display_data", data={"text/html": HOSTILE_MARKUP, "text/plain": "x"})]))
    kwargs = {"with_code": with_code, "title": "Báo cáo", "lang": "vi",
              "footer_html": "<footer><p>x &amp; y</p></footer>"}
    ours = notebook_to_html(nb, **kwargs)
    render._EXPORTERS.clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(render._Exporter, "from_notebook_node",
                          HTMLExporter.from_notebook_node)
            stock = notebook_to_html(nb, **kwargs)
    finally:
        render._EXPORTERS.clear()
    assert str(BeautifulSoup(ours, features="html.parser")) == stock
    assert render.NO_ALT_TEXT in ours and "Alternative text is missing" in caplog.text
    areas = BeautifulSoup(ours, features="html.parser").select("div.jp-OutputArea-output")
    assert len(areas) == 3 and all(a.get("tabindex") == "0" for a in areas)
    assert 'class="jp-OutputArea-output-like">' in ours  # only the areas themselves
