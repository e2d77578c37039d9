"""Every data version the project builds, recorded, and what changed between two of them.

`record` runs when `clean` swaps new tables in: it appends one line to
`data/processed/versions.jsonl` (`version`, `date`, `inputs_hash`, `snapshot`, `bytes`, `rows`;
the log is carried from the old folder into the new one) and writes a compact snapshot of the
value tables to `data/versions/<version>.parquet`: one row per published value of
`index_scores` (score and rank apart), `dti_aggregates`, `indicators` and `targets`, with its
status, source, raw file and line. (`dti` is the DTI rows of `index_scores`: not stored twice.)
A value not published is no row, as in the tables. A version built again (`--force`, or the
inputs of an earlier version back) gets a new line only when it is not the last one recorded.

`diff(from_version, to_version)` (default: the last two recorded) lists the values added,
removed and revised (old → new, with both statuses, sources and raw file lines) and the ranks
that moved, like owid/etl's `etl diff`: a revised value is never silent. An unknown version, or
fewer than two recorded, is a ParameterError (one line on the command line, exit 2).

`data/versions/` is generated, like `data/processed/`, and git-ignored: each version is built
from `data/raw` (committed) and the code of its commit, and the log records the machine's own
builds, which are what its published pages were made from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import DtanalysisError, ParameterError
from ..paths import Paths
from ..vocab import UNIT_SETS
from .store import neutralise

VERSIONS_LOG = "versions.jsonl"  # in data/processed/
SNAPSHOTS = ("data", "versions")  # data/versions/<version>.parquet

# The snapshot's columns. `measure` is what the value is (`score`, `rank`, `value`, `target`);
# `unit_set` + `unit` the province's code (or `dti_aggregates`' entity); `period` the year, or
# the period as reported; `detail` what else tells two values of a key apart (a source, an
# instrument).
COLUMNS = ("table", "index", "metric", "measure", "unit_set", "unit", "period", "detail",
           "value", "value_unit", "status", "source", "source_file", "source_line")
KEY = ("table", "index", "metric", "measure", "unit_set", "unit", "period", "detail", "n")
CHANGES = ("added", "removed", "revised", "rank moved")


def _rows(table: pd.DataFrame, name: str, measure: str, value: str, *, index=None,
          metric: str, unit: str, period: str, detail=None, value_unit=None,
          status: str | None = "status") -> pd.DataFrame:
    kept = table[table[value].notna()]

    def column(source, default=""):
        if source is None:
            return pd.Series(default, index=kept.index, dtype="string")
        return kept[source].astype("string").fillna("")

    return pd.DataFrame({
        "table": name, "index": column(index), "metric": column(metric),
        "measure": measure, "unit_set": column("unit_set"), "unit": column(unit),
        "period": column(period), "detail": column(detail),
        "value": kept[value].astype("float64"),
        "value_unit": column(value_unit),
        "status": column(status), "source": column("source"),
        "source_file": column("source_file"), "source_line": kept["source_line"].astype("Int64"),
    })


def snapshot(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The value rows of `tables` in the snapshot's long form, sorted (deterministic)."""
    scores = tables["index_scores"]
    parts = [
        _rows(scores, "index_scores", "score", "score", index="index", metric="metric",
              unit="province_code", period="year", status="score_status"),
        _rows(scores, "index_scores", "rank", "rank", index="index", metric="metric",
              unit="province_code", period="year", status="rank_status"),
        _rows(tables["dti_aggregates"], "dti_aggregates", "value", "value", metric="metric",
              unit="entity", period="year", detail="source"),
        _rows(tables["indicators"], "indicators", "value", "value", metric="indicator",
              unit="province_code", period="period", detail="source", value_unit="unit",
              status=None),
        _rows(tables["targets"], "targets", "target", "target_value", metric="indicator",
              unit="province_code", period="target_year", detail="instrument",
              value_unit="unit", status=None),
    ]
    out = pd.concat(parts, ignore_index=True)  # indicators and targets carry no status
    out = out.astype({c: "string" for c in COLUMNS if c not in ("value", "source_line")})
    return out.sort_values(list(KEY[:-1]) + ["source_line"], kind="stable",
                           ignore_index=True)[list(COLUMNS)]


def write_snapshot(frame: pd.DataFrame, path: Path) -> None:
    """Parquet, zstd level 19; the values byte-stream-split rather than dictionary-coded
    (98 KB instead of 126 KB for the shipped data: benchmarks/RESULTS.md)."""
    frame.to_parquet(path, index=False, compression="zstd", compression_level=19,
                     use_dictionary=[c for c in frame.columns if c != "value"],
                     use_byte_stream_split=["value"])


