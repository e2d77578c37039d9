"""The command line: a thin layer over functions an analyst can call from a notebook.
Nothing heavy is imported here, so `dtanalysis --help` stays fast (no Great Expectations)."""

from __future__ import annotations

import argparse
import sys

from . import __version__


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dtanalysis",
        description="Clean, validate and report Vietnam's provincial digital transformation "
                    "(DTI) data.")
    parser.add_argument("--version", action="version", version=f"dtanalysis {__version__}")
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
    _report_options(report)
    _root(report)

    provinces = commands.add_parser("provinces", help="list the provinces of a unit set")
    provinces.add_argument("--set", dest="unit_set", choices=("63", "34"), default="63")
    _root(provinces)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = globals()[f"_cmd_{args.command}"]
    return handler(args)


def _print_stage(result) -> int:
    stream = sys.stdout if result.ok else sys.stderr
    print(result.message, file=stream)
    return 0 if result.ok else 1


def _cmd_clean(args) -> int:
    from .pipeline import run_clean
    return _print_stage(run_clean(args.root, strict=args.strict))


def _cmd_validate(args) -> int:
    from .pipeline import run_validate
    return _print_stage(run_validate(args.root))


def _cmd_build(args) -> int:
    from .pipeline import data_is_current, run_clean
    if args.force or not data_is_current(args.root):
        code = _print_stage(run_clean(args.root, strict=args.strict, data_docs=True))
        if code:
            return code
    else:
        print("data/processed is up to date with data/raw (use --force to rebuild)")
    from .reports import build_reports
    return build_reports(args.root, jobs=args.jobs, lang=args.lang, force=args.force,
                         with_code=args.with_code)


def _cmd_report(args) -> int:
    from .reports import run_cli_reports
    return run_cli_reports(args.root, provinces=args.province, all_units=args.all,
                           unit_set=args.unit_set, jobs=args.jobs, lang=args.lang,
                           force=args.force, with_code=args.with_code)


def _cmd_provinces(args) -> int:
    from .registry import registry
    reg = registry(args.root)
    for unit in reg.all(args.unit_set):
        if args.unit_set == "63":
            succ = reg.get(unit.successor_code, "34")
            extra = f"→ {succ.code} {succ.short_name}"
        else:
            extra = "← " + ", ".join(f"{m.code} {m.short_name}" for m in reg.members(unit))
        print(f"{unit.code}  {unit.short_name:<20} {unit.slug:<18} {unit.region:<32} {extra}")
    return 0
