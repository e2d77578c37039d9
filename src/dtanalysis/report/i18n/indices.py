"""Section 8 of the province report (the national indices side by side) and section 6 of the
national overview (one index's ranks against another's). Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_indices": "8. Các chỉ số quốc gia: DTI, PCI, PAPI",
        "ix_intro": ("{name} trên mọi chỉ số quốc gia trong danh mục của báo cáo, "
                     "năm gần nhất có giá trị của mỗi chỉ số. Các chỉ số đo những điều khác nhau "
                     "trên thang điểm khác nhau: chỉ so sánh thứ hạng và **phân vị** (100 = đứng "
                     "đầu, 0 = cuối, trong số các tỉnh được xếp hạng), không so sánh điểm giữa "
                     "các chỉ số."),
        "ix_marks": ("§ = bản sao thứ cấp của số liệu công bố (lấy từ một bộ tổng hợp của bên "
                     "thứ ba, không phải từ nơi công bố); † = giá trị suy ra (ví dụ tổng PAPI = "
                     "tổng tám nội dung, tính từ các nội dung thành phần); ‡ = không chắc chắn."),
        "ix_col_index": "Chỉ số",
        "ix_col_year": "Năm",
        "ix_col_score": "Điểm (thang)",
        "ix_col_rank": "Hạng",
        "ix_col_percentile": "Phân vị",
        "ix_col_change": "Thay đổi hạng",
        "ix_col_best_median": "Điểm cao nhất / trung vị",
        "ix_col_status": "Trạng thái",
        "ix_col_source": "Nguồn",
        "ix_rank_of": "{rank} / {n}",
        "ix_scale": "{score} ({low}–{high})",
        "ix_change_since": "{change} so với {year}",
        "ix_change_method": "{change} so với {year} (phương pháp thay đổi năm {methods})",
        "ix_no_value": "không có giá trị",
        "ix_not_published_set": ("**{index}**: không có bảng nào cho {set_label} trong dữ liệu — "
                                 "không phải là thứ hạng thấp."),
        "ix_never_for_unit": ("**{index}**: các năm {years} có bảng, nhưng không có điểm hay hạng "
                              "nào cho {name}."),
        "ix_gap_listed": ("**{index} {year}**: {name} có trong bảng nhưng không có điểm hay hạng "
                          "(ghi chú của dự án: “{note}”)."),
        "ix_gap_listed_no_note": ("**{index} {year}**: {name} có trong bảng nhưng không có điểm "
                                  "hay hạng."),
        "ix_gap_absent": ("**{index} {year}**: không có trong các bảng đã thu thập cho {name} — bảng năm đó có điểm "
                          "của {n_score} và hạng của {n_rank} trên {n_units} tỉnh."),
        "ix_gap_method": " {method}",
        "ix_no_table_years": ("**{index} {years}**: không có bảng nào trong dữ liệu cho "
                              "{set_short} — không phải là giá trị thấp."),
        "ix_gaps_h": "Những năm không có giá trị, bằng lời",
        "ix_methods_h": "Thay đổi phương pháp",
        "ix_method_line": "**{index} {year}**: {text}",
        "ix_sub_intro": ("**{index} {year}**: các chỉ số thành phần của {name}, so với giá trị "
                         "cao nhất và trung vị của {n} tỉnh có giá trị."),
        "ix_sub_highlight": " Chữ đậm: {metrics}, phần gần nhất với chuyển đổi số.",
        "ix_col_metric": "Chỉ số thành phần",
        "ix_history_h": "{index} của {name} qua từng năm",
        "ix_sub_history_h": "{index} của {name}: các chỉ số thành phần theo năm.",
        "ix_col_ranked": "Số tỉnh có hạng",
        "ix_ranked_of": "{m} / {n}",
        "ix_col_best": "Cao nhất",
        "ix_col_median": "Trung vị",
        "ix_sources": "Nguồn: {sources}.",
        "chart_ix_title": "{name}: phân vị trên từng chỉ số theo năm",
        "chart_ix_percentile": "Phân vị (100 = hạng 1)",
        "chart_ix_score": "Điểm",
        "chart_ix_sub_title": "{name}: {index} {year}, các chỉ số thành phần",
        "h_ov_indices": "7. Các chỉ số quốc gia cạnh nhau",
        "ix_later": ("{index}: bảng trên dẫn giá trị công bố năm {year}; giá trị sau đó suy ra "
                     "hoặc không chắc chắn, không dùng làm giá trị dẫn: {values}."),
        "ov_ix_latest": ("Thứ hạng của mỗi đơn vị trong bảng xếp hạng gần nhất của từng chỉ số "
                         "xếp hạng ít nhất một nửa số đơn vị, hoặc nếu không có, năm xếp hạng "
                         "nhiều đơn vị nhất ({years}). Ô trống: chỉ số không xếp hạng đơn vị đó "
                         "năm ấy — không phải hạng thấp."),
        "ov_ix_latest_caption": "Thứ hạng gần nhất theo từng chỉ số, {set_label}",
        "ov_ix_ranked": "{index} {year}: {n}/{total} đơn vị có hạng",
        "ov_ix_ranked_partial": ("{index} {year}: chỉ {n}/{total} đơn vị có hạng (chưa năm nào "
                                 "xếp hạng được một nửa)"),
        "ov_ix_intro": ("Mỗi điểm là một tỉnh được cả hai chỉ số xếp hạng (năm {year_a} của "
                        "{a}, năm gần nhất có ít nhất {min} tỉnh chung của chỉ số kia). ρ là hệ "
                        "số tương quan hạng Spearman; điểm rỗng là hạng suy ra hoặc không chắc "
                        "chắn."),
        "ov_ix_pair": ("**{a} {year_a} và {b} {year_b}**: {n} tỉnh có cả hai hạng, ρ = {rho}."),
        "ov_ix_too_few": ("**{a} {year_a} và {b} {year_b}**: chỉ {n} tỉnh có cả hai hạng, ít hơn "
                          "{min}: không vẽ biểu đồ, không tính tương quan."),
        "ov_ix_none": "Không có chỉ số nào để đối chiếu với DTI trong {set_label}.",
        "chart_ix_vs_title": "Hạng {a} và hạng {b} (ρ = {rho}, n = {n})",
        "chart_ix_alt": ("Biểu đồ đường: phân vị của {name} trên từng chỉ số theo năm (100 = "
                         "hạng 1)"),
        "chart_ix_sub_alt": "Biểu đồ thanh: {title}; điểm và trung vị",
        "chart_ix_vs_alt": ("Biểu đồ điểm: hạng {a} {year_a} (trục ngang) và hạng {b} {year_b} "
                            "(trục dọc) của {n} tỉnh có cả hai hạng; ρ = {rho}."),
    },
    "en": {
        "h_indices": "8. National indices: DTI, PCI, PAPI",
        "ix_intro": ("{name} on every national index the reports follow, "
                     "in the latest year each has a value. The indices measure different things "
                     "on different scales: compare ranks and **percentiles** (100 = first, 0 = "
                     "last, among the provinces ranked), not scores across indices."),
        "ix_marks": ("§ = secondary copy of a published figure (from a third-party compilation, "
                     "not the publisher); † = derived value (e.g. PAPI total = sum of its eight "
                     "dimensions, computed from their sub-dimensions); ‡ = uncertain."),
        "ix_col_index": "Index",
        "ix_col_year": "Year",
        "ix_col_score": "Score (scale)",
        "ix_col_rank": "Rank",
        "ix_col_percentile": "Percentile",
        "ix_col_change": "Rank change",
        "ix_col_best_median": "Best / median score",
        "ix_col_status": "Status",
        "ix_col_source": "Source",
        "ix_rank_of": "{rank} / {n}",
        "ix_scale": "{score} ({low}–{high})",
        "ix_change_since": "{change} since {year}",
        "ix_change_method": "{change} since {year} (method changed in {methods})",
        "ix_no_value": "no value",
        "ix_not_published_set": ("**{index}**: no table for the {set_label} in the data — not "
                                 "a low rank."),
        "ix_never_for_unit": ("**{index}**: tables for {years}, but no score or rank for "
                              "{name}."),
        "ix_gap_listed": ("**{index} {year}**: {name} is in the table without a score or rank "
                          "(the project's note: “{note}”)."),
        "ix_gap_listed_no_note": ("**{index} {year}**: {name} is in the table without a score "
                                  "or rank."),
        "ix_gap_absent": ("**{index} {year}**: no value of {name} in the collected tables — that year's table has "
                          "scores for {n_score} and ranks for {n_rank} of {n_units} provinces."),
        "ix_gap_method": " {method}",
        "ix_no_table_years": ("**{index} {years}**: no table in the data for the {set_short} "
                              "— not a low value."),
        "ix_gaps_h": "Years without a value, in words",
        "ix_methods_h": "Method changes",
        "ix_method_line": "**{index} {year}**: {text}",
        "ix_sub_intro": ("**{index} {year}**: the sub-indices of {name}, against the best and "
                         "the median of the {n} provinces with a value."),
        "ix_sub_highlight": " In bold: {metrics}, the part closest to digital transformation.",
        "ix_col_metric": "Sub-index",
        "ix_history_h": "{index} of {name}, every year",
        "ix_sub_history_h": "{index} of {name}: sub-indices by year.",
        "ix_col_ranked": "Units ranked",
        "ix_ranked_of": "{m} of {n}",
        "ix_col_best": "Best",
        "ix_col_median": "Median",
        "ix_sources": "Sources: {sources}.",
        "chart_ix_title": "{name}: percentile on each index by year",
        "chart_ix_percentile": "Percentile (100 = rank 1)",
        "chart_ix_score": "Score",
        "chart_ix_sub_title": "{name}: {index} {year}, sub-indices",
        "h_ov_indices": "7. The national indices side by side",
        "ix_later": ("{index}: the table leads with the value published for {year}; later "
                     "values are derived or uncertain and do not lead: {values}."),
        "ov_ix_latest": ("Each unit's rank in each index's latest ranking of at least half the "
                         "units, or else its year ranking the most ({years}). A blank: the index "
                         "did not rank the unit that year — not a low rank."),
        "ov_ix_latest_caption": "Latest rank in each index, {set_label}",
        "ov_ix_ranked": "{index} {year}: {n}/{total} units ranked",
        "ov_ix_ranked_partial": ("{index} {year}: only {n}/{total} units ranked (no year ranks "
                                 "half of them yet)"),
        "ov_ix_intro": ("Each point is a province ranked by both indices ({a} {year_a}; the "
                        "other index's nearest year with at least {min} provinces in common). ρ "
                        "is Spearman's rank correlation; hollow points are derived or uncertain "
                        "ranks."),
        "ov_ix_pair": "**{a} {year_a} and {b} {year_b}**: {n} provinces have both ranks, ρ = {rho}.",
        "ov_ix_too_few": ("**{a} {year_a} and {b} {year_b}**: only {n} provinces have both ranks, "
                          "fewer than {min}: no chart, no correlation."),
        "ov_ix_none": "No index to compare with DTI in the {set_label}.",
        "chart_ix_vs_title": "{a} rank against {b} rank (ρ = {rho}, n = {n})",
        "chart_ix_alt": "Line chart: percentile of {name} on each index by year (100 = rank 1)",
        "chart_ix_sub_alt": "Bar chart: {title}; score and median",
        "chart_ix_vs_alt": ("Scatter chart: {a} {year_a} rank (horizontal) against {b} "
                            "{year_b} rank (vertical) of the {n} provinces with both; ρ = "
                            "{rho}."),
    },
}
