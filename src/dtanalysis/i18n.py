"""Every heading, label, note and legend text of the reports, in Vietnamese ("vi", the default)
and English ("en"). Province names stay Vietnamese in both.

    t("h_headline", "en")                       → "1. Headline"
    t("no_score_rank_known", name=..., year=..., rank=...)

A key missing from a language is an error (KeyError), and `tests/test_analysis.py` checks that
both languages have the same keys. Numbers are formatted here too (`fmt_number`): Vietnamese
writes 0,7857 and 2.224; English 0.7857 and 2,224.
"""

from __future__ import annotations

import math

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

STRINGS: dict[str, dict[str, str]] = {
    "vi": {
        # ---- report title and reading key
        "title": "Báo cáo chuyển đổi số cấp tỉnh — {name}",
        "subtitle": ("{official} · mã {code} · {set_label} · vùng {region} · so sánh với: "
                     "{peers}"),
        "peers_region": "các đơn vị cùng vùng ({n})",
        "peers_list": "{names}",
        "peers_none": "không có",
        "data_version": "Phiên bản dữ liệu: `{version}`.",
        "reading_key": ("**Cách đọc.** Mọi con số lấy từ các bảng đã xử lý và có nguồn. Ô trống "
                        "hoặc câu «không có …» nghĩa là không có số liệu được công bố — không "
                        "được ước lượng. {marks} Trên biểu đồ, giá trị suy ra và không chắc chắn "
                        "là điểm rỗng nối bằng nét đứt. Thứ hạng của bộ 63 tỉnh và bộ 34 đơn vị "
                        "không bao giờ được nối thành một chuỗi."),
        "marks_legend": ("† = giá trị suy ra (phép tính trên mức thay đổi được nguồn nêu); "
                         "‡ = giá trị không chắc chắn (suy luận, ví dụ từ thứ tự một danh sách)."),
        "set_63": "bộ 63 tỉnh, thành phố (đến 30/6/2025)",
        "set_34": "bộ 34 đơn vị hành chính (từ 1/7/2025)",
        "set_short_63": "bộ 63",
        "set_short_34": "bộ 34",
        # ---- section headings
        "h_headline": "1. Tóm tắt",
        "h_trajectory": "2. Diễn biến qua các năm",
        "h_position": "3. Vị trí trên cả nước",
        "h_pillars": "4. Các trụ cột và chỉ số chính",
        "h_targets": "5. Mục tiêu",
        "h_indicators": "6. Các chỉ tiêu, so với cả nước",
        "h_merger": "7. Sáp nhập năm 2025",
        "h_about": "8. Về dữ liệu",
        # ---- statuses
        "status_official": "chính thức",
        "status_reported": "báo chí đưa tin",
        "status_derived": "suy ra",
        "status_uncertain": "không chắc chắn",
        "status_none": "—",
        # ---- metrics
        "metric_dti": "DTI tổng thể",
        "metric_chinh_quyen_so": "Chính quyền số",
        "metric_kinh_te_so": "Kinh tế số",
        "metric_xa_hoi_so": "Xã hội số",
        "metric_nhan_thuc_so": "Nhận thức số",
        "metric_the_che_so": "Thể chế số",
        "metric_ha_tang_so": "Hạ tầng số",
        "metric_nhan_luc_so": "Nhân lực số",
        "metric_an_toan_thong_tin_mang": "An toàn thông tin mạng",
        "metric_hoat_dong_chinh_quyen_so": "Hoạt động chính quyền số",
        "metric_hoat_dong_kinh_te_so": "Hoạt động kinh tế số",
        "metric_hoat_dong_xa_hoi_so": "Hoạt động xã hội số",
        # ---- method changes
        "method_2021": "từ năm 2021 chỉ số gồm 9 chỉ số chính thay cho 3 trụ cột của năm 2020",
        "method_2024": ("kết quả năm 2024 do Bộ Khoa học và Công nghệ công bố, cho cả bộ 63 tỉnh "
                        "và bộ 34 đơn vị mới"),
        "chart_method_2021": "2021: 3 trụ cột → 9 chỉ số chính",
        "chart_method_2024": "2024: Bộ KH&CN; bộ 34 đơn vị",
        # ---- 1 headline
        "hl_rank": "Hạng DTI tổng thể năm {year}: **{rank}**/{n} ({status}).",
        "hl_score": "Điểm DTI tổng thể năm {year}: **{score}** ({status}).",
        "hl_no_rank": "Không có thứ hạng DTI nào được công bố cho {name} năm {year}.",
        "hl_no_score_rank_known": ("Không có điểm DTI nào được công bố cho {name} năm {year}; "
                                   "chỉ biết thứ hạng ({rank})."),
        "hl_no_score": "Không có điểm DTI nào được công bố cho {name} năm {year}.",
        "hl_nothing": ("Không có thứ hạng hay điểm DTI nào được công bố cho {name} trong "
                       "{set_label}."),
        "hl_nothing_year": ("Không có thứ hạng hay điểm DTI nào được công bố cho {name} năm "
                            "{year} trong {set_label}."),
        "hl_rank_up": "So với năm {previous_year} (hạng {previous}, {status}): tăng **{delta}** bậc.",
        "hl_rank_down": ("So với năm {previous_year} (hạng {previous}, {status}): giảm **{delta}** "
                         "bậc."),
        "hl_rank_same": "So với năm {previous_year} (hạng {previous}, {status}): giữ nguyên hạng.",
        "hl_score_change": ("So với năm {previous_year} (điểm {previous}, {status}): thay đổi "
                            "**{delta}** điểm."),
        "hl_no_previous_rank": ("Không có thứ hạng năm nào trước {year} của {name} trong "
                                "{set_label} để so sánh."),
        "hl_no_previous_34": ("Bộ 34 đơn vị chỉ có kết quả cho năm {years}: không có năm trước "
                              "để so sánh, và thứ hạng của bộ 63 tỉnh không được dùng để so "
                              "sánh (xem mục 7)."),
        "hl_skipped": "Không có giá trị cho năm {years} để so sánh.",
        "hl_method_between": ("Lưu ý: phương pháp đánh giá thay đổi giữa hai năm này ({changes}); "
                              "mức thay đổi chỉ mang tính tham khảo."),
        "hl_marked_change": ("Mức thay đổi dựa trên ít nhất một giá trị suy ra hoặc không chắc "
                             "chắn."),
        "hl_note": "Ghi chú trong dữ liệu: {note}",
        "hl_source": "Nguồn: {links}.",
        # ---- 2 trajectory
        "tr_intro": ("Thứ hạng và điểm DTI tổng thể của {name} theo từng năm trong {set_label}, "
                     "cùng {peers} và điểm trung bình của các tỉnh. Các năm không liền nhau hoặc "
                     "thiếu số liệu không được nối với nhau."),
        "tr_no_rank_years": "Không có thứ hạng nào của {name} cho năm {years}.",
        "tr_no_score_years": "Không có điểm DTI nào của {name} được công bố cho năm {years}.",
        "tr_no_mean_years": "Điểm trung bình các tỉnh không được công bố cho năm {years}.",
        "tr_34_only": ("Bộ 34 đơn vị mới chỉ được xếp hạng cho năm {years}; lịch sử của các tỉnh "
                       "thành viên (bộ 63) nằm ở mục 7, tách riêng."),
        "tr_peer_table": "Thứ hạng của các đơn vị so sánh:",
        "col_year": "Năm",
        "col_rank": "Hạng",
        "col_rank_status": "Trạng thái hạng",
        "col_score": "Điểm",
        "col_score_status": "Trạng thái điểm",
        "col_mean_score": "Điểm trung bình các tỉnh",
        "col_source": "Nguồn",
        "col_note": "Ghi chú",
        "col_province": "Tỉnh/thành",
        "col_unit": "Đơn vị",
        "col_region": "Vùng",
        "col_status": "Trạng thái",
        "chart_rank_axis": "Hạng (1 = tốt nhất)",
        "chart_score_axis": "Điểm DTI (0–1)",
        "chart_year_axis": "Năm",
        "chart_mean": "Trung bình các tỉnh",
        "chart_stated": "đã công bố / báo chí đưa tin",
        "chart_derived": "suy ra (điểm rỗng, nét đứt)",
        "chart_uncertain": "không chắc chắn (hình thoi rỗng)",
        "chart_traj_title": "{name}: thứ hạng và điểm DTI ({set_short})",
        "chart_no_score": "Không có điểm DTI nào của {name} được công bố",
        "chart_no_values": "Không có giá trị",
        # ---- 3 national position
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
        "col_rank_in_region": "Hạng trong vùng",
        "chart_pos_title": "Xếp hạng DTI {year} — {set_short}",
        "chart_pos_window": "(trích: {top} hạng đầu, {around} hạng quanh đơn vị này, {bottom} "
                            "hạng cuối)",
        "chart_pos_title_partial": ("Xếp hạng DTI {year} — {set_short}: chỉ {n_ranked}/{n} đơn "
                                    "vị có hạng"),
        "chart_pos_axis": "Hạng (thanh dài hơn = hạng cao hơn)",
        # ---- 4 pillars
        "pl_intro": ("Điểm và thứ hạng của {name} ở từng trụ cột / chỉ số chính, so với giá trị "
                     "cao nhất và trung vị của **các tỉnh có giá trị đó** (n tỉnh) — không phải "
                     "của cả {n} tỉnh. Năm 2020 dùng 3 trụ cột; từ 2021 dùng 9 chỉ số chính."),
        "pl_none_for_unit": ("Không có điểm hay thứ hạng trụ cột / chỉ số chính nào được công bố "
                             "cho {name} trong {set_label}."),
        "pl_none_in_set": ("Không có điểm hay thứ hạng trụ cột / chỉ số chính nào của {set_label} "
                           "trong dữ liệu."),
        "pl_missing_year": ("Năm {year}: có giá trị {metrics} cho {n} tỉnh khác, nhưng không có "
                            "cho {name}."),
        "pl_single": ("Năm {year}, chỉ {name} có giá trị cho {metrics}: giá trị cao nhất và "
                      "trung vị là chính nó (n = 1)."),
        "col_metric": "Chỉ số",
        "col_best_score": "Điểm cao nhất (tỉnh)",
        "col_median_score": "Trung vị điểm",
        "col_n_score": "n (điểm)",
        "col_best_rank": "Hạng tốt nhất (tỉnh)",
        "col_median_rank": "Trung vị hạng",
        "col_n_rank": "n (hạng)",
        "chart_pl_title": "{name}: trụ cột / chỉ số chính năm {year}",
        "chart_pl_province": "{name}",
        "chart_pl_best": "Cao nhất",
        "chart_pl_median": "Trung vị",
        "chart_pl_scores": "Điểm",
        "chart_pl_ranks": "Hạng (1 = tốt nhất)",
        # ---- 5 targets
        "tg_intro": ("Mỗi mục tiêu với giá trị mới nhất được báo cáo trước hạn chót. Khoảng cách "
                     "= mục tiêu − giá trị mới nhất (với thứ hạng: số bậc cần tăng); tốc độ cần "
                     "= khoảng cách chia cho số năm từ giá trị mới nhất đến hết năm hạn chót. "
                     "Mục tiêu thứ hạng DTI dùng thứ hạng mới nhất trong bảng DTI."),
        "tg_intro_34": ("Các mục tiêu dưới đây do các tỉnh thành viên (bộ 63) đặt ra trước khi "
                        "sáp nhập."),
        "tg_none": "Không có mục tiêu nào của {name} trong dữ liệu.",
        "tg_no_values_chart": ("Không mục tiêu nào có giá trị được báo cáo, nên không có biểu "
                               "đồ."),
        "tg_no_value": "chưa có giá trị nào được báo cáo",
        "tg_without_value": "{k}/{n} mục tiêu chưa có giá trị nào được báo cáo trong dữ liệu.",
        "tg_no_deadline": "không nêu",
        "tg_reached": "đã đạt",
        "tg_not_reached": "chưa đạt ở giá trị mới nhất",
        "tg_deadline_passed": "đã quá hạn",
        "tg_no_value_at_deadline": "đã quá hạn, không có giá trị tại hạn chót",
        "tg_approx": "giá trị xấp xỉ",
        "tg_pace_na": "—",
        "tg_pace_value": "{pace}/năm",
        "tg_gap_places": "{gap} bậc",
        "col_target_indicator": "Mục tiêu",
        "col_target": "Chỉ tiêu",
        "col_deadline": "Hạn",
        "col_instrument": "Văn bản",
        "col_latest": "Giá trị mới nhất (kỳ)",
        "col_gap": "Khoảng cách",
        "col_pace": "Tốc độ cần",
        "col_progress": "Tình trạng",
        "chart_tg_title": "{name}: giá trị mới nhất so với mục tiêu",
        "chart_tg_latest": "Giá trị mới nhất",
        "chart_tg_target": "Mục tiêu",
        "chart_tg_rank_note": "hạng: bên phải = tốt hơn",
        "chart_tg_deadline": "hạn: {year}",
        # ---- 6 indicators
        "in_intro": ("Các chỉ tiêu của {name} được nêu trong nguồn, cạnh giá trị cả nước cùng "
                     "chỉ tiêu và cùng kỳ khi có. «(ngày đăng)»: nguồn không nêu kỳ, dùng ngày "
                     "đăng bài."),
        "in_none": "Không có chỉ tiêu nào của {name} trong dữ liệu.",
        "in_benchmarked": ("{k}/{n} chỉ tiêu có giá trị cả nước cùng kỳ; các chỉ tiêu còn lại "
                           "không có giá trị cả nước cùng kỳ trong dữ liệu."),
        "in_publication_date": "(ngày đăng)",
        "col_indicator": "Chỉ tiêu",
        "col_period": "Kỳ",
        "col_value": "Giá trị",
        "col_national": "Cả nước (cùng kỳ)",
        # ---- 7 merger
        "mg_joined": ("Từ 1/7/2025, {name} là một phần của **{unit}** (mã {code}, bộ 34 đơn vị), "
                      "cùng với {others}."),
        "mg_not_merged": ("{name} không sáp nhập với tỉnh nào; từ 1/7/2025 tiếp tục là đơn vị "
                          "**{unit}** (mã {code}) của bộ 34."),
        "mg_made_of": "**{unit}** (bộ 34 đơn vị, từ 1/7/2025) được hình thành từ: {members}.",
        "mg_made_of_single": ("**{unit}** (bộ 34 đơn vị) giữ nguyên địa giới của tỉnh {members} "
                              "trước đây."),
        "mg_result": "Kết quả năm {year} của {unit} (bộ 34): {rank_text}{score_text}.",
        "mg_rank_text": "hạng **{rank}**/{n} ({status})",
        "mg_score_text": ", điểm **{score}** ({status})",
        "mg_no_score_text": ", không có điểm được công bố",
        "mg_no_result": "Không có kết quả nào của {unit} trong bộ 34 đơn vị được công bố.",
        "mg_not_comparable": ("Thứ hạng của bộ 34 đơn vị (trên 34) và của bộ 63 tỉnh (trên 63) "
                              "không so sánh được và không được nối thành một chuỗi."),
        "mg_history": "Lịch sử các tỉnh thành viên trong bộ 63 tỉnh (thứ hạng, cạnh nhau):",
        "chart_mg_title": "Các tỉnh thành viên của {unit}: thứ hạng trong bộ 63",
        # ---- 8 about the data
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
        "ab_conflicts": "Các giá trị có hai nguồn ngang hàng mâu thuẫn nhau:",
        "ab_sources": "Nguồn của các số liệu trong báo cáo này:",
        "ab_used_for": "dùng cho: {tables}",
        "ab_methods": ("Thay đổi phương pháp: năm 2020 dùng 3 trụ cột (điểm = tổng); 2021–2022 "
                       "dùng 9 chỉ số chính; {method_2024}. Điểm của một đơn vị sáp nhập là "
                       "trung bình các chỉ số chính của các tỉnh cũ."),
        "col_n_ranks": "Số thứ hạng",
        "col_n_scores": "Số điểm",
        "col_reason": "Lý do",
        "col_raw": "Dữ liệu gốc",
        "col_conflict": "Mâu thuẫn",
        # ---- national overview
        "ov_title": "Tổng quan chuyển đổi số các tỉnh — {set_label}",
        "ov_intro": ("Toàn bộ các tỉnh trong {set_label}: bảng xếp hạng đầy đủ gần nhất, thứ hạng "
                     "theo năm, các đơn vị thay đổi nhiều nhất, so sánh giữa các vùng và mức độ "
                     "đầy đủ của dữ liệu."),
        "h_ov_ranking": "1. Bảng xếp hạng",
        "h_ov_heatmap": "2. Thứ hạng theo năm",
        "h_ov_movers": "3. Thay đổi thứ hạng lớn nhất",
        "h_ov_regions": "4. So sánh các vùng",
        "h_ov_coverage": "5. Số đơn vị có dữ liệu mỗi năm",
        "ov_heatmap_intro": ("Ô trống: không có thứ hạng được công bố năm đó. Chỉ năm có bảng xếp "
                             "hạng đầy đủ mới có đủ {n} ô."),
        "ov_movers_intro": ("Thay đổi thứ hạng giữa hai năm liền nhau khi cả hai thứ hạng đều "
                            "được biết, trong cùng {set_label} (dương = tăng bậc)."),
        "ov_movers_none": "Không có đơn vị nào có thứ hạng ở hai năm liền nhau.",
        "ov_regions_intro": ("Trung vị thứ hạng của mỗi vùng trong bảng xếp hạng năm {year} "
                             "(thấp hơn = tốt hơn)."),
        "ov_coverage_intro": "Số đơn vị (trên {n}) có thứ hạng và có điểm DTI mỗi năm.",
        "col_change": "Thay đổi (bậc)",
        "col_from": "Từ",
        "col_to": "Đến",
        "col_method_change": "Đổi phương pháp",
        "col_n_ranked": "Số đơn vị có hạng",
        "col_best": "Tốt nhất",
        "col_worst": "Kém nhất",
        "col_median": "Trung vị hạng",
        "col_units": "Số đơn vị",
        "col_with_rank": "Có hạng",
        "col_with_score": "Có điểm",
        "col_mean_published": "Có điểm trung bình",
        "yes": "có",
        "no": "không",
        "chart_heatmap_title": "Thứ hạng DTI theo năm — {set_short} († suy ra, ‡ không chắc chắn)",
        "chart_regions_title": "Thứ hạng theo vùng, năm {year}",
        "chart_regions_median": "Trung vị",
        "chart_coverage_title": "Số đơn vị có thứ hạng mỗi năm, theo trạng thái",
        "chart_coverage_axis": "Số đơn vị",
        "chart_coverage_all": "Tất cả {n} đơn vị",
        # ---- units and qualifiers
        "unit_%": "%",
        "unit_pp": "điểm %",
        "unit_count": "",
        "unit_rank": "",
        "unit_Mbps": "Mbps",
        "unit_VND bn": "tỷ đồng",
        "unit_USD bn": "tỷ USD",
        "unit_per 10k pop": "/vạn dân",
        "qualifier_more_than": "hơn",
        "qualifier_nearly": "gần",
        "qualifier_about": "khoảng",
        "qualifier_at_least": "ít nhất",
        "qualifier_at_most": "tối đa",
        "rank_value": "thứ {rank}",
        "top_value": "top {rank}",
        "list_and": " và ",
        "error_lang": "ngôn ngữ không hỗ trợ {lang!r}: dùng 'vi' hoặc 'en'",
    },
    "en": {
        "title": "Provincial digital transformation report — {name}",
        "subtitle": ("{official} · code {code} · {set_label} · region {region} · compared "
                     "with: {peers}"),
        "peers_region": "the other units of its region ({n})",
        "peers_list": "{names}",
        "peers_none": "none",
        "data_version": "Data version: `{version}`.",
        "reading_key": ("**How to read this report.** Every number comes from the processed "
                        "tables and carries its source. An empty cell or a “no …” sentence means "
                        "nothing was published — nothing is estimated. {marks} In charts, derived "
                        "and uncertain values are hollow markers joined by dashed lines. Ranks of "
                        "the 63-province set and of the 34-unit set are never joined into one "
                        "series."),
        "marks_legend": ("† = derived value (arithmetic on a change stated by the source); "
                         "‡ = uncertain value (inferred, e.g. from the order of a list)."),
        "set_63": "63-province set (until 30 June 2025)",
        "set_34": "34-unit set (from 1 July 2025)",
        "set_short_63": "63 set",
        "set_short_34": "34 set",
        "h_headline": "1. Headline",
        "h_trajectory": "2. Trajectory",
        "h_position": "3. National position",
        "h_pillars": "4. Pillars and main indices",
        "h_targets": "5. Targets",
        "h_indicators": "6. Indicators, with national benchmark",
        "h_merger": "7. The 2025 merger",
        "h_about": "8. About the data",
        "status_official": "official",
        "status_reported": "reported",
        "status_derived": "derived",
        "status_uncertain": "uncertain",
        "status_none": "—",
        "metric_dti": "Overall DTI",
        "metric_chinh_quyen_so": "Digital government",
        "metric_kinh_te_so": "Digital economy",
        "metric_xa_hoi_so": "Digital society",
        "metric_nhan_thuc_so": "Digital awareness",
        "metric_the_che_so": "Digital institutions",
        "metric_ha_tang_so": "Digital infrastructure",
        "metric_nhan_luc_so": "Digital human resources",
        "metric_an_toan_thong_tin_mang": "Cybersecurity",
        "metric_hoat_dong_chinh_quyen_so": "Digital government activities",
        "metric_hoat_dong_kinh_te_so": "Digital economy activities",
        "metric_hoat_dong_xa_hoi_so": "Digital society activities",
        "method_2021": "from 2021 the index has 9 main indices instead of the 3 pillars of 2020",
        "method_2024": ("the 2024 results were published by the Ministry of Science and "
                        "Technology, for both the 63 old provinces and the 34 new units"),
        "chart_method_2021": "2021: 3 pillars → 9 main indices",
        "chart_method_2024": "2024: new ministry; 34-unit set",
        "hl_rank": "Overall DTI rank {year}: **{rank}** of {n} ({status}).",
        "hl_score": "Overall DTI score {year}: **{score}** ({status}).",
        "hl_no_rank": "No DTI rank was published for {name} in {year}.",
        "hl_no_score_rank_known": ("No DTI score was published for {name} in {year}; only its "
                                   "rank ({rank}) is known."),
        "hl_no_score": "No DTI score was published for {name} in {year}.",
        "hl_nothing": "No DTI rank or score was published for {name} in the {set_label}.",
        "hl_nothing_year": ("No DTI rank or score was published for {name} in {year} in the "
                            "{set_label}."),
        "hl_rank_up": ("Against {previous_year} (rank {previous}, {status}): up **{delta}** "
                       "places."),
        "hl_rank_down": ("Against {previous_year} (rank {previous}, {status}): down **{delta}** "
                         "places."),
        "hl_rank_same": "Against {previous_year} (rank {previous}, {status}): same rank.",
        "hl_score_change": ("Against {previous_year} (score {previous}, {status}): a change of "
                            "**{delta}**."),
        "hl_no_previous_rank": ("{name} has no rank before {year} in the {set_label} to compare "
                                "with."),
        "hl_no_previous_34": ("The 34-unit set has results for {years} only: there is no earlier "
                              "year to compare with, and ranks of the 63-province set are not "
                              "used for comparison (see section 7)."),
        "hl_skipped": "There is no value for {years} to compare with.",
        "hl_method_between": ("Note: the method changed between these two years ({changes}); the "
                              "change is indicative only."),
        "hl_marked_change": "The change rests on at least one derived or uncertain value.",
        "hl_note": "Note in the data: {note}",
        "hl_source": "Source: {links}.",
        "tr_intro": ("Overall DTI rank and score of {name} year by year in the {set_label}, with "
                     "{peers} and the mean score over provinces. Years that are not consecutive "
                     "or lack a value are not joined."),
        "tr_no_rank_years": "No rank of {name} for {years}.",
        "tr_no_score_years": "No DTI score of {name} was published for {years}.",
        "tr_no_mean_years": "The mean score over provinces was not published for {years}.",
        "tr_34_only": ("The 34-unit set has been ranked for {years} only; the history of its "
                       "member provinces (63 set) is in section 7, kept separate."),
        "tr_peer_table": "Ranks of the units compared:",
        "col_year": "Year",
        "col_rank": "Rank",
        "col_rank_status": "Rank status",
        "col_score": "Score",
        "col_score_status": "Score status",
        "col_mean_score": "Mean score over provinces",
        "col_source": "Source",
        "col_note": "Note",
        "col_province": "Province",
        "col_unit": "Unit",
        "col_region": "Region",
        "col_status": "Status",
        "chart_rank_axis": "Rank (1 = best)",
        "chart_score_axis": "DTI score (0–1)",
        "chart_year_axis": "Year",
        "chart_mean": "Mean over provinces",
        "chart_stated": "official / reported",
        "chart_derived": "derived (hollow, dashed)",
        "chart_uncertain": "uncertain (hollow diamond)",
        "chart_traj_title": "{name}: DTI rank and score ({set_short})",
        "chart_no_score": "No DTI score of {name} was published",
        "chart_no_values": "No values",
        "pos_complete": ("The latest complete ranking (all {n} units ranked) is for {year}."),
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
        "col_rank_in_region": "Rank in region",
        "chart_pos_title": "DTI ranking {year} — {set_short}",
        "chart_pos_window": "(excerpt: top {top}, {around} ranks either side of this unit, "
                            "bottom {bottom})",
        "chart_pos_title_partial": ("DTI ranking {year} — {set_short}: only {n_ranked} of {n} "
                                    "units ranked"),
        "chart_pos_axis": "Rank (longer bar = better rank)",
        "pl_intro": ("Score and rank of {name} on each pillar / main index, against the best and "
                     "the median over **the provinces that have that value** (n of them) — not "
                     "over all {n}. 2020 used 3 pillars; from 2021, 9 main indices."),
        "pl_none_for_unit": ("No pillar or main-index score or rank was published for {name} in "
                             "the {set_label}."),
        "pl_none_in_set": "The data holds no pillar or main-index value of the {set_label}.",
        "pl_missing_year": ("{year}: {metrics} were published for {n} other provinces, but not "
                            "for {name}."),
        "pl_single": ("In {year} only {name} has a value for {metrics}: the best and the median "
                      "are its own (n = 1)."),
        "col_metric": "Index",
        "col_best_score": "Best score (province)",
        "col_median_score": "Median score",
        "col_n_score": "n (scores)",
        "col_best_rank": "Best rank (province)",
        "col_median_rank": "Median rank",
        "col_n_rank": "n (ranks)",
        "chart_pl_title": "{name}: pillars / main indices {year}",
        "chart_pl_province": "{name}",
        "chart_pl_best": "Best",
        "chart_pl_median": "Median",
        "chart_pl_scores": "Score",
        "chart_pl_ranks": "Rank (1 = best)",
        "tg_intro": ("Each target with the latest value reported at or before its deadline. Gap "
                     "= target − latest value (for ranks: places still to climb); pace needed = "
                     "gap divided by the years from the latest value to the end of the deadline "
                     "year. DTI rank targets use the latest rank of the DTI table."),
        "tg_intro_34": "The targets below were set by the member provinces (63 set) before the merger.",
        "tg_none": "The data holds no target of {name}.",
        "tg_no_values_chart": "No target has a reported value, so there is no chart.",
        "tg_no_value": "no value reported",
        "tg_without_value": "{k} of {n} targets have no reported value in the data.",
        "tg_no_deadline": "not stated",
        "tg_reached": "reached",
        "tg_not_reached": "not reached at the latest value",
        "tg_deadline_passed": "deadline passed",
        "tg_no_value_at_deadline": "deadline passed, no value at the deadline",
        "tg_approx": "approximate value",
        "tg_pace_na": "—",
        "tg_pace_value": "{pace}/year",
        "tg_gap_places": "{gap} places",
        "col_target_indicator": "Target",
        "col_target": "Goal",
        "col_deadline": "Deadline",
        "col_instrument": "Instrument",
        "col_latest": "Latest value (period)",
        "col_gap": "Gap",
        "col_pace": "Pace needed",
        "col_progress": "Progress",
        "chart_tg_title": "{name}: latest value against target",
        "chart_tg_latest": "Latest value",
        "chart_tg_target": "Target",
        "chart_tg_rank_note": "rank: right = better",
        "chart_tg_deadline": "deadline: {year}",
        "in_intro": ("The indicators of {name} stated in the sources, beside the national value "
                     "of the same indicator and period where one exists. “(publication date)”: "
                     "the source gives no period, its publication date is used."),
        "in_none": "The data holds no indicator of {name}.",
        "in_benchmarked": ("{k} of {n} indicators have a national value for the same period; the "
                           "others have no national value for that period in the data."),
        "in_publication_date": "(publication date)",
        "col_indicator": "Indicator",
        "col_period": "Period",
        "col_value": "Value",
        "col_national": "Viet Nam (same period)",
        "mg_joined": ("Since 1 July 2025, {name} is part of **{unit}** (code {code}, 34-unit set), "
                      "together with {others}."),
        "mg_not_merged": ("{name} was not merged with another province; since 1 July 2025 it "
                          "continues as **{unit}** (code {code}) of the 34-unit set."),
        "mg_made_of": "**{unit}** (34-unit set, from 1 July 2025) is made of: {members}.",
        "mg_made_of_single": ("**{unit}** (34-unit set) keeps the territory of the former "
                              "province {members}."),
        "mg_result": "{year} result of {unit} (34 set): {rank_text}{score_text}.",
        "mg_rank_text": "rank **{rank}** of {n} ({status})",
        "mg_score_text": ", score **{score}** ({status})",
        "mg_no_score_text": ", no score published",
        "mg_no_result": "No result of {unit} in the 34-unit set was published.",
        "mg_not_comparable": ("Ranks of the 34-unit set (out of 34) and of the 63-province set "
                              "(out of 63) are not comparable and are never joined into one "
                              "series."),
        "mg_history": "History of the member provinces in the 63-province set (ranks, side by side):",
        "chart_mg_title": "Member provinces of {unit}: ranks in the 63 set",
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
        "ab_conflicts": "Values on which two sources of equal standing disagree:",
        "ab_sources": "Sources of the figures in this report:",
        "ab_used_for": "used for: {tables}",
        "ab_methods": ("Method changes: 2020 used 3 pillars (score = sum); 2021–2022 used 9 main "
                       "indices; {method_2024}. A merged unit's score is the mean of its old "
                       "provinces' main indices."),
        "col_n_ranks": "Ranks",
        "col_n_scores": "Scores",
        "col_reason": "Reason",
        "col_raw": "Raw values",
        "col_conflict": "Conflict",
        "ov_title": "Provincial digital transformation overview — {set_label}",
        "ov_intro": ("All units of the {set_label}: the latest complete ranking, ranks year by "
                     "year, the biggest movers, regions compared and how complete the data is."),
        "h_ov_ranking": "1. Ranking",
        "h_ov_heatmap": "2. Ranks by year",
        "h_ov_movers": "3. Biggest movers",
        "h_ov_regions": "4. Regions compared",
        "h_ov_coverage": "5. Units with data each year",
        "ov_heatmap_intro": ("A blank cell: no rank was published that year. Only a year with a "
                             "complete ranking has all {n} cells."),
        "ov_movers_intro": ("Rank changes between two consecutive years where both ranks are "
                            "known, within the {set_label} (positive = up)."),
        "ov_movers_none": "No unit has a rank in two consecutive years.",
        "ov_regions_intro": "Median rank of each region in the {year} ranking (lower = better).",
        "ov_coverage_intro": "Units (of {n}) with a rank and with a DTI score each year.",
        "col_change": "Change (places)",
        "col_from": "From",
        "col_to": "To",
        "col_method_change": "Method change",
        "col_n_ranked": "Units ranked",
        "col_best": "Best",
        "col_worst": "Worst",
        "col_median": "Median rank",
        "col_units": "Units",
        "col_with_rank": "With rank",
        "col_with_score": "With score",
        "col_mean_published": "Mean published",
        "yes": "yes",
        "no": "no",
        "chart_heatmap_title": "DTI rank by year — {set_short} († derived, ‡ uncertain)",
        "chart_regions_title": "Ranks by region, {year}",
        "chart_regions_median": "Median",
        "chart_coverage_title": "Units with a rank each year, by status",
        "chart_coverage_axis": "Units",
        "chart_coverage_all": "All {n} units",
        "unit_%": "%",
        "unit_pp": "pp",
        "unit_count": "",
        "unit_rank": "",
        "unit_Mbps": "Mbps",
        "unit_VND bn": "VND bn",
        "unit_USD bn": "USD bn",
        "unit_per 10k pop": "per 10k pop.",
        "qualifier_more_than": "more than",
        "qualifier_nearly": "nearly",
        "qualifier_about": "about",
        "qualifier_at_least": "at least",
        "qualifier_at_most": "at most",
        "rank_value": "rank {rank}",
        "top_value": "top {rank}",
        "list_and": " and ",
        "error_lang": "unsupported language {lang!r}: use 'vi' or 'en'",
    },
}


