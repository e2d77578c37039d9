"""The briefing, first page of the province report: one row per index of the catalogue (DTI,
PCI, PAPI and any index added to `data/raw/indices/catalogue.csv`; labels from the catalogue), the
years without a value said in words, three key points written from the data, progress toward the
province's own targets, and one chart with its alt text and table."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML

from ... import analysis as an
from ...analysis import claims
from ...analysis import indices as ix
from ...analysis import standing as st
from ...analysis.briefing import Briefing, IndexRow, briefing
from .. import charts
from ..context import ReportContext
from ..display import (
    figure,
    marked,
    md,
    metric_label,
    missing,
    rank_text,
    score_text,
    source_label,
    status_text,
    table_html,
)
from ..i18n import fmt_int, fmt_list, fmt_number, fmt_score, fmt_signed, fmt_years, t
from ..wording import (
    disputed_text,
    missing_text,
    missing_texts,
    project_note,
    value_words_text,
    verdict_cell,
    verdict_counts,
)
from .indices import index_labels
from .targets import indicator_labels, latest_text, target_text

MAX_TARGET_ROWS = 5  # the briefing fits one page; section 5 lists every target


def show_briefing(ctx: ReportContext) -> list:
    """Page one: the headline sentence, the key points, the standing table, the DTI chart and
    the targets, then one footnote line; the notes on marked values and gaps and the reading
    key follow under their own heading (a new page in print)."""
    lang, name = ctx.lang, ctx.name
    b = briefing(ctx.data, ctx.code, ctx.unit_set, ctx.year, ctx.as_of)
    # An HTML heading with a class: the print stylesheet starts every section on a new page
    # except this one, so the briefing stays on page 1 with the title.
    out = [HTML(f'<h2 class="dta-briefing" id="briefing">{escape(t("h_briefing", lang))}</h2>'),
           HTML(f'<p class="dta-headline">{headline_sentence(ctx, b)}</p>')]
    out.append(md(f"### {t('bf_key_points', lang)}\n\n"
                  + "\n".join(f"{i}. {p}" for i, p in enumerate(key_points(ctx, b), 1))))
    labels = index_labels(ctx.data)
    if b.indices:
        out.append(table_html(_standing_table(ctx, b),
                              caption=t("bf_standing_caption", lang, name=name)))
    else:
        out.append(md(t("bf_no_index", lang)))
    out += _chart(ctx)
    out += _targets(ctx, b)
    scale = _scale_max(ctx)
    notes = [n for row in b.indices
             for n in _row_notes(row, labels[row.index], scale.get(row.index), lang)]
    notes += [n for row in b.indices for n in _gap_notes(ctx, row, labels[row.index])]
    out.append(HTML(f'<p class="dta-footnote">{escape(t("bf_footnote", lang))}'
                    + (f' <a href="#briefing-notes">{escape(t("bf_footnote_notes", lang))}</a>'
                       if notes else "") + "</p>"))
    out.append(HTML(f'<h3 class="dta-briefing-notes" id="briefing-notes">'
                    f'{escape(t("bf_notes", lang))}</h3>'))
    if notes:
        out.append(md("\n".join(f"- {n}" for n in notes)))
    # The data version is in the last section's provenance and at the foot of every printed
    # page.
    out.append(md(t("reading_key", lang, marks=t("marks_legend", lang))))
    return out


# --------------------------------------------------------------------------- headline sentence


def headline_sentence(ctx: ReportContext, b: Briefing) -> str:
    """One sentence written from the data (HTML): the place on each index (rank of N, year),
    the index the unit is best and worst placed on, and its own targets met."""
    lang, name = ctx.lang, ctx.name
    labels = index_labels(ctx.data)
    places = {p.index: p for p in st.index_places(b.indices)}
    parts = []
    for row in b.indices:
        p = places.get(row.index)
        label = escape(labels[row.index])
        if p is None:
            parts.append(t("bf_hl_no_rank", lang, index=label))
        else:
            parts.append(t("bf_hl_place", lang, index=label, year=p.year, n=p.n_units,
                           rank=escape(rank_text(p.rank, p.status, lang)))
                         + escape(disputed_text(row.lead.rank_disputes, lang)))
    if parts:
        text = t("bf_hl_places", lang, name=escape(name), places=fmt_list(parts, lang))
    else:
        text = t("bf_hl_no_index", lang, name=escape(name))
    best, worst = st.strongest_weakest(list(places.values()))
    if best is not None:
        text += t("bf_hl_best_worst", lang, best=escape(labels[best.index]),
                  worst=escape(labels[worst.index]))
    m = st.targets_met(b.targets)
    if m.total == 0:
        text += t("bf_hl_no_targets", lang)
    elif m.year is None:
        text += t("bf_hl_targets_no_value", lang, total=m.total)
    else:
        text += t("bf_hl_targets", lang, met=m.met, total=m.total, year=m.year,
                  percent=fmt_number(m.percent, lang, 0))
    return text + "."


def _names(ctx: ReportContext) -> dict[str, str]:
    """Full name of each index in the report's language, from the catalogue."""
    column = "name_vi" if ctx.lang == "vi" else "name_en"
    cat = ix.catalogue(ctx.data)
    return dict(zip(cat["index"], cat[column].astype(str)))


