"""The title block of the province report: title, what is compared, the reading key (marks) and the
data version."""

from __future__ import annotations

from ... import analysis as an
from ..context import ReportContext
from ..display import HTML, escape, md
from ..i18n import t


def show_title(ctx: ReportContext) -> list:
    """The report title and what is compared."""
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
        t("subtitle", lang, official=official_name(ctx.unit["name"], lang), code=ctx.code, set_label=ctx.set_label,
          region=ctx.region, peers=peers),
    ]
    # The reading key and the data version are under the briefing's notes (not page one).
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


_KINDS_EN = (("Thành phố ", "City"), ("Tỉnh ", "Province"))


def official_name(name: str, lang: str) -> str:
    """The unit's official name in the report's language: "Thành phố Hải Phòng" stays in
    Vietnamese, is "Hải Phòng City" in English ("Tỉnh Quảng Ninh" → "Quảng Ninh Province")."""
    if lang == "en":
        for prefix, kind in _KINDS_EN:
            if name.startswith(prefix):
                return f"{name[len(prefix):]} {kind}"
    return name
