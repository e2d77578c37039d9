"""Properties of the name resolver and the number parser, tried by Hypothesis on inputs no one
wrote by hand: whatever the string, a value or a clear error (`ProvinceError`, `NumberError`),
never another exception; and what must hold of every spelling and every formatted number.

Runs are reproducible: derandomized (the examples follow from the test's code), no example
database, no deadline (a loaded CI machine is not a failure). Each property tries at most 200
examples, which keeps the file under 10 s."""

from __future__ import annotations

import csv
import math
import unicodedata
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dtanalysis.domain.numbers import (
    EN,
    VI,
    Number,
    NumberError,
    column_style,
    parse_number,
    token_style,
)
from dtanalysis.domain.registry import Province, ProvinceError, Registry, SeveralProvinces
from dtanalysis.domain.text import fold, slugify, strip_diacritics
from dtanalysis.errors import DtanalysisError

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
REGISTRY_FILE = RAW / "provinces_63_with_34_crosswalk.csv"
REG = Registry.from_file(REGISTRY_FILE)
with open(REGISTRY_FILE, encoding="utf-8", newline="") as _handle:
    ROWS = list(csv.DictReader(_handle))



def runs(full: int = 200) -> settings:
    """This file's settings: reproducible, no example database, no deadline; `full` examples
    (a tenth in the fast loop: `conftest.examples`)."""
    return settings(max_examples=examples(full), derandomize=True, database=None,
                    deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


# Characters a messy cell holds: Vietnamese letters (NFC and their marks alone), digits,
# separators, qualifiers' symbols, spaces of every kind, and anything else Unicode has.
VIET = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯ"
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
ALPHABET = st.one_of(
    st.sampled_from(VIET + MARKS + "0123456789.,;/+&-–—_()%~≈<>≤≥ \t\u00a0\n'\"" +
                    "abcdeghiklmnopqrstuvxyTPHCMtinhanhpho"),
    st.characters(),
)
MESSY = st.text(ALPHABET, max_size=40)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- the resolver ----------------------------------------------------------------------------
@runs(200)
@given(given_=st.one_of(MESSY, st.integers(-5, 200), st.floats(), st.none(), st.booleans()),
       unit_set=st.sampled_from(["63", "34"]))
@example(given_="", unit_set="63")
@example(given_="()", unit_set="63")
@example(given_="Hà Nội / ", unit_set="63")
def test_any_name_resolves_or_raises_province_error(given_, unit_set):
    try:
        unit = REG.resolve(given_, unit_set=unit_set)
    except ProvinceError as error:
        assert isinstance(error, DtanalysisError) and isinstance(error, ValueError)
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(unit, Province) and unit.unit_set == unit_set


# New (modern) ↔ old tone-mark placement on oa, oe, uy.
_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé",
          "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}


def _variants() -> list[tuple[str, str, str]]:
    """(unit_set, code, spelling) for every spelling the registry's columns give."""
    out = []
    for row in ROWS:
        for name in (row["official_name_pre2025"], row["short_name"], row["short_name_ascii"],
                     row["dti_2022_published_name"], slugify(row["short_name_ascii"]),
                     row["gso_code_pre2025"]):
            out.append(("63", row["gso_code_pre2025"], name))
    for unit in REG.all("34"):
        for name in (unit.name, unit.short_name, unit.ascii_name, unit.slug, unit.code):
            out.append(("34", unit.code, name))
    return sorted(set(out))


VARIANTS = _variants()


def _case(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if flip else c.lower()
                   for c, flip in zip(text, flips + [False] * len(text), strict=False))


@runs(200)
@given(variant=st.sampled_from(VARIANTS), flips=st.lists(st.booleans(), max_size=40),
       form=st.sampled_from(["NFC", "NFD", "ascii"]), old_tones=st.booleans(),
       pad=st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
       dash=st.sampled_from([" - ", "-", "–", " – ", "—"]))
def test_every_spelling_resolves_to_its_unit(variant, flips, form, old_tones, pad, dash):
    unit_set, code, name = variant
    if old_tones:
        for new, old in _TONES.items():
            name = name.replace(new, old)
    name = name.replace(" - ", dash)
    name = _case(name, flips)
    name = {"NFC": unicodedata.normalize("NFC", name), "NFD": nfd(name),
            "ascii": strip_diacritics(name)}[form]
    assert REG.resolve(pad + name + pad, unit_set=unit_set).code == code


@runs(100)
@given(pair=st.lists(st.sampled_from(REG.all("63")), min_size=2, max_size=2, unique=True),
       separator=st.sampled_from([" / ", "/", "; ", " và ", " and ", " + ", " & ", ", "]))
def test_two_units_in_one_cell_are_several_provinces(pair, separator):
    with pytest.raises(SeveralProvinces):
        REG.resolve(separator.join(unit.short_name for unit in pair), unit_set="63")


@runs(200)
@given(text=MESSY)
def test_fold_is_a_fixed_point_of_case_form_and_itself(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert fold(nfd(text)) == folded == fold(unicodedata.normalize("NFC", text))


# -- the number parser -----------------------------------------------------------------------
@runs(200)
@given(raw=st.one_of(MESSY, st.integers(), st.floats(), st.booleans(), st.none(),
                     st.from_regex(r"[~<>≥≤]?\s?(hơn|gần|khoảng|top|thứ)?\s?-?[\d.,\s]{1,12}"
                                   r"\s?(%|/\s?\d+|tỷ đồng|nghìn|triệu USD|Mbps)?",
                                   fullmatch=True)),
       style=st.sampled_from([None, VI, EN]))
@example(raw="1..2", style=VI)
@example(raw="1,,2", style=EN)
@example(raw="9" * 400, style=None)
@example(raw="35/0", style=VI)
@example(raw=float("inf"), style=None)
def test_any_cell_parses_or_raises_number_error(raw, style):
    try:
        number = parse_number(raw, style)
    except NumberError as error:
        assert isinstance(error, DtanalysisError) and isinstance(error, ValueError)
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(number, Number) and isinstance(number.value, float)
        assert math.isfinite(number.value)  # '9' * 400 was inf, an OverflowError downstream
        assert number.denominator is None or number.denominator > 0  # '35/0': 1/0 downstream


@runs(200)
@given(token=MESSY)
def test_token_style_never_raises(token):
    assert token_style(token) in (VI, EN, None)


@runs(200)
@given(values=st.lists(st.one_of(MESSY, st.floats(), st.none()), max_size=8))
def test_column_style_is_a_style_or_number_error(values):
    try:
        assert column_style(values) in (VI, EN)
    except NumberError:
        pass


def formatted(value: float, decimals: int, style: str, grouped: bool) -> str:
    """`value` written with `decimals` decimals the Vietnamese (1.234,5) or English (1,234.5)
    way, with or without thousands separators."""
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    if style == VI:
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


NUMBERS = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@runs(200)
@given(value=NUMBERS, decimals=st.integers(0, 6), style=st.sampled_from([VI, EN]),
       grouped=st.booleans())
@example(value=2045.0, decimals=0, style=VI, grouped=True)
@example(value=0.7024, decimals=4, style=VI, grouped=False)
def test_a_number_written_in_a_style_reads_back_in_that_style(value, decimals, style, grouped):
    text = formatted(value, decimals, style, grouped)
    expected = float(f"{value:.{decimals}f}")
    assert parse_number(text, style).value == expected
    # No token written in one style is read as unambiguously the other one.
    assert token_style(text) in (style, None)
    assert column_style([text], default=style) == style


@runs(200)
@given(values=st.lists(NUMBERS, min_size=1, max_size=10), decimals=st.integers(0, 4),
       style=st.sampled_from([VI, EN]), grouped=st.booleans())
def test_a_column_in_one_style_reads_back_in_that_style(values, decimals, style, grouped):
    column = [formatted(v, decimals, style, grouped) for v in values]
    decided = column_style(column)
    expected = [float(f"{v:.{decimals}f}") for v in values]
    if decided == style:
        assert [parse_number(c, decided).value for c in column] == expected
    else:  # only when every token is ambiguous ('2.045'), and the default (vi) decided
        assert decided == VI and all(token_style(c) is None for c in column)


@runs(200)
@given(value=st.floats(0, 1e6, allow_nan=False), decimals=st.integers(0, 3),
       style=st.sampled_from([VI, EN]),
       qualifier=st.sampled_from([("hơn", "more_than"), ("gần", "nearly"), ("khoảng", "about"),
                                  ("~", "about"), ("tối thiểu", "at_least"),
                                  ("ít nhất", "at_least"), ("", None)]),
       unit=st.sampled_from([("%", "%"), (" Mbps", "Mbps"), ("", None)]))
def test_qualifier_and_unit_survive(value, decimals, style, qualifier, unit):
    text = f"{qualifier[0]} {formatted(value, decimals, style, True)}{unit[0]}".strip()
    number = parse_number(text, style)
    assert (number.qualifier, number.unit) == (qualifier[1], unit[1])
    assert math.isclose(number.value, float(f"{value:.{decimals}f}"))