def _scale_max(ctx: ReportContext) -> dict[str, float]:
    cat = ix.catalogue(ctx.data)
    return dict(zip(cat["index"], cat["score_max"]))


def index_score_text(value, status, scale_max, lang: str) -> str:
    """A score with its mark: four decimals on a 0–1 scale (DTI), two on wider ones."""
    if missing(value):
        return ""
    if not missing(scale_max) and float(scale_max) <= 1:
        return score_text(value, status, lang)
    return marked(fmt_number(value, lang, 2, fixed=True), status)


def _standing_table(ctx: ReportContext, b: Briefing) -> pd.DataFrame:
    lang = ctx.lang
    names, scale = _names(ctx), _scale_max(ctx)
    records = []
    for row in b.indices:
        h = row.lead
        top = scale.get(row.index)
        if not row.has_value:
            records.append({
                t("bf_col_index", lang): names.get(row.index, row.index),
                t("col_year", lang): (fmt_years(row.published_years, lang)
                                      if row.published_years else t("bf_no_table", lang)),
                t("col_rank", lang): _no_value_text(ctx, row),
                t("col_score", lang): t("bf_no_value", lang),
                t("col_status", lang): _no_value_status(ctx, row),
                t("bf_col_change", lang): t("bf_none", lang),
                t("col_source", lang): t("bf_none", lang),
            })
            continue
        records.append({
            t("bf_col_index", lang): names.get(row.index, row.index),
            t("col_year", lang): "" if h.year is None else str(h.year),
            # beside each value: what other sources give for it (claims rule 5), and what
            # the source calls it where it names it in words (rule 6)
            t("col_rank", lang): (t("bf_rank_of", lang, rank=rank_text(h.rank, h.rank_status,
                                                                       lang), n=h.n_units)
                                  + disputed_text(h.rank_disputes, lang)
                                  if h.rank is not None else t("bf_no_value", lang)),
            t("col_score", lang): (index_score_text(h.score, h.score_status, top, lang)
                                   + value_words_text(h.score_words, h.score_words_en, lang)
                                   + disputed_text(h.score_disputes, lang)
                                   if h.score is not None else t("bf_no_value", lang)),
            t("col_status", lang): status_text(h.rank_status if h.rank is not None
                                               else h.score_status, lang),
            t("bf_col_change", lang): _change_text(h, top, lang),
            t("col_source", lang): source_label(ctx.data, h.source) if h.source else "",
        })
    return pd.DataFrame(records)


