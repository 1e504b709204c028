"""Real letters beyond the seeds, each written as a clerk would (no workaround), rendered and
held against a transcription of its source (tests/letters), with the seeds' similarity
measure (tests/test_examples.py), and their structure read back from the .docx."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from dispatch_gen.check.finding import ERROR
from dispatch_gen.check.linter import check_docx
from dispatch_gen.render import render_bytes
from dispatch_gen.review.reading import docx_text
from tests.test_examples import EXAMPLES, THRESHOLD, compare_files

LETTERS = EXAMPLES.parent / "tests" / "letters"
REAL = {  # example → transcription of its source
    "020-bgddt-kiem-tra-danh-gia.yaml": "020_bgddt_7991.txt",
}


@pytest.mark.parametrize("example", sorted(REAL))
def test_real_letter_reproduces_its_source(example: str) -> None:
    result = compare_files(EXAMPLES / example, LETTERS / REAL[example])
    print(f"\n{example}: similarity {result.similarity:.4f} (plain ratio {result.ratio:.4f})")
    assert result.similarity >= THRESHOLD, result.report()


@pytest.mark.parametrize("example", sorted(REAL))
def test_real_letter_passes_check(example: str) -> None:
    findings = check_docx(render_bytes(EXAMPLES / example))
    assert not [str(f) for f in findings if f.severity == ERROR]


def test_7991_footnote_appendix_and_department_chain() -> None:
    data = render_bytes(EXAMPLES / "020-bgddt-kiem-tra-danh-gia.yaml")
    lines = docx_text(data)
    signature = lines.index("TL. BỘ TRƯỞNG")  # each authority line its own paragraph
    assert lines[signature : signature + 4] == [
        "TL. BỘ TRƯỞNG",
        "KT. VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC",
        "PHÓ VỤ TRƯỞNG",
        "Đỗ Đức Quế",
    ]
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
