"""The report sections as display objects: each `show_*` function takes a context and returns
a list of Markdown texts, tables (pandas Stylers) and PNG images that a notebook cell passes to
`IPython.display.display(*objects)` — one call per section, so notebooks stay thin.

    ctx = report_context("Hải Phòng", unit_set="63", lang="vi")
    display(*show_headline(ctx))

Every text comes from `i18n`, every number from `analysis` (never typed here); gaps are said in
plain sentences; derived / uncertain values carry † / ‡ (tables) or hollow markers (charts).
IPython is imported inside functions so the module imports without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass

import pandas as pd

from . import analysis as an
from . import charts
from .i18n import (
    check_lang,
    fmt_int,
    fmt_list,
    fmt_number,
    fmt_score,
    fmt_signed,
    fmt_with_unit,
    fmt_years,
    t,
)

SECTIONS = ("headline", "trajectory", "position", "pillars", "targets", "indicators", "merger",
            "about")
SECTION_HEADINGS = {
    "headline": "h_headline", "trajectory": "h_trajectory", "position": "h_position",
    "pillars": "h_pillars", "targets": "h_targets", "indicators": "h_indicators",
    "merger": "h_merger", "about": "h_about",
}
OVERVIEW_HEADINGS = ("h_ov_ranking", "h_ov_heatmap", "h_ov_movers", "h_ov_regions",
                     "h_ov_coverage")
MARKS = {"derived": "†", "uncertain": "‡"}
TOP_MOVERS = 15
HIGHLIGHT = "background-color: #fdecea; font-weight: bold"


def section_headings(lang: str = "vi") -> list[str]:
    """The eight section headings of the province report, in order."""
    return [t(SECTION_HEADINGS[s], lang) for s in SECTIONS]


def overview_headings(lang: str = "vi") -> list[str]:
    return [t(k, lang) for k in OVERVIEW_HEADINGS]


# --------------------------------------------------------------------------- context


@dataclass(frozen=True, eq=False)
class ReportContext:
    data: an.Data
    code: str
    unit_set: str
    year: int | None
    peer_codes: tuple[str, ...]
    peers: object  # the parameter as given ("region" or names)
    lang: str
    as_of: dt.date | None = None

    @property
    def name(self) -> str:
        return an.name_of(self.data, self.code, self.unit_set)

    @property
    def unit(self) -> pd.Series:
        return an.unit(self.data, self.code, self.unit_set)

    @property
    def region(self) -> str:
        return str(self.unit["region" if self.lang == "vi" else "region_en"])

    @property
    def set_label(self) -> str:
        return t(f"set_{self.unit_set}", self.lang)


def report_context(province: object, unit_set: object = "63", year: object = None,
                   peers: object = "region", lang: str = "vi", *, data: an.Data | None = None,
                   root=None, as_of: dt.date | None = None) -> ReportContext:
    """Check the notebook parameters and bundle what every section needs. Raises ValueError
    naming the parameter (unknown province → the registry's UnknownProvince, a ValueError that
    quotes the name and suggests the nearest units)."""
    check_lang(lang)
    unit_set = str(unit_set).strip()
    if unit_set not in an.UNIT_SETS:
        raise ValueError(f"unit_set must be '63' or '34', not {unit_set!r}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        else:
            raise ValueError(f"year must be None (latest) or a year such as 2022, not {year!r}")
    if province is None or (isinstance(province, str) and not province.strip()):
        raise ValueError("province must name a province, e.g. 'Hải Phòng'")
    data = data if data is not None else an.Data.load(root)
    if year is not None and year not in an.set_years(data, unit_set):
        raise ValueError(f"no DTI data for year {year} in the {unit_set}-unit set; years with "
                         f"data: {', '.join(map(str, an.set_years(data, unit_set)))}")
    from .registry import registry

    unit = registry(data.root).resolve(province, unit_set=unit_set)
    if isinstance(peers, str) and peers != "region":
        peers = [peers]
    peer_codes = an.peers(data, unit.code, unit_set, peers)
    return ReportContext(data, unit.code, unit_set, year, tuple(peer_codes), peers, lang, as_of)


# --------------------------------------------------------------------------- display helpers


def _md(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def _heading(key: str, lang: str, level: int = 2, **kwargs):
    return _md(f"{'#' * level} {t(key, lang, **kwargs)}")


def _figure(fig):
    """The figure as a PNG image; the figure is closed at once."""
    import matplotlib.pyplot as plt
    from IPython.display import Image

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=charts.DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")


def _table(frame: pd.DataFrame, highlight: list[bool] | None = None):
    """A plain table without index (HTML-escaped), optional rows highlighted."""
    styler = frame.style.hide(axis="index").format(na_rep="", escape="html")
    if highlight is not None and any(highlight):
        flags = list(highlight)

        def rows(row):
            return [HIGHLIGHT if flags[row.name] else ""] * len(row)

        styler = styler.apply(rows, axis=1)
    styler = styler.set_table_styles([
        {"selector": "th", "props": "text-align: left; background-color: #f3f3f3;"},
        {"selector": "td", "props": "text-align: left; vertical-align: top;"},
    ])
    # A table id derived from the content (not pandas' random one) and plain HTML (not the
    # Styler, whose text form holds a memory address): the same data renders byte for byte
    # the same, in a warm kernel or a fresh one.
    from IPython.display import HTML

    digest = hashlib.sha1(frame.to_csv(index=False).encode()).hexdigest()[:10]
    return HTML(styler.set_uuid(digest).to_html())


def _missing(value) -> bool:
    return value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value))


def _mark(text: str, status) -> str:
    return f"{text}{MARKS.get(status, '')}" if text else text


def _status(status, lang: str) -> str:
    return t(f"status_{status}", lang) if isinstance(status, str) and status else \
        t("status_none", lang)


def _rank_text(value, status, lang) -> str:
    return "" if _missing(value) else _mark(fmt_int(value, lang), status)


def _score_text(value, status, lang) -> str:
    return "" if _missing(value) else _mark(fmt_score(value, lang), status)


def _source_label(data: an.Data, text, width: int = 40) -> str:
    """Short names of the sources of a value: publisher, else the title (shortened), else the
    source id. Section 8 lists each in full with its URL."""
    known = data.sources.set_index("source_id")
    labels = []
    for source in an.split_sources(text):
        row = known.loc[source] if source in known.index else None
        label = source
        if row is not None and not _missing(row["publisher"]):
            label = str(row["publisher"])
        elif row is not None and not _missing(row["title"]):
            title = str(row["title"])
            label = title if len(title) <= width else title[: width - 1].rstrip() + "…"
        labels.append(label)
    return "; ".join(dict.fromkeys(labels))


def _source_links(data: an.Data, text) -> str:
    """Markdown links to the sources of a value."""
    known = data.sources.set_index("source_id")
    links = []
    for source in an.split_sources(text):
        row = known.loc[source] if source in known.index else None
        url = None if row is None or _missing(row["url"]) else str(row["url"])
        if url is None and source.startswith(("http://", "https://")):
            url = source
        label = (str(row["publisher"]) if row is not None and not _missing(row["publisher"])
                 else source)
        links.append(f"[{label}]({url})" if url else label)
    return "; ".join(dict.fromkeys(links))


def _regions(data: an.Data, unit_set: str, lang: str) -> list[str]:
    """Every region of the set, so a region keeps its colour in every chart."""
    return list(an.units(data, unit_set)["region" if lang == "vi" else "region_en"].unique())


def _unit_names(names, unit_sets, report_set: str, lang: str) -> list[str]:
    """Names for a table mixing a 34-set unit and its 63-set members: the set is added when
    the report is on a 34-set unit, since a member may share the unit's name."""
    if report_set != "34":
        return list(names)
    return [f"{n} ({t(f'set_short_{s}', lang)})" for n, s in zip(names, unit_sets)]


