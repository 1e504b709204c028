"""Structure real letters use: points lettered in the Vietnamese alphabet (a) … d) đ) e) g) …),
sub-sections `1.1.`, dashes and pluses, `(i)`; footnotes as Word footnotes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch_gen import markup
from dispatch_gen.blocks import ListBlock
from dispatch_gen.docx.package import docx_bytes
from dispatch_gen.errors import InputError
from dispatch_gen.review.reading import docx_text
from dispatch_gen.vietnamese import POINT_LETTERS, point_label
from tests.test_compose import letter_from

HEAD = """\
letterhead: ubnd-tinh-kien-giang
number: 1119
symbol: UBND-KGVX
date: 2020-08-19
subject: thử cấu trúc
recipients: [Sở Y tế]
signature: {authority: KT, title: Phó Chủ tịch, name: Lâm Minh Thành}
"""
SEVEN = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy"]


def text_of(tmp_path: Path, yaml_text: str) -> list[str]:
    return docx_text(docx_bytes(letter_from(tmp_path, yaml_text)))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_the_alphabet_of_points_has_no_f_j_w_z() -> None:
    labels = [point_label(n) for n in range(1, 24)]
    assert " ".join(labels) == (
        "a) b) c) d) đ) e) g) h) i) k) l) m) n) o) p) q) r) s) t) u) v) x) y)"
    )
    assert point_label(24) == "aa)"


@given(st.integers(min_value=1, max_value=2000))
def test_point_labels_use_the_alphabet_only_and_never_repeat(number: int) -> None:
    label = point_label(number)
    assert set(label[:-1]) <= set(POINT_LETTERS) and label.endswith(")")
    assert label != point_label(number + 1)


def test_body_points_print_d_then_đ_then_e_g(tmp_path: Path) -> None:
    items = "\n".join(f"  {n}) {word}" for n, word in enumerate(SEVEN, start=1))
    lines = text_of(tmp_path, HEAD + "body: |\n  Đề nghị:\n\n" + items + "\n")
    start = lines.index("a) một")
    assert lines[start : start + 7] == [
        "a) một", "b) hai", "c) ba", "d) bốn", "đ) năm", "e) sáu", "g) bảy",
    ]  # fmt: skip
    data = docx_bytes(letter_from(tmp_path, HEAD + "body: |\n" + items + "\n"))
    assert "lowerLetter" not in part(data, "word/numbering.xml")


def test_points_typed_with_their_letters_keep_them(tmp_path: Path) -> None:
    body = "body: |\n  Đề nghị:\n\n  d) bốn\n\n  đ) năm\n  e) sáu\n\n  g) bảy\n"
    lines = text_of(tmp_path, HEAD + body)
    assert lines[lines.index("d) bốn") :][:4] == ["d) bốn", "đ) năm", "e) sáu", "g) bảy"]


def test_typed_f_stays_text_for_check_to_flag() -> None:
    (block,) = markup.parse("f) sai chữ cái")
    assert not isinstance(block, ListBlock) and block.text == "f) sai chữ cái"


def test_body_sections_subsections_points_dashes_pluses(tmp_path: Path) -> None:
    body = """\
body: |
  1. Về tổ chức

  1.1. Các sở:

  1) một
  2) hai

     - gạch

       + cộng

  1.2. Các huyện:

  1) ba
"""
    lines = text_of(tmp_path, HEAD + body)
    start = lines.index("1. Về tổ chức")
    assert lines[start : start + 8] == [
        "1. Về tổ chức", "1.1. Các sở:", "a) một", "b) hai", "- gạch", "+ cộng",
        "1.2. Các huyện:", "a) ba",
    ]  # fmt: skip


DUTIES = """\
body: |
  UBND tỉnh đề nghị:
duties:
  - to: Sở Y tế
    text: chủ trì
    item_style: "1.1."
    items:
      - text: Về tổ chức
        items:
          - một
          - hai
          - ba
          - bốn
          - text: năm
            items:
              - text: gạch
                items: [cộng]
          - sáu
          - bảy
      - text: Về kinh phí
        items: [tám]
  - to: Sở Tài chính
    text: phối hợp
    item_style: "(i)"
    items: [x, y]
