"""The report title block: title, subtitle, the reading key and the data version. Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Báo cáo chuyển đổi số cấp tỉnh — {name}",
        "subtitle": ("{official} · mã {code} · {set_label} · vùng {region} · so sánh với: "
                     "{peers}"),
        "peers_region": "các đơn vị cùng vùng ({n})",
        "peers_list": "{names}",
        "peers_none": "không có",
        "data_version": "Phiên bản dữ liệu: `{version}`.",
        "reading_key": ("**Cách đọc.** Mọi con số lấy từ các bảng đã xử lý và có nguồn. Ô trống "
                        "hoặc câu «không có …» nghĩa là dữ liệu không có giá trị đó — không "
                        "được ước lượng. {marks} Trên biểu đồ, giá trị suy ra và không chắc chắn "
                        "là điểm rỗng nối bằng nét đứt. Thứ hạng của bộ 63 tỉnh và bộ 34 đơn vị "
                        "không bao giờ được nối thành một chuỗi."),
        "marks_legend": ("§ = bản sao thứ cấp của số liệu công bố (từ một bộ tổng hợp của bên "
                         "thứ ba); † = giá trị suy ra (phép tính trên số liệu được nguồn nêu, ví "
                         "dụ một mức thay đổi hay tổng các nội dung thành phần); ‡ = giá trị "
                         "không chắc chắn (suy luận, ví dụ từ thứ tự một danh sách)."),
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
                        "no value is held here — nothing is estimated. {marks} In charts, derived "
                        "and uncertain values are hollow markers joined by dashed lines. Ranks of "
                        "the 63-province set and of the 34-unit set are never joined into one "
                        "series."),
        "marks_legend": ("§ = secondary copy of a published figure (from a third-party "
                         "compilation); † = derived value (arithmetic on figures stated by the "
                         "source, e.g. a change or the sum of the dimensions); ‡ = uncertain "
                         "value (inferred, e.g. from the order of a list)."),
    },
}
