"""Every heading, label, note and legend text of the reports, in Vietnamese ("vi", the default)
and English ("en"), one module per report section (`headline`, `targets`, …) plus `common`
(statuses, metrics, unit sets, column headers, chart axes) and `title`. Province names stay
Vietnamese in both languages. Numbers are formatted in `fmt`.

    t("h_headline", "en")                       → "1. Headline"
    t("hl_no_score_rank_known", name=..., year=..., rank=...)

A key missing from a language is an error (KeyError), a key declared by two modules is an error
at import, and the tests check that both languages have the same keys.
"""

from __future__ import annotations

import re

from ...vocab import LANGS
from . import (
    about,
    briefing,
    claims,
    common,
    compare,
    headline,
    indicators,
    indices,
    maps,
    merger,
    overview,
    page,
    pillars,
    position,
    targets,
    title,
    trajectory,
)

DEFAULT_LANG = "vi"
_MODULES = (common, title, briefing, claims, headline, trajectory, position, pillars, targets,
            indicators, merger, about, overview, indices, maps, compare, page)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for module in _MODULES:
        for lang in LANGS:
            for key, text in module.TEXTS[lang].items():
                if key in merged[lang]:
                    raise KeyError(f"text {key!r} declared twice ({module.__name__})")
                merged[lang][key] = text
    return merged


STRINGS: dict[str, dict[str, str]] = _merge()


def check_lang(lang: str) -> str:
    if lang not in STRINGS:
        raise ValueError(STRINGS[DEFAULT_LANG]["error_lang"].format(lang=lang) + " / "
                         + STRINGS["en"]["error_lang"].format(lang=lang))
    return lang


# English nouns counted in the texts: after the number 1 they are singular ("1 place", "1 more
# target", "1 of 63 units" stays plural: only a count of one agrees). Vietnamese has no plural.
_COUNTED = ("place", "target", "unit", "province", "rank", "score", "year", "value", "report",
            "source", "point", "row", "indicator", "dimension", "sub-index", "sub-dimension",
            "change", "expectation", "table", "member", "region", "peer")
_ONE = re.compile(r"(?<![\d.,])\b(1|one) ((?:more |other |new |published |ranked )?)("
                  + "|".join(re.escape(w) for w in _COUNTED) + r")s\b")
_ONE_INDEX = re.compile(r"(?<![\d.,])\b(1|one) ((?:more |other )?)indices\b")


def singular_en(text: str) -> str:
    """English count agreement: "1 places" → "1 place", "1 more targets" → "1 more target",
    "1 indices" → "1 index"; "11 places", "0.1 places" and "1 of 63 units" are left alone."""
    text = _ONE.sub(lambda m: f"{m.group(1)} {m.group(2)}{m.group(3)}", text)
    return _ONE_INDEX.sub(lambda m: f"{m.group(1)} {m.group(2)}index", text)


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """The text of `key` in `lang`, formatted with `kwargs` (in English with a count of one
    made singular, `singular_en`). KeyError for an unknown key."""
    strings = STRINGS[check_lang(lang)]
    if key not in strings:
        raise KeyError(f"no text {key!r} in language {lang!r}")
    text = strings[key]
    if not kwargs:
        return text
    text = text.format(**kwargs)
    return singular_en(text) if lang == "en" else text


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    return key in STRINGS[check_lang(lang)]


from .fmt import (
    fmt_int,
    fmt_list,
    fmt_number,
    fmt_score,
    fmt_signed,
    fmt_with_unit,
    fmt_years,
)

__all__ = ["DEFAULT_LANG", "LANGS", "STRINGS", "check_lang", "fmt_int", "fmt_list", "fmt_number",
           "fmt_score", "fmt_signed", "fmt_with_unit", "fmt_years", "has", "t"]