"""


def test_duties_nest_sections_points_dashes_pluses(tmp_path: Path) -> None:
    lines = text_of(tmp_path, HEAD + DUTIES)
    start = lines.index("1. Sở Y tế: chủ trì")
    assert lines[start : start + 17] == [
        "1. Sở Y tế: chủ trì", "1.1. Về tổ chức",
        "a) một", "b) hai", "c) ba", "d) bốn", "đ) năm", "- gạch", "+ cộng", "e) sáu", "g) bảy",
        "1.2. Về kinh phí", "a) tám",
        "2. Sở Tài chính: phối hợp", "(i) x", "(ii) y",
        "KT. CHỦ TỊCH",
    ]  # fmt: skip


def test_an_unknown_item_style_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="kiểu mục con “A.”") as error:
        letter_from(tmp_path, HEAD + DUTIES.replace('"(i)"', '"A."'))
    assert "“1.1.”" in str(error.value) and "“a)”" in str(error.value)


def test_points_stand_at_the_first_line_indent_like_numbers(tmp_path: Path) -> None:
    data = docx_bytes(letter_from(tmp_path, HEAD + DUTIES))
    document = part(data, "word/document.xml")
    point = re.search(r"<w:p><w:pPr>((?:(?!<w:p>).)*?)</w:pPr><w:r><w:t[^>]*>đ\) </w:t>", document)
    assert point and 'w:pStyle w:val="BodyText"' in point[1] and "numPr" not in point[1]
    styles = part(data, "word/styles.xml")
    body_style = re.search(r'w:styleId="BodyText".*?</w:style>', styles)
    assert body_style and '<w:ind w:firstLine="720"/>' in body_style[0]  # 1.27 cm, as `1.`


NOTE = HEAD + """\
body: |
  Thực hiện Nghị định số 30/2020/NĐ-CP[^nd], UBND tỉnh đề nghị các sở báo cáo[^2].

  [^nd]: Nghị định về công tác văn thư, **có hiệu lực** từ ngày 05/3/2020.
  [^2]: Theo mẫu tại Phụ lục.
"""


def test_footnotes_are_word_footnotes(tmp_path: Path) -> None:
    data = docx_bytes(letter_from(tmp_path, NOTE))
    document = part(data, "word/document.xml")
    refs = re.findall(
        r'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        r'<w:footnoteReference w:id="(\d+)"/></w:r>',
        document,
    )
    assert refs == ["1", "2"] and "[^" not in document
    notes = part(data, "word/footnotes.xml")
    assert '<w:footnote w:type="separator" w:id="-1">' in notes
    assert '<w:footnote w:type="continuationSeparator" w:id="0">' in notes
    separator = re.search(r'w:type="separator".*?</w:footnote>', notes)
    assert separator and '<w:ind w:firstLine="0"/>' in separator[0]
    assert "có hiệu lực" in notes and "<w:footnoteRef/>" in notes
    styles = part(data, "word/styles.xml")
    reference = re.search(r'w:styleId="FootnoteReference".*?</w:style>', styles)
    assert reference and '<w:vertAlign w:val="superscript"/>' in reference[0]
    text = re.search(r'w:styleId="FootnoteText".*?</w:style>', styles)
    assert text and 'w:ascii="Times New Roman"' in text[0] and '<w:sz w:val="24"/>' in text[0]
    assert '<w:ind w:firstLine="0"/>' in text[0]
    types = part(data, "[Content_Types].xml")
    assert 'PartName="/word/footnotes.xml"' in types
    assert 'Target="footnotes.xml"' in part(data, "word/_rels/document.xml.rels")


def test_text_reads_footnote_marks_in_place_and_notes_last(tmp_path: Path) -> None:
    lines = text_of(tmp_path, NOTE)
    assert any(
        line.startswith("Thực hiện Nghị định số 30/2020/NĐ-CP[^1], UBND") for line in lines
    )
    assert lines[-2:] == [
        "[^1]: Nghị định về công tác văn thư, có hiệu lực từ ngày 05/3/2020.",
        "[^2]: Theo mẫu tại Phụ lục.",
    ]


APPENDICES = HEAD + """\
body: |
  Đề nghị các sở báo cáo theo Phụ lục kèm theo.
tables:
  units:
    key: don_vi
    rows: [{don_vi: Sở Y tế, so: 12}, {don_vi: Sở Tài chính, so: 7}]
    columns:
      - {header: Đơn vị, source: don_vi}
      - {header: Số báo cáo, source: so, format: integer}
appendices:
  - title: Danh sách đơn vị
    body: |
      1. Sở Y tế
  - title: Bảng số liệu
    body: |
      {{ table("units") }}
