"""Processed tables on disk: deterministic Parquet + CSV mirrors, a manifest with the data
version (a hash of the tables), the atomic swap of a staging folder into `data/processed/`,
and `load()` for analysts.

`load`, `indices` and `scores` are the analysts' doors: they take `root` and resolve it once;
everything else here takes the caller's `Paths` (`manifest(paths)`, `load_table(paths, …)`)."""

from __future__ import annotations

import hashlib
import json
import numbers
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is read or written: a rebuild with
    import pandas as pd  # nothing to do checks the manifest and hashes only

from ..errors import ParameterError, ProjectError
from ..files import disk_errors
from ..paths import MANIFEST, QUARANTINE, Paths
from ..testhooks import pause_point
from ..vocab import PROCESSED_TABLES, UNIT_SETS


def write_tables(tables: dict[str, pd.DataFrame], quarantine: pd.DataFrame, folder: Path,
                 inputs_hash: str | None = None) -> str:
    """Write every table as Parquet and CSV, the quarantine and a manifest; return the data
    version. Two runs on the same tables write byte-identical files. The manifest holds the
    sha256 of every file (`files`), which `verify` checks before anything trusts them. A disk
    that refuses a write raises StorageError."""
    with disk_errors(f"writing the new tables ({folder.name})",
                     hint="data/processed/ was left as it was; free some space, then run again"):
        folder.mkdir(parents=True, exist_ok=True)
        digests = {}
        for name in sorted(tables):
            table = tables[name]
            table.to_parquet(folder / f"{name}.parquet", index=False, compression="zstd")
            write_csv(table, folder / f"{name}.csv")
            digests[name] = _sha256(folder / f"{name}.csv")
        write_csv(quarantine, folder / QUARANTINE)
        version = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()[:12]
        files = {path.name: _sha256(path) for path in sorted(folder.iterdir())
                 if path.suffix in (".parquet", ".csv")}
        manifest = {
            "data_version": version,
            "tables": {name: {"rows": len(tables[name]), "sha256": digests[name]}
                       for name in sorted(tables)},
            "quarantined_rows": len(quarantine),
            "inputs_hash": inputs_hash,
            "files": files,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                       + "\n", encoding="utf-8")
    return version


# A text cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(…),
# +cmd|…, -2+3, @SUM(…)); a tab or CR start is one after the spreadsheet strips it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: object) -> object:
    """A text cell as a spreadsheet shows it as text: prefixed with `'` when it starts like a
    formula, or with `'` itself (so `restore` gives back exactly the original)."""
    if isinstance(text, str) and text.startswith((*_FORMULA_START, "'")):
        return "'" + text
    return text


def restore(text: object) -> object:
    """The inverse of `neutralise`."""
    return text[1:] if isinstance(text, str) and text.startswith("'") else text


