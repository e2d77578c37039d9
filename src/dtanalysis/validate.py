"""Validate the processed tables with Great Expectations (GX 1.x) suites from `expectations/`.

One suite per table, `expectations/<table>.json`, every expectation with a plain-words
`meta.description`. Rules GX cannot express on one column of one table (a code that must be in
the registry, a rank that must fit its unit set, scores and ranks that must agree, a value that
must lie inside its indicator's catalogue bounds, a source that must be in `sources`) are
computed first into boolean `check_*` columns of a *validation view* of the table — a copy with
those columns added; the processed table itself is not changed — and the suites expect them to
be True. A `check_*` column is True where its rule holds or does not apply (a null value is
reported once, by the suite's not-null expectation, not again by every check that reads it).

`import great_expectations` costs seconds, so it happens only inside the functions that need it.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

MAX_ROWS_SHOWN = 10
DATA_DOCS_SITE = "dtanalysis"
UNIT_SET_SIZE = {"63": 63, "34": 34}
NATIONAL = ("national", "VN")  # (unit_set, province_code) of a national benchmark
# SUMMARY, not COMPLETE: with pandas GX puts the positions of the first
# `partial_unexpected_count` offending rows into `partial_unexpected_index_list`, which is all
# the report shows; COMPLETE also builds the full list of every offending row (≈8x slower on a
# million rows with many failures).
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": MAX_ROWS_SHOWN}

# Columns that identify a row in a failure message, before the checked columns.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "provinces": ("unit_set", "province_code"),
    "dti": ("year", "unit_set", "province_code", "metric"),
    "dti_aggregates": ("year", "unit_set", "entity", "metric"),
    "indicators": ("province_code", "unit_set", "period", "indicator"),
    "targets": ("province_code", "unit_set", "indicator", "target_year", "instrument"),
    "sources": ("source_id",),
    "indicator_catalogue": ("indicator",),
}
PROVENANCE = ("source", "source_file", "source_line")


class SuiteError(ValueError):
    """A suite file that cannot be used as written (GX dropped some of its expectations, an
    expectation has no `meta.description`, the file is missing or not JSON)."""


# --------------------------------------------------------------------------- report


@dataclass
class Failure:
    """One failed expectation of one table."""

    table: str
    column: str | None  # the expectation's column(s) as in the suite; None for table-level
    expectation: str  # GX expectation type
    description: str  # meta.description: what is expected, in plain words
    checked: list[str] = field(default_factory=list)  # table columns it reads
    unexpected_count: int | None = None
    element_count: int | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)  # up to MAX_ROWS_SHOWN offenders
    observed: Any = None  # for table-level expectations (types, column sets)
    error: str | None = None  # GX raised instead of evaluating

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table, "column": self.column, "checked": list(self.checked),
            "expectation": self.expectation, "description": self.description,
            "unexpected_count": self.unexpected_count, "element_count": self.element_count,
            "observed": _jsonable(self.observed), "error": self.error,
            "rows": _jsonable(self.rows),
        }

    def format(self) -> str:
        where = self.column or "(table)"
        if self.checked and self.checked != [self.column]:
            where = f"{where} [{', '.join(self.checked)}]"
        lines = [f"FAIL {self.table}.{where}: {self.description}"]
        detail = f"  {self.expectation}"
        if self.unexpected_count is not None:
            detail += f": {self.unexpected_count} of {self.element_count} rows unexpected"
        if self.observed is not None:
            detail += f"; observed {_text(self.observed)}"
        lines.append(detail)
        if self.error:
            lines.append(f"  error: {self.error}")
        for row in self.rows:
            values = ", ".join(f"{k}={_text(v)}" for k, v in row["values"].items())
            lines.append(f"  row {row['row']}: {values} | source_file={_text(row['source_file'])}"
                         f" source_line={_text(row['source_line'])}")
        hidden = (self.unexpected_count or 0) - len(self.rows)
        if self.rows and hidden > 0:
            lines.append(f"  ... and {hidden} more rows")
        return "\n".join(lines)


@dataclass
class TableStatistics:
    rows: int
    evaluated: int  # expectations evaluated
    successful: int

    @property
    def failed(self) -> int:
        return self.evaluated - self.successful


@dataclass
class ValidationReport:
    success: bool
    failures: list[Failure]
    statistics: dict[str, TableStatistics]
    data_docs: Path | None = None  # index.html of the Data Docs site, when built

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary (for `validation.json` and notebooks)."""
        evaluated = sum(s.evaluated for s in self.statistics.values())
        successful = sum(s.successful for s in self.statistics.values())
        return {
            "success": self.success,
            "evaluated": evaluated,
            "successful": successful,
            "tables": {name: {"rows": s.rows, "evaluated": s.evaluated,
                              "successful": s.successful, "failed": s.failed}
                       for name, s in self.statistics.items()},
            "failures": [f.to_dict() for f in self.failures],
            "data_docs": str(self.data_docs) if self.data_docs else None,
        }

    def format(self) -> str:
        """Plain text for the terminal: per-table counts, then every failed expectation with
        up to ten offending rows and where each came from."""
        evaluated = sum(s.evaluated for s in self.statistics.values())
        failed = sum(s.failed for s in self.statistics.values())
        head = ("validation passed" if self.success
                else f"validation FAILED: {failed} of {evaluated} expectations failed")
        lines = [f"{head} ({len(self.statistics)} tables)"]
        width = max((len(n) for n in self.statistics), default=5)
        for name, s in self.statistics.items():
            lines.append(f"  {name:<{width}}  {s.successful:>3}/{s.evaluated:<3} expectations "
                         f"passed  ({s.rows} rows)")
        for failure in self.failures:
            lines += ["", failure.format()]
        if self.data_docs:
            lines += ["", f"Data Docs: {self.data_docs}"]
        return "\n".join(lines)


