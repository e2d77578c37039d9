"""Section 5, targets. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_targets": "5. Mục tiêu",
        "tg_intro": ("Mỗi mục tiêu với giá trị mới nhất được báo cáo trước hạn chót. Khoảng cách "
                     "= mục tiêu − giá trị mới nhất (với thứ hạng: số bậc cần tăng); tốc độ cần "
                     "= khoảng cách chia cho số năm từ giá trị mới nhất đến hết năm hạn chót. "
                     "Mục tiêu thứ hạng DTI dùng thứ hạng mới nhất trong bảng DTI."),
        "tg_intro_34": ("Các mục tiêu dưới đây do các tỉnh thành viên (bộ 63) đặt ra trước khi "
                        "sáp nhập."),
        "tg_none": "Không có mục tiêu nào của {name} trong dữ liệu.",
        "tg_no_values_chart": ("Không mục tiêu nào có giá trị được báo cáo, nên không có biểu "
                               "đồ."),
        "tg_no_value": "chưa có số liệu",
        "tg_without_value": "{k}/{n} mục tiêu chưa có giá trị nào được báo cáo trong dữ liệu.",
        "tg_no_deadline": "không nêu",
        "tg_reached": "đã đạt",
        "tg_not_reached": "chưa đạt ở giá trị mới nhất",
        "tg_deadline_passed": "đã hết hạn, chưa đạt",
        "tg_no_value_at_deadline": "đã quá hạn, không có giá trị tại hạn chót",
        "tg_approx": "giá trị xấp xỉ",
        "tg_pace_na": "—",
        "tg_pace_value": "{pace}/năm",
        "tg_gap_places": "{gap} bậc",
        "chart_tg_title": "{name}: giá trị mới nhất so với mục tiêu",
        "chart_tg_latest": "Giá trị mới nhất",
        "chart_tg_target": "Mục tiêu",
        "chart_tg_rank_note": "hạng: bên phải = tốt hơn",
        "chart_tg_deadline": "hạn: {year}",
    },
    "en": {
        "h_targets": "5. Targets",
        "tg_intro": ("Each target with the latest value reported at or before its deadline. Gap "
                     "= target − latest value (for ranks: places still to climb); pace needed = "
                     "gap divided by the years from the latest value to the end of the deadline "
                     "year. DTI rank targets use the latest rank of the DTI table."),
        "tg_intro_34": "The targets below were set by the member provinces (63 set) before the merger.",
        "tg_none": "The data holds no target of {name}.",
        "tg_no_values_chart": "No target has a reported value, so there is no chart.",
        "tg_no_value": "no data",
        "tg_without_value": "{k} of {n} targets have no reported value in the data.",
        "tg_no_deadline": "not stated",
        "tg_reached": "reached",
        "tg_not_reached": "not reached at the latest value",
        "tg_deadline_passed": "deadline passed, not reached",
        "tg_no_value_at_deadline": "deadline passed, no value at the deadline",
        "tg_approx": "approximate value",
        "tg_pace_na": "—",
        "tg_pace_value": "{pace}/year",
        "tg_gap_places": "{gap} places",
        "chart_tg_title": "{name}: latest value against target",
        "chart_tg_latest": "Latest value",
        "chart_tg_target": "Target",
        "chart_tg_rank_note": "rank: right = better",
        "chart_tg_deadline": "deadline: {year}",
    },
}
