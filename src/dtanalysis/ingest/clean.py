"""Clean: `data/raw/` → typed tables (in memory) + quarantined rows.

Load inputs (registry, DTI tables, press facts, articles' indicators and targets) / process
(resolve names, parse numbers, merge by standing) / return the tables. Writing, validating and
swapping them into `data/processed/` is `pipeline`'s job.

`clean(root)` is the door for a notebook or a test: it resolves the project once;
`clean_project(paths)` is what `pipeline.stages` calls with the `Paths` its caller resolved.
Every reader returns a `quarantine.ReadResult` (rows with their provenance, quarantined rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from ..domain.registry import REGISTRY_SOURCE, Registry
from ..domain.schema import frame
from ..errors import InputError
from ..paths import (
    DTI_FACTS_FILE,
    INDICATOR_CATALOGUE_FILE,
    INDICATORS_FILE,
    REGISTRY_FILE,
    SOURCES_FILE,
    TARGETS_FILE,
    Paths,
)
from ..vocab import UNIT_SETS
from . import articles, dti_facts, dti_tables, geo, indices, notes, quarantine


@dataclass
class Cleaned:
    tables: dict[str, pd.DataFrame]
    quarantine: pd.DataFrame


def clean(root=None) -> Cleaned:
    """The tables of the project at `root` (resolved here, once)."""
    return clean_project(Paths.at(root).require_project())


def clean_project(paths: Paths) -> Cleaned:
    """The tables of the project `paths` (module docstring)."""
    _require_inputs(paths)
    root = paths.root
    registry = Registry.from_file(paths.raw / REGISTRY_FILE, root)

    def file(name: str):
        return paths.raw / name, paths.relative(paths.raw / name)

    dti_read = dti_tables.import_folder(paths.raw_dti, registry, paths.relative, root)
    path, relative = file(DTI_FACTS_FILE)
    facts = dti_facts.read_facts(path, registry, relative, root)
    catalogue = articles.read_catalogue(*file(INDICATOR_CATALOGUE_FILE), root)
    by_id = {c["indicator"]: c for c in catalogue.rows}
    curated = articles.read_sources(paths.raw / SOURCES_FILE, root).rows
    published = {s["source_id"]: s.get("published", "") for s in curated}
    path, relative = file(INDICATORS_FILE)
    indicators = articles.read_indicators(path, registry, by_id, relative, root)
    path, relative = file(TARGETS_FILE)
    targets = articles.read_targets(path, registry, by_id, published, relative, root)

    # The national indices: every table of data/raw/indices/, with the DTI tables dropped into
    # data/raw/dti/ and the DTI press facts collapsed into the DTI rows by standing. The `dti`
    # table is the DTI rows of `index_scores`: one DTI, whichever report section reads it.
    index_import = indices.import_folder(
        paths.raw_indices, registry, paths.relative,
        [{**row, "index": "dti"} for row in dti_read.rows + facts.rows], root)
    held = [q for read in (dti_read, facts, indicators, targets, index_import)
            for q in read.quarantined]
    if "dti" not in index_import.catalogue:
        raise InputError("does not list the index 'dti'", path="data/raw/indices/catalogue.csv",
                         hint="the dti table and the reports' DTI sections are built from it; "
                              "put its row back")
    # The project's notes in Vietnamese, part by part (data/raw/notes-vi.csv).
    index_import.scores = notes.with_translations(
        index_import.scores, notes.read_translations(*file(notes.NOTES_FILE), root))
    dti_rows = [{k: v for k, v in row.items() if k != "index"}
                for row in index_import.scores if row["index"] == "dti"]

    tables = {
        "provinces": frame("provinces", province_records(registry, paths)),
        "dti": frame("dti", dti_rows),
        "dti_aggregates": frame("dti_aggregates", facts.aggregates),
        "indicators": frame("indicators", indicators.rows),
        "targets": frame("targets", targets.rows),
        "indicator_catalogue": frame("indicator_catalogue", catalogue.rows),
        **{name: frame(name, records) for name, records in
           indices.catalogue_records(index_import.catalogue, paths.relative).items()},
        "index_scores": frame("index_scores", index_import.scores),
        "index_publications": frame("index_publications", index_import.publications),
        # The province boundaries of both sets, for the maps (checked against the registry).
        "boundaries": frame("boundaries", geo.read_boundaries(paths, registry).rows),
    }
    tables["sources"] = frame("sources", source_records(tables, curated))
    return Cleaned(tables, quarantine.to_frame(held))


REQUIRED_FILES = (REGISTRY_FILE, DTI_FACTS_FILE, INDICATOR_CATALOGUE_FILE, INDICATORS_FILE,
                  TARGETS_FILE, SOURCES_FILE)


def _require_inputs(paths: Paths) -> None:
    """Every raw input the tables are built from, present before anything is read: one error
    naming all that are missing (an empty table would otherwise pass for a clean one)."""
    missing = [name for name in REQUIRED_FILES if not (paths.raw / name).is_file()]
    if not paths.raw_dti.is_dir():
        missing.append(paths.relative(paths.raw_dti) + "/")
    if not (paths.raw_indices / indices.CATALOGUE_FILE).is_file():
        missing.append(paths.relative(paths.raw_indices / indices.CATALOGUE_FILE))
    if missing:
        raise InputError(f"missing raw input(s): {', '.join(missing)}",
                         path=paths.relative(paths.raw),
                         hint="restore them from the repository (git checkout -- data/raw)")


def province_records(registry: Registry, paths: Paths) -> list[dict]:
    records = []
    for unit_set in UNIT_SETS:
        for line, unit in enumerate(registry.all(unit_set), start=2):
            records.append({
                "unit_set": unit_set, "province_code": unit.code, "name": unit.name,
                "short_name": unit.short_name, "ascii_name": unit.ascii_name, "slug": unit.slug,
                "division_type": unit.division_type, "region": unit.region,
                "region_en": unit.region_en, "successor_code": unit.successor_code,
                "members": "|".join(unit.members) or None, "source": REGISTRY_SOURCE,
                "source_file": paths.relative(paths.raw / REGISTRY_FILE),
                "source_line": line if unit_set == "63" else None,
            })
    return records


def source_records(tables: dict[str, pd.DataFrame], curated: list[dict]) -> list[dict]:
    """Every source any table cites: the curated articles first, then each URL by its host."""
    known = {s["source_id"]: s for s in curated}
    cited: set[str] = set()
    for table in tables.values():
        if "source" in table:
            for value in table["source"].dropna():
                cited.update(part.strip() for part in str(value).split(";") if part.strip())
    records = [{"source_id": REGISTRY_SOURCE, "publisher": "General Statistics Office (GSO) codes; "
                "crosswalk per Resolution 202/2025/QH15", "published": "2025", "title":
                "Provinces 63 → 34 crosswalk", "url": None, "kind": "registry",
                "note": "data/raw/" + REGISTRY_FILE}]
    if geo.GEO_SOURCE in cited:
        records.append(dict(geo.GEO_SOURCE_RECORD))
    for source_id in sorted(cited - {REGISTRY_SOURCE, geo.GEO_SOURCE}):
        if source_id in known:
            entry = known[source_id]
            records.append({"source_id": source_id, "publisher": entry.get("publisher") or None,
                            "published": entry.get("published") or None,
                            "title": entry.get("title") or None, "url": entry.get("url") or None,
                            "kind": "press", "note": entry.get("note") or None})
        elif source_id.startswith(("http://", "https://")):
            host = urlparse(source_id).netloc.removeprefix("www.")
            records.append({"source_id": source_id, "publisher": host, "published": None,
                            "title": None, "url": source_id,
                            "kind": "official" if host.endswith("gov.vn") else "press",
                            "note": None})
        else:
            records.append({"source_id": source_id, "publisher": None, "published": None,
                            "title": None, "url": None, "kind": "file", "note": None})
    return records
