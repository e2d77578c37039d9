"""Section 6, indicators with national benchmark. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_indicators": "6. Các chỉ tiêu, so với cả nước",
        "in_intro": ("Các chỉ tiêu của {name} được nêu trong nguồn, cạnh giá trị cả nước cùng "
                     "chỉ tiêu và cùng kỳ khi có. «(ngày đăng)»: nguồn không nêu kỳ, dùng ngày "
                     "đăng bài."),
        "in_none": "Không có chỉ tiêu nào của {name} trong dữ liệu.",
        "in_benchmarked": ("{k}/{n} chỉ tiêu có giá trị cả nước cùng kỳ; các chỉ tiêu còn lại "
                           "không có giá trị cả nước cùng kỳ trong dữ liệu."),
        "in_publication_date": "(ngày đăng)",
    },
    "en": {
        "h_indicators": "6. Indicators, with national benchmark",
        "in_intro": ("The indicators of {name} stated in the sources, beside the national value "
                     "of the same indicator and period where one exists. “(publication date)”: "
                     "the source gives no period, its publication date is used."),
        "in_none": "The data holds no indicator of {name}.",
        "in_benchmarked": ("{k} of {n} indicators have a national value for the same period; the "
                           "others have no national value for that period in the data."),
        "in_publication_date": "(publication date)",
    },
}