def check_lang(lang: str) -> str:
    if lang not in STRINGS:
        raise ValueError(STRINGS[DEFAULT_LANG]["error_lang"].format(lang=lang) + " / "
                         + STRINGS["en"]["error_lang"].format(lang=lang))
    return lang


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """The text of `key` in `lang`, formatted with `kwargs`. KeyError for an unknown key."""
    strings = STRINGS[check_lang(lang)]
    if key not in strings:
        raise KeyError(f"no text {key!r} in language {lang!r}")
    text = strings[key]
    return text.format(**kwargs) if kwargs else text


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    return key in STRINGS[check_lang(lang)]


# --------------------------------------------------------------------------- numbers


def fmt_number(value: object, lang: str = DEFAULT_LANG, decimals: int = 2,
               fixed: bool = False) -> str:
    """A number in the language's style; up to `decimals` decimals (exactly, when `fixed`).
    Missing → ""."""
    if value is None:
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return ""
    text = f"{x:,.{decimals}f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "+0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_score(value: object, lang: str = DEFAULT_LANG) -> str:
    """A DTI score with the four decimals it is published with."""
    return fmt_number(value, lang, decimals=4, fixed=True)


def fmt_signed(value: object, lang: str = DEFAULT_LANG, decimals: int = 4,
               fixed: bool = True) -> str:
    text = fmt_number(value, lang, decimals, fixed)
    if text and not text.startswith("-") and float(value) > 0:
        text = "+" + text
    return text.replace("-", "−")


