"""Section 7, the 2025 merger. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_merger": "7. Sáp nhập năm 2025",
        "mg_joined": ("Từ 1/7/2025, {name} là một phần của **{unit}** (mã {code}, bộ 34 đơn vị), "
                      "cùng với {others}."),
        "mg_joined_same_name": ("Từ 1/7/2025, {name} và {others} hợp thành đơn vị mới "
                                "**{unit}** (mã {code}, bộ 34 đơn vị), giữ tên {name}."),
        "mg_not_merged": ("{name} không sáp nhập với tỉnh nào; từ 1/7/2025 tiếp tục là đơn vị "
                          "**{unit}** (mã {code}) của bộ 34."),
        "mg_made_of": "**{unit}** (bộ 34 đơn vị, từ 1/7/2025) được hình thành từ: {members}.",
        "mg_made_of_single": ("**{unit}** (bộ 34 đơn vị) giữ nguyên địa giới của tỉnh {members} "
                              "trước đây."),
        "mg_result": "Kết quả năm {year} của {unit} (bộ 34): {rank_text}{score_text}.",
        "mg_rank_text": "hạng **{rank}**/{n} ({status})",
        "mg_score_text": ", điểm **{score}** ({status})",
        "mg_no_score_text": ", dữ liệu không có điểm",
        "mg_no_result": "Dữ liệu không có kết quả nào của {unit} trong bộ 34 đơn vị.",
        "mg_not_comparable": ("Thứ hạng của bộ 34 đơn vị (trên 34) và của bộ 63 tỉnh (trên 63) "
                              "không so sánh được và không được nối thành một chuỗi."),
        "mg_history": "Lịch sử các tỉnh thành viên trong bộ 63 tỉnh (thứ hạng, cạnh nhau):",
        "chart_mg_title": "Các tỉnh thành viên của {unit}: thứ hạng trong bộ 63",
    },
    "en": {
        "h_merger": "7. The 2025 merger",
        "mg_joined": ("Since 1 July 2025, {name} is part of **{unit}** (code {code}, 34-unit set), "
                      "together with {others}."),
        "mg_joined_same_name": ("Since 1 July 2025, {name} and {others} form the new unit "
                                "**{unit}** (code {code}, 34-unit set), which keeps the name "
                                "{name}."),
        "mg_not_merged": ("{name} was not merged with another province; since 1 July 2025 it "
                          "continues as **{unit}** (code {code}) of the 34-unit set."),
        "mg_made_of": "**{unit}** (34-unit set, from 1 July 2025) is made of: {members}.",
        "mg_made_of_single": ("**{unit}** (34-unit set) keeps the territory of the former "
                              "province {members}."),
        "mg_result": "{year} result of {unit} (34 set): {rank_text}{score_text}.",
        "mg_rank_text": "rank **{rank}** of {n} ({status})",
        "mg_score_text": ", score **{score}** ({status})",
        "mg_no_score_text": ", no score in the data",
        "mg_no_result": "The data hold no result of {unit} in the 34-unit set.",
        "mg_not_comparable": ("Ranks of the 34-unit set (out of 34) and of the 63-province set "
                              "(out of 63) are not comparable and are never joined into one "
                              "series."),
        "mg_history": "History of the member provinces in the 63-province set (ranks, side by side):",
        "chart_mg_title": "Member provinces of {unit}: ranks in the 63 set",
    },
}
