"""Province boundaries for the maps: `data/raw/geo/` → the processed table `boundaries`, one row
per unit of each set (its GeoJSON geometry as text), checked against the registry.

Two files, one per unit set (README of `data/raw/geo/`: source, licence, how the 34 units are
dissolved from the 63): every registry unit of the set must have exactly one feature, found by
its GSO code (`ma_tinh`), and every feature must be a unit of the set; anything else is refused
in one line naming the file and the feature (exit 2, `data/processed/` untouched). A project
without the folder `data/raw/geo/` (a synthetic benchmark project) has no boundaries: its pages
draw no map and say why.
"""

from __future__ import annotations

import json

from ..domain.registry import Registry
from ..errors import InputError
from ..paths import Paths
from .quarantine import ReadResult

GEO_FOLDER = "geo"
GEO_FILES = {"63": "vn63-provinces-simplified.geojson",
             "34": "vn34-units-dissolved-simplified.geojson"}
GEO_SOURCE = "map:odm-diaphantinh"
GEO_SOURCE_RECORD = {
    "source_id": GEO_SOURCE,
    "publisher": ("Open Development Mekong / Cục Đo đạc và Bản đồ Việt Nam (Vietnam Department "
                  "of Survey and Mapping), via geoBoundaries (VNM ADM1)"),
    "published": "2016",
    "title": "Địa phận tỉnh (province boundaries), simplified; the 34 units dissolved from the 63",
    "url": "https://data.vietnam.opendevelopmentmekong.net/dataset/a-phn-tnh",
    "kind": "map",
    "note": "CC BY-SA 4.0; data/raw/geo/README.md",
}


def read_boundaries(paths: Paths, registry: Registry) -> ReadResult:
    """The rows of `boundaries`: per unit set, one per registry unit, in the registry's order
    (nothing is quarantined: a bad file is refused)."""
    records: list[dict] = []
    if not (paths.raw / GEO_FOLDER).is_dir():
        return ReadResult(records)
    for unit_set, name in GEO_FILES.items():
        path = paths.raw / GEO_FOLDER / name
        where = paths.relative(path)
        features = _features(path, where)
        codes = {u.code for u in registry.all(unit_set)}
        by_code: dict[str, tuple[int, dict]] = {}
        for number, feature in enumerate(features, start=1):
            props = feature.get("properties") or {}
            code = str(props.get("ma_tinh") or "").strip()
            geometry = feature.get("geometry") or {}
            if code not in codes:
                raise InputError(f"feature {number} has code {code or '(none)'!r}, not a unit "
                                 f"of the {unit_set}-unit set", path=where,
                                 hint="every feature's `ma_tinh` must be a GSO code of the "
                                      "registry")
            if code in by_code:
                raise InputError(f"features {by_code[code][0]} and {number} both have code "
                                 f"{code}: one feature per unit", path=where)
            if geometry.get("type") not in ("Polygon", "MultiPolygon") or not \
                    geometry.get("coordinates"):
                raise InputError(f"feature {number} (code {code}) has no polygon", path=where)
            by_code[code] = (number, feature)
        missing = sorted(codes - set(by_code))
        if missing:
            raise InputError(f"no feature for unit(s) {', '.join(missing)} of the {unit_set}-unit "
                             "set", path=where,
                             hint="every registry unit needs exactly one feature (`ma_tinh`)")
        for unit in registry.all(unit_set):
            number, feature = by_code[unit.code]
            geometry = feature["geometry"]
            polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                        else [geometry["coordinates"]])
            records.append({
                "unit_set": unit_set, "province_code": unit.code,
                "name": str(feature["properties"].get("ten_tinh") or unit.short_name),
                "geometry": json.dumps(polygons, separators=(",", ":")),
                "source": GEO_SOURCE, "source_file": where, "source_line": number,
            })
    return ReadResult(records)


def _features(path, where: str) -> list[dict]:
    if not path.is_file():
        raise InputError("missing boundary file", path=where,
                         hint="restore it from the repository (git checkout -- data/raw/geo)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a GeoJSON file ({exc})", path=where) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError("not a GeoJSON FeatureCollection (no `features` list)", path=where)
    return features
