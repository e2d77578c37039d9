"""Reading the report's SVG charts back in tests: what a reader sees, from the SVG text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def ranking_rows(chart) -> list[dict]:
    """Each bar of an SVG ranking, top to bottom: its edge, opacity and hatch, its name label
    (text, weight, colour) and value label (a legend's box has no name label: left out)."""
    root = ET.fromstring(chart.svg)
    hatches = {(e.get("x"), e.get("y")) for e in root.iter(f"{SVG}rect")
               if e.get("fill", "").startswith("url(")}
    texts = [e for e in root.iter(f"{SVG}text") if e.get("fill") != "white"]
    rows = []
    for bar in root.iter(f"{SVG}rect"):
        if bar.get("width") == "100%" or bar.get("fill", "").startswith("url("):
            continue  # the background, a hatch
        middle = float(bar.get("y")) + float(bar.get("height")) / 2
        near = [e for e in texts if abs(float(e.get("y")) - 0.36 * float(e.get("font-size"))
                                        - middle) < 0.1]
        name = next((e for e in near if e.get("text-anchor") == "end"), None)
        if name is None:
            continue
        value = next(e for e in near if e.get("text-anchor") is None)
        rows.append({"y": middle, "name": name.text, "bold": name.get("font-weight") == "bold",
                     "colour": name.get("fill"), "value": value.text,
                     "edge": bar.get("stroke"), "opacity": bar.get("opacity"),
                     "hatched": (bar.get("x"), bar.get("y")) in hatches})
    return sorted(rows, key=lambda r: r["y"])
