"""`reports/data/`: all the processed data as a Frictionless Data Package — every table of
`data/processed/` as CSV (UTF-8 with a BOM, as written there) and Parquet, the quarantine, and
`datapackage.json` describing them (and `index.html`, the same for a reader): each table's schema (fields, types, descriptions, the
statuses and their meanings, primary and foreign keys where they hold on the data), the
sources, the licences and the data version.

The descriptions are read from the README's "Processed tables" section (the one place they are
written; `readme_descriptions`), the types from `domain.schema.SCHEMAS`, the keys from
`vocab.TABLE_KEYS`. A key or a foreign key is declared only when the data satisfy it (unique,
no empty cell; every value found in the referenced table), so the package validates under the
`frictionless` library (a test does). The folder is rebuilt only when the data version or the
descriptor would change (its `written_from`: a hash of the data version, the README and this
module), and replaced whole (staging folder + rename; `pipeline.stages.recover` cleans up
after a killed run).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import escape
from pathlib import Path

import pandas as pd

from ..domain.schema import SCHEMAS
from ..files import disk_errors
from ..paths import QUARANTINE, Paths
from ..pipeline import store
from ..vocab import MARKS, PROCESSED_TABLES, QUARANTINE_COLUMNS, STATUSES, TABLE_KEYS
from .style import CSS

DATA_FOLDER = "data"  # reports/data/
DESCRIPTOR = "datapackage.json"
PAGE = "index.html"  # reports/data/index.html: the package for a reader, linked from the index
README_SECTION = "Processed tables"

# The Table Schema type of each pandas dtype of `domain.schema` (dates are written %Y-%m-%d).
FIELD_TYPES = {"string": "string", "Int64": "integer", "float64": "number", "boolean": "boolean",
               "datetime64[ms]": "date"}
STATUS_COLUMNS = ("status", "score_status", "rank_status")

# The licences. The data: facts gathered from the public pages and articles of the `sources`
# table (data/raw/README.md); no licence of their own is stated there, so none is claimed here.
DATA_LICENCE = {
    "name": "notspecified",
    "title": "Not specified: facts compiled from the public pages and articles listed in the "
             "`sources` resource, each under its publisher's own terms (the project's code is "
             "MIT)",
}
# The province boundary files of the maps: shared/data/geo/README.md ("Source and licence").
BOUNDARY_LICENCE = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Province boundaries: Open Development Mekong / Vietnam Department of Survey and "
             "Mapping (via geoBoundaries), CC BY-SA 4.0, simplified; ShareAlike applies to the "
             "boundary files and what is derived from them (the maps), not to the code",
}
BOUNDARY_FOLDER = "geo"  # data/raw/geo/*.geojson, when the project ships boundary files

# Candidate foreign keys: (table, fields) → (referenced table, its fields). Declared only where
# every non-empty value is found (indicators' national benchmarks, unit set "national", are not
# provinces, so that one holds only when there is none).
FOREIGN_KEYS = (
    ("dti", ("unit_set", "province_code"), "provinces", ("unit_set", "province_code")),
    ("index_scores", ("unit_set", "province_code"), "provinces", ("unit_set", "province_code")),
    ("index_scores", ("index",), "index_catalogue", ("index",)),
    ("index_scores", ("index", "metric"), "index_metrics", ("index", "metric")),
    ("index_metrics", ("index",), "index_catalogue", ("index",)),
    ("index_methods", ("index",), "index_catalogue", ("index",)),
    ("indicators", ("unit_set", "province_code"), "provinces", ("unit_set", "province_code")),
    ("indicators", ("indicator",), "indicator_catalogue", ("indicator",)),
    ("targets", ("unit_set", "province_code"), "provinces", ("unit_set", "province_code")),
    ("targets", ("indicator",), "indicator_catalogue", ("indicator",)),
)


# --------------------------------------------------------------------------- the README


_NAME = re.compile(r"`([A-Za-z_][A-Za-z0-9_.]*)`")


def _balanced(text: str, start: int) -> int:
    """The index just past the parenthesis closing the one opened at `text[start]`."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return len(text)


