"""Compose decides the words Decree 30 fixes: signature chains, Kính gửi, Nơi nhận, lists."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from dispatch_gen.blocks import ListBlock, Paragraph
from dispatch_gen.compose import compose
from dispatch_gen.docx.package import docx_bytes
from dispatch_gen.errors import InputError
from dispatch_gen.load import load
from tests.conftest import ROOT

LETTER = """\
letterhead: ubnd-tinh-kien-giang
number: 5305
symbol: UBND-XD6
date: 2020-08-05
subject: cài đặt ứng dụng Bluezone
recipients: [Sở Y tế;, "- Sở Du lịch."]
duties:
  - to: Sở Y tế
    text: Chỉ đạo các bệnh viện.
    items: [Cài đặt cho nhân viên, Hướng dẫn bệnh nhân]
    item_style: a)
  - text: Sở Du lịch hướng dẫn khách.
signature:
  authority: [TM, KT]
  title: Phó Chủ tịch
  name: Đặng Huy Hậu
distribution: ["CT, các PCT UBND tỉnh (b/c)"]
archive: [VT, XD6]
"""


def letter_from(tmp_path: Path, text: str):
    (tmp_path / "letterheads").mkdir(exist_ok=True)
    shutil.copy(ROOT / "letterheads/ubnd-tinh-kien-giang.yaml", tmp_path / "letterheads")
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    return compose(load(path))


def test_tm_kt_chain_and_closing(tmp_path: Path) -> None:
    letter = letter_from(tmp_path, LETTER)
    assert letter.authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert letter.signer == "Đặng Huy Hậu"
    assert letter.distribution == (
        "- Như trên;",
        "- CT, các PCT UBND tỉnh (b/c);",
        "- Lưu: VT, XD6.",
    )
    assert letter.recipients == ("- Sở Y tế;", "- Sở Du lịch.")
    assert letter.number_line == "Số: 5305/UBND-XD6"
    assert letter.date_line == "Kiên Giang, ngày 05 tháng 8 năm 2020"


@pytest.mark.parametrize(
    ("authority", "title", "lines"),
    [
        ("TM", "", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("KT", "Phó Chủ tịch", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        ("Q", "", ("Q. CHỦ TỊCH",)),
        (
            "[TL. Chủ tịch, KT. Chánh Văn phòng]",
            "Phó Chánh Văn phòng",
            ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
        ),
        ("TUQ", "Chánh Văn phòng", ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    ],
)
def test_authority_prefixes(tmp_path: Path, authority: str, title: str, lines: tuple) -> None:
    text = LETTER.replace("authority: [TM, KT]", f"authority: {authority}")
    text = text.replace("title: Phó Chủ tịch", f"title: {title}" if title else "")
    assert letter_from(tmp_path, text).authority == lines


def test_head_signs_without_prefix(tmp_path: Path) -> None:
    text = LETTER.replace("  authority: [TM, KT]\n", "").replace("title: Phó Chủ tịch", "")
    assert letter_from(tmp_path, text).authority == ("CHỦ TỊCH",)


def test_kt_needs_a_deputy(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cấp phó"):
        letter_from(tmp_path, LETTER.replace("title: Phó Chủ tịch", "title: Chủ tịch"))


def test_duties_are_numbered_with_bold_addressee_and_lettered_items(tmp_path: Path) -> None:
    body = letter_from(tmp_path, LETTER).body
    duties = next(b for b in body if isinstance(b, ListBlock))
    assert duties.kind == "decimal" and len(duties.items) == 2
    first = duties.items[0].blocks
    assert isinstance(first[0], Paragraph)
    assert first[0].spans[0].text == "Sở Y tế:" and first[0].spans[0].bold
    sub = first[1]
    assert isinstance(sub, ListBlock) and sub.kind == "letter"
    assert [i.blocks[0].text for i in sub.items] == ["Cài đặt cho nhân viên", "Hướng dẫn bệnh nhân"]
    assert not duties.bold_numbers, "only when every item starts with a bold addressee"


def test_lettered_items_print_vietnamese_labels_not_lower_letter(tmp_path: Path) -> None:
    data = docx_bytes(letter_from(tmp_path, LETTER))
    out = tmp_path / "x.docx"
    out.write_bytes(data)
    numbering = docx.Document(str(out)).part.numbering_part.element.xml
    assert "lowerLetter" not in numbering  # Word's a b c … f has no "đ)"
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "a) Cài đặt cho nhân viên" in text and "b) Hướng dẫn bệnh nhân" in text


def test_body_ends_with_slash_dot(tmp_path: Path) -> None:
    text = LETTER + "body: |\n  Đề nghị thực hiện.\n\n  {{ duty_list() }}\n\n  Trân trọng.\n"
    last = letter_from(tmp_path, text).body[-1]
    assert isinstance(last, Paragraph) and last.text == "Trân trọng./."


def test_single_recipient_and_urgency(tmp_path: Path) -> None:
    text = LETTER.replace('recipients: [Sở Y tế;, "- Sở Du lịch."]', "recipients: Sở Y tế") + (
        "urgency: hỏa tốc\n"
    )
    letter = letter_from(tmp_path, text)
    assert letter.recipients == ("Sở Y tế.",)
    assert letter.urgency == "HỎA TỐC"
    out = tmp_path / "x.docx"
    out.write_bytes(docx_bytes(letter))
    document = docx.Document(str(out))
    assert "Kính gửi: Sở Y tế." in [p.text for p in document.paragraphs]
    assert "HỎA TỐC" in [p.text for p in document.tables[0].cell(2, 0).paragraphs]


def test_without_recipients_no_nhu_tren(tmp_path: Path) -> None:
    text = LETTER.replace('recipients: [Sở Y tế;, "- Sở Du lịch."]\n', "")
    assert letter_from(tmp_path, text).distribution[0] == "- CT, các PCT UBND tỉnh (b/c);"


def test_figures_compute_a_gap_to_a_target(tmp_path: Path) -> None:
    text = LETTER + (
        "figures: {installs: 41177, population: 598856, target: 0.6}\n"
        "body: |\n"
        "  Đạt {{ ratio(figures.installs, figures.population) | percent }}, còn thiếu"
        " {{ (figures.target - ratio(figures.installs, figures.population)) | percent }}"
        " so với mục tiêu {{ figures.target | percent(0) }}.\n"
    )
    first = letter_from(tmp_path, text).body[0]
    assert isinstance(first, Paragraph)
    assert first.text == "Đạt 6,88%, còn thiếu 53,12% so với mục tiêu 60%."
