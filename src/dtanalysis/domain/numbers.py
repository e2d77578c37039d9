"""Vietnamese and English number formats: '2.045' → 2045, '0,7024' → 0.7024, '27,9%' → 27.9 %,
'hơn 2.045' → 2045 with qualifier 'more_than', '~60 Mbps' → 60 Mbps 'about', '35/35' → 35 of 35.

The decimal separator is decided per column, from all its values:
- a token with both '.' and ',' has its decimal separator last ('1.234,5' vi, '1,234.5' en);
- a token with one separator followed by other than exactly three digits, or whose leading group
  is '0', is unambiguous: '0,7024' and '27,9' are Vietnamese, '0.7024' and '27.9' English;
- '2.045' or '2,045' alone are ambiguous (thousands or decimal); the column's unambiguous
  tokens decide, and a column with none follows the default style, Vietnamese ('vi'),
  because the sources are Vietnamese: '2.045' is two thousand and forty-five.
A column with unambiguous tokens of both styles is an error: it cannot be read safely.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import InputError
from .text import fold, nfc

VI, EN = "vi", "en"

# Folded qualifier words → qualifier; longest first so 'toi thieu' wins over 'toi'.
_QUALIFIERS = (
    ("khong duoi", "at_least"), ("toi thieu", "at_least"), ("it nhat", "at_least"),
    ("at least", "at_least"), ("toi da", "at_most"), ("khong qua", "at_most"),
    ("at most", "at_most"), ("xap xi", "about"), ("khoang", "about"), ("chung", "about"),
    ("about", "about"), ("around", "about"), ("hon", "more_than"), ("tren", "more_than"),
    ("more than", "more_than"), ("over", "more_than"), ("gan", "nearly"),
    ("nearly", "nearly"), ("almost", "nearly"), ("top", "at_most"),
    ("nhom", "at_most"),  # a rank target: "nhóm 20" (among the leading 20) = top 20
    ("vuot moc", "more_than"), ("vuot qua", "more_than"), ("vuot", "more_than"),
)
# Words that only introduce a rank or a figure: "thứ 4", "hạng 14", "đạt 90%".
_ORDINAL_WORDS = ("thu", "hang", "xep thu", "xep hang", "dat", "dung thu", "la", "no")
_SYMBOLS = (("~", "about"), ("≈", "about"), (">=", "at_least"), ("≥", "at_least"),
            ("<=", "at_most"), ("≤", "at_most"), (">", "more_than"), ("<", "less_than"))
# Number words, for "ít nhất một" (at least one).
_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
          "chin": 9, "muoi": 10}
_SCALES = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9}
_SCALE_SUFFIX = {1e6: "mn", 1e9: "bn"}
_CURRENCIES = {"dong": "VND", "vnd": "VND", "usd": "USD"}
_NUMBER = re.compile(r"[-+]?\d[\d.,\s]*\d|[-+]?\d")
_UNITS = {"%": "%", "mbps": "Mbps", "gbps": "Gbps", "kbps": "kbps"}


class NumberError(InputError):
    """A cell that is not a number in either style (the caller adds file and row)."""


@dataclass(frozen=True)
class Number:
    value: float
    unit: str | None = None
    qualifier: str | None = None
    denominator: float | None = None
    as_written: str = ""


def token_style(token: str) -> str | None:
    """'vi', 'en' or None (ambiguous or no separator) for one numeric token."""
    token = token.strip().lstrip("+-")
    has_dot, has_comma = "." in token, "," in token
    if has_dot and has_comma:
        return VI if token.rfind(",") > token.rfind(".") else EN
    if not (has_dot or has_comma):
        return None
    sep = "." if has_dot else ","
    groups = token.split(sep)
    looks_grouped = (len(groups[0]) <= 3 and groups[0] != "0"
                     and all(len(g) == 3 for g in groups[1:]))
    if looks_grouped and len(groups) == 2:
        return None  # '2.045': thousands or decimal, the column decides
    if looks_grouped:
        return VI if sep == "." else EN  # '1.234.567' can only be grouping
    return VI if sep == "," else EN


def column_style(values: Iterable[object], default: str = VI) -> str:
    """The decimal style of a column, from its unambiguous tokens (see module docstring)."""
    styles = set()
    for value in values:
        if isinstance(value, str):
            match = _NUMBER.search(value)
            if match and (style := token_style(match.group(0))):
                styles.add(style)
    if len(styles) > 1:
        raise NumberError("column mixes Vietnamese (0,5) and English (0.5) number formats")
    return styles.pop() if styles else default


def parse_token(token: str, style: str = VI) -> float:
    token = re.sub(r"\s+", "", token)
    decimal, group = (",", ".") if style == VI else (".", ",")
    if token.count(decimal) > 1:
        raise NumberError(f"{token!r}: more than one decimal separator {decimal!r}")
    return float(token.replace(group, "").replace(decimal, "."))


def parse_number(raw: object, style: str | None = None) -> Number:
    """Parse one cell. `style` is the column's decimal style ('vi'/'en'); when None the
    token's own style is used, and an ambiguous token is read the Vietnamese way."""
    if isinstance(raw, bool):
        raise NumberError(f"{raw!r} is not a number")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and math.isnan(raw):
            raise NumberError("empty value")
        if not math.isfinite(float(raw)):
            raise NumberError(f"{raw!r} is not a finite number")
        return Number(float(raw), as_written=str(raw))
    text = nfc(str(raw)).strip()
    if not text:
        raise NumberError("empty value")
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return _number_word(text)
    first = numbers[0]
    rest = text[first.end():]
    denominator = None
    if len(numbers) >= 2 and re.fullmatch(r"\s*/\s*", text[first.end():numbers[1].start()]):
        denominator = _value(numbers[1].group(0), style)
        rest = text[numbers[1].end():]
        numbers = numbers[2:]
    else:
        numbers = numbers[1:]
    if numbers:
        raise NumberError(f"{text!r} holds more than one number")
    value, unit = _scaled(_value(first.group(0), style), rest)
    if not math.isfinite(value) or (denominator is not None and not (
            math.isfinite(denominator) and denominator > 0)):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise NumberError(f"{shown!r} is too large, or divides by zero")
    return Number(
        value=value,
        unit=unit,
        qualifier=_qualifier(text[: first.start()]),
        denominator=denominator,
        as_written=text,
    )


