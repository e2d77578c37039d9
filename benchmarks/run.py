"""Benchmarks of dtanalysis on the shipped data, in one run so the figures are comparable.

    .venv/bin/python benchmarks/run.py            # everything (~25 min on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # loop on 3 provinces ×63, fewer repeats
    .venv/bin/python benchmarks/run.py --skip loop,scaling --repeat 3

Works on a copy of the project in a temporary folder (data/raw, expectations, notebooks):
never writes into data/ or reports/ of the repository. Writes benchmarks/RESULTS.md and
benchmarks/results.json (or into --out). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent if (Path(sys.executable).parent / "dtanalysis").exists() \
    else REPO / ".venv" / "bin"
DTANALYSIS, PAPERMILL, JUPYTER = (str(BIN / n) for n in ("dtanalysis", "papermill", "jupyter"))
LONG_RUN = 60.0       # seconds: a run longer than this is measured once
N_PROVINCES = 63
# The registry accepts two-digit GSO codes only (input hardening): 99 units at most. A
# larger synthetic registry (four-digit codes, as the 2026-11-22 run used) is refused.
SCALING_UNITS = (63, 99)
LARGE_ROWS = 1_000_000
SECTIONS = ("loop", "build", "floor", "cli", "scaling", "validate1m", "charts", "dask")

sys.path.insert(0, str(HERE))
from synthetic_project import write_synthetic_project
from workers import evenly


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    """Seconds of one subprocess run; raises with its output when it fails."""
    started = time.perf_counter()
    done = subprocess.run(cmd, check=False, cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n"
                           f"{(done.stdout + done.stderr)[-3000:]}")
    return seconds


def median_of_runs(measure, repeat: int, long_run: float = LONG_RUN) -> dict:
    """Median of `repeat` runs of `measure()` (seconds); a first run longer than `long_run`
    is not repeated."""
    times = [measure()]
    while len(times) < repeat and times[0] <= long_run:
        times.append(measure())
    return {"seconds": statistics.median(times), "runs": len(times), "all": times}


def worker(*args: str) -> dict:
    """Run benchmarks/workers.py in a fresh process; its JSON answer."""
    cmd = [sys.executable, str(HERE / "workers.py"), *args]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def copy_project(folder: Path) -> Path:
    """A working copy of the project: data/raw, expectations and notebooks only."""
    root = folder / "project"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    for name in ("expectations", "notebooks"):
        shutil.copytree(REPO / name, root / name)
    for path in root.rglob("*"):  # data/raw is read-only in the repository
        path.chmod(path.stat().st_mode | 0o200)
    return root


def provinces(root: Path) -> list[tuple[str, str]]:
    from dtanalysis.domain.registry import registry

    return [(u.short_name, u.slug) for u in registry(root).all("63")]


def cell_seconds(notebooks: list[Path]) -> dict[str, float]:
    """Mean `papermill.duration` per code cell (labelled by its first line) over notebooks."""
    totals: dict[str, float] = {}
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(c for c in cells if c["cell_type"] == "code"):
            lines = "".join(cell["source"]).strip().splitlines() or [""]
            tags = cell.get("metadata", {}).get("tags", [])
            text = "parameters" if "parameters" in tags else \
                lines[0] if lines[0].startswith("# ") else lines[-1]
            label = f"{i:02d} {text[:60]}"
            duration = (cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0)
            totals[label] = totals.get(label, 0.0) + duration
    return {k: v / max(len(notebooks), 1) for k, v in sorted(totals.items())}


# --------------------------------------------------------------------------- 1. the loop


def measure_hand_loop(root: Path, sample: int | None) -> dict:
    """papermill + `jupyter nbconvert --to html --no-input`, province after province, as real
    subprocesses (cwd = notebooks/, DTANALYSIS_ROOT = the copy)."""
    notebooks = root / "notebooks"
    (notebooks / "out").mkdir(exist_ok=True)
    env = {"DTANALYSIS_ROOT": str(root)}
    chosen = evenly(provinces(root), sample)
    papermill_s, nbconvert_s = [], []
    for i, (name, slug) in enumerate(chosen, start=1):
        out = f"out/{slug}.ipynb"
        papermill_s.append(run([PAPERMILL, "province_report.ipynb", out, "-p", "province", name,
                                "-p", "unit_set", "63", "-k", "python3"], notebooks, env))
        nbconvert_s.append(run([JUPYTER, "nbconvert", "--to", "html", "--no-input", out],
                               notebooks, env))
        log(f"  loop {i}/{len(chosen)} {name}: papermill {papermill_s[-1]:.1f} s, "
            f"nbconvert {nbconvert_s[-1]:.1f} s")
    per = [p + n for p, n in zip(papermill_s, nbconvert_s)]
    measured = sum(per)
    extrapolated = len(chosen) < N_PROVINCES
    return {
        "seconds": measured / len(chosen) * N_PROVINCES if extrapolated else measured,
        "runs": 1, "provinces_run": len(chosen), "extrapolated": extrapolated,
        "measured_seconds": measured, "per_province_median": statistics.median(per),
        "papermill_median": statistics.median(papermill_s),
        "nbconvert_median": statistics.median(nbconvert_s),
        "cells": cell_seconds([notebooks / "out" / f"{slug}.ipynb" for _, slug in chosen]),
    }


# --------------------------------------------------------------------------- 2./3. the CLI


def measure_builds(root: Path, repeat: int) -> dict:
    figures = {}
    log("dtanalysis build --force --jobs 2 (clean, every report in both languages, index)")
    # Always repeated: its goal (60 s) is near what it measures, and one run moves by ±3 s.
    figures["build_force"] = median_of_runs(
        lambda: run([DTANALYSIS, "build", "--force", "--jobs", "2", "--root", str(root)]),
        repeat, long_run=float("inf"))
    log(f"  {figures['build_force']['seconds']:.1f} s ({figures['build_force']['runs']} run(s))")
    log("dtanalysis report --all --set 63 --force --jobs 2")
    figures["report_63"] = median_of_runs(
        lambda: run([DTANALYSIS, "report", "--all", "--set", "63", "--force", "--jobs", "2",
                     "--root", str(root)]), repeat)
    log(f"  {figures['report_63']['seconds']:.1f} s ({figures['report_63']['runs']} run(s))")
    reports = sorted((root / "reports" / "provinces").glob("*.ipynb"))
    records = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in reports]
    figures["report_63"]["cells"] = cell_seconds(reports)
    figures["report_63"]["report_seconds_mean"] = statistics.mean(r["seconds"] for r in records)
    log("dtanalysis build --jobs 2, nothing changed")
    figures["rebuild_nochange"] = median_of_runs(
        lambda: run([DTANALYSIS, "build", "--jobs", "2", "--root", str(root)]), repeat)
    log(f"  {figures['rebuild_nochange']['seconds']:.2f} s")
    log("python -c 'import pandas' (what a rebuild with nothing to do must cost less than)")
    figures["import_pandas"] = median_of_runs(
        lambda: run([sys.executable, "-c", "import pandas"]), repeat)
    log(f"  {figures['import_pandas']['seconds']:.2f} s")
    return figures


def measure_cli(root: Path, repeat: int) -> dict:
    help_ = median_of_runs(lambda: run([DTANALYSIS, "--help"]), max(repeat, 5))
    validate = median_of_runs(lambda: run([DTANALYSIS, "validate", "--root", str(root)]), repeat)
    log(f"--help {help_['seconds']:.2f} s, validate {validate['seconds']:.1f} s")
    return {"help": help_, "validate": validate}


# --------------------------------------------------------------------------- 4. the floor


def measure_floor(root: Path, repeat: int) -> dict:
    result = worker("floor", str(root), "--rounds", str(repeat))
    log(f"floor: {result['seconds']:.1f} s for 63 provinces ({result['rounds']} round(s))")
    return {**result, "runs": result["rounds"]}


# --------------------------------------------------------------------------- 7. charts, 8. Dask


def measure_charts(root: Path, repeat: int) -> dict:
    """Cost per chart kind (benchmarks/charts.py, in a fresh process)."""
    done = subprocess.run([sys.executable, str(HERE / "charts.py"), str(root), "--rounds",
                           str(min(repeat, 3))], check=False, capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    if done.returncode != 0:
        raise RuntimeError(f"charts.py failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    log(f"charts: {result['charts_cpu_per_province']:.2f} s CPU per province")
    return result


def measure_dask(root: Path, rounds: int = 2) -> dict:
    """The 63 province reports on the local runner (2 warm kernels) and on a Dask
    LocalCluster of 2 worker processes (`--scheduler local:2`), --force, alternately (local,
    Dask, local, Dask, …: `rounds` pairs), so that other work on the machine falls on both;
    each run's seconds and the load average before it."""
    base = [DTANALYSIS, "report", "--all", "--set", "63", "--force", "--root", str(root)]
    runs: dict[str, list] = {"local": [], "dask": []}
    for _ in range(rounds):
        for kind, extra in (("local", ["--jobs", "2"]), ("dask", ["--scheduler", "local:2"])):
            load = os.getloadavg()[0]
            log(f"report --all --set 63 --force {' '.join(extra)} (load {load:.2f})")
            seconds = run([*base, *extra])
            runs[kind].append({"seconds": seconds, "load": round(load, 2)})
            log(f"  {seconds:.1f} s")
    return {f"report_63_{kind}": {
        "seconds": statistics.mean(r["seconds"] for r in done), "runs": len(done),
        "all": [r["seconds"] for r in done], "load": [r["load"] for r in done]}
        for kind, done in runs.items()}


