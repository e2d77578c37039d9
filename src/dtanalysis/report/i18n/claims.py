"""The wording of the rules of `analysis.claims`, written once: why a value is missing (four
reasons), coverage (M of N), a judgment by rank among all N, and target verdicts. Vietnamese
("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        # (a) the publisher says it did not publish it
        "cl_missing_not_published": ("{index} {year}: {publisher_says} — không có giá trị của "
                                     "{name} (không phải giá trị thấp)"),
        "cl_excluded": "nhà xuất bản không công bố giá trị của {name} năm này",
        "cl_outside_top": ("nhà xuất bản chỉ công bố {top} đơn vị dẫn đầu và dữ liệu có đủ cả "
                           "{top}; {name} không nằm trong số đó"),
        # (b) published (or nothing declared), not in the collected tables
        "cl_missing_not_collected": ("{index} {year}: không có trong các bảng đã thu thập — dữ "
                                     "liệu có {held} trên {out_of} {measure} {published} "
                                     "(không phải giá trị thấp)"),
        "cl_published_all": "đã công bố",
        "cl_published_undeclared": "của các đơn vị",
        "cl_top_note": ("; nhà xuất bản chỉ công bố {top} đơn vị dẫn đầu: {name} có thể nằm "
                        "ngoài nhóm này hoặc chưa được thu thập"),
        "cl_listed": "; {name} có tên trong bảng nhưng không có điểm hay hạng",
        # (c) no table of that year
        "cl_missing_no_table": "{index} {year}: dữ liệu không có bảng nào của năm này",
        "cl_missing_no_table_set": "{index}: dữ liệu không có bảng nào cho {set_short}",
        # (d) the unit did not exist
        "cl_missing_no_unit": "{index} {year}: {name} chưa tồn tại hoặc không còn tồn tại năm này",
        "cl_measure_rank": "thứ hạng",
        "cl_measure_score": "điểm",
        "cl_coverage": "{held}/{out_of}",
        # a rank judged among all N
        "cl_rank_top_fifth": "trong nhóm 20% dẫn đầu",
        "cl_rank_upper_half": "ở nửa trên",
        "cl_rank_lower_half": "ở nửa dưới",
        "cl_rank_bottom_fifth": "trong nhóm 20% cuối",
        # target verdicts
        "cl_verdict_met": "✔ đã đạt",
        "cl_verdict_not_met": "✘ không đạt",
        "cl_verdict_no_final_figure": "◌ chưa có số liệu cuối kỳ",
        "cl_verdict_on_track": "▲ đúng tiến độ",
        "cl_verdict_behind_pace": "▼ chậm so với tiến độ cần",
        "cl_verdict_pace_unknown": "◌ chưa đánh giá được tiến độ",
        "cl_verdict_no_data": "– chưa có số liệu",
        "cl_verdict_dates": "giá trị {value_date}, hạn {deadline}",
        "cl_deadline_none": "không nêu",
        "cl_deadline": "hạn {deadline}",
        "cl_pace": "cần {pace} mỗi năm",
        # whose words
        "cl_project_note": "Ghi chú của dự án: {note}",
        "cl_conflict": "nguồn khác ghi {other}",
        "cl_value_words": "(nguồn gọi là “{words}”)",
        "cl_value_words_gloss": "(nguồn gọi là “{words}”; tiếng Anh: {gloss})",
        "cl_note_in_english": "(bằng tiếng Anh, chưa có bản dịch)",
        "cl_over": "trên {n}/{n_set} đơn vị",
    },
    "en": {
        "cl_missing_not_published": ("{index} {year}: {publisher_says} — no value for {name} "
                                     "(not a low value)"),
        "cl_excluded": "the publisher published no value for {name} that year",
        "cl_outside_top": ("the publisher published only the top {top} and all {top} are held "
                           "here; {name} is not among them"),
        "cl_missing_not_collected": ("{index} {year}: not in the collected tables — {held} of "
                                     "the {out_of} {published} {measure} are held here (not a "
                                     "low value)"),
        "cl_published_all": "published",
        "cl_published_undeclared": "units'",
        "cl_top_note": ("; the publisher published only the top {top}: {name} may be outside "
                        "it or not collected"),
        "cl_listed": "; {name} is named in the table without a score or rank",
        "cl_missing_no_table": "{index} {year}: no table of that year in the data",
        "cl_missing_no_table_set": "{index}: no table for the {set_short} in the data",
        "cl_missing_no_unit": "{index} {year}: {name} did not exist that year",
        "cl_measure_rank": "ranks",
        "cl_measure_score": "scores",
        "cl_coverage": "{held} of {out_of}",
        "cl_rank_top_fifth": "in the top fifth",
        "cl_rank_upper_half": "in the upper half",
        "cl_rank_lower_half": "in the lower half",
        "cl_rank_bottom_fifth": "in the bottom fifth",
        "cl_verdict_met": "✔ met",
        "cl_verdict_not_met": "✘ not met",
        "cl_verdict_no_final_figure": "◌ no final figure",
        "cl_verdict_on_track": "▲ on track",
        "cl_verdict_behind_pace": "▼ behind the pace needed",
        "cl_verdict_pace_unknown": "◌ pace not measurable yet",
        "cl_verdict_no_data": "– no data",
        "cl_verdict_dates": "value of {value_date}, deadline {deadline}",
        "cl_deadline_none": "not stated",
        "cl_deadline": "deadline {deadline}",
        "cl_pace": "{pace} a year needed",
        "cl_project_note": "The project's note: {note}",
        "cl_conflict": "another source gives {other}",
        "cl_value_words": "(the source's words: “{words}”)",
        "cl_value_words_gloss": "(the source's words: “{words}”, {gloss})",
        "cl_note_in_english": "(in English)",
        "cl_over": "over {n} of {n_set} units",
    },
}
