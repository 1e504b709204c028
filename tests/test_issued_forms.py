"""Forms real letters are issued in (issue 10, items 4, 5, 7, 8, 9, 11): signature chains with any
deputy title, named document types (Mẫu 1.4), the marks of Phụ lục I, electronic letters,
citations and Nơi nhận as letters write them. Each test renders a letter and reads the .docx."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import docx
import pytest

from dispatch_gen.check import check_docx
from dispatch_gen.compose import compose
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.docx.package import docx_bytes
from dispatch_gen.errors import InputError
from dispatch_gen.load import load
from dispatch_gen.review.reading import docx_text
from tests.conftest import ROOT

BASE = """\
letterhead: ubnd-tinh-kien-giang
number: 831
symbol: UBND
date: 2025-08-05
subject: Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh
recipients: [Sở Nội vụ]
signature:
  authority: KT
  title: Phó Chủ tịch
  name: Nguyễn Văn An
body: Ủy ban nhân dân tỉnh thông báo để các cơ quan, tổ chức và Nhân dân biết.
"""
NAMED = "type: Thông báo\n" + BASE.replace("recipients: [Sở Nội vụ]\n", "")


def render(tmp_path: Path, text: str) -> bytes:
    (tmp_path / "letterheads").mkdir(exist_ok=True)
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    return docx_bytes(compose(load(path)))


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph of the body and its tables, in order, as Word shows its text."""
    document = docx.Document(io.BytesIO(data))
    found = []
    for block in document.element.body.iter():
        if block.tag.endswith("}p"):
            found.append(
                "".join(
                    " " if t.tag.endswith("}br") else t.text or ""
                    for t in block.iter()
                    if t.tag.endswith(("}t", "}br"))
                )
            )
    return found


def findings(data: bytes) -> list[str]:
    return [f"{f.rule} {f.severity} {f.found}" for f in check_docx(data)]


# Item 4: signature chains


@pytest.mark.parametrize(
    ("signature", "lines"),
    [
        ("{authority: KT. Bộ trưởng, title: Thứ trưởng}", ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]),
        (
            "{authority: [TL. Bộ trưởng, KT. Cục trưởng Cục Kiểm tra văn bản], "
            "title: Phó Cục trưởng}",
            ["TL. BỘ TRƯỞNG", "KT. CỤC TRƯỞNG CỤC KIỂM TRA VĂN BẢN", "PHÓ CỤC TRƯỞNG"],
        ),
        (
            "{authority: [TM, KT], title: Phó Chủ tịch}",
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            "{authority: [TL, KT. Chánh Văn phòng], title: Phó Chánh Văn phòng}",
            ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        ),
        ("{authority: TUQ, title: Chánh Văn phòng}", ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        ("{authority: Q}", ["Q. CHỦ TỊCH"]),
        ("{}", ["CHỦ TỊCH"]),
    ],
)
def test_each_authority_line_is_its_own_paragraph(
    tmp_path: Path, signature: str, lines: list[str]
) -> None:
    text = BASE.replace(
        "signature:\n  authority: KT\n  title: Phó Chủ tịch\n  name: Nguyễn Văn An",
        f"signature: {signature[:-1]}{', ' if signature != '{}' else ''}name: Nguyễn Văn An}}",
    )
    data = render(tmp_path, text)
    found = paragraphs(data)
    start = found.index(lines[0])
    assert found[start : start + len(lines)] == lines
    assert not [f for f in findings(data) if " lỗi " in f]


def test_a_long_authority_line_wraps_evenly_inside_its_paragraph(tmp_path: Path) -> None:
    long = "KT. Cục trưởng Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính"
    text = BASE.replace("authority: KT\n", f"authority: [TL. Bộ trưởng, {long}]\n")
    document = docx.Document(io.BytesIO(render(tmp_path, text)))
    cell = document.tables[-1].cell(0, 1)
    texts = [p.text for p in cell.paragraphs if p.text]
    assert texts[0] == "TL. BỘ TRƯỞNG" and texts[2] == "PHÓ CHỦ TỊCH"
    pieces = texts[1].split("\n")
    assert " ".join(pieces) == long.upper()
    assert len(pieces) == 3, pieces  # too long for two lines of the 96 mm cell
    # evenly: no line is less than two thirds of the longest
    widths = [text_width_pt(p, 14, bold=True) for p in pieces]
    assert min(widths) > 2 / 3 * max(widths), pieces