# --------------------------------------------------------------------------- 6. scaling


def growth_exponent(units: list[int], seconds: list[float]) -> float:
    """k in time ∝ units^k between the two largest sizes (1 = linear)."""
    return math.log(seconds[-1] / seconds[-2]) / math.log(units[-1] / units[-2])


def measure_scaling(folder: Path, floor_sample: int, repeat: int) -> dict:
    rows = []
    for n in SCALING_UNITS:
        root = write_synthetic_project(folder / f"synthetic-{n}", n)
        cv = worker("clean-validate", str(root), "--rounds", str(min(repeat, 3)))
        fl = worker("floor", str(root), "--sample", str(floor_sample))
        rows.append({
            "units": n, "clean_seconds": cv["clean_seconds"],
            "validate_seconds": cv["validate_seconds"], "clean_validate_seconds": cv["seconds"],
            "clean_validate_runs": cv["rounds"], "clean_validate_peak_mb": cv["peak_rss_mb"],
            "gx_import_seconds": cv["import_seconds"],
            "rows": cv["rows"], "validation_success": cv["validation_success"],
            "failed_expectations": cv["failed_expectations"],
            "floor_provinces_timed": fl["provinces_timed"],
            "floor_per_province_seconds": fl["per_province_seconds"],
            "floor_all_units_seconds": fl["per_province_seconds"] * n,
            "floor_peak_mb": fl["peak_rss_mb"],
            "floor_sections": fl["section_seconds_per_province"],
        })
        log(f"scaling {n} units: clean {cv['clean_seconds']:.2f} s, validate "
            f"{cv['validate_seconds']:.2f} s ({'passed' if cv['validation_success'] else 'FAILED'}"
            f"), floor {fl['per_province_seconds']:.2f} s/province")
    units = [r["units"] for r in rows]
    exponents = {key: growth_exponent(units, [r[key] for r in rows]) for key in
                 ("clean_seconds", "validate_seconds", "clean_validate_seconds",
                  "floor_all_units_seconds")}
    return {"rows": rows, "exponents": exponents}


