"""Section 3, national position. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_position": "3. Vị trí trên cả nước",
        "pos_complete": ("Bảng xếp hạng đầy đủ gần nhất (cả {n} đơn vị đều có hạng) là năm "
                         "{year}."),
        "pos_in_it": ("{name} đứng thứ **{rank}**/{n} cả nước ({status}) và thứ **{rank_in_region}**"
                      "/{region_ranked} trong vùng {region}."),
        "pos_in_it_partial": ("{name} đứng thứ **{rank}**/{n} ({status}); trong vùng {region}, "
                              "thứ {rank_in_region} trong {region_ranked} đơn vị có hạng."),
        "pos_tie": "Đồng hạng với: {others}.",
        "pos_partial": ("Chưa có bảng xếp hạng đầy đủ nào của {set_label}: năm {year} chỉ biết "
                        "thứ hạng của {n_ranked}/{n} đơn vị. Biểu đồ và bảng dưới đây chỉ gồm các "
                        "đơn vị đó."),
        "pos_not_in_partial": "{name} không có trong số các đơn vị có thứ hạng năm {year}.",
        "pos_none": "Không có thứ hạng nào của {set_label} trong dữ liệu.",
        "pos_year_not_complete": ("Năm {year} không có bảng xếp hạng đầy đủ; dùng bảng gần nhất "
                                  "trước đó."),
        "pos_region_table": "Các đơn vị trong vùng {region}, năm {year}:",
        "chart_pos_title": "Xếp hạng DTI {year} — {set_short}",
        "chart_pos_window": ("(trích: {top} hạng đầu, {around} hạng quanh đơn vị này, {bottom} "
                             "hạng cuối)"),
        "chart_pos_title_partial": ("Xếp hạng DTI {year} — {set_short}: chỉ {n_ranked}/{n} đơn "
                                    "vị có hạng"),
        "chart_pos_axis": "Hạng (thanh dài hơn = hạng cao hơn)",
    },
    "en": {
        "h_position": "3. National position",
        "pos_complete": "The latest complete ranking (all {n} units ranked) is for {year}.",
        "pos_in_it": ("{name} ranks **{rank}** of {n} nationally ({status}) and **{rank_in_region}"
                      "** of {region_ranked} in the {region} region."),
        "pos_in_it_partial": ("{name} ranks **{rank}** of {n} ({status}); in the {region} "
                              "region, {rank_in_region} of the {region_ranked} units ranked."),
        "pos_tie": "Tied with: {others}.",
        "pos_partial": ("No complete ranking of the {set_label} exists: for {year} only "
                        "{n_ranked} of {n} units have a known rank. The chart and table below "
                        "show those units only."),
        "pos_not_in_partial": "{name} is not among the units ranked in {year}.",
        "pos_none": "The data holds no rank of the {set_label}.",
        "pos_year_not_complete": ("{year} has no complete ranking; the latest earlier one is "
                                  "used."),
        "pos_region_table": "Units of the {region} region, {year}:",
        "chart_pos_title": "DTI ranking {year} — {set_short}",
        "chart_pos_window": ("(excerpt: top {top}, {around} ranks either side of this unit, "
                             "bottom {bottom})"),
        "chart_pos_title_partial": ("DTI ranking {year} — {set_short}: only {n_ranked} of {n} "
                                    "units ranked"),
        "chart_pos_axis": "Rank (longer bar = better rank)",
    },
}
