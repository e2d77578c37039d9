"""Validate the processed tables with Great Expectations (GX 1.x): every table against its suite,
on its validation view, into a `ValidationReport`; optionally GX Data Docs.

`import great_expectations` costs seconds, so it happens only inside the functions that need it.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...vocab import ROW_LABELS
from .checks import VIEW_CHECKS, validation_view
from .report import MAX_ROWS_SHOWN, Failure, TableStatistics, ValidationReport, jsonable
from .suites import load_suite

DATA_DOCS_SITE = "dtanalysis"
# SUMMARY, not COMPLETE: with pandas GX puts the positions of the first
# `partial_unexpected_count` offending rows into `partial_unexpected_index_list`, which is all
# the report shows; COMPLETE also builds the full list of every offending row (≈8x slower on a
# million rows with many failures).
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": MAX_ROWS_SHOWN}



def validate(tables: dict[str, pd.DataFrame], expectations_dir: Path,
             data_docs_dir: Path | None = None) -> ValidationReport:
    """Validate every table in `tables` against `expectations_dir/<table>.json`.

    Raises SuiteError for a suite file that is missing or not fully loadable, ValueError when a
    table's cross-table checks need a table that is not given. With `data_docs_dir`, GX Data
    Docs (static HTML, `index.html`) are built into that folder."""
    import great_expectations as gx  # lazy: 3 s, paid only where validation runs

    expectations_dir = Path(expectations_dir)
    context = _ephemeral_context(data_docs_dir)
    suites = {name: load_suite(expectations_dir / f"{name}.json", context) for name in tables}
    views = {name: validation_view(name, tables) for name in tables}

    datasource = context.data_sources.add_pandas("dtanalysis")
    failures: list[Failure] = []
    statistics: dict[str, TableStatistics] = {}
    for name, suite in suites.items():
        batch = datasource.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": views[name]},
                                result_format=RESULT_FORMAT)
        stats = result.statistics
        statistics[name] = TableStatistics(rows=len(tables[name]),
                                           evaluated=int(stats["evaluated_expectations"]),
                                           successful=int(stats["successful_expectations"]))
        order = {e.id: i for i, e in enumerate(suite.expectations)}
        failed = [r for r in result.results if not r.success]
        failed.sort(key=lambda r: order.get(r.expectation_config.id, len(order)))
        failures += [_failure(name, r, tables[name]) for r in failed]

    docs = None
    if data_docs_dir is not None:
        docs = _build_data_docs(context, Path(data_docs_dir))
    success = all(s.failed == 0 for s in statistics.values()) and not failures
    return ValidationReport(success, failures, statistics, docs)


def _ephemeral_context(data_docs_dir: Path | None):
    # lazy: 3 s, paid only where validation runs
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        context.add_data_docs_site(DATA_DOCS_SITE, {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(Path(data_docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return context


def _build_data_docs(context, folder: Path) -> Path:
    # Each run is a new ephemeral context, so the site holds this run's results only: drop the
    # pages of earlier runs (a folder with an index.html is a site this function built).
    if (folder / "index.html").is_file():
        shutil.rmtree(folder / "validations", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    _escape_stored_values(context)
    context.build_data_docs(site_names=[DATA_DOCS_SITE])
    return folder / "index.html"


def _escape_stored_values(context) -> None:
    """Great Expectations writes the values a row failed with (`partial_unexpected_list`,
    `observed_value`, ...) into its Data Docs pages as markup, unescaped: a raw `url` of
    `<script>…` would run there. The stored results' values are HTML-escaped before the pages
    are rendered, so rejected data reaches the page as text (the `ValidationReport` keeps the
    values as they are)."""
    store = context.validation_results_store
    for key in store.list_keys():
        suite_result = store.get(key)
        for result in suite_result.results:
            result.result = _escaped(result.result)
        store.set(key, suite_result)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def _failure(table: str, result, frame: pd.DataFrame) -> Failure:
    config = result.expectation_config
    kwargs = dict(config.kwargs)
    named = _expectation_columns(kwargs)
    reads = _reads(table, named)
    outcome = dict(result.result or {})
    column = ", ".join(named) or None
    observed = outcome.get("observed_value")
    mismatched = (outcome.get("details") or {}).get("mismatched") or {}
    if config.type == "expect_table_columns_to_match_set" and mismatched.get("missing"):
        column = ", ".join(mismatched["missing"])
        observed = {"missing": mismatched["missing"]}
    shown = _shown_columns(table, frame, reads)
    positions = outcome.get("partial_unexpected_index_list") or []
    rows = [_row(frame, int(p), shown) for p in positions[:MAX_ROWS_SHOWN]
            if isinstance(p, (int, np.integer)) and 0 <= int(p) < len(frame)]
    return Failure(
        table=table, column=column, expectation=config.type,
        description=str((config.meta or {}).get("description") or config.type),
        checked=reads, unexpected_count=_int(outcome.get("unexpected_count")),
        element_count=_int(outcome.get("element_count")), rows=rows,
        observed=jsonable(observed), error=_exception_message(result.exception_info),
    )


def _expectation_columns(kwargs: dict) -> list[str]:
    if kwargs.get("column"):
        return [kwargs["column"]]
    if kwargs.get("column_list"):
        return list(kwargs["column_list"])
    return [kwargs[k] for k in ("column_A", "column_B") if kwargs.get(k)]


def _reads(table: str, columns: list[str]) -> list[str]:
    """Table columns behind the expectation's columns (a check_* column → what it reads)."""
    by_check = {c.column: c.reads for c in VIEW_CHECKS.get(table, ())}
    reads: list[str] = []
    for column in columns:
        for c in by_check.get(column, (column,)):
            if c not in reads:
                reads.append(c)
    return reads


def _shown_columns(table: str, frame: pd.DataFrame, reads: list[str]) -> list[str]:
    shown = [c for c in (*ROW_LABELS.get(table, ()), *reads, "source")
             if c in frame.columns and c not in ("source_file", "source_line")]
    return list(dict.fromkeys(shown))


def _row(frame: pd.DataFrame, position: int, shown: list[str]) -> dict[str, Any]:
    def cell(column: str) -> Any:
        return jsonable(frame[column].iat[position]) if column in frame.columns else None

    return {"row": position, "values": {c: cell(c) for c in shown},
            "source_file": cell("source_file"), "source_line": cell("source_line")}


def _exception_message(info) -> str | None:
    if not info:
        return None
    if "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    messages = [v.get("exception_message") for v in info.values()
                if isinstance(v, dict) and v.get("raised_exception")]
    return "; ".join(str(m) for m in messages if m) or None




def _int(value) -> int | None:
    return None if value is None else int(value)