def _no_value_text(ctx: ReportContext, row: IndexRow) -> str:
    """The rank cell of an index without any value for the unit: why, in words
    (`analysis.claims.why_missing` of its latest year with a table)."""
    lang = ctx.lang
    label = index_labels(ctx.data)[row.index]
    if not row.published_years:
        return t("cl_missing_no_table_set", lang, index=label,
                 set_short=t(f"set_short_{ctx.unit_set}", lang))
    if row.later is not None:  # only uncertain values: none leads (claims.may_lead)
        return t("bf_only_uncertain", lang)
    if row.lead.years:  # a year was asked for (--year) in which the unit has no value
        return t("bf_gap_not_in_year", lang, name=ctx.name, year=row.lead.year,
                 years=fmt_years(row.lead.years, lang))
    latest = max(row.published_years)
    return missing_text(claims.why_missing(ctx.data, row.index, latest, ctx.unit_set, ctx.code),
                        lang, label, ctx.name)


def _no_value_status(ctx: ReportContext, row: IndexRow) -> str:
    """The status cell of an index without a value: 'not published' only where declared."""
    if not row.published_years:
        return t("bf_no_table", ctx.lang)
    if row.later is not None:
        return status_text(row.later.rank_status or row.later.score_status, ctx.lang)
    m = claims.why_missing(ctx.data, row.index, max(row.published_years), ctx.unit_set,
                           ctx.code)
    return t(f"bf_missing_{m.kind}", ctx.lang)


def _gap_notes(ctx: ReportContext, row: IndexRow, label: str) -> list[str]:
    """The years the index published for the set without a value for the unit, each with
    its reason (`analysis.claims.why_missing`); a note on the unit's row in that year's table
    is the project's note, labelled so."""
    lang, name = ctx.lang, ctx.name
    reasons = missing_texts([claims.why_missing(ctx.data, row.index, g.year, ctx.unit_set,
                                                ctx.code)
                             for g in row.gaps
                             if row.has_value or g.year != max(row.published_years)],
                            lang, label, name)
    notes = [f"**{label}**: " + "; ".join(reasons) + "."] if reasons else []
    for g in row.gaps:
        note = project_note(g.note, g.note_vi, lang) if g.listed else None
        if note:
            notes.append(t("bf_gap_listed", lang, index=label, year=g.year, name=name,
                           note=note))
    return notes


def _change_text(h: an.Headline, scale_max, lang: str) -> str:
    parts = []
    c = h.rank_change
    if c is not None:
        key = "bf_up" if c.delta > 0 else "bf_down" if c.delta < 0 else "bf_same"
        parts.append(t(key, lang, delta=fmt_int(abs(c.delta), lang),
                       previous_year=c.previous_year,
                       previous=rank_text(c.previous_value, c.previous_status, lang)))
    s = h.score_change
    if s is not None:
        wide = missing(scale_max) or float(scale_max) > 1
        parts.append(t("bf_score_change", lang,
                       delta=fmt_signed(s.delta, lang, 2 if wide else 4),
                       previous_year=s.previous_year,
                       previous=index_score_text(s.previous_value, s.previous_status,
                                                 scale_max, lang)))
    if not parts:
        return t("bf_no_change", lang) if h.year is not None else ""
    if any(x is not None and x.marked for x in (c, s)):
        parts.append(t("bf_change_marked", lang))
    return "; ".join(parts)


def _reason(status, lang: str) -> str:
    return t(f"bf_reason_{status}", lang)


