"""`dispatch-gen batch`: one letter per row, safe names, honest record, same bytes every run.

Each test builds a small master letter and units table in a temp folder and runs the command (or
`run`) on them; nothing here measures time (see bench/bench_batch.py).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from dispatch_gen import markup
from dispatch_gen.batch.command import batch
from dispatch_gen.batch.naming import slug
from dispatch_gen.batch.run import EXIT_INCOMPLETE, EXIT_INPUT, Options, run
from dispatch_gen.review.reading import docx_text

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The letter every batch test starts from: its head, and its signature and Nơi nhận.
LONG_AN = """\
letterhead:
  parent: UBND tỉnh Long An
  agency: Sở Thông tin và Truyền thông
  place: Long An
  head: Giám đốc
symbol: STTTT-CNTT
date: 2021-03-05
subject: kết quả cài đặt ứng dụng Bluezone
"""
SIGNED = """\
signature:
  authority: KT
  title: Phó Giám đốc
  name: Bùi Nguyên Khởi
distribution:
  - UBND tỉnh (báo cáo)
"""
MASTER = (
    LONG_AN
    + """\
duties:
  - Quán triệt cán bộ, công chức cài đặt ứng dụng Bluezone.
  - Hướng dẫn người dân cài đặt khi đến giao dịch.
  - Tuyên truyền trên hệ thống truyền thanh cơ sở.
body: |
  Dân số của {{ row.don_vi }} là {{ row.dan_so | integer }} người,
  đã cài đặt {{ row.cai | integer }}, đạt {{ ratio(row.cai, row.dan_so) | percent }},
  xếp thứ {{ units.rank(row, "cai", per="dan_so") }}/{{ units | length }};
  toàn tỉnh {{ units.total.dan_so | integer }} người.

  {{ duty_list() }}
