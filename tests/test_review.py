"""Review of a draft: plain text, word diff and a Word redline (dispatch_gen.review)."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import types
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from dispatch_gen.docx import package as docx_package
from dispatch_gen.errors import InputError
from dispatch_gen.review.changes import accept_all, reject_all
from dispatch_gen.review.command import diff as diff_command
from dispatch_gen.review.command import text as text_command
from dispatch_gen.review.diff import diff_letters, render_text
from dispatch_gen.review.package import NS
from dispatch_gen.review.reading import Letter, docx_text, paragraph_units
from dispatch_gen.review.redline import redline
from tests.fixtures_review import (
    Draft,
    abstract,
    build,
    document_xml,
    expected_text,
    kien_giang,
    list_document,
    mutated,
    num,
    revised,
    split_runs,
)

W = NS["w"]

# ---------------------------------------------------------------- reading: plain text


def test_generated_letter_reads_in_reading_order() -> None:
    lines = docx_text(build(kien_giang()))
    assert lines[:9] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH KIÊN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1119/UBND-KGVX",
        "Kiên Giang, ngày 19 tháng 8 năm 2020",
        "V/v đẩy mạnh triển khai ứng dụng, cài đặt ứng dụng Bluezone",
        "Kính gửi:",
        "- Giám đốc (Thủ trưởng) các Sở, ban, ngành cấp tỉnh;",
    ]
    assert "1 | Thành phố Rạch Giá | 227.527 | 41.230 | 18,12%" in lines
    assert ("2. Sở Giao thông vận tải: thông báo cài đặt ứng dụng Bluezone tại các bến xe, "
            "bến tàu trên địa bàn tỉnh.") in lines
    assert "- Hướng dẫn khách đến liên hệ công tác sử dụng ứng dụng này." in lines
    # the closing table: signature (right cell) before the Nơi nhận (left cell)
    assert lines[-9:] == [
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lâm Minh Thành", "Nơi nhận:", "- Như trên;",
        "- TT. Tỉnh ủy;", "- TT. HĐND tỉnh;", "- CT, các PCT.UBND tỉnh;", "- Lưu: VT, KGVX.",
    ]
    assert lines == expected_text(kien_giang())


def test_units_know_their_kind_and_element() -> None:
    data = build(kien_giang())
    letter = Letter.open(data)
    units = paragraph_units(letter)
    kinds = [u.kind for u in units]
    assert kinds[:7] == ["header"] * 7
    assert kinds[7:12] == ["salutation"] * 5
    assert kinds.count("row") == 3 and kinds.count("list") == 5
    assert kinds[-9:] == ["signature"] * 3 + ["distribution"] * 6
    for unit in units:
        (element,) = letter.tree.xpath(unit.path, namespaces=NS)
        assert etree.QName(element).localname == ("tr" if unit.kind == "row" else "p")
        squashed = "".join(unit.content.replace(" | ", "").split())
        assert squashed == "".join("".join(element.itertext()).split())
    duty = next(u for u in units if u.label == "3.")
    assert duty.content.startswith("Sở Thông tin và Truyền thông:")


def test_one_recipient_on_the_kinh_gui_line() -> None:
    draft = Draft(recipients=["Sở Y tế."], intro=["- không phải người nhận"])
    units = paragraph_units(build(draft))
    salute = [u for u in units if u.kind == "salutation"]
    assert [u.text for u in salute] == ["Kính gửi: Sở Y tế."]
    assert next(u for u in units if u.text.startswith("- không")).kind == "paragraph"


def test_text_is_nfc_with_whitespace_collapsed() -> None:
    nfd = unicodedata.normalize("NFD", "Tuyên truyền  cài đặt\tứng dụng ")
    lines = docx_text(build(Draft(intro=[nfd])))
    assert "Tuyên truyền cài đặt ứng dụng" in lines
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


# ---------------------------------------------------------------- reading: list numbers

DECIMAL = abstract("1", ("decimal", "%1.", 1), ("lowerLetter", "%2)", 1))


def test_lists_restart_on_a_num_with_start_override() -> None:
    xml = DECIMAL + num("1", "1", start=1) + num("2", "1", start=1)
    data = list_document(xml, [("1", 0, "một"), ("1", 0, "hai"), (None, 0, "đoạn"),
                               ("2", 0, "ba"), ("2", 1, "con"), ("2", 1, "con nữa"),
                               ("2", 0, "bốn"), ("2", 1, "con mới")])
    assert docx_text(data) == ["1. một", "2. hai", "đoạn", "1. ba", "a) con", "b) con nữa",
                               "2. bốn", "a) con mới"]


def test_nums_sharing_an_abstract_num_continue() -> None:
    # LibreOffice's way: the first item on a restarting num, the others on a plain num
    xml = DECIMAL + num("1", "1") + num("4", "1", start=1) + num("5", "1", start=1)
    data = list_document(xml, [("4", 0, "a"), ("1", 0, "b"), ("1", 0, "c"),
                               ("5", 0, "d"), ("1", 0, "e")])
    assert docx_text(data) == ["1. a", "2. b", "3. c", "1. d", "2. e"]


def test_separate_abstract_nums_count_separately_and_start_override_wins() -> None:
    xml = (DECIMAL + abstract("2", ("lowerLetter", "%1)", 1))
           + abstract("3", ("upperRoman", "%1.", 1))
           + num("1", "1") + num("2", "2") + num("3", "3", start=4) + num("6", "1", start=3))
    data = list_document(xml, [("1", 0, "x"), ("2", 0, "y"), ("1", 0, "z"), ("2", 0, "w"),
                               ("3", 0, "iv"), ("6", 0, "ba")])
    assert docx_text(data) == ["1. x", "a) y", "2. z", "b) w", "IV. iv", "3. ba"]


def test_bullets_read_as_dash_and_multilevel_text() -> None:
    xml = (abstract("7", ("bullet", "\uf0b7", 1))
           + abstract("8", ("decimal", "%1.", 1), ("decimal", "%1.%2.", 1))
           + num("1", "7") + num("2", "8"))
    data = list_document(xml, [("1", 0, "chấm"), ("2", 0, "mục"), ("2", 1, "con"),
                               ("2", 1, "con"), ("2", 0, "mục"), ("2", 1, "con")])
    assert docx_text(data) == ["- chấm", "1. mục", "1.1. con", "1.2. con", "2. mục", "2.1. con"]


def test_numbering_from_the_paragraph_style() -> None:
    # python-docx's template: the "List Number" style carries the numPr, the paragraphs none
    doc = docx.Document()
    for text in ("một", "hai"):
        doc.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    doc.save(out)
    assert b"numPr" not in document_xml(out.getvalue()).encode()
    assert docx_text(out.getvalue()) == ["1. một", "2. hai"]


# ---------------------------------------------------------------- reading: a clerk's file


def test_clerk_edited_file_reads_as_shown() -> None:
    draft = kien_giang()
    draft.intro = [
        [("t", "Theo "), ("link", "Cổng thông tin", "https://www.bluezone.gov.vn/"),
         ("t", " (trang "), ("field", "3", "PAGE"), ("t", "), ngày "),
         ("complex", "16/8/2020", "DATE \\@ dd/MM/yyyy"), ("t", ".")],
        [("t", "Khoảng "), ("del", "145.800"), ("ins", "152.300"), ("t", " lượt tải.")],
        [("mark-del", ""), ("t", "Đầu câu "), ("del", "bị xóa")],
        [("t", "nối vào câu sau.")],
    ]
    lines = docx_text(split_runs(build(draft), size=2))
    assert "Theo Cổng thông tin (trang 3), ngày 16/8/2020." in lines
    assert "Khoảng 152.300 lượt tải." in lines
    assert "Đầu câu nối vào câu sau." in lines
    assert not any("145.800" in line or "bị xóa" in line for line in lines)
    assert not any("DATE" in line or "PAGE" in line for line in lines)
    clean = docx_text(build(kien_giang()))
    assert [x for x in lines if x not in clean] == [
        "Theo Cổng thông tin (trang 3), ngày 16/8/2020.",
        "Khoảng 152.300 lượt tải.",
        "Đầu câu nối vào câu sau.",
    ]


def test_split_runs_do_not_change_the_text() -> None:
    data = build(kien_giang())
    edited = split_runs(data, size=1)
    assert document_xml(edited).count("<w:r>") > 10 * document_xml(data).count("<w:r>")
    assert docx_text(edited) == docx_text(data)


# ---------------------------------------------------------------- reading: bad input


def test_missing_and_broken_files_are_input_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        docx_text(tmp_path / "khong-co.docx")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="không phải tệp .docx"):
        docx_text(broken)


def test_yaml_is_rendered_by_the_renderer(tmp_path, monkeypatch) -> None:
    letter = tmp_path / "cv.yaml"
    letter.write_text("number: 1119\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "dispatch_gen.render", None)
    with pytest.raises(InputError, match="chưa dựng được"):
        docx_text(letter)
    fake = types.ModuleType("dispatch_gen.render")
    fake.render_bytes = lambda path: build(kien_giang())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dispatch_gen.render", fake)
    assert docx_text(letter) == expected_text(kien_giang())


# ---------------------------------------------------------------- diff

OLD_DRAFT, NEW_DRAFT = kien_giang(), revised(kien_giang())


@pytest.fixture(scope="module")
def old_new() -> tuple[bytes, bytes]:
    return build(OLD_DRAFT), build(NEW_DRAFT)


def test_diff_finds_each_change_once(old_new) -> None:
    result = diff_letters(*old_new)
    found = [(c.type, c.kind, [(f.op, f.text) for f in c.fragments if f.op != "equal"])
             for c in result.changes]
    assert found == [
        ("changed", "header", [("delete", "19"), ("insert", "20")]),
        ("deleted", "salutation", []),
        ("changed", "paragraph", [("delete", "145.800"), ("insert", "152.300")]),
        ("changed", "row", [("delete", "41.230"), ("insert", "41.320")]),
        ("inserted", "list", []),
        ("changed", "paragraph", [("insert", "tổng hợp, "), ("insert", " Chủ tịch")]),
    ]
    inserted = next(c for c in result.changes if c.type == "inserted")
    assert inserted.new.startswith("3. Sở Du lịch:") and inserted.new_line == 20
    deleted = next(c for c in result.changes if c.type == "deleted")
    assert deleted.old.startswith("- Lãnh đạo các doanh nghiệp") and deleted.old_line == 10


def test_diff_json_counts(old_new) -> None:
    data = json.loads(json.dumps(diff_letters(*old_new).to_json(), ensure_ascii=False))
    # words: 19→20, 145.800→152.300, 41.230→41.320, "tổng hợp" + "Chủ tịch",
    # the new duty (20 words with its number 3), the dropped recipient (15 words)
    assert data["summary"] == {
        "paragraphs_changed": 4, "paragraphs_inserted": 1, "paragraphs_deleted": 1,
        "paragraphs_moved": 0, "words_inserted": 3 + 4 + 20, "words_deleted": 3 + 15,
    }
    date = data["changes"][0]
    assert date["old"] == "Kiên Giang, ngày 19 tháng 8 năm 2020"
    assert date["new"] == "Kiên Giang, ngày 20 tháng 8 năm 2020"
    assert date["fragments"] == [{"op": "delete", "text": "19"}, {"op": "insert", "text": "20"}]


def test_terminal_diff_shows_the_changed_words(old_new) -> None:
    plain = render_text(diff_letters(*old_new), color=False)
    assert "Kiên Giang, ngày [-19-]{+20+} tháng 8 năm 2020" in plain
    assert "khoảng [-145.800-]{+152.300+} lượt tải" in plain
    assert "{+3. Sở Du lịch: hướng dẫn" in plain
    assert "[-- Lãnh đạo các doanh nghiệp" in plain
    assert plain.splitlines()[-1] == ("Tóm tắt: 4 đoạn sửa, 1 đoạn thêm, 1 đoạn xóa, "
                                      "0 đoạn chuyển chỗ; 27 từ thêm, 18 từ xóa.")
    coloured = render_text(diff_letters(*old_new), color=True)
    red_struck, green = "\x1b[31m\x1b[9m", "\x1b[32m"
    assert f"{red_struck}19\x1b[0m{green}" in coloured
    assert "[-" not in coloured


def test_moved_list_item_is_one_change_and_renumbering_is_none() -> None:
    moved = replace(OLD_DRAFT, duties=[OLD_DRAFT.duties[2], *OLD_DRAFT.duties[:2]])
    result = diff_letters(build(OLD_DRAFT), build(moved))
    assert [(c.type, c.kind) for c in result.changes] == [("moved", "list")]
    (change,) = result.changes
    assert change.old.startswith("3. Sở Thông tin") and change.new.startswith("1. Sở Thông tin")
    assert result.summary["words_inserted"] == result.summary["words_deleted"] == 0
    assert "↕ chuyển chỗ [danh sách]" in render_text(result, color=False)


def test_same_letter_no_changes(old_new) -> None:
    result = diff_letters(old_new[0], split_runs(old_new[0], 2))
    assert result.changes == []
    assert render_text(result, color=False) == "Hai văn bản giống nhau."


# ---------------------------------------------------------------- redline

DATE = "2020-08-20T09:00:00+07:00"


def xml_of(data: bytes) -> etree._Element:
    return etree.fromstring(document_xml(data).encode())


@pytest.fixture(scope="module")
def red(old_new) -> bytes:
    return redline(*old_new, author="Văn thư", date=DATE)


def test_accept_all_reads_as_new_and_reject_all_as_old(old_new, red) -> None:
    old, new = old_new
    assert docx_text(accept_all(red)) == docx_text(new)
    assert docx_text(reject_all(red)) == docx_text(old)
    assert docx_text(red) == docx_text(new)  # the reader shows the final view


def test_redline_marks_exactly_the_changed_words(red) -> None:
    root = xml_of(red)
    ns = {"w": W}
    deleted = ["".join(d.itertext()) for d in root.iterfind(".//w:del", ns) if d.getparent().tag
               != f"{{{W}}}rPr"]
    inserted = ["".join(i.itertext()) for i in root.iterfind(".//w:ins", ns) if i.getparent().tag
                != f"{{{W}}}rPr"]
    assert deleted == ["19", "- Lãnh đạo các doanh nghiệp, cơ sở sản xuất, kinh doanh trên địa "
                       "bàn tỉnh;", "145.800", "41.230"]
    assert inserted == ["20", "152.300", "41.320", "Sở Du lịch: hướng dẫn các nhà hàng, khách sạn "
                        "khuyến nghị khách hàng cài đặt ứng dụng Bluezone.", "tổng hợp, ",
                        " Chủ tịch"]
    # the date changed inside its header cell, the figure inside its table cell
    date_cell = root.xpath("//w:tbl[1]//w:p[w:del]", namespaces=ns)
    assert ["".join(date_cell[0].itertext())] == ["Kiên Giang, ngày 1920 tháng 8 năm 2020"]
    assert root.xpath("//w:tbl[2]//w:tc[w:p/w:del]", namespaces=ns)
    # the dropped recipient: a paragraph whose mark is deleted too
    gone = root.xpath("//w:p[w:pPr/w:rPr/w:del]", namespaces=ns)
    assert ["".join(p.itertext()) for p in gone] == [deleted[1]]
    # the new duty: mark inserted, a list item, its bold addressee still bold
    added = root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=ns)
    assert len(added) == 1 and added[0].find("w:pPr/w:numPr", ns) is not None
    bold = added[0].xpath(".//w:ins/w:r[w:rPr/w:b]/w:t/text()", namespaces=ns)
    assert bold == ["Sở Du lịch:"]
    # deleted text is w:delText, in the formatting of the NEW run there (italic 14 pt date)
    (nineteen,) = root.xpath("//w:del/w:r[w:delText='19']", namespaces=ns)
    (twenty,) = root.xpath("//w:ins/w:r[w:t='20']", namespaces=ns)
    assert etree.tostring(nineteen.find("w:rPr", ns)) == etree.tostring(twenty.find("w:rPr", ns))
    assert nineteen.find("w:rPr/w:i", ns) is not None
    assert not root.xpath("//w:del//w:t | //w:delText[not(ancestor::w:del)]", namespaces=ns)


def test_revision_marks_are_signed_dated_and_unique(red) -> None:
    root = xml_of(red)
    marks = root.xpath("//w:ins | //w:del", namespaces={"w": W})
    assert len(marks) == 12
    assert {m.get(f"{{{W}}}author") for m in marks} == {"Văn thư"}
    assert {m.get(f"{{{W}}}date") for m in marks} == {"2020-08-20T02:00:00Z"}
    ids = root.xpath("//@w:id", namespaces={"w": W})
    assert len(ids) == len(set(ids))


def test_redline_is_deterministic_and_keeps_new_package_order(old_new, red) -> None:
    assert redline(*old_new, author="Văn thư", date=DATE) == red
    with zipfile.ZipFile(io.BytesIO(red)) as out, zipfile.ZipFile(io.BytesIO(old_new[1])) as new:
        assert out.namelist() == new.namelist()
        assert {info.date_time for info in out.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in new.namelist():  # only the document part is rewritten
            assert (out.read(name) == new.read(name)) == (name != "word/document.xml")


def test_structure_changes_rows_lists_and_cells() -> None:
    old = replace(OLD_DRAFT, ending=["Câu cuối./."])
    new = replace(
        OLD_DRAFT,
        stats=[OLD_DRAFT.stats[0], OLD_DRAFT.stats[2], ["3", "Huyện Giồng Riềng", "1", "2", "3%"]],
        duties=OLD_DRAFT.duties[:2],  # the third duty becomes a plain paragraph
        tasks=[],  # a whole bulleted list dropped: its numbering must come back on reject
        ending=[f"{OLD_DRAFT.duties[2][0]} {OLD_DRAFT.duties[2][1]}", "Câu cuối./."],
        distribution=OLD_DRAFT.distribution[:-1],  # the last line of a cell removed
        signature=[*OLD_DRAFT.signature[:-1], "Nguyễn Văn An"],
    )
    a, b = build(old), build(new)
    out = redline(a, b, "T", None)
    assert docx_text(accept_all(out)) == docx_text(b)
    assert docx_text(reject_all(out)) == docx_text(a)
    root = xml_of(out)
    ns = {"w": W}
    assert len(root.xpath("//w:tr[w:trPr/w:ins]", namespaces=ns)) == 1
    assert len(root.xpath("//w:tr[w:trPr/w:del]", namespaces=ns)) == 1
    (change,) = root.xpath("//w:pPrChange", namespaces=ns)
    assert change.find("w:pPr/w:numPr", ns) is not None  # OLD's numbering, kept for reject
    assert "Nguyễn Văn An" in "".join(root.xpath("//w:ins//w:t/text()", namespaces=ns))
    assert not root.xpath("//w:ins/@w:date", namespaces=ns)  # no date given, none written


def test_redline_on_clerk_edited_files() -> None:
    old, new = split_runs(build(OLD_DRAFT), 2), split_runs(build(NEW_DRAFT), 3)
    out = redline(old, new, "T", DATE)
    assert docx_text(accept_all(out)) == docx_text(new)
    assert docx_text(reject_all(out)) == docx_text(old)


@pytest.mark.parametrize("seed", range(25))
def test_accept_and_reject_restore_both_versions_under_random_edits(seed: int) -> None:
    rng = random.Random(seed)
    old, new = build(mutated(kien_giang(), rng)), build(mutated(kien_giang(), rng))
    out = redline(old, new, "T", None)
    assert docx_text(accept_all(out)) == docx_text(new)
    assert docx_text(reject_all(out)) == docx_text(old)


def test_bad_author_or_date_is_an_input_error(old_new) -> None:
    with pytest.raises(InputError, match="ngày giờ sửa đổi không hợp lệ"):
        redline(*old_new, author="T", date="20/8/2020")
    with pytest.raises(InputError, match="thiếu tên người sửa"):
        redline(*old_new, author=" ", date=None)


# ---------------------------------------------------------------- LibreOffice


def soffice(files: list[Path], out: Path, target: str) -> list[Path]:
    """Convert with one LibreOffice start and a profile of our own (tmp)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice/poppler not installed (apt-get install libreoffice-writer-nogui)")
    subprocess.run(
        [binary, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )
    suffix = "." + target.split(":")[0]
    return [out / f"{f.stem}{suffix}" for f in files]


@pytest.fixture(scope="module")
def through_libreoffice(old_new, red, tmp_path_factory) -> dict[str, Path]:
    """The redline, a clerk-edited letter and a plain one saved again by LibreOffice as .docx,
    and the redline as PDF."""
    src, saved = tmp_path_factory.mktemp("lo-in"), tmp_path_factory.mktemp("lo-out")
    clerk = kien_giang()
    clerk.intro = [[("t", "Theo "), ("link", "Cổng", "https://www.bluezone.gov.vn/"),
                    ("t", ", khoảng "), ("del", "145.800"), ("ins", "152.300"), ("t", " lượt.")]]
    files = {"redline": red, "letter": old_new[0], "clerk": build(clerk)}
    for name, data in files.items():
        (src / f"{name}.docx").write_bytes(data)
    paths = [src / f"{name}.docx" for name in files]
    docx_out = soffice(paths, saved, "docx:MS Word 2007 XML")
    pdf_out = soffice([src / "redline.docx"], tmp_path_factory.mktemp("lo-pdf"), "pdf")
    return {**{f"{n}.docx": p for n, p in zip(files, docx_out, strict=True)},
            "redline.pdf": pdf_out[0], **{n: src / f"{n}.docx" for n in files}}


def test_libreoffice_renders_the_redline(through_libreoffice) -> None:
    pdf = through_libreoffice["redline.pdf"]
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for words in ("152.300", "41.320", "Sở Du lịch", "tổng hợp", "Lâm Minh Thành"):
        assert words in text


def test_libreoffice_keeps_the_tracked_changes(old_new, through_libreoffice) -> None:
    saved = through_libreoffice["redline.docx"].read_bytes()
    assert "<w:del " in document_xml(saved) and "<w:ins " in document_xml(saved)
    assert docx_text(saved) == docx_text(old_new[1])
    assert docx_text(accept_all(saved)) == docx_text(old_new[1])
    assert docx_text(reject_all(saved)) == docx_text(old_new[0])


def test_files_saved_by_libreoffice_read_the_same(through_libreoffice) -> None:
    for name in ("letter", "clerk"):
        original = through_libreoffice[name]
        resaved = through_libreoffice[f"{name}.docx"]
        assert document_xml(resaved.read_bytes()) != document_xml(original.read_bytes())
        assert docx_text(resaved) == docx_text(original)
    assert "Theo Cổng, khoảng 152.300 lượt." in docx_text(through_libreoffice["clerk.docx"])


# ---------------------------------------------------------------- commands


@pytest.fixture()
def letters(tmp_path, old_new) -> tuple[Path, Path]:
    old, new = tmp_path / "cu.docx", tmp_path / "moi.docx"
    old.write_bytes(old_new[0])
    new.write_bytes(old_new[1])
    return old, new


def run(command, *args: str) -> Result:
    return CliRunner().invoke(command, [str(a) for a in args])


def test_text_command(letters) -> None:
    result = run(text_command, letters[0])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == docx_text(letters[0])
    broken = letters[0].with_name("hong.docx")
    broken.write_bytes(b"PK not really")
    result = run(text_command, broken)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}: lỗi: ") and "không phải tệp .docx" in result.stderr