# --------------------------------------------------------------------------- view checks
# Each takes the table (positional RangeIndex) and all tables, and returns one bool per row.


def check_code_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame],
                           allow_national: bool = False) -> np.ndarray:
    """province_code is a unit of the row's unit_set in `provinces` (or VN/national)."""
    registry = tables["provinces"]
    known = set(_pair_key(registry["unit_set"], registry["province_code"]).dropna())
    if allow_national:
        known.add("|".join(NATIONAL))
    key = _pair_key(df["unit_set"], df["province_code"])
    return _na_true(key.isin(known), key.isna())


def check_rank_within_set(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """rank is between 1 and the number of units in the row's unit set (63 or 34)."""
    rank = _floats(df["rank"])
    # The official size of the set, or the registry's count when it holds more units (a
    # synthetic registry of 1,000 units in the benchmarks).
    provinces = tables.get("provinces")
    counts = provinces["unit_set"].value_counts().to_dict() if provinces is not None else {}
    sizes = {s: max(n, counts.get(s, 0)) for s, n in UNIT_SET_SIZE.items()}
    size = _floats(df["unit_set"].map(sizes))
    with np.errstate(invalid="ignore"):
        return np.isnan(rank) | ((rank >= 1) & (rank <= size))


def check_score_rank_order(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """Within one ranking table (year, unit_set, metric), among rows with both a score and a
    rank, a higher score never has a worse (larger) rank; ties are allowed. Both rows of every
    out-of-order pair are flagged."""
    ok = np.ones(len(df), dtype=bool)
    score, rank = _floats(df["score"]), _floats(df["rank"])
    both = ~np.isnan(score) & ~np.isnan(rank)
    ranked = df.loc[both, ["year", "unit_set", "metric"]]
    for positions in ranked.groupby(["year", "unit_set", "metric"], dropna=False).indices.values():
        rows = ranked.index.to_numpy()[positions]
        s, r = score[rows], rank[rows]
        wrong = (s[:, None] > s[None, :]) & (r[:, None] > r[None, :])
        ok[rows[wrong.any(axis=1) | wrong.any(axis=0)]] = False
    return ok


def check_indicator_in_catalogue(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """indicator is an entry of `indicator_catalogue`."""
    known = set(tables["indicator_catalogue"]["indicator"].dropna())
    return _na_true(df["indicator"].isin(known), df["indicator"].isna())


def check_value_in_catalogue_bounds(df: pd.DataFrame, tables: dict[str, pd.DataFrame],
                                    value_column: str = "value") -> np.ndarray:
    """The value lies within min_value..max_value of its indicator's catalogue entry (a null
    bound is open); an indicator missing from the catalogue is False (a null one, or a null
    value, is left to the not-null expectations)."""
    catalogue = tables["indicator_catalogue"].drop_duplicates("indicator").set_index("indicator")
    indicator = df["indicator"]
    known = indicator.isin(catalogue.index).to_numpy(dtype=bool, na_value=False)
    low = _floats(indicator.map(catalogue["min_value"]))
    high = _floats(indicator.map(catalogue["max_value"]))
    value = _floats(df[value_column])
    with np.errstate(invalid="ignore"):
        inside = (np.isnan(low) | (value >= low)) & (np.isnan(high) | (value <= high))
    return (known & (np.isnan(value) | inside)) | indicator.isna().to_numpy(dtype=bool)


def check_source_in_sources(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """Every source_id named in `source` (`;`-separated) is a row of `sources`."""
    known = set(tables["sources"]["source_id"].dropna())
    source = df["source"]
    verdict = {value: all(part.strip() in known for part in str(value).split(";"))
               for value in source.dropna().unique()}
    return _na_true(source.map(verdict), source.isna())


def check_successor_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """A 63-set province names the 34-set unit it joined; a 34-set unit names none."""
    codes34 = set(df.loc[df["unit_set"] == "34", "province_code"].dropna())
    successor = df["successor_code"]
    empty = _empty(successor)
    in34 = successor.isin(codes34).to_numpy(dtype=bool, na_value=False)
    unit_set = df["unit_set"].to_numpy(dtype=object, na_value=None)
    return np.where(unit_set == "63", in34, np.where(unit_set == "34", empty, True))


def check_members_in_registry(df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> np.ndarray:
    """A 34-set unit lists (`|`-separated) the 63-set provinces it is made of, all in the
    registry; a 63-set province lists none."""
    codes63 = set(df.loc[df["unit_set"] == "63", "province_code"].dropna())
    members = df["members"]
    empty = _empty(members)
    listed = np.array([bool(v) and all(c in codes63 for c in str(v).split("|"))
                       for v in members.to_numpy(dtype=object, na_value="")], dtype=bool)
    unit_set = df["unit_set"].to_numpy(dtype=object, na_value=None)
    return np.where(unit_set == "34", listed, np.where(unit_set == "63", empty, True))


@dataclass(frozen=True)
class ViewCheck:
    column: str  # the boolean column added to the validation view
    reads: tuple[str, ...]  # table columns it reads (shown for offending rows)
    needs: tuple[str, ...]  # other tables it needs
    compute: Callable[[pd.DataFrame, dict[str, pd.DataFrame]], np.ndarray]


def _national_code_check(df, tables):
    return check_code_in_registry(df, tables, allow_national=True)


def _target_bounds_check(df, tables):
    return check_value_in_catalogue_bounds(df, tables, value_column="target_value")


_CODE = ViewCheck("check_code_in_registry", ("unit_set", "province_code"), ("provinces",),
                  check_code_in_registry)
_CODE_OR_VN = ViewCheck("check_code_in_registry", ("unit_set", "province_code"),
                        ("provinces",), _national_code_check)
_SOURCE = ViewCheck("check_source_in_sources", ("source",), ("sources",), check_source_in_sources)
_INDICATOR = ViewCheck("check_indicator_in_catalogue", ("indicator",), ("indicator_catalogue",),
                       check_indicator_in_catalogue)

VIEW_CHECKS: dict[str, tuple[ViewCheck, ...]] = {
    "provinces": (
        ViewCheck("check_successor_in_registry", ("unit_set", "province_code", "successor_code"),
                  (), check_successor_in_registry),
        ViewCheck("check_members_in_registry", ("unit_set", "province_code", "members"), (),
                  check_members_in_registry),
        _SOURCE,
    ),
    "dti": (
        _CODE,
        ViewCheck("check_rank_within_set", ("unit_set", "rank"), (), check_rank_within_set),
        ViewCheck("check_score_rank_order", ("year", "unit_set", "metric", "score", "rank"), (),
                  check_score_rank_order),
        _SOURCE,
    ),
    "dti_aggregates": (_SOURCE,),
    "indicators": (
        _CODE_OR_VN, _INDICATOR,
        ViewCheck("check_value_in_catalogue_bounds", ("indicator", "value"),
                  ("indicator_catalogue",), check_value_in_catalogue_bounds),
        _SOURCE,
    ),
    "targets": (
        _CODE_OR_VN, _INDICATOR,
        ViewCheck("check_value_in_catalogue_bounds", ("indicator", "target_value"),
                  ("indicator_catalogue",), _target_bounds_check),
        _SOURCE,
    ),
    "sources": (),
    "indicator_catalogue": (),
}


def validation_view(table: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`tables[table]` with a positional index and one `check_*` column per view check. A
    check whose input columns are missing is left out (the suite then reports the missing
    column and the missing check). The processed table is not changed."""
    df = tables[table].reset_index(drop=True)  # a new frame (copy-on-write): safe to extend
    checks = {}
    for check in VIEW_CHECKS.get(table, ()):
        missing = [t for t in check.needs if t not in tables]
        if missing:
            raise ValueError(f"validating {table!r} needs the {missing[0]!r} table "
                             f"({check.column})")
        if all(c in df.columns for c in check.reads):
            checks[check.column] = np.asarray(check.compute(df, tables), dtype=bool)
    return df.assign(**checks) if checks else df


# --------------------------------------------------------------------------- suites


def read_suite_file(path: Path) -> dict[str, Any]:
    """The suite JSON as written: `{"name", "expectations": [{"type", "kwargs", "meta":
    {"description"}}...], "meta"}`; every expectation must have a `meta.description`."""
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"{path}: no suite file for this table")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise SuiteError(f"{path}: not valid JSON ({e})") from e
    entries = data.get("expectations")
    if not isinstance(entries, list):
        raise SuiteError(f"{path}: no `expectations` list")
    undescribed = [e for e in entries if not str((e.get("meta") or {}).get("description") or "")]
    if undescribed:
        raise SuiteError(f"{path}: expectations without meta.description: "
                         + "; ".join(_entry_text(e) for e in undescribed))
    return data


def load_suite(path: Path, context=None):
    """A GX ExpectationSuite from a suite file (added to `context` when given). GX drops an
    expectation of unknown type with only a log line (and raises for some bad kwargs): here a
    count mismatch between file and suite, or a raise, is a SuiteError naming the file and
    the entries GX refused."""
    import great_expectations as gx

    path = Path(path)
    data = read_suite_file(path)
    entries = data["expectations"]
    try:
        with _quiet("great_expectations.core.expectation_suite"):
            suite = gx.ExpectationSuite(name=data.get("name") or path.stem,
                                        expectations=[_gx_entry(e) for e in entries],
                                        meta=data.get("meta"))
            if context is not None:
                suite = context.suites.add(suite)
    except Exception as e:  # GX raises pydantic, marshmallow and its own errors alike
        raise SuiteError(f"{path}: GX cannot load this suite ({type(e).__name__}); refused: "
                         + "; ".join(_dropped(entries))) from e
    if len(suite.expectations) != len(entries):
        dropped = _dropped(entries)
        raise SuiteError(f"{path}: GX loaded {len(suite.expectations)} of {len(entries)} "
                         "expectations; dropped: " + "; ".join(dropped))
    return suite


def _gx_entry(entry: dict) -> dict:
    # The plain-words description also goes into `notes`, which Data Docs show.
    gx_entry = dict(entry)
    gx_entry.setdefault("description", entry["meta"]["description"])
    return gx_entry


def _dropped(entries: list[dict]) -> list[str]:
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    dropped = []
    for entry in entries:
        try:
            ExpectationConfiguration(**_gx_entry(entry)).to_domain_obj()
        except Exception as e:  # noqa: BLE001 - any reason GX refuses it is worth naming
            reason = " ".join(str(getattr(e, "message", e)).split())
            dropped.append(f"{_entry_text(entry)} ({reason})")
    return dropped or ["(GX merged or dropped entries without an error)"]


def _entry_text(entry: dict) -> str:
    kwargs = entry.get("kwargs") or {}
    target = kwargs.get("column") or kwargs.get("column_list") or ""
    return f"{entry.get('type')}({target})" if target else str(entry.get("type"))


# --------------------------------------------------------------------------- validate


def validate(tables: dict[str, pd.DataFrame], expectations_dir: Path,
             data_docs_dir: Path | None = None) -> ValidationReport:
    """Validate every table in `tables` against `expectations_dir/<table>.json`.

    Raises SuiteError for a suite file that is missing or not fully loadable, ValueError when a
    table's cross-table checks need a table that is not given. With `data_docs_dir`, GX Data
    Docs (static HTML, `index.html`) are built into that folder."""
    import great_expectations as gx

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
    context.build_data_docs(site_names=[DATA_DOCS_SITE])
    return folder / "index.html"


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
        observed=_jsonable(observed), error=_exception_message(result.exception_info),
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
    shown = [c for c in (*ROW_KEYS.get(table, ()), *reads, "source")
             if c in frame.columns and c not in ("source_file", "source_line")]
    return list(dict.fromkeys(shown))


def _row(frame: pd.DataFrame, position: int, shown: list[str]) -> dict[str, Any]:
    def cell(column: str) -> Any:
        return _jsonable(frame[column].iat[position]) if column in frame.columns else None

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


# --------------------------------------------------------------------------- helpers


def _floats(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _pair_key(unit_set: pd.Series, code: pd.Series) -> pd.Series:
    return unit_set.astype("string") + "|" + code.astype("string")


def _na_true(flags: pd.Series, is_null) -> np.ndarray:
    return (pd.Series(flags).to_numpy(dtype=bool, na_value=False)
            | np.asarray(is_null, dtype=bool))


def _empty(series: pd.Series) -> np.ndarray:
    return (series.isna() | (series.astype("string").str.strip() == "")).to_numpy(
        dtype=bool, na_value=True)


def _int(value) -> int | None:
    return None if value is None else int(value)


def _jsonable(value: Any) -> Any:
    """Plain JSON types: numpy scalars → Python, NA/NaN → None, dates → ISO text."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [_jsonable(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return str(value)


def _text(value: Any) -> str:
    if value is None:
        return "<null>"
    if isinstance(value, str):
        return repr(value) if (value != value.strip() or value == "") else value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a GX logger whose message this module turns into a clearer error."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