"""
    + SIGNED
)
HEADER = ["don_vi", "recipients", "number", "duties", "dan_so", "cai"]
ROWS = [
    ["Huyện Tân Hưng", "UBND huyện Tân Hưng", "11", "", "47837", "5012"],
    ["Huyện Cần Đước", "UBND huyện Cần Đước", "12", "1,3", "188092", "22820"],
    ["Huyện Đức Hòa", "UBND huyện Đức Hòa", "13", "", "316947", "60560"],
    ["Thị xã Kiến Tường", "UBND thị xã Kiến Tường", "14", "2", "43845", "5517"],
    ["TP Tân An", "UBND thành phố Tân An", "15", "", "145687", "31866"],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    return path


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where the files are, as a clerk does: places read `units.csv:4`."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = tmp_path / "master.yaml"
    path.write_text(MASTER, encoding="utf-8")
    return path


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(batch, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def letters(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.docx"))}


def manifest(folder: Path) -> list[dict]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["letters"]


def test_one_letter_per_row_with_its_own_figures_duties_and_number(
    master: Path, tmp_path: Path
) -> None:
    units = write_csv(tmp_path / "units.csv", ROWS)
    code, err = invoke(
        master, "--each", units, "--name", "{stt:02d}-{don_vi}", "-o", tmp_path / "out"
    )
    assert code == 0, err
    assert list(letters(tmp_path / "out")) == [
        "01-huyen-tan-hung.docx",
        "02-huyen-can-duoc.docx",
        "03-huyen-duc-hoa.docx",
        "04-thi-xa-kien-tuong.docx",
        "05-tp-tan-an.docx",
    ]
    text = docx_text(tmp_path / "out" / "02-huyen-can-duoc.docx")
    assert "Kính gửi: UBND huyện Cần Đước." in text
    assert "Số: 12/STTTT-CNTT" in " ".join(text)
    body = next(line for line in text if line.startswith("Dân số"))
    # 22.820 / 188.092 = 12,13%: fourth of five by rate; the total is the five populations'.
    assert body == (
        "Dân số của Huyện Cần Đước là 188.092 người, đã cài đặt 22.820, đạt 12,13%, "
        "xếp thứ 4/5; toàn tỉnh 742.408 người."
    )
    # duties 1,3 of the master, renumbered 1. and 2.
    assert "1. Quán triệt cán bộ, công chức cài đặt ứng dụng Bluezone." in text
    assert "2. Tuyên truyền trên hệ thống truyền thanh cơ sở." in text
    assert not any("Hướng dẫn người dân" in line for line in text)
    first = docx_text(tmp_path / "out" / "01-huyen-tan-hung.docx")
    assert sum(line[:2] in ("1.", "2.", "3.") for line in first) == 3


def test_two_rows_one_name_stop_before_anything_is_written(master: Path, tmp_path: Path) -> None:
    rows = [*ROWS, ["huyện Cần  Đước", "UBND huyện Cần Đước (2)", "16", "", "1000", "10"]]
    units = write_csv(tmp_path / "units.csv", rows)
    out = tmp_path / "out"
    code, err = invoke(master, "--each", units, "--name", "{don_vi}", "-o", out)
    assert code == EXIT_INPUT
    assert "units.csv:3 và " in err and "units.csv:7" in err and "huyen-can-duoc.docx" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_bad_row_in_the_middle_does_not_stop_the_others(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][2] = "13a"  # a bad number on sheet line 4
    units = write_csv(tmp_path / "units.csv", rows)
    out = tmp_path / "out"
    code, err = invoke(master, "--each", units, "--name", "{stt:02d}-{don_vi}", "-o", out)
    assert code == EXIT_INCOMPLETE
    assert "units.csv:4: lỗi: cột “number”: số văn bản “13a” không hợp lệ" in err
    assert "4/5 công văn" in err
    assert sorted(letters(out)) == [
        "01-huyen-tan-hung.docx",
        "02-huyen-can-duoc.docx",
        "04-thi-xa-kien-tuong.docx",
        "05-tp-tan-an.docx",
    ]
    entries = manifest(out)
    assert [e["status"] for e in entries] == ["ok", "ok", "error", "ok", "ok"]
    assert entries[2]["place"] == "units.csv:4" and entries[2]["sha256"] == ""
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is False


def test_a_template_error_is_the_row_s_alone(master: Path, tmp_path: Path) -> None:
    master.write_text(
        MASTER.replace("người.\n", "người.\n\n  Ghi chú: {{ row.ghi_chu | upper }}.\n"),
        encoding="utf-8",
    )
    header = [*HEADER, "ghi_chu"]
    rows = [[*r, "có"] for r in ROWS]
    rows[1][-1] = ""  # blank: upper() of nothing is the template's error, for this row only
    rows[3][-1] = "xong"
    units = write_csv(tmp_path / "units.csv", rows, header)
    report = run(Options(master, units, tmp_path / "out", name="{stt}"))
    assert report.exit_code == EXIT_INCOMPLETE
    failed = [e for e in report.entries if e.status == "error"]
    assert [e.place for e in failed] == ["units.csv:3"]
    assert failed[0].message.startswith("units.csv:3: lỗi: ")
    assert "master.yaml:" in failed[0].message  # and where in the template
    assert "Ghi chú: XONG." in docx_text(tmp_path / "out" / "4.docx")


def test_a_bad_figure_under_the_totals_stops_the_batch_naming_every_cell(
    master: Path, tmp_path: Path
) -> None:
    rows = [list(r) for r in ROWS]
    rows[3][4] = "bốn mươi"
    rows[1][5] = ""
    units = write_csv(tmp_path / "units.csv", rows)
    code, err = invoke(master, "--each", units, "-o", tmp_path / "out")
    assert code == EXIT_INPUT  # the table's fault, found before any letter: not 5 failures
    assert err == (
        "units.csv:3: lỗi: công văn cần tổng hay hạng theo cột “cai”, “dan_so”, nhưng 2 ô trống "
        "hoặc không phải là số: units.csv:3 cột “cai” ô trống; units.csv:5 cột “dan_so” “bốn mươi”"
        " — điền số vào các ô đó (đơn vị chưa có số liệu thì ghi 0) rồi chạy lại; chưa công văn "
        "nào được tạo\n")
    assert not (tmp_path / "out").exists()


def test_a_bad_figure_no_total_reads_fails_its_row_alone(master: Path, tmp_path: Path) -> None:
    no_totals = MASTER.replace("toàn tỉnh {{ units.total.dan_so | integer }} người.", "")
    no_totals = no_totals.replace('xếp thứ {{ units.rank(row, "cai", per="dan_so") }}'
                                  "/{{ units | length }};", "")
    master.write_text(no_totals, encoding="utf-8")
    rows = [list(r) for r in ROWS]
    rows[3][4] = "bốn mươi"
    units = write_csv(tmp_path / "units.csv", rows)
    report = run(Options(master, units, tmp_path / "out"))
    assert report.exit_code == EXIT_INCOMPLETE
    assert [e.status for e in report.entries] == ["ok", "ok", "ok", "error", "ok"]
    said = report.entries[3].message
    assert "units.csv:5: lỗi: “bốn mươi” ở cột “dan_so” không phải là số" in said
    assert len(letters(tmp_path / "out")) == 4


def test_no_letter_made_is_exit_2_not_3(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    for row in rows:
        row[2] = "số " + row[2]  # every row's own number is wrong
    units = write_csv(tmp_path / "units.csv", rows)
    report = run(Options(master, units, tmp_path / "out"))
    assert [e.status for e in report.entries] == ["error"] * 5
    assert report.exit_code == EXIT_INPUT


def test_a_unit_named_twice_is_a_warning_naming_both_rows(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS] + [list(ROWS[1])]
    rows[-1][2] = "16"
    units = write_csv(tmp_path / "units.csv", rows)
    code, err = invoke(master, "--each", units, "--name", "{stt}", "-o", tmp_path / "out")
    assert code == 0
    assert ("units.csv:7: cảnh báo: đơn vị “UBND huyện Cần Đước” có ở hai dòng, units.csv:3 và "
            "units.csv:7: hai công văn gửi cùng một nơi — bỏ dòng thừa") in err
    assert err.count("có ở hai dòng") == 1
    assert len(letters(tmp_path / "out")) == 6


def test_same_inputs_same_bytes_and_the_record_holds_their_hashes(
    master: Path, tmp_path: Path
) -> None:
    units = write_csv(tmp_path / "units.csv", ROWS)
    first = run(Options(master, units, tmp_path / "a", name="{stt}-{don_vi}"))
    second = run(Options(master, units, tmp_path / "b", name="{stt}-{don_vi}"))
    assert first.exit_code == second.exit_code == 0
    assert letters(tmp_path / "a") == letters(tmp_path / "b")
    for name in ("manifest.json", "manifest.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    for entry in manifest(tmp_path / "a"):
        data = (tmp_path / "a" / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)


def test_manifest_csv_lists_each_row(master: Path, tmp_path: Path) -> None:
    units = write_csv(tmp_path / "units.csv", ROWS)
    run(Options(master, units, tmp_path / "out", name="{stt:02d}-{don_vi}"))
    raw = (tmp_path / "out" / "manifest.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with the mark
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == ["stt", "place", "file", "recipient", "status", "sha256", "size",
                             "message"]  # fmt: skip
    assert [(r["stt"], r["place"], r["file"], r["recipient"], r["status"]) for r in rows[:2]] == [
        ("1", "units.csv:2", "01-huyen-tan-hung.docx", "UBND huyện Tân Hưng", "ok"),
        ("2", "units.csv:3", "02-huyen-can-duoc.docx", "UBND huyện Cần Đước", "ok"),
    ]
    assert all(len(r["sha256"]) == 64 for r in rows)


def test_jobs_2_gives_what_jobs_1_gives(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[2][2] = "0"  # one failing row, so errors come back the same way too
    units = write_csv(tmp_path / "units.csv", rows)
    one = run(Options(master, units, tmp_path / "one", jobs=1))
    two = run(Options(master, units, tmp_path / "two", jobs=2))
    assert one.entries == two.entries and one.exit_code == two.exit_code == EXIT_INCOMPLETE
    assert letters(tmp_path / "one") == letters(tmp_path / "two")
    assert len(letters(tmp_path / "one")) == 4


def test_combined_file_has_a_section_per_letter_each_numbering_from_1(
    master: Path, tmp_path: Path
) -> None:
    units = write_csv(tmp_path / "units.csv", ROWS)
    combined, bundle = tmp_path / "all.docx", tmp_path / "letters.zip"
    report = run(Options(master, units, tmp_path / "out", combined=combined, zip=bundle))
    assert report.exit_code == 0
    with zipfile.ZipFile(combined) as docx:
        body = etree.fromstring(docx.read("word/document.xml")).find(f"{W}body")
        numbering = etree.fromstring(docx.read("word/numbering.xml"))
    sections = body.findall(f".//{W}sectPr")
    assert len(sections) == 5
    for section in sections:
        assert section.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert section.find(f"{W}titlePg") is not None
        assert section.find(f"{W}type").get(f"{W}val") == "nextPage"
    # the last section closes the body; the others end a paragraph
    assert body[-1] is sections[-1] and all(s.getparent().tag == f"{W}pPr" for s in sections[:-1])
    # each letter's duty list keeps its own numbering (its own w:num), in the order written
    num_ids = [n.get(f"{W}val") for n in body.iter(f"{W}numId")]
    assert len(set(num_ids)) == 5 and len(numbering.findall(f"{W}num")) == 5
    texts = [t.text or "" for t in body.iter(f"{W}t")]
    assert sum(t.startswith("Kính gửi:") for t in texts) == 5
    with zipfile.ZipFile(bundle) as archive:
        assert archive.namelist() == sorted(letters(tmp_path / "out"))
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
        assert archive.read(archive.namelist()[0]) == next(iter(letters(tmp_path / "out").values()))
    again = run(Options(master, units, tmp_path / "out2", combined=tmp_path / "all2.docx",
                        zip=tmp_path / "letters2.zip"))  # fmt: skip
    assert again.exit_code == 0
    assert combined.read_bytes() == (tmp_path / "all2.docx").read_bytes()
    assert bundle.read_bytes() == (tmp_path / "letters2.zip").read_bytes()


def test_xlsx_sheet_rows_are_reported_with_sheet_and_row(master: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active["A1"] = "bảng đơn vị ở trang sau"
    sheet = book.create_sheet("Huyện")
    sheet.append(["Bảng số liệu cài đặt Bluezone"])  # a title row, then a blank row
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([*row[:2], int(row[2]), row[3], int(row[4]), int(row[5])])
    sheet["C6"] = -3  # Huyện Đức Hòa: a number below 1
    path = tmp_path / "units.xlsx"
    book.save(path)
    code, err = invoke(master, "--each", path, "--sheet", "Huyện", "-o", tmp_path / "out")
    # the first non-blank row is the title, not the header: every figure column is unknown,
    # no letter can be made: bad input (2), not a half-done batch (3)
    assert code == EXIT_INPUT and "units.xlsx:Huyện:" in err
    sheet.delete_rows(1, 2)
    book.save(path)
    code, err = invoke(master, "--each", path, "--sheet", "Huyện", "-o", tmp_path / "out")
    assert code == EXIT_INCOMPLETE
    assert "units.xlsx:Huyện:4: lỗi: cột “number”: số văn bản “-3” không hợp lệ" in err
    assert len(letters(tmp_path / "out")) == 4
    assert [e["place"] for e in manifest(tmp_path / "out")][:2] == [
        "units.xlsx:Huyện:2",
        "units.xlsx:Huyện:3",
    ]
    code, err = invoke(master, "--each", path, "--sheet", "Xã", "-o", tmp_path / "out")
    assert code == EXIT_INPUT and "không có trang tính “Xã”" in err and "Huyện" in err


def test_rerun_after_fixing_data_keeps_the_folder_honest(master: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    units = write_csv(tmp_path / "units.csv", ROWS)
    assert run(Options(master, units, out, name="{stt}")).exit_code == 0
    assert len(letters(out)) == 5
    # row 2 breaks: its unchanged old letter is removed, not left to be taken for this run's
    rows = [list(r) for r in ROWS]
    rows[1][3] = "9"  # there is no duty 9
    write_csv(units, rows)
    report = run(Options(master, units, out, name="{stt}"))
    assert report.exit_code == EXIT_INCOMPLETE
    assert not (out / "2.docx").exists()
    assert [e["status"] for e in manifest(out)] == ["ok", "error", "ok", "ok", "ok"]
    # fixed: all written again
    write_csv(units, ROWS)
    assert run(Options(master, units, out, name="{stt}")).exit_code == 0
    assert [e["status"] for e in manifest(out)] == ["ok"] * 5
    # a letter someone edited after it was written is kept, but listed as stale, never as ok
    (out / "5.docx").write_bytes(b"edited by hand")
    write_csv(units, ROWS[:4])  # the unit left the table
    report = run(Options(master, units, out, name="{stt}"))
    assert report.exit_code == 0
    entries = manifest(out)
    assert [(e["file"], e["status"]) for e in entries] == [
        ("1.docx", "ok"), ("2.docx", "ok"), ("3.docx", "ok"), ("4.docx", "ok"),
        ("5.docx", "stale"),
    ]  # fmt: skip
    assert (out / "5.docx").read_bytes() == b"edited by hand"
    assert entries[-1]["sha256"] == hashlib.sha256(b"edited by hand").hexdigest()


def test_file_names_are_transliterated_and_safe() -> None:
    assert slug("Huyện Cần Đước") == "huyen-can-duoc"
    assert slug("ĐỨC HÒA") == "duc-hoa"
    assert slug("Thị xã Kiến Tường") == "thi-xa-kien-tuong"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("a\\b/c:d*e?") == "a-b-c-d-e"
    # decomposed input (macOS) gives the same name
    assert slug("Huye\u0323\u0302n Ca\u0302\u0300n") == "huyen-can"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("{don_vi.__class__}", "không dùng được"),
        ("{donvi}", "có phải “don_vi”?"),
        ("{don_vi:03d}", "không dùng được cho cột chữ"),
        ("ten-co-dinh", "không có cột nào"),
    ],
)
def test_bad_name_patterns_stop_the_batch(
    master: Path, tmp_path: Path, pattern: str, words: str
) -> None:
    units = write_csv(tmp_path / "units.csv", ROWS)
    code, err = invoke(master, "--each", units, "--name", pattern, "-o", tmp_path / "out")
    assert code == EXIT_INPUT and words in err
    assert not (tmp_path / "out").exists()


def test_a_row_s_own_duties_print_as_written(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS[:2]]
    rows[0][3] = "Báo cáo {{ 1 + 1 }} lần mỗi tuần *gấp*\nKiểm tra <TN&MT>"
    rows[1][1] = ""  # no recipient, and the master names none
    units = write_csv(tmp_path / "units.csv", rows)
    report = run(Options(master, units, tmp_path / "out", name="{stt}"))
    text = docx_text(tmp_path / "out" / "1.docx")
    assert "1. Báo cáo {{ 1 + 1 }} lần mỗi tuần *gấp*" in text
    assert "2. Kiểm tra <TN&MT>" in text
    assert "lỗi: thiếu nơi nhận (Kính gửi)" in report.entries[1].message


def test_repeated_numbers_are_refused(master: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[4][2] = "11"
    units = write_csv(tmp_path / "units.csv", rows)
    report = run(Options(master, units, tmp_path / "out"))
    assert [e.status for e in report.entries] == ["ok", "ok", "ok", "ok", "error"]
    assert "số 11 đã dùng ở units.csv:2" in report.entries[4].message


def test_yaml_units(master: Path, tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(
        "units:\n"
        "  - {don_vi: Huyện Tân Hưng, recipients: UBND huyện Tân Hưng, dan_so: 47837, cai: 5012}\n"
        "  - don_vi: Huyện Cần Đước\n"
        "    recipients: [UBND huyện Cần Đước, Trung tâm VH-TT huyện Cần Đước]\n"
        "    duties: [2]\n"
        "    dan_so: 188092\n"
        "    cai: 22820\n",
        encoding="utf-8",
    )
    report = run(Options(master, units, tmp_path / "out", name="{stt}"))
    assert report.exit_code == 0
    assert [e.place for e in report.entries] == ["units.yaml:2", "units.yaml:3"]
    text = docx_text(tmp_path / "out" / "2.docx")
    assert "- UBND huyện Cần Đước;" in text and "- Trung tâm VH-TT huyện Cần Đước." in text


def test_long_an_example(tmp_path: Path) -> None:
    """examples/batch: 15 letters; its table carries data/long-an-bluezone.csv's figures."""
    folder = ROOT / "examples" / "batch"
    with (folder / "units.csv").open(encoding="utf-8") as a:
        mine = [(r["don_vi"], r["dan_so"], r["cai_1402"], r["cai_0203"]) for r in csv.DictReader(a)]
    with (ROOT / "examples" / "data" / "long-an-bluezone.csv").open(encoding="utf-8") as b:
        data = [(r["don_vi"], r["dan_so"], r["cai_1402"], r["cai_0203"]) for r in csv.DictReader(b)]
    assert mine == data
    report = run(Options(folder / "long-an-bluezone-huyen.yaml", folder / "units.csv",
                         tmp_path / "out", name="{stt:02d}-{don_vi}"))  # fmt: skip
    assert report.exit_code == 0 and len(report.entries) == 15
    tan_an = docx_text(tmp_path / "out" / "01-tp-tan-an.docx")
    assert "Kính gửi: Ủy ban nhân dân thành phố Tân An." in tan_an
    assert "TP Tân An | 145.687 | 31.594 | 31.866 | 21,87% | 1/15" in tan_an
    assert "Toàn tỉnh | 1.695.150 | 265.151 | 267.960 | 15,81% |" in tan_an
    tan_hung = " ".join(docx_text(tmp_path / "out" / "03-huyen-tan-hung.docx"))
    assert "đạt 10,48%, thấp hơn tỷ lệ chung của toàn tỉnh (15,81%), xếp thứ 15 trên 15" in tan_hung
    assert "4. Tổ chức ra quân" in tan_hung  # below 15%: the fourth duty too