def test_kt_refuses_the_heads_own_title(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cấp phó"):
        render(tmp_path, BASE.replace("title: Phó Chủ tịch", "title: Chủ tịch"))


# Item 5: named document types


def test_thong_bao_has_its_title_block_and_type_code(tmp_path: Path) -> None:
    data = render(tmp_path, NAMED)
    found = paragraphs(data)
    assert "Số: 831/TB-UBND" in found
    at = found.index("THÔNG BÁO")
    assert found[at + 1] == "Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh"
    assert not any(p.startswith("V/v") for p in found)
    assert not any(p.startswith("Kính gửi") for p in found)
    assert "- Như trên;" not in found  # no Kính gửi, so nothing to be "như trên"
    document = docx.Document(io.BytesIO(data))
    name = next(p for p in document.paragraphs if p.text == "THÔNG BÁO")
    assert name.runs[0].bold and name.alignment == 1  # centred
    assert findings(data) == []


def test_named_type_summary_has_a_rule_a_third_to_a_half_its_width(tmp_path: Path) -> None:
    from dispatch_gen.check.reader import read_docx

    data = render(tmp_path, NAMED)
    doc = read_docx(data)
    summary = next(p for p in doc.paragraphs if p.plain.startswith("Lịch tiếp"))
    rule = doc.paragraphs[summary.index + 1]
    assert "bottom" in rule.props.borders
    from dispatch_gen.docx.metrics import text_width_pt

    ratio = rule.width_pt / text_width_pt(summary.plain, 14, bold=True)
    assert 1 / 3 <= ratio <= 1 / 2


def test_named_type_keeps_a_kinh_gui_when_given(tmp_path: Path) -> None:
    data = render(
        tmp_path,
        NAMED.replace("type: Thông báo", "type: Tờ trình")
        + "recipients: [Hội đồng nhân dân tỉnh]\n",
    )
    found = paragraphs(data)
    assert "Số: 831/TTr-UBND" in found and "TỜ TRÌNH" in found
    assert "Kính gửi: Hội đồng nhân dân tỉnh." in found and "- Như trên;" in found


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("symbol: UBND", "symbol: KH-UBND"), "mã “KH” của Kế hoạch, nhưng tên loại là Thông báo"),
        (("type: Thông báo", "type: Thông tư"), "tên loại văn bản “Thông tư” không dùng được"),
    ],
)
def test_named_type_errors(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        render(tmp_path, NAMED.replace(*change))


def test_a_cong_van_with_a_type_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="thêm dòng “type: Thông báo”"):
        render(tmp_path, BASE.replace("symbol: UBND", "symbol: TB-UBND"))


def test_check_flags_a_type_code_that_does_not_match(tmp_path: Path) -> None:
    (tmp_path / "letterheads").mkdir()
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    (tmp_path / "letter.yaml").write_text(NAMED, encoding="utf-8")
    letter = compose(load(tmp_path / "letter.yaml"))
    data = docx_bytes(dataclasses.replace(letter, number_line="Số: 831/KH-UBND"))
    assert any(f.startswith("ND30-08 error") and "KH-UBND" in f for f in findings(data))


# Item 7: marks


def test_marks_are_boxed_and_placed(tmp_path: Path) -> None:
    text = BASE + (
        "secrecy: mật\nurgency: hỏa tốc\ncirculation: xem xong trả lại\n"
        "typist: PL\ncopies: 300\nclosing_line: 'D:\\VanBan\\831.docx'\n"
    )
    data = render(tmp_path, text)
    document = docx.Document(io.BytesIO(data))
    left = [p for p in document.tables[0].cell(2, 0).paragraphs]
    texts = [p.text for p in left]
    assert texts == [
        "V/v Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh",
        "MẬT",
        "HỎA TỐC",
        "XEM XONG TRẢ LẠI",
    ]
    for p in left[1:3]:
        assert p._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None  # boxed
    assert left[3]._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is None
    closing = [p.text for p in document.tables[-1].cell(0, 0).paragraphs]
    assert closing[-3:] == ["- Lưu: VT.", "PL.(300)", "D:\\VanBan\\831.docx"]
    assert findings(data) == []


# Item 8: electronic letters


def test_electronic_letter_leaves_number_and_day_to_the_system(tmp_path: Path) -> None:
    text = BASE.replace("number: 831\n", "") + "electronic: true\n"
    data = render(tmp_path, text)
    found = paragraphs(data)
    assert "Số:       /UBND" in found  # "Số: " and six spaces
    blank = " " * 6
    assert f"Kiên Giang, ngày {blank} tháng {blank} năm 2025" in found
    assert "Nguyễn Văn An" in found  # the signer is known; only the space is left
    assert not [f for f in findings(data) if " lỗi " in f]


def test_electronic_letter_refuses_a_number(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="văn bản điện tử để trống số"):
        render(tmp_path, BASE + "electronic: true\n")


# Item 9: citations


REFS = """\
references:
  luat: {type: Luật Đất đai, date: 2024-01-18, long_date: true}
  quy_che: {type: Quy chế làm việc của Ủy ban nhân dân tỉnh}
  nd30: {type: Nghị định, number: 30/2020/NĐ-CP, date: 2020-03-05, issuer: Chính phủ,
         verb: quy định, subject: về công tác văn thư}
  btp: {type: Văn bản, number: 1234/BTP-VP, date: 2025-07-07, issuer: Bộ Tư pháp,
        subject: việc tiếp công dân}
"""


