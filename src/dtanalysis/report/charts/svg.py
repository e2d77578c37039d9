"""Charts written as SVG text, without matplotlib: a page of a few hundred shapes and labels,
laid out here with the text widths of the charts' font (DejaVu Sans, measured with FreeType
through Pillow), in the house style of the matplotlib charts (`style`: seaborn's "whitegrid",
the same colours, markers, sizes and conventions). Building one costs a few milliseconds,
where a matplotlib figure costs 0.1–0.3 s to build, lay out and draw; the picture is vector
(sharp at any zoom and in print) and a few kilobytes.

Sizes are in pixels of a figure 9.5 in wide at 100 dpi (950 px), as the matplotlib charts
are: a font or marker size of `p` points is `p * PT` pixels.

A report shows an `SvgChart` as an <img> of its SVG with its alt text (the report template's
`data_svg`): it can load nothing, run nothing, and reads the same offline. Its text is drawn
by the reader's browser in DejaVu Sans where installed, else Verdana / Segoe UI / Arial (any
of which has the Vietnamese letters); the layout leaves room for the widest of them.
"""

from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass, field
from itertools import pairwise
from pathlib import Path

import pandas as pd

from ...caches import cached
from ...vocab import MARKED_STATUSES

PT = 100 / 72                     # pixels per point at 100 dpi
TEXT = "#262626"                  # seaborn's ".15"
GRID = "#cccccc"                  # seaborn whitegrid's ".8": grid lines and frame
FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"
# Other fonts of the stack are up to ~8 % wider than DejaVu Sans: room for them where a
# label's width sets a margin.
SLACK = 1.08
# The smallest text of any chart: a chart of 950 px printed across A4's text width (186 mm,
# the print stylesheet's scale for every chart) shows 9.3 pt as 7.1 pt, and on a screen at
# its natural size it is 13 px (>= 9 px). Smaller sizes asked for are drawn (and measured)
# at this size.
MIN_TEXT = 9.3 * PT
TICK_SIZE, LABEL_SIZE, TITLE_SIZE, LEGEND_SIZE = MIN_TEXT, 10 * PT, 12 * PT, MIN_TEXT
PAD = 3.5 * PT                    # matplotlib's tick/label padding
LINE = 0.8 * PT                   # matplotlib's width of the axes' edges and grid lines


@cached("charts.font", maxsize=4)
def _font(bold: bool):
    """DejaVu Sans (matplotlib's copy, the font of every chart) at 100 px, for measuring."""
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), 100)


