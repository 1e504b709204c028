"""StatTable: the Long An table of seed 000 recomputed from raw counts, rounding, totals, ranks,
file formats, and every message a clerk can get."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dispatch_gen.errors import InputError, Location
from dispatch_gen.stats import build_table, check_stated, parse_number

EXAMPLES = Path(__file__).parent.parent / "examples"


def at(path: tuple) -> Location:
    """Where a key of the spec stands; the key path is written into the file name to assert on."""
    return Location("thu.yaml#" + ".".join(map(str, path)), 7, 3)


# Seed 000 (Sở TT&TT Long An, 3/2021) as printed: Stt, Huyện, Dân số, installs 14/02 and 02/3,
# rates 14/02 and 02/3. Only names, populations and the two counts are in the CSV.
SEED_000 = [
    ["1", "TP Tân An", "145.687", "31.594", "31.866", "21,69%", "21,87%"],
    ["2", "Huyện Bến Lức", "182.370", "35.724", "36.147", "19,59%", "19,82%"],
    ["3", "Huyện Đức Hòa", "316.947", "59.833", "60.560", "18,88%", "19,11%"],
    ["4", "Huyện Cần Giuộc", "215.754", "36.962", "37.316", "17,13%", "17,30%"],
    ["5", "Huyện Mộc Hóa", "28.275", "4.640", "4.679", "16,41%", "16,55%"],
    ["6", "Huyện Thủ Thừa", "98.718", "13.775", "13.891", "13,95%", "14,07%"],
    ["7", "Huyện Thạnh Hóa", "56.293", "7.089", "7.175", "12,59%", "12,75%"],
    ["8", "Huyện Vĩnh Hưng", "50.270", "6.297", "6.370", "12,53%", "12,67%"],
    ["9", "Thị xã Kiến Tường", "43.845", "5.473", "5.517", "12,48%", "12,58%"],
    ["10", "Huyện Cần Đước", "188.092", "22.561", "22.820", "11,99%", "12,13%"],
    ["11", "Huyện Châu Thành", "110.241", "12.757", "12.859", "11,57%", "11,66%"],
    ["12", "Huyện Đức Huệ", "66.219", "7.639", "7.711", "11,54%", "11,64%"],
    ["13", "Huyện Tân Trụ", "66.762", "7.387", "7.468", "11,06%", "11,19%"],
    ["14", "Huyện Tân Thạnh", "77.840", "8.483", "8.569", "10,90%", "11,01%"],
    ["15", "Huyện Tân Hưng", "47.837", "4.937", "5.012", "10,32%", "10,48%"],
]
SEED_000_TOTAL = ["TOÀN TỈNH", "", "1.695.150", "265.151", "267.960", "15,64%", "15,81%"]


def long_an(**changes: object) -> dict:
    spec = {
        "source": "data/long-an-bluezone.csv",
        "key": "don_vi",
        "columns": [
            {"header": "Stt", "value": "stt"},
            {"header": "Huyện", "source": "don_vi"},
            {"header": "Dân số", "source": "dan_so", "format": "integer"},
            {"header": "Số lượng cài đặt ngày 14/02", "source": "cai_1402", "format": "integer"},
            {"header": "Số lượng cài đặt ngày 02/3", "source": "cai_0203"},
            {"name": "ty_le_1402", "header": "Tỷ lệ cài đặt ngày 14/02",
             "formula": "cai_1402 / dan_so", "format": "percent"},
            {"name": "ty_le_0203", "header": "Tỷ lệ cài đặt ngày 02/3",
             "formula": "cai_0203 / dan_so", "format": "percent"},
        ],
        "sort": {"by": "ty_le_0203", "descending": True},
        "total": {"label": "TOÀN TỈNH"},
    }
    spec.update(changes)
    return spec


def inline(rows: list[dict], *columns: dict, **more: object) -> dict:
    return {"rows": rows, "key": "don_vi",
            "columns": [{"header": "Đơn vị", "source": "don_vi"}, *columns], **more}


def table_error(spec: dict, base: Path = EXAMPLES) -> InputError:
    with pytest.raises(InputError) as caught:
        build_table("bang", spec, base, at)
    return caught.value


# --- seed 000 ----------------------------------------------------------------------------------

def test_seed_000_is_reproduced_from_the_csv():
    table = build_table("long_an", long_an(), EXAMPLES, at)
    header, body, total = table.cells()
    assert header[5:] == ["Tỷ lệ cài đặt ngày 14/02", "Tỷ lệ cài đặt ngày 02/3"]
    assert body == SEED_000  # every figure and the order (the CSV is in administrative order)
    assert total == SEED_000_TOTAL
    assert table.label_span == 2  # "TOÀN TỈNH" spans Stt and Huyện
    assert len(table) == 15
    assert [c.align for c in table.columns] == ["center", "left"] + ["right"] * 5


def test_seed_000_csv_is_not_already_sorted():
    first = (EXAMPLES / "data/long-an-bluezone.csv").read_text(encoding="utf-8").splitlines()[2]
    assert first.startswith("Thị xã Kiến Tường")
    unsorted = build_table("t", long_an(sort=None), EXAMPLES, at)
    assert unsorted.rows[1].unit == "Thị xã Kiến Tường" and unsorted.rows[1].stt == 2


def test_xlsx_twin_gives_the_same_table():
    from_csv = build_table("t", long_an(), EXAMPLES, at)
    from_xlsx = build_table("t", long_an(source="data/long-an-bluezone.xlsx", sheet="Long An",
                                         range="A3:D18"), EXAMPLES, at)
    assert from_xlsx.cells() == from_csv.cells()
    where = from_xlsx.row("Huyện Tân Thạnh").where  # header in row 3, Tân Thạnh 6th below it
    assert where.file.endswith("long-an-bluezone.xlsx") and where.line == 9


def test_row_access_ranks_and_extremes():
    table = build_table("t", long_an(), EXAMPLES, at)
    tan_thanh = table.row("huyện  TÂN THẠNH")  # case and spacing do not matter
    assert tan_thanh.ty_le_0203 == Decimal(8569) / Decimal(77840)
    assert tan_thanh["dan_so"] == 77840 and tan_thanh.don_vi == tan_thanh.unit == "Huyện Tân Thạnh"
    assert tan_thanh.stt == 14 and tan_thanh.rank_of("ty_le_0203") == 14
    assert tan_thanh.rank_of("dan_so") == 8
    assert tan_thanh.printed("ty_le_0203") == "11,01%"
    assert [r.unit for r in table.lowest(2)] == ["Huyện Tân Hưng", "Huyện Tân Thạnh"]
    assert [r.unit for r in table.highest(2, by="dan_so")] == ["Huyện Đức Hòa", "Huyện Cần Giuộc"]
    assert table.total is not None and table.total.rank_of("dan_so") is None
    assert table.total.ty_le_1402 == Decimal(265151) / Decimal(1695150)
    with pytest.raises(KeyError, match="không có đơn vị “Huyện Tân An”"):
        table.row("Huyện Tân An")


# --- rounding, totals, ranks --------------------------------------------------------------------

def test_percent_rounds_half_up_at_the_second_decimal():
    rows = [{"don_vi": "A", "cai": 2469, "dan": 20000}, {"don_vi": "B", "cai": 1, "dan": 8}]
    table = build_table("t", inline(
        rows, {"name": "r", "header": "Tỷ lệ", "formula": "cai / dan", "format": "percent"},
        {"name": "d", "header": "Số", "formula": "cai / dan * 1000", "format": "decimal"},
    ), EXAMPLES, at)
    # 2469/20000 = 12,345% exactly: half-up gives 12,35 (half-even, Babel's default, gives 12,34);
    # 1/8 * 1000 = 125,000 and 2469/20000 * 1000 = 123,45 exactly.
    assert table.cells()[1] == [["A", "12,35%", "123,45"], ["B", "12,50%", "125,00"]]


def test_total_recomputes_rates_from_sums_instead_of_averaging():
    rows = [{"don_vi": "A", "cai": 1, "dan": 10, "ke_hoach": "50%"},
            {"don_vi": "B", "cai": 99, "dan": 100, "ke_hoach": "60%"}]
    table = build_table("t", inline(
        rows, {"header": "Cài", "source": "cai"}, {"header": "Kế hoạch", "source": "ke_hoach",
                                                    "format": "percent"},
        {"name": "r", "header": "Tỷ lệ", "formula": "cai / dan", "format": "percent"},
        {"name": "k", "header": "Theo kế hoạch", "formula": "dan * ke_hoach", "format": "integer"},
        total={"label": "Tổng"},
    ), EXAMPLES, at)
    # (1 + 99) / (10 + 100) = 90,91%; the mean of 10% and 99% would be 54,50%. A rate column
    # is not summed, and a formula built on it stays blank in the total.
    assert table.cells()[2] == ["Tổng", "100", "", "90,91%", ""]
    assert table.cells()[1][0] == ["A", "1", "50,00%", "10,00%", "5"]


def test_ranks_share_places_on_ties():
    rows = [{"don_vi": n, "so": v} for n, v in [("A", 3), ("B", 5), ("C", 3), ("D", 1)]]
    table = build_table("t", inline(
        rows, {"header": "Số", "source": "so"}, {"name": "hang", "header": "Hạng", "rank": "so"},
        {"name": "hang_tang", "header": "Hạng (tăng)", "rank": "so", "descending": False},
    ), EXAMPLES, at)
    assert [row.hang for row in table] == [2, 1, 2, 4]
    assert [row.hang_tang for row in table] == [2, 4, 2, 1]
    assert table.row("C").rank_of("so") == 2


def test_sort_keeps_input_order_on_ties_and_numbers_rows_after_sorting():
    rows = [{"don_vi": n, "so": v} for n, v in [("A", 3), ("B", 5), ("C", 3)]]
    table = build_table("t", inline(rows, {"header": "Stt", "value": "stt"},
                                    {"header": "Số", "source": "so"},
                                    sort={"by": "so", "descending": True}), EXAMPLES, at)
    assert [(row.stt, row.unit) for row in table] == [(1, "B"), (2, "A"), (3, "C")]


def test_semicolon_csv_with_vietnamese_numbers(tmp_path: Path):
    (tmp_path / "so.csv").write_text(
        "don_vi;dan_so;ty_le\nXã A;1.695.150;15,81%\nXã B;12 500;2,5%\n", encoding="utf-8")
    table = build_table("t", {"source": "so.csv", "key": "don_vi", "columns": [
        {"header": "Xã", "source": "don_vi"}, {"header": "Dân số", "source": "dan_so"},
        {"header": "Tỷ lệ", "source": "ty_le", "format": "percent"},
        {"name": "x", "header": "x", "formula": "dan_so * 0.5 - -1"}]}, tmp_path, at)
    assert table.row("Xã A").ty_le == Decimal("0.1581")
    assert table.cells()[1] == [["Xã A", "1.695.150", "15,81%", "847.576,00"],
                                ["Xã B", "12.500", "2,50%", "6.251,00"]]


def test_parse_number_reads_the_vietnamese_way():
    assert parse_number("1.695.150") == 1695150
    assert parse_number("15,81") == Decimal("15.81")
    assert parse_number("21,69%") == Decimal("0.2169")
    assert parse_number("12.5") is None  # a dot only groups thousands
    assert parse_number("0.125") is None
    assert parse_number("1.5000") is None


# --- errors -------------------------------------------------------------------------------------

def write_csv(tmp_path: Path, text: str) -> Path:
    (tmp_path / "so.csv").write_text(text, encoding="utf-8")
    return tmp_path


def simple(source: str = "so.csv", **more: object) -> dict:
    return {"source": source, "key": "don_vi", "columns": [
        {"header": "Đơn vị", "source": "don_vi"}, {"header": "Dân số", "source": "dan_so"},
        {"name": "r", "header": "Tỷ lệ", "formula": "cai / dan_so", "format": "percent"}], **more}


def test_error_duplicated_unit(tmp_path: Path):
    base = write_csv(tmp_path, "don_vi,dan_so,cai\nXã A,10,1\nXã B,20,2\nxã  a,30,3\n")
    error = table_error(simple(), base)
    assert error.message == ("đơn vị “xã  a” ghi hai lần (dòng 4, cột “don_vi”; "
                             "lần đầu ở dòng 2, cột “don_vi”)")
    assert error.hint == "mỗi đơn vị chỉ một dòng: xóa hoặc gộp dòng trùng"
    assert (error.where.line, error.where.column) == (4, 1)
    assert error.where.file.endswith("so.csv")


def test_error_missing_cell(tmp_path: Path):
    base = write_csv(tmp_path, "don_vi,dan_so,cai\nXã A,10,1\nXã B,,2\n")
    error = table_error(simple(), base)
    assert error.message == "ô trống: cột “dan_so” của “Xã B” (dòng 3, cột “dan_so”)"
    assert error.hint == "điền số liệu; đơn vị chưa có số thì ghi 0"
    assert (error.where.line, error.where.column) == (3, 2)


def test_error_non_numeric_cell(tmp_path: Path):
    base = write_csv(tmp_path, "don_vi,dan_so,cai\nXã A,10,1\nXã B,20,\"2.5\"\n")
    error = table_error(simple(), base)
    assert error.message == "“2.5” không phải là số: cột “cai” của “Xã B” (dòng 3, cột “cai”)"
    assert "dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân" in error.hint
    assert (error.where.line, error.where.column) == (3, 3)


def test_error_division_by_zero_names_the_unit_and_row(tmp_path: Path):
    base = write_csv(tmp_path, "don_vi,dan_so,cai\nXã A,10,1\nXã B,0,2\n")
    error = table_error(simple(), base)
    assert error.message == "chia cho 0 khi tính “Tỷ lệ” (cai / dan_so) cho “Xã B”: “dan_so” bằng 0"
    assert error.hint == "kiểm tra số liệu của đơn vị này, hoặc bỏ đơn vị khỏi bảng"
    assert error.where.line == 3 and error.where.file.endswith("so.csv")


def test_error_unknown_source_column():
    spec = long_an()
    spec["columns"][2] = {"header": "Dân số", "source": "dan_so_2021"}
    error = table_error(spec)
    assert error.message == "không có cột “dan_so_2021” trong số liệu"
    assert error.hint == "các cột có: don_vi, dan_so, cai_1402, cai_0203"
    assert error.where.file == "thu.yaml#columns.2.source"


@pytest.mark.parametrize(("formula", "message"), [
    ("cai_0203 / dan_so_moi", "công thức “cai_0203 / dan_so_moi” dùng cột “dan_so_moi” không có"),
    ("cai_0203 / ty_le_0203", "công thức “cai_0203 / ty_le_0203” dùng cột “ty_le_0203” không có"),
    ("cai_0203 /", "công thức “cai_0203 /” viết sai"),
    ("cai_0203 }} {{ dan_so", "công thức “cai_0203 }} {{ dan_so” viết sai"),
    ("cai_0203 ** 2", "công thức “cai_0203 ** 2” dùng phép tính không được phép"),
    ("dan_so.__class__", "công thức “dan_so.__class__” dùng phép tính không được phép"),
    ("range(10)", "công thức “range(10)” dùng phép tính không được phép"),
    ("don_vi | length", "công thức “don_vi | length” dùng phép tính không được phép"),
])
def test_error_bad_formula(formula: str, message: str):
    spec = long_an()
    spec["columns"][6] = dict(spec["columns"][6], formula=formula)
    error = table_error(spec)
    assert error.message == message
    assert error.where.file == "thu.yaml#columns.6.formula"


def test_error_formula_on_a_text_column():
    spec = long_an()
    spec["columns"][6] = dict(spec["columns"][6], formula="don_vi * 2")
    error = table_error(spec)
    assert error.message == "“don_vi” không phải là cột số"
    assert error.where.file == "thu.yaml#columns.6.formula"


def test_error_xlsx_without_range_names_sheet_and_cell():
    error = table_error(long_an(source="data/long-an-bluezone.xlsx"))
    # Without `range`, the title in A1 becomes the header row: no column "don_vi".
    assert error.message == "bảng “bang” cần “key”: cột ghi tên đơn vị"
    spec = long_an(source="data/long-an-bluezone.xlsx", range="A3:D21")
    error = table_error(spec)  # the source note in row 21 has no figures
    assert error.message == ("ô trống: cột “dan_so” của “Nguồn: Sở Thông tin và Truyền thông Long "
                             "An” (trang tính “Long An”, ô B21)")
    assert (error.where.line, error.where.column) == (21, 2)


def test_error_xlsx_non_numeric_cell(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    for row in [["don_vi", "dan_so", "cai"], ["Xã A", 10, 1], ["Xã B", "mười", 2]]:
        sheet.append(row)
    book.save(tmp_path / "so.xlsx")
    error = table_error(simple("so.xlsx"), tmp_path)
    assert error.message == ("“mười” không phải là số: cột “dan_so” của “Xã B” "
                             "(trang tính “Số liệu”, ô B3)")
    error = table_error(simple("so.xlsx", sheet="Sheet1"), tmp_path)
    assert error.message.startswith("tệp “") and error.message.endswith(
        "so.xlsx” không có trang tính “Sheet1”")
    assert error.hint == "các trang tính có: Số liệu" and error.where.file == "thu.yaml#sheet"
    error = table_error(simple("so.xlsx", range="A1:C"), tmp_path)
    assert error.message == "vùng ô “A1:C” không hợp lệ" and error.where.file == "thu.yaml#range"


@pytest.mark.parametrize(("change", "message", "where"), [
    ({"source": "data/khong-co.csv"}, "không có tệp số liệu .csv hay .xlsx “", "source"),
    ({"key": "huyen"}, "bảng “bang” cần “key”: cột ghi tên đơn vị", "key"),
    ({"colums": []}, "khóa “colums” không dùng được trong bảng “bang”", "colums"),
    ({"rows": [{"don_vi": "A"}]}, "bảng cần đúng một nguồn số liệu: “source” (tệp) hoặc “rows” "
     "(ghi thẳng)", ""),
    ({"sort": {"by": "don_vi"}}, "“don_vi” không phải là cột số", "sort.by"),
    ({"sort": "ty_le_0203"}, "“sort” ghi dạng {by: tên cột, descending: true}", "sort"),
    ({"total": "TOÀN TỈNH"}, "“total” ghi dạng {label: TOÀN TỈNH}", "total"),
])
def test_error_table_spec(change: dict, message: str, where: str):
    error = table_error(long_an(**change))
    assert error.message.startswith(message)
    assert error.where.file == "thu.yaml#" + where


@pytest.mark.parametrize(("column", "message", "where"), [
    ({"header": "Tỷ lệ", "formula": "cai_0203 / dan_so"}, "cột công thức “Tỷ lệ” cần tên",
     "columns.7"),
    ({"header": "Hạng", "rank": "don_vi"}, "“don_vi” không phải là cột số", "columns.7.rank"),
    ({"header": "X", "value": "so_thu_tu"}, "“value: so_thu_tu” không có", "columns.7.value"),
    ({"header": "X", "source": "dan_so", "format": "phan_tram"}, "“format: phan_tram” không có",
     "columns.7.format"),
    ({"header": "X", "source": "dan_so", "formula": "dan_so"},
     "cột “X” cần đúng một trong: value, source, formula, rank", "columns.7"),
    ({"header": "X", "name": "ty_le_1402", "formula": "dan_so"}, "tên cột “ty_le_1402” đã dùng",
     "columns.7"),
    ({"source": "dan_so"}, "cột thứ 8 cần tiêu đề và nguồn", "columns.7"),
])
def test_error_column_spec(column: dict, message: str, where: str):
    spec = long_an()
    spec["columns"] = [*spec["columns"], column]
    error = table_error(spec)
    assert error.message == message
    assert error.where.file == "thu.yaml#" + where


# --- figures stated in the letter ---------------------------------------------------------------

def test_check_stated_accepts_seed_figures_within_their_rounding():
    where = Location("thu.yaml", 12, 5)
    # Seed 004: 35.921 / 115.894 = 30,9947…% → 30,99%; 35.921 / 188.092 = 19,0976…% → 19,10%.
    assert check_stated("30,99%", Decimal(35921) / 115894, where) is None
    assert check_stated("19,10%", Decimal(35921) / 188092, where) is None
    assert check_stated("13%", Decimal("0.1349"), where) is None
    assert check_stated("145.800", 145800, where) is None


def test_check_stated_warns_beyond_rounding():
    where = Location("thu.yaml", 12, 5)
    notice = check_stated("19,11%", Decimal(35921) / 188092, where)
    assert notice is not None and notice.where == where
    assert notice.message == "văn bản ghi “19,11%” nhưng số tính từ số liệu là 19,10%"
    assert notice.hint == "sửa số ghi trong văn bản cho khớp, hoặc kiểm tra lại số liệu gốc"
    assert check_stated("13%", Decimal("0.1351"), where).message.endswith("là 14%")
    assert check_stated("145.800", 145813, where).message.endswith("là 145.813")


def test_check_stated_rejects_what_is_not_a_figure():
    with pytest.raises(InputError, match="“khoảng 13%” không phải là số liệu"):
        check_stated("khoảng 13%", Decimal("0.13"), Location("thu.yaml", 1, 1))