def _row_notes(row: IndexRow, label: str, scale_max, lang: str) -> list[str]:
    """Beside a derived / uncertain value: its mark, status and reason, in the report's
    language; a source's own note is quoted and labelled as the source's words. Each note
    starts with the index's label."""
    notes = []
    h = row.lead
    if h.rank is not None and an.is_marked(h.rank_status):
        notes.append(t("bf_lead_marked", lang, value=rank_text(h.rank, h.rank_status, lang),
                       status=status_text(h.rank_status, lang),
                       reason=_reason(h.rank_status, lang)))
    elif h.rank is None and h.score is not None and an.is_marked(h.score_status):
        notes.append(t("bf_lead_marked", lang,
                       value=index_score_text(h.score, h.score_status, scale_max, lang),
                       status=status_text(h.score_status, lang),
                       reason=_reason(h.score_status, lang)))
    later = row.later
    if later is not None:
        if later.rank is not None:
            what, value, status = "bf_later_rank", rank_text(later.rank, later.rank_status,
                                                              lang), later.rank_status
        else:
            what, value, status = ("bf_later_score",
                                   index_score_text(later.score, later.score_status, scale_max,
                                                    lang), later.score_status)
        notes.append(t("bf_later" if h.year is not None else "bf_later_no_lead", lang,
                       year=later.year, what=t(what, lang), value=value,
                       status=status_text(status, lang), reason=_reason(status, lang),
                       lead_year=h.year))
        if project_note(later.note, later.note_vi, lang):
            notes.append(t("bf_source_words", lang,
                           note=project_note(later.note, later.note_vi, lang)))
    # The lead's own note only beside a marked lead (it says why); the pipeline's formulas are
    # left out (claims.note_parts), the note shown in the page's language.
    if _lead_marked(h) and project_note(h.note, h.note_vi, lang):
        notes.append(t("bf_source_words", lang, note=project_note(h.note, h.note_vi, lang)))
    return [f"**{label}**: {n}" for n in notes]


def _lead_marked(h: an.Headline) -> bool:
    if h.rank is not None:
        return an.is_marked(h.rank_status)
    return h.score is not None and an.is_marked(h.score_status)


def key_points(ctx: ReportContext, b: Briefing) -> list[str]:
    """Three sentences written from the data: the standing and its trend on the first index,
    the strongest and weakest sub-indices against the median, the targets. A gap is said as a
    gap."""
    return [_standing_point(ctx, b), _subindex_point(ctx, b), _targets_point(ctx, b)]


def _standing_point(ctx: ReportContext, b: Briefing, others_too: bool = False) -> str:
    """The first index of the catalogue (its rank, trend and method change); with
    `others_too`, one clause per other index (the headline sentence already names them)."""
    lang, name = ctx.lang, ctx.name
    if not b.indices:
        return t("bf_no_index", lang)
    labels, scale = index_labels(ctx.data), _scale_max(ctx)
    text = _first_index_point(ctx, b.indices[0], labels[b.indices[0].index],
                              scale.get(b.indices[0].index))
    if not others_too:
        return text
    others = []
    for row in b.indices[1:]:
        h, label = row.lead, labels[row.index]
        if h.rank is not None:
            others.append(t("bf_kp_other_rank", lang, index=label, year=h.year, n=h.n_units,
                            rank=rank_text(h.rank, h.rank_status, lang)
                            + disputed_text(h.rank_disputes, lang),
                            status=status_text(h.rank_status, lang)))
        elif h.score is not None:
            others.append(t("bf_kp_other_score", lang, index=label, year=h.year,
                            score=index_score_text(h.score, h.score_status,
                                                   scale.get(row.index), lang)
                            + disputed_text(h.score_disputes, lang),
                            status=status_text(h.score_status, lang)))
        elif row.later is not None:
            others.append(t("bf_kp_other_uncertain", lang, index=label))
        else:
            others.append(t("bf_kp_other_none", lang, index=label, name=name))
    if others:
        text += " " + t("bf_kp_others", lang, items="; ".join(others))
    return text