@cached("charts.text_width", maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width in pixels of `text` at `size` pixels (at least MIN_TEXT), in DejaVu
    Sans."""
    return _font(bold).getlength(text) * max(size, MIN_TEXT) / 100


def esc(text: object) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def num(value: float) -> str:
    """A coordinate with at most two decimals (a hundredth of a pixel)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# Dash patterns of matplotlib's "--" and ":" (in units of the line width).
DASHES = {"--": (3.7, 1.6), ":": (1.0, 1.65)}


def _dash(style: str | None, width: float) -> str:
    if style not in DASHES:
        return ""
    on, off = DASHES[style]
    return f' stroke-dasharray="{num(on * width)} {num(off * width)}"'


@dataclass
class Svg:
    """An SVG picture being written. Shapes are drawn by layer (`z`, as matplotlib's zorder:
    set it before drawing), then in the order drawn (later on top)."""
    width: float
    height: float
    z: float = 0
    parts: list[tuple[float, int, str]] = field(default_factory=list)
    defs: dict[str, tuple[str, str]] = field(default_factory=dict)
    # What a value label must keep off: every segment drawn but the grid and the frame
    # (x1, y1, x2, y2, stroke width) and every marker's box (x0, y0, x1, y1); value labels
    # waiting to be placed (`value_label`), placed by `to_string` once everything is drawn.
    segments: list[tuple[float, float, float, float, float]] = field(default_factory=list)
    marks: list[tuple[float, float, float, float]] = field(default_factory=list)
    pending: list[tuple] = field(default_factory=list)

    def _add(self, element: str) -> None:
        self.parts.append((self.z, len(self.parts), element))

    # ---------------------------------------------------------------- shapes
    def line(self, x1, y1, x2, y2, colour, width, style=None, opacity=None) -> None:
        if colour != GRID:
            self.segments.append((x1, y1, x2, y2, width))
        self._add(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{colour}" stroke-width="{num(width)}"{_dash(style, width)}'
            f'{_opacity(opacity)}/>')

    def polyline(self, points, colour, width, style=None) -> None:
        """Line through the points; a None point breaks it."""
        runs, run = [], []
        for point in points:
            if point is None:
                if len(run) > 1:
                    runs.append(run)
                run = []
            else:
                run.append(point)
        if len(run) > 1:
            runs.append(run)
        for run in runs:
            if colour != GRID:
                self.segments += [(*a, *b, width) for a, b in pairwise(run)]
            path = " ".join(f"{num(x)},{num(y)}" for x, y in run)
            self._add(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="{num(width)}" stroke-linejoin="round" stroke-linecap="butt"'
                f'{_dash(style, width)}/>')

    def rect(self, x, y, w, h, fill, stroke=None, stroke_width=0.0, opacity=None,
             hatch=None) -> None:
        edge = (f' stroke="{stroke}" stroke-width="{num(stroke_width)}"'
                if stroke and stroke_width else "")
        self._add(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
                  f'fill="{fill}"{edge}{_opacity(opacity)}/>')
        if hatch:
            self._add(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" '
                      f'height="{num(h)}" fill="url(#{self.hatch(hatch)})"/>')

    def hatch(self, colour: str) -> str:
        """Id of a pattern of thin diagonal lines (matplotlib's "///") in `colour`."""
        if colour not in self.defs:
            pattern_id = f"hatch{len(self.defs)}"
            self.defs[colour] = (pattern_id, (
                f'<pattern id="{pattern_id}" width="7" height="7" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" '
                f'stroke="{colour}" stroke-width="1.4"/></pattern>'))
        return self.defs[colour][0]

    def polygon(self, points, fill, opacity=None) -> None:
        """A filled shape without edge (a band between two lines)."""
        path = " ".join(f"{num(px)},{num(py)}" for px, py in points)
        self._add(f'<polygon points="{path}" fill="{fill}"{_opacity(opacity)}/>')

    def marker(self, shape: str, x, y, size, colour, hollow=False, edge=1.0) -> None:
        """A matplotlib marker at (x, y): "o" circle, "D" diamond, "s" square, "^" "v" "<"
        ">" triangles, "p" pentagon, "h" hexagon, "X" and "P" crosses, "*" star, "|" vertical
        bar; `size` is its matplotlib markersize in pixels."""
        fill = "white" if hollow else colour
        stroke = f'stroke="{colour}" stroke-width="{num(edge)}"'
        half = size / 2
        reach = half * (math.sqrt(2) if shape == "D" else 1) + edge / 2
        self.marks.append((x - reach, y - reach, x + reach, y + reach))
        if shape == "o":
            self._add(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(half)}" '
                      f'fill="{fill}" {stroke}/>')
        elif shape == "|":
            self.line(x, y - half, x, y + half, colour, edge)
        else:
            if shape == "D":   # a square of side `size` turned 45°
                d = size * math.sqrt(0.5)
                points = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
            elif shape == "s":
                points = [(x - half, y - half), (x + half, y - half), (x + half, y + half),
                          (x - half, y + half)]
            elif shape in _POLYGONS:
                points = [(x + px * half, y + py * half) for px, py in _POLYGONS[shape]]
            else:
                raise ValueError(f"unknown marker {shape!r}")
            path = " ".join(f"{num(px)},{num(py)}" for px, py in points)
            self._add(f'<polygon points="{path}" fill="{fill}" {stroke} '
                      f'stroke-linejoin="miter"/>')

    def text(self, x, y, text, size, colour=TEXT, anchor="start", valign="baseline",
             bold=False, italic=False, rotate=None, halo=False, css_class=None) -> None:
        """Text at (x, y): `anchor` start / middle / end; `valign` baseline, center, top or
        bottom (placed from the font's ascent and descent, not the viewer's baseline
        keywords, so every SVG renderer agrees); `rotate` in degrees, clockwise; `halo`: a
        white backing behind it (as a white-boxed matplotlib label)."""
        if not str(text):
            return
        size = max(size, MIN_TEXT)
        # Shifted in the text's own frame: a turned text turns about (x, y) with its shift.
        shift = {"baseline": 0.0, "center": 0.36, "top": 0.76, "bottom": -0.24}[valign] * size
        transform = f' transform="rotate({num(rotate)} {num(x)} {num(y)})"' if rotate else ""
        tx, ty = x, y + shift
        style = ((' font-weight="bold"' if bold else "") +
                 (' font-style="italic"' if italic else "") +
                 (' text-anchor="middle"' if anchor == "middle" else
                  ' text-anchor="end"' if anchor == "end" else ""))
        if halo:
            self._add(
                f'<text x="{num(tx)}" y="{num(ty)}" font-size="{num(size)}"{style}{transform} '
                f'fill="white" stroke="white" stroke-width="3" stroke-linejoin="round" '
                f'opacity="0.9">{esc(text)}</text>')
        css = f' class="{esc(css_class)}"' if css_class else ""
        self._add(f'<text x="{num(tx)}" y="{num(ty)}" font-size="{num(size)}" '
                  f'fill="{colour}"{style}{transform}{css}>{esc(text)}</text>')

    def value_label(self, ax: Axes, x, y, text, size, colour, z, bold=True) -> None:
        """A value's label by its point (x, y), placed when the picture is written
        (`place_labels`), off every line, marker and other label, or left out (the value is in
        the chart's table)."""
        if str(text):
            self.pending.append((ax, x, y, str(text), max(size, MIN_TEXT), colour, z, bold))

    def place_labels(self) -> None:
        """Each waiting value label at the first place near its point (right above, left
        above, right below, left below, then straight above or below, then further up or down)
        whose box stays inside its axes and touches no segment (widened by half its stroke),
        no marker and no label placed before it; a label with no such place is left out."""
        placed: list[tuple[float, float, float, float]] = []
        for ax, x, y, text, size, colour, z, bold in self.pending:
            w = text_width(text, size, bold) * SLACK
            h = size  # ascent 0.76 + descent 0.24 of the size
            for x0, top in label_candidates(x, y, w, h):
                box = (x0, top, x0 + w, top + h)
                if (ax.left <= box[0] and box[2] <= ax.right and ax.top <= box[1]
                        and box[3] <= ax.bottom
                        and not any(boxes_overlap(box, m) for m in self.marks)
                        and not any(boxes_overlap(box, b) for b in placed)
                        and not any(segment_hits_box(seg, box, LABEL_GAP)
                                    for seg in self.segments)):
                    placed.append(box)
                    self.z = z
                    self.text(x0, top + 0.76 * h, text, size, colour, bold=bold,
                              css_class="dta-value")
                    break
        self.pending = []
        self.z = 0

    # ---------------------------------------------------------------- output
    def to_string(self) -> str:
        self.place_labels()
        defs = (f"<defs>{''.join(d for _, d in self.defs.values())}</defs>" if self.defs
                else "")
        w, h = num(self.width), num(self.height)
        shapes = "".join(part for *_, part in sorted(self.parts))
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
                f'viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">{defs}'
                f'<rect width="100%" height="100%" fill="white"/>{shapes}</svg>')


