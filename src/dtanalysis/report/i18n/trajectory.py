"""Section 2, trajectory. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_trajectory": "2. Diễn biến qua các năm",
        "tr_intro": ("Thứ hạng và điểm DTI tổng thể của {name} theo từng năm trong {set_label}, "
                     "cùng {peers} và điểm trung bình của các tỉnh. Các năm không liền nhau hoặc "
                     "thiếu số liệu không được nối với nhau."),
        "tr_no_rank_years": "Không có thứ hạng nào của {name} cho năm {years}.",
        "tr_no_score_years": "Dữ liệu không có điểm DTI nào của {name} cho năm {years}.",
        "tr_no_mean_years": "Dữ liệu không có điểm trung bình các tỉnh cho năm {years}.",
        "tr_34_only": ("Bộ 34 đơn vị mới chỉ được xếp hạng cho năm {years}; lịch sử của các tỉnh "
                       "thành viên (bộ 63) nằm ở mục 7, tách riêng."),
        "tr_peer_table": "Thứ hạng của các đơn vị so sánh:",
        "chart_traj_title": "{name}: thứ hạng và điểm DTI ({set_short})",
        "chart_no_score": "Dữ liệu không có điểm DTI nào của {name}",
    },
    "en": {
        "h_trajectory": "2. Trajectory",
        "tr_intro": ("Overall DTI rank and score of {name} year by year in the {set_label}, with "
                     "{peers} and the mean score over provinces. Years that are not consecutive "
                     "or lack a value are not joined."),
        "tr_no_rank_years": "No rank of {name} for {years}.",
        "tr_no_score_years": "The data hold no DTI score of {name} for {years}.",
        "tr_no_mean_years": "The data hold no mean score over provinces for {years}.",
        "tr_34_only": ("The 34-unit set has been ranked for {years} only; the history of its "
                       "member provinces (63 set) is in section 7, kept separate."),
        "tr_peer_table": "Ranks of the units compared:",
        "chart_traj_title": "{name}: DTI rank and score ({set_short})",
        "chart_no_score": "The data hold no DTI score of {name}",
    },
}