def _metric(metric: str, lang: str) -> str:
    key = f"metric_{metric}"
    from .i18n import has

    return t(key, lang) if has(key, lang) else metric


def _method_text(changes, lang: str) -> str:
    return "; ".join(t(an.METHOD_CHANGES[y], lang) for y in changes)


def _gap_text(value, unit, lang: str) -> str:
    if _missing(value):
        return ""
    if unit == "rank":
        return t("tg_gap_places", lang, gap=fmt_number(value, lang, 1))
    if unit == "%":
        return f"{fmt_number(value, lang)} {t('unit_pp', lang)}"
    return fmt_with_unit(value, unit, lang)


# --------------------------------------------------------------------------- title


def show_title(ctx: ReportContext) -> list:
    """The report title, what is compared, the reading key (marks) and the data version."""
    lang = ctx.lang
    if ctx.peers == "region":
        peers = t("peers_region", lang, n=len(ctx.peer_codes))
    elif ctx.peer_codes:
        peers = t("peers_list", lang, names=", ".join(
            an.name_of(ctx.data, c, ctx.unit_set) for c in ctx.peer_codes))
    else:
        peers = t("peers_none", lang)
    lines = [
        f"# {t('title', lang, name=ctx.name)}",
        t("subtitle", lang, official=ctx.unit["name"], code=ctx.code, set_label=ctx.set_label,
          region=ctx.region, peers=peers),
        t("reading_key", lang, marks=t("marks_legend", lang)),
    ]
    version = ctx.data.manifest.get("data_version")
    if version:
        lines.append(t("data_version", lang, version=version))
    return [_md("\n\n".join(lines))]


# --------------------------------------------------------------------------- 1 headline


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
            bullets.append(t("hl_rank", lang, year=h.year, rank=_mark(fmt_int(h.rank, lang),
                                                                      h.rank_status),
                             n=h.n_units, status=_status(h.rank_status, lang)))
        else:
            bullets.append(t("hl_no_rank", lang, name=name, year=h.year))
        if h.score is not None:
            bullets.append(t("hl_score", lang, year=h.year,
                             score=_score_text(h.score, h.score_status, lang),
                             status=_status(h.score_status, lang)))
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
        if h.note:
            bullets.append(t("hl_note", lang, note=h.note))
        if h.source:
            bullets.append(t("hl_source", lang, links=_source_links(ctx.data, h.source)))
    return [_heading("h_headline", lang), _md("\n".join(f"- {b}" for b in bullets))]


