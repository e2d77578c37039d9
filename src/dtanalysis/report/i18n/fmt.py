"""Numbers in the report's language: Vietnamese writes 0,7857 and 2.224; English 0.7857 and
2,224. Lists and years joined with the language's "and"; values with their unit and qualifier."""

from __future__ import annotations

import math

from . import DEFAULT_LANG, has, t


def fmt_number(value: object, lang: str = DEFAULT_LANG, decimals: int = 2,
               fixed: bool = False) -> str:
    """A number in the language's style; up to `decimals` decimals (exactly, when `fixed`).
    Missing → ""."""
    if value is None:
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return ""
    text = f"{x:,.{decimals}f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "+0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_score(value: object, lang: str = DEFAULT_LANG) -> str:
    """A DTI score with the four decimals it is published with."""
    return fmt_number(value, lang, decimals=4, fixed=True)


def fmt_signed(value: object, lang: str = DEFAULT_LANG, decimals: int = 4,
               fixed: bool = True) -> str:
    text = fmt_number(value, lang, decimals, fixed)
    if text and not text.startswith("-") and float(value) > 0:
        text = "+" + text
    return text.replace("-", "−")


def fmt_int(value: object, lang: str = DEFAULT_LANG) -> str:
    return fmt_number(value, lang, decimals=0)


def fmt_years(years, lang: str = DEFAULT_LANG) -> str:
    """Years in words: "2021", "2021 and 2023", a run of three or more consecutive years as a
    range ("2006–2019, 2021 and 2023")."""
    years = sorted({int(y) for y in years})
    parts, run = [], []
    for year in years + [None]:
        if run and (year is None or year != run[-1] + 1):
            parts += ([f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(y) for y in run])
            run = []
        if year is not None:
            run.append(year)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("list_and", lang) + parts[-1]


def fmt_list(items, lang: str = DEFAULT_LANG) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("list_and", lang) + items[-1]


def fmt_with_unit(value: object, unit: object, lang: str = DEFAULT_LANG,
                  qualifier: object = None) -> str:
    """'hơn 2.045', '27,9%', '60 Mbps', 'thứ 8' (rank); "" for a missing value (None, NaN,
    pandas' NA of a nullable column: a qualitative target has no number)."""
    if (value is None or type(value).__name__ == "NAType"
            or (isinstance(value, float) and math.isnan(value))):
        return ""
    unit = unit if isinstance(unit, str) else ""
    if unit == "rank":
        text = t("rank_value", lang, rank=fmt_int(value, lang))
    else:
        number = fmt_number(value, lang)
        suffix = t(f"unit_{unit}", lang) if has(f"unit_{unit}", lang) else unit
        text = f"{number}%" if unit == "%" else (f"{number} {suffix}".strip())
    if isinstance(qualifier, str) and qualifier and has(f"qualifier_{qualifier}", lang):
        text = f"{t(f'qualifier_{qualifier}', lang)} {text}"
    return text
