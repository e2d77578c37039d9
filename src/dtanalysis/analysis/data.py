"""The processed tables as one `Data` object, and the small helpers every analysis uses (units of
a set, names, years with data, the overall rows, the units a report covers)."""

from __future__ import annotations

import copy
import functools
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..caches import register
from ..domain.schema import empty_quarantine, frame
from ..paths import QUARANTINE, VALIDATION, Paths
from ..pipeline.store import load_table, manifest, read_csv
from ..vocab import MARKED_STATUSES, NATIONAL_CODE, PROCESSED_TABLES, UNIT_SETS, is_marked
from ..vocab import STATUSES as STATUS_ORDER

__all__ = ["MARKED_STATUSES", "METHOD_CHANGES", "METRIC_ORDER", "NATIONAL_CODE", "OVERALL",
           "PUBLICATION_DATE_NOTE", "STATUS_ORDER", "UNIT_SETS", "Data", "is_marked",
           "member_codes", "method_changes_between", "n_units", "name_of", "overall_rows",
           "plain_value", "report_units", "set_years", "split_sources", "unit", "units"]

OVERALL = "dti"
# Display order of the DTI metrics (README "Processed tables", `dti.metric`).
METRIC_ORDER = (
    "dti", "chinh_quyen_so", "kinh_te_so", "xa_hoi_so", "nhan_thuc_so", "the_che_so",
    "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang", "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
)
# First year published under a new method (data README, "Methodology changes"): 2021 moved from
# three pillars to nine main indices; 2024 was published by another ministry, also for the
# 34-unit set. A change across one of these years is flagged, never hidden.
METHOD_CHANGES = {2021: "method_2021", 2024: "method_2024"}
PUBLICATION_DATE_NOTE = "[period = publication date]"
INDEX_TABLES = ("index_catalogue", "index_metrics", "index_methods", "index_scores",
                "index_publications")


# --------------------------------------------------------------------------- the tables


@dataclass(frozen=True, eq=False)
class Data:
    """The processed tables, each read once. `validation` is the summary of the last validation
    (`validation.json`), or None when validation has not been run."""

    provinces: pd.DataFrame
    dti: pd.DataFrame
    aggregates: pd.DataFrame
    indicators: pd.DataFrame
    targets: pd.DataFrame
    catalogue: pd.DataFrame
    sources: pd.DataFrame
    quarantine: pd.DataFrame
    validation: dict | None = None
    manifest: dict = field(default_factory=dict)
    root: Path | None = None
    # The national indices (DTI, PCI, PAPI, …): catalogue, metrics, method changes, scores.
    index_catalogue: pd.DataFrame = field(default_factory=lambda: frame("index_catalogue", []))
    index_metrics: pd.DataFrame = field(default_factory=lambda: frame("index_metrics", []))
    index_methods: pd.DataFrame = field(default_factory=lambda: frame("index_methods", []))
    index_scores: pd.DataFrame = field(default_factory=lambda: frame("index_scores", []))
    # What each publisher published per index, year and unit set (`<index>/publications.csv`).
    index_publications: pd.DataFrame = field(
        default_factory=lambda: frame("index_publications", []))
    # The units' boundaries for the maps (GeoJSON coordinates as text; empty: no map).
    boundaries: pd.DataFrame = field(default_factory=lambda: frame("boundaries", []))
    # What analyses derive from the whole tables (splits, lookups, national figures), computed
    # once per Data (`memo`); a Data built by `dataclasses.replace` starts with none.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, root: Path | str | None = None) -> Data:
        """The processed tables of the project. The same Data object (and what analyses
        derived from it) while the processed folder's files are unchanged (name, size, time
        of modification): the reports of one build read the tables and compute the national
        figures once. A Data is read-only: no analysis changes its tables."""
        paths = Paths.at(root)
        signature = _signature(paths.processed)
        held = _LOADED.get(paths.root)
        if held is not None and held[0] == signature:
            return held[1]
        data = cls._read(paths)
        _LOADED.put(paths.root, (signature, data))
        return data

    @classmethod
    def _read(cls, paths: Paths) -> Data:
        tables = {name: load_table(paths, name) for name in PROCESSED_TABLES}
        quarantine_path = paths.processed / QUARANTINE
        quarantine = (read_csv(quarantine_path) if quarantine_path.exists()
                      else empty_quarantine())
        validation_path = paths.processed / VALIDATION
        validation = (json.loads(validation_path.read_text(encoding="utf-8"))
                      if validation_path.exists() else None)
        return cls(provinces=tables["provinces"], dti=tables["dti"],
                   aggregates=tables["dti_aggregates"], indicators=tables["indicators"],
                   targets=tables["targets"], catalogue=tables["indicator_catalogue"],
                   sources=tables["sources"], quarantine=quarantine, validation=validation,
                   manifest=manifest(paths), root=paths.root,
                   boundaries=tables["boundaries"],
                   **{name: tables[name] for name in INDEX_TABLES})

    @classmethod
    def from_frames(cls, **frames) -> Data:
        """Data from given frames (tests, synthetic data); a table not given is empty."""
        names = {"aggregates": "dti_aggregates", "catalogue": "indicator_catalogue"}
        kwargs = {}
        for attr in ("provinces", "dti", "aggregates", "indicators", "targets", "catalogue",
                     "sources"):
            given = frames.pop(attr, None)
            kwargs[attr] = given if given is not None else frame(names.get(attr, attr), [])
        kwargs["quarantine"] = frames.pop("quarantine", None)
        if kwargs["quarantine"] is None:
            kwargs["quarantine"] = empty_quarantine()
        return cls(**kwargs, **frames)


