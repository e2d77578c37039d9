"""Words of the reports: English counts agree with one, the unit's official name is in the
page's language (one spelling per name: tests/runner/test_page_one.py)."""

from __future__ import annotations

import pytest

from dtanalysis.report.i18n import singular_en, t
from dtanalysis.report.sections.title import official_name


@pytest.mark.parametrize("text,expected", [
    ("▲ up 1 places (2022: 14)", "▲ up 1 place (2022: 14)"),
    ("… and 1 more targets in section 5.", "… and 1 more target in section 5."),
    ("1 indices", "1 index"),
    ("up 11 places", "up 11 places"),          # a count of more than one stays plural
    ("0.1 places", "0.1 places"),              # not a count of one
    ("rank 1 of 63 units", "rank 1 of 63 units"),
])
def test_english_counts_of_one_are_singular(text, expected):
    assert singular_en(text) == expected


def test_texts_agree_with_a_count_of_one():
    assert t("bf_up", "en", delta="1", previous_year=2022, previous="9") == \
        "▲ up 1 place (2022: 9)"
    assert t("bf_targets_more", "en", k=1) == "… and 1 more target in section 5."
    assert t("bf_targets_more", "en", k=2) == "… and 2 more targets in section 5."
    # Vietnamese has no plural: untouched
    assert t("bf_up", "vi", delta="1", previous_year=2022, previous="9") == \
        "▲ tăng 1 bậc (năm 2022: 9)"


def test_official_names_are_in_the_pages_language():
    assert official_name("Thành phố Hải Phòng", "en") == "Hải Phòng City"
    assert official_name("Tỉnh Quảng Ninh", "en") == "Quảng Ninh Province"
    assert official_name("Tỉnh Quảng Ninh", "vi") == "Tỉnh Quảng Ninh"


def test_years_in_words_run_of_three_or_more_is_a_range():
    """A run of consecutive years reads as a range ("2006–2019"), two stay two, any order."""
    from dtanalysis.report.i18n import fmt_years

    assert fmt_years([2019, *range(2006, 2019), 2023], "en") == "2006–2019 and 2023"
    assert fmt_years([2021, 2022], "vi") == "2021 và 2022"
    assert fmt_years([2020, 2022, 2023, 2024], "en") == "2020 and 2022–2024"
    assert fmt_years([], "en") == "" and fmt_years([2024], "vi") == "2024"