def measure_large_validation(expectations: Path, repeat: int) -> dict:
    result = worker("validate-rows", str(LARGE_ROWS), str(expectations),
                    "--rounds", str(min(repeat, 3)))
    log(f"validation of {LARGE_ROWS:,} indicator rows: {result['seconds']:.1f} s")
    return {**result, "runs": result["rounds"]}


# --------------------------------------------------------------------------- report


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None)
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_mb": memory,
            "python": platform.python_version(), "platform": platform.platform(),
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load_average_start": os.getloadavg()}


def targets(f: dict, scaling: dict | None) -> list[dict]:
    out = []

    def target(name: str, measured: str, ok: bool | None) -> None:
        out.append({"target": name, "measured": measured,
                    "result": "n/a" if ok is None else ("PASS" if ok else "FAIL")})

    if "loop" in f and "report_63" in f:
        speedup = f["loop"]["seconds"] / f["report_63"]["seconds"]
        target("63 province reports ≥ 5× faster than the hand-written loop",
               f"{speedup:.1f}×", speedup >= 5)
    if "floor" in f and "report_63" in f:
        over = f["report_63"]["seconds"] / f["floor"]["seconds"]
        target("63 province reports within 3× the floor", f"{over:.1f}× the floor", over <= 3)
    if "build_force" in f:
        s = f["build_force"]["seconds"]
        target("`build --force`: every report in both languages ≤ 60 s", f"{s:.1f} s", s <= 60)
    if "rebuild_nochange" in f:
        s = f["rebuild_nochange"]["seconds"]
        target("rebuild with nothing changed < 1.5 s", f"{s:.2f} s", s < 1.5)
        if "import_pandas" in f:
            p = f["import_pandas"]["seconds"]
            target("rebuild with nothing changed < a Python importing pandas",
                   f"{s:.2f} s against {p:.2f} s", s < p)
    if "help" in f:
        s = f["help"]["seconds"]
        target("`dtanalysis --help` < 0.5 s", f"{s:.2f} s", s < 0.5)
    if scaling:
        k = scaling["exponents"]
        worst = max(k, key=k.get)
        target("time linear in units (growth exponent ≤ 1.2 from 63 to 99 units)",
               ", ".join(f"{name.replace('_seconds', '')} {v:.2f}" for name, v in k.items())
               + f" (worst: {worst.replace('_seconds', '')})", k[worst] <= 1.2)
    if "validate_1m" in f:
        s = f["validate_1m"]["seconds"]
        target("GX validation of 1,000,000 indicator rows < 15 s", f"{s:.1f} s", s < 15)
    return out