def _number_word(text: str) -> Number:
    words = fold(text).split(" ")
    for i, word in enumerate(words):
        if word in _WORDS:
            prefix = " ".join(text.split()[:i])
            return Number(float(_WORDS[word]), _unit(" ".join(text.split()[i + 1:])),
                          _qualifier(prefix), as_written=text)
    raise NumberError(f"{text!r} holds no number")


def _scaled(value: float, suffix: str) -> tuple[float, str | None]:
    """'308 tỷ đồng' → (308, 'VND bn'); '11 nghìn' → (11000, None); '60 Mbps' → (60, 'Mbps')."""
    words = fold(suffix).split(" ") if fold(suffix) else []
    if words and words[0] in _SCALES:
        scale = _SCALES[words[0]]
        currency = _CURRENCIES.get(words[1]) if len(words) > 1 else None
        if currency and scale in _SCALE_SUFFIX:
            return value, f"{currency} {_SCALE_SUFFIX[scale]}"
        return value * scale, _unit(" ".join(suffix.split()[1:]))
    return value, _unit(suffix)


def convert(value: float, unit: str, to: str) -> float | None:
    """Convert between scales of one currency ('USD mn' → 'USD bn'); None if impossible."""
    scales = {"mn": 1e6, "bn": 1e9}
    (cur_a, _, scale_a), (cur_b, _, scale_b) = unit.partition(" "), to.partition(" ")
    if cur_a == cur_b and scale_a in scales and scale_b in scales:
        return value * scales[scale_a] / scales[scale_b]
    return None


def _value(token: str, style: str | None) -> float:
    return parse_token(token, style or token_style(token) or VI)


def _qualifier(prefix: str) -> str | None:
    stripped = prefix.strip()
    if not stripped:
        return None
    for symbol, qualifier in _SYMBOLS:
        if stripped.endswith(symbol):
            return qualifier
    folded = fold(stripped)
    if folded in _ORDINAL_WORDS:
        return None
    for word, qualifier in _QUALIFIERS:
        if folded == word or folded.endswith(" " + word):
            return qualifier
    raise NumberError(f"{prefix.strip()!r} before the number is not a known qualifier")


def _unit(suffix: str) -> str | None:
    stripped = suffix.strip()
    if not stripped:
        return None
    if stripped.startswith("%"):
        return "%"
    key = fold(stripped).split(" ")[0] if fold(stripped) else stripped
    return _UNITS.get(key, stripped)
