"""The numbers a province report shows, as one long table to take away (CSV / XLSX beside the
report): one row per value, with its status, source, and the raw file and line it came from.

Rows: every DTI rank and score of the report's units (for a 34-set unit also its members), the
overall DTI rank and score of its comparison units, its indicators with the national value of the
same indicator and period, its targets, and (section "indices", report section 9) every score
and rank `index_scores` holds for the unit itself on every index of the catalogue — overall and
sub-indices, every year, with the index in `index`. A value that was never published has no row
(a gap stays a gap: nothing is filled). Section "coverage": per index and year of the set, the
units held (`value`) of the units published (`as_written` "13 of 63"; `qualifier` says whether
the publisher's declaration or the set's size gives N), from `analysis.claims`."""

from __future__ import annotations

import pandas as pd

from . import claims
from .data import NATIONAL_CODE, OVERALL, Data, memo, name_of, plain_value, report_units

EXPORT_COLUMNS = ("section", "unit_set", "province_code", "name", "index", "item", "period",
                  "measure",
                  "value", "unit", "qualifier", "as_written", "status", "disputed", "source",
                  "source_file", "source_line")


def report_numbers(data: Data, code: str, unit_set: str,
                   peer_codes: list[str] | tuple = ()) -> pd.DataFrame:
    wanted = report_units(data, code, unit_set)
    records: list[dict] = []
    dti = data.dti
    own = dti[[(c, s) in wanted for c, s in zip(dti["province_code"], dti["unit_set"])]]
    peers = dti[(dti["unit_set"] == unit_set) & dti["province_code"].isin(list(peer_codes))
                & (dti["metric"] == OVERALL)]
    for section, rows in (("dti", own), ("peers", peers)):
        for r in rows.to_dict("records"):
            for measure in ("rank", "score"):
                if pd.isna(r[measure]):
                    continue
                records.append(_record(data, section, r, item=r["metric"],
                                       period=str(int(r["year"])), measure=measure,
                                       value=float(r[measure]), unit=measure,
                                       status=r[f"{measure}_status"],
                                       disputed=_disputed(r, measure)))
    ind = data.indicators
    own_ind = ind[[(c, s) in wanted for c, s in zip(ind["province_code"], ind["unit_set"])]]
    keys = set(zip(own_ind["indicator"], own_ind["period"]))
    matches = pd.Series([k in keys for k in zip(ind["indicator"], ind["period"])],
                        index=ind.index, dtype=bool)
    national = ind[(ind["province_code"] == NATIONAL_CODE) & matches]
    for section, rows in (("indicators", own_ind), ("national_benchmark", national)):
        for r in rows.to_dict("records"):
            if pd.isna(r["value"]):
                continue
            records.append(_record(data, section, r, item=r["indicator"], period=r["period"],
                                   measure="value", value=float(r["value"]), unit=r["unit"],
                                   qualifier=r["qualifier"], as_written=r["as_written"],
                                   status="reported"))
    tg = data.targets
    own_tg = tg[[(c, s) in wanted for c, s in zip(tg["province_code"], tg["unit_set"])]]
    for r in own_tg.to_dict("records"):
        records.append(_record(data, "targets", r, item=r["indicator"],
                               period="" if pd.isna(r["target_year"]) else str(int(r["target_year"])),
                               measure="target", value=float(r["target_value"]), unit=r["unit"],
                               qualifier=r["qualifier"], as_written=r["as_written"],
                               status=None))
    scores = data.index_scores
    own_ix = scores[(scores["province_code"] == code) & (scores["unit_set"] == unit_set)]
    own_ix = own_ix.sort_values(["index", "year", "metric"], kind="stable")
    for r in own_ix.to_dict("records"):
        for measure in ("score", "rank"):
            if pd.isna(r[measure]):
                continue
            records.append(_record(data, "indices", r, item=r["metric"],
                                   period=str(int(r["year"])), measure=measure,
                                   value=float(r[measure]), unit=measure,
                                   status=r[f"{measure}_status"], index=r["index"],
                                   disputed=_disputed(r, measure)))
    records.extend(dict(r) for r in coverage_records(data, unit_set))
    frame = pd.DataFrame(records, columns=list(EXPORT_COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"]).astype("Float64")
    frame["source_line"] = pd.to_numeric(frame["source_line"]).astype("Int64")
    return frame


def coverage_records(data: Data, unit_set: str) -> list[dict]:
    """How much of each publication the numbers come from: one row per index and year of the
    set, units held (value) of the units published (declared, else the set's). The same for
    every unit of the set: built once per Data (`memo`)."""
    def build() -> list[dict]:
        pubs = data.index_publications
        declared: dict = {}  # the first declaration of each index and year
        for r in pubs[pubs["unit_set"] == unit_set].to_dict("records"):
            declared.setdefault((r["index"], int(r["year"])), r)
        out = []
        for c in claims.coverage_table(data, unit_set).to_dict("records"):
            d = declared.get((c["index"], int(c["year"])))
            out.append({
                "section": "coverage", "unit_set": unit_set, "province_code": None,
                "name": None, "index": c["index"], "item": c["index"],
                "period": str(int(c["year"])), "measure": "units_held",
                "value": float(c["held"]), "unit": "units",
                "qualifier": (f"of {int(c['out_of'])} published" if c["declared"]
                              else f"of the set's {int(c['out_of'])} (publication not declared)"),
                "as_written": (f"{int(c['held'])} of {int(c['out_of'])}" if c["has_table"]
                               else "no table"), "status": None, "disputed": None,
                "source": None if d is None else plain_value(d["source"]),
                "source_file": None if d is None else plain_value(d["source_file"]),
                "source_line": None if d is None else plain_value(d["source_line"])})
        return out

    return memo(data, ("exports.coverage_records", unit_set), build)


def _disputed(r: dict, measure: str) -> str | None:
    """The other values sources give for this score or rank (`claims.disputes`), in words:
    "0.5293 (derived, data/raw/…:16, https://…)"; None when none."""
    found = claims.disputes(r.get("disputed"), measure)
    return "; ".join(f"{d.value:g} ({d.status}, {d.where}, {d.source})" for d in found) or None


def _record(data: Data, section: str, r: dict, *, item, period, measure, value, unit,
            status, qualifier=None, as_written=None, index=None, disputed=None) -> dict:
    code, unit_set = r["province_code"], r["unit_set"]
    name = "Việt Nam" if code == NATIONAL_CODE else name_of(data, code, unit_set)
    return {"section": section, "unit_set": unit_set, "province_code": code, "name": name,
            "index": index, "item": item, "period": period, "measure": measure, "value": value,
            "unit": plain_value(unit), "qualifier": plain_value(qualifier),
            "as_written": plain_value(as_written), "status": plain_value(status),
            "disputed": disputed,
            "source": plain_value(r["source"]), "source_file": plain_value(r["source_file"]),
            "source_line": plain_value(r["source_line"])}