def ratios(f: dict) -> dict:
    out = {}
    if "loop" in f and "report_63" in f:
        out["loop / report --all (63)"] = f["loop"]["seconds"] / f["report_63"]["seconds"]
    if "report_63" in f and "floor" in f:
        out["report --all (63) / floor"] = f["report_63"]["seconds"] / f["floor"]["seconds"]
    if "loop" in f and "floor" in f:
        out["loop / floor"] = f["loop"]["seconds"] / f["floor"]["seconds"]
    if "build_force" in f and "report_63" in f:
        out["build --force (200 reports, both languages, + clean) / report --all (63)"] = (
            f["build_force"]["seconds"] / f["report_63"]["seconds"])
    return out


FIGURES = (
    ("loop", "1. hand-written loop: papermill + nbconvert, 63 provinces, sequential"),
    ("build_force", ("2. `dtanalysis build --force --jobs 2` (clean + validate + 63 + 34 reports "
                    "+ overviews, in both languages + index)")),
    ("report_63", "2. `dtanalysis report --all --set 63 --force --jobs 2`"),
    ("rebuild_nochange", "3. `dtanalysis build --jobs 2`, nothing changed"),
    ("import_pandas", "3. `python -c 'import pandas'` (for comparison)"),
    ("floor", "4. floor: analysis + charts of 63 provinces, one warm process"),
    ("help", "5. `dtanalysis --help`"),
    ("validate", "5. `dtanalysis validate` (shipped data)"),
    ("validate_1m", "6. GX validation, 1,000,000 synthetic indicator rows"),
)


def runs_note(key: str, fig: dict) -> str:
    if key == "loop" and fig.get("extrapolated"):
        return (f"EXTRAPOLATED: {fig['provinces_run']} provinces measured "
                f"({fig['measured_seconds']:.1f} s) ×63/{fig['provinces_run']}")
    if key == "floor":
        return f"median of {fig['runs']} round(s) after a warm-up province"
    return "1 run" if fig["runs"] == 1 else f"median of {fig['runs']} runs"


