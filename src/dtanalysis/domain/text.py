"""Text normalisation shared by the name resolver and the header recogniser."""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-_"
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """ASCII-fold Vietnamese: 'Hòa'/'Hoà' → 'Hoa', 'Đà Nẵng' → 'Da Nang' (NFC or NFD input)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return kept.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: the key every lookup compares.

    Old and new tone-mark placement, NFC/NFD, case, dashes, dots and spacing all vanish:
    'TP. Bà Rịa–Vũng Tàu' → 'tp ba ria vung tau'.
    """
    folded = strip_diacritics(str(text)).lower()
    for dash in _DASHES:
        folded = folded.replace(dash, " ")
    return _NON_WORD.sub(" ", folded).strip()


def slugify(text: str) -> str:
    """'Bà Rịa - Vũng Tàu' → 'ba-ria-vung-tau'."""
    return fold(text).replace(" ", "-")