def _change_lines(change: an.Change | None, lang: str) -> list[str]:
    if change is None:
        return []
    lines = []
    if change.kind == "rank":
        previous = _mark(fmt_int(change.previous_value, lang), change.previous_status)
        status = _status(change.previous_status, lang)
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
                       previous=_score_text(change.previous_value, change.previous_status, lang),
                       status=_status(change.previous_status, lang),
                       delta=fmt_signed(change.delta, lang)))
    extra = []
    if change.skipped_years:
        extra.append(t("hl_skipped", lang, years=fmt_years(change.skipped_years, lang)))
    if change.method_changes:
        extra.append(t("hl_method_between", lang,
                       changes=_method_text(change.method_changes, lang)))
    if change.marked:
        extra.append(t("hl_marked_change", lang))
    if extra:
        lines[-1] += " " + " ".join(extra)
    return lines


# --------------------------------------------------------------------------- 2 trajectory


def show_trajectory(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    traj = an.trajectory(data, ctx.code, ctx.unit_set, list(ctx.peer_codes))
    peers_text = (t("peers_region", lang, n=len(ctx.peer_codes)) if ctx.peers == "region"
                  else (", ".join(an.name_of(data, c, ctx.unit_set) for c in ctx.peer_codes)
                        or t("peers_none", lang)))
    out = [_heading("h_trajectory", lang),
           _md(t("tr_intro", lang, name=name, set_label=ctx.set_label, peers=peers_text))]
    title = t("chart_traj_title", lang, name=name,
              set_short=t(f"set_short_{ctx.unit_set}", lang))
    out.append(_figure(charts.trajectory_chart(traj, lang, title=title)))
    own = traj[traj["role"] == "province"].set_index("year")
    mean = traj[traj["role"] == "mean"].set_index("year")
    table = pd.DataFrame({
        t("col_year", lang): [str(y) for y in own.index],
        t("col_rank", lang): [_rank_text(r, s, lang)
                              for r, s in zip(own["rank"], own["rank_status"])],
        t("col_rank_status", lang): [_status(s, lang) if not _missing(r) else ""
                                     for r, s in zip(own["rank"], own["rank_status"])],
        t("col_score", lang): [_score_text(v, s, lang)
                               for v, s in zip(own["score"], own["score_status"])],
        t("col_score_status", lang): [_status(s, lang) if not _missing(v) else ""
                                      for v, s in zip(own["score"], own["score_status"])],
        t("col_mean_score", lang): [_score_text(mean["score"].get(y), mean["score_status"].get(y),
                                                lang) for y in own.index],
        t("col_source", lang): [_source_label(data, s) for s in own["source"]],
        t("col_note", lang): [("" if _missing(n) else str(n)) for n in own["note"]],
    })
    out.append(_table(table))
    gaps = []
    no_rank = [y for y, r in own["rank"].items() if _missing(r)]
    no_score = [y for y, v in own["score"].items() if _missing(v)]
    no_mean = [y for y, v in mean["score"].items() if _missing(v)]
    if no_rank:
        gaps.append(t("tr_no_rank_years", lang, name=name, years=fmt_years(no_rank, lang)))
    if no_score:
        gaps.append(t("tr_no_score_years", lang, name=name, years=fmt_years(no_score, lang)))
    if no_mean:
        gaps.append(t("tr_no_mean_years", lang, years=fmt_years(no_mean, lang)))
    if ctx.unit_set == "34":
        gaps.append(t("tr_34_only", lang, years=fmt_years(an.set_years(data, "34"), lang)))
    if gaps:
        out.append(_md("\n".join(f"- {g}" for g in gaps)))
    if ctx.peer_codes:
        matrix = _rank_matrix_table(traj[traj["role"] != "mean"], lang, t("col_unit", lang))
        out.append(_md(t("tr_peer_table", lang)))
        out.append(_table(matrix, [c == ctx.code for c in
                                   traj[traj["role"] != "mean"]["province_code"].unique()]))
    return out


def _rank_matrix_table(traj: pd.DataFrame, lang: str, first_column: str) -> pd.DataFrame:
    """Units (rows, in the order given) × years, rank with † / ‡, blank where unknown."""
    years = sorted(int(y) for y in traj["year"].unique())
    records = []
    for code in dict.fromkeys(traj["province_code"]):
        rows = traj[traj["province_code"] == code].set_index("year")
        record = {first_column: rows["name"].iloc[0]}
        for y in years:
            record[str(y)] = _rank_text(rows["rank"].get(y), rows["rank_status"].get(y), lang)
        records.append(record)
    return pd.DataFrame(records, columns=[first_column] + [str(y) for y in years])


# --------------------------------------------------------------------------- 3 national position


def show_position(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    position = an.national_position(data, ctx.unit_set, ctx.year, ctx.code)
    out = [_heading("h_position", lang)]
    if position.year is None:
        return out + [_md(t("pos_none", lang, set_label=ctx.set_label))]
    lines = []
    if position.complete:
        if ctx.year is not None and position.year != ctx.year:
            lines.append(t("pos_year_not_complete", lang, year=ctx.year))
        lines.append(t("pos_complete", lang, n=position.n_units, year=position.year))
    else:
        lines.append(t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                       n_ranked=position.n_ranked, n=position.n_units))
    row = position.row
    region_key = "region" if lang == "vi" else "region_en"
    if row is not None:
        lines.append(t("pos_in_it" if position.complete else "pos_in_it_partial", lang,
                       name=name, rank=_rank_text(row["rank"],
                                                                     row["rank_status"], lang),
                       n=position.n_units, status=_status(row["rank_status"], lang),
                       rank_in_region=fmt_int(row["rank_in_region"], lang),
                       region_ranked=fmt_int(row["region_ranked"], lang),
                       region=row[region_key]))
        tied = position.table[(position.table["rank"] == row["rank"])
                              & (position.table["province_code"] != ctx.code)]
        if not tied.empty:
            lines.append(t("pos_tie", lang, others=fmt_list(tied["name"], lang)))
    else:
        lines.append(t("pos_not_in_partial", lang, name=name, year=position.year))
    out.append(_md("\n\n".join(lines)))
    out.append(_figure(charts.position_chart(position, lang, highlight=ctx.code,
                                             regions=_regions(data, ctx.unit_set, lang))))
    table = position.table
    if row is not None and position.complete:
        table = table[table["region"] == row["region"]]
        out.append(_md(t("pos_region_table", lang, region=row[region_key], year=position.year)))
    table = table.reset_index(drop=True)
    shown = pd.DataFrame({
        t("col_rank", lang): [_rank_text(r, s, lang)
                              for r, s in zip(table["rank"], table["rank_status"])],
        t("col_unit", lang): table["name"],
        t("col_rank_in_region", lang): [fmt_int(r, lang) for r in table["rank_in_region"]],
        t("col_region", lang): table[region_key],
        t("col_score", lang): [_score_text(v, s, lang)
                               for v, s in zip(table["score"], table["score_status"])],
        t("col_rank_status", lang): [_status(s, lang) for s in table["rank_status"]],
    })
    out.append(_table(shown, [c == ctx.code for c in table["province_code"]]))
    return out


# --------------------------------------------------------------------------- 4 pillars


def show_pillars(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    rows = an.pillars(data, ctx.code, ctx.unit_set)
    out = [_heading("h_pillars", lang)]
    if rows.empty:
        return out + [_md(t("pl_none_in_set", lang, set_label=ctx.set_label))]
    out.append(_md(t("pl_intro", lang, name=name, n=an.n_units(data, ctx.unit_set))))
    own = rows[rows["has_value"]].reset_index(drop=True)
    notes = []
    if own.empty:
        notes.append((0, t("pl_none_for_unit", lang, name=name, set_label=ctx.set_label)))
    else:
        out.append(_table(_pillar_table(own, lang)))
        chart_year = _pillar_chart_year(own)
        out.append(_figure(charts.pillars_chart(rows, name, chart_year, lang)))
        for year, group in own.groupby("year"):
            single = group[(group["n_score"].where(group["score"].notna(), 0) <= 1)
                           & (group["n_rank"].where(group["rank"].notna(), 0) <= 1)]
            if len(single) == len(group):
                notes.append((year, t("pl_single", lang, year=year, name=name, metrics=fmt_list(
                    [_metric(m, lang) for m in group["metric"]], lang))))
    for year, group in rows[~rows["has_value"]].groupby("year"):
        n_others = int(max(group["n_score"].max(), group["n_rank"].max()))
        notes.append((year, t("pl_missing_year", lang, year=year, n=n_others, name=name,
                              metrics=fmt_list([_metric(m, lang) for m in group["metric"]],
                                               lang))))
    if notes:
        out.append(_md("\n".join(f"- {n}" for _, n in sorted(notes, key=lambda x: x[0]))))
    return out


def _pillar_chart_year(own: pd.DataFrame) -> int:
    """The latest year where the province has a value that other provinces also have; else
    its latest year with a value."""
    compared = own[((own["n_score"] > 1) & own["score"].notna())
                   | ((own["n_rank"] > 1) & own["rank"].notna())]
    return int((compared if not compared.empty else own)["year"].max())


def _pillar_table(own: pd.DataFrame, lang: str) -> pd.DataFrame:
    def best(value, who, kind):
        if _missing(value):
            return ""
        text = fmt_score(value, lang) if kind == "score" else fmt_int(value, lang)
        return f"{text} ({who})"

    return pd.DataFrame({
        t("col_year", lang): own["year"].astype(str),
        t("col_metric", lang): [_metric(m, lang) for m in own["metric"]],
        t("col_score", lang): [_score_text(v, s, lang)
                               for v, s in zip(own["score"], own["score_status"])],
        t("col_best_score", lang): [best(v, w, "score") for v, w in
                                    zip(own["best_score"], own["best_score_name"])],
        t("col_median_score", lang): [fmt_number(v, lang, 4) for v in own["median_score"]],
        t("col_n_score", lang): own["n_score"].astype(str),
        t("col_rank", lang): [_rank_text(v, s, lang)
                              for v, s in zip(own["rank"], own["rank_status"])],
        t("col_best_rank", lang): [best(v, w, "rank") for v, w in
                                   zip(own["best_rank"], own["best_rank_name"])],
        t("col_median_rank", lang): [fmt_number(v, lang, 1) for v in own["median_rank"]],
        t("col_n_rank", lang): own["n_rank"].astype(str),
    })


# --------------------------------------------------------------------------- 5 targets


def show_targets(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    targets = an.targets_progress(data, ctx.code, ctx.unit_set, ctx.as_of)
    out = [_heading("h_targets", lang)]
    if targets.empty:
        return out + [_md(t("tg_none", lang, name=name))]
    intro = t("tg_intro", lang)
    if ctx.unit_set == "34":
        intro += " " + t("tg_intro_34", lang)
    out.append(_md(intro))
    labels = _indicator_labels(data, lang)
    several = targets["name"].nunique() > 1 or ctx.unit_set == "34"
    without = int(targets["latest_value"].isna().sum())
    if without:
        out.append(_md(t("tg_without_value", lang, k=without, n=len(targets))))
    table = pd.DataFrame({
        t("col_unit", lang): _unit_names(targets["name"], targets["unit_set"], ctx.unit_set,
                                         lang),
        t("col_target_indicator", lang): [labels.get(i, i) for i in targets["indicator"]],
        t("col_target", lang): [_target_text(r, lang) for _, r in targets.iterrows()],
        t("col_deadline", lang): [t("tg_no_deadline", lang) if _missing(y) else str(int(y))
                                  for y in targets["target_year"]],
        t("col_instrument", lang): ["" if _missing(i) else str(i)
                                    for i in targets["instrument"]],
        t("col_latest", lang): [_latest_text(r, lang) for _, r in targets.iterrows()],
        t("col_gap", lang): [_gap_text(g, u, lang) if not _missing(g) and g > 0 else
                             ("" if _missing(g) else "—")
                             for g, u in zip(targets["gap"], targets["unit"])],
        t("col_pace", lang): [t("tg_pace_value", lang, pace=_gap_text(p, u, lang))
                              if not _missing(p) else t("tg_pace_na", lang)
                              for p, u in zip(targets["pace_per_year"], targets["unit"])],
        t("col_progress", lang): [_progress_text(r, lang) for _, r in targets.iterrows()],
        t("col_source", lang): [_source_label(data, s) for s in targets["target_source"]],
    })
    if not several:
        table = table.drop(columns=t("col_unit", lang))
    out.append(_table(table))
    if targets["latest_value"].notna().any():
        out.append(_figure(charts.targets_chart(targets, name, lang, labels,
                                                show_unit_name=several)))
    else:
        out.append(_md(t("tg_no_values_chart", lang)))
    return out


def _indicator_labels(data: an.Data, lang: str) -> dict[str, str]:
    column = "label_vi" if lang == "vi" else "label_en"
    return dict(zip(data.catalogue["indicator"], data.catalogue[column]))


def _target_text(r: pd.Series, lang: str) -> str:
    if lang == "vi" and not _missing(r["target_as_written"]):
        return str(r["target_as_written"])
    if r["unit"] == "rank" and r["qualifier"] == "at_most":
        return t("top_value", lang, rank=fmt_int(r["target_value"], lang))
    return fmt_with_unit(r["target_value"], r["unit"], lang, r["qualifier"])


def _latest_text(r: pd.Series, lang: str) -> str:
    if _missing(r["latest_value"]):
        return "—"
    if lang == "vi" and not _missing(r["latest_as_written"]):
        value = str(r["latest_as_written"])
    else:
        value = fmt_with_unit(r["latest_value"], r["unit"], lang, r["latest_qualifier"])
    return f"{_mark(value, r['latest_status'])} ({r['latest_period']})"


def _progress_text(r: pd.Series, lang: str) -> str:
    parts = []
    if _missing(r["latest_value"]):
        parts.append(t("tg_no_value", lang))
    elif r["reached"]:
        parts.append(t("tg_reached", lang))
    else:
        parts.append(t("tg_not_reached", lang))
    if r["deadline_passed"] and r["reached"] is not True:
        parts.append(t("tg_no_value_at_deadline" if not _missing(r["latest_value"])
                       else "tg_deadline_passed", lang))
    if not _missing(r["latest_qualifier"]):
        parts.append(t("tg_approx", lang))
    return "; ".join(parts)


# --------------------------------------------------------------------------- 6 indicators


def show_indicators(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    rows = an.indicators_with_benchmark(data, ctx.code, ctx.unit_set)
    out = [_heading("h_indicators", lang)]
    if rows.empty:
        return out + [_md(t("in_none", lang, name=name))]
    out.append(_md(t("in_intro", lang, name=name)))
    label = "label_vi" if lang == "vi" else "label_en"
    rows = rows.assign(_label=rows[label].fillna(rows["indicator"]))
    rows = rows.sort_values(["province_code", "period_end", "_label"], ignore_index=True)
    table = pd.DataFrame({
        t("col_unit", lang): _unit_names(rows["name"], rows["unit_set"], ctx.unit_set, lang),
        t("col_indicator", lang): [l if not _missing(l) else i
                                   for l, i in zip(rows[label], rows["indicator"])],
        t("col_period", lang): [f"{p} {t('in_publication_date', lang)}" if pub else str(p)
                                for p, pub in zip(rows["period"],
                                                  rows["period_is_publication_date"])],
        t("col_value", lang): [_indicator_value(v, u, q, w, lang) for v, u, q, w in
                               zip(rows["value"], rows["unit"], rows["qualifier"],
                                   rows["as_written"])],
        t("col_national", lang): [_indicator_value(v, u, q, w, lang) if not _missing(v) else ""
                                  for v, u, q, w in zip(rows["vn_value"], rows["unit"],
                                                        rows["vn_qualifier"],
                                                        rows["vn_as_written"])],
        t("col_source", lang): [_source_label(data, s) for s in rows["source"]],
    })
    if rows["name"].nunique() == 1 and ctx.unit_set == "63":
        table = table.drop(columns=t("col_unit", lang))
    out.append(_table(table, list(rows["vn_value"].notna())))
    out.append(_md(t("in_benchmarked", lang, k=int(rows["vn_value"].notna().sum()),
                     n=len(rows))))
    return out


def _indicator_value(value, unit, qualifier, as_written, lang: str) -> str:
    if lang == "vi" and not _missing(as_written):
        return str(as_written)
    return fmt_with_unit(value, unit, lang, qualifier)


# --------------------------------------------------------------------------- 7 merger


def show_merger(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    m = an.merger(data, ctx.code, ctx.unit_set)
    out = [_heading("h_merger", lang)]
    lines = []
    if ctx.unit_set == "63":
        others = [an.name_of(data, c, "63") for c in m.other_members]
        if m.merged:
            lines.append(t("mg_joined", lang, name=name, unit=m.unit_name, code=m.unit_code,
                           others=fmt_list(others, lang)))
        else:
            lines.append(t("mg_not_merged", lang, name=name, unit=m.unit_name,
                           code=m.unit_code))
    else:
        members = fmt_list([f"{n} ({c})" for n, c in zip(m.member_names, m.member_codes)],
                           lang)
        key = "mg_made_of" if m.merged else "mg_made_of_single"
        lines.append(t(key, lang, unit=m.unit_name, members=members))
    if m.unit_results.empty:
        lines.append(t("mg_no_result", lang, unit=m.unit_name))
    else:
        n34 = an.n_units(data, "34")
        for _, r in m.unit_results.iterrows():
            rank_text = (t("mg_rank_text", lang, rank=_rank_text(r["rank"], r["rank_status"],
                                                                 lang),
                           n=n34, status=_status(r["rank_status"], lang))
                         if not _missing(r["rank"]) else "")
            score_text = (t("mg_score_text", lang, score=_score_text(r["score"],
                                                                     r["score_status"], lang),
                            status=_status(r["score_status"], lang))
                          if not _missing(r["score"]) else t("mg_no_score_text", lang))
            lines.append(t("mg_result", lang, year=int(r["year"]), unit=m.unit_name,
                           rank_text=rank_text, score_text=score_text)
                         + " " + t("hl_source", lang, links=_source_links(data, r["source"])))
    lines.append(t("mg_not_comparable", lang))
    out.append(_md("\n\n".join(lines)))
    history = m.members_history
    if not history.empty:
        out.append(_md(t("mg_history", lang)))
        table = _rank_matrix_table(history, lang, t("col_province", lang))
        out.append(_table(table, [c == ctx.code and ctx.unit_set == "63"
                                  for c in dict.fromkeys(history["province_code"])]))
        if m.merged and history["rank"].notna().any():
            history = history.copy()
            history["role"] = ["province" if r == "province" else "peer"
                               for r in history["role"]]
            out.append(_figure(charts.trajectory_chart(
                history, lang, title=t("chart_mg_title", lang, unit=m.unit_name),
                show_scores=bool(history["score"].notna().any()))))
    return out


# --------------------------------------------------------------------------- 8 about the data


def show_about(ctx: ReportContext) -> list:
    lang, name, data = ctx.lang, ctx.name, ctx.data
    a = an.about_data(data, ctx.code, ctx.unit_set)
    out = [_heading("h_about", lang)]
    lines = [t("ab_years", lang, set_label=ctx.set_label, years=fmt_years(a.set_years, lang))]
    if a.rank_years:
        lines.append(t("ab_rank_years", lang, name=name, years=fmt_years(a.rank_years, lang)))
    if a.missing_rank_years:
        lines.append(t("ab_missing_rank_years", lang, name=name,
                       years=fmt_years(a.missing_rank_years, lang)))
    if a.score_years:
        lines.append(t("ab_score_years", lang, name=name, years=fmt_years(a.score_years, lang)))
    if a.missing_score_years:
        lines.append(t("ab_missing_score_years", lang, name=name,
                       years=fmt_years(a.missing_score_years, lang)))
    if a.metrics_missing:
        lines.append(t("ab_metrics_missing", lang, set_label=ctx.set_label, name=name,
                       metrics=fmt_list([_metric(m, lang) for m in a.metrics_missing], lang)))
    lines.append(t("ab_methods", lang, method_2024=t("method_2024", lang)))
    lines += _validation_lines(a, data, lang)
    out.append(_md("\n".join(f"- {line}" for line in lines)))
    out.append(_md(t("ab_status_counts", lang, name=name)))
    counts = a.status_counts
    out.append(_table(pd.DataFrame({
        t("col_status", lang): [_status(s, lang) for s in counts["status"]],
        t("col_n_ranks", lang): counts["n_ranks"].astype(str),
        t("col_n_scores", lang): counts["n_scores"].astype(str),
    })))
    if a.validation_failures:
        out.append(_md(t("ab_validation_failures", lang, name=name) + "\n" + "\n".join(
            f"- `{f.get('table')}.{f.get('column')}`: {f.get('description')}"
            for f in a.validation_failures)))
    if a.quarantine.empty:
        out.append(_md(t("ab_quarantine_none", lang, name=name)))
    else:
        out.append(_md(t("ab_quarantine", lang, name=name)))
        out.append(_table(pd.DataFrame({
            t("col_raw", lang): [_raw_summary(r) for r in a.quarantine["raw"]],
            t("col_reason", lang): a.quarantine["reason"],
            t("col_source", lang): [f"{f}:{line}" for f, line in
                                    zip(a.quarantine["source_file"],
                                        a.quarantine["source_line"])],
        })))
    if not a.conflicts.empty:
        out.append(_md(t("ab_conflicts", lang)))
        out.append(_table(pd.DataFrame({
            t("col_year", lang): a.conflicts["year"].astype(str),
            t("col_metric", lang): [_metric(m, lang) for m in a.conflicts["metric"]],
            t("col_conflict", lang): a.conflicts["conflict"],
        })))
    out.append(_md(t("ab_sources", lang) + "\n\n" + "\n".join(
        f"- {_source_line(r, lang)}" for _, r in a.sources.iterrows())))
    return out


def _validation_lines(a: an.About, data: an.Data, lang: str) -> list[str]:
    summary = a.validation
    if summary is None:
        return [t("ab_validation_not_run", lang)]
    if summary.get("success"):
        lines = [t("ab_validation_ok", lang, successful=summary.get("successful"),
                   evaluated=summary.get("evaluated"), tables=len(summary.get("tables") or {}))]
    else:
        lines = [t("ab_validation_failed", lang, failed=summary.get("failed"),
                   evaluated=summary.get("evaluated"))]
    validated, current = summary.get("data_version"), data.manifest.get("data_version")
    if validated and current and validated != current:
        lines.append(t("ab_validation_version", lang, validated=validated, current=current))
    return lines


def _raw_summary(raw: str) -> str:
    try:
        values = json.loads(raw)
    except (TypeError, ValueError):
        return str(raw)
    keep = ("year", "unit_set", "entity", "metric", "value", "rank", "status", "note")
    return "; ".join(f"{k}: {values[k]}" for k in keep if values.get(k) not in (None, ""))


def _source_line(r: pd.Series, lang: str) -> str:
    label = " — ".join(str(x) for x in (r["publisher"], r["title"]) if not _missing(x)) \
        or str(r["source_id"])
    if not _missing(r["published"]):
        label += f" ({r['published']})"
    text = f"[{label}]({r['url']})" if not _missing(r["url"]) else label
    return f"{text} · {t('ab_used_for', lang, tables=r['tables'])}"


# --------------------------------------------------------------------------- national overview


@dataclass(frozen=True, eq=False)
class OverviewContext:
    data: an.Data
    unit_set: str
    lang: str

    @property
    def set_label(self) -> str:
        return t(f"set_{self.unit_set}", self.lang)


def overview_context(unit_set: object = "63", lang: str = "vi", *,
                     data: an.Data | None = None, root=None) -> OverviewContext:
    check_lang(lang)
    unit_set = str(unit_set).strip()
    if unit_set not in an.UNIT_SETS:
        raise ValueError(f"unit_set must be '63' or '34', not {unit_set!r}")
    return OverviewContext(data if data is not None else an.Data.load(root), unit_set, lang)


def show_overview_title(ctx: OverviewContext) -> list:
    lang = ctx.lang
    lines = [f"# {t('ov_title', lang, set_label=ctx.set_label)}",
             t("ov_intro", lang, set_label=ctx.set_label),
             t("reading_key", lang, marks=t("marks_legend", lang))]
    version = ctx.data.manifest.get("data_version")
    if version:
        lines.append(t("data_version", lang, version=version))
    return [_md("\n\n".join(lines))]


def show_ranking(ctx: OverviewContext) -> list:
    lang = ctx.lang
    position = an.national_position(ctx.data, ctx.unit_set)
    out = [_heading("h_ov_ranking", lang)]
    if position.year is None:
        return out + [_md(t("pos_none", lang, set_label=ctx.set_label))]
    if position.complete:
        out.append(_md(t("pos_complete", lang, n=position.n_units, year=position.year)))
    else:
        out.append(_md(t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)))
    out.append(_figure(charts.position_chart(position, lang,
                                             regions=_regions(ctx.data, ctx.unit_set, lang))))
    table = position.table
    region_key = "region" if lang == "vi" else "region_en"
    out.append(_table(pd.DataFrame({
        t("col_rank", lang): [_rank_text(r, s, lang)
                              for r, s in zip(table["rank"], table["rank_status"])],
        t("col_unit", lang): table["name"],
        t("col_region", lang): table[region_key],
        t("col_rank_in_region", lang): [fmt_int(r, lang) for r in table["rank_in_region"]],
        t("col_score", lang): [_score_text(v, s, lang)
                               for v, s in zip(table["score"], table["score_status"])],
        t("col_rank_status", lang): [_status(s, lang) for s in table["rank_status"]],
        t("col_source", lang): [_source_label(ctx.data, s) for s in table["source"]],
    })))
    return out


def show_rank_heatmap(ctx: OverviewContext) -> list:
    lang = ctx.lang
    matrix = an.rank_matrix(ctx.data, ctx.unit_set)
    return [_heading("h_ov_heatmap", lang),
            _md(t("ov_heatmap_intro", lang, n=an.n_units(ctx.data, ctx.unit_set)) + " "
                + t("marks_legend", lang)),
            _figure(charts.rank_heatmap(matrix, ctx.unit_set, lang))]


def show_movers(ctx: OverviewContext, top: int = TOP_MOVERS) -> list:
    lang = ctx.lang
    moves = an.movers(ctx.data, ctx.unit_set)
    out = [_heading("h_ov_movers", lang),
           _md(t("ov_movers_intro", lang, set_label=ctx.set_label))]
    if moves.empty:
        return out + [_md(t("ov_movers_none", lang))]
    moves = moves.head(top)
    region_key = "region" if lang == "vi" else "region_en"
    out.append(_table(pd.DataFrame({
        t("col_unit", lang): moves["name"],
        t("col_region", lang): moves[region_key],
        t("col_from", lang): [f"{y}:\u00a0{_rank_text(r, s, lang)}" for y, r, s in
                              zip(moves["from_year"], moves["from_rank"], moves["from_status"])],
        t("col_to", lang): [f"{y}:\u00a0{_rank_text(r, s, lang)}" for y, r, s in
                            zip(moves["to_year"], moves["to_rank"], moves["to_status"])],
        t("col_change", lang): [fmt_signed(c, lang, 0) if c else "0" for c in moves["change"]],
        t("col_status", lang): [f"{_status(a, lang)} → {_status(b, lang)}" for a, b in
                                zip(moves["from_status"], moves["to_status"])],
        t("col_method_change", lang): [_method_text(c, lang) if c else ""
                                       for c in moves["method_changes"]],
    })))
    return out


def show_regions(ctx: OverviewContext) -> list:
    lang = ctx.lang
    position = an.national_position(ctx.data, ctx.unit_set)
    regions = an.regions_compared(ctx.data, ctx.unit_set)
    out = [_heading("h_ov_regions", lang)]
    if regions.empty:
        return out + [_md(t("pos_none", lang, set_label=ctx.set_label))]
    intro = t("ov_regions_intro", lang, year=position.year)
    if not position.complete:
        intro += " " + t("pos_partial", lang, set_label=ctx.set_label, year=position.year,
                         n_ranked=position.n_ranked, n=position.n_units)
    out.append(_md(intro))
    region_key = "region" if lang == "vi" else "region_en"
    out.append(_table(pd.DataFrame({
        t("col_region", lang): regions[region_key],
        t("col_n_ranked", lang): [f"{a}/{b}" for a, b in zip(regions["n_ranked"],
                                                              regions["n_units"])],
        t("col_median", lang): [fmt_number(m, lang, 1) for m in regions["median_rank"]],
        t("col_best", lang): [f"{fmt_int(r, lang)} ({n})" for r, n in
                              zip(regions["best_rank"], regions["best_name"])],
        t("col_worst", lang): [f"{fmt_int(r, lang)} ({n})" for r, n in
                               zip(regions["worst_rank"], regions["worst_name"])],
    })))
    out.append(_figure(charts.regions_chart(position, lang,
                                            regions=_regions(ctx.data, ctx.unit_set, lang))))
    return out


def show_coverage(ctx: OverviewContext) -> list:
    lang = ctx.lang
    cov = an.coverage(ctx.data, ctx.unit_set)
    out = [_heading("h_ov_coverage", lang),
           _md(t("ov_coverage_intro", lang, n=an.n_units(ctx.data, ctx.unit_set)))]
    out.append(_figure(charts.coverage_chart(cov, lang)))
    out.append(_table(pd.DataFrame({
        t("col_year", lang): cov["year"].astype(str),
        t("col_units", lang): cov["n_units"].astype(str),
        t("col_with_rank", lang): cov["n_rank"].astype(str),
        t("col_with_score", lang): cov["n_score"].astype(str),
        **{t(f"status_{s}", lang): cov[f"n_rank_{s}"].astype(str)
           for s in ("official", "reported", "derived", "uncertain")},
        t("col_mean_published", lang): [t("yes", lang) if m else t("no", lang)
                                         for m in cov["mean_published"]],
    })))
    return out
