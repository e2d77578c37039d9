"""Section 4, pillars and main indices. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_pillars": "4. Các trụ cột và chỉ số chính",
        "pl_intro": ("Điểm và thứ hạng của {name} ở từng trụ cột / chỉ số chính, so với giá trị "
                     "cao nhất và trung vị của **các tỉnh có giá trị đó** (n tỉnh) — không phải "
                     "của cả {n} tỉnh. Năm 2020 dùng 3 trụ cột; từ 2021 dùng 9 chỉ số chính."),
        "pl_none_for_unit": ("Dữ liệu không có điểm hay thứ hạng trụ cột / chỉ số chính nào "
                             "của {name} trong {set_label}."),
        "pl_none_in_set": ("Không có điểm hay thứ hạng trụ cột / chỉ số chính nào của {set_label} "
                           "trong dữ liệu."),
        "pl_missing_year": ("Năm {year}: có giá trị {metrics} cho {n} tỉnh khác, nhưng không có "
                            "cho {name}."),
        "pl_single": ("Năm {year}, chỉ {name} có giá trị cho {metrics}: giá trị cao nhất và "
                      "trung vị là chính nó (n = 1)."),
        "chart_pl_title": "{name}: trụ cột / chỉ số chính năm {year}",
        "chart_pl_province": "{name}",
        "chart_pl_best": "Cao nhất",
        "chart_pl_median": "Trung vị",
        "chart_pl_scores": "Điểm",
        "chart_pl_ranks": "Hạng (1 = tốt nhất)",
    },
    "en": {
        "h_pillars": "4. Pillars and main indices",
        "pl_intro": ("Score and rank of {name} on each pillar / main index, against the best and "
                     "the median over **the provinces that have that value** (n of them) — not "
                     "over all {n}. 2020 used 3 pillars; from 2021, 9 main indices."),
        "pl_none_for_unit": ("The data hold no pillar or main-index score or rank of {name} in "
                             "the {set_label}."),
        "pl_none_in_set": "The data holds no pillar or main-index value of the {set_label}.",
        "pl_missing_year": ("{year}: {metrics} were published for {n} other provinces, but not "
                            "for {name}."),
        "pl_single": ("In {year} only {name} has a value for {metrics}: the best and the median "
                      "are its own (n = 1)."),
        "chart_pl_title": "{name}: pillars / main indices {year}",
        "chart_pl_province": "{name}",
        "chart_pl_best": "Best",
        "chart_pl_median": "Median",
        "chart_pl_scores": "Score",
        "chart_pl_ranks": "Rank (1 = best)",
    },
}