def _regular(n: int, turn: float = 0.0, inner: float | None = None) -> tuple:
    """The corners of a regular n-gon (a star with `inner`) in a unit circle, the first at
    the top turned by `turn` of a corner (y down, as SVG)."""
    points = []
    steps = 2 * n if inner else n
    for i in range(steps):
        angle = 2 * math.pi * (i + turn) / steps - math.pi / 2
        r = inner if inner and i % 2 else 1.0
        points.append((round(r * math.cos(angle), 4), round(r * math.sin(angle), 4)))
    return tuple(points)


def _cross(width: float, turn: bool) -> tuple:
    """A plus (`turn` False) or an X of arms `width` wide, in the unit square."""
    w = width / 2
    plus = ((-w, -1), (w, -1), (w, -w), (1, -w), (1, w), (w, w), (w, 1), (-w, 1), (-w, w),
            (-1, w), (-1, -w), (-w, -w))
    if not turn:
        return plus
    c = math.sqrt(0.5)
    return tuple((round((px - py) * c, 4), round((px + py) * c, 4)) for px, py in plus)


# Marker shapes as corners in the unit square around the point (half the marker size = 1).
_POLYGONS = {
    "^": ((0, -1), (1, 1), (-1, 1)),
    "v": ((0, 1), (1, -1), (-1, -1)),
    "<": ((-1, 0), (1, -1), (1, 1)),
    ">": ((1, 0), (-1, -1), (-1, 1)),
    "p": _regular(5),
    "h": _regular(6),
    "*": _regular(5, inner=0.45),
    "P": _cross(0.62, False),
    "X": _cross(0.5, True),
}


