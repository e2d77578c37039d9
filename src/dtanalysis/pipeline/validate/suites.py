"""Expectation suites as data: `expectations/<table>.json`, every expectation with a plain-words
`meta.description`, loaded into Great Expectations with a count check (GX drops an expectation
of unknown type with only a log line; here that is an error naming the entry)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import SuiteError


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
    import great_expectations as gx  # here, not at the top: importing GX costs 3 s

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
    from great_expectations.expectations.expectation_configuration import (  # lazy: 3 s
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