class _Loaded:
    """The last Data loaded per project root (a few roots at most), with what analyses derived
    from it (its `memo`): the cache `analysis.data` (`dtanalysis.caches`), which a warm report
    kernel keeps between reports (the point is to keep the tables of an unchanged folder; not
    a plain dict, which `dtanalysis.modstate` would put back as it was)."""

    def __init__(self, size: int = 4):
        self.size, self._held = size, {}

    def get(self, root):
        return self._held.get(root)

    def put(self, root, value) -> None:
        self._held.pop(root, None)
        if len(self._held) >= self.size:
            self._held.pop(next(iter(self._held)))
        self._held[root] = value

    def clear(self) -> None:
        self._held.clear()


_LOADED = _Loaded()
register("analysis.data", _LOADED.clear)


def _signature(folder: Path) -> tuple:
    """Name, size and modification time (ns) of every file of the processed folder."""
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            out.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def memo(data: Data, key: tuple, compute):
    """`compute()` once per Data and key (what the analyses derive from the whole tables)."""
    memos = data._memo
    if key not in memos:
        memos[key] = compute()
    return memos[key]


def memoised(function):
    """`function(data, ...)` computed once per Data and arguments (`memo`, keyed by the
    function and its arguments with their defaults, so `f(d, "63")` and `f(d, unit_set="63")`
    share one), each caller getting its own deep copy of the result (frames, lists,
    dataclasses): what one report changes in what it was given never reaches another.

    For what both languages of a unit, or every unit of a set, ask for again (a warm kernel
    keeps the Data across reports): the result may depend on the Data and the arguments only
    (never on the date, the language setting, a file), and the arguments must be hashable."""
    signature = inspect.signature(function)
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(data: Data, *args, **kwargs):
        bound = signature.bind(data, *args, **kwargs)
        bound.apply_defaults()
        key = (name, *list(bound.arguments.values())[1:])
        return copy.deepcopy(memo(data, key, lambda: function(data, *args, **kwargs)))

    return wrapper


def first_rows(table: pd.DataFrame, keys: tuple[str, ...],
               columns: list[str] | None = None) -> dict:
    """The rows of `table` as dicts (of `columns`, default all), nested by the values of
    `keys` in turn (numbers as plain Python numbers: a year is an int), keeping the first row
    of each key: `first_rows(rows, ("province_code", "year"))[code][year]` is a row, or
    absent. What analyses look up per unit, built once (`memo`) instead of filtering the
    whole table per report."""
    out: dict = {}
    for row in (table if columns is None else table[columns]).to_dict("records"):
        node = out
        for key in keys[:-1]:
            node = node.setdefault(_plain_key(row[key]), {})
        node.setdefault(_plain_key(row[keys[-1]]), row)
    return out


def _plain_key(value):
    return value.item() if hasattr(value, "item") else value


# --------------------------------------------------------------------------- small helpers


@memoised
def units(data: Data, unit_set: str) -> pd.DataFrame:
    """The units of a set (provinces table rows), sorted by code."""
    rows = data.provinces[data.provinces["unit_set"] == unit_set]
    return rows.sort_values("province_code", ignore_index=True)


def n_units(data: Data, unit_set: str) -> int:
    return _unit_index(data)[1].get(unit_set, 0)