def _opacity(value) -> str:
    return "" if value is None else f' opacity="{num(value)}"'


LABEL_GAP = 1.5  # pixels kept clear around a value label's box


def label_candidates(x, y, w, h):
    """Top-left corners of a `w` × `h` label box near a point (x, y), best first: the sides
    above and below, then centred above and below, then further up and down."""
    dx, dy = 7 * PT, 4 * PT
    near = [(x + dx, y - dy - 0.76 * h), (x - dx - w, y - dy - 0.76 * h),
            (x + dx, y + dy - 0.24 * h), (x - dx - w, y + dy - 0.24 * h)]
    for step in range(6):
        lift = dy + step * 0.6 * h
        near += [(x - w / 2, y - lift - h - 2), (x - w / 2, y + lift + 2),
                 (x + dx, y - lift - h - 2), (x - dx - w, y - lift - h - 2),
                 (x + dx, y + lift + 2), (x - dx - w, y + lift + 2)]
    return near


def boxes_overlap(a, b, gap: float = LABEL_GAP) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def segment_hits_box(segment, box, gap: float = 0.0) -> bool:
    """Whether a drawn segment (x1, y1, x2, y2, stroke width) touches a box (x0, y0, x1, y1)
    widened by half the stroke and `gap` (Liang–Barsky clipping)."""
    x1, y1, x2, y2, width = segment
    grow = width / 2 + gap
    left, top, right, bottom = box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


class SvgChart:
    """A finished chart: its SVG text and size in pixels. Shown as an image in JupyterLab
    (`image/svg+xml`); a report shows it as an <img> with its alt text
    (`report.display.figure_png`)."""

    def __init__(self, svg: str, width: float, height: float):
        self.svg, self.width, self.height = svg, width, height

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path) -> None:
        Path(path).write_text(self.svg, encoding="utf-8")

    def __repr__(self) -> str:
        return f"<SvgChart {num(self.width)}×{num(self.height)} px>"


# -------------------------------------------------------------------------------- axes


