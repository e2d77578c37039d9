"""Wording the issue called out (#9): no unit is part of itself, a target without data is "no
data" (never overdue), no "best" or "median" of a single value. REAL processed tables."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from dtanalysis import report as rs
from dtanalysis.report.i18n import t
from dtanalysis.report.sections.pillars import _pillar_table


def _text(objects) -> str:
    return "\n".join(o.data for o in objects if isinstance(getattr(o, "data", None), str))


def test_no_unit_is_part_of_itself(data):
    for lang in ("vi", "en"):
        text = _text(rs.show_merger(rs.report_context("Hải Phòng", "63", lang=lang, data=data)))
        assert "một phần của **Hải Phòng**" not in text and "part of **Hải Phòng**" not in text
        assert ("hợp thành đơn vị mới **Hải Phòng**" in text if lang == "vi"
                else "form the new unit **Hải Phòng**" in text)
    # a province whose unit has another name still "is part of" it
    hd = _text(rs.show_merger(rs.report_context("Hải Dương", "63", lang="en", data=data)))
    assert "is part of **Hải Phòng**" in hd


def test_a_target_without_data_is_no_data_not_overdue(data):
    # Quảng Ninh: six targets for 2025, none with a value; read in 2026 (deadline passed)
    ctx = rs.report_context("Quảng Ninh", "63", lang="vi", data=data, as_of=dt.date(2026, 6, 1))
    text = _text(rs.show_targets(ctx))
    assert "quá hạn" not in text and "hết hạn" not in text
    assert text.count(t("tg_no_value", "vi")) >= 6


def test_no_best_or_median_of_a_single_value(data):
    from dtanalysis import analysis as an

    # sub-index ranks published for one unit alone (as Hải Phòng's 2023 ones were before the
    # partial 2023 table joined): the other units' 2023 sub-index rows cut away, in memory
    dti = data.dti
    alone = dti[~((dti["year"] == 2023) & (dti["metric"] != "dti")
                  & (dti["province_code"] != "31"))].reset_index(drop=True)
    rows = an.pillars(dataclasses.replace(data, dti=alone), "31", "63")
    own = rows[rows["has_value"] & (rows["n_rank"] == 1)].reset_index(drop=True)
    assert not own.empty
    table = _pillar_table(own, "en", 63)
    assert (table[t("col_best_rank", "en")] == "").all()
    assert (table[t("col_median_rank", "en")] == "").all()
    assert pd.Series(table[t("col_rank", "en")] != "").all()


def test_a_note_of_the_row_is_quoted_as_the_projects_note(data):
    # Hà Nội 2023: the press fact carries a note ("up 18 places", written in English by the
    # project, not by the Vietnamese source): section 1 quotes it as the project's note in
    # the page's language (issue 19, point 6: its Vietnamese text from data/raw/notes-vi.csv),
    # never as the source's words nor as the report's own sentence; Markdown in a note shows
    # as written
    for lang, words in (("vi", "Ghi chú của dự án: “tăng 18 bậc”"),
                        ("en", "The project's note: “up 18 places”")):
        text = _text(rs.show_headline(rs.report_context("Hà Nội", "63", lang=lang, data=data)))
        assert words in text
        assert "- up 18 places" not in text and ": up 18 places" not in text
        assert lang == "en" or "up 18 places" not in text
    dti = data.dti.copy()
    row = (dti["province_code"] == "01") & (dti["year"] == 2023) & (dti["metric"] == "dti")
    assert dti.loc[row, "note"].notna().all()
    dti.loc[row, "note"] = "**bold** [x](javascript:alert(1))"
    ctx = rs.report_context("Hà Nội", "63", lang="en", data=dataclasses.replace(data, dti=dti))
    shown = rs.show_headline(ctx)[1]._repr_html_()
    assert "**bold**" in shown and "[x](javascript:alert(1))" in shown
    assert "<strong>bold" not in shown and 'href="javascript' not in shown.lower()