def log_path(paths: Paths) -> Path:
    return paths.processed / VERSIONS_LOG


def snapshot_path(paths: Paths, version: str) -> Path:
    return paths.root.joinpath(*SNAPSHOTS, f"{version}.parquet")


def read_log(paths: Paths, folder: Path | None = None) -> list[dict]:
    """The recorded versions, oldest first (unreadable lines skipped)."""
    try:
        lines = ((folder or paths.processed) / VERSIONS_LOG).read_text(
            encoding="utf-8").splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("version"):
            entries.append(entry)
    return entries


def record(paths: Paths, staging: Path, tables: dict[str, pd.DataFrame], version: str,
           inputs_hash: str | None) -> dict | None:
    """Write the snapshot of `version` and the log (the old one + this version) into
    `staging`, the folder about to become data/processed. None when `version` is already the
    last one recorded."""
    entries = read_log(paths)
    log = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    entry = None
    if not entries or entries[-1]["version"] != version:
        target = snapshot_path(paths, version)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file():
            tmp = target.with_name(f".{target.name}.tmp")
            write_snapshot(snapshot(tables), tmp)
            tmp.replace(target)
        entry = {"version": version,
                 "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                 "inputs_hash": inputs_hash, "snapshot": paths.relative(target),
                 "bytes": target.stat().st_size,
                 "rows": {name: len(tables[name]) for name in sorted(tables)}}
        log += json.dumps(entry, ensure_ascii=False) + "\n"
    (staging / VERSIONS_LOG).write_text(log, encoding="utf-8")
    return entry


# --------------------------------------------------------------------------- diff


@dataclass
class Diff:
    """What changed from one version to another: `changes` has one row per change, `change`
    one of CHANGES, the key columns, `old` / `new` and each side's status, source, file and
    line."""

    from_entry: dict
    to_entry: dict
    changes: pd.DataFrame

    def count(self, change: str) -> int:
        return int((self.changes["change"] == change).sum())


def _pick(entries: list[dict], version: str | None, default: int, what: str) -> dict:
    if version is None:
        return entries[default]
    found = [e for e in entries if e["version"] == str(version).strip()]
    if not found:
        known = ", ".join(e["version"] for e in entries[-5:])
        raise ParameterError(f"unknown data version {version!r} for {what}: the last recorded "
                             f"are {known}", hint="see data/processed/versions.jsonl")
    return found[-1]


def versions(root=None) -> list[dict]:
    """The data versions recorded, oldest first (`data/processed/versions.jsonl`)."""
    return read_log(Paths.at(root).require_project())


def load_snapshot(paths: Paths, version: str) -> pd.DataFrame:
    path = snapshot_path(paths, version)
    if not path.is_file():
        raise ParameterError(f"data version {version} is recorded but its snapshot "
                             f"{paths.relative(path)} is missing",
                             hint="compare two versions whose snapshots are kept")
    return pd.read_parquet(path)


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["n"] = frame.groupby(list(KEY[:-1]), dropna=False).cumcount()
    return frame


def diff(root=None, from_version: str | None = None, to_version: str | None = None) -> Diff:
    """What changed between two recorded data versions (default: the last two)."""
    paths = Paths.at(root).require_project()
    entries = read_log(paths)
    if len(entries) < 2:
        raise ParameterError(
            f"{len(entries)} data version{'' if len(entries) == 1 else 's'} recorded: nothing "
            "to compare", hint="a build on changed data/raw records the next one")
    old_entry = _pick(entries, from_version, -2, "--from")
    new_entry = _pick(entries, to_version, -1, "--to")
    old = _keyed(load_snapshot(paths, old_entry["version"]))
    new = _keyed(load_snapshot(paths, new_entry["version"]))
    key = list(KEY)
    both = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    side = both["_merge"]
    value_old, value_new = both["value_old"], both["value_new"]
    revised = (side == "both") & ~((value_old - value_new).abs() <= 1e-12)
    change = pd.Series("", index=both.index, dtype="string")
    change[side == "right_only"] = "added"
    change[side == "left_only"] = "removed"
    change[revised] = "revised"
    change[revised & (both["measure"] == "rank")] = "rank moved"
    both["change"] = change
    both = both[both["change"] != ""]
    out = pd.DataFrame({"change": both["change"]})
    for column in key[:-1]:
        out[column] = both[column]
    out["old"], out["new"] = both["value_old"], both["value_new"]
    out["value_unit"] = both["value_unit_new"].fillna(both["value_unit_old"])
    for column in ("status", "source", "source_file", "source_line"):
        out[f"old_{column}"] = both[f"{column}_old"]
        out[f"new_{column}"] = both[f"{column}_new"]
    order = {c: i for i, c in enumerate(CHANGES)}
    out = out.sort_values(["change", "table", "index", "metric", "unit_set", "period", "unit",
                           "measure"], key=lambda s: s.map(order) if s.name == "change" else s,
                          kind="stable", ignore_index=True)
    return Diff(old_entry, new_entry, out)


