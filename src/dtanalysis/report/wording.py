"""The sentences of `analysis.claims`' rules in a page's language, written once for every page
(province reports, overview, index page): why a value is missing, coverage, verdicts."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from ..analysis import claims
from ..analysis.claims import TONE, VERDICTS, Missing, why_missing
from ..vocab import mark
from .i18n import fmt_int, fmt_list, fmt_number, fmt_years, t


def missing_group(m: Missing) -> tuple:
    """What makes two years' reasons one sentence: the same reason and the same coverage."""
    c = m.coverage
    return (m.kind, m.listed, m.top_n, c.held_measure, c.out_of, c.measure, c.declared)


def missing_texts(reasons: list[Missing], lang: str, index: str, name: str) -> list[str]:
    """`missing_text` of several years, the years with the same reason and coverage said
    once ("PCI 2006, 2007, … and 2019: not in the collected tables — 4 of the 63 …")."""
    groups: dict[tuple, list[Missing]] = {}
    for m in reasons:
        groups.setdefault(missing_group(m), []).append(m)
    return [missing_text(ms[0], lang, index, name, years=[m.year for m in ms])
            for ms in groups.values()]


def gap_texts(data, gaps, unit_set: str, code: str, labels: dict[str, str], name: str,
              lang: str, method=lambda gap: None) -> list[tuple[object, str]]:
    """Each gap of `analysis.indices.gaps` in words, as (its first gap, text): a year listed
    without a value by its note; the others by `analysis.claims.why_missing`, the years of one
    index with the same reason, coverage and `method(gap)` said once ("**PCI 2006–2019**: not
    in the collected tables — …"), in the order of the gaps."""
    grouped: dict[tuple, list] = {}
    for gap in gaps:
        if gap.listed:
            grouped[("listed", gap.index, gap.year)] = [(gap, None)]
            continue
        m = why_missing(data, gap.index, gap.year, unit_set, code)
        grouped.setdefault((gap.index, missing_group(m), method(gap)), []).append((gap, m))
    out = []
    for items in grouped.values():
        gap, m = items[0]
        label = labels[gap.index]
        if m is None:
            note = project_note(gap.note, gap.note_vi, lang)
            out.append((gap, t("ix_gap_listed" if note else "ix_gap_listed_no_note", lang,
                               index=label, year=gap.year, name=name, note=note)))
            continue
        years = [g.year for g, _ in items]
        text = missing_text(m, lang, label, name, years=years)
        said = f"{label} {fmt_years(years, lang)}:"
        if text.startswith(said):
            text = "**" + text.replace(said, said[:-1] + "**:", 1)
        out.append((gap, text))
    return out


def missing_text(m: Missing, lang: str, index: str, name: str,
                 years: list[int] | None = None) -> str:
    """Why `name` has no `index` value in `m.year` (or in each of `years`, all with the same
    reason and coverage), in words (one of the four reasons)."""
    if years and len(years) > 1:
        text = missing_text(replace(m, year=0), lang, index, name)
        return text.replace(f"{index} 0", f"{index} {fmt_years(years, lang)}", 1)
    cov = m.coverage
    if m.kind == "no_unit":
        return t("cl_missing_no_unit", lang, index=index, year=m.year, name=name)
    if m.kind == "no_table":
        return t("cl_missing_no_table", lang, index=index, year=m.year)
    if m.kind == "not_published":
        says = (t("cl_outside_top", lang, top=m.top_n, name=name) if m.top_n
                else t("cl_excluded", lang, name=name))
        return t("cl_missing_not_published", lang, index=index, year=m.year,
                 publisher_says=says, name=name)
    text = t("cl_missing_not_collected", lang, index=index, year=m.year,
             held=cov.held_measure, out_of=cov.out_of,
             measure=t(f"cl_measure_{cov.measure}", lang),
             published=t("cl_published_all" if cov.declared else "cl_published_undeclared",
                         lang))
    if m.top_n:
        text += t("cl_top_note", lang, top=m.top_n, name=name)
    if m.listed:
        text += t("cl_listed", lang, name=name)
    return text


def verdict_text(kind: str, lang: str) -> str:
    """A target verdict with its symbol (✔ ✘ ▲ ▼ ◌ –)."""
    return t(f"cl_verdict_{kind}", lang)


