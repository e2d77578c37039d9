"""The title block of the province report: title, what is compared, the reading key (marks) and the
data version."""

from __future__ import annotations

from ... import analysis as an
from ..context import ReportContext
from ..display import HTML, escape, md
from ..i18n import t


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
    return [md("\n\n".join(lines))]


def show_comparison_links(ctx: ReportContext, comparisons) -> list:
    """Links to the group comparisons with this unit (`data/raw/comparisons.csv`, given by
    `build` as [[href, label], …]; a relative link to a page beside this one, or nothing)."""
    links = [(str(href), str(label)) for href, label in (comparisons or [])
             if str(href).startswith("../") and ":" not in str(href)]
    if not links:
        return []
    anchors = " · ".join(f'<a href="{escape(href)}">{escape(label)}</a>'
                         for href, label in links)
    text = escape(t("cmp_listed_in", ctx.lang, name=ctx.name, links="\x00")).replace(
        "\x00", anchors)
    return [HTML(f'<p class="dta-comparisons">{text}</p>')]