def unit(data: Data, code: str, unit_set: str) -> pd.Series:
    """The provinces-table row of one unit; KeyError naming it when absent."""
    position = _unit_index(data)[0].get((unit_set, code))
    if position is None:
        raise KeyError(f"no unit with code {code!r} in the {unit_set}-unit set")
    return data.provinces.iloc[position]


def _unit_index(data: Data) -> tuple[dict[tuple, int], dict[str, int]]:
    return memo(data, ("unit_index",), lambda: _build_unit_index(data))


def _build_unit_index(data: Data) -> tuple[dict[tuple, int], dict[str, int]]:
    """(unit_set, code) → position of the unit's first row in the provinces table, and
    unit_set → number of rows. A report looks units up a hundred times; a boolean filter over
    the table each time cost ~40 ms."""
    positions: dict[tuple, int] = {}
    counts: dict[str, int] = {}
    for i, (unit_set, code) in enumerate(zip(data.provinces["unit_set"],
                                             data.provinces["province_code"])):
        positions.setdefault((unit_set, code), i)
        counts[unit_set] = counts.get(unit_set, 0) + 1
    return positions, counts


def name_of(data: Data, code: str, unit_set: str) -> str:
    name = _short_names(data).get((unit_set, code))
    if name is None:  # absent: `unit` raises the KeyError naming it
        return str(unit(data, code, unit_set)["short_name"])
    return name


def _short_names(data: Data) -> dict[tuple, str]:
    """(unit_set, code) → the unit's short name (of its first row, as `unit` gives it): a
    report names units a thousand times; a provinces-table row each time cost ~1 ms."""
    return memo(data, ("short_names",), lambda: {
        key: str(data.provinces["short_name"].iat[i])
        for key, i in _unit_index(data)[0].items()})


def member_codes(data: Data, code: str, unit_set: str) -> list[str]:
    """The 63-set codes a 34-set unit is made of ([] for a 63-set province)."""
    if unit_set != "34":
        return []
    members = unit(data, code, unit_set)["members"]
    return [] if pd.isna(members) or not members else str(members).split("|")


@memoised
def set_years(data: Data, unit_set: str, index: str = OVERALL) -> list[int]:
    """Years for which the index (default DTI: the dti table) holds any row of the set."""
    if index == OVERALL:
        years = data.dti.loc[data.dti["unit_set"] == unit_set, "year"].dropna().unique()
    else:
        scores = data.index_scores
        years = scores.loc[(scores["unit_set"] == unit_set) & (scores["index"] == index),
                           "year"].dropna().unique()
    return sorted(int(y) for y in years)


def overall_rows(data: Data, unit_set: str, index: str = OVERALL) -> pd.DataFrame:
    """The rows of the index's overall metric in the set: DTI from the dti table, any other
    index of the catalogue from index_scores (its root metric), with the dti table's columns."""
    if index == OVERALL:
        dti = data.dti
        return dti[(dti["unit_set"] == unit_set) & (dti["metric"] == OVERALL)]
    return memo(data, ("overall_rows", unit_set, index),
                lambda: _index_overall_rows(data, unit_set, index))


def _index_overall_rows(data: Data, unit_set: str, index: str) -> pd.DataFrame:
    metrics = data.index_metrics
    roots = metrics.loc[(metrics["index"] == index) & metrics["parent"].isna(), "metric"]
    scores = data.index_scores
    if roots.empty:
        return scores.iloc[0:0].drop(columns="index")
    rows = scores[(scores["index"] == index) & (scores["unit_set"] == unit_set)
                  & (scores["metric"] == roots.iloc[0])]
    return rows.drop(columns="index")


def method_changes_between(previous_year: int, year: int) -> tuple[int, ...]:
    """First years of a new method in (previous_year, year]."""
    return tuple(y for y in sorted(METHOD_CHANGES) if previous_year < y <= year)


def plain_value(x: object) -> object:
    """A cell as a plain Python value, None for missing."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    if hasattr(x, "item"):
        return x.item()
    return x


def split_sources(text: object) -> list[str]:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


def report_units(data: Data, code: str, unit_set: str) -> list[tuple[str, str]]:
    """The (code, unit_set) pairs whose own rows a report on the unit shows: the province
    itself; for a 34-set unit also its member provinces of the 63 set."""
    return [(code, unit_set)] + [(m, "63") for m in member_codes(data, code, unit_set)]