def _csv_text(text: object) -> object:
    text = neutralise(text)
    # A bare CR is not quoted by the csv writer (lines end in LF) and would split the row.
    return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """A table as UTF-8 CSV with a byte-order mark (so Excel, opening it with a double click,
    shows the Vietnamese letters), byte-for-byte deterministic, its text cells neutralised
    against formula injection and line breaks written as LF (numbers, dates and Parquet files
    are unchanged)."""
    import pandas as pd
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(_csv_text, na_action="ignore")
    out.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d",
               encoding="utf-8-sig")


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV written by `write_csv`, every column text, cells as they were."""
    import pandas as pd
    frame = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""],
                        encoding="utf-8-sig")
    for column in frame.columns:
        frame[column] = frame[column].map(restore, na_action="ignore").astype("string")
    return frame


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def staging_folder(paths: Paths, target: Path | None = None) -> Path:
    """A new hidden folder beside `target` (default: data/processed) to build its next state."""
    target = target or paths.processed
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-staging-", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with two renames: readers see the old or the new folder,
    never a mix. A crash between the renames leaves `target` missing and the old folder
    hidden beside it: `recover` (run by the next command, under the project lock) puts it
    back."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
        pause_point("swap:old-moved")
    os.replace(staging, target)
    pause_point("swap:new-in-place")
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> list[str]:
    """Undo what a killed run left beside `target` (call it holding the project lock): a
    missing `target` gets its hidden old folder back (the last complete state); staging and
    old folders are removed. Returns what was done, in words."""
    done = []
    olds = sorted(target.parent.glob(f".{target.name}-old-*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and olds:
        os.replace(olds.pop(), target)
        done.append(f"restored {target.name}/ from an interrupted run")
    for leftover in (*olds, *target.parent.glob(f".{target.name}-staging-*")):
        shutil.rmtree(leftover, ignore_errors=True)
        done.append(f"removed {leftover.name}")
    return done


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def verify(folder: Path) -> list[str]:
    """Files of `folder` that do not match its manifest (missing, truncated, changed), as
    `<name>: <what>`; an empty list when every file the manifest lists is intact."""
    path = folder / MANIFEST
    if not path.exists():
        return []
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files") or {}
    except (OSError, ValueError, AttributeError):
        return [f"{MANIFEST}: not readable"]
    if not isinstance(files, dict):
        return [f"{MANIFEST}: not readable"]
    problems = []
    for name, digest in sorted(files.items()):
        file = folder / name
        if not file.is_file():
            problems.append(f"{name}: missing")
        elif _sha256(file) != digest:
            problems.append(f"{name}: changed or truncated since it was written")
    return problems


def require_intact(paths: Paths) -> None:
    """ProjectError naming the first damaged file of data/processed, if any."""
    problems = verify(paths.processed)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ProjectError(f"data/processed/{problems[0]}{more}",
                           hint="run `dtanalysis clean` to rebuild data/processed")


def read_table(folder: Path, name: str) -> pd.DataFrame:
    import pandas as pd
    path = folder / f"{name}.parquet"
    if not path.exists():
        raise ProjectError(f"{path} does not exist", hint="run `dtanalysis clean` first")
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError) as error:  # pyarrow: ArrowInvalid (a ValueError), ArrowIOError
        raise ProjectError(f"{path} cannot be read ({type(error).__name__}: "
                           f"{str(error).splitlines()[0][:120]})",
                           hint="run `dtanalysis clean` to rebuild data/processed") from error


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: read_table(folder, name) for name in PROCESSED_TABLES}


def manifest(paths: Paths) -> dict:
    """data/processed/manifest.json ({} when there is none); a manifest that cannot be read
    (not UTF-8 JSON of an object: a damaged file) is a ProjectError saying to clean again."""
    path = paths.processed / MANIFEST
    if not path.exists():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ProjectError(f"data/processed/{MANIFEST} cannot be read ({reason})",
                           hint="run `dtanalysis clean` to rebuild data/processed") from None
    if not isinstance(found, dict):
        raise ProjectError(f"data/processed/{MANIFEST} is not a manifest",
                           hint="run `dtanalysis clean` to rebuild data/processed")
    return found


def manifest_or_nothing(paths: Paths) -> dict:
    """The manifest, or {} when it is missing or damaged (then the data is not current and
    `build` cleans again)."""
    try:
        return manifest(paths)
    except ProjectError:
        return {}


def indices(root=None) -> pd.DataFrame:
    """The catalogue of national indices (`index_catalogue`), one row per index, with its
    overall metric (`metric`, `label_vi`, `label_en`) and the years and unit sets it has
    scores for: `dtanalysis.indices()`."""
    paths = Paths.at(root)
    catalogue = load_table(paths, "index_catalogue")
    metrics = load_table(paths, "index_metrics")
    scores = load_table(paths, "index_scores")
    roots = metrics.loc[metrics["parent"].isna(), ["index", "metric", "label_vi", "label_en"]]
    years = scores.groupby("index")["year"].agg(lambda y: ", ".join(str(v) for v in sorted(set(y))))
    sets = scores.groupby("index")["unit_set"].agg(lambda s: ", ".join(sorted(set(s))))
    out = catalogue.merge(roots, on="index", how="left")
    out["years"] = out["index"].map(years).astype("string")
    out["unit_sets"] = out["index"].map(sets).astype("string")
    return out


SCORE_COLUMNS = ("index", "year", "unit_set", "province_code", "province", "metric", "score",
                 "rank", "status", "score_status", "rank_status", "source", "source_file",
                 "source_line", "note", "conflict")


def scores(index: str | None = None, *, province=None, year: int | None = None,
           unit_set: str | None = None, metric: str | None = None, root=None) -> pd.DataFrame:
    """The national indices' values (`index_scores`) with the unit's name, filtered: an index
    of the catalogue, a province in any spelling, a year, a unit set, a metric of the index's
    `metrics.csv`: `dtanalysis.scores("pci", province="Hải Phòng")`; `province` may be a list
    of names (`province=["Hải Phòng", "Quảng Ninh"]`). A value not published is no row (never
    a filled one); `year` is an int64 column. An unknown index or metric is a ParameterError naming the
    known ones."""
    from ..domain.registry import check_unit_set, registry_at  # lazy: not for a bare load

    unit_set = None if unit_set is None else check_unit_set(unit_set)
    if year is not None:
        year = _check_year(year)
    for name, value in (("index", index), ("metric", metric)):
        if value is not None and not isinstance(value, str):
            raise ParameterError(f"{name} is one id as text, not {type(value).__name__} "
                                 f"{str(value)[:40]!r}")
    if province is not None and not isinstance(province, (str, int)) and not (
            isinstance(province, (list, tuple))
            and all(isinstance(p, (str, int)) for p in province)):
        raise ParameterError(f"province is a name or GSO code (or a list of them), not "
                             f"{type(province).__name__}")
    paths = Paths.at(root)
    table = load_table(paths, "index_scores")
    known = sorted(load_table(paths, "index_catalogue")["index"])
    if index is not None:
        # an index id in any case ("PCI", "pci"): the catalogue's ids are lower case
        index = next((k for k in known if k.casefold() == str(index).strip().casefold()), index)
        if index not in known:
            raise ParameterError(f"unknown index {index!r}: one of {', '.join(known)}",
                                 hint="see `dtanalysis indices`")
        table = table[table["index"] == index]
    if metric is not None:
        metrics = load_table(paths, "index_metrics")
        if index is not None:
            metrics = metrics[metrics["index"] == index]
        if metric not in set(metrics["metric"]):
            raise ParameterError(f"unknown metric {metric!r}"
                                 + (f" of {index}" if index else "") + ": one of "
                                 + ", ".join(sorted(set(metrics["metric"]))))
        table = table[table["metric"] == metric]
    reg = registry_at(paths)
    if province is not None:
        names = [province] if isinstance(province, str) or not hasattr(
            province, "__iter__") else list(province)
        if not names:
            raise ParameterError("province=[] names no unit",
                                 hint="leave it out for every unit, or name one or more")
        units = [u for name in names for u in (
            [reg.resolve(name, unit_set=unit_set)] if unit_set else _in_any_set(reg, name))]
        table = table[[(s, c) in {(u.unit_set, u.code) for u in units}
                       for s, c in zip(table["unit_set"], table["province_code"])]]
    if unit_set is not None:
        table = table[table["unit_set"] == unit_set]
    if year is not None:
        table = table[table["year"] == year]
    table = table.copy()
    table["province"] = [reg.get(c, s).short_name for c, s in
                         zip(table["province_code"], table["unit_set"])]
    table = table.sort_values(["index", "unit_set", "year", "metric", "province_code"])
    return plain_years(table[list(SCORE_COLUMNS)].reset_index(drop=True))


def plain_years(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its `year` column as plain int64 (not the nullable Int64 the tables are
    read as), where it has no missing year: plotting libraries then show 2020, not 2020.5."""
    if "year" in frame.columns and frame["year"].notna().all():
        frame["year"] = frame["year"].astype("int64")
    return frame


