"""The page around a report, written by the runner: the link to the other language at its top
and its foot (downloads, technical provenance). Vietnamese ("vi") and English ("en")."""

TEXTS: dict[str, dict[str, str]] = {
    "vi": {
        # the link to the same report in the other language, named in that language
        "pg_other_lang": "English",
        "pg_other_lang_label": "Đọc báo cáo này bằng tiếng Anh",
        "pg_data_version": "Phiên bản dữ liệu",
        "pg_package": "dtanalysis",
        "pg_commit": "Commit",
        "pg_run_date": "Ngày chạy",
        "pg_provenance": "Dấu vết kỹ thuật của lần chạy này (để kiểm tra lại):",
        "pg_downloads": "Tải số liệu của báo cáo (giá trị, trạng thái, nguồn, tệp và dòng):",
        "pg_csv": "CSV (Excel, UTF-8)",
        "pg_xlsx": "XLSX",
        "pg_pdf": "PDF (A4)",
    },
    "en": {
        "pg_other_lang": "Tiếng Việt",
        "pg_other_lang_label": "Read this report in Vietnamese",
        "pg_data_version": "Data version",
        "pg_package": "dtanalysis",
        "pg_commit": "Commit",
        "pg_run_date": "Run date",
        "pg_provenance": "Technical provenance of this run (for audit):",
        "pg_downloads": "Download the report's numbers (value, status, source, file and line):",
        "pg_csv": "CSV (Excel, UTF-8)",
        "pg_xlsx": "XLSX",
        "pg_pdf": "PDF (A4)",
    },
}