"""


def test_appendices_start_new_pages_with_their_own_numbers(tmp_path: Path) -> None:
    data = docx_bytes(letter_from(tmp_path, APPENDICES))
    lines = docx_text(data)
    start = lines.index("Phụ lục I")
    note = (
        "(Kèm theo Công văn số 1119/UBND-KGVX ngày 19 tháng 8 năm 2020"
        " của Ủy ban nhân dân tỉnh Kiên Giang)"
    )
    assert lines[start:] == [
        "Phụ lục I", "DANH SÁCH ĐƠN VỊ", note, "1. Sở Y tế",
        "Phụ lục II", "BẢNG SỐ LIỆU", note,
        "Đơn vị | Số báo cáo", "Sở Y tế | 12", "Sở Tài chính | 7",
    ]  # fmt: skip
    assert lines.index("- Lưu: VT.") < start  # after the letter's closing
    document = part(data, "word/document.xml")
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", document)
    assert len(sections) == 3  # the letter, then one per appendix
    assert "pgNumType" not in sections[0]
    for appendix in sections[1:]:  # a new page, counted from 1, its first page unnumbered
        assert '<w:type w:val="nextPage"/>' in appendix
        assert '<w:pgNumType w:start="1"/>' in appendix and "<w:titlePg/>" in appendix


def test_a_single_appendix_is_just_phu_luc(tmp_path: Path) -> None:
    one = APPENDICES[: APPENDICES.index("  - title: Bảng số liệu")]
    lines = text_of(tmp_path, one)
    assert "Phụ lục" in lines and "Phụ lục I" not in lines


# --- check: points lettered in the Vietnamese alphabet ------------------------------------


def point_findings(data: bytes) -> list[str]:
    from dispatch_gen.check.linter import check_docx

    return [str(f) for f in check_docx(data) if "II.6.đ" in f.reference]


def test_check_accepts_the_points_we_write(tmp_path: Path) -> None:
    assert point_findings(docx_bytes(letter_from(tmp_path, HEAD + DUTIES))) == []


def test_check_flags_typed_letters_outside_the_alphabet_and_e_after_d(tmp_path: Path) -> None:
    body = "body: |\n  Đề nghị:\n\n  c) ba\n\n  d) bốn\n\n  e) năm\n\n  f) sáu\n"
    found = point_findings(docx_bytes(letter_from(tmp_path, HEAD + body)))
    assert len(found) == 2, found
    assert "sau điểm “d)” là “e)”" in found[0]
    assert "điểm “f)”, không có trong bảng chữ cái tiếng Việt" in found[1]


def test_check_flags_words_latin_lettering(tmp_path: Path) -> None:
    items = "\n".join(f"  {n}. {word}" for n, word in enumerate(SEVEN[:6], start=1))
    data = docx_bytes(letter_from(tmp_path, HEAD + "body: |\n  Đề nghị:\n\n" + items + "\n"))
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    numbering = parts["word/numbering.xml"].decode()
    parts["word/numbering.xml"] = re.sub(  # what Word's "a)" button writes
        r'w:val="decimal"/>(<w:suff w:val="space"/>)?<w:lvlText w:val="%1."/>',
        r'w:val="lowerLetter"/>\1<w:lvlText w:val="%1)"/>',
        numbering,
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    found = point_findings(out.getvalue())
    assert any("kiểu chữ cái Latinh" in f for f in found), found
    assert any("sau điểm “d)” là “e)”" in f for f in found)
    assert any("điểm “f)”" in f for f in found)


def test_diff_of_an_inserted_point_reports_that_point_only(tmp_path: Path) -> None:
    """Typed point labels read as list labels: inserting b) re-letters the points after it
    without reporting them as changed, as Word's own numbering would."""
    from dispatch_gen.review.diff import diff_letters

    old = "body: |\n  Đề nghị:\n\n  1) một\n  2) ba\n  3) bốn\n\n  Trân trọng.\n"
    new = "body: |\n  Đề nghị:\n\n  1) một\n  2) hai\n  3) ba\n  4) bốn\n\n  Trân trọng.\n"
    result = diff_letters(
        docx_bytes(letter_from(tmp_path, HEAD + old)), docx_bytes(letter_from(tmp_path, HEAD + new))
    )
    assert [(c.type, c.new) for c in result.changes] == [("inserted", "b) hai")]