def test_diff_command_text_and_json(letters) -> None:
    result = run(diff_command, *letters, "--no-color")
    assert result.exit_code == 1
    assert "Kiên Giang, ngày [-19-]{+20+} tháng 8 năm 2020" in result.stdout
    result = run(diff_command, *letters, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["paragraphs_inserted"] == 1
    same = run(diff_command, letters[0], letters[0], "--no-color")
    assert same.exit_code == 0 and same.stdout.strip() == "Hai văn bản giống nhau."
    assert run(diff_command, letters[0], letters[0].with_name("khong.docx")).exit_code == 2
    usage = run(diff_command, *letters, "--author", "T")
    assert usage.exit_code == 2 and "--redline" in usage.stderr


def test_diff_command_writes_the_redline(letters, old_new, tmp_path) -> None:
    out = tmp_path / "so-sanh.docx"
    args = (*letters, "--redline", out, "--author", "Văn thư", "--date", DATE)
    result = run(diff_command, *args)
    assert result.exit_code == 1, result.stderr
    first = out.read_bytes()
    assert docx_text(accept_all(first)) == docx_text(old_new[1])
    assert run(diff_command, *args).exit_code == 1
    assert out.read_bytes() == first == redline(*old_new, author="Văn thư", date=DATE)


def test_redline_failures_leave_the_old_file_alone(letters, tmp_path, monkeypatch) -> None:
    out = tmp_path / "so-sanh.docx"
    out.write_bytes(b"ban cu")
    before = sorted(p.name for p in tmp_path.iterdir())
    bad_date = run(diff_command, *letters, "--redline", out, "--date", "20/8/2020")
    assert bad_date.exit_code == 2 and "ngày giờ sửa đổi không hợp lệ" in bad_date.stderr
    not_docx = run(diff_command, *letters, "--redline", tmp_path / "so-sanh.pdf")
    assert not_docx.exit_code == 2 and "đuôi .docx" in not_docx.stderr

    def full_disk(src, dst) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_package.os, "replace", full_disk)
    disk = run(diff_command, *letters, "--redline", out)
    assert disk.exit_code == 2 and "không ghi được" in disk.stderr
    assert out.read_bytes() == b"ban cu"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no half-written temp file


