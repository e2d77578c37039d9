"""Columns and types of every processed table (documented in README.md), and the functions that
turn cleaned records into a typed, sorted DataFrame. Keys are in `vocab.TABLE_KEYS`."""

from __future__ import annotations

import pandas as pd

from ..vocab import QUARANTINE_COLUMNS, TABLE_KEYS

S, I, F, B, D = "string", "Int64", "float64", "boolean", "datetime64[ms]"
PROVENANCE = {"source": S, "source_file": S, "source_line": I}

SCHEMAS: dict[str, dict[str, str]] = {
    "provinces": {
        "unit_set": S, "province_code": S, "name": S, "short_name": S, "ascii_name": S,
        "slug": S, "division_type": S, "region": S, "region_en": S, "successor_code": S,
        "members": S, **PROVENANCE,
    },
    "dti": {
        "year": I, "unit_set": S, "province_code": S, "metric": S, "score": F, "rank": I,
        "status": S, "score_status": S, "rank_status": S, "note": S, "note_vi": S,
        "score_words": S, "score_words_en": S, "conflict": S, "disputed": S, **PROVENANCE,
    },
    "dti_aggregates": {
        "year": I, "unit_set": S, "entity": S, "metric": S, "value": F, "status": S,
        "note": S, **PROVENANCE,
    },
    "indicators": {
        "province_code": S, "unit_set": S, "period": S, "period_end": D, "indicator": S,
        "value": F, "unit": S, "qualifier": S, "denominator": F, "as_written": S, "note": S,
        **PROVENANCE,
    },
    "targets": {
        "province_code": S, "unit_set": S, "indicator": S, "target_value": F, "unit": S,
        "qualifier": S, "target_year": I, "instrument": S, "issued": D, "as_written": S,
        "note": S, **PROVENANCE,
    },
    "indicator_catalogue": {
        "indicator": S, "label_vi": S, "label_en": S, "unit": S, "higher_is_better": B,
        "min_value": F, "max_value": F, "note": S, **PROVENANCE,
    },
    "sources": {
        "source_id": S, "publisher": S, "published": S, "title": S, "url": S, "kind": S,
        "note": S,
    },
    "index_catalogue": {
        "index": S, "name_vi": S, "name_en": S, "publisher": S, "url": S, "official_hosts": S,
        "score_min": F, "score_max": F, "higher_is_better": B, "note": S, **PROVENANCE,
    },
    "index_metrics": {
        "index": S, "metric": S, "parent": S, "position": I, "label_vi": S, "label_en": S,
        "aggregate": S, "score_min": F, "score_max": F, "highlight": B, "note": S,
        **PROVENANCE,
    },
    "index_methods": {
        "index": S, "year": I, "change_vi": S, "change_en": S, **PROVENANCE,
    },
    "index_scores": {
        "index": S, "year": I, "unit_set": S, "province_code": S, "metric": S, "score": F,
        "rank": I, "status": S, "score_status": S, "rank_status": S, "note": S, "note_vi": S,
        "score_words": S, "score_words_en": S, "conflict": S, "disputed": S, **PROVENANCE,
    },
    "index_publications": {
        "index": S, "year": I, "unit_set": S, "kind": S, "n_published": I, "excluded": S,
        "also_published": S, "as_written": S, "note": S, **PROVENANCE,
    },
    # One row per unit of each set: its boundary (GeoJSON polygons' coordinates as JSON text,
    # lon/lat) from data/raw/geo/, for the maps.
    "boundaries": {
        "unit_set": S, "province_code": S, "name": S, "geometry": S, **PROVENANCE,
    },
}



def frame(table: str, records: list[dict]) -> pd.DataFrame:
    """Typed DataFrame of `table`'s columns, sorted by its key (so output is deterministic)."""
    return typed(table, records).sort_values(list(TABLE_KEYS[table]), kind="stable",
                                             ignore_index=True)


def typed(table: str, records: list[dict]) -> pd.DataFrame:
    """Typed DataFrame of `table`'s columns, rows in the order given (missing keys null)."""
    schema = SCHEMAS[table]
    data = pd.DataFrame.from_records(records, columns=list(schema))
    for column, dtype in schema.items():
        if dtype == D:
            data[column] = pd.to_datetime(data[column]).astype(D)
        elif dtype == F:
            data[column] = pd.to_numeric(data[column]).astype(F)
        else:
            data[column] = data[column].astype(dtype)
    return data


def empty_quarantine() -> pd.DataFrame:
    """The quarantine table with no rows (its columns, as text)."""
    return pd.DataFrame({c: pd.Series(dtype="string") for c in QUARANTINE_COLUMNS})
