"""A commune's Thông báo as issued (issue 10, "Done when"): Thông báo 07/TB-UBND of the UBND xã
Sơn Vĩ, 21/7/2021 (examples/023-son-vi-07-tb-ubnd.yaml, source in tests/letters/INDEX.md).
A named-type document (Mẫu 1.4): its title block, its TB symbol, no Kính gửi and so no
"Như trên", the collective signing on its own lines. Its text against the source, `check` and
`openxml-audit` are tested with the other real letters in tests/test_real_letters.py."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dispatch_gen.check.reader import read_docx
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.render import render_bytes
from tests.test_examples import EXAMPLES
from tests.test_real_letters import closing_paragraphs

SON_VI = EXAMPLES / "023-son-vi-07-tb-ubnd.yaml"
SUMMARY = "V/v Tạm dừng họp chợ phiên xã Sơn Vĩ"


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_bytes(SON_VI)


def body_paragraphs(data: bytes) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(io.BytesIO(data)).paragraphs)


def test_letterhead_number_and_date_as_the_commune_prints_them(data: bytes) -> None:
    header = docx.Document(io.BytesIO(data)).tables[0]
    agency = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    assert agency == ["ỦY BAN NHÂN DÂN", "XÃ SƠN VĨ"]  # each line its own paragraph
    assert header.cell(1, 0).paragraphs[0].text == "Số: 07/TB-UBND"  # the type's code, 0-padded
    assert header.cell(1, 1).paragraphs[0].text == "Sơn Vĩ, ngày 21 tháng 7 năm 2021"


def test_title_block_is_the_type_name_over_its_summary_with_a_rule(data: bytes) -> None:
    paragraphs = body_paragraphs(data)
    texts = [p.text for p in paragraphs]
    at = texts.index("THÔNG BÁO")
    name, summary = paragraphs[at], paragraphs[at + 1]
    assert summary.text == SUMMARY  # the summary as issued replaces the công văn's V/v line
    for line in (name, summary):
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in line.runs)
        assert all(run.font.size.pt == 14 for run in line.runs)
    read = read_docx(data)
    under = next(p for p in read.paragraphs if p.plain == SUMMARY)
    rule = read.paragraphs[under.index + 1]
    assert rule.plain == "" and "bottom" in rule.props.borders
    ratio = rule.width_pt / text_width_pt(SUMMARY, 14, bold=True)
    assert 1 / 3 <= ratio <= 1 / 2, ratio
    after = next(t for t in texts[at + 2 :] if t)  # the body follows the rule
    assert after.startswith("Thực hiện Kết luận số 867-KL/HU ngày 20 tháng 7 năm 2021")


def test_no_kinh_gui_so_no_nhu_tren(data: bytes) -> None:
    texts = [p.text for p in body_paragraphs(data)]
    assert not any(t.startswith("Kính gửi") for t in texts)
    left, _ = closing_paragraphs(data)
    assert left == [
        "Nơi nhận:",
        "- UBND huyện;",
        "- Thường trực Đảng ủy xã;",
        "- Thường trực HĐND – UBND xã;",
        "- Đồn biên phòng Sơn Vĩ;",
        "- Các tổ chức, cá nhân có liên quan ( T/h);",
        "- Lưu: VT.",
    ]


def test_the_collective_signs_on_its_own_lines(data: bytes) -> None:
    _, right = closing_paragraphs(data)
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Thào Mí Sính"]


def test_body_is_the_five_paragraphs_with_one_end_mark(data: bytes) -> None:
    texts = [p.text for p in body_paragraphs(data)]
    start = texts.index(SUMMARY) + 1
    body = [t for t in texts[start:] if t]
    assert [t.split()[0] for t in body] == ["Thực", "Trước", "Để", "Uỷ", "Trên"]
    assert body[-1].endswith("nghiêm túc thực hiện./.")
    assert sum(t.endswith("./.") for t in texts) == 1
