"""The maps (national overview and province report). Vietnamese ("vi") and English ("en").

A rank missing that year is said by the claims rules (`report.wording`); the map's own words
(`map_why_*`) are for an uncertain rank and for a set the index does not rank."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_ov_maps": "1. Bản đồ thứ hạng",
        "map_intro": ("Mỗi bản đồ tô màu thứ hạng của từng đơn vị trong bảng xếp hạng gần nhất "
                      "của một chỉ số (năm có thứ hạng cho ít nhất một nửa số đơn vị), màu đậm "
                      "= hạng cao. Ô gạch chéo: không có thứ hạng được tô, chú giải nói lý do. "
                      "Rê chuột lên một tỉnh để xem tên và thứ hạng; bảng số liệu ở dưới mỗi "
                      "bản đồ."),
        "map_index_h": "{index} {year}",
        "map_index_none_h": "{index}",
        "map_coverage": ("**{index} {year}**: có thứ hạng của {n_ranked} trên {n_units} đơn vị "
                         "({statuses})."),
        "map_no_table": ("**{index}**: không có bảng xếp hạng nào cho {set_label} trong dữ "
                         "liệu — không vẽ bản đồ."),
        "map_no_boundaries": ("Không có bản đồ: dữ liệu không có ranh giới tỉnh "
                              "(data/raw/geo/)."),
        "map_title": "{index} {year} — thứ hạng",
        "map_title_none": "{index} — không có thứ hạng",
        "map_class": "hạng {first}–{last}",
        "map_class_one": "hạng {first}",
        "map_hatched_unit": "đơn vị gạch chéo",
        "map_why_uncertain": ("thứ hạng {year} không chắc chắn (‡): ghi trong bảng số liệu, "
                              "không tô màu"),
        "map_why_no_table": "không có bảng xếp hạng {index} nào cho {set_label} trong dữ liệu",
        "map_hoang_sa": "QĐ. Hoàng Sa\n(TP. Đà Nẵng)",
        "map_truong_sa": "QĐ. Trường Sa\n(tỉnh Khánh Hòa)",
        "map_attribution": ("Ranh giới tỉnh: Open Development Mekong / Cục Đo đạc và Bản đồ Việt "
                            "Nam (qua geoBoundaries), CC BY-SA 4.0, đã đơn giản hoá"),
        "map_alt": ("Bản đồ {set_label}: thứ hạng {index} năm {year} của {n_drawn} trên "
                    "{n_units} đơn vị, màu đậm = hạng cao; {n_hatched} đơn vị gạch chéo "
                    "(không có thứ hạng được tô). Hoàng Sa (TP. Đà Nẵng) và Trường Sa (tỉnh "
                    "Khánh Hòa) được ghi trên bản đồ"),
        "map_alt_none": ("Bản đồ {set_label}: không có thứ hạng {index}; mọi đơn vị gạch chéo. "
                         "Hoàng Sa (TP. Đà Nẵng) và Trường Sa (tỉnh Khánh Hòa) được ghi trên "
                         "bản đồ"),
        "map_alt_outline": "; {name} viền đỏ",
        "map_tooltip": "{name}: hạng {rank}/{out_of}",
        "map_tooltip_none": "{name}: {why}",
        "map_col_why": "Lý do không tô màu",
        "ov_heat_ranked": "Có thứ hạng (trên {n})",
        "map_small_h": "Vị trí trên bản đồ",
        "map_small_intro": ("{name} (viền đỏ) trên bản đồ thứ hạng {index} năm {year} của "
                            "{set_label}."),
    },
    "en": {
        "h_ov_maps": "1. Maps of the latest ranks",
        "map_intro": ("Each map colours every unit by its rank in an index's latest ranking (the "
                      "latest year ranking at least half the units), darker = better. Hatched: "
                      "no rank coloured, the legend says why. Hover over a province for its "
                      "name and rank; the numbers are in the table under each map."),
        "map_index_h": "{index} {year}",
        "map_index_none_h": "{index}",
        "map_coverage": ("**{index} {year}**: ranks for {n_ranked} of {n_units} units "
                         "({statuses})."),
        "map_no_table": ("**{index}**: no ranking for the {set_label} in the data — no map is "
                         "drawn."),
        "map_no_boundaries": "No map: the data hold no province boundaries (data/raw/geo/).",
        "map_title": "{index} {year} — rank",
        "map_title_none": "{index} — no rank",
        "map_class": "rank {first}–{last}",
        "map_class_one": "rank {first}",
        "map_hatched_unit": "the hatched unit",
        "map_why_uncertain": ("{year} rank uncertain (‡): in the data table, not coloured"),
        "map_why_no_table": "no {index} ranking for the {set_label} in the data",
        "map_hoang_sa": "Hoàng Sa (Paracel) Is.\n(Đà Nẵng City)",
        "map_truong_sa": "Trường Sa (Spratly) Is.\n(Khánh Hòa Province)",
        "map_attribution": ("Province boundaries: Open Development Mekong / Vietnam Department of "
                            "Survey and Mapping (via geoBoundaries), CC BY-SA 4.0, simplified"),
        "map_alt": ("Map of the {set_label}: {index} {year} rank of {n_drawn} of {n_units} "
                    "units, darker = better; {n_hatched} units hatched (no rank coloured). "
                    "Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) are labelled on the map"),
        "map_alt_none": ("Map of the {set_label}: no {index} rank; every unit hatched. Hoàng Sa "
                         "(Đà Nẵng) and Trường Sa (Khánh Hòa) are labelled on the map"),
        "map_alt_outline": "; {name} outlined in red",
        "map_tooltip": "{name}: rank {rank} of {out_of}",
        "map_tooltip_none": "{name}: {why}",
        "map_col_why": "Why not coloured",
        "ov_heat_ranked": "Ranked (of {n})",
        "map_small_h": "On the map",
        "map_small_intro": "{name} (outlined in red) on the map of {index} {year} ranks of the "
                           "{set_label}.",
    },
}
