"""Report figures (matplotlib / seaborn), one module per report section, each function returning
a `matplotlib.figure.Figure` sized for a report (about 9.5 in wide at 100 dpi). The caller
closes it (`report.display.figure` turns it into a PNG and closes it at once). This module holds
the style and the helpers every chart shares.

Conventions every chart keeps:
- a gap stays a gap: points of two years are joined only when both years have a value and are
  consecutive; nothing is interpolated;
- official / reported values are filled markers and solid lines; derived values are hollow
  circles, uncertain values hollow diamonds, and any segment touching one is dashed;
- rank axes are inverted (rank 1 at the top / right);
- text is in the report language (`i18n`), rendered with DejaVu Sans (Vietnamese diacritics).
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager
from itertools import pairwise

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D
from PIL import Image, PngImagePlugin  # matplotlib's own PNG writer

from ...analysis import METHOD_CHANGES
from ...vocab import MARKED_STATUSES, mark
from ..i18n import fmt_int, fmt_score, t

WIDTH = 9.5
DPI = 100
PROVINCE_COLOUR = "#c0392b"
MEAN_COLOUR = "#444444"
BEST_COLOUR = "#1e8449"
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


class ContentCache:
    """A bounded cache (oldest entry dropped first) whose keys hold everything its values
    depend on (the data drawn, the language, the style): an entry is right for any report that
    asks for it. It is not a plain dict on purpose: a warm report kernel puts the package's
    plain module dicts back as they were before every report (`dtanalysis.modstate`), which
    would empty it; this one is kept, so a build draws what its reports share once."""

    def __init__(self, size: int):
        self.size = size
        self._entries: dict = {}

    def get(self, key, default=None):
        return self._entries.get(key, default)

    def __setitem__(self, key, value) -> None:
        if key not in self._entries and len(self._entries) >= self.size:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()


_LAYOUTS = ContentCache(256)


def layout_once(fig, key: tuple, **tight) -> None:
    """`fig.tight_layout(**tight)` the first time a figure of this `key` (everything the
    layout depends on: texts, sizes) and size is laid out in this process, then the same
    margins for the next ones: one layout pass (text measuring, the costliest part of
    building a chart) per layout instead of one per figure. The key must not depend on
    anything the caller changes after this call."""
    full = (key, tuple(fig.get_size_inches()), tuple(sorted(tight.items())))
    margins = _LAYOUTS.get(full)
    if margins is None:
        fig.tight_layout(**tight)
        fig.set_layout_engine(None)
        sp = fig.subplotpars
        margins = {name: getattr(sp, name)
                   for name in ("left", "right", "top", "bottom", "wspace", "hspace")}
        _LAYOUTS[full] = margins
    else:
        fig.subplots_adjust(**margins)


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


def peer_colours(n: int) -> list:
    palette = [c for i, c in enumerate(sns.color_palette("tab10", 10)) if i != 3]  # no red
    palette += list(sns.color_palette("Dark2", 8))
    return [palette[i % len(palette)] for i in range(n)]


def status_marker(status: object) -> str:
    return "D" if status == "uncertain" else "o"


def is_hollow(status: object) -> bool:
    return isinstance(status, str) and status in MARKED_STATUSES


def plot_series(ax, years, values, statuses, colour, label, linewidth=1.6, size=6,
                 zorder=2, marker=None, annotate=None):
    """Points at known values (hollow for derived/uncertain), joined only between consecutive
    years that both have a value; a segment touching a marked value is dashed. The solid
    segments are one line (broken at gaps), the points one line per marker and fill: a few
    artists per series instead of one per point and per segment (the same picture, a fraction
    of the cost of building and drawing a chart)."""
    points = [(y, v, s) for y, v, s in zip(years, values, statuses) if not missing(v)]
    solid_x: list[float] = []
    solid_y: list[float] = []
    for (y0, v0, s0), (y1, v1, s1) in pairwise(points):
        if y1 - y0 != 1:
            continue
        if is_hollow(s0) or is_hollow(s1):
            # Each dashed segment on its own: its dash pattern starts at its first point.
            ax.plot([y0, y1], [v0, v1], "--", color=colour, linewidth=linewidth, zorder=zorder)
        else:
            if solid_x and solid_x[-1] != y0:
                solid_x.append(math.nan)
                solid_y.append(math.nan)
            elif solid_x:
                solid_x.pop()
                solid_y.pop()
            solid_x += [y0, y1]
            solid_y += [v0, v1]
    if solid_x:
        ax.plot(solid_x, solid_y, "-", color=colour, linewidth=linewidth, zorder=zorder)
    groups: dict[tuple, tuple[list, list]] = {}
    for y, v, s in points:
        xs, ys = groups.setdefault((marker or status_marker(s), is_hollow(s)), ([], []))
        xs.append(y)
        ys.append(v)
    for (shape, hollow), (xs, ys) in groups.items():
        ax.plot(xs, ys, marker=shape, markersize=size, color=colour,
                markerfacecolor="white" if hollow else colour,
                markeredgewidth=1.5, linestyle="none", zorder=zorder + 1)
    if annotate:
        for y, v, s in points:
            ax.annotate(annotate(v, s), (y, v), textcoords="offset points", xytext=(7, 4),
                        fontsize=8.5, color=colour, fontweight="bold", zorder=zorder + 2)
    return Line2D([], [], color=colour, marker=marker or "o", linewidth=linewidth,
                  markersize=size, label=label)


def missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def method_lines(axes, years, lang, label_ax=None):
    """A dotted vertical line before each year a new method was first used, when the chart has
    years on both sides of it."""
    if not years:
        return
    for year, key in sorted(METHOD_CHANGES.items()):
        if min(years) < year <= max(years):
            for ax in axes:
                ax.axvline(year - 0.5, color="#888888", linestyle=":", linewidth=1.2, zorder=1)
            target = label_ax or axes[0]
            target.annotate(t(f"chart_{key}", lang), xy=(year - 0.5, 1.0),
                            xycoords=("data", "axes fraction"), xytext=(-3, -4),
                            textcoords="offset points", ha="right", va="top", fontsize=7.5,
                            color="#555555", rotation=90, zorder=20,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.9})


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


def status_handles(lang) -> list:
    return [
        Line2D([], [], color="#333333", marker="o", linestyle="-", label=t("chart_stated", lang)),
        Line2D([], [], color="#333333", marker="o", markerfacecolor="white", linestyle="--",
               label=t("chart_derived", lang)),
        Line2D([], [], color="#333333", marker="D", markerfacecolor="white", linestyle="--",
               label=t("chart_uncertain", lang)),
    ]


def rank_label(lang):
    def label(value, status):
        return f"{fmt_int(value, lang)}{mark(status)}"
    return label


def score_label(lang):
    def label(value, status):
        return f"{fmt_score(value, lang)}{mark(status)}"
    return label
