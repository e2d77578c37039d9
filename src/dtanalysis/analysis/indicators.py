"""Section 6, indicators: the province's indicators beside the national benchmark of the same
indicator and period."""

from __future__ import annotations

import pandas as pd

from .data import NATIONAL_CODE, PUBLICATION_DATE_NOTE, Data, memo, name_of, report_units


def indicators_with_benchmark(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    """The province's indicators (for a 34-set unit: also its members') beside the national
    (`VN`) value of the same indicator and period where one exists (NaN otherwise). Built
    once per Data and unit (the report and its about section, in both languages, ask for it);
    each caller gets its own copy."""
    return memo(data, ("indicators_with_benchmark", code, unit_set),
                lambda: _indicators_with_benchmark(data, code, unit_set)).copy()


def _indicators_with_benchmark(data: Data, code: str, unit_set: str) -> pd.DataFrame:
    wanted = report_units(data, code, unit_set)
    ind = data.indicators
    own = ind[[(c, s) in wanted for c, s in zip(ind["province_code"], ind["unit_set"])]].copy()
    national = ind[ind["province_code"] == NATIONAL_CODE][
        ["indicator", "period", "value", "qualifier", "as_written", "source"]]
    national = national.drop_duplicates(["indicator", "period"]).rename(columns={
        "value": "vn_value", "qualifier": "vn_qualifier", "as_written": "vn_as_written",
        "source": "vn_source"})
    merged = own.merge(national, on=["indicator", "period"], how="left")
    labels = data.catalogue.set_index("indicator")
    merged["label_vi"] = merged["indicator"].map(labels["label_vi"])
    merged["label_en"] = merged["indicator"].map(labels["label_en"])
    merged["period_is_publication_date"] = merged["note"].fillna("").str.startswith(
        PUBLICATION_DATE_NOTE).astype(bool)
    merged["name"] = [name_of(data, c, s) for c, s in
                      zip(merged["province_code"], merged["unit_set"])]
    columns = ["province_code", "unit_set", "name", "indicator", "label_vi", "label_en",
               "period", "period_end", "period_is_publication_date", "value", "unit",
               "qualifier", "denominator", "as_written", "source", "vn_value", "vn_qualifier",
               "vn_as_written", "vn_source"]
    merged = merged[columns]
    return merged.sort_values(["province_code", "indicator", "period_end", "source"],
                              ignore_index=True)