def _first_index_point(ctx: ReportContext, row: IndexRow, index: str, scale_max) -> str:
    lang, name = ctx.lang, ctx.name
    if not row.has_value:
        if row.later is not None:
            return t("bf_kp_only_uncertain", lang, index=index, name=name)
        return t("bf_kp_no_index", lang, index=index, name=name)
    h = row.lead
    if h.rank is None:
        return t("bf_kp_score_only", lang, year=h.year, name=name, index=index,
                 score=index_score_text(h.score, h.score_status, scale_max, lang)
                 + value_words_text(h.score_words, h.score_words_en, lang)
                 + disputed_text(h.score_disputes, lang),
                 status=status_text(h.score_status, lang))
    common = {"year": h.year, "name": name, "index": index, "n": h.n_units,
              "rank": rank_text(h.rank, h.rank_status, lang)
              + disputed_text(h.rank_disputes, lang),
              "status": status_text(h.rank_status, lang)}
    c = h.rank_change
    if c is None:
        return t("bf_kp_rank_only", lang, **common)
    key = "bf_kp_rank_up" if c.delta > 0 else "bf_kp_rank_down" if c.delta < 0 \
        else "bf_kp_rank_same"
    text = t(key, lang, delta=fmt_int(abs(c.delta), lang), previous_year=c.previous_year,
             **common)
    if c.method_changes:
        text += " " + t("bf_kp_method", lang)
    return text


def _subindex_text(rows: pd.DataFrame, lang: str) -> str:
    items = []
    for _, r in rows.iterrows():
        other = disputed_text(r["disputes"], lang)  # other sources' values (claims rule 5)
        if r["judged_by"] == "rank_of_n":  # the median is over too few units to judge
            items.append(t("bf_sub_rank_of_n", lang, metric=metric_label(r["metric"], lang),
                           value=rank_text(r["value"], r["status"], lang) + other,
                           n=int(r["n_units"]),
                           standing=t(f"cl_rank_{r['standing']}", lang)))
            continue
        if r["basis"] == "rank":
            value = rank_text(r["value"], r["status"], lang) + other
            median = fmt_int(r["median"], lang) if float(r["median"]).is_integer() else \
                f"{r['median']:.1f}".replace(".", "," if lang == "vi" else ".")
            key = "bf_sub_rank"
        else:
            value, median, key = (score_text(r["value"], r["status"], lang) + other,
                                  fmt_score(r["median"], lang), "bf_sub_score")
        items.append(t(key, lang, metric=metric_label(r["metric"], lang), value=value,
                       median=median, n=int(r["n"])))
    return fmt_list(items, lang)


def _subindex_point(ctx: ReportContext, b: Briefing) -> str:
    lang = ctx.lang
    strong, weak = b.strongest, b.weakest
    if strong.empty and weak.empty:
        return t("bf_kp_sub_none", lang, name=ctx.name,
                 floor=round(claims.COVERAGE_FLOOR * 100))
    year = int(b.subindices["year"].iloc[0])
    if strong.empty:
        return t("bf_kp_weak_only", lang, year=year, weak=_subindex_text(weak, lang))
    if weak.empty:
        return t("bf_kp_strong_only", lang, year=year, strong=_subindex_text(strong, lang))
    return t("bf_kp_strong_weak", lang, year=year, strong=_subindex_text(strong, lang),
             weak=_subindex_text(weak, lang))


def _targets_point(ctx: ReportContext, b: Briefing) -> str:
    s = b.targets
    if s.total == 0:
        return t("bf_kp_targets_none", ctx.lang, name=ctx.name)
    own = s.table[s.table["unit_set"] == ctx.unit_set]
    former = s.table[s.table["unit_set"] != ctx.unit_set]
    if former.empty:
        return t("bf_kp_targets", ctx.lang, name=ctx.name, total=s.total,
                 counts=verdict_counts(s.table, ctx.lang))
    # A unit of 2025: its former provinces' targets are theirs, judged on their own values
    # in the 63-province set (issue 19, point 8); never counted as the new unit's own.
    parts = []
    if not own.empty:
        parts.append(t("bf_kp_targets", ctx.lang, name=ctx.name, total=len(own),
                       counts=verdict_counts(own, ctx.lang)))
    for name, group in former.groupby("name", sort=False):
        parts.append(t("bf_kp_targets_former", ctx.lang, former=name, total=len(group),
                       counts=verdict_counts(group, ctx.lang)))
    return " ".join(parts)


def _progress(r: pd.Series, lang: str) -> str:
    return verdict_cell(r, lang)


