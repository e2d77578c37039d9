"""The comparison of a chosen group (`dtanalysis compare`). Vietnamese ("vi") and English
("en"). A gap is said with the index section's sentences (`ix_gap_*`, `ix_no_table_years`,
`ix_not_published_set`), the same as in a province report."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "cmp_title": "So sánh: {names}",
        "cmp_subtitle": ("{n} đơn vị của {set_label}, theo thứ tự đã chọn: {units}. Mỗi đơn vị "
                         "giữ một màu và một ký hiệu riêng trong mọi biểu đồ của mọi báo cáo."),
        "cmp_unit_line": "{name} ({code}, {region})",
        "cmp_report_link": "báo cáo của {name}",
        "h_cmp_indices": "1. Các chỉ số quốc gia, cạnh nhau",
        "cmp_indices_intro": ("Giá trị được công bố mới nhất của mỗi đơn vị trên từng chỉ số của "
                              "danh mục: năm, điểm (thang điểm), thứ hạng trên N, trạng thái và "
                              "nguồn. Cột độ phủ cho biết năm đó bao nhiêu đơn vị có thứ hạng "
                              "trong các bảng ở đây. Thứ hạng chỉ so được trong cùng một chỉ số, "
                              "cùng một năm."),
        "cmp_col_coverage": "Độ phủ",
        "cmp_coverage": "{m}/{n} đơn vị có hạng",
        "h_cmp_trajectories": "2. Diễn biến của từng chỉ số",
        "cmp_traj_intro": ("Mỗi chỉ số một biểu đồ: thứ hạng (trên) và điểm (dưới) của các đơn vị "
                           "qua các năm, mỗi đơn vị một màu và ký hiệu. Các năm không liền nhau "
                           "hoặc thiếu số liệu không được nối."),
        "chart_cmp_title": "{index}: thứ hạng và điểm ({set_short})",
        "cmp_score_axis": "Điểm {index} ({low}–{high})",
        "chart_cmp_alt": "Biểu đồ {index}: thứ hạng và điểm của {names} theo năm",
        "cmp_no_values": "**{index}**: không đơn vị nào của nhóm có giá trị.",
        "h_cmp_targets": "3. Mục tiêu riêng của mỗi đơn vị",
        "cmp_targets_intro": ("Mục tiêu mỗi đơn vị tự đặt trong nghị quyết, kế hoạch của mình, "
                              "với giá trị mới nhất và đánh giá — mục tiêu của các đơn vị khác "
                              "nhau, không so trực tiếp với nhau."),
        "cmp_targets_none": "Không đơn vị nào của nhóm có mục tiêu trong dữ liệu.",
        "cmp_targets_unit_none": "{name}: không có mục tiêu nào trong dữ liệu.",
        "h_cmp_indicators": "4. Các chỉ tiêu chung",
        "cmp_indicators_intro": ("Các chỉ tiêu có giá trị của ít nhất hai đơn vị trong nhóm: giá "
                                 "trị mới nhất của mỗi đơn vị và kỳ của nó (các kỳ có thể khác "
                                 "nhau)."),
        "cmp_indicators_none": "Không có chỉ tiêu nào mà hai đơn vị của nhóm cùng có giá trị.",
        "col_indicator_name": "Chỉ tiêu",
        "h_cmp_merger": "5. Sáp nhập năm 2025",
        "cmp_merged": "{members} sáp nhập thành {unit} ({code}) từ ngày 1/7/2025.",
        "cmp_not_merged": "Không có hai đơn vị nào của nhóm sáp nhập với nhau ngày 1/7/2025.",
        "cmp_successor": "{name} → {unit} ({code})",
        "cmp_members": "{unit}: gồm {members}",
        "cmp_about": ("Mọi con số trên trang này lấy từ `data/processed` (bảng `index_scores`, "
                      "`targets`, `indicators`); tệp CSV/XLSX bên cạnh trang liệt kê từng giá "
                      "trị với trạng thái, nguồn, tệp và dòng."),
        "cmp_listed_in": "So sánh nhóm có {name}: {links}",
    },
    "en": {
        "cmp_title": "Comparison: {names}",
        "cmp_subtitle": ("{n} units of the {set_label}, in the order chosen: {units}. Each unit "
                         "keeps its own colour and marker in every chart of every report."),
        "cmp_unit_line": "{name} ({code}, {region})",
        "cmp_report_link": "report on {name}",
        "h_cmp_indices": "1. The national indices side by side",
        "cmp_indices_intro": ("Each unit's latest published value on every index of the "
                              "catalogue: year, score (scale), rank of N, status and source. "
                              "Coverage says how many units that year has a rank in the tables "
                              "held here. Ranks compare within one index and one year only."),
        "cmp_col_coverage": "Coverage",
        "cmp_coverage": "{m} of {n} units ranked",
        "h_cmp_trajectories": "2. Each index over the years",
        "cmp_traj_intro": ("One chart per index: the units' ranks (top) and scores (bottom) year "
                           "by year, each unit in its own colour and marker. Years that are not "
                           "consecutive or lack a value are not joined."),
        "chart_cmp_title": "{index}: rank and score ({set_short})",
        "cmp_score_axis": "{index} score ({low}–{high})",
        "chart_cmp_alt": "Chart of {index}: ranks and scores of {names} by year",
        "cmp_no_values": "**{index}**: no unit of the group has a value.",
        "h_cmp_targets": "3. Each unit's own targets",
        "cmp_targets_intro": ("The targets each unit set itself in its own resolutions and plans, "
                              "with the latest value and the verdict — different units' targets "
                              "differ and are not compared with each other."),
        "cmp_targets_none": "No unit of the group has a target in the data.",
        "cmp_targets_unit_none": "{name}: no target in the data.",
        "h_cmp_indicators": "4. The indicators they share",
        "cmp_indicators_intro": ("The indicators at least two units of the group have a value "
                                 "for: each unit's latest value and its period (periods may "
                                 "differ)."),
        "cmp_indicators_none": "No indicator has a value for two units of the group.",
        "col_indicator_name": "Indicator",
        "h_cmp_merger": "5. The 2025 merger",
        "cmp_merged": "{members} merged into {unit} ({code}) on 1 July 2025.",
        "cmp_not_merged": "No two units of the group merged with each other on 1 July 2025.",
        "cmp_successor": "{name} → {unit} ({code})",
        "cmp_members": "{unit}: made of {members}",
        "cmp_about": ("Every figure on this page comes from `data/processed` (tables "
                      "`index_scores`, `targets`, `indicators`); the CSV/XLSX beside the page "
                      "lists each value with its status, source, file and line."),
        "cmp_listed_in": "Group comparisons with {name}: {links}",
    },
}
