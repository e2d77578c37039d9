"""Report charts, one module per report section, sized for a report (9.5 in wide at 100 dpi).
Every chart of a province report (trajectory, ranking, pillars, targets, the index charts) is
written as SVG (`svg`: `SvgChart`, a few milliseconds each); the overview's heat map, regions,
coverage and rank-against-rank charts are matplotlib / seaborn figures, drawn as palette PNG
(`png_bytes`, which closes the figure). This module holds the style and the helpers every
chart shares.

Conventions every chart keeps:
- a gap stays a gap: points of two years are joined only when both years have a value and are
  consecutive; nothing is interpolated;
- official / reported values are filled markers and solid lines; derived values are hollow
  circles, uncertain values hollow diamonds, and any segment touching one is dashed;
- rank axes are inverted (rank 1 at the top / right);
- text is in the report language (`i18n`), in DejaVu Sans (Vietnamese diacritics; an SVG
  chart falls back to Verdana, Segoe UI or Arial where the reader has no DejaVu Sans).
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from contextlib import contextmanager

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from PIL import Image, PngImagePlugin  # matplotlib's own PNG writer

from ...vocab import mark
from ..i18n import fmt_int, fmt_score, t
from .svg import Entry

WIDTH = 9.5
DPI = 100
PROVINCE_COLOUR = "#c0392b"
MEAN_COLOUR = "#444444"
BEST_COLOUR = "#000000"  # black: no unit's colour (`unit_style`) is near it
MEDIAN_COLOUR = "#7f8c8d"
STATUS_COLOURS = {"official": "#1f4e79", "reported": "#5b9bd5", "published_secondary": "#9dc3e6",
                  "derived": "#f4b183",
                  "uncertain": "#d9d9d9"}
# Text without hinting: glyphs rasterised as designed, without FreeType's hinting pass, which
# was half the cost of drawing a chart (benchmarks/charts.py); the text reads the same.
_RC = {"font.family": "DejaVu Sans", "figure.dpi": DPI, "savefig.dpi": DPI,
       "axes.titlesize": 12, "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9,
       "legend.fontsize": 8.5, "text.hinting": "no_hinting"}


@contextmanager
def chart_style():
    with sns.axes_style("whitegrid"), plt.rc_context(_RC):
        yield


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes (`encode_png`), at the size the chart laid it out for (each
    chart function ends with a layout: no tight bounding box, which cost a second layout pass
    per save), with the chart style's text settings; the figure is closed at once."""
    try:
        return encode_png(draw_pixels(fig))
    finally:
        plt.close(fig)


def draw_pixels(fig):
    """The figure drawn once at DPI: its RGBA pixels (rows top to bottom)."""
    # `tight_layout()` leaves a placeholder layout engine, for which a draw would run one more
    # (layout-only) pass before the real one: the layout is done, drop it.
    fig.set_layout_engine(None)
    with plt.rc_context(_RC):
        fig.set_dpi(DPI)
        fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def encode_png(pixels) -> bytes:
    """Pixels as a palette PNG: the 256 colours that best fit the picture (a chart has a few
    flat colours and the shades of their anti-aliased edges: it looks the same), no dithering.
    A quarter to a third of the bytes of the RGBA PNG savefig writes, and faster to encode
    than it; deterministic (the same pixels give the same bytes)."""
    image = Image.fromarray(pixels[..., :3], "RGB").quantize(
        colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    # The octree gives a colour the mean of its cell: white comes out as 254, 254, 254. A
    # chart's background is the page's white: near-white entries are put back to white.
    palette = image.getpalette()
    image.putpalette([255 if all(c >= 250 for c in palette[i - i % 3:i - i % 3 + 3]) else c
                      for i, c in enumerate(palette)])
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, "
                              "https://matplotlib.org/")
    buffer = io.BytesIO()
    image.save(buffer, format="png", dpi=(DPI, DPI), pnginfo=info)
    return buffer.getvalue()


# Okabe & Ito's colour-blind-safe palette (without its black): told apart with any of the
# common colour-vision deficiencies; a region is also named in every chart's legend and table.
REGION_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


def region_palette(regions) -> dict[str, str]:
    """A fixed colour per region, by the regions' order as given (first seen; the caller gives
    every region of the set in one language-independent order, `display.region_names`, so a
    region has the same colour in every chart and in both languages)."""
    names = list(dict.fromkeys(r for r in regions if isinstance(r, str)))
    return {name: REGION_COLOURS[i % len(REGION_COLOURS)] for i, name in enumerate(names)}