def markdown(results: dict) -> str:
    m, f = results["machine"], results["figures"]
    lines = [
        "# Benchmark results", "",
        f"`{results['command']}` — {m['date']}", "",
        (f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_mb']} MB, Python {m['python']}, "
        f"{m['platform']}. Load average (1, 5, 15 min) at start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_start'])}, at end "
        f"{', '.join(f'{x:.2f}' for x in m['load_average_end'])} (other work on the machine "
        "slows every figure alike)."), "",
        "| figure | seconds | runs |", "| --- | ---: | --- |",
    ]
    for key, label in FIGURES:
        if key in f:
            lines.append(f"| {label} | {f[key]['seconds']:.2f} | {runs_note(key, f[key])} |")
    lines += ["", "| ratio | value |", "| --- | ---: |"]
    lines += [f"| {name} | {value:.2f} |" for name, value in results["ratios"].items()]
    lines += ["", "## Targets", "", "| target | measured | result |", "| --- | --- | --- |"]
    lines += [f"| {t['target']} | {t['measured']} | **{t['result']}** |"
              for t in results["targets"]]
    if "loop" in f:
        loop = f["loop"]
        lines += ["", "## Where the time goes", "",
                  (f"Hand-written loop, per province (median): papermill "
                  f"{loop['papermill_median']:.1f} s (new kernel, imports, cells), nbconvert "
                  f"{loop['nbconvert_median']:.1f} s.")]
    if "report_63" in f:
        report = f["report_63"]
        in_cells = sum(report["cells"].values())
        lines += ["", (f"`report --all`: {report['report_seconds_mean']:.2f} s per report (mean of "
                   "the reports' own `seconds`, 2 reports at a time on 2 warm kernels), of which "
                   f"{in_cells:.2f} s in the cells and {report['report_seconds_mean'] - in_cells:.2f}"
                   " s outside them (kernel reset, Papermill, HTML rendering, waiting for a "
                   "core).")]
    if "report_63" in f and "floor" in f:
        per_core = 2 * f["report_63"]["seconds"] / f["floor"]["seconds"]
        lines += ["", (f"The floor runs on one core, `report --all` on two: per core, the reports "
                   f"cost {per_core:.1f}× the floor.")]
    cells = {k: f[k]["cells"] for k in ("loop", "report_63") if k in f}
    if cells:
        labels = sorted(set().union(*cells.values()))
        lines += ["", ("Mean seconds per notebook cell (`papermill.duration` of the executed "
                  "notebooks):"), "", "| cell | " + " | ".join(
                      {"loop": "hand loop (fresh kernel)", "report_63": "report --all (warm "
                       "kernel)"}[k] for k in cells) + " |",
                  "| --- |" + " ---: |" * len(cells)]
        for label in labels:
            lines.append(f"| `{label}` | " + " | ".join(
                f"{c.get(label, 0.0):.3f}" for c in cells.values()) + " |")
    if "floor" in f:
        lines += ["", ("Floor, mean seconds per province and section (same calls as the "
                  "notebook's cells, no kernel):"), "", "| section | seconds |", "| --- | ---: |"]
        lines += [f"| {k} | {v:.3f} |" for k, v in f["floor"]["section_seconds_per_province"]
                  .items()]
    scaling = results.get("scaling")
    if scaling:
        lines += ["", "## Scaling (SYNTHETIC data, generated into a temp folder)", "",
                  ("Clean + validate: `dtanalysis.ingest.clean.clean()` then `dtanalysis.pipeline.validate."
                  "validate()` with the shipped suites, in a fresh process, median of "
                  f"{scaling['rows'][0]['clean_validate_runs']} run(s) (GX import not timed). "
                  "Floor: per-province time over "
                  f"{scaling['rows'][0]['floor_provinces_timed']} evenly spread units after a "
                  "warm-up, ×units for all units. Peak memory: ru_maxrss of the process."), "",
                  ("| units | dti rows | clean s | validate s | clean+validate s/unit (ms) | "
                  "peak MB | validation | floor s/province | floor all units s | floor peak "
                  "MB |"), "| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"]
        for r in scaling["rows"]:
            verdict = "passed" if r["validation_success"] else \
                "failed: " + "; ".join(r["failed_expectations"])
            lines.append(
                f"| {r['units']} | {r['rows']['dti']} | {r['clean_seconds']:.2f} | "
                f"{r['validate_seconds']:.2f} | "
                f"{1000 * r['clean_validate_seconds'] / r['units']:.2f} | "
                f"{r['clean_validate_peak_mb']:.0f} | {verdict} | "
                f"{r['floor_per_province_seconds']:.3f} | {r['floor_all_units_seconds']:.1f} | "
                f"{r['floor_peak_mb']:.0f} |")
        lines += ["", "Growth exponent k (time ∝ units^k, 63 → 99 units; 1 = linear): "
                  + ", ".join(f"{k.replace('_seconds', '')} {v:.2f}"
                              for k, v in scaling["exponents"].items()) + "."]
    if "validate_1m" in f:
        v = f["validate_1m"]
        lines += ["", (f"1M-row validation: {v['seconds']:.1f} s ({runs_note('v', v)}; GX import "
                  f"{v['import_seconds']:.1f} s not included), peak {v['peak_rss_mb']:.0f} MB, "
                  f"{'passed' if v['validation_success'] else 'FAILED'}.")]
    lines += charts_markdown(f)
    for note in results.get("errors", []):
        lines += ["", f"**Error:** {note}"]
    return "\n".join(lines) + "\n"


