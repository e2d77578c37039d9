"""The DTI importer on messy tables. The fixtures are SYNTHETIC layouts (made here, never
written to data/raw/) filled with real 2022 facts from data/raw/dti/."""

import re
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from dtanalysis.domain.registry import registry
from dtanalysis.errors import InputError
from dtanalysis.ingest.dti_tables import classify, import_folder, import_table

REG = registry()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write_messy_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["BỘ THÔNG TIN VÀ TRUYỀN THÔNG"])
    sheet.append(["Bảng xếp hạng Chỉ số chuyển đổi số cấp tỉnh năm 2022"])
    sheet.append([])
    sheet.append(["STT", "Tỉnh, thành phố", "Chỉ số DTI", "Xếp hạng", "Chính quyền số", None])
    sheet.append([None, None, None, None, "Điểm", "Hạng"])
    sheet.append([1, nfd("TP. Đà Nẵng"), "0,8002", "1", None, None])
    sheet.append([2, nfd("TP.HCM"), "0,7163", 2, None, 3])
    sheet.append([3, "Quang Ninh", "0,7024", "3", "0,7804", "4"])
    sheet.append([4, "Thừa Thiên - Huế", 0.6975, 4, None, None])
    sheet.append([5, "Thanh Hoá", None, 15, None, None])
    sheet.append([6, "Yên Bái", None, 15, None, None])
    sheet.append([7, "Atlantis", "0,5", 20, None, None])
    sheet.append([8, "Hải Dương", "không rõ", 13, None, None])
    sheet.append([])
    sheet.append(["Ghi chú: Thanh Hóa và Yên Bái đồng hạng 15."])
    sheet.append(["Nguồn: https://dti.gov.vn/xep-hang-2022"])
    book.save(path)
    return path


@pytest.fixture
def messy(tmp_path):
    return import_table(write_messy_xlsx(tmp_path / "dti-2022-63.xlsx"), REG,
                        "data/raw/dti/dti-2022-63.xlsx")


def facts(result, code, metric="dti"):
    return [r for r in result.rows if r["province_code"] == code and r["metric"] == metric]


def test_messy_xlsx_values(messy):
    (danang,) = facts(messy, "48")
    assert (danang["score"], danang["rank"], danang["status"]) == (0.8002, 1, "official")
    assert danang["source"] == "https://dti.gov.vn/xep-hang-2022"   # from the Nguồn line
    assert danang["source_line"] == 6 and danang["year"] == 2022 and danang["unit_set"] == "63"
    assert facts(messy, "79")[0]["score"] == 0.7163                   # NFD "TP.HCM"
    assert facts(messy, "79", "chinh_quyen_so")[0]["rank"] == 3       # group header + "Hạng"
    qn = facts(messy, "22", "chinh_quyen_so")[0]
    assert (qn["score"], qn["rank"]) == (0.7804, 4)
    assert facts(messy, "46")[0]["score"] == 0.6975                   # a real number cell


def test_ties_are_kept(messy):
    assert facts(messy, "38")[0]["rank"] == facts(messy, "15")[0]["rank"] == 15


def test_bad_rows_are_quarantined_not_dropped(messy):
    reasons = {q.source_line: q.reason for q in messy.quarantined}
    assert set(reasons) == {12, 13}
    assert "unknown province 'Atlantis'" in reasons[12]
    assert "'không rõ'" in reasons[13] and "not a number" in reasons[13]
    assert all(q.source_file == "data/raw/dti/dti-2022-63.xlsx" for q in messy.quarantined)
    assert messy.quarantined[0].raw["Tỉnh, thành phố"] == "Atlantis"
    # the notes under the table are neither data nor quarantined
    assert len(messy.rows) == 6 + 2  # 6 provinces with dti, HCM and QN with chinh_quyen_so


