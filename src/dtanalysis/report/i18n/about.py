"""Section 8, about the data. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_about": "9. Về dữ liệu",
        "ab_years": "Năm có dữ liệu DTI của {set_label}: {years}.",
        "ab_rank_years": "Năm có thứ hạng của {name}: {years}.",
        "ab_missing_rank_years": "Không có thứ hạng của {name} cho năm: {years}.",
        "ab_score_years": "Năm có điểm DTI của {name}: {years}.",
        "ab_missing_score_years": "Không có điểm DTI của {name} cho năm: {years}.",
        "ab_metrics_missing": ("Chỉ số có trong dữ liệu của {set_label} nhưng chưa từng có giá "
                               "trị cho {name}: {metrics}."),
        "ab_status_counts": ("Số giá trị DTI của {name} (tổng thể, trụ cột, chỉ số chính) theo "
                             "trạng thái:"),
        "ab_validation_ok": ("Kiểm định dữ liệu: đạt {successful}/{evaluated} kỳ vọng trên "
                             "{tables} bảng."),
        "ab_validation_failed": ("Kiểm định dữ liệu: **không đạt** — {failed}/{evaluated} kỳ "
                                 "vọng không đạt."),
        "ab_validation_not_run": "Kiểm định dữ liệu: chưa chạy (validation not run).",
        "ab_validation_version": ("Lưu ý: kiểm định chạy trên phiên bản dữ liệu `{validated}`, "
                                  "khác phiên bản đang dùng `{current}`."),
        "ab_validation_failures": "Kiểm định không đạt liên quan đến {name}:",
        "ab_quarantine": "Các dòng bị cách ly (không làm sạch được) có nhắc đến {name}:",
        "ab_quarantine_none": "Không có dòng bị cách ly nào nhắc đến {name}.",
        "ab_conflicts": ("Các giá trị mà các nguồn ghi khác nhau (giá trị giữ lại theo thứ bậc "
                         "nguồn, và giá trị nguồn khác ghi):"),
        "ab_sources": "Nguồn của các số liệu trong báo cáo này:",
        "ab_used_for": "dùng cho: {tables}",
        "ab_methods": ("Thay đổi phương pháp: năm 2020 dùng 3 trụ cột (điểm = tổng); 2021–2022 "
                       "dùng 9 chỉ số chính; {method_2024}. Điểm của một đơn vị sáp nhập là "
                       "trung bình các chỉ số chính của các tỉnh cũ."),
    },
    "en": {
        "h_about": "9. About the data",
        "ab_years": "Years with DTI data in the {set_label}: {years}.",
        "ab_rank_years": "Years with a rank of {name}: {years}.",
        "ab_missing_rank_years": "No rank of {name} for: {years}.",
        "ab_score_years": "Years with a DTI score of {name}: {years}.",
        "ab_missing_score_years": "No DTI score of {name} for: {years}.",
        "ab_metrics_missing": ("Indices present in the {set_label} data but never published for "
                               "{name}: {metrics}."),
        "ab_status_counts": "DTI values of {name} (overall, pillars, main indices) by status:",
        "ab_validation_ok": ("Data validation: {successful} of {evaluated} expectations passed "
                             "on {tables} tables."),
        "ab_validation_failed": ("Data validation: **failed** — {failed} of {evaluated} "
                                 "expectations failed."),
        "ab_validation_not_run": "Data validation: validation not run.",
        "ab_validation_version": ("Note: validation ran on data version `{validated}`, not on "
                                  "the version in use `{current}`."),
        "ab_validation_failures": "Validation failures concerning {name}:",
        "ab_quarantine": "Quarantined rows (could not be cleaned) that name {name}:",
        "ab_quarantine_none": "No quarantined row names {name}.",
        "ab_conflicts": ("Values the sources disagree on (the value kept by standing, and what "
                         "the other sources give):"),
        "ab_sources": "Sources of the figures in this report:",
        "ab_used_for": "used for: {tables}",
        "ab_methods": ("Method changes: 2020 used 3 pillars (score = sum); 2021–2022 used 9 main "
                       "indices; {method_2024}. A merged unit's score is the mean of its old "
                       "provinces' main indices."),
    },
}
