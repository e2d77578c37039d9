"""The resolver: every spelling variant of every province, generated from the registry's own
columns, plus the hand-written variants the press uses."""

import csv
import unicodedata

import pytest

from dtanalysis.domain.registry import SeveralProvinces, UnknownProvince, registry, unit_set_on
from dtanalysis.domain.text import slugify
from dtanalysis.paths import Paths

with open(Paths.at().raw / "provinces_63_with_34_crosswalk.csv", encoding="utf-8") as _f:
    ROWS = list(csv.DictReader(_f))
REG = registry()
# New (modern) ↔ old tone-mark placement on oa/oe/uy.
_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé",
          "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}


def tone_variants(name: str) -> set[str]:
    out = {name}
    for new, old in _TONES.items():
        out |= {n.replace(new, old) for n in out} | {n.replace(old, new) for n in out}
    return out


def spellings(row: dict) -> set[str]:
    names = {row["official_name_pre2025"], row["short_name"], row["short_name_ascii"],
             row["dti_2022_published_name"]}
    out = set()
    for name in names:
        for variant in tone_variants(name):
            out |= {variant, variant.upper(), variant.lower(),
                    unicodedata.normalize("NFD", variant),
                    variant.replace(" - ", "–"), variant.replace(" - ", "-"),
                    variant.replace(" - ", " – "), "  " + variant.replace(" ", "  ") + " "}
    short = row["short_name"]
    out |= {f"Tỉnh {short}", f"TP. {short}", f"TP.{short}", f"TP {short}", f"Thành phố {short}",
            slugify(row["short_name_ascii"]), row["gso_code_pre2025"],
            int(row["gso_code_pre2025"])}
    return out


@pytest.mark.parametrize("row", ROWS, ids=[r["short_name_ascii"] for r in ROWS])
def test_every_spelling_of_every_province_resolves(row):
    for spelling in spellings(row):
        unit = REG.resolve(spelling, unit_set="63")
        assert unit.code == row["gso_code_pre2025"], spelling


@pytest.mark.parametrize("given,code", [
    ("TP.HCM", "79"), ("TP. Hồ Chí Minh", "79"), ("HCMC", "79"), ("Hồ Chí Minh", "79"),
    ("Thành phố Hồ Chí Minh", "79"), ("Thừa Thiên - Huế", "46"), ("Thừa Thiên Huế", "46"),
    ("TT-Huế", "46"), ("Huế", "46"), ("BR-VT", "77"), ("Bà Rịa–Vũng Tàu", "77"),
    ("Bà Rịa - Vũng Tàu", "77"), ("Khánh Hoà", "56"), ("Thanh Hoá", "38"), ("Hoà Bình", "17"),
    ("Hòa Bình", "17"), ("hai-phong", "31"), ("ba-ria-vung-tau", "77"), (31, "31"),
    ("31", "31"), (1, "01"), ("Hai Phong City", "31"), ("Hải Phòng (merged with Hải Dương)", "31"),
])
def test_press_spellings(given, code):
    assert REG.resolve(given).code == code


def test_unit_set_follows_the_date():
    assert unit_set_on("2025-06-30") == "63"
    assert unit_set_on("2025-07-01") == "34"
    assert unit_set_on(2024) == "63"
    assert REG.resolve("Bắc Ninh", on="2025-08-01").code == "24"  # the new Bắc Ninh kept 24
    assert REG.resolve("Bắc Ninh", on="2024-12-31").code == "27"
    assert REG.resolve(24, unit_set="34").short_name == "Bắc Ninh"
    assert REG.resolve(24, unit_set="63").short_name == "Bắc Giang"


def test_unknown_name_quotes_input_and_suggests():
    with pytest.raises(UnknownProvince) as error:
        REG.resolve("Hai Duongg")
    assert "'Hai Duongg'" in str(error.value)
    assert "Hải Dương" in error.value.suggestions


def test_a_province_merged_away_is_unknown_in_the_34_set_and_names_its_successor():
    with pytest.raises(UnknownProvince) as error:
        REG.resolve("Hải Dương", unit_set="34")
    assert "joined Hải Phòng (31)" in str(error.value)


def test_several_provinces_in_one_name_is_an_error():
    with pytest.raises(SeveralProvinces, match="Cao Bằng, Quảng Trị, Hưng Yên"):
        REG.resolve("Cao Bằng / Quảng Trị / Hưng Yên", unit_set="34")


def test_unknown_code_and_unit_set():
    with pytest.raises(UnknownProvince):
        REG.resolve("99")
    with pytest.raises(ValueError, match="unit set"):
        REG.resolve("Hà Nội", unit_set="64")


def test_the_34_set_is_the_crosswalk():
    units = REG.all("34")
    assert len(units) == 34 and len(REG.all("63")) == 63
    assert sum(len(u.members) for u in units) == 63
    hp = REG.get("31", "34")
    assert [m.short_name for m in REG.members(hp)] == ["Hải Dương", "Hải Phòng"]
    assert REG.get("82", "34").members == ("82", "87")  # Tiền Giang wholly into Đồng Tháp
    assert REG.get("82", "34").short_name == "Đồng Tháp"
    assert {u.slug for u in units} >= {"hai-phong", "ho-chi-minh", "hue"}
    assert REG.get("77", "63").slug == "ba-ria-vung-tau"