def prose_descriptions(text: str) -> dict[str, str]:
    """`name` (what it is) pairs of a sentence, outside parentheses: "`a` (x), `b` / `c` (y)"
    → {a: x, b: y, c: y} (names joined by `/` or `and` share the parenthesis after them). A
    name with nothing in parentheses right after it gets nothing."""
    found: dict[str, str] = {}
    group: list[str] = []
    i = last = 0
    while i < len(text):
        if text[i] == "(":
            end = _balanced(text, i)
            for name in group:
                found.setdefault(name, " ".join(text[i + 1:end - 1].split()))
            group, i = [], end
            continue
        match = _NAME.match(text, i)
        if match:
            between = text[last:i] if group else ""
            if between.strip() not in ("/", "and"):
                group = []
            group.append(match.group(1))
            i = last = match.end()
            continue
        i += 1
    return found


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row; a `|` inside backticks is text, not a border."""
    cells, current, code = [], "", False
    for char in line.strip().strip("|"):
        if char == "`":
            code = not code
        if char == "|" and not code:
            cells.append(current.strip())
            current = ""
        else:
            current += char
    return [*cells, current.strip()]


def readme_descriptions(readme: Path) -> dict[str, dict]:
    """The README's "Processed tables" section per table: {"description": the paragraph under
    its heading, "fields": {column: meaning}}, with the section's opening paragraph under
    the key "" (what every table carries: source, source_file, source_line). A missing README
    or section gives {}."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return {}
    match = re.search(rf"^## {re.escape(README_SECTION)}\n(.*?)(?=^## |\Z)", text, re.DOTALL | re.MULTILINE)
    if not match:
        return {}
    parts = re.split(r"^### (.+)$", match.group(1), flags=re.MULTILINE)
    out = {"": {"description": "", "fields": prose_descriptions(parts[0])}}
    for heading, body in zip(parts[1::2], parts[2::2]):
        table_rows = [line for line in body.splitlines() if line.startswith("|")]
        prose = "\n".join(line for line in body.splitlines() if not line.startswith("|"))
        fields = {}
        for line in table_rows:
            cells = _cells(line)
            if len(cells) >= 2 and cells[0].startswith("`"):
                for name in _NAME.findall(cells[0]):
                    fields.setdefault(name, " | ".join(cells[1:]).strip())
        for name, meaning in prose_descriptions(prose).items():
            fields.setdefault(name, meaning)
        paragraph = " ".join(prose.strip().split("\n\n")[0].split())
        if not table_rows:  # a sentence listing the columns: only the words before them
            paragraph = paragraph.split("`")[0].strip().rstrip(":").strip()
        for table in _NAME.findall(heading):
            out[table.removesuffix(".csv")] = {"description": paragraph, "fields": fields}
    return out


def field_description(docs: dict[str, dict], table: str, column: str) -> str:
    """A column's meaning: its table's own words, else the same column's in another table of
    the section (the first one written), else the section's opening (provenance)."""
    own = docs.get(table, {}).get("fields", {}).get(column)
    if own:
        return own
    for other in docs.values():
        if other.get("fields", {}).get(column):
            return other["fields"][column]
    return ""


def status_meanings(docs: dict[str, dict]) -> dict[str, str]:
    """Each status's meaning as the README's `status` rows state it (`index_scores`'s words
    first, then `dti`'s)."""
    meanings: dict[str, str] = {}
    for table in ("index_scores", "dti"):
        text = docs.get(table, {}).get("fields", {}).get("status", "")
        for status, meaning in prose_descriptions(text).items():
            meanings.setdefault(status, meaning)
    return {status: meanings.get(status, "") for status in STATUSES}


# --------------------------------------------------------------------------- the descriptor


def _holds_key(table: pd.DataFrame, fields: tuple[str, ...]) -> bool:
    return (not table.empty and not table[list(fields)].isna().any().any()
            and not table.duplicated(list(fields)).any())


def _holds_reference(table: pd.DataFrame, fields, other: pd.DataFrame, other_fields) -> bool:
    if not _holds_key(other, tuple(other_fields)):
        return False
    rows = table[list(fields)].dropna()
    known = set(other[list(other_fields)].itertuples(index=False, name=None))
    return all(row in known for row in rows.itertuples(index=False, name=None))


def _schema(table: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame],
            docs: dict[str, dict], meanings: dict[str, str]) -> dict:
    fields = []
    for column, dtype in SCHEMAS[table].items():
        field = {"name": column, "type": FIELD_TYPES[dtype],
                 "description": field_description(docs, table, column)}
        if dtype == "datetime64[ms]":
            field["format"] = "%Y-%m-%d"
        if column in STATUS_COLUMNS and set(frame[column].dropna()) <= set(STATUSES):
            field["constraints"] = {"enum": list(STATUSES)}
            field["description"] += " — statuses: " + "; ".join(
                f"{s}{' (' + MARKS[s] + ')' if s in MARKS else ''}: {meanings[s]}"
                for s in STATUSES)
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    key = TABLE_KEYS[table]
    if _holds_key(frame, key):
        schema["primaryKey"] = list(key)
    references = [
        {"fields": list(cols), "reference": {"resource": other, "fields": list(other_cols)}}
        for source, cols, other, other_cols in FOREIGN_KEYS
        if source == table and _holds_reference(frame, cols, frames[other], other_cols)]
    if references:
        schema["foreignKeys"] = references
    return schema


