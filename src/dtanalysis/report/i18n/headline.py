"""Section 1, headline. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_headline": "1. Tóm tắt",
        "hl_rank": "Hạng DTI tổng thể năm {year}: **{rank}**/{n} ({status}).",
        "hl_score": "Điểm DTI tổng thể năm {year}: **{score}** ({status}).",
        "hl_no_rank": "Dữ liệu không có thứ hạng DTI nào của {name} năm {year}.",
        "hl_no_score_rank_known": ("Dữ liệu không có điểm DTI nào của {name} năm {year}; "
                                   "chỉ biết thứ hạng ({rank})."),
        "hl_no_score": "Dữ liệu không có điểm DTI nào của {name} năm {year}.",
        "hl_nothing": ("Dữ liệu không có thứ hạng hay điểm DTI nào của {name} trong "
                       "{set_label}."),
        "hl_nothing_year": ("Dữ liệu không có thứ hạng hay điểm DTI nào của {name} năm "
                            "{year} trong {set_label}."),
        "hl_rank_up": "So với năm {previous_year} (hạng {previous}, {status}): tăng **{delta}** bậc.",
        "hl_rank_down": ("So với năm {previous_year} (hạng {previous}, {status}): giảm **{delta}** "
                         "bậc."),
        "hl_rank_same": "So với năm {previous_year} (hạng {previous}, {status}): giữ nguyên hạng.",
        "hl_score_change": ("So với năm {previous_year} (điểm {previous}, {status}): thay đổi "
                            "**{delta}** điểm."),
        "hl_no_previous_rank": ("Không có thứ hạng năm nào trước {year} của {name} trong "
                                "{set_label} để so sánh."),
        "hl_no_previous_34": ("Bộ 34 đơn vị chỉ có kết quả cho năm {years}: không có năm trước "
                              "để so sánh, và thứ hạng của bộ 63 tỉnh không được dùng để so "
                              "sánh (xem mục 7)."),
        "hl_skipped": "Không có giá trị cho năm {years} để so sánh.",
        "hl_method_between": ("Lưu ý: phương pháp đánh giá thay đổi giữa hai năm này ({changes}); "
                              "mức thay đổi chỉ mang tính tham khảo."),
        "hl_marked_change": ("Mức thay đổi dựa trên ít nhất một giá trị suy ra hoặc không chắc "
                             "chắn."),
        "hl_note": "Ghi chú của dự án: “{note}”",
        "hl_source": "Nguồn: {links}.",
    },
    "en": {
        "h_headline": "1. Headline",
        "hl_rank": "Overall DTI rank {year}: **{rank}** of {n} ({status}).",
        "hl_score": "Overall DTI score {year}: **{score}** ({status}).",
        "hl_no_rank": "The data hold no DTI rank of {name} for {year}.",
        "hl_no_score_rank_known": ("The data hold no DTI score of {name} for {year}; only its "
                                   "rank ({rank}) is known."),
        "hl_no_score": "The data hold no DTI score of {name} for {year}.",
        "hl_nothing": "The data hold no DTI rank or score of {name} in the {set_label}.",
        "hl_nothing_year": ("The data hold no DTI rank or score of {name} for {year} in the "
                            "{set_label}."),
        "hl_rank_up": ("Against {previous_year} (rank {previous}, {status}): up **{delta}** "
                       "places."),
        "hl_rank_down": ("Against {previous_year} (rank {previous}, {status}): down **{delta}** "
                         "places."),
        "hl_rank_same": "Against {previous_year} (rank {previous}, {status}): same rank.",
        "hl_score_change": ("Against {previous_year} (score {previous}, {status}): a change of "
                            "**{delta}**."),
        "hl_no_previous_rank": ("{name} has no rank before {year} in the {set_label} to compare "
                                "with."),
        "hl_no_previous_34": ("The 34-unit set has results for {years} only: there is no earlier "
                              "year to compare with, and ranks of the 63-province set are not "
                              "used for comparison (see section 7)."),
        "hl_skipped": "There is no value for {years} to compare with.",
        "hl_method_between": ("Note: the method changed between these two years ({changes}); the "
                              "change is indicative only."),
        "hl_marked_change": "The change rests on at least one derived or uncertain value.",
        "hl_note": "The project's note: “{note}”",
        "hl_source": "Source: {links}.",
    },
}