def fmt_int(value: object, lang: str = DEFAULT_LANG) -> str:
    return fmt_number(value, lang, decimals=0)


def fmt_years(years, lang: str = DEFAULT_LANG) -> str:
    years = [str(int(y)) for y in years]
    if not years:
        return ""
    if len(years) == 1:
        return years[0]
    return ", ".join(years[:-1]) + t("list_and", lang) + years[-1]


def fmt_list(items, lang: str = DEFAULT_LANG) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("list_and", lang) + items[-1]


def fmt_with_unit(value: object, unit: object, lang: str = DEFAULT_LANG,
                  qualifier: object = None) -> str:
    """'hơn 2.045', '27,9%', '60 Mbps', 'thứ 8' (rank)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    unit = unit if isinstance(unit, str) else ""
    if unit == "rank":
        text = t("rank_value", lang, rank=fmt_int(value, lang))
    else:
        number = fmt_number(value, lang)
        suffix = t(f"unit_{unit}", lang) if has(f"unit_{unit}", lang) else unit
        text = f"{number}%" if unit == "%" else (f"{number} {suffix}".strip())
    if isinstance(qualifier, str) and qualifier and has(f"qualifier_{qualifier}", lang):
        text = f"{t(f'qualifier_{qualifier}', lang)} {text}"
    return text