def _number(value) -> str:
    return "—" if pd.isna(value) else f"{float(value):.10g}"


def unit_name(reg, unit_set: str, code: str) -> str:
    """`Hải Phòng (31)` for a unit of the registry; the code or entity as it is otherwise."""
    if reg is None or unit_set not in UNIT_SETS:
        return code
    try:
        return f"{reg.get(code, unit_set).short_name} ({code})"
    except (KeyError, LookupError, ValueError):
        return code


def where(row, side: str) -> str:
    """`official, <source>, data/raw/…csv:12` of one side of a change."""
    parts = [str(row[f"{side}_{c}"]) for c in ("status", "source")
             if isinstance(row[f"{side}_{c}"], str) and row[f"{side}_{c}"]]
    line = row[f"{side}_source_line"]
    file = row[f"{side}_source_file"]
    if isinstance(file, str) and file:
        parts.append(f"{file}:{'' if pd.isna(line) else int(line)}".rstrip(":"))
    return ", ".join(parts)


def describe(row, reg) -> str:
    """One change's subject: `index_scores pci/pci 2020 (63) Hải Phòng (31) score`."""
    what = "/".join(p for p in (row["index"], row["metric"]) if p)
    detail = f" [{row['detail']}]" if row["detail"] and row["table"] != "dti_aggregates" else ""
    return (f"{row['table']} {what} {row['period']} ({row['unit_set']}) "
            f"{unit_name(reg, row['unit_set'], row['unit'])} {row['measure']}{detail}")


def registry_or_none(root):
    from ..domain.registry import registry  # lazy: names only for the text

    try:
        return registry(root)
    except DtanalysisError:  # names are a courtesy: codes are shown without them
        return None


def diff_text(result: Diff, root=None) -> str:
    """The diff as text: a summary line, then every change with both sides' status, source,
    raw file and line (old → new)."""
    reg = registry_or_none(root)
    old, new = result.from_entry, result.to_entry
    counts = ", ".join(f"{result.count(c)} {c}" for c in CHANGES)
    lines = [(f"data version {old['version']} ({old.get('date', '?')}) → {new['version']} "
             f"({new.get('date', '?')}): {counts}")]
    for change in CHANGES:
        rows = result.changes[result.changes["change"] == change]
        if rows.empty:
            continue
        lines.append(f"\n{change} ({len(rows)})")
        for _, row in rows.iterrows():
            unit = f" {row['value_unit']}" if isinstance(row["value_unit"], str) and row[
                "value_unit"] else ""
            if change == "added":
                lines.append(f"  + {describe(row, reg)}: {_number(row['new'])}{unit}"
                             f"  ({where(row, 'new')})")
            elif change == "removed":
                lines.append(f"  - {describe(row, reg)}: {_number(row['old'])}{unit}"
                             f"  ({where(row, 'old')})")
            else:
                step = ""
                if change == "rank moved":
                    moved = int(row["old"] - row["new"])
                    step = f" ({'▲' if moved > 0 else '▼'}{abs(moved)})"
                lines.append(f"  ~ {describe(row, reg)}: {_number(row['old'])} → "
                             f"{_number(row['new'])}{unit}{step}")
                if where(row, "old") == where(row, "new"):
                    lines.append(f"      old and new: {where(row, 'new')}")
                else:
                    lines.append(f"      old: {where(row, 'old')}")
                    lines.append(f"      new: {where(row, 'new')}")
    if result.changes.empty:
        lines.append("no value changed")
    return "\n".join(lines)


def diff_csv(result: Diff, root=None) -> str:
    """The changes as CSV: one row per change, the unit's name beside its code, values as
    written (`1`, `72.81`; empty on the side that has none)."""
    reg = registry_or_none(root)
    out = result.changes.copy()
    out.insert(out.columns.get_loc("unit") + 1, "unit_name",
               [unit_name(reg, s, c).removesuffix(f" ({c})")
                for s, c in zip(out["unit_set"], out["unit"])])
    for column in ("old", "new"):
        out[column] = [_number(v).replace("—", "") for v in out[column]]
    for column in out.columns:  # no cell a spreadsheet would run as a formula
        if column not in ("old", "new") and not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n")