def verdict_tone(kind: str) -> str:
    """good / bad / neutral: the colour class of a verdict (`dta-good`, …)."""
    return TONE[kind]


def verdict_cell(r: pd.Series, lang: str) -> str:
    """A target's verdict with its symbol, the value's date and the deadline (and the pace
    needed ahead of the deadline): a row of `analysis.targets.targets_progress`."""
    kind = r["verdict"]
    value_date = "" if pd.isna(r["latest_period"]) or r["latest_period"] is None \
        else str(r["latest_period"])
    deadline = t("cl_deadline_none", lang) if pd.isna(r["target_year"]) \
        else str(int(r["target_year"]))
    text = verdict_text(kind, lang)
    if kind != "no_data":
        text += " (" + t("cl_verdict_dates", lang, value_date=value_date, deadline=deadline)
        if kind in ("on_track", "behind_pace") and not pd.isna(r["pace_per_year"]):
            text += "; " + t("cl_pace", lang, pace=fmt_number(r["pace_per_year"], lang, 1))
        text += ")"
    else:
        text += " (" + t("cl_deadline", lang, deadline=deadline) + ")"
    return text


def verdict_counts(table: pd.DataFrame, lang: str) -> str:
    """'1 ✔ met, 1 ◌ no final figure and 2 – no data': the verdicts of a targets table."""
    counts = table["verdict"].value_counts()
    return fmt_list([f"{int(counts[k])} {verdict_text(k, lang)}" for k in VERDICTS
                     if k in counts], lang)


def disputed_text(disputed: object, lang: str, kind: str | None = None) -> str:
    """' ⚠ another source gives 0.5293†': the other values the sources give for a value
    (`index_scores.disputed` as text, or `analysis.claims.Dispute`s), of `kind` ("score" /
    "rank") or all, beside it; '' when none (`analysis.claims`, rule 5)."""
    found = (claims.disputes(disputed, kind) if not isinstance(disputed, tuple)
             else tuple(d for d in disputed if kind is None or d.kind == kind))
    values = [(fmt_int(d.value, lang) if d.kind == "rank" else fmt_number(d.value, lang, 4))
              + mark(d.status) for d in found]
    return f" ⚠ {t('cl_conflict', lang, other=fmt_list(values, lang))}" if values else ""


def value_words_text(words: object, words_en: object, lang: str) -> str:
    """' (the source calls it “giá trị trung bình”: average value)': what the source calls a
    value, in its words, beside the number (`analysis.claims`, rule 6); '' when the row
    carries none. The English for them is the project's (`score_words_en`)."""
    if words is None or (not isinstance(words, str) and pd.isna(words)) or not str(words):
        return ""
    english = "" if words_en is None or (not isinstance(words_en, str) and pd.isna(words_en)) \
        else str(words_en)
    if lang == "en" and english:
        return " " + t("cl_value_words_gloss", lang, words=str(words), gloss=english)
    return " " + t("cl_value_words", lang, words=str(words))


def project_note(note: object, note_vi: object, lang: str) -> str | None:
    """A row's note in the page's language (`analysis.claims.note_parts`: the pipeline's
    formulas left out), its parts joined by '; '; on a Vietnamese page a part without a
    Vietnamese text stays in English, labelled so. None when nothing is left. The label "the
    project's note" is the template's (`bf_source_words`, `hl_note`, …)."""
    parts = claims.note_parts(note, note_vi)
    if not parts:
        return None
    if lang == "vi":
        return "; ".join(vi if vi else f"{en} {t('cl_note_in_english', lang)}"
                         for en, vi in parts)
    return "; ".join(en for en, _ in parts)


def shown_as_written(as_written: object, lang: str) -> bool:
    """Rule 6: a value the source gives as text is shown as written — always in Vietnamese,
    and in English too when it is a count of a total ("7/20"), which a computed percentage
    (35 %) would contradict where the source says "tương đương 40%"."""
    if as_written is None or (not isinstance(as_written, str) and pd.isna(as_written)):
        return False
    text = str(as_written).strip()
    return bool(text) and (lang == "vi" or re.fullmatch(r"\d+\s*/\s*\d+", text) is not None)
