"""Section 1, headline: the overall rank and score with their statuses, and the change against the
previous comparable year."""

from __future__ import annotations

from ... import analysis as an
from ..context import ReportContext
from ..display import (
    heading,
    marked,
    md,
    md_text,
    method_text,
    score_text,
    source_links,
    status_text,
)
from ..i18n import fmt_int, fmt_signed, fmt_years, t
from ..wording import disputed_text, project_note, value_words_text


def show_headline(ctx: ReportContext) -> list:
    lang, name = ctx.lang, ctx.name
    h = an.headline(ctx.data, ctx.code, ctx.unit_set, ctx.year)
    bullets = []
    if h.year is None:
        bullets.append(t("hl_nothing", lang, name=name, set_label=ctx.set_label))
    elif h.rank is None and h.score is None:
        bullets.append(t("hl_nothing_year", lang, name=name, year=h.year,
                         set_label=ctx.set_label))
    else:
        if h.rank is not None:
            bullets.append(t("hl_rank", lang, year=h.year, rank=marked(fmt_int(h.rank, lang),
                                                                      h.rank_status)
                             + disputed_text(h.rank_disputes, lang),
                             n=h.n_units, status=status_text(h.rank_status, lang)))
        else:
            bullets.append(t("hl_no_rank", lang, name=name, year=h.year))
        if h.score is not None:
            bullets.append(t("hl_score", lang, year=h.year,
                             score=score_text(h.score, h.score_status, lang)
                             + value_words_text(h.score_words, h.score_words_en, lang)
                             + disputed_text(h.score_disputes, lang),
                             status=status_text(h.score_status, lang)))
        elif h.rank is not None:
            bullets.append(t("hl_no_score_rank_known", lang, name=name, year=h.year,
                             rank=fmt_int(h.rank, lang)))
        else:
            bullets.append(t("hl_no_score", lang, name=name, year=h.year))
        bullets += _change_lines(h.rank_change, lang)
        if h.rank is not None and h.rank_change is None:
            if ctx.unit_set == "34":
                bullets.append(t("hl_no_previous_34", lang, years=fmt_years(
                    an.set_years(ctx.data, "34"), lang)))
            else:
                bullets.append(t("hl_no_previous_rank", lang, name=name, year=h.year,
                                 set_label=ctx.set_label))
        bullets += _change_lines(h.score_change, lang)
        note = project_note(h.note, h.note_vi, lang)
        if note:
            bullets.append(t("hl_note", lang, note=md_text(note)))
        if h.source:
            bullets.append(t("hl_source", lang, links=source_links(ctx.data, h.source)))
    return [heading("h_headline", lang), md("\n".join(f"- {b}" for b in bullets))]


def _change_lines(change: an.Change | None, lang: str) -> list[str]:
    if change is None:
        return []
    lines = []
    if change.kind == "rank":
        previous = marked(fmt_int(change.previous_value, lang), change.previous_status)
        status = status_text(change.previous_status, lang)
        if change.delta > 0:
            key = "hl_rank_up"
        elif change.delta < 0:
            key = "hl_rank_down"
        else:
            key = "hl_rank_same"
        lines.append(t(key, lang, previous_year=change.previous_year, previous=previous,
                       status=status, delta=fmt_int(abs(change.delta), lang)))
    else:
        lines.append(t("hl_score_change", lang, previous_year=change.previous_year,
                       previous=score_text(change.previous_value, change.previous_status, lang),
                       status=status_text(change.previous_status, lang),
                       delta=fmt_signed(change.delta, lang)))
    extra = []
    if change.skipped_years:
        extra.append(t("hl_skipped", lang, years=fmt_years(change.skipped_years, lang)))
    if change.method_changes:
        extra.append(t("hl_method_between", lang,
                       changes=method_text(change.method_changes, lang)))
    if change.marked:
        extra.append(t("hl_marked_change", lang))
    if extra:
        lines[-1] += " " + " ".join(extra)
    return lines
