"""The maps (issue 24, point 4) and the overview of every index (point 3), on the shipped data
and on a SYNTHETIC index added as data: the SVG read back as a reader's browser gets it."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from dtanalysis.analysis import indices as ix
from dtanalysis.analysis import maps as am
from dtanalysis.analysis import overview as ov
from dtanalysis.analysis.data import units
from dtanalysis.domain.registry import Registry
from dtanalysis.errors import InputError
from dtanalysis.ingest import geo
from dtanalysis.paths import REGISTRY_FILE, Paths
from dtanalysis.report.context import overview_context, report_context
from dtanalysis.report.i18n import t
from dtanalysis.report.sections import maps as sm
from dtanalysis.report.sections import overview as so
from dtanalysis.vocab import STATUSES

SVG = "{http://www.w3.org/2000/svg}"
ROOT_GEO = Paths.at(None).raw / "geo"


def _svgs(objects) -> list[str]:
    out = []
    for o in objects:
        text = str(getattr(o, "data", ""))
        if "<svg" in text:
            out.append(text[text.index("<svg"):text.rindex("</svg>") + 6])
    return out


def _read(svg: str) -> dict:
    root = ET.fromstring(svg)
    paths = [e for e in root.iter(f"{SVG}path") if e.get("data-code")]
    return {
        "root": root,
        "codes": [e.get("data-code") for e in paths],
        "hatched": {e.get("data-code") for e in paths if e.get("fill", "").startswith("url(")},
        "marked_hatched": {e.get("data-code") for e in paths if e.get("data-hatched")},
        "outline": [e.get("data-outline") for e in root.iter(f"{SVG}path")
                    if e.get("data-outline")],
        "archipelagos": {name: " ".join(e.text for e in root.iter(f"{SVG}text")
                                        if e.get("data-archipelago") == name)
                         for name in ("hoang_sa", "truong_sa")},
        "attribution": " ".join(e.text for e in root.iter(f"{SVG}text")
                                if e.get("data-attribution")),
        "title": root.find(f"{SVG}title").text,
        "texts": " ".join(e.text or "" for e in root.iter(f"{SVG}text")),
    }


# ------------------------------------------------------------------------ the boundaries


def test_every_registry_unit_has_exactly_one_boundary(data):
    for unit_set in ("63", "34"):
        rows = data.boundaries[data.boundaries["unit_set"] == unit_set]
        assert sorted(rows["province_code"]) == sorted(units(data, unit_set)["province_code"])
        assert rows["province_code"].is_unique
        assert all(json.loads(g)[0][0][0] for g in rows["geometry"])
    assert set(data.boundaries["source"]) == {geo.GEO_SOURCE}
    source = data.sources[data.sources["source_id"] == geo.GEO_SOURCE].iloc[0]
    assert "CC BY-SA 4.0" in source["note"] and source["kind"] == "map"


def _geo_project(tmp_path, edit) -> Paths:
    root = tmp_path / "p"
    (root / "data/raw/geo").mkdir(parents=True)
    shutil.copy(Paths.at(None).raw / REGISTRY_FILE, root / "data/raw" / REGISTRY_FILE)
    for unit_set, name in geo.GEO_FILES.items():
        collection = json.loads((ROOT_GEO / name).read_text(encoding="utf-8"))
        if unit_set == "63":
            edit(collection["features"])
        (root / "data/raw/geo" / name).write_text(json.dumps(collection), encoding="utf-8")
    return Paths.at(root)


@pytest.mark.parametrize(("edit", "words"), [
    (lambda f: f.pop(5), "no feature for unit(s)"),
    (lambda f: f.append(f[0]), "both have code 01"),
    (lambda f: f[3]["properties"].update(ma_tinh="99"), "not a unit of the 63-unit set"),
])
def test_a_boundary_file_that_misses_or_repeats_a_unit_is_refused(tmp_path, edit, words):
    paths = _geo_project(tmp_path, edit)
    registry = Registry.from_file(paths.raw / REGISTRY_FILE, paths.root)
    with pytest.raises(InputError) as caught:
        geo.read_boundaries(paths, registry)
    message = str(caught.value)
    assert words in message and "vn63-provinces-simplified.geojson" in message
    assert "\n" not in message


@pytest.mark.parametrize(("content", "words"), [(b"\x89PNG\r\n", "not a GeoJSON file"),
                                               (b'{"type": "Topology"}', "no `features` list")])
def test_a_boundary_file_that_is_not_geojson_is_refused(tmp_path, content, words):
    paths = _geo_project(tmp_path, lambda features: None)
    (paths.raw / "geo" / geo.GEO_FILES["63"]).write_bytes(content)
    registry = Registry.from_file(paths.raw / REGISTRY_FILE, paths.root)
    with pytest.raises(InputError, match=words):
        geo.read_boundaries(paths, registry)


def test_clean_refuses_a_boundary_file_and_leaves_processed_untouched(project_copy, capsys):
    from dtanalysis.cli import main

    path = project_copy / "data/raw/geo" / geo.GEO_FILES["34"]
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] = collection["features"][1:]
    path.write_text(json.dumps(collection), encoding="utf-8")
    processed = project_copy / "data/processed"
    before = {p.name: p.read_bytes() for p in sorted(processed.iterdir()) if p.is_file()}
    assert main(["clean", "--root", str(project_copy)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: data/raw/geo/vn34-units-dissolved-simplified.geojson: no "
                          "feature for unit(s)") and "\n" not in err, err
    assert {p.name: p.read_bytes() for p in sorted(processed.iterdir()) if p.is_file()} == before


def test_a_project_without_boundaries_draws_no_map(data):
    import dataclasses

    bare = dataclasses.replace(data, boundaries=data.boundaries.iloc[0:0])
    ctx = overview_context("63", "en", data=bare)
    objects = sm.show_maps(ctx)
    assert _svgs(objects) == []
    assert t("map_no_boundaries", "en") in " ".join(str(getattr(o, "data", "")) for o in objects)
    assert sm.show_province_map(report_context("Hải Phòng", "63", lang="en", data=bare)) == []


# ------------------------------------------------------------------------ the overview's maps


@pytest.mark.parametrize("unit_set", ["63", "34"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_maps_show_every_unit_hatch_exactly_the_gaps_and_label_the_archipelagos(
        data, unit_set, lang):
    ctx = overview_context(unit_set, lang, data=data)
    objects = sm.show_maps(ctx)
    svgs = _svgs(objects)
    catalogue = [i for i in ix.catalogue(data)["index"]
                 if am.map_ranks(data, unit_set, i).year is not None]
    assert catalogue  # DTI ranks both sets
    assert len(svgs) == len(catalogue)  # one map per index that ranks the set
    texts = " ".join(str(getattr(o, "data", "")) for o in objects)
    for index in set(ix.catalogue(data)["index"]) - set(catalogue):  # said in words instead
        label = am.map_ranks(data, unit_set, index).label
        assert t("map_no_table", lang, index=label, set_label=ctx.set_label) in texts
    everyone = sorted(units(data, unit_set)["province_code"])
    for index, svg in zip(catalogue, svgs):
        assert "<script" not in svg.lower() and "href=\"http" not in svg
        assert len(svg.encode()) < 60_000  # a few tens of KB
        seen = _read(svg)
        assert sorted(seen["codes"]) == everyone  # every unit once, by its code
        ranks = am.map_ranks(data, unit_set, index)
        without = set(ranks.table.loc[~ranks.table["drawn"], "province_code"])
        assert seen["hatched"] == seen["marked_hatched"] == without
        assert without >= set(ranks.table.loc[ranks.table["rank"].isna(), "province_code"])
        for name in ("hoang_sa", "truong_sa"):
            assert seen["archipelagos"][name] == t(f"map_{name}", lang).replace("\n", " ")
        assert seen["attribution"] == t("map_attribution", lang)
        assert "CC BY-SA 4.0" in seen["attribution"]
        assert seen["title"].startswith(t("map_alt", lang, set_label=ctx.set_label,
                                          index=ranks.label, year=ranks.year,
                                          n_drawn=int(ranks.table["drawn"].sum()),
                                          n_units=ranks.n_units,
                                          n_hatched=len(without))[:20])
        _, per_unit, legend = sm.whys(ranks, lang, ctx.set_label, data)
        assert all(per_unit[i] for i in range(len(per_unit))
                   if not ranks.table["drawn"].iat[i])  # each hatched unit's reason, in words
        assert legend or not without
        for sentence in legend:  # the legend says why, in the claims rules' words
            assert sentence in seen["texts"], sentence
    # the same numbers as a table: one row per unit under each map
    tables = [str(o.data) for o in objects if "dta-chart-data" in str(getattr(o, "data", ""))]
    assert len(tables) == len(catalogue)
    assert all(tb.count("<tr>") == len(everyone) + 1 for tb in tables)


def test_an_uncertain_rank_is_not_coloured(data):
    ranks = am.map_ranks(data, "63", "dti")
    table = ranks.table
    assert not table.loc[table["rank_status"] == "uncertain", "drawn"].any()
    assert ranks.n_ranked == sum(ranks.by_status[s] for s in STATUSES)


def test_rank_classes_cover_every_rank_in_order():
    classes = am.rank_classes(63)
    assert classes[0][0] == 1 and classes[-1][1] == 63
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(classes))
    assert [am.rank_class(r, classes) for r in (1, 13, 14, 63)] == [0, 0, 1, 4]
    assert am.rank_class(None, classes) is None


@pytest.mark.parametrize(("province", "unit_set"), [("Hải Phòng", "63"), ("Khánh Hòa", "63"),
                                                    ("Hải Phòng", "34")])
def test_a_province_report_has_a_small_map_with_the_province_outlined(data, province,
                                                                       unit_set):
    ctx = report_context(province, unit_set, lang="en", data=data)
    svgs = _svgs(sm.show_province_map(ctx))
    assert len(svgs) == 1
    seen = _read(svgs[0])
    assert seen["outline"] == [ctx.code]
    assert sorted(seen["codes"]) == sorted(units(data, unit_set)["province_code"])
    assert seen["archipelagos"]["hoang_sa"] and seen["archipelagos"]["truong_sa"]
    assert seen["attribution"] == t("map_attribution", "en")
    assert len(svgs[0].encode()) < 25_000
    assert "<script" not in svgs[0].lower()


# ------------------------------------------------------------------------ every index


def test_movers_never_use_an_uncertain_rank_and_coverage_counts_every_status(data):
    for index in ix.catalogue(data)["index"]:
        moves = ov.movers(data, "63", index)
        assert "uncertain" not in set(moves["from_status"]) | set(moves["to_status"])
        cov = ov.coverage(data, "63", index)
        for _, row in cov.iterrows():
            assert row["n_rank"] == sum(row[f"n_rank_{s}"] for s in STATUSES)
    dti = ov.coverage(data, "63", "dti").set_index("year")
    assert dti.loc[2020, "n_rank_published_secondary"] > 0  # counted, not left out


def test_the_overview_covers_an_index_added_as_data(synthetic_index_project):
    from dtanalysis.analysis import Data

    data = Data.load(synthetic_index_project)
    ctx = overview_context("63", "en", data=data)
    for show in (so.show_ranking, so.show_rank_heatmap, so.show_movers, so.show_regions,
                 so.show_coverage):
        texts = [str(getattr(o, "data", "")) for o in show(ctx)]
        assert any(tx.strip() == "### ZZI" for tx in texts), show.__name__
    svgs = _svgs(sm.show_maps(ctx))
    assert len(svgs) == 4
    zzi = _read(svgs[-1] if "ZZI" in svgs[-1] else next(s for s in svgs if "ZZI" in s))
    assert len(zzi["codes"]) == 63 and len(zzi["hatched"]) == 60  # 3 SYNTHETIC ranks


def test_the_overview_heat_map_is_a_table_per_index(data):
    ctx = overview_context("63", "vi", data=data)
    tables = [str(o.data) for o in so.show_rank_heatmap(ctx) if "dta-heat" in str(o.data)]
    assert len(tables) == len(ix.catalogue(data))
    assert all(tb.split("<tfoot>")[0].count('<th scope="row">') == 63 for tb in tables)
    # each year's coverage under it: units with a rank of any status, of the 63
    counts = {y: int(n) for y, n in
              ov.coverage(data, "63", "dti").set_index("year")["n_rank"].items()}
    dti = tables[list(ix.catalogue(data)["index"]).index("dti")]
    foot = dti.split("<tfoot>")[1]
    assert t("ov_heat_ranked", "vi", n=63) in foot
    assert [int(x) for x in re.findall(r"<td>(\d+)</td>", foot)] == [
        counts[y] for y in sorted(counts) if y in ov.rank_matrix(data, "63").ranks.columns]
    # the cells' colours are the maps' (declared twice: the stylesheet and the SVG module)
    from dtanalysis.report.charts.maps import CLASS_COLOURS, CLASS_TEXT
    from dtanalysis.runner.render import TEMPLATES_DIR
    css = (TEMPLATES_DIR / "dtanalysis_report" / "dtanalysis_report.css").read_text()
    for i, (back, fore) in enumerate(zip(CLASS_COLOURS, CLASS_TEXT)):
        assert f"td.dta-r{i} {{ background: {back}; color: {fore}; }}" in css
