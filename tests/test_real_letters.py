"""Real letters of other agencies and years (issue 10), each an example written without any
workaround, compared with a transcription of its public source (tests/letters, sources listed in
tests/letters/INDEX.md) by the seeds' measure (tests/test_examples.py: words, moved runs counted
as matched, >= 0.98), and checked for the structure Decree 30 gives it: each authority line its
own paragraph, the title block of a named type, `check` and `openxml-audit` clean."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from dispatch_gen.check import check_docx
from dispatch_gen.render import render_bytes
from dispatch_gen.review.reading import docx_text
from tests.test_examples import EXAMPLES, THRESHOLD, compare_files

LETTERS = Path(__file__).resolve().parent / "letters"
TRANSCRIPTIONS = sorted(LETTERS.glob("*.txt"))


def example(transcription: Path) -> Path:
    return EXAMPLES / f"{transcription.stem}.yaml"


def closing_paragraphs(data: bytes) -> tuple[list[str], list[str]]:
    """The closing table's two cells: Nơi nhận lines, and the signature block's paragraphs."""
    document = docx.Document(io.BytesIO(data))
    closing = next(  # the closing table, also when Phụ lục tables follow it
        t for t in document.tables if t.cell(0, 0).text.strip().startswith("Nơi nhận")
    )
    left = [p.text for p in closing.cell(0, 0).paragraphs if p.text]
    right = [p.text.replace("\n", " ") for p in closing.cell(0, 1).paragraphs if p.text]
    return left, right


@pytest.mark.parametrize("transcription", TRANSCRIPTIONS, ids=lambda p: p.stem)
def test_rendered_text_matches_the_source(transcription: Path) -> None:
    result = compare_files(example(transcription), transcription)
    print(result.report())
    assert result.similarity >= THRESHOLD, result.report()


# Warnings a letter carries as issued: Bộ GDĐT's unit abbreviation "GDTrH" keeps a lower-case
# letter, which the decree writes upper case (a warning, not an error).
EXPECTED_WARNINGS = {"030-bgddt-7991-gdtrh": ["ND30-08"]}


@pytest.mark.parametrize("transcription", TRANSCRIPTIONS, ids=lambda p: p.stem)
def test_check_finds_nothing(transcription: Path) -> None:
    findings = check_docx(render_bytes(example(transcription)))
    rules = [f.rule for f in findings if f.severity == "warning"]
    errors = [f for f in findings if f.severity != "warning"]
    assert errors == [], [f"{f.rule} {f.found}" for f in errors]
    assert rules == EXPECTED_WARNINGS.get(transcription.stem, []), [str(f) for f in findings]


@pytest.mark.parametrize("transcription", TRANSCRIPTIONS, ids=lambda p: p.stem)
def test_openxml_audit_finds_no_error(transcription: Path, tmp_path: Path) -> None:
    audit = str(Path(sys.executable).parent / "openxml-audit")
    if not Path(audit).exists():
        pytest.skip("openxml-audit not installed (make setup)")
    out = tmp_path / f"{transcription.stem}.docx"
    out.write_bytes(render_bytes(example(transcription)))
    result = subprocess.run([audit, str(out)], capture_output=True, text=True, timeout=120)
    assert "Errors: 0" in result.stdout, result.stdout[-2000:]


# Structure, letter by letter: the lines as the source prints them, each its own paragraph.

SIGNATURES = {
    "020-vpcp-1590-kgvx": ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Khắc Định"],
    "021-hau-giang-454-ncth": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thành Lập"],
}


@pytest.mark.parametrize("stem", sorted(SIGNATURES))
def test_each_authority_line_is_its_own_paragraph(stem: str) -> None:
    _, right = closing_paragraphs(render_bytes(EXAMPLES / f"{stem}.yaml"))
    assert right == SIGNATURES[stem]


def test_vpcp_keeps_the_entry_with_commas_whole_and_the_copies_after_luu() -> None:
    left, _ = closing_paragraphs(render_bytes(EXAMPLES / "020-vpcp-1590-kgvx.yaml"))
    assert "- VPCP: BTCN, PCN Nguyễn Khắc Định, Trợ lý TTg, TGĐ Cổng TTĐT, VPBCSĐCP;" in left
    assert left[-1] == "- Lưu: VT, KGVX (3)."


def test_hau_giang_prints_the_file_path_under_the_archive_and_one_body_end() -> None:
    data = render_bytes(EXAMPLES / "021-hau-giang-454-ncth.yaml")
    left, _ = closing_paragraphs(data)
    assert left[-2:] == ["- Lưu: VT, NCTH.HH.", "d:\\2011\\CV\\SVH\\T4\\Bau cho Vinh Ha Long"]
    body = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert sum(text.endswith("./.") for text in body) == 1
    assert "(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2011)" in body


def test_7991_footnote_appendix_and_department_chain() -> None:
    """Issue 10 items 3 and 6: the letter's "(1)" is a Word footnote, its Phụ lục a section of
    its own pages after the signature; a department signs for the minister on three lines."""
    data = render_bytes(EXAMPLES / "030-bgddt-7991-gdtrh.yaml")
    lines = docx_text(data)  # one line per paragraph
    signature = lines.index("TL. BỘ TRƯỞNG")
    assert lines[signature : signature + 4] == [
        "TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC", "PHÓ VỤ TRƯỞNG", "Đỗ Đức Quế",
    ]  # fmt: skip
    assert any("cán vào tháng 11/2024[^1], tổ chức" in line for line in lines)
    assert lines[-1].startswith("[^1]: Công văn số 6569/BGDĐT-GDTrH ngày 16/10/2024")
    start = lines.index("Phụ lục")  # one appendix: no numeral
    assert lines[start + 1] == (
        "(Kèm theo Công văn số 7991/BGDĐT-GDTrH ngày 17 tháng 12 năm 2024"
        " của Bộ Giáo dục và Đào tạo)"
    )
    assert lines.index("- Lưu: VT, Vụ GDTrH.") < start
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert document.count("<w:footnoteReference ") == 1 and "6569/BGDĐT-GDTrH" in notes
    last = re.findall(r"<w:sectPr>.*?</w:sectPr>", document)[-1]
    assert '<w:pgNumType w:start="1"/>' in last  # the Phụ lục counts its own pages


def test_3456_nests_parts_sections_points_dashes_and_pluses() -> None:
    """Issue 10 item 2 on a real guidance letter: I./1./1.1./a)/-/+ as issued, numbers restarting
    under each part and points under each sub-section; the "¹" is a Word footnote."""
    data = render_bytes(EXAMPLES / "031-bgddt-3456-gdpt.yaml")
    lines = docx_text(data)
    body = lines[: lines.index("KT. BỘ TRƯỞNG")]
    outline = [
        line.split(" ", 1)[0]
        for line in body
        if re.match(r"^(?:[IV]+\.|\d+\.(?:\d+\.)?|[a-zđ]\)) ", line)
    ]
    assert outline == [
        "I.", "1.", "2.", "II.", "1.", "1.1.", "1.2.", "a)", "b)", "2.", "2.1.", "2.2.", "2.3.",
        "III.", "1.", "a)", "b)", "c)", "2.", "3.",
    ]  # fmt: skip
    plus = lines.index(next(line for line in lines if line.startswith("+ Chỉ đạo các cơ sở")))
    assert lines[plus - 1].startswith("- Hướng dẫn, hỗ trợ các cơ sở giáo dục triển khai")
    assert [line[:2] for line in lines[plus : plus + 4]] == ["+ ", "+ ", "+ ", "- "]
    assert any("theo quy định[^1] của pháp luật hiện hành." in line for line in lines)
    assert lines[-1].startswith("[^1]: Quy định tại Điều 6, Điều 7 Nghị định số 24/2021/NĐ-CP")
    signature = lines.index("KT. BỘ TRƯỞNG")
    assert lines[signature : signature + 3] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Ngọc Thưởng"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        numbering = archive.read("word/numbering.xml").decode()
    assert "lowerLetter" not in numbering
