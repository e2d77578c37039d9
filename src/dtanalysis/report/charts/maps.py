"""Choropleth maps of a unit set as inline SVG, written here (no mapping library): the
`boundaries` table projected equirectangular (longitude scaled by the cosine of 16° N, the
middle of Vietnam), each shared border simplified once (Douglas–Peucker in pixels, between the
points where the neighbours change, so neighbours stay gap-free), coordinates rounded to a
tenth of a pixel and written as relative path commands. The path strings of a set at a size
are built once per Data (`memo`) and shared by every map drawn from them.

The Hoàng Sa and Trường Sa archipelagos are drawn as part of the unit they belong to (Đà Nẵng,
Khánh Hòa): each islet a small square at its place, too small to see otherwise, and each
archipelago labelled. A map is an SVG element with its title (the alt text), one <path> per
unit carrying the unit's code (`data-code`), a hatched pattern for a unit without a value, a
legend and the boundaries' attribution (CC BY-SA 4.0) in the page's language.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

from ...analysis.data import Data, memo
from .svg import FONT_FAMILY, TEXT, esc, text_width

COS = math.cos(math.radians(16.0))
ARCHIPELAGO_LON = 110.5  # rings wholly east of this: Hoàng Sa (north of 14° N) / Trường Sa
ARCHIPELAGO_SPLIT_LAT = 14.0
# Sequential, colour-blind-safe (viridis, five steps): rank class 0 (best) darkest.
CLASS_COLOURS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
CLASS_TEXT = ("white", "white", "black", "#262626", "#262626")  # contrast ≥ 4.5
HATCH_BACK, HATCH_LINE = "#f2f2f2", "#8c8c8c"
BORDER = "#ffffff"
OUTLINE = "#d7191c"  # the report's own province (red, outside the viridis range)


@dataclass(frozen=True)
class MapShapes:
    """The projected, simplified geometry of a unit set at one size."""
    unit_set: str
    width: float
    height: float
    paths: dict[str, str]  # code → path data (relative commands)
    archipelagos: dict[str, tuple[float, float, float, float]]  # name → x0, y0, x1, y1 (px)
    archipelago_units: dict[str, str]  # name → code of the unit it belongs to
    centroids: dict[str, tuple[float, float]]  # code → label point (mainland bbox centre)


def shapes(data: Data, unit_set: str, height: float, tolerance: float) -> MapShapes | None:
    """The unit set's geometry projected to `height` pixels (its width follows), simplified
    at `tolerance` pixels; None when the data hold no boundaries of the set. Once per Data."""
    return memo(data, ("map_shapes", unit_set, height, tolerance),
                lambda: _build_shapes(data, unit_set, height, tolerance))


def _build_shapes(data: Data, unit_set: str, height: float, tolerance: float):
    rows = data.boundaries[data.boundaries["unit_set"] == unit_set]
    if rows.empty:
        return None
    features = {str(c): json.loads(g) for c, g in zip(rows["province_code"], rows["geometry"])}
    lons = [p[0] for polys in features.values() for poly in polys for ring in poly for p in ring]
    lats = [p[1] for polys in features.values() for poly in polys for ring in poly for p in ring]
    lon0, lat1 = min(lons), max(lats)
    scale = height / (lat1 - min(lats))
    width = (max(lons) - lon0) * COS * scale

    def project(p):
        return ((p[0] - lon0) * COS * scale, (lat1 - p[1]) * scale)

    # Which units use each point: a border between the same two units is simplified once.
    users: dict[tuple, set] = {}
    for code, polys in features.items():
        for poly in polys:
            for ring in poly:
                for p in ring:
                    users.setdefault((p[0], p[1]), set()).add(code)
    cache: dict[tuple, list] = {}
    paths, archipelagos, owners, centroids = {}, {}, {}, {}
    for code, polys in features.items():
        parts, islets = [], set()
        box = [math.inf, math.inf, -math.inf, -math.inf]
        for poly in polys:
            for ring_no, ring in enumerate(poly):
                points = [(p[0], p[1]) for p in ring]
                if min(p[0] for p in points) > ARCHIPELAGO_LON:
                    if ring_no == 0:
                        name = ("hoang_sa" if points[0][1] > ARCHIPELAGO_SPLIT_LAT
                                else "truong_sa")
                        x, y = project(_mean(points))
                        islets.add((round(x), round(y)))
                        b = archipelagos.get(name, (x, y, x, y))
                        archipelagos[name] = (min(b[0], x), min(b[1], y), max(b[2], x),
                                              max(b[3], y))
                        owners[name] = code
                    continue
                simplified = _simplify_ring(points, users, project, tolerance, cache)
                if len(simplified) < 3 or abs(_area(simplified)) < tolerance * tolerance:
                    continue
                parts.append(_path(simplified))
                if ring_no == 0:
                    for x, y in simplified:
                        box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
        for x, y in sorted(islets):
            parts.append(f"M{x - 1:.1f} {y - 1:.1f}h2v2h-2z")
        paths[code] = "".join(parts)
        if box[0] < math.inf:
            centroids[code] = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return MapShapes(unit_set, width, height, paths, archipelagos, owners, centroids)


def _mean(points):
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _area(points) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in
               zip(points, points[1:] + points[:1])) / 2


def _simplify_ring(ring, users, project, tolerance, cache) -> list[tuple[float, float]]:
    """The ring (closed: first point = last) in pixels, simplified between its fixed points:
    where the set of units using a point changes, and a junction of three or more."""
    pts = ring[:-1] if ring[0] == ring[-1] else list(ring)
    n = len(pts)
    if n < 3:
        return [project(p) for p in pts]
    keys = [frozenset(users[p]) for p in pts]
    fixed = [i for i in range(n)
             if len(keys[i]) >= 3 or keys[i] != keys[i - 1] or keys[i] != keys[(i + 1) % n]]
    if not fixed:
        far = max(range(n), key=lambda i: (pts[i][0] - pts[0][0]) ** 2
                  + (pts[i][1] - pts[0][1]) ** 2)
        fixed = sorted({0, far})
    out: list[tuple[float, float]] = []
    for a, b in zip(fixed, fixed[1:] + [fixed[0] + n]):
        run = [pts[i % n] for i in range(a, b + 1)]
        key = tuple(run)
        if key not in cache:
            back = key[::-1]
            if back in cache:
                cache[key] = cache[back][::-1]
            else:
                cache[key] = _douglas_peucker([project(p) for p in run], tolerance)
        out.extend(cache[key][:-1])
    return out


def _douglas_peucker(points, tolerance) -> list[tuple[float, float]]:
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, at = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = (abs(dy * (px - x0) - dx * (py - y0)) / norm if norm
                 else math.hypot(px - x0, py - y0))
            if d > best:
                best, at = d, i
        if at is not None and best > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep) if k]


def _path(points) -> str:
    """Relative path commands, a tenth of a pixel; repeated points dropped."""
    x0, y0 = round(points[0][0], 1), round(points[0][1], 1)
    out, px, py = [f"M{x0:g} {y0:g}l"], x0, y0
    steps = []
    for x, y in points[1:]:
        x, y = round(x, 1), round(y, 1)
        dx, dy = round(x - px, 1), round(y - py, 1)
        if dx or dy:
            steps.append(f"{_n(dx)}{_signed(dy)}")
            px, py = x, y
    return out[0] + "".join(_lead(s, i) for i, s in enumerate(steps)) + "z"


def _n(v: float) -> str:
    text = f"{v:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _signed(v: float) -> str:
    text = _n(v)
    return text if text.startswith("-") else " " + text


def _lead(step: str, i: int) -> str:
    return step if i == 0 or step.startswith("-") else " " + step


# ------------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapUnit:
    code: str
    name: str
    fill_class: int | None  # colour class (0 = best), None: hatched
    tooltip: str


@dataclass(frozen=True)
class Legend:
    title: str
    classes: list[str]  # label of each colour class, best first
    hatched: list[str]  # why units are hatched, one sentence each (wrapped)
    archipelagos: dict[str, str]  # "hoang_sa" / "truong_sa" → label
    attribution: str


def choropleth(geo: MapShapes, units: list[MapUnit], legend: Legend, alt: str,
               outline: str | None = None, legend_width: float = 230.0,
               font: float = 11.0, zoom: float = 1.0) -> str:
    """The map as an <svg> element: one <path data-code> per unit (its colour class, or the
    hatch), the outlined unit on top, the archipelagos labelled, the legend on the right, the
    attribution under the map; shown `zoom` times its drawn size (a page narrower than that
    scales it down)."""
    uid = "dtamap-" + hashlib.sha1(
        (alt + "|".join(f"{u.code}{u.fill_class}" for u in units) + str(outline)
         + str(geo.height)).encode()).hexdigest()[:10]
    pad = 6.0
    line = font * 1.3
    small = font * 0.85
    map_w, map_h = geo.width, geo.height
    lx = pad + map_w + 14
    # Legend lines, wrapped to the column.
    y = pad + font
    body = [(f'<text x="{_f(lx)}" y="{_f(y)}" font-size="{_f(font)}" font-weight="bold" '
            f'fill="{TEXT}">{esc(legend.title)}</text>')]
    y += line * 0.6
    swatch = font * 1.15
    for i, label in enumerate(legend.classes):
        body.append(f'<rect x="{_f(lx)}" y="{_f(y)}" width="{_f(swatch * 1.6)}" '
                    f'height="{_f(swatch)}" fill="{CLASS_COLOURS[i]}" stroke="#666" '
                    f'stroke-width="0.5"/>')
        body.append(f'<text x="{_f(lx + swatch * 1.6 + 5)}" y="{_f(y + swatch * 0.8)}" '
                    f'font-size="{_f(font)}" fill="{TEXT}">{esc(label)}</text>')
        y += swatch + 3
    for sentence in legend.hatched:
        y += 4
        body.append(f'<rect x="{_f(lx)}" y="{_f(y)}" width="{_f(swatch * 1.6)}" '
                    f'height="{_f(swatch)}" fill="url(#{uid}-h)" stroke="#666" '
                    f'stroke-width="0.5"/>')
        text_x = lx + swatch * 1.6 + 5
        lines = _wrap(sentence, small, legend_width - swatch * 1.6 - 5)
        for j, text in enumerate(lines):
            body.append(f'<text x="{_f(text_x)}" y="{_f(y + swatch * 0.8 + j * small * 1.25)}" '
                        f'font-size="{_f(small)}" fill="{TEXT}">{esc(text)}</text>')
        y += max(swatch, len(lines) * small * 1.25) + 3
    if outline is not None:
        y += 4
        body.append(f'<rect x="{_f(lx)}" y="{_f(y)}" width="{_f(swatch * 1.6)}" '
                    f'height="{_f(swatch)}" fill="none" stroke="{OUTLINE}" stroke-width="2"/>')
        body.append(f'<text x="{_f(lx + swatch * 1.6 + 5)}" y="{_f(y + swatch * 0.8)}" '
                    f'font-size="{_f(small)}" fill="{TEXT}">'
                    f'{esc(next((u.name for u in units if u.code == outline), outline))}'
                    "</text>")
        y += swatch + 3
    legend_bottom = y
    # Attribution under the map, wrapped to the whole width.
    total_w = lx + legend_width
    attr_lines = _wrap(legend.attribution, small * 0.9, total_w - 2 * pad)
    top = pad + max(map_h, legend_bottom - pad)
    total_h = top + 6 + len(attr_lines) * small * 0.9 * 1.3 + pad
    shapes_svg = []
    for u in units:
        fill = CLASS_COLOURS[u.fill_class] if u.fill_class is not None else f"url(#{uid}-h)"
        # a hatched unit keeps a grey edge: its islets stay visible, hatched or not
        hatched = (f' data-hatched="1" stroke="{HATCH_LINE}" stroke-width="0.5"'
                   if u.fill_class is None else "")
        shapes_svg.append(f'<path data-code="{esc(u.code)}"{hatched} fill="{fill}" '
                          f'd="{geo.paths.get(u.code, "")}"><title>{esc(u.tooltip)}</title>'
                          "</path>")
    outline_svg = ""
    if outline is not None and outline in geo.paths:
        outline_svg = (f'<path data-outline="{esc(outline)}" fill="none" stroke="{OUTLINE}" '
                       f'stroke-width="2" stroke-linejoin="round" d="{geo.paths[outline]}"/>')
        if outline in geo.centroids:  # a ring around it, so a small province is found
            cx, cy = geo.centroids[outline]
            outline_svg += (f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="11" fill="none" '
                            f'stroke="{OUTLINE}" stroke-width="1.2"/>')
    labels = []
    for name, (x0, y0, x1, y1) in sorted(geo.archipelagos.items()):
        text = legend.archipelagos.get(name)
        if not text:
            continue
        parts = text.split("\n")
        width = max(text_width(p, small) for p in parts) * 1.08
        cx = min(max((x0 + x1) / 2, width / 2), map_w - width / 2)
        ty = y0 - small * 0.6 - (len(parts) - 1) * small * 1.2
        for j, part in enumerate(parts):
            labels.append(
                f'<text data-archipelago="{name}" x="{_f(pad + cx)}" '
                f'y="{_f(pad + ty + j * small * 1.2)}" font-size="{_f(small)}" '
                f'text-anchor="middle" font-style="italic" fill="{TEXT}">{esc(part)}</text>')
        labels.append(f'<rect x="{_f(pad + x0 - 3)}" y="{_f(pad + y0 - 3)}" '
                      f'width="{_f(x1 - x0 + 6)}" height="{_f(y1 - y0 + 6)}" fill="none" '
                      f'stroke="#999" stroke-width="0.6" stroke-dasharray="2 2"/>')
    attribution = "".join(
        f'<text data-attribution="1" x="{_f(pad)}" '
        f'y="{_f(top + 6 + (j + 0.8) * small * 0.9 * 1.3)}" font-size="{_f(small * 0.9)}" '
        f'fill="#555">{esc(text)}</text>' for j, text in enumerate(attr_lines))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}-t" '
        f'width="{_f(total_w * zoom)}" height="{_f(total_h * zoom)}" viewBox="0 0 {_f(total_w)} '
        f'{_f(total_h)}" font-family="{FONT_FAMILY}" class="dta-map">'
        f'<title id="{uid}-t">{esc(alt)}</title>'
        f'<defs><pattern id="{uid}-h" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="5" height="5" fill="{HATCH_BACK}"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{HATCH_LINE}" stroke-width="1.6"/>'
        "</pattern></defs>"
        f'<rect width="100%" height="100%" fill="white"/>'
        f'<g transform="translate({_f(pad)} {_f(pad)})" stroke="{BORDER}" stroke-width="0.4" '
        f'stroke-linejoin="round">{"".join(shapes_svg)}{outline_svg}</g>'
        f'{"".join(labels)}{"".join(body)}{attribution}</svg>')


def _f(v: float) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Words of `text` in lines no wider than `width` pixels (DejaVu Sans, with slack)."""
    lines, current = [], ""
    for word in str(text).split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, size) * 1.08 > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