class Axes:
    """A plotting area at (`left`, `top`), `width` × `height` pixels, mapping data
    `xlim` = (value at the left edge, value at the right edge) and `ylim` = (value at the
    bottom, value at the top) linearly (an inverted axis is a reversed pair, as
    matplotlib's set_ylim(bottom, top))."""

    def __init__(self, svg: Svg, left, top, width, height, xlim, ylim):
        self.svg = svg
        self.left, self.top, self.width, self.height = left, top, width, height
        self.xlim, self.ylim = xlim, ylim

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, value) -> float:
        x0, x1 = self.xlim
        return self.left + (float(value) - x0) / (x1 - x0) * self.width

    def y(self, value) -> float:
        y0, y1 = self.ylim
        return self.bottom - (float(value) - y0) / (y1 - y0) * self.height

    def frame(self, sides=("left", "right", "top", "bottom")) -> None:
        """The axes' edges (seaborn whitegrid: light grey, matplotlib's 0.8 pt)."""
        s, w = self.svg, LINE
        edges = {"left": (self.left, self.top, self.left, self.bottom),
                 "right": (self.right, self.top, self.right, self.bottom),
                 "top": (self.left, self.top, self.right, self.top),
                 "bottom": (self.left, self.bottom, self.right, self.bottom)}
        for side in sides:
            s.line(*edges[side], GRID, w)

    def grid(self, xticks=(), yticks=()) -> None:
        for v in xticks:
            if self._inside_x(v):
                self.svg.line(self.x(v), self.top, self.x(v), self.bottom, GRID, LINE)
        for v in yticks:
            if self._inside_y(v):
                self.svg.line(self.left, self.y(v), self.right, self.y(v), GRID, LINE)

    def xticklabels(self, ticks, labels=None, size=TICK_SIZE) -> None:
        """Labels under the axes at the `ticks`: `labels`, else the values as matplotlib
        writes them (`tick_text`)."""
        labels = labels if labels is not None else [tick_text(k, ticks) for k in ticks]
        for v, label in zip(ticks, labels):
            if self._inside_x(v):
                self.svg.text(self.x(v), self.bottom + PAD, label, size, anchor="middle",
                              valign="top")

    def yticklabels(self, ticks, labels, size=TICK_SIZE, bold=()) -> None:
        """Labels left of the axes at the `ticks`; those whose position is in `bold`, bold."""
        for i, (v, label) in enumerate(zip(ticks, labels)):
            if self._inside_y(v):
                self.svg.text(self.left - PAD, self.y(v), label, size, anchor="end",
                              valign="center", bold=i in bold)

    def year_labels(self, years, size=TICK_SIZE) -> None:
        """Years under the axes, as many as fit side by side: every one, else every second,
        third … counted back from the latest (which is always labelled)."""
        years = sorted(years)
        if not years:
            return
        spacing = abs(self.x(years[0] + 1) - self.x(years[0]))
        need = max(text_width(str(y), size) for y in years) * SLACK + 6
        step = max(1, math.ceil(need / spacing))
        shown = years[::-1][::step][::-1]
        self.xticklabels(shown, [str(y) for y in shown], size)

    def xlabel(self, text, offset, size=LABEL_SIZE, anchor="middle") -> None:
        """The x axis's label, its top `offset` pixels below the axes."""
        x = {"middle": self.left + self.width / 2, "end": self.right}[anchor]
        self.svg.text(x, self.bottom + offset, text, size, anchor=anchor, valign="top")

    def ylabel(self, text, x, size=LABEL_SIZE) -> None:
        """The y axis's label, turned a quarter left, its left edge at `x`."""
        self.svg.text(x + size * 0.76, self.top + self.height / 2, text, size,
                      anchor="middle", rotate=-90)

    def _inside_x(self, v) -> bool:
        lo, hi = sorted(self.xlim)
        return lo - 1e-9 <= v <= hi + 1e-9

    def _inside_y(self, v) -> bool:
        lo, hi = sorted(self.ylim)
        return lo - 1e-9 <= v <= hi + 1e-9


# -------------------------------------------------------------------------------- ticks


def nice_ticks(low: float, high: float, most: int = 9, integer: bool = False) -> list[float]:
    """Round tick values covering [low, high] (matplotlib's MaxNLocator: steps 1, 2, 2.5, 5
    and 10 times a power of ten, at most `most` intervals; whole numbers with `integer`)."""
    if high < low:
        low, high = high, low
    if high == low:
        return [low]
    raw = (high - low) / most
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 2.5, 5, 10)
    step = next(s * power for s in steps if s * power >= raw - 1e-12)
    if integer:
        step = max(1, math.ceil(step))
        if step not in (1, 2, 5) and step < 10:
            step = 5 if step <= 5 else 10
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def tick_text(value: float, ticks) -> str:
    """A tick's label as matplotlib writes it: as few decimals as show every tick of the axis
    exactly (0.72, 0.74, …; 0, 2.5, 5; 10, 20), a minus sign for negatives."""
    decimals = 0
    while decimals < 6 and any(abs(round(k, decimals) - k) > 1e-9 for k in ticks):
        decimals += 1
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


# ------------------------------------------------------------------------------- legend


@dataclass
class Entry:
    """A legend entry: its label and how its sample is drawn (a line, a marker, both, or a
    filled box: `patch`)."""
    label: str
    colour: str
    marker: str | None = None
    line: str | None = None           # "-", "--" or None
    _: KW_ONLY
    hollow: bool = False
    line_width: float = 1.5 * PT
    marker_size: float = 6 * PT
    edge: float = 1.0 * PT
    patch: bool = False               # a filled box (a bar's colour)


