"""The national overview. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "ov_title": "Tổng quan chuyển đổi số các tỉnh — {set_label}",
        "ov_intro": ("Toàn bộ các tỉnh trong {set_label}: bảng xếp hạng đầy đủ gần nhất, thứ hạng "
                     "theo năm, các đơn vị thay đổi nhiều nhất, so sánh giữa các vùng và mức độ "
                     "đầy đủ của dữ liệu."),
        "h_ov_ranking": "1. Bảng xếp hạng",
        "h_ov_heatmap": "2. Thứ hạng theo năm",
        "h_ov_movers": "3. Thay đổi thứ hạng lớn nhất",
        "h_ov_regions": "4. So sánh các vùng",
        "h_ov_coverage": "5. Số đơn vị có dữ liệu mỗi năm",
        "ov_index_coverage_intro": ("Mỗi chỉ số, mỗi năm: số đơn vị có giá trị trong dữ liệu "
                                    "trên số đơn vị được công bố (theo khai báo của nhà xuất "
                                    "bản trong publications.csv; không có khai báo: trên số "
                                    "đơn vị của bộ), theo từng trạng thái."),
        "ov_col_published": "Được công bố",
        "ov_col_held": "Có trong dữ liệu",
        "ov_published_declared": "{n} (theo nhà xuất bản)",
        "ov_published_undeclared": "không khai báo (bộ {n} đơn vị)",
        "ov_heatmap_intro": ("Ô trống: dữ liệu không có thứ hạng năm đó. Chỉ năm có bảng xếp "
                             "hạng đầy đủ mới có đủ {n} ô."),
        "ov_movers_intro": ("Thay đổi thứ hạng giữa hai năm liền nhau khi cả hai thứ hạng đều "
                            "được biết, trong cùng {set_label} (dương = tăng bậc)."),
        "ov_movers_none": "Không có đơn vị nào có thứ hạng ở hai năm liền nhau.",
        "ov_regions_intro": ("Trung vị thứ hạng của mỗi vùng trong bảng xếp hạng năm {year} "
                             "(thấp hơn = tốt hơn)."),
        "ov_coverage_intro": "Số đơn vị (trên {n}) có thứ hạng và có điểm DTI mỗi năm.",
        "chart_heatmap_title": "Thứ hạng DTI theo năm — {set_short} († suy ra, ‡ không chắc chắn)",
        "chart_regions_title": "Thứ hạng theo vùng, năm {year}",
        "chart_regions_median": "Trung vị",
        "chart_coverage_title": "Số đơn vị có thứ hạng mỗi năm, theo trạng thái",
        "chart_coverage_axis": "Số đơn vị",
        "chart_coverage_all": "Tất cả {n} đơn vị",
    },
    "en": {
        "ov_title": "Provincial digital transformation overview — {set_label}",
        "ov_intro": ("All units of the {set_label}: the latest complete ranking, ranks year by "
                     "year, the biggest movers, regions compared and how complete the data is."),
        "h_ov_ranking": "1. Ranking",
        "h_ov_heatmap": "2. Ranks by year",
        "h_ov_movers": "3. Biggest movers",
        "h_ov_regions": "4. Regions compared",
        "h_ov_coverage": "5. Units with data each year",
        "ov_index_coverage_intro": ("Each index and year: units with a value held here of the "
                                    "units published (as the publisher declares in "
                                    "publications.csv; nothing declared: of the set's units), "
                                    "by status."),
        "ov_col_published": "Published",
        "ov_col_held": "Held here",
        "ov_published_declared": "{n} (the publisher's)",
        "ov_published_undeclared": "not declared (set of {n})",
        "ov_heatmap_intro": ("A blank cell: the data hold no rank that year. Only a year with a "
                             "complete ranking has all {n} cells."),
        "ov_movers_intro": ("Rank changes between two consecutive years where both ranks are "
                            "known, within the {set_label} (positive = up)."),
        "ov_movers_none": "No unit has a rank in two consecutive years.",
        "ov_regions_intro": "Median rank of each region in the {year} ranking (lower = better).",
        "ov_coverage_intro": "Units (of {n}) with a rank and with a DTI score each year.",
        "chart_heatmap_title": "DTI rank by year — {set_short} († derived, ‡ uncertain)",
        "chart_regions_title": "Ranks by region, {year}",
        "chart_regions_median": "Median",
        "chart_coverage_title": "Units with a rank each year, by status",
        "chart_coverage_axis": "Units",
        "chart_coverage_all": "All {n} units",
    },
}
