"""Chart cost per chart kind: the figures of a sample of province reports and of the overview,
built by the report's own sections, each timed apart: build (the chart function, layout
included) and save (`report.display.figure_png`: the SVG chart's image object, or a PNG into
memory). Wall and CPU seconds (CPU time is less disturbed by other work on the machine), the
image's bytes. Prints one JSON line.

    python benchmarks/charts.py ROOT [--provinces A,B,…] [--rounds R] [--out-png DIR]

The default provinces have every chart kind (pillars and targets too; most provinces have no
pillar or target data) and a trajectory with a 2025 merger.

`--out-png DIR` also writes every image of one round (`<nn>-<chart>.svg` or `.png`) to compare
two versions by eye.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

DEFAULT_PROVINCES = "Quảng Ninh,Hải Dương,Hải Phòng,Đà Nẵng,Lạng Sơn,Cà Mau"
CHARTS = ("trajectory_chart", "position_chart", "position_png", "pillars_chart",
          "targets_chart", "rank_heatmap", "regions_chart", "coverage_chart")
INDEX_CHARTS = ("percentile_chart", "sub_index_chart", "rank_vs_rank_chart")
# As the notebooks call them (province_report.ipynb: title, briefing, then the sections).
PROVINCE_SECTIONS = ("title", "briefing")
OVERVIEW_SECTIONS = ("overview_title", "ranking", "rank_heatmap", "movers", "regions",
                     "coverage", "index_comparison")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--provinces", default=DEFAULT_PROVINCES)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out-png", type=Path, default=None)
    args = parser.parse_args()
    os.environ["DTANALYSIS_ROOT"] = args.root
    os.environ.setdefault("MPLBACKEND", "Agg")

    from IPython.core.formatters import DisplayFormatter

    from dtanalysis import report
    from dtanalysis.report import charts, display, sections
    from dtanalysis.report.charts import indices as index_charts

    timings: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    pngs: list[tuple[str, bytes]] = []
    state = {"page": "province", "pending": []}

    def timed_chart(name, function):
        def wrapper(*a, **k):
            key = f"{state['page']}: {name}"
            w0, c0 = time.perf_counter(), time.process_time()
            fig = function(*a, **k)
            timings[key]["build_wall"].append(time.perf_counter() - w0)
            timings[key]["build_cpu"].append(time.process_time() - c0)
            state["pending"].append(key)
            return fig
        return wrapper

    original_png = display.figure_png

    def timed_png(fig, *args, **kwargs):
        key = state["pending"].pop() if state["pending"] else "other"
        w0, c0 = time.perf_counter(), time.process_time()
        image = original_png(fig, *args, **kwargs)
        timings[key]["save_wall"].append(time.perf_counter() - w0)
        timings[key]["save_cpu"].append(time.process_time() - c0)
        data = image.data.encode("utf-8") if isinstance(image.data, str) else image.data
        timings[key]["png_bytes"].append(len(data))
        pngs.append((key, data))
        return image

    # A chart that drew its own PNG (position_png, before the ranking became SVG) is timed as
    # a build; its save is ~0.
    for module, names in ((charts, CHARTS), (index_charts, INDEX_CHARTS)):
        for name in names:
            if hasattr(module, name):  # the code measured may predate a chart function
                setattr(module, name, timed_chart(name, getattr(module, name)))
    # Sections call figure_png directly or through display.figure (which looks it up in
    # display at call time).
    display.figure_png = timed_png
    for module in vars(sections).values():
        if getattr(module, "figure_png", None) is original_png:
            module.figure_png = timed_png

    formatter = DisplayFormatter()
    chosen = args.provinces.split(",")

    def province(name: str) -> None:
        state["page"] = "province"
        ctx = report.report_context(name, "63", None, "region", "vi")
        for section in (*PROVINCE_SECTIONS, *report.SECTIONS):
            for obj in getattr(report, f"show_{section}")(ctx):
                formatter.format(obj)

    def overview() -> None:
        state["page"] = "overview"
        ctx = report.overview_context("63", "vi")
        for section in OVERVIEW_SECTIONS:
            if not hasattr(report, f"show_{section}"):
                continue
            for obj in getattr(report, f"show_{section}")(ctx):
                formatter.format(obj)

    province(chosen[0])  # warm-up (imports, font cache), not counted
    overview()
    timings.clear()
    pngs.clear()
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for name in chosen:
            province(name)
        overview()
    total_wall, total_cpu = time.perf_counter() - w0, time.process_time() - c0

    if args.out_png:
        args.out_png.mkdir(parents=True, exist_ok=True)
        for i, (key, data) in enumerate(pngs[: len(pngs) // args.rounds]):
            slug = key.replace(": ", "-").replace("_chart", "")
            kind = "png" if data[:4] == b"\x89PNG" else "svg"
            (args.out_png / f"{i:02d}-{slug}.{kind}").write_bytes(data)
    kinds = {key: {"count": len(values["build_wall"]),
                   **{k: statistics.mean(v) for k, v in values.items() if v}}
             for key, values in sorted(timings.items())}

    def per_province(measure: str) -> float:
        return sum(sum(v[f"build_{measure}"]) + sum(v[f"save_{measure}"])
                   for k, v in timings.items() if k.startswith("province")) / (
            len(chosen) * args.rounds)

    print(json.dumps({
        "provinces": chosen, "rounds": args.rounds, "kinds": kinds,
        "seconds_wall": total_wall, "seconds_cpu": total_cpu,
        "charts_wall_per_province": per_province("wall"),
        "charts_cpu_per_province": per_province("cpu"),
        "load_average": os.getloadavg(),
    }))


if __name__ == "__main__":
    main()
