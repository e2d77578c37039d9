"""Issue 19, point 10: the rules of `analysis.claims` hold over SYNTHETIC tables of random
coverage and statuses (Hypothesis), not only for the provinces named in the issue:

- no unit is judged against a median over fewer than COVERAGE_FLOOR of the set's units;
- an uncertain (‡) value never leads (the briefing's lead, its changes, the overview's movers,
  the key points);
- "not published" is said only where a declaration says so;
- every number of a generated sentence (why a value is missing, coverage, verdicts) is one
  counted from the generated rows.

Every table here is made up (SYNTHETIC); the analyses and wording are the real ones.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic import one_index_data

from dtanalysis.analysis import briefing as bf
from dtanalysis.analysis import claims
from dtanalysis.analysis.overview import movers
from dtanalysis.report.wording import missing_text, verdict_cell
from dtanalysis.vocab import STATUSES

YEARS = (2020, 2021, 2022, 2023)
SETTINGS = settings(max_examples=examples(40), deadline=None,  # 4 in the fast loop
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def synthetic_index(draw):
    """A SYNTHETIC index `zzz` over n units: for each year a random subset of units holds an
    overall rank and score of a random status; some years declared (all / top k / all but
    one unit), some not; some years have no table at all."""
    n = draw(st.integers(5, 24))
    codes = [f"{i:02d}" for i in range(1, n + 1)]
    scores, dti_rows, declared = [], [], []
    for year in YEARS:
        if draw(st.booleans()) and year != YEARS[-1]:
            continue  # no table of that year
        held = [c for c in codes if draw(st.booleans())] or [codes[0]]
        order = draw(st.permutations(codes))
        for code in held:
            rank = order.index(code) + 1
            status = draw(st.sampled_from(STATUSES))
            row = {"year": year, "unit_set": "63", "province_code": code, "score": rank / 100,
                   "rank": rank, "status": status, "score_status": status,
                   "rank_status": status, "source": "syn", "source_file": "syn.csv",
                   "source_line": rank + 1}
            scores.append({"index": "zzz", "metric": "zzz", **row})
            dti_rows.append({**row, "metric": "chinh_quyen_so"})
            dti_rows.append({**row, "metric": "dti"})
        kind = draw(st.sampled_from(("none", "all", "all_but")))
        if kind == "all":
            declared.append({"index": "zzz", "year": year, "unit_set": "63", "kind": "all",
                             "n_published": n, "as_written": "all", "source": "syn"})
        elif kind == "all_but":
            out = draw(st.sampled_from([c for c in codes if c not in held] or [None]))
            if out is not None:
                declared.append({"index": "zzz", "year": year, "unit_set": "63",
                                 "kind": "all_but", "n_published": n - 1, "excluded": out,
                                 "as_written": f"all but {out}", "source": "syn"})
    data = one_index_data("zzz", n, scores, dti=dti_rows, publications=declared)
    return data, codes, scores, declared


@SETTINGS
@given(synthetic_index())
def test_no_judgment_against_a_benchmark_under_the_coverage_floor(case):
    data, codes, _, _ = case
    n = len(codes)
    for code in codes:
        standing = bf.subindex_standing(data, code, "63")
        for r in standing.itertuples(index=False):
            if r.judged_by == "median":
                assert r.n >= claims.COVERAGE_FLOOR * n
            else:  # judged by its rank among all N, never against a thin median
                assert r.basis == "rank" and r.n_units == n
            assert r.status != "uncertain"


@SETTINGS
@given(synthetic_index())
def test_an_uncertain_value_never_leads(case):
    data, codes, _, _ = case
    for code in codes:
        for row in bf.index_rows(data, code, "63"):
            h = row.lead
            assert h.rank_status != "uncertain" or h.rank is None
            assert h.score_status != "uncertain" or h.score is None
            for c in (h.rank_change, h.score_change):
                if c is not None:
                    assert "uncertain" not in (c.status, c.previous_status)
    moves = movers(data, "63")
    if not moves.empty:
        assert "uncertain" not in set(moves["from_status"]) | set(moves["to_status"])


@SETTINGS
@given(synthetic_index())
def test_not_published_only_where_declared_and_numbers_traceable(case):
    data, codes, scores, declared = case
    rows = pd.DataFrame(scores)
    by_year = {d["year"]: d for d in declared}
    for year in YEARS:
        held_codes = set(rows.loc[rows["year"] == year, "province_code"]) if len(rows) else set()
        for code in codes:
            if code in held_codes:
                continue
            m = claims.why_missing(data, "zzz", year, "63", code)
            d = by_year.get(year)
            if m.kind == "not_published":
                assert d is not None and d["kind"] == "all_but" and d["excluded"] == code
            for lang in ("vi", "en"):
                text = missing_text(m, lang, "ZZZ", f"Syn {int(code)}")
                if m.kind != "not_published":
                    assert "not published" not in text and "không công bố" not in text
                # every number is the year, the unit's name, the units held or published
                allowed = {str(year), str(int(code)), str(len(held_codes)),
                           str(d["n_published"] if d else len(codes))}
                numbers = set(re.findall(r"\d+", text))
                assert numbers <= allowed, (text, allowed)
            if not held_codes:
                assert m.kind == "no_table"
            else:
                assert m.coverage.held == len(held_codes)
                assert sum(m.coverage.by_status.values()) == m.coverage.held


@SETTINGS
@given(synthetic_index())
def test_the_coverage_table_adds_up(case):
    data, codes, scores, _ = case
    table = claims.coverage_table(data, "63")
    rows = pd.DataFrame(scores)
    for r in table.itertuples(index=False):
        status_sum = sum(getattr(r, f"n_{s}") for s in STATUSES)
        assert status_sum == r.held
        held = rows[rows["year"] == r.year] if len(rows) else rows
        assert r.held == len(held)
        assert r.out_of == (r.n_published if r.declared else len(codes))


@pytest.mark.parametrize("value,reached,date,deadline,needed,so_far,expected", [
    (None, None, None, 2025, None, None, "no_data"),
    (27.9, False, "2022-08-04", 2022, 78.7, None, "no_final_figure"),  # Hải Phòng's 60 %
    (27.9, False, "2022-12-31", 2022, None, None, "not_met"),
    (21.0, False, "2023-12-31", 2030, 0.14, 5.0, "on_track"),  # a top 20 by 2030, in 2023
    (21.0, False, "2023-12-31", 2030, 2.0, 0.5, "behind_pace"),
    (21.0, False, "2023-12-31", 2030, 2.0, None, "pace_unknown"),
    (8.0, True, "2023-12-31", None, None, None, "met"),
])
def test_a_target_verdict_is_by_time(value, reached, date, deadline, needed, so_far, expected):
    as_of = pd.Timestamp("2026-12-06")
    kind = claims.verdict(value=value, reached=reached,
                          value_date=None if date is None else pd.Timestamp(date),
                          deadline=None if deadline is None else pd.Timestamp(deadline, 12, 31),
                          as_of=as_of, pace_needed=needed, pace_so_far=so_far)
    assert kind == expected
    assert claims.TONE[kind] in ("good", "bad", "neutral")
    cell = verdict_cell(pd.Series({"verdict": kind, "latest_period": date,
                                   "target_year": deadline if deadline else pd.NA,
                                   "pace_per_year": needed if needed else pd.NA}), "en")
    if kind != "no_data":
        assert f"value of {date}" in cell
    assert (f"deadline {deadline}" if deadline else "deadline not stated") in cell
