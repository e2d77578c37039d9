"""In-process measurements, each run by `run.py` in a fresh subprocess so that its time and
peak memory (ru_maxrss of that process) are its own. Each prints one JSON line.

    python benchmarks/workers.py floor ROOT [--sample K] [--rounds R]
    python benchmarks/workers.py clean-validate ROOT [--rounds R]
    python benchmarks/workers.py validate-rows ROWS EXPECTATIONS_DIR [--rounds R]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LONG_RUN = 60.0  # seconds: a round longer than this is not repeated


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def evenly(items: list, k: int | None) -> list:
    """k items spread evenly over the list (all of them when k is None or ≥ len)."""
    if k is None or k >= len(items):
        return list(items)
    return [items[round(i * (len(items) - 1) / max(k - 1, 1))] for i in range(k)]


# --------------------------------------------------------------------------- the floor


def floor(root: str, sample: int | None, rounds: int) -> dict:
    """What province_report.ipynb computes, for every (or a sample of) 63-set unit(s), in this
    one warm process: the same calls as its cells (`report_context` → `show_*`), each object
    formatted as `display()` formats it (Styler → HTML, Markdown, PNG Image), figures rendered
    to PNG in memory and closed (report.display.figure_png does it; any figure left open is
    rendered and closed as the inline backend's end-of-cell flush would). No kernel, no HTML
    page. Times only the per-province loop, after one warm-up province."""
    os.environ["DTANALYSIS_ROOT"] = root
    os.environ.setdefault("MPLBACKEND", "Agg")
    started = time.perf_counter()
    import matplotlib.pyplot as plt
    from IPython.core.formatters import DisplayFormatter

    from dtanalysis import report
    from dtanalysis.domain.registry import registry

    formatter = DisplayFormatter()
    names = [unit.short_name for unit in registry(root).all("63")]
    import_seconds = time.perf_counter() - started

    def show(objects) -> None:
        for obj in objects:
            formatter.format(obj)
        for number in plt.get_fignums():
            figure = plt.figure(number)
            figure.savefig(io.BytesIO(), format="png")
            plt.close(figure)

    def one_province(name: str, sections: dict[str, float]) -> None:
        # Cell 1: %matplotlib inline … ctx = report_context(...); display(*show_title(ctx))
        t0 = time.perf_counter()
        ctx = report.report_context(name, "63", None, "region", "vi")
        show(report.show_title(ctx))
        sections["1 context + title"] += time.perf_counter() - t0
        # Cell 2: the briefing (page 1)
        t0 = time.perf_counter()
        show(report.show_briefing(ctx))
        sections["1b briefing"] += time.perf_counter() - t0
        for i, section in enumerate(report.SECTIONS, start=2):
            t0 = time.perf_counter()
            show(getattr(report, f"show_{section}")(ctx))
            sections[f"{i} {section}"] += time.perf_counter() - t0

    warm = defaultdict(float)
    t0 = time.perf_counter()
    one_province(names[0], warm)
    warm_up_seconds = time.perf_counter() - t0

    chosen = evenly(names, sample)
    round_seconds, round_cpu, sections = [], [], defaultdict(float)
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for name in chosen:
            one_province(name, sections)
        round_seconds.append(time.perf_counter() - t0)
        round_cpu.append(time.process_time() - c0)
        if round_seconds[0] > LONG_RUN:
            break
    per_round = statistics.median(round_seconds)
    done = len(chosen) * len(round_seconds)
    return {
        "units": len(names), "provinces_timed": len(chosen), "rounds": len(round_seconds),
        "round_seconds": round_seconds, "seconds": per_round,
        "per_province_seconds": per_round / len(chosen),
        # CPU seconds of this process: less disturbed than wall time on a shared machine.
        "per_province_cpu_seconds": statistics.median(round_cpu) / len(chosen),
        "section_seconds_per_province": {k: v / done for k, v in sorted(sections.items())},
        "warm_up_seconds": warm_up_seconds, "import_seconds": import_seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------- clean + validate


def clean_validate(root: str, rounds: int) -> dict:
    """`clean` (raw → tables in memory) then `validate` (GX, the project's suites), timed
    apart (medians of `rounds`); the tables are then written to data/processed (untimed) for
    the floor to read."""
    started = time.perf_counter()
    import great_expectations  # noqa: F401 - imported here so it is not inside a timing

    from dtanalysis.ingest.clean import clean
    from dtanalysis.paths import VALIDATION, Paths
    from dtanalysis.pipeline import store
    from dtanalysis.pipeline.validate import validate
    import_seconds = time.perf_counter() - started

    paths = Paths.at(root)
    clean_times, validate_times = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        cleaned = clean(paths.root)
        clean_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report = validate(cleaned.tables, paths.expectations)
        validate_times.append(time.perf_counter() - t0)
        if clean_times[0] + validate_times[0] > LONG_RUN:
            break
    clean_seconds = statistics.median(clean_times)
    validate_seconds = statistics.median(validate_times)
    version = store.write_tables(cleaned.tables, cleaned.quarantine, paths.processed)
    summary = report.to_dict()
    summary["data_version"] = version
    (paths.processed / VALIDATION).write_text(json.dumps(summary, default=str),
                                                     encoding="utf-8")
    return {
        "clean_seconds": clean_seconds, "validate_seconds": validate_seconds,
        "seconds": clean_seconds + validate_seconds, "rounds": len(clean_times),
        "import_seconds": import_seconds,
        "rows": {name: len(table) for name, table in cleaned.tables.items()},
        "quarantined": len(cleaned.quarantine), "validation_success": report.success,
        "failed_expectations": sorted({f"{f.table}.{f.column}: {f.expectation}"
                                       for f in report.failures}),
        "peak_rss_mb": peak_rss_mb(),
    }


# --------------------------------------------------------------------------- large validation


def validate_rows(rows: int, expectations: str, rounds: int) -> dict:
    """GX validation of the small synthetic tables of tests/synthetic.py with a valid
    SYNTHETIC `indicators` table of `rows` rows (`large_indicators`)."""
    sys.path.insert(0, str(REPO / "tests"))
    started = time.perf_counter()
    import great_expectations  # noqa: F401

    from dtanalysis.pipeline.validate import validate
    import_seconds = time.perf_counter() - started
    import synthetic

    tables = synthetic.tables()
    tables["indicators"] = synthetic.large_indicators(rows)
    round_seconds, success = [], None
    for _ in range(rounds):
        t0 = time.perf_counter()
        report = validate(tables, Path(expectations))
        round_seconds.append(time.perf_counter() - t0)
        success = report.success
        if round_seconds[0] > LONG_RUN:
            break
    return {"rows": rows, "rounds": len(round_seconds), "round_seconds": round_seconds,
            "seconds": statistics.median(round_seconds), "import_seconds": import_seconds,
            "validation_success": success, "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("floor")
    p.add_argument("root")
    p.add_argument("--sample", type=int, default=None)
    p.add_argument("--rounds", type=int, default=1)
    p = commands.add_parser("clean-validate")
    p.add_argument("root")
    p.add_argument("--rounds", type=int, default=1)
    p = commands.add_parser("validate-rows")
    p.add_argument("rows", type=int)
    p.add_argument("expectations")
    p.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    if args.command == "floor":
        result = floor(args.root, args.sample, args.rounds)
    elif args.command == "clean-validate":
        result = clean_validate(args.root, args.rounds)
    else:
        result = validate_rows(args.rows, args.expectations, args.rounds)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
