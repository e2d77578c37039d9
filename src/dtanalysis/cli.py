"""The command line: parse → call a library function → print its result → exit code. The only
module that prints or exits.

Exit codes: 0 done; 1 done but something failed (validation, a report, `--strict` with
quarantined rows); 2 an expected error (`DtanalysisError`: bad input, unknown province, not a
project, …), printed as one line `error: …`. Anything else is a bug and keeps its traceback.

`build` and `report` append a line to `reports/runs.jsonl` (`site.runlog`) when they end (not
when the command line itself is refused: a bad option or province name writes nothing); with
`--quiet` they print nothing on success and only the summary on failure; `--on-failure CMD` (or
$DTANALYSIS_ON_FAILURE) runs CMD through the shell after a run that ends with 1 or 2, with
DTANALYSIS_EXIT_CODE, DTANALYSIS_SUMMARY, DTANALYSIS_RUN_LOG and DTANALYSIS_ROOT set.
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
from .errors import DtanalysisError, ParameterError, ProvinceError
from .paths import Paths
from .records import FAILED, OK, SKIPPED
from .startup import start
from .vocab import LANGS, UNIT_SETS

ON_FAILURE_ENV = "DTANALYSIS_ON_FAILURE"
HOOK_TIMEOUT = 300  # seconds an on-failure command may take


def _root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=None, metavar="DIR",
                        help="project folder (default: the current folder or the nearest "
                             "parent holding data/raw)")


def _report_options(parser: argparse.ArgumentParser, lang_default: str | None) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="reports run in parallel (default: number of cores)")
    parser.add_argument("--lang", choices=LANGS, default=lang_default,
                        help=("language of the reports (default: vi)" if lang_default else
                              "build the reports in this language only (default: both, "
                              "<slug>.html in Vietnamese and <slug>.en.html in English)"))
    parser.add_argument("--force", action="store_true",
                        help="re-run reports whose inputs have not changed")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS|local[:N]",
                        help="run the reports on a Dask cluster: a scheduler's address "
                             "(tcp://host:8786), or local:N to start N local workers")
    parser.add_argument("--with-code", action="store_true",
                        help="keep code cells in the HTML")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="for schedulers: print nothing on success, a summary on failure")
    parser.add_argument("--on-failure", metavar="CMD", default=None,
                        help="shell command run when the run ends with exit code 1 or 2 "
                             f"(default: ${ON_FAILURE_ENV}); see docs/scheduling.md")
    parser.add_argument("--pdf", action="store_true",
                        help="also print each report to a PDF beside its HTML (A4, headless "
                             "Chromium, offline)")
    parser.add_argument("--cell-timeout", type=_seconds, default=300.0, metavar="SECONDS",
                        help="fail a report whose cell runs longer (default: 300; 0: no limit)")
    parser.add_argument("--report-timeout", type=_seconds, default=900.0, metavar="SECONDS",
                        help="fail a report that runs longer (default: 900; 0: no limit)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"seconds must be 0 (no limit) or more: {text!r}")
    return value


def _allow_shrink(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-shrink", action="store_true",
                        help="accept tables with fewer rows than the last build")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dtanalysis",
        description="Clean, validate and report Vietnam's provinces in the national indices "
                    "(DTI, PCI, PAPI and any index of the catalogue).")
    parser.add_argument("--version", action="version", version=f"dtanalysis {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="log what each stage does (to stderr)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="data/raw → data/processed (validated, atomic)")
    clean.add_argument("--strict", action="store_true",
                       help="exit 1 when any row is quarantined")
    _allow_shrink(clean)
    _root(clean)

    validate = commands.add_parser(
        "validate", help="validate data/processed with Great Expectations; write Data Docs")
    _root(validate)

    build = commands.add_parser(
        "build", help="clean → validate → every province report of both sets → overview → "
                      "the comparisons of data/raw/comparisons.csv → index")
    build.add_argument("--strict", action="store_true",
                       help="exit 1 when any row is quarantined")
    _allow_shrink(build)
    _report_options(build, None)
    _root(build)

    report = commands.add_parser("report", help="run province reports")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--province", action="append", metavar="NAME",
                       help="a province, any spelling (repeatable)")
    which.add_argument("--all", action="store_true", help="every unit of the set")
    report.add_argument("--set", dest="unit_set", choices=UNIT_SETS, default="63",
                        help="unit set (default: 63)")
    report.add_argument("--year", type=int, default=None, metavar="YEAR",
                        help="the year the report leads with (default: the latest with a value)")
    report.add_argument("--peers", action="append", metavar="NAME", default=None,
                        help="a comparison unit, any spelling (repeatable; default: the "
                             "units of the same region)")
    _report_options(report, "vi")
    _root(report)

    compare = commands.add_parser(
        "compare", help="compare a chosen group of 2 to 8 units side by side (one page)")
    compare.add_argument("--province", action="append", metavar="NAME", required=True,
                         help="a unit of the group, any spelling (2 to 8 times)")
    compare.add_argument("--set", dest="unit_set", choices=UNIT_SETS, default="63",
                         help="unit set of every unit (default: 63)")
    compare.add_argument("--lang", choices=LANGS, default="vi",
                         help="language of the page (default: vi)")
    compare.add_argument("--force", action="store_true",
                         help="re-run the page when its inputs have not changed")
    compare.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    compare.add_argument("--pdf", action="store_true",
                         help="also print the page to a PDF beside its HTML")
    compare.add_argument("--quiet", "-q", action="store_true",
                         help="print nothing on success, a summary on failure")
    compare.add_argument("--on-failure", metavar="CMD", default=None,
                         help="shell command run when the run ends with exit code 1 or 2")
    compare.add_argument("--cell-timeout", type=_seconds, default=300.0, metavar="SECONDS",
                         help="fail the page when a cell runs longer (default: 300; 0: none)")
    compare.add_argument("--report-timeout", type=_seconds, default=900.0, metavar="SECONDS",
                         help="fail the page when it runs longer (default: 900; 0: none)")
    _root(compare)

    provinces = commands.add_parser("provinces", help="list the provinces of a unit set")
    provinces.add_argument("--set", dest="unit_set", choices=UNIT_SETS, default="63")
    _root(provinces)

    indices = commands.add_parser("indices", help="list the national indices of the catalogue")
    _root(indices)

    scores = commands.add_parser(
        "scores", help="the values of a national index as CSV (source, file and line included)")
    scores.add_argument("--index", default=None, metavar="ID",
                        help="an index of the catalogue: dti, pci, papi, … (default: all)")
    scores.add_argument("--province", action="append", default=None, metavar="NAME",
                        help="a province or unit, any spelling (repeatable)")
    scores.add_argument("--year", type=int, default=None)
    scores.add_argument("--set", dest="unit_set", choices=UNIT_SETS, default=None)
    scores.add_argument("--metric", default=None, metavar="METRIC",
                        help="a metric of the index's metrics.csv (default: all)")
    _root(scores)

    diff = commands.add_parser(
        "diff", help="what changed between two data versions: values added, removed, revised "
                     "and ranks moved (default: the last two built)")
    diff.add_argument("--from", dest="from_version", default=None, metavar="VERSION",
                      help="the older data version (default: the one before the last)")
    diff.add_argument("--to", dest="to_version", default=None, metavar="VERSION",
                      help="the newer data version (default: the last)")
    diff.add_argument("--csv", action="store_true", help="one row per change, as CSV")
    _root(diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    _logging(args.verbose, getattr(args, "quiet", False))
    _settings_home()
    start()  # the process's start-up steps (startup.py), before any notebook stack loads
    handler = globals()[f"_cmd_{args.command}"]
    try:
        return handler(args)
    except DtanalysisError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: data/processed/ and the reports that were running are left as they "
              "were; run the command again to finish", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`dtanalysis provinces | head`): stop quietly. Point stdout at
        # devnull so the interpreter's final flush does not raise again. (Before OSError: a
        # BrokenPipeError is one.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        from .files import disk_reason  # lazy: only when the disk refused something

        reason = disk_reason(error)
        if reason is None:
            raise
        name = f" {error.filename}" if getattr(error, "filename", None) else ""
        print(f"error: writing{name}: {reason}; free some space or fix the permissions, then "
              "run again", file=sys.stderr)
        return 2


def _settings_home() -> None:
    """When HOME cannot be written (a cron job's or a service's user), IPython and matplotlib
    in this process and in the kernels would each warn on stderr ("IPython parent … is not a
    writable location"), on every run and under --quiet: they get a private temporary folder
    instead, removed at exit."""
    home = os.path.expanduser("~")
    if os.path.isdir(home) and os.access(home, os.W_OK):
        return
    missing = [name for name in ("IPYTHONDIR", "MPLCONFIGDIR") if not os.environ.get(name)]
    if not missing:
        return
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="dtanalysis-settings-")
    atexit.register(shutil.rmtree, folder, True)
    for name in missing:
        os.environ[name] = os.path.join(folder, name.lower())
    logging.getLogger("dtanalysis").info("HOME %s cannot be written: IPython and matplotlib "
                                         "settings in %s", home, folder)


class _Stderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a record comes, not the one of the first call
    (`main` may run many times in one process: tests, a notebook)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # StreamHandler sets it; the property always wins
        pass


def _logging(verbose: bool, quiet: bool = False) -> None:
    """Our log lines to stderr: warnings and errors; all with --verbose; errors only with
    --quiet (a scheduler's run that succeeded prints nothing)."""
    logger = logging.getLogger("dtanalysis")
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING)
    # papermill and jupyter's traitlets log a dead kernel or a closing socket on their own
    # (Python's last-resort handler would print them bare); the report's record and the
    # summary already say what failed. With --verbose they go to stderr like ours.
    for name in ("papermill", "traitlets"):
        other = logging.getLogger(name)
        if not other.handlers:
            other.addHandler(logger.handlers[0] if verbose else logging.NullHandler())


# --------------------------------------------------------------------------- data stages


def _print_clean(result) -> int:
    code, text = _clean_text(result)
    print(text, file=sys.stderr if code else sys.stdout)
    return code


def _cmd_clean(args) -> int:
    from .pipeline.stages import run_clean  # lazy: --help starts in 0.2 s
    return _print_clean(run_clean(args.root, strict=args.strict,
                                  allow_shrink=args.allow_shrink))


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
        self.failed += outcome.status == FAILED
        elapsed = time.perf_counter() - self.started
        mark = {OK: "ok", FAILED: "FAILED", SKIPPED: "up to date"}[outcome.status]
        line = (f"[{self.done}/{self.total}] {outcome.job.label} ({outcome.job.unit_set}): "
                f"{mark} · failures {self.failed} · elapsed {elapsed:.1f} s")
        if outcome.error:
            line += f"\n    {outcome.error}"
        print(line, file=sys.stderr, flush=True)


def _reports_text(result, paths: Paths) -> tuple[int, str]:
    lines = [(f"{len(result.outcomes)} report(s): {result.count(OK)} run, "
              f"{result.count(SKIPPED)} up to date, {len(result.failed)} failed in "
              f"{result.seconds:.1f} s")]
    lines += [f"  FAILED {o.job.label} ({o.job.unit_set}): {o.error}" for o in result.failed]
    if result.pdfs or result.pdf_errors:
        lines.append(f"PDF: {len(result.pdfs)} written, {len(result.pdf_errors)} failed")
        lines += [f"  PDF FAILED {error}" for error in result.pdf_errors]
    lines.append(f"index: {paths.relative(result.index)}")
    return (0 if result.ok else 1), "\n".join(lines)


def _clean_text(result) -> tuple[int, str]:
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
    return (0 if result.ok else 1), "\n".join(lines)


def _build_text(result, paths: Paths) -> tuple[int, str]:
    if result.clean is None:
        clean_code, clean = 0, "data/processed is up to date with data/raw (use --force to rebuild)"
    else:
        clean_code, clean = _clean_text(result.clean)
    if clean_code or result.reports is None:
        return clean_code or 1, clean
    code, text = _reports_text(result.reports, paths)
    return code, f"{clean}\n{text}"


def _cmd_build(args) -> int:
    from .builder import build  # lazy: --help starts in 0.2 s

    paths = Paths.at(args.root).require_project()
    return _scheduled_run(args, paths, "build", lambda progress: build(
        paths, jobs=args.jobs, lang=args.lang, force=args.force, with_code=args.with_code,
        strict=args.strict, pdf=args.pdf, allow_shrink=args.allow_shrink,
        cell_timeout=args.cell_timeout, report_timeout=args.report_timeout, progress=progress,
        scheduler=args.scheduler), _build_text)


def _cmd_report(args) -> int:
    from .builder import report  # lazy: --help starts in 0.2 s

    paths = Paths.at(args.root).require_project()
    return _scheduled_run(args, paths, "report", lambda progress: report(
        paths, provinces=args.province, all_units=args.all, unit_set=args.unit_set,
        jobs=args.jobs, lang=args.lang, force=args.force, with_code=args.with_code,
        pdf=args.pdf, year=args.year, peers=args.peers, cell_timeout=args.cell_timeout,
        report_timeout=args.report_timeout, progress=progress, scheduler=args.scheduler),
        _reports_text)


def _cmd_compare(args) -> int:
    from .builder import compare  # lazy: --help starts in 0.2 s
    from .runner.jobs import compare_job  # lazy, as above

    paths = Paths.at(args.root).require_project()
    compare_job(paths, args.province, args.unit_set, args.lang)  # refused before the run log
    return _scheduled_run(args, paths, "compare", lambda progress: compare(
        paths, provinces=args.province, unit_set=args.unit_set, lang=args.lang,
        force=args.force, with_code=args.with_code, pdf=args.pdf,
        cell_timeout=args.cell_timeout, report_timeout=args.report_timeout,
        progress=progress), _reports_text)


def _scheduled_run(args, paths: Paths, command: str, run, text_of) -> int:
    """`run(progress)` → a result, `text_of(result, paths)` → (exit code, summary); the run is
    logged to reports/runs.jsonl; the summary printed (nothing on success with --quiet); the
    on-failure hook run when it failed."""
    import datetime as dt  # lazy, like everything --help does not need

    from .site.runlog import append_run, run_entry  # lazy, as above

    started, t0 = dt.datetime.now(dt.UTC), time.perf_counter()
    result = error = None
    try:
        result = run(None if args.quiet else _Progress())
        code, text = text_of(result, paths)
    except (ParameterError, ProvinceError):
        raise  # the command line was wrong: nothing ran, nothing is written (not even a log)
    except DtanalysisError as failure:
        code, text, error = 2, f"error: {failure}", str(failure)
    ended = dt.datetime.now(dt.UTC)
    entry = run_entry(command, args.argv, started.isoformat(timespec="seconds"),
                      ended.isoformat(timespec="seconds"), time.perf_counter() - t0, code,
                      paths, result, error)
    log_path = append_run(paths, entry)
    if code or not args.quiet:
        print(text, file=sys.stderr)
    hook = args.on_failure or os.environ.get(ON_FAILURE_ENV)
    if code and hook:
        _run_hook(hook, code, text, log_path, paths)
    return code


def _run_hook(command: str, code: int, summary: str, log_path, paths: Paths) -> None:
    import subprocess  # lazy: only after a failed run

    env = {**os.environ, "DTANALYSIS_EXIT_CODE": str(code), "DTANALYSIS_SUMMARY": summary,
           "DTANALYSIS_RUN_LOG": str(log_path), "DTANALYSIS_ROOT": str(paths.root)}
    try:
        done = subprocess.run(command, shell=True, env=env, timeout=HOOK_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        print(f"warning: on-failure command timed out after {HOOK_TIMEOUT} s", file=sys.stderr)
        return
    if done.returncode:
        print(f"warning: on-failure command exited {done.returncode}", file=sys.stderr)


# --------------------------------------------------------------------------- registry


def _cmd_indices(args) -> int:
    from .pipeline.store import indices  # lazy: --help starts in 0.2 s

    def text(value) -> str:  # an index of the catalogue with no table yet has no years
        return value if isinstance(value, str) and value else "—"

    for _, row in indices(Paths.at(args.root).require_project().root).iterrows():
        print(f"{row['index']:<6} {row['name_en']}  ·  {row['publisher']}  ·  years "
              f"{text(row['years'])}  ·  sets {text(row['unit_sets'])}")
    return 0


def _cmd_scores(args) -> int:
    from .pipeline.store import scores  # lazy: --help starts in 0.2 s

    table = scores(args.index, province=args.province, year=args.year,
                   unit_set=args.unit_set, metric=args.metric,
                   root=Paths.at(args.root).require_project().root)
    sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))
    if table.empty:
        # never "not published": whether a publisher published a value is declared in
        # publications.csv, not read from an empty selection (analysis.claims)
        print("no values held for this choice: not in the collected tables, or no table of "
              "that year (a gap, not a zero; `dtanalysis indices` lists the years held)",
              file=sys.stderr)
    return 0


def _cmd_diff(args) -> int:
    from .pipeline.versions import diff, diff_csv, diff_text  # lazy: --help starts in 0.2 s

    root = Paths.at(args.root).require_project().root
    result = diff(root, args.from_version, args.to_version)
    if args.csv:
        sys.stdout.write(diff_csv(result, root))
    else:
        print(diff_text(result, root))
    return 0


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