def test_markup_groups_parse_as_the_whole_text() -> None:
    """`markup.parse` cuts text into groups and reads plain paragraphs and tables itself; both
    must give exactly markdown-it's blocks for the whole text."""

    def whole(text: str) -> tuple:
        return tuple(markup._Reader(markup._PARSER.parse(text)).blocks())

    rng = random.Random(30)
    atoms = [*"ab đê:", *"\\*_`[]<>&|#-+=~!.,:;()19", "\n", "\n\n", "  ", "\t", "\u00a0",
             "1. ", "- ", "\\.", "\\|", "&amp;", "**", "*x*", "[a](http://x)", "<https://a.b>",
             "  \n", "\\\n", "[a]: http://x\n", "```\n", "    "]  # fmt: skip
    words = ["Huyện", "Cần", "Đước", "188\\.092", "12\\,13%", " ", "**Toàn tỉnh**"]

    def piece() -> str:
        return "".join(rng.choice(atoms if rng.random() < 0.3 else words) for _ in range(6))

    def table() -> str:
        cols = rng.randint(1, 4)

        def row(cells: int) -> str:
            return "|" + "|".join(piece().replace("\n", "") for _ in range(cells)) + "|"

        marks = "|" + "|".join(rng.choice([":--", "--:", ":-:", "---"]) for _ in range(cols)) + "|"
        lines = [row(cols), marks]
        lines += [row(rng.choice([cols, cols, cols + 1])) for _ in range(rng.randint(0, 3))]
        return "\n".join(lines)

    for _ in range(1500):
        text = "\n\n".join(table() if rng.random() < 0.4 else piece() for _ in range(4))
        assert markup.parse(text) == whole(text), text


def test_master_warnings_once_and_each_row_its_own(master: Path, tmp_path: Path) -> None:
    """Dated after 1/7/2025: the master's “tỉnh Long An” is reported once for the batch, each
    row's former district with that row."""
    text = MASTER.replace("date: 2021-03-05", "date: 2025-08-04")
    master.write_text(text.replace("người.\n", "người trên địa bàn tỉnh Long An.\n"), "utf-8")
    units = write_csv(tmp_path / "units.csv", ROWS)
    report = run(Options(Path(master.name), Path(units.name), Path("out")))
    assert report.exit_code == 0
    # once each where the master names it: parent line, place, body
    assert [n.split(" cảnh báo:")[0] for n in report.notices] == [
        "master.yaml:2:11:", "master.yaml:4:10:", "master.yaml:"
    ]
    assert all("“tỉnh Long An” không còn từ 01/7/2025" in n for n in report.notices)
    messages = [e.message for e in report.entries]
    assert messages[1].startswith("units.csv:3: cảnh báo: “huyện Cần Đước”")
    assert all("tỉnh Long An" not in m for m in messages)
