"""The one-page briefing (first page of the province report). Vietnamese ("vi") and English
("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "h_briefing": "Tóm lược",
        "bf_hl_places": "{name} đứng thứ {places}",
        "bf_hl_place": "<b>{rank}/{n}</b> về {index} ({year})",
        "bf_hl_no_rank": "chưa có hạng {index} trong dữ liệu",
        "bf_hl_no_index": "Chưa có thứ hạng nào của {name} trong dữ liệu",
        "bf_hl_best_worst": "; tốt nhất ở {best}, kém nhất ở {worst}",
        "bf_hl_targets": ("; đạt <b>{met} trên {total}</b> mục tiêu của tỉnh ({percent} %), "
                          "theo số liệu đến năm {year}"),
        "bf_hl_targets_no_value": "; {total} mục tiêu của tỉnh chưa có số liệu để đánh giá",
        "bf_hl_no_targets": "; dữ liệu chưa có mục tiêu nào của tỉnh",
        "bf_footnote": ("§ bản sao thứ cấp · † giá trị suy ra · ‡ không chắc chắn. Chi tiết, "
                        "nguồn và phiên bản dữ liệu ở các mục sau và mục «Về dữ liệu»."),
        "bf_footnote_notes": "Ghi chú về các giá trị trên.",
        "bf_notes": "Ghi chú về tóm lược",
        "bf_intro": ("Vị trí của {name} trong {set_label}, xu hướng, tiến độ so với mục tiêu của "
                     "chính tỉnh, và ba điểm chính — mọi con số lấy từ dữ liệu đã xử lý; chi "
                     "tiết và nguồn ở các mục sau."),
        "bf_no_index": "Danh mục chỉ số của báo cáo chưa có chỉ số nào.",
        "bf_no_table": "không có bảng",
        "bf_none": "không có",
        "bf_missing_not_published": "không công bố (theo nhà xuất bản)",
        "bf_missing_not_collected": "không có trong bảng đã thu thập",
        "bf_missing_no_table": "không có bảng",
        "bf_missing_no_unit": "đơn vị chưa tồn tại",
        "bf_gap_not_in_year": ("không có giá trị của {name} năm {year} (các năm có giá trị: "
                               "{years})"),
        "bf_gap_listed": ("**{index}**: năm {year}, {name} có trong bảng nhưng không có điểm "
                          "hay hạng; ghi chú của dự án: “{note}”"),
        "bf_kp_others": "Các chỉ số khác: {items}.",
        "bf_kp_other_rank": "{index} năm {year} hạng **{rank}/{n}** ({status})",
        "bf_kp_other_score": "{index} năm {year} điểm **{score}** ({status}), không có hạng",
        "bf_kp_other_none": "{index}: không có giá trị nào của {name} trong dữ liệu",
        "bf_col_index": "Chỉ số",
        "bf_col_change": "Thay đổi so với năm trước có số liệu",
        "bf_standing_caption": "Vị trí của {name} theo từng chỉ số (năm mới nhất có số liệu công bố)",
        "bf_no_value": "không có trong dữ liệu",
        "bf_rank_of": "{rank}/{n}",
        "bf_up": "▲ tăng {delta} bậc (năm {previous_year}: {previous})",
        "bf_down": "▼ giảm {delta} bậc (năm {previous_year}: {previous})",
        "bf_same": "= giữ nguyên (năm {previous_year}: {previous})",
        "bf_score_change": "điểm {delta} (năm {previous_year}: {previous})",
        "bf_no_change": "không có năm trước để so sánh",
        "bf_change_marked": "dựa trên giá trị suy ra hoặc không chắc chắn",
        "bf_later": ("Năm {year} có {what} **{value}** ({status}: {reason}); tóm lược dùng giá "
                     "trị đã công bố năm {lead_year}."),
        "bf_later_no_lead": ("Năm {year} có {what} **{value}** ({status}: {reason}); giá trị "
                             "không chắc chắn không được dùng để tóm lược."),
        "bf_only_uncertain": "chỉ có giá trị không chắc chắn (‡), xem ghi chú",
        "bf_kp_only_uncertain": ("Dữ liệu chỉ có giá trị {index} không chắc chắn của {name} "
                                 "(‡, nêu ở ghi chú và mục chi tiết), không dùng để đánh giá."),
        "bf_kp_other_uncertain": "{index} chỉ có giá trị không chắc chắn (‡), không dùng ở đây",
        "bf_later_rank": "thứ hạng",
        "bf_later_score": "điểm",
        "bf_lead_marked": "{value} là giá trị {status}: {reason}.",
        "bf_reason_derived": ("tính từ các số liệu đã công bố khác (ví dụ một mức thay đổi "
                              "báo chí đưa tin, hay tổng các nội dung thành phần), không phải "
                              "số công bố"),
        "bf_reason_uncertain": "suy luận (ví dụ từ thứ tự trong một danh sách), chưa được xác nhận",
        "bf_source_words": "Ghi chú của dự án: “{note}”",
        "bf_key_points": "Ba điểm chính",
        "bf_kp_rank_up": ("Năm {year}, {name} xếp hạng **{rank}/{n}** về {index} ({status}), "
                          "tăng {delta} bậc so với năm {previous_year}."),
        "bf_kp_rank_down": ("Năm {year}, {name} xếp hạng **{rank}/{n}** về {index} ({status}), "
                            "giảm {delta} bậc so với năm {previous_year}."),
        "bf_kp_rank_same": ("Năm {year}, {name} xếp hạng **{rank}/{n}** về {index} ({status}), "
                            "giữ nguyên hạng so với năm {previous_year}."),
        "bf_kp_rank_only": ("Năm {year}, {name} xếp hạng **{rank}/{n}** về {index} ({status}); "
                            "không có thứ hạng năm trước để so sánh."),
        "bf_kp_score_only": ("Năm {year}, {name} đạt **{score}** điểm {index} ({status}); không "
                             "có thứ hạng được công bố."),
        "bf_kp_no_index": "Dữ liệu không có thứ hạng hay điểm {index} nào của {name}.",
        "bf_kp_method": "Phương pháp đánh giá thay đổi giữa hai năm: so sánh chỉ mang tính tham khảo.",
        "bf_kp_strong_weak": ("Năm {year}, mạnh nhất là {strong}; yếu nhất là {weak}."),
        "bf_kp_strong_only": ("Năm {year}, mạnh nhất là {strong}; không có chỉ số thành phần "
                              "nào đánh giá được ở mức yếu."),
        "bf_kp_weak_only": ("Năm {year}, yếu nhất là {weak}; không có chỉ số thành phần nào "
                            "đánh giá được ở mức mạnh."),
        "bf_kp_sub_none": ("Chưa thể nêu điểm mạnh, điểm yếu theo chỉ số thành phần: dữ liệu "
                           "không có thứ hạng chỉ số thành phần nào của {name}, hay điểm có "
                           "trung vị trên ít nhất {floor}% số đơn vị của bộ, để so sánh."),
        "bf_sub_rank": "{metric} (hạng {value}, trung vị {median} của {n} đơn vị)",
        "bf_sub_rank_of_n": "{metric} (hạng {value}/{n}, {standing})",
        "bf_sub_score": "{metric} (điểm {value}, trung vị {median} của {n} đơn vị)",
        "bf_kp_targets": "{name} có {total} mục tiêu trong văn bản của tỉnh: {counts}.",
        "bf_kp_targets_none": "Dữ liệu chưa có mục tiêu nào do {name} đặt ra.",
        "bf_kp_targets_former": ("Mục tiêu của tỉnh cũ {former} (bộ 63 tỉnh, đánh giá trên số "
                                 "liệu của chính tỉnh đó): {total} mục tiêu, {counts}."),
        "bf_target_of_former": "{former} (tỉnh cũ): {label}",
        "bf_targets": "Tiến độ so với mục tiêu của tỉnh",
        "bf_targets_caption": "Mục tiêu của {name}: giá trị mới nhất và tình trạng",
        "bf_targets_more": "… và {k} mục tiêu khác ở mục 5.",
        "bf_target_reached": "✔ đã đạt",
        "bf_target_not_reached": "✘ chưa đạt",
        "bf_target_no_data": "– chưa có số liệu",
        "bf_chart_title": "{name}: thứ hạng DTI qua các năm ({set_short})",
        "bf_chart_alt": ("Biểu đồ đường: thứ hạng DTI tổng thể của {name} theo năm (1 = tốt "
                         "nhất). {points}"),
        "bf_chart_alt_none": ("Biểu đồ trống: không có thứ hạng DTI nào của {name} được công "
                              "bố."),
        "bf_chart_point": "{year}: hạng {rank}",
        "bf_chart_one": ("Thứ hạng DTI duy nhất của {name} trong dữ liệu: hạng **{rank}** năm "
                         "{year} ({status}) — một điểm, nên không vẽ biểu đồ."),
        "bf_chart_gap": "{year}: không có số liệu",
        "bf_chart_uncertain": "{year}: chỉ có giá trị không chắc chắn, không vẽ (xem ghi chú)",
        "bf_detail": "Chi tiết ở các mục 1–9 bên dưới.",
    },
    "en": {
        "h_briefing": "Briefing",
        "bf_hl_places": "{name} ranks {places}",
        "bf_hl_place": "<b>{rank} of {n}</b> on {index} ({year})",
        "bf_hl_no_rank": "has no {index} rank in the data",
        "bf_hl_no_index": "The data hold no rank of {name}",
        "bf_hl_best_worst": "; best placed on {best}, worst on {worst}",
        "bf_hl_targets": ("; <b>{met} of its {total}</b> own targets met ({percent} %), on "
                          "values up to {year}"),
        "bf_hl_targets_no_value": "; none of its {total} own targets has a value to judge by",
        "bf_hl_no_targets": "; the data hold no target of its own",
        "bf_footnote": ("§ secondary copy · † derived value · ‡ uncertain. Details, sources and "
                        "the data version in the sections below and in “About the data”."),
        "bf_footnote_notes": "Notes on the values above.",
        "bf_notes": "Notes on the briefing",
        "bf_intro": ("Where {name} stands in the {set_label}, its trend, its progress toward its "
                     "own targets and three key points — every figure from the processed data; "
                     "details and sources in the sections below."),
        "bf_no_index": "The reports' index catalogue lists no index.",
        "bf_no_table": "no table",
        "bf_none": "none",
        "bf_missing_not_published": "not published (the publisher says so)",
        "bf_missing_not_collected": "not in the collected tables",
        "bf_missing_no_table": "no table",
        "bf_missing_no_unit": "unit did not exist",
        "bf_gap_not_in_year": "no value for {name} in {year} (years with a value: {years})",
        "bf_gap_listed": ("**{index}**: in {year}, {name} is in the table without a score or "
                          "rank; the project's note: “{note}”"),
        "bf_kp_others": "Other indices: {items}.",
        "bf_kp_other_rank": "{index} {year} rank **{rank} of {n}** ({status})",
        "bf_kp_other_score": "{index} {year} score **{score}** ({status}), no rank",
        "bf_kp_other_none": "no {index} value of {name} in the data",
        "bf_col_index": "Index",
        "bf_col_change": "Change against the previous year with a value",
        "bf_standing_caption": "Where {name} stands on each index (latest year with a published value)",
        "bf_no_value": "none held here",
        "bf_rank_of": "{rank} of {n}",
        "bf_up": "▲ up {delta} places ({previous_year}: {previous})",
        "bf_down": "▼ down {delta} places ({previous_year}: {previous})",
        "bf_same": "= same rank ({previous_year}: {previous})",
        "bf_score_change": "score {delta} ({previous_year}: {previous})",
        "bf_no_change": "no earlier year to compare with",
        "bf_change_marked": "rests on a derived or uncertain value",
        "bf_later": ("{year} has a {what} of **{value}** ({status}: {reason}); the briefing uses "
                     "the published value of {lead_year}."),
        "bf_later_no_lead": ("{year} has a {what} of **{value}** ({status}: {reason}); an "
                             "uncertain value is not used in the briefing."),
        "bf_only_uncertain": "only an uncertain value (‡): see the note",
        "bf_kp_only_uncertain": ("The data hold only an uncertain {index} value of {name} (‡, "
                                 "listed in the notes and the detail sections): not used to "
                                 "judge."),
        "bf_kp_other_uncertain": "{index} only an uncertain value (‡), not used here",
        "bf_later_rank": "rank",
        "bf_later_score": "score",
        "bf_lead_marked": "{value} is a {status} value: {reason}.",
        "bf_reason_derived": ("computed from other published figures (e.g. a change "
                              "reported by the press, or the sum of the dimensions), not a "
                              "published figure"),
        "bf_reason_uncertain": "inferred (e.g. from the order of a list), not confirmed",
        "bf_source_words": "The project's note: “{note}”",
        "bf_key_points": "Three key points",
        "bf_kp_rank_up": ("In {year}, {name} ranked **{rank} of {n}** on {index} ({status}), up "
                          "{delta} places from {previous_year}."),
        "bf_kp_rank_down": ("In {year}, {name} ranked **{rank} of {n}** on {index} ({status}), "
                            "down {delta} places from {previous_year}."),
        "bf_kp_rank_same": ("In {year}, {name} ranked **{rank} of {n}** on {index} ({status}), "
                            "the same rank as in {previous_year}."),
        "bf_kp_rank_only": ("In {year}, {name} ranked **{rank} of {n}** on {index} ({status}); "
                            "there is no earlier rank to compare with."),
        "bf_kp_score_only": ("In {year}, {name} scored **{score}** on {index} ({status}); no rank "
                             "was published."),
        "bf_kp_no_index": "The data hold no {index} rank or score of {name}.",
        "bf_kp_method": "The method changed between the two years: the comparison is indicative.",
        "bf_kp_strong_weak": ("In {year}, strongest {strong}; weakest {weak}."),
        "bf_kp_strong_only": ("In {year}, strongest {strong}; no sub-index can be judged "
                              "weak."),
        "bf_kp_weak_only": ("In {year}, weakest {weak}; no sub-index can be judged strong."),
        "bf_kp_sub_none": ("Strengths and weaknesses by sub-index cannot be named: the data "
                           "hold no sub-index rank of {name}, nor a score with a median over "
                           "at least {floor} % of the set's units, to compare with."),
        "bf_sub_rank": "{metric} (rank {value}, median {median} of {n} units)",
        "bf_sub_rank_of_n": "{metric} (rank {value} of {n}, {standing})",
        "bf_sub_score": "{metric} (score {value}, median {median} of {n} units)",
        "bf_kp_targets": "{name} has {total} targets in its own documents: {counts}.",
        "bf_kp_targets_none": "The data hold no target set by {name}.",
        "bf_kp_targets_former": ("Targets of the former province {former} (63-province set, "
                                 "judged on its own values): {total}, {counts}."),
        "bf_target_of_former": "{former} (former province): {label}",
        "bf_targets": "Progress toward the province's own targets",
        "bf_targets_caption": "Targets of {name}: latest value and status",
        "bf_targets_more": "… and {k} more targets in section 5.",
        "bf_target_reached": "✔ reached",
        "bf_target_not_reached": "✘ not reached",
        "bf_target_no_data": "– no data",
        "bf_chart_title": "{name}: DTI rank by year ({set_short})",
        "bf_chart_alt": ("Line chart: overall DTI rank of {name} by year (1 = best). "
                         "{points}"),
        "bf_chart_alt_none": "Empty chart: no DTI rank of {name} has been published.",
        "bf_chart_point": "{year}: rank {rank}",
        "bf_chart_one": ("The only DTI rank of {name} in the data: **{rank}** in {year} "
                         "({status}) — one point, so no chart."),
        "bf_chart_gap": "{year}: no data",
        "bf_chart_uncertain": "{year}: only an uncertain value, not drawn (see the notes)",
        "bf_detail": "Details in sections 1–9 below.",
    },
}