def _check_year(year) -> int:
    """A whole year (int, or text of digits): 2020.9, True, inf are ParameterErrors, never
    rounded or read as 1."""
    if isinstance(year, str) and year.strip().isdigit() and len(year.strip()) <= 4:
        return int(year)
    if isinstance(year, bool) or not isinstance(year, numbers.Integral) or not (
            0 < int(year) < 10_000):
        raise ParameterError(f"a year is a whole number such as 2023, not {str(year)[:40]!r}")
    return int(year)


def _in_any_set(reg, name: str) -> list:
    """The units `name` is in the 63 and in the 34 set (Hải Phòng is in both, Bắc Kạn in the
    63 only); the 63 set's error when it is in neither."""
    from ..domain.registry import ProvinceError  # lazy, as in `scores`

    found, first_error = [], None
    for unit_set in UNIT_SETS:
        try:
            found.append(reg.resolve(name, unit_set=unit_set))
        except ProvinceError as error:
            first_error = first_error or error
    if not found:
        raise first_error
    return found


def load(table: str, root=None) -> pd.DataFrame:
    """A processed table as a DataFrame: `dtanalysis.load("dti")`. Also `quarantine` and
    `validation` (the summary of the last validation, as a one-row-per-table frame)."""
    return load_table(Paths.at(root), table)


def load_table(paths: Paths, table: str) -> pd.DataFrame:
    """`load` for a caller that holds the project's `Paths`."""
    folder = paths.processed
    if table == "quarantine":
        return read_csv(folder / QUARANTINE)
    if table not in PROCESSED_TABLES:
        raise ParameterError(f"unknown table {table!r}: one of {', '.join(PROCESSED_TABLES)}, "
                             "quarantine")
    return plain_years(read_table(folder, table))
