"""Real letters of other agencies and years (issue 10), each an example written without any
workaround, compared with a transcription of its public source (tests/letters, sources listed in
tests/letters/INDEX.md) by the seeds' measure (tests/test_examples.py: words, moved runs counted
as matched, >= 0.98), and checked for the structure Decree 30 gives it: each authority line its
own paragraph, the title block of a named type, `check` and `openxml-audit` clean."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from dispatch_gen.check import check_docx
from dispatch_gen.render import render_bytes
from tests.test_examples import EXAMPLES, THRESHOLD, compare_files

LETTERS = Path(__file__).resolve().parent / "letters"
TRANSCRIPTIONS = sorted(LETTERS.glob("*.txt"))


def example(transcription: Path) -> Path:
    return EXAMPLES / f"{transcription.stem}.yaml"


def closing_paragraphs(data: bytes) -> tuple[list[str], list[str]]:
    """The closing table's two cells: Nơi nhận lines, and the signature block's paragraphs."""
    document = docx.Document(io.BytesIO(data))
    closing = document.tables[-1]
    left = [p.text for p in closing.cell(0, 0).paragraphs if p.text]
    right = [p.text.replace("\n", " ") for p in closing.cell(0, 1).paragraphs if p.text]
    return left, right


@pytest.mark.parametrize("transcription", TRANSCRIPTIONS, ids=lambda p: p.stem)
def test_rendered_text_matches_the_source(transcription: Path) -> None:
    result = compare_files(example(transcription), transcription)
    print(result.report())
    assert result.similarity >= THRESHOLD, result.report()


@pytest.mark.parametrize("transcription", TRANSCRIPTIONS, ids=lambda p: p.stem)
def test_check_finds_nothing(transcription: Path) -> None:
    findings = check_docx(render_bytes(example(transcription)))
    assert findings == [], [f"{f.rule} {f.found}" for f in findings]


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
}


@pytest.mark.parametrize("stem", sorted(SIGNATURES))
def test_each_authority_line_is_its_own_paragraph(stem: str) -> None:
    _, right = closing_paragraphs(render_bytes(EXAMPLES / f"{stem}.yaml"))
    assert right == SIGNATURES[stem]


def test_vpcp_keeps_the_entry_with_commas_whole_and_the_copies_after_luu() -> None:
    left, _ = closing_paragraphs(render_bytes(EXAMPLES / "020-vpcp-1590-kgvx.yaml"))
    assert "- VPCP: BTCN, PCN Nguyễn Khắc Định, Trợ lý TTg, TGĐ Cổng TTĐT, VPBCSĐCP;" in left
    assert left[-1] == "- Lưu: VT, KGVX (3)."
