"""The project's shared words, declared once: statuses and their standing, the marks that flag
derived and uncertain values, the unit sets and their sizes, the processed tables and their
keys, the quarantine's columns, and the one rule that splits a cell naming several provinces.

Everything else imports these; nothing here imports from the package.
"""

from __future__ import annotations

import re

# The languages of every page: Vietnamese first (the default), English.
LANGS = ("vi", "en")

# --------------------------------------------------------------------------- statuses
# How sure a value is, strongest first. A value's standing decides which source wins when
# several give it (see `ingest.merge`), and a row's status is its weakest value's.
# `published_secondary`: the publisher's figure, copied from a third-party compilation (the
# PAPI panels, a DTI 2020 table re-published elsewhere): stated, but not by the publisher.
STATUSES = ("official", "reported", "published_secondary", "derived", "uncertain")
STANDING = {status: order for order, status in enumerate(STATUSES)}
# Statuses a reader must never take for a stated value: marked in every table and chart.
MARKED_STATUSES = ("derived", "uncertain")
# A secondary copy is a stated value (not hollow in charts) but still flagged in tables.
MARKS = {"published_secondary": "§", "derived": "†", "uncertain": "‡"}


def mark(status: object) -> str:
    """'†' for a derived value, '‡' for an uncertain one, '§' for a value copied from a
    third-party compilation, '' otherwise."""
    return MARKS.get(status, "") if isinstance(status, str) else ""


# A derived value's note written by the pipeline (`ingest.index_derive`): its formula, parts
# joined by NOTE_SEPARATOR, each starting with COMPUTED_NOTE ("derived: sum of …", "derived rank
# among …"). Such a part is the project's words, not a source's: a report never quotes it as one.
NOTE_SEPARATOR = " | "
COMPUTED_NOTE = "derived"


def is_marked(status: object) -> bool:
    """True for a value a reader must not take for a stated one (derived, uncertain)."""
    return isinstance(status, str) and status in MARKED_STATUSES


# --------------------------------------------------------------------------- unit sets
# "63": the provinces in force until 30 June 2025; "34": the units from 1 July 2025.
UNIT_SETS = ("63", "34")
UNIT_SET_SIZE = {"63": 63, "34": 34}
# The sets as a file name spells them, "63|34": a regular-expression alternative (the tables'
# file-name patterns, `ingest.dti_tables`, `ingest.index_tables`) and the naming a message shows.
UNIT_SET_CHOICE = "|".join(UNIT_SETS)
# The first index year a unit set can have a table for: the 34 units were formed on 1 July 2025,
# and the first index published for them is DTI 2024 (by the Ministry of Science and Technology,
# for both sets; ../shared/data/README.md). A 34-unit table of an earlier year is a misnamed file.
UNIT_SET_FIRST_YEAR = {"34": 2024}


def other_unit_set(unit_set: str) -> str:
    """The set that is not `unit_set` ('34' for '63', '63' for '34'); a unit set is one of
    UNIT_SETS (checked by the caller)."""
    return next(s for s in UNIT_SETS if s != unit_set)


def unit_set_year_problem(unit_set: str, year: int) -> str | None:
    """Why a table of `unit_set` cannot be of `year` (in words), or None."""
    first = UNIT_SET_FIRST_YEAR.get(unit_set)
    if first is not None and year < first:
        return (f"is a {unit_set}-unit table of {year}, but the {unit_set}-unit set was formed on "
                f"1 July 2025 and the first index year published for it is {first}")
    return None
NATIONAL_SET = "national"  # unit_set of a national benchmark row
NATIONAL_CODE = "VN"  # its province_code

# --------------------------------------------------------------------------- tables
PROCESSED_TABLES = (
    "provinces",
    "dti",
    "dti_aggregates",
    "indicators",
    "targets",
    "indicator_catalogue",
    "sources",
    "index_catalogue",
    "index_metrics",
    "index_methods",
    "index_scores",
    "index_publications",
    "boundaries",
)
# The columns that identify one row of each table (unique together).
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "provinces": ("unit_set", "province_code"),
    "dti": ("year", "unit_set", "province_code", "metric"),
    "dti_aggregates": ("year", "unit_set", "entity", "metric", "source"),
    "indicators": ("province_code", "unit_set", "period", "indicator", "source", "source_line"),
    "targets": ("province_code", "unit_set", "indicator", "target_year", "instrument",
                "source_line"),
    "indicator_catalogue": ("indicator",),
    "sources": ("source_id",),
    "index_catalogue": ("index",),
    "index_metrics": ("index", "metric"),
    "index_methods": ("index", "year", "source_line"),
    "index_scores": ("index", "year", "unit_set", "province_code", "metric"),
    "index_publications": ("index", "year", "unit_set"),
    "boundaries": ("unit_set", "province_code"),
}
# The columns that name a row to a reader (in a validation failure), before the checked ones.
ROW_LABELS: dict[str, tuple[str, ...]] = {
    "provinces": ("unit_set", "province_code"),
    "dti": ("year", "unit_set", "province_code", "metric"),
    "dti_aggregates": ("year", "unit_set", "entity", "metric"),
    "indicators": ("province_code", "unit_set", "period", "indicator"),
    "targets": ("province_code", "unit_set", "indicator", "target_year", "instrument"),
    "sources": ("source_id",),
    "indicator_catalogue": ("indicator",),
    "index_catalogue": ("index",),
    "index_metrics": ("index", "metric"),
    "index_methods": ("index", "year"),
    "index_scores": ("index", "year", "unit_set", "province_code", "metric"),
    "index_publications": ("index", "year", "unit_set"),
    "boundaries": ("unit_set", "province_code"),
}
PROVENANCE = ("source", "source_file", "source_line")

QUARANTINE_COLUMNS = ("table", "source_file", "source_line", "province", "province_code", "raw",
                      "reason")

# --------------------------------------------------------------------------- several provinces
# One cell naming several provinces at once: "Cao Bằng / Quảng Trị / Hưng Yên",
# "Hải Phòng và Hải Dương", "Bắc Giang & Bắc Ninh". Text in parentheses is a remark, not a name.
_SEVERAL = re.compile(r"\s*(?:/|;|,|\+|&|\bvà\b|\band\b)\s*", re.IGNORECASE)
_REMARK = re.compile(r"\([^)]*\)")


def split_several(text: object) -> list[str]:
    """The names in a cell, in order: 'Cao Bằng / Quảng Trị' → ['Cao Bằng', 'Quảng Trị'];
    a cell naming one province gives a list of one. Parenthesised remarks are dropped."""
    if text is None:
        return []
    cleaned = _REMARK.sub(" ", str(text))
    return [part.strip() for part in _SEVERAL.split(cleaned) if part and part.strip()]


_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_WEB = re.compile(r"^https?://\S+$", re.IGNORECASE)


def url_problem(text: object) -> str | None:
    """Why a source cell may not be kept: it is an address (it has a scheme) but not an
    http(s) one without spaces (`javascript:`, `data:`, `file:` …) — the check the `sources`
    suite makes of sources.csv, for every source_url. None for a web address or a source id."""
    if not isinstance(text, str) or not _SCHEME.match(text) or _WEB.match(text.strip()):
        return None
    shown = text.strip()[:60]
    return f"source_url {shown!r} is not an http(s) address"
