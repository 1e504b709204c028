"""Every rendered example, read back with python-docx, holds the Decree 30 layout values."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from dispatch_gen.doctypes import WRITABLE_TYPES
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.render import render_bytes
from tests.conftest import EXAMPLES

DATE_LINE = re.compile(
    r"^[^,]+, ngày ((0[1-9]|[12][0-9]|3[01])|\s+) tháng ((0[12]|[3-9]|1[0-2])|\s+) năm \d{4}$"
)
# A unit's abbreviation may keep a lower-case letter as issued ("GDTrH", the Prime Minister's
# "TTg"); a legal normative decision carries its year ("18/2009/QĐ-UBND").
NUMBER_LINE = re.compile(
    r"^Số: (\d{2,}|\s+)/(\d{4}/)?[A-ZĐ0-9]+(-(?:TTg|[A-ZĐ0-9.]+(?:[a-zđ][A-ZĐ0-9]+)*))+$"
)
PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q)\. ")


@pytest.fixture(params=[p.stem for p in EXAMPLES])
def letter(request: pytest.FixtureRequest, rendered: dict[str, Path]) -> Document:
    return docx.Document(str(rendered[request.param]))


def size(paragraph: Paragraph) -> float:
    """The effective size of a paragraph's text (run → paragraph style → defaults)."""
    sizes = {r.font.size.pt if r.font.size else None for r in paragraph.runs if r.text.strip()}
    assert len(sizes) == 1, f"mixed sizes in {paragraph.text!r}"
    found = sizes.pop()
    style = paragraph.style
    while found is None and style is not None:
        found = style.font.size.pt if style.font.size else None
        style = style.base_style
    return found or 14.0


def bold(paragraph: Paragraph) -> bool:
    return all(r.bold for r in paragraph.runs if r.text.strip())


def italic(paragraph: Paragraph) -> bool:
    return all(r.italic for r in paragraph.runs if r.text.strip())


def named_type(letter: Document) -> str:
    """The type a named document prints in upper case over its summary (Mẫu 1.1-1.4), or ""."""
    printed = {p.text for p in letter.paragraphs}
    return next((name for name in WRITABLE_TYPES if name.upper() in printed), "")


def rule_ratio(
    cell_paragraphs: list[Paragraph], after: str, text_size: float, cell_mm: float
) -> float:
    """Length of the rule drawn under the paragraph `after`, over that text's width."""
    texts = [p.text for p in cell_paragraphs]
    index = max(i for i, t in enumerate(texts) if t == after)
    rule = cell_paragraphs[index + 1]
    assert rule.text == ""
    borders = rule._p.pPr.find(qn("w:pBdr"))
    assert borders is not None and borders.find(qn("w:bottom")).get(qn("w:val")) == "single"
    indent = rule.paragraph_format
    length_pt = Mm(cell_mm).pt - 2 * 57 / 20 - indent.left_indent.pt - indent.right_indent.pt
    return length_pt / text_width_pt(after, text_size, bold=True)


def test_page_is_a4_portrait_with_decree_margins(letter: Document) -> None:
    section = letter.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_fonts_language_and_colour_everywhere(letter: Document) -> None:
    defaults = letter.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{slot}")) == "Times New Roman"
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "vi-VN"
    body = letter.element.body
    for other in body.iter(qn("w:rFonts")):
        assert set(other.values()) == {"Times New Roman"}
    for colour in body.iter(qn("w:color")):
        assert colour.get(qn("w:val")) == "000000"
    text = "".join(t.text for t in body.iter(qn("w:t")))
    assert unicodedata.normalize("NFC", text) == text


def test_header_table(letter: Document) -> None:
    head = letter.tables[0]
    left, right = head.cell(0, 0).paragraphs, head.cell(0, 1).paragraphs
    national, motto = right[0], right[1]
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert bold(national) and 12 <= size(national) <= 13
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert bold(motto) and 13 <= size(motto) <= 14
    assert 0.95 <= rule_ratio(right, motto.text, size(motto), 96) <= 1.05
    agency = [p for p in left if p.text and bold(p)]
    assert agency, "no bold agency line"
    for line in agency:
        assert line.text == line.text.upper() and 12 <= size(line) <= 13
    parents = [p for p in left if p.text and not bold(p)]
    assert all(p.text == p.text.upper() and 12 <= size(p) <= 13 for p in parents)
    longest = max(agency, key=lambda p: text_width_pt(p.text, 13, True)).text
    ratio = rule_ratio(left, agency[-1].text, 13, 66) * text_width_pt(agency[-1].text, 13, True)
    assert 1 / 3 <= ratio / text_width_pt(longest, 13, True) <= 1 / 2
    for p in (*left, *right):
        if p.text:
            assert p.alignment == 1  # centred


def test_number_and_date_share_a_row_and_subject_sits_under_number(letter: Document) -> None:
    head = letter.tables[0]
    number, dated = head.cell(1, 0).paragraphs[0], head.cell(1, 1).paragraphs[0]
    assert NUMBER_LINE.match(number.text), number.text
    assert size(number) == 13 and not bold(number)
    assert DATE_LINE.match(dated.text), dated.text
    assert italic(dated) and 13 <= size(dated) <= 14
    assert all(p.text.strip().upper() != "CÔNG VĂN" for p in letter.paragraphs)
    if named_type(letter):  # its name and summary replace the V/v (tests/test_issued_forms.py)
        assert len(head.rows) == 2
        return
    subject = head.cell(2, 0).paragraphs[0]
    assert subject.text.startswith("V/v ") and 12 <= size(subject) <= 13
    assert not bold(subject) and subject.alignment == 1
    assert subject.paragraph_format.space_before >= Pt(6)