def _parquet_schema(schema: dict) -> dict:
    """The CSV's schema for the Parquet copy: its dates are timestamps (`datetime`)."""
    fields = [{**f, "type": "datetime"} if f["type"] == "date" else f for f in schema["fields"]]
    for field in fields:
        field.pop("format", None) if field["type"] == "datetime" else None
    return {**schema, "fields": fields}


def _quarantine_schema(docs: dict[str, dict]) -> dict:
    return {"fields": [{"name": c, "type": "string",
                        "description": field_description(docs, "quarantine", c)}
                       for c in QUARANTINE_COLUMNS], "missingValues": [""]}


def _sources(frames: dict[str, pd.DataFrame]) -> list[dict]:
    out = []
    for row in frames["sources"].itertuples(index=False):
        title = next((str(v) for v in (row.title, row.publisher, row.source_id)
                      if isinstance(v, str) and v), "")
        entry = {"title": title}
        if isinstance(row.url, str) and row.url.startswith(("http://", "https://")):
            entry["path"] = row.url
        out.append(entry)
    return out


def descriptor(paths: Paths, frames: dict[str, pd.DataFrame], manifest: dict) -> dict:
    """The `datapackage.json` of the current processed tables (paths relative to it)."""
    docs = readme_descriptions(paths.root / "README.md")
    meanings = status_meanings(docs)
    resources = []
    for table in PROCESSED_TABLES:
        frame = frames[table]
        schema = _schema(table, frame, frames, docs, meanings)
        about = docs.get(table, {}).get("description", "")
        about = f"{about} One row per ({', '.join(TABLE_KEYS[table])}).".strip()
        rows = len(frame)
        resources.append({
            "name": table, "path": f"{table}.csv", "type": "table", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig",
            "description": (f"{about} {rows} rows. CSV in UTF-8 with a byte-order mark; a text "
                            "cell starting with = + - @ or ' is written with a leading ' "
                            "(not run as a formula by a spreadsheet): the Parquet copy "
                            "holds the text as it is.").strip(),
            "schema": schema,
        })
        resources.append({
            "name": f"{table}-parquet", "path": f"{table}.parquet", "type": "table",
            "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "description": f"`{table}` as Parquet (the same rows and types; a date is stored "
                           "as a timestamp at midnight).",
            "schema": _parquet_schema(schema),
        })
    resources.append({
        "name": "quarantine", "path": QUARANTINE, "type": "table", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8-sig",
        "description": docs.get("quarantine", {}).get("description", "")
        or "Rows of data/raw that could not be cleaned, with file, line and reason.",
        "schema": _quarantine_schema(docs),
    })
    boundaries = sorted((paths.raw / BOUNDARY_FOLDER).glob("*.geojson"))
    for path in boundaries:
        resources.append({
            "name": re.sub(r"[^a-z0-9._-]", "-", path.stem.lower()), "path": path.name,
            "type": "json", "format": "geojson", "mediatype": "application/geo+json",
            "description": f"Province boundaries ({path.name}) used by the maps.",
            "licenses": [BOUNDARY_LICENCE],
        })
    version = manifest.get("data_version")
    return {
        "name": "dtanalysis-provincial-indices",
        "title": "Vietnam's provinces in the national indices (DTI, PCI, PAPI, …): processed "
                 "tables of dtanalysis",
        "description": ("The tidy tables of `data/processed/`, every value with its status, "
                        "source, raw file and line. A value not published is no row or an empty "
                        "cell, never a filled number. Data version "
                        f"{version} (a hash of the tables; every report's footer gives the "
                        "version it was built on)."),
        "version": version,
        "data_version": version,
        "inputs_hash": manifest.get("inputs_hash"),
        "licenses": [DATA_LICENCE, BOUNDARY_LICENCE],
        "sources": _sources(frames),
        "statuses": [{"value": s, "mark": MARKS.get(s, ""), "meaning": meanings[s]}
                     for s in STATUSES],
        "resources": resources,
    }


def _text(markdown: object) -> str:
    """README words as HTML: escaped, `code` as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(str(markdown)))


def _link(url: object) -> str:
    text = escape(str(url))
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return f'<a href="{text}">{text}</a>'
    return text


def landing_page(package: dict) -> str:
    """`reports/data/index.html`: every resource with its file, description and columns, the
    licences and the sources, from the descriptor (self-contained, offline)."""
    parts = [(f"<h1>Tất cả dữ liệu · All the data</h1><p class=\"sub\">{escape(package['title'])}"
             f" · data version <code>{escape(str(package['version']))}</code> · "
             f'<a href="{DESCRIPTOR}">{DESCRIPTOR}</a> (Frictionless data package)</p>'
             f"<p>{_text(package['description'])}</p>"
             '<nav><a href="../index.html">← index</a></nav>'),
             "<h2>Giấy phép / licences</h2><ul>"]
    parts += [f"<li>{_text(entry['title'])} ({_link(entry.get('path', entry['name']))})</li>"
              for entry in package["licenses"]]
    parts.append("</ul><h2>Trạng thái / statuses</h2><ul>")
    parts += [f"<li><code>{escape(s['value'])}</code> {escape(s['mark'])}: "
              f"{_text(s['meaning'])}</li>" for s in package["statuses"]]
    parts.append("</ul><h2>Bảng / tables</h2>")
    for resource in package["resources"]:
        if resource["name"].endswith("-parquet"):
            continue
        files = [f'<a href="{escape(resource["path"])}">{escape(resource["path"])}</a>']
        parquet = next((r for r in package["resources"]
                        if r["name"] == f"{resource['name']}-parquet"), None)
        if parquet:
            files.append(f'<a href="{escape(parquet["path"])}">{escape(parquet["path"])}</a>')
        parts.append(f"<h3>{escape(resource['name'])}</h3><p>{' · '.join(files)}</p>"
                     f"<p>{_text(resource.get('description', ''))}</p>")
        fields = resource.get("schema", {}).get("fields", [])
        if fields:
            rows = "".join(f"<tr><th scope=\"row\"><code>{escape(f['name'])}</code></th>"
                           f"<td>{escape(f['type'])}</td><td>{_text(f['description'])}</td>"
                           "</tr>" for f in fields)
            parts.append(f"<table><caption>{escape(resource['name'])}</caption><thead><tr>"
                         '<th scope="col">cột / column</th><th scope="col">kiểu / type</th>'
                         '<th scope="col">nghĩa / meaning</th></tr></thead>'
                         f"<tbody>{rows}</tbody></table>")
    parts.append("<h2>Nguồn / sources</h2><ul>")
    parts += [f"<li>{escape(source['title'])}"
              f"{' — ' + _link(source['path']) if source.get('path') else ''}</li>"
              for source in package["sources"]]
    parts.append("</ul>")
    return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>dtanalysis — tất cả dữ liệu / all the data</title>"
            f"<style>{CSS}a{{text-decoration:underline}} td a,li a{{word-break:break-all}}"
            f"</style></head><body><main>{''.join(parts)}</main></body></html>\n")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _stamp(paths: Paths, manifest: dict) -> str:
    """What the folder was written from: the data version, the README, this module, the
    boundary files' names."""
    digest = hashlib.sha256()
    for part in (manifest.get("data_version"), _read(paths.root / "README.md"),
                 Path(__file__).read_text(encoding="utf-8"),
                 *sorted(p.name for p in (paths.raw / BOUNDARY_FOLDER).glob("*.geojson"))):
        digest.update(str(part).encode())
    return digest.hexdigest()


def write_data_package(paths: Paths) -> Path | None:
    """Write `reports/data/` (the tables, the quarantine, `datapackage.json`) for the current
    `data/processed/`; None when there is none. Left as it is when its descriptor is the one
    these tables and the README give."""
    manifest = store.manifest(paths)
    if not manifest.get("data_version") or store.verify(paths.processed):
        return None
    target = paths.reports / DATA_FOLDER
    stamp = _stamp(paths, manifest)
    try:
        written_from = json.loads(_read(target / DESCRIPTOR) or "{}").get("written_from")
    except ValueError:
        written_from = None
    if written_from == stamp:
        return target / DESCRIPTOR  # the same tables, README and code: nothing to redo
    frames = store.read_tables(paths.processed)
    package = {**descriptor(paths, frames, manifest), "written_from": stamp}
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    staging = store.staging_folder(paths, target)
    try:
        with disk_errors("writing reports/data"):
            for table in PROCESSED_TABLES:
                for suffix in (".csv", ".parquet"):
                    shutil.copyfile(paths.processed / f"{table}{suffix}",
                                    staging / f"{table}{suffix}")
            shutil.copyfile(paths.processed / QUARANTINE, staging / QUARANTINE)
            for path in sorted((paths.raw / BOUNDARY_FOLDER).glob("*.geojson")):
                shutil.copyfile(path, staging / path.name)
            (staging / DESCRIPTOR).write_text(text, encoding="utf-8")
            (staging / PAGE).write_text(landing_page(package), encoding="utf-8")
            store.swap_in(staging, target)
    except BaseException:
        store.discard(staging)
        raise
    return target / DESCRIPTOR
