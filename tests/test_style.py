"""The office's house style (`style:` in a letterhead or van-phong.yaml): chosen within Decree 30's
ranges, read back from the .docx, and a value outside a range is a located error quoting it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dispatch_gen.check import check_docx
from dispatch_gen.cli import main
from dispatch_gen.docx import layout as L
from dispatch_gen.errors import InputError
from dispatch_gen.render import render

MM_EMU = 36000


def letter(folder: Path, name: str = "ubnd-xa-tan-phu/dong-nai") -> Path:
    path = folder / "cong-van.yaml"
    args = ["new", str(path), "-l", name, "--date", "2026-03", "--signer", "Nguyễn Văn An"]
    assert CliRunner().invoke(main, args).exit_code == 0
    return path


def office(folder: Path, style: str) -> None:
    (folder / "van-phong.yaml").write_text("style:\n" + style, encoding="utf-8")


def read_back(path: Path) -> docx.document.Document:
    rendered = render(path)
    assert check_docx(rendered.data) == []
    return docx.Document(io.BytesIO(rendered.data))


def test_a_13_pt_body_and_25_mm_top_margin_read_back_and_pass_check(tmp_path: Path) -> None:
    office(tmp_path, "  body_size: 13\n  margins: {top: 25, left: 30, right: 15}\n")
    document = read_back(letter(tmp_path))
    assert document.styles["Body Text"].font.size.pt == 13
    assert document.styles["Normal"].font.size.pt == 13
    section = document.sections[0]
    assert round(section.top_margin / MM_EMU, 1) == 25
    assert round(section.left_margin / MM_EMU, 1) == 30
    assert round(section.right_margin / MM_EMU, 1) == 15
    assert round(section.bottom_margin / MM_EMU, 1) == 20  # not chosen: the default
    body = [p for p in document.paragraphs if p.style.name == "Body Text"]
    assert body and all(p.text for p in body)


def test_spacing_indent_and_signature_space(tmp_path: Path) -> None:
    office(
        tmp_path,
        "  line_spacing: 1,5\n  paragraph_spacing: 8\n  first_line_indent: 1\n"
        "  signature_space: 6\n",
    )
    document = read_back(letter(tmp_path))
    body = document.styles["Body Text"].paragraph_format
    assert body.line_spacing == 1.5
    assert body.space_after.pt == 8
    assert round(body.first_line_indent.cm, 2) == 1.0
    closing = document.tables[-1].cell(0, 1).paragraphs
    gap = [p for p in closing if not p.text]
    assert len(gap) == 6


def test_the_office_file_wins_over_the_letterhead(tmp_path: Path) -> None:
    (tmp_path / "letterheads").mkdir()
    (tmp_path / "letterheads/ubnd-xa.yaml").write_text(
        "agency: [Ủy ban nhân dân, xã Tân Phú]\nabbreviation: UBND\nplace: Tân Phú\n"
        "head: Chủ tịch\ncollective: Ủy ban nhân dân\n"
        "style: {body_size: 13, margins: {top: 22}}\n",
        encoding="utf-8",
    )
    path = letter(tmp_path, "ubnd-xa")
    document = read_back(path)
    assert document.styles["Body Text"].font.size.pt == 13
    assert round(document.sections[0].top_margin / MM_EMU, 1) == 22
    office(tmp_path, "  body_size: 14\n")
    document = read_back(path)
    assert document.styles["Body Text"].font.size.pt == 14  # the office's
    assert round(document.sections[0].top_margin / MM_EMU, 1) == 22  # the letterhead's


def test_no_style_is_the_layout_defaults(tmp_path: Path) -> None:
    document = read_back(letter(tmp_path))
    assert document.styles["Body Text"].font.size.pt == L.SIZE_BODY
    assert document.sections[0].left_margin / MM_EMU == pytest.approx(35, abs=0.05)


@pytest.mark.parametrize(
    ("style", "where", "message"),
    [
        ("  body_size: 15\n", "2:14", "cỡ chữ nội dung (pt) 15 ngoài khoảng cho phép: 13–14"),
        ("  margins: {top: 30}\n", "2:18", "lề trên (mm) 30 ngoài khoảng cho phép: 20–25"),
        ("  margins:\n    left: 25\n", "3:11", "lề trái (mm) 25 ngoài khoảng cho phép: 30–35"),
        ("  line_spacing: 2\n", "2:17", "giãn dòng (dòng) 2 ngoài khoảng cho phép: 1–1,5"),
        ("  paragraph_spacing: 4\n", "2:22", "khoảng cách đoạn (pt) 4 ngoài khoảng cho phép: 6–72"),
        (
            "  first_line_indent: 1,5\n",
            "2:22",
            "thụt đầu dòng (cm) 1,5 không đúng: chỉ được 1 hoặc 1,27",
        ),
        ("  distribution_size: 12\n", "2:22", "cỡ chữ nơi nhận (pt) 12 không đúng: chỉ được 11"),
        (
            "  signature_space: 2\n",
            "2:20",
            "khoảng trống để ký (dòng) 2 ngoài khoảng cho phép: 3–8",
        ),
        ("  body_size: mười ba\n", "2:14", "cỡ chữ nội dung (pt) “mười ba” không phải là số"),
        ("  font: Arial\n", "2:3", "khóa “font” không có trong kiểu trình bày (style)"),
    ],
)
def test_a_value_outside_decree_30_is_a_located_error(
    tmp_path: Path, style: str, where: str, message: str
) -> None:
    path = letter(tmp_path)
    office(tmp_path, style)
    with pytest.raises(InputError) as error:
        render(path)
    assert str(error.value).startswith(f"{tmp_path / 'van-phong.yaml'}:{where}: lỗi: {message}")