# matplotlib's "tab10" (without its red, the province's colour) and "Dark2" palettes.
TAB10 = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
         "#bcbd22", "#17becf")
DARK2 = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
         "#666666")


# A unit's own colour and marker, the same in every chart of every report and page (issue
# #20): Paul Tol's "muted" scheme, nine colours told apart with any of the common
# colour-vision deficiencies, times eleven marker shapes (the diamond is kept for uncertain
# values): 99 pairs, one per two-digit GSO code 01–99. The codes are put in the order of the
# SHA-256 digests of CODE_SALT + code and the k-th takes colour k mod 9 and shape k div 9:
# derived from the code alone, distinct for every code, and neighbours (Hải Dương 30, Hải Phòng
# 31) do not share a colour by their numbers. The salt was picked (the first of a counted few)
# so that the seed articles' group, Hải Phòng, Hải Dương and Quảng Ninh, gets three strong,
# distinct colours. A unit of 2025 keeps the colour and marker of the code it kept.
UNIT_COLOURS = ("#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677", "#AA4499",
                "#882255", "#999933")
UNIT_MARKERS = ("o", "s", "^", "v", "p", "h", "X", "P", "*", "<", ">")
BAND_COLOUR = "#cfcfcf"  # the units a chart does not name, as one grey band
MAX_NAMED = 6            # a chart of a unit and its peers names at most this many lines
CODE_SALT = "dtanalysis:24:"
_CODE_ORDER = {code: k for k, code in enumerate(sorted(
    (f"{n:02d}" for n in range(1, 100)),
    key=lambda c: hashlib.sha256((CODE_SALT + c).encode("ascii")).hexdigest()))}


def unit_style(code: object) -> tuple[str, str]:
    """(colour, marker) of the unit with GSO code `code` ("31", or 31): deterministic,
    distinct for every code from 01 to 99."""
    text = str(code).strip()
    key = f"{int(text):02d}" if text.isdigit() and 0 < int(text) < 100 else None
    k = _CODE_ORDER[key] if key else int(hashlib.sha256(text.encode()).hexdigest(), 16) % 99
    return UNIT_COLOURS[k % len(UNIT_COLOURS)], UNIT_MARKERS[k // len(UNIT_COLOURS)]


def series_colours(n: int) -> list[str]:
    """`n` distinct colours for as many lines (one per index of the catalogue, which may grow
    without code): Dark2's eight, then hues spread by the golden angle at Dark2's saturation
    and lightness (a line is also named in the legend and the chart's table)."""
    colours = list(DARK2[:n])
    for i in range(len(colours), n):
        hue = (i - len(DARK2)) * 0.381966 % 1.0
        red, green, blue = colorsys.hls_to_rgb(hue, 0.42 + 0.12 * (i % 2), 0.65)
        colours.append(f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}")
    return colours


def peer_colours(n: int) -> list[str]:
    palette = TAB10 + DARK2
    return [palette[i % len(palette)] for i in range(n)]


def rank_ticks(worst: float, best: float = 1) -> list[int]:
    """Round ranks from `best` to `worst` (1 included when it is near), at most about eight."""
    span = max(worst - best, 1)
    step, factors = 1, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, 100, … for any length of axis
    while span / step > 8:
        step = int(step * factors[0])
        factors = factors[1:] + factors[:1]
    ticks = [r for r in range(step, int(worst) + 1, step) if r >= best]
    if best <= step / 2 or step == 1:
        ticks = [1] + ticks
    return sorted(set(ticks)) or [int(best)]


def status_entries(lang) -> list:
    """The legend entries saying what a filled, a hollow and a diamond marker mean (SVG
    charts)."""
    return [
        Entry(t("chart_stated", lang), "#333333", "o", "-"),
        Entry(t("chart_derived", lang), "#333333", "o", "--", hollow=True),
        Entry(t("chart_uncertain", lang), "#333333", "D", "--", hollow=True),
    ]


def rank_label(lang):
    def label(value, status):
        return f"{fmt_int(value, lang)}{mark(status)}"
    return label


def score_label(lang):
    def label(value, status):
        return f"{fmt_score(value, lang)}{mark(status)}"
    return label