def _targets(ctx: ReportContext, b: Briefing) -> list:
    lang, table = ctx.lang, b.targets.table
    if table.empty:
        return []
    # Targets with a value first (they say something), then the rest, in section 5's order.
    order = table.assign(_has=table["latest_value"].notna()).sort_values(
        "_has", ascending=False, kind="stable")
    shown = order.head(MAX_TARGET_ROWS)
    labels = indicator_labels(ctx.data, lang)
    frame = pd.DataFrame({
        # a former province's target says whose it is (a unit of 2025 shows them as theirs)
        t("col_target_indicator", lang): [
            labels.get(i, i) if u == ctx.unit_set
            else t("bf_target_of_former", lang, former=n, label=labels.get(i, i))
            for i, u, n in zip(shown["indicator"], shown["unit_set"], shown["name"])],
        t("col_target", lang): [target_text(r, lang) for _, r in shown.iterrows()],
        t("col_deadline", lang): ["" if missing(y) else str(int(y))
                                  for y in shown["target_year"]],
        t("col_latest", lang): [latest_text(r, lang) for _, r in shown.iterrows()],
        t("col_progress", lang): [_progress(r, lang) for _, r in shown.iterrows()],
    })
    out = [md(f"### {t('bf_targets', lang)}"),
           table_html(frame, caption=t("bf_targets_caption", lang, name=ctx.name))]
    if len(table) > len(shown):
        out.append(md(t("bf_targets_more", lang, k=len(table) - len(shown))))
    return out


def _chart(ctx: ReportContext) -> list:
    """The overall DTI rank by year, from `index_scores` as the DTI row (every year DTI
    published for the set; a year without a rank for the unit is a gap)."""
    lang, name = ctx.lang, ctx.name
    if "dti" not in set(ix.catalogue(ctx.data)["index"]):
        return []
    own = ix.trajectory(ctx.data, ctx.code, ctx.unit_set, "dti").assign(
        role="province", province_code=ctx.code, name=name)
    # an uncertain rank is not drawn on page one (claims.may_lead): the notes say it in words
    uncertain = set(own.loc[own["rank"].notna() & (own["rank_status"] == "uncertain"), "year"])
    own.loc[own["year"].isin(uncertain), "rank"] = pd.NA
    if own.empty or own["rank"].isna().all():
        return []
    ranked = own[own["rank"].notna()]
    if len(ranked) == 1:  # one point is a sentence, not a chart
        r = ranked.iloc[0]
        return [md(t("bf_chart_one", lang, name=name, year=int(r["year"]),
                     rank=rank_text(r["rank"], r["rank_status"], lang)
                     + disputed_text(r["disputed"], lang, "rank"),
                     status=status_text(r["rank_status"], lang)))]
    title = t("bf_chart_title", lang, name=name,
              set_short=t(f"set_short_{ctx.unit_set}", lang))
    fig = charts.trajectory_chart(own, lang, title=title, show_scores=False, compact=True)
    points = []
    for _, r in own.iterrows():
        if int(r["year"]) in uncertain:
            points.append(t("bf_chart_uncertain", lang, year=int(r["year"])))
        elif missing(r["rank"]):
            points.append(t("bf_chart_gap", lang, year=int(r["year"])))
        else:
            points.append(t("bf_chart_point", lang, year=int(r["year"]),
                            rank=rank_text(r["rank"], r["rank_status"], lang)
                            + disputed_text(r["disputed"], lang, "rank")))
    alt = t("bf_chart_alt", lang, name=name, points="; ".join(points) + ".")
    table = pd.DataFrame({
        t("col_year", lang): [str(int(y)) for y in own["year"]],
        t("col_rank", lang): [rank_text(r, s, lang)
                              + (disputed_text(d, lang, "rank") if not missing(r) else "")
                              for r, s, d in zip(own["rank"], own["rank_status"],
                                                 own["disputed"])],
        t("col_rank_status", lang): [status_text(s, lang) if not missing(r) else ""
                                     for r, s in zip(own["rank"], own["rank_status"])],
    })
    return figure(fig, alt, table, lang, css_class="dta-briefing-chart")