def legend_size(entries, columns: int, size=LEGEND_SIZE) -> tuple[float, float, list[float]]:
    """Width, height and column widths of a legend of `columns` columns (filled column by
    column, as matplotlib does)."""
    rows = math.ceil(len(entries) / columns) if entries else 0
    widths = []
    for c in range(columns):
        column = entries[c * rows:(c + 1) * rows]
        widths.append(max((2.8 * size + text_width(e.label, size) * SLACK for e in column),
                          default=0))
    gap = 2 * size
    return sum(widths) + gap * max(len([w for w in widths if w]) - 1, 0), rows * size * 1.55, widths


def draw_legend(svg: Svg, entries, columns: int, left: float, top: float,
                size=LEGEND_SIZE) -> None:
    """A legend at (left, top), column by column; each sample 2 em wide, then its label."""
    _, _, widths = legend_size(entries, columns, size)
    rows = math.ceil(len(entries) / columns) if entries else 0
    x = left
    for c, width in enumerate(widths):
        for r, e in enumerate(entries[c * rows:(c + 1) * rows]):
            y = top + (r + 0.5) * size * 1.55
            if e.patch:
                svg.rect(x, y - 0.35 * size, 2 * size, 0.7 * size, e.colour)
            if e.line:
                svg.line(x, y, x + 2 * size, y, e.colour, e.line_width, style=e.line)
            if e.marker:
                svg.marker(e.marker, x + size, y, e.marker_size, e.colour, e.hollow, e.edge)
            svg.text(x + 2.8 * size, y, e.label, size, valign="center")
        x += width + 2 * size


# ------------------------------------------------------------------- values and series


def missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def is_hollow(status: object) -> bool:
    """Derived and uncertain values are drawn hollow (and their segments dashed)."""
    return isinstance(status, str) and status in MARKED_STATUSES


def status_marker(status: object) -> str:
    return "D" if status == "uncertain" else "o"


def series(ax: Axes, years, values, statuses, colour, label, line_width=1.6 * PT,
           size=6 * PT, z=2, marker=None, annotate=None, shape=None) -> Entry:
    """Points at known values (hollow for derived/uncertain), joined only between consecutive
    years that both have a value; a segment touching a marked value is dashed; `annotate(v,
    status)` labels each point where its label fits off the lines (`Svg.place_labels`). `marker` draws every point with one shape; `shape` (a unit's
    own marker) draws stated and derived values, an uncertain one keeps its diamond. Returns
    its legend entry."""
    svg = ax.svg
    points = [(int(y), v, s) for y, v, s in zip(years, values, statuses) if not missing(v)]
    solid: list = []
    svg.z = z
    for (y0, v0, s0), (y1, v1, s1) in pairwise(points):
        if y1 - y0 != 1:
            continue
        if is_hollow(s0) or is_hollow(s1):
            svg.line(ax.x(y0), ax.y(v0), ax.x(y1), ax.y(v1), colour, line_width, style="--")
        else:
            if solid and solid[-1] != (ax.x(y0), ax.y(v0)):
                solid.append(None)
            if not solid or solid[-1] is None:
                solid.append((ax.x(y0), ax.y(v0)))
            solid.append((ax.x(y1), ax.y(v1)))
    svg.polyline(solid, colour, line_width)
    svg.z = z + 1
    for y, v, s in points:
        own = shape if shape and s != "uncertain" else None
        svg.marker(marker or own or status_marker(s), ax.x(y), ax.y(v), size, colour,
                   is_hollow(s), edge=1.5 * PT)
    if annotate:  # placed last, off every line and marker (`Svg.place_labels`)
        for y, v, s in points:
            svg.value_label(ax, ax.x(y), ax.y(v), annotate(v, s), 8.5 * PT, colour, z + 2)
    svg.z = 0
    return Entry(label, colour, marker or shape or "o", "-", line_width=line_width,
                 marker_size=size, edge=1.5 * PT)
