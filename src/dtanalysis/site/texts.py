"""The site pages' words in Vietnamese ("vi", `index.html`) and English ("en",
`index.en.html`): one language per page, the other a link away. Numbers in the page's language
(Vietnamese 0,7857, English 0.7857). Plain strings: the site never imports the report stack
(pandas, matplotlib), so writing the index stays cheap."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        "lang_name": "Tiếng Việt",
        "title": "dtanalysis — Báo cáo các chỉ số cấp tỉnh",
        "h1": "Các chỉ số cấp tỉnh — báo cáo",
        "sub": ("Báo cáo từng tỉnh, thành phố về các chỉ số quốc gia (DTI, PCI, PAPI, …); mọi "
                "con số đều truy được về dữ liệu gốc và nguồn. Bấm tên tỉnh để mở trang tóm "
                "lược."),
        "nav": "Các trang chung",
        "operations_link": "Dành cho người vận hành (các lần chạy, kiểm định dữ liệu)",
        "find": "Tìm tỉnh:",
        "shown_of": "{shown} / {total} báo cáo",
        "set_63": "63 tỉnh, thành phố (đến 30/6/2025)",
        "set_34": "34 đơn vị hành chính (từ 1/7/2025)",
        "col_unit_63": "Tỉnh, thành phố",
        "col_unit_34": "Đơn vị",
        "rank_score_change": "hạng · điểm · thay đổi",
        "col_status": "Trạng thái, lần chạy (giờ địa phương)",
        "col_downloads": "Tải về",
        "counts": "{n} báo cáo · {failed} lỗi · {stale} cũ",
        "no_report": "Chưa có báo cáo nào",
        "ok": "cập nhật",
        "failed": "lỗi",
        "stale": "cũ",
        "stale_hint": "dựng từ phiên bản dữ liệu trước; cần chạy lại",
        "kept_page": "trang cũ của lần chạy {date} được giữ lại",
        "kept_page_short": "trang cũ được giữ lại",
        "cmp_title": "So sánh nhóm",
        "cmp_group": "Nhóm",
        "cmp_set": "Bộ đơn vị",
        "cmp_run": "Lần chạy",
        "no_table": "không có bảng",
        "none": "chưa có",
        "vs": " (so với {year})",
        "none_held": "không có trong dữ liệu",
        "none_held_in": "{years}: không có trong dữ liệu",
        "later_gaps": "vì sao năm sau không có giá trị ({n})",
        "held_of": "{held}/{out_of} có trong dữ liệu",
        "all_data": "Tất cả dữ liệu",
        "changes": "Dữ liệu thay đổi",
        "marks": ("Ký hiệu: § bản sao thứ cấp của số liệu công bố · † giá trị suy ra · ‡ giá "
                  "trị không chắc chắn · ▲ tăng hạng · ▼ giảm hạng."),
        "no_data": "Chưa có dữ liệu đã xử lý hợp lệ: hãy chạy lại bản dựng.",
        "ops_title": "dtanalysis — Vận hành",
        "ops_h1": "Vận hành: các lần chạy và kiểm định dữ liệu",
        "ops_sub": "Dành cho người chạy bản dựng: phiên bản dữ liệu, kiểm định, dòng bị cách "
                   "ly và các lần chạy gần đây.",
        "back": "Danh sách báo cáo",
        "data_version": "Phiên bản dữ liệu",
        "validation": "Kiểm định dữ liệu (trang ngoại tuyến)",
        "quarantined": "{n} dòng dữ liệu thô bị cách ly",
        "data_docs": "Great Expectations Data Docs (cần mạng)",
        "runs": "Các lần chạy gần đây",
        "runs_sub": "{n} lần chạy gần nhất trong reports/runs.jsonl, trước khi trang này được "
                    "viết",
        "run_start": "Bắt đầu (UTC)",
        "run_command": "Lệnh",
        "run_exit": "Mã thoát",
        "run_counts": "chạy / bỏ qua / lỗi",
        "run_data": "Phiên bản dữ liệu",
        "run_errors": "Lỗi",
    },
    "en": {
        "lang_name": "English",
        "title": "dtanalysis — Provincial index reports",
        "h1": "Provincial indices — reports",
        "sub": ("A report per province on the national indices (DTI, PCI, PAPI, …); every "
                "figure traceable to the raw data and its source. A name opens its briefing."),
        "nav": "Site pages",
        "operations_link": "For operators (runs, data validation)",
        "find": "Find a province:",
        "shown_of": "{shown} of {total} reports",
        "set_63": "63 provinces (until 30 June 2025)",
        "set_34": "34 units (from 1 July 2025)",
        "col_unit_63": "Province",
        "col_unit_34": "Unit",
        "rank_score_change": "rank · score · change",
        "col_status": "Status, run (local time)",
        "col_downloads": "Downloads",
        "counts": "{n} reports · {failed} failed · {stale} out of date",
        "no_report": "No report yet",
        "ok": "up to date",
        "failed": "failed",
        "stale": "out of date",
        "stale_hint": "built from an earlier data version; rebuild",
        "kept_page": "the last good page, of {date}, is kept",
        "kept_page_short": "last good page kept",
        "cmp_title": "Group comparisons",
        "cmp_group": "Group",
        "cmp_set": "Unit set",
        "cmp_run": "Run",
        "no_table": "no table",
        "none": "none",
        "vs": " (vs {year})",
        "none_held": "none held here",
        "none_held_in": "{years}: none held here",
        "later_gaps": "why later years have no value ({n})",
        "held_of": "{held} of {out_of} held",
        "all_data": "All the data",
        "changes": "What changed",
        "marks": ("Marks: § secondary copy of a published figure · † derived value · ‡ "
                  "uncertain value · ▲ up in rank · ▼ down in rank."),
        "no_data": "No valid processed data yet: run the build again.",
        "ops_title": "dtanalysis — Operations",
        "ops_h1": "Operations: runs and data validation",
        "ops_sub": "For the people who run the build: the data version, validation, "
                   "quarantined rows and the recent runs.",
        "back": "Report list",
        "data_version": "Data version",
        "validation": "Data validation (offline page)",
        "quarantined": "{n} raw rows quarantined",
        "data_docs": "Great Expectations Data Docs (need a network)",
        "runs": "Recent runs",
        "runs_sub": "the {n} most recent runs of reports/runs.jsonl before this page was "
                    "written",
        "run_start": "Start (UTC)",
        "run_command": "Command",
        "run_exit": "Exit code",
        "run_counts": "run / skipped / failed",
        "run_data": "Data version",
        "run_errors": "Errors",
    },
}


def text(key: str, lang: str, **kwargs) -> str:
    words = TEXTS[lang][key]
    return words.format(**kwargs) if kwargs else words


def other_lang(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def page_name(stem: str, lang: str) -> str:
    """`index.html` in Vietnamese, `index.en.html` in English (the reports' own rule)."""
    return f"{stem}.html" if lang == "vi" else f"{stem}.{lang}.html"


def num(value: float, decimals: int, lang: str) -> str:
    """`value` with `decimals` decimals in the language's marks (0,7024 / 0.7024)."""
    out = f"{float(value):,.{decimals}f}"
    if lang == "vi":
        out = out.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return out