def test_english_csv_with_numbers_as_text(tmp_path):
    path = tmp_path / "dti-2023-63.csv"
    path.write_text('Vietnam DTI 2023\n\nNo.,Province,Score,Rank,Source\n'
                    '1,Da Nang,"0.7710",1,https://example.org/a\n'
                    '2,Ho Chi Minh City,0.7548,2,https://example.org/a\n'
                    'Source: ministry table\n', encoding="utf-8")
    result = import_table(path, REG, "x.csv")
    assert [(r["province_code"], r["score"], r["rank"]) for r in result.rows] == [
        ("48", 0.771, 1), ("79", 0.7548, 2)]
    assert result.rows[0]["year"] == 2023 and result.rows[0]["source"] == "https://example.org/a"
    assert not result.quarantined


def test_semicolon_csv_in_34_set_with_vietnamese_decimals(tmp_path):
    path = tmp_path / "dti-2024-34.csv"
    path.write_text("Địa phương;Điểm;Thứ hạng\nHà Nội;0,8241;1\nHuế;0,7951;2\n"
                    "Hải Dương;0,7;3\n", encoding="utf-8")
    result = import_table(path, REG, "y.csv")
    assert [(r["province_code"], r["unit_set"]) for r in result.rows] == [("01", "34"),
                                                                          ("46", "34")]
    assert "joined Hải Phòng (31)" in result.quarantined[0].reason


def test_code_column_must_agree_with_name(tmp_path):
    path = tmp_path / "dti-2022-63.csv"
    path.write_text("Province,Code,Rank\nHải Phòng,31,14\nHải Dương,31,13\n", encoding="utf-8")
    result = import_table(path, REG, "z.csv")
    assert len(result.rows) == 1
    assert "code column says 31" in result.quarantined[0].reason


@pytest.mark.parametrize("name", ["ranking2022.csv", "dti-2022-62.csv", "dti-20x2-63.csv",
                                  "dti-1999-63.csv", "dti-2999-63.csv", "dti-2022-63.pdf",
                                  "dti-2023-34.csv"])  # the 34 units exist from July 2025
def test_a_table_name_without_a_known_year_and_set_is_refused(tmp_path, name):
    (tmp_path / name).write_text("Province,Rank\nHải Phòng,14\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes on the tables\n")  # not a table: skipped
    with pytest.raises(InputError, match=rf"^{re.escape(name)}: .*(year|name)"):
        import_folder(tmp_path, REG, lambda p: p.name)


def test_a_new_years_file_flows_through(tmp_path):
    (tmp_path / "dti-2025-34.csv").write_text("Tỉnh/Thành phố,Xếp hạng\nHuế,2\n", "utf-8")
    (tmp_path / "dti-2022-63.csv").write_text("Tỉnh/Thành phố,Xếp hạng\nHuế,4\n", "utf-8")
    result = import_folder(tmp_path, REG, lambda p: p.name)
    assert [(r["year"], r["unit_set"], r["rank"]) for r in result.rows] == [
        (2022, "63", 4), (2025, "34", 2)]


@pytest.mark.parametrize("header,expected", [
    ("Tỉnh/Thành phố", ("province", None)), ("Tinh, thanh pho", ("province", None)),
    ("Địa phương", ("province", None)), ("Province", ("province", None)),
    ("Xếp hạng", ("rank", "dti")), ("Thứ hạng", ("rank", "dti")), ("Rank", ("rank", "dti")),
    ("Chỉ số DTI", ("score", "dti")), ("DTI", ("score", "dti")), ("Điểm", ("score", "dti")),
    ("Score", ("score", "dti")), ("Xếp hạng Chính quyền số", ("rank", "chinh_quyen_so")),
    ("Hoạt động kinh tế số", ("score", "hoat_dong_kinh_te_so")),
    ("Kinh tế số", ("score", "kinh_te_so")), ("Digital society rank", ("rank", "xa_hoi_so")),
    ("An toàn thông tin mạng", ("score", "an_toan_thong_tin_mang")),
    ("Nhan thuc so", ("score", "nhan_thuc_so")), ("STT", ("row_number", None)),
    ("Ghi chú", ("note", None)), ("Năm", ("year", None)),
])
def test_header_recognition(header, expected):
    assert classify(header) == expected
