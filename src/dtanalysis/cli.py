"""The command line: parse → call a library function → print its result → exit code. The only
module that prints or exits.

Exit codes: 0 done; 1 done but something failed (validation, a report, `--strict` with
quarantined rows); 2 an expected error (`DtanalysisError`: bad input, unknown province, not a
project, …), printed as one line `error: …`. Anything else is a bug and keeps its traceback.
Nothing heavy is imported at module level, so `dtanalysis --help` stays fast (no Great
Expectations, no pandas).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from . import __version__
from .errors import DtanalysisError
from .paths import Paths


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=None, metavar="DIR",
                        help="project folder (default: the current folder or the nearest "
                             "parent holding data/raw)")


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="reports run in parallel (default: number of cores)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="language of the reports (default: vi)")
    parser.add_argument("--force", action="store_true",
                        help="re-run reports whose inputs have not changed")
    parser.add_argument("--with-code", action="store_true",
                        help="keep code cells in the HTML")
    parser.add_argument("--pdf", action="store_true",
                        help="also print each report to a PDF beside its HTML (A4, headless "
                             "Chromium, offline)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dtanalysis",
        description="Clean, validate and report Vietnam's provincial digital transformation "
                    "(DTI) data.")
    parser.add_argument("--version", action="version", version=f"dtanalysis {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="log what each stage does (to stderr)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="data/raw → data/processed (validated, atomic)")
    clean.add_argument("--strict", action="store_true",
                       help="exit 1 when any row is quarantined")
    _root(clean)

    validate = commands.add_parser(
        "validate", help="validate data/processed with Great Expectations; write Data Docs")
    _root(validate)

    build = commands.add_parser(
        "build", help="clean → validate → every province report of both sets → overview → index")
    build.add_argument("--strict", action="store_true",
                       help="exit 1 when any row is quarantined")
    _report_options(build)
    _root(build)

    report = commands.add_parser("report", help="run province reports")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--province", action="append", metavar="NAME",
                       help="a province, any spelling (repeatable)")
    which.add_argument("--all", action="store_true", help="every unit of the set")
    report.add_argument("--set", dest="unit_set", choices=("63", "34"), default="63",
                        help="unit set (default: 63)")
    report.add_argument("--year", type=int, default=None, metavar="YEAR",
                        help="the year the report leads with (default: the latest with a value)")
    report.add_argument("--peers", action="append", metavar="NAME", default=None,
                        help="a comparison unit, any spelling (repeatable; default: the "
                             "units of the same region)")
    _report_options(report)
    _root(report)

    provinces = commands.add_parser("provinces", help="list the provinces of a unit set")
    provinces.add_argument("--set", dest="unit_set", choices=("63", "34"), default="63")
    _root(provinces)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _logging(args.verbose)
    handler = globals()[f"_cmd_{args.command}"]
    try:
        return handler(args)
    except DtanalysisError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`dtanalysis provinces | head`): stop quietly. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _logging(verbose: bool) -> None:
    logger = logging.getLogger("dtanalysis")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


# --------------------------------------------------------------------------- data stages


def _print_clean(result) -> int:
    """Quarantine summary, validation failures, and the verdict; 0 when swapped in."""
    from .ingest.quarantine import summary  # lazy: --help starts in 0.2 s

    lines = [summary(result.quarantine)]
    if result.validation is not None and not result.validation.success:
        lines.append(result.validation.format())
    if result.refused:
        lines.append(result.refused)
    else:
        counts = ", ".join(f"{name} {n}" for name, n in result.counts.items())
        lines.append(f"cleaned and validated ({counts}); data version {result.data_version}")
    print("\n".join(lines), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def _cmd_clean(args) -> int:
    from .pipeline.stages import run_clean  # lazy: --help starts in 0.2 s
    return _print_clean(run_clean(args.root, strict=args.strict))


def _cmd_validate(args) -> int:
    from .pipeline.stages import run_validate  # lazy: --help starts in 0.2 s
    result = run_validate(args.root)
    if result.ok:
        print(f"validation passed; Data Docs in {result.data_docs}")
        return 0
    print(result.validation.format() + "\nvalidation failed", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- reports


class _Progress:
    """One line per finished report: `[n/total] label (set): ok · failures f · elapsed s`."""

    def start(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.started = time.perf_counter()

    def update(self, outcome) -> None:
        self.done += 1
        self.failed += outcome.status == "failed"
        elapsed = time.perf_counter() - self.started
        mark = {"ok": "ok", "failed": "FAILED", "skipped": "up to date"}[outcome.status]
        line = (f"[{self.done}/{self.total}] {outcome.job.label} ({outcome.job.unit_set}): "
                f"{mark} · failures {self.failed} · elapsed {elapsed:.1f} s")
        if outcome.error:
            line += f"\n    {outcome.error}"
        print(line, file=sys.stderr, flush=True)


def _print_reports(result, root) -> int:

    lines = [(f"{len(result.outcomes)} report(s): {result.count('ok')} run, "
              f"{result.count('skipped')} up to date, {len(result.failed)} failed in "
              f"{result.seconds:.1f} s")]
    lines += [f"  FAILED {o.job.label} ({o.job.unit_set}): {o.error}" for o in result.failed]
    if result.pdfs or result.pdf_errors:
        lines.append(f"PDF: {len(result.pdfs)} written, {len(result.pdf_errors)} failed")
        lines += [f"  PDF FAILED {error}" for error in result.pdf_errors]
    lines.append(f"index: {Paths.at(root).relative(result.index)}")
    print("\n".join(lines), file=sys.stderr)
    return 0 if result.ok else 1


def _cmd_build(args) -> int:
    from .builder import build  # lazy: --help starts in 0.2 s

    paths = Paths.at(args.root).require_project()
    result = build(paths.root, jobs=args.jobs, lang=args.lang, force=args.force,
                   with_code=args.with_code, strict=args.strict, pdf=args.pdf,
                   progress=_Progress())
    if result.clean is None:
        print("data/processed is up to date with data/raw (use --force to rebuild)")
    elif _print_clean(result.clean):
        return 1
    return _print_reports(result.reports, paths.root)


def _cmd_report(args) -> int:
    from .builder import report  # lazy: --help starts in 0.2 s

    result = report(args.root, provinces=args.province, all_units=args.all,
                    unit_set=args.unit_set, jobs=args.jobs, lang=args.lang, force=args.force,
                    year=args.year, peers=args.peers,
                    with_code=args.with_code, pdf=args.pdf, progress=_Progress())
    return _print_reports(result, args.root)


# --------------------------------------------------------------------------- registry


def _cmd_provinces(args) -> int:
    from .domain.registry import registry  # lazy: --help starts in 0.2 s

    reg = registry(Paths.at(args.root).require_project().root)
    for unit in reg.all(args.unit_set):
        if args.unit_set == "63":
            succ = reg.get(unit.successor_code, "34")
            extra = f"→ {succ.code} {succ.short_name}"
        else:
            extra = "← " + ", ".join(f"{m.code} {m.short_name}" for m in reg.members(unit))
        print(f"{unit.code}  {unit.short_name:<20} {unit.slug:<18} {unit.region:<32} {extra}")
    return 0