def charts_markdown(f: dict) -> list[str]:
    lines = []
    if "report_63_dask" in f:
        local, dask = f["report_63_local"]["seconds"], f["report_63_dask"]["seconds"]
        lines += ["", "## Dask LocalCluster against the local runner", "",
                  "| 63 province reports, --force | seconds |", "| --- | ---: |",
                  (f"| `report --all --jobs 2` (2 warm kernels, threads of the command) | "
                  f"{local:.1f} |"),
                  (f"| `report --all --scheduler local:2` (LocalCluster, 2 worker processes, "
                  f"cluster start included) | {dask:.1f} |"), "",
                  f"Dask overhead: {100 * (dask / local - 1):+.1f} % (means)."]
        pairs = list(zip(f["report_63_local"].get("all", []), f["report_63_dask"].get("all", []),
                         f["report_63_local"].get("load", []), f["report_63_dask"].get("load", [])))
        if pairs:
            lines += ["", "Run alternately (local, Dask, local, …); seconds (load average before "
                      "the run): " + "; ".join(
                          f"local {a:.1f} ({la:.2f}), Dask {b:.1f} ({lb:.2f})"
                          for a, b, la, lb in pairs) + "."]
    if "charts" in f:
        c = f["charts"]
        lines += ["", "## Chart cost per chart kind", "",
                  (f"`benchmarks/charts.py`: provinces {', '.join(c['provinces'])} and the "
                   f"overview, {c['rounds']} round(s) after a warm-up; mean per chart (the "
                   "image: SVG text for the SVG charts, a palette PNG for matplotlib's). CPU "
                   "seconds are less disturbed by other work on the machine than wall seconds "
                   f"(load average at the end {c['load_average'][0]:.1f})."), "",
                  "| chart | n | build CPU s | save CPU s | build wall s | save wall s | image kB |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for kind, v in c["kinds"].items():
            lines.append(f"| {kind} | {v['count']} | {v['build_cpu']:.3f} | "
                         f"{v['save_cpu']:.3f} | {v['build_wall']:.3f} | {v['save_wall']:.3f} | "
                         f"{v['png_bytes'] / 1000:.0f} |")
        lines += ["", (f"Charts per province report: {c['charts_cpu_per_province']:.2f} s CPU, "
                       f"{c['charts_wall_per_province']:.2f} s wall.")]
    return lines


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per short figure; the median is reported (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="loop on --sample provinces ×63, repeat 3, scaling floor sample 3")
    parser.add_argument("--sample", type=int, default=3,
                        help="provinces in the loop with --quick (default 3)")
    parser.add_argument("--skip", default="", help=f"comma-separated of {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder for RESULTS.md and results.json (default benchmarks/)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--render", type=Path, metavar="RESULTS_JSON",
                        help="only rewrite RESULTS.md (in --out) from a results.json")
    args = parser.parse_args()
    if args.render:
        text = markdown(json.loads(args.render.read_text(encoding="utf-8")))
        (args.out / "RESULTS.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    skip = {s for s in args.skip.split(",") if s}
    repeat = min(args.repeat, 3) if args.quick else args.repeat
    floor_sample = 3 if args.quick else 10

    results = {"command": " ".join(["benchmarks/run.py", *sys.argv[1:]]),
               "machine": machine(), "figures": {}, "errors": []}
    f = results["figures"]
    folder = Path(tempfile.mkdtemp(prefix="dtanalysis-bench-"))
    log(f"working copy in {folder}")
    try:
        root = copy_project(folder)
        f["clean"] = {"seconds": run([DTANALYSIS, "clean", "--root", str(root)]), "runs": 1}
        steps = [
            ("loop", lambda: f.update(loop=measure_hand_loop(
                root, args.sample if args.quick else None))),
            ("build", lambda: f.update(measure_builds(root, repeat))),
            ("floor", lambda: f.update(floor=measure_floor(root, repeat))),
            ("cli", lambda: f.update(measure_cli(root, repeat))),
            ("scaling", lambda: results.update(scaling=measure_scaling(folder, floor_sample, repeat))),
            ("validate1m", lambda: f.update(validate_1m=measure_large_validation(
                root / "expectations", repeat))),
            ("charts", lambda: f.update(charts=measure_charts(root, repeat))),
            ("dask", lambda: f.update(measure_dask(root, max(1, min(repeat, 2))))),
        ]
        for name, step in steps:
            if name in skip:
                continue
            log(f"== {name}")
            try:
                step()
            except Exception as error:  # noqa: BLE001 - report it, measure the rest
                results["errors"].append(f"{name}: {error}")
                log(f"ERROR in {name}: {error}")
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    results["machine"]["load_average_end"] = os.getloadavg()
    results["ratios"] = ratios(f)
    results["targets"] = targets(f, results.get("scaling"))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False)
                                           + "\n", encoding="utf-8")
    text = markdown(results)
    (args.out / "RESULTS.md").write_text(text, encoding="utf-8")
    print("\n" + text)
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