@pytest.mark.parametrize(
    ("expression", "printed"),
    [
        ("refs.luat | cite", "Luật Đất đai ngày 18 tháng 01 năm 2024"),
        ("refs.quy_che | cite", "Quy chế làm việc của Ủy ban nhân dân tỉnh"),
        (
            "refs.nd30 | cite",
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ quy định về công tác văn thư",
        ),
        (
            "refs.btp | cite(by=true)",
            "Bộ Tư pháp tại Văn bản số 1234/BTP-VP ngày 07/7/2025 về việc tiếp công dân",
        ),
        (
            'refs.nd30 | cite(short=true, at="điểm b khoản 2 Điều 9")',
            "điểm b khoản 2 Điều 9 Nghị định số 30/2020/NĐ-CP",
        ),
    ],
)
def test_citations_as_letters_write_them(tmp_path: Path, expression: str, printed: str) -> None:
    text = BASE.replace("body: Ủy ban", f"body: Theo {{{{ {expression} }}}}, Ủy ban") + REFS
    found = paragraphs(render(tmp_path, text))
    assert any(p.startswith(f"Theo {printed}, Ủy ban") for p in found), found


def test_a_reference_in_the_subject(tmp_path: Path) -> None:
    text = (
        BASE.replace(
            "subject: Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh",
            "subject: 'trả lời {{ refs.btp | cite(subject=false) }}'",
        )
        + REFS
    )
    found = paragraphs(render(tmp_path, text))
    assert "V/v trả lời Văn bản số 1234/BTP-VP ngày 07/7/2025 của Bộ Tư pháp" in found


def test_an_empty_reference_number_is_an_error(tmp_path: Path) -> None:
    text = BASE + 'references:\n  x: {type: Công văn, number: "", date: 2025-07-07}\n'
    with pytest.raises(InputError, match="số của văn bản dẫn để trống") as error:
        render(tmp_path, text)
    assert str(error.value.where).startswith(str(tmp_path / "letter.yaml") + ":13:31")


# Item 11: Nơi nhận


def test_distribution_as_issued(tmp_path: Path) -> None:
    text = BASE + (
        "distribution: ['Tập đoàn Than - Khoáng sản Việt Nam; Tổng Công ty Đông Bắc']\n"
        "archive: VT, TT.\n"
    )
    found = paragraphs(render(tmp_path, text))
    assert "- Tập đoàn Than - Khoáng sản Việt Nam; Tổng Công ty Đông Bắc;" in found
    assert "- Lưu: VT, TT." in found


def test_initials_after_the_archive(tmp_path: Path) -> None:
    data = render(tmp_path, BASE + "archive: VT, TH, Hg(05b)\n")
    assert "- Lưu: VT, TH, Hg(05b)." in paragraphs(data)
    assert findings(data) == []


def test_text_reader_reads_the_title_block(tmp_path: Path) -> None:
    lines = docx_text(render(tmp_path, NAMED))
    assert lines.index("THÔNG BÁO") < lines.index(
        "Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân tỉnh"
    )


def test_contact_lines_sit_in_the_first_page_footer_under_a_rule(tmp_path: Path) -> None:
    text = BASE + "contact: ['Địa chỉ: Số 06 Nguyễn Công Trứ', 'Điện thoại: 0297.3862 333']\n"
    data = render(tmp_path, text)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    footer = section.first_page_footer
    assert [p.text for p in footer.paragraphs] == [
        "Địa chỉ: Số 06 Nguyễn Công Trứ",
        "Điện thoại: 0297.3862 333",
    ]
    first = footer.paragraphs[0]._p.pPr.find(docx.oxml.ns.qn("w:pBdr"))
    assert first is not None and first.find(docx.oxml.ns.qn("w:top")) is not None
    assert footer.paragraphs[0].runs[0].font.size.pt == 11
    assert not section.footer.paragraphs or not section.footer.paragraphs[0].text  # page 2 on
    assert "Địa chỉ" not in " ".join(paragraphs(data))  # not in the body


def test_contact_footer_stays_off_an_appendix_first_page(tmp_path: Path) -> None:
    text = BASE + (
        "contact: ['Địa chỉ: Số 06 Nguyễn Công Trứ']\n"
        "appendices:\n  - title: Danh sách\n    body: Nội dung phụ lục.\n"
    )
    document = docx.Document(io.BytesIO(render(tmp_path, text)))
    letter, appendix = document.sections[0], document.sections[-1]
    assert len(document.sections) == 2
    assert [p.text for p in letter.first_page_footer.paragraphs] == [
        "Địa chỉ: Số 06 Nguyễn Công Trứ"
    ]
    assert not appendix.first_page_footer.is_linked_to_previous
    assert [p.text for p in appendix.first_page_footer.paragraphs] == [""]


def test_check_warns_of_nhu_tren_without_kinh_gui(tmp_path: Path) -> None:
    (tmp_path / "letterheads").mkdir()
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    (tmp_path / "letter.yaml").write_text(NAMED, encoding="utf-8")
    letter = compose(load(tmp_path / "letter.yaml"))
    assert findings(docx_bytes(letter)) == []
    wrong = dataclasses.replace(letter, distribution=("- Như trên;", *letter.distribution))
    assert [f for f in findings(docx_bytes(wrong)) if f.startswith("ND30-14 warning")]