def test_git_textconv_shows_the_letter_as_text(letters, tmp_path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    textconv = (f"'{sys.executable}' -c 'from dispatch_gen.review.command import text; "
                f"text()'")

    def git(*args: str) -> str:
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1",
               "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                              text=True, env=env).stdout

    git("init", "-q")
    git("config", "user.email", "vt@example.vn")
    git("config", "user.name", "Văn thư")
    git("config", "diff.docx.textconv", textconv)
    (repo / ".gitattributes").write_text("*.docx diff=docx\n", encoding="utf-8")
    shutil.copy(letters[0], repo / "cong-van.docx")
    git("add", ".")
    git("commit", "-qm", "bản đầu")
    shutil.copy(letters[1], repo / "cong-van.docx")
    shown = git("diff", "--word-diff=plain")
    assert "ngày [-19-]{+20+} tháng 8" in shown
    assert "Binary files" not in shown


def test_text_reads_a_noi_nhan_drawn_in_a_text_box() -> None:
    """A hand-typed letter (LibreOffice) with Nơi nhận in a text box: `text` shows it once,
    as Nơi nhận, after the paragraph it is anchored in (not the VML fallback copy too)."""
    from dispatch_gen.review.reading import DISTRIBUTE, paragraph_units

    typed = Path(__file__).parent / "import_fixtures/noi-nhan-trong-khung.docx"
    lines = paragraph_units(typed)
    boxed = [ln.text for ln in lines if ln.kind == DISTRIBUTE]
    assert boxed == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VHXH."]
    texts = [ln.text for ln in lines]
    assert texts.index("Nơi nhận:") < texts.index("TM. ỦY BAN NHÂN DÂN")