def test_salutation_punctuation(letter: Document) -> None:
    texts = [p.text for p in letter.paragraphs]
    if named_type(letter) and not any(t.startswith("Kính gửi") for t in texts):
        return  # a Thông báo is sent to no one by name (Mẫu 1.4: Kính gửi optional)
    start = next(i for i, t in enumerate(texts) if t.startswith("Kính gửi:"))
    if texts[start] != "Kính gửi:":
        assert texts[start].endswith(".")
        return
    lines = []
    for text in texts[start + 1 :]:
        if not text.startswith("- "):
            break
        lines.append(text)
    assert len(lines) >= 2
    assert all(line.endswith(";") for line in lines[:-1]) and lines[-1].endswith(".")
    for p in letter.paragraphs[start : start + len(lines) + 1]:
        assert 13 <= size(p) <= 14


def test_body_paragraphs(letter: Document) -> None:
    paragraphs = letter.paragraphs
    # the letter's own pages: a Phụ lục starts a section of its own after the signature
    section_end = f"{qn('w:pPr')}/{qn('w:sectPr')}"
    breaks = [i for i, p in enumerate(paragraphs) if p._p.find(section_end) is not None]
    paragraphs = paragraphs[: breaks[0]] if breaks else paragraphs
    body = [p for p in paragraphs if p.style.name == "Body Text" and p.text.strip()]
    assert len(body) >= 2  # a short letter may say it in two paragraphs (022)
    style = letter.styles["Body Text"].paragraph_format
    assert style.alignment == 3  # justified
    assert (
        style.first_line_indent in (Mm(10), Mm(12.7))
        or abs(style.first_line_indent.cm - 1.27) < 0.01
    )
    assert style.space_after >= Pt(6)
    assert 1.0 <= style.line_spacing <= 1.5
    assert 13 <= letter.styles["Body Text"].font.size.pt <= 14
    # "./." ends the content; a letter may still print an attachment note "(Đính kèm …)" under it
    ends = body[-2] if body[-1].text.startswith("(") and body[-1].text.endswith(")") else body[-1]
    assert ends.text.endswith("./.")


def test_lists_are_word_numbering_restarting_per_list(letter: Document) -> None:
    numbered = [p for p in letter.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    numbering = letter.part.numbering_part.element
    for num_id in set(num_ids):
        num = next(n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        start = num.find(".//" + qn("w:startOverride"))
        assert start is not None, "each list restarts its numbering"
    # each list has its own w:num: no two lists share one (a nested list may interleave)
    assert len(set(num_ids)) == len(numbering.findall(qn("w:num")))


def test_closing_table(letter: Document) -> None:
    # the table with "Nơi nhận" (a Phụ lục after the signature may hold tables of its own)
    closing = next(t for t in letter.tables if t.cell(0, 0).text.startswith("Nơi nhận"))
    left, right = closing.cell(0, 0).paragraphs, closing.cell(0, 1).paragraphs
    label = left[0]
    assert label.text == "Nơi nhận:" and bold(label) and italic(label) and size(label) == 12
    lines = [p for p in left[1:] if p.text]
    # the list ends with "- Lưu: …"; ô 12 ("PL.(300)") or a file path may follow, at 11 pt
    end = next(i for i, p in enumerate(lines) if p.text.startswith("- Lưu:"))
    items, after = lines[: end + 1], lines[end + 1 :]
    assert all(size(p) == 11 and not bold(p) and not p.text.startswith("-") for p in after)
    assert all(p.text.startswith("- ") and size(p) == 11 and not bold(p) for p in items)
    assert all(p.text.endswith(";") for p in items[:-1])
    assert items[-1].text.startswith("- Lưu: VT") and items[-1].text.endswith(".")
    for p in left:
        for run in p.runs:
            assert not run.underline
    authority = [p for p in right if p.text and p.text == p.text.upper()]
    names = [p for p in right if p.text and p.text != p.text.upper()]
    assert authority and right[: len(authority)] == authority
    assert all(bold(p) and 13 <= size(p) <= 14 for p in authority)
    if len(authority) > 1:
        assert PREFIX.match(authority[0].text)
    draft = "ngày        tháng" in letter.tables[0].cell(1, 1).text
    assert len(names) == (0 if draft and not names else 1), "one signer's name, last"
    if names:
        name = names[0]
        assert right[-1] is not None and right.index(name) == len(right) - 1
        assert bold(name) and 13 <= size(name) <= 14
        gap = right.index(name) - len(authority)
        assert gap >= 3, "room for the signature and seal"


def test_page_numbers_in_header_from_page_two(letter: Document) -> None:
    section = letter.sections[0]
    assert section.different_first_page_header_footer
    assert "".join(p.text for p in section.first_page_header.paragraphs).strip() == ""
    header = section.header.paragraphs[0]
    assert header.alignment == 1
    instructions = "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert 13 <= size(header) <= 14


def test_document_properties(letter: Document) -> None:
    props = letter.core_properties
    assert props.title.startswith(f"{named_type(letter) or 'V/v'} ")
    assert props.author
    assert props.language == "vi-VN"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_same_input_same_bytes(example: Path) -> None:
    first, second = render_bytes(example), render_bytes(example)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
