"""Structure of the real letters added for issue 10's "Done when" by helper l1 (the text, `check`
and openxml-audit of each are compared in tests/test_real_letters.py): how each letter's lines
come out as the source prints them — the title block, each authority line its own paragraph,
Nơi nhận entries kept whole."""

from __future__ import annotations

import io

import docx
import pytest

from dispatch_gen.render import render_bytes
from tests.test_examples import EXAMPLES
from tests.test_real_letters import closing_paragraphs

HA_NOI = EXAMPLES / "022-ha-noi-453-tb.yaml"


@pytest.fixture(scope="module")
def ha_noi() -> bytes:
    return render_bytes(HA_NOI)


def body_paragraphs(data: bytes) -> list[docx.text.paragraph.Paragraph]:
    """The paragraphs outside the header and closing tables, in order, empty ones left out."""
    return [p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


def header_lines(data: bytes) -> list[str]:
    first = docx.Document(io.BytesIO(data)).tables[0]
    return [p.text for cell in first.rows[0].cells for p in cell.paragraphs if p.text.strip()] + [
        p.text for row in first.rows[1:] for cell in row.cells for p in cell.paragraphs if p.text
    ]


def test_ha_noi_signs_for_the_chairman_on_three_lines(ha_noi: bytes) -> None:
    """The Văn phòng signs "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" as the
    source does: three paragraphs, never merged, then the signer's name."""
    _, right = closing_paragraphs(ha_noi)
    assert right == ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Võ Tuấn Anh"]


def test_ha_noi_title_block_is_the_named_type_without_kinh_gui(ha_noi: bytes) -> None:
    """Mẫu 1.4: "THÔNG BÁO" and its summary, bold and centred, replace the V/v; a Thông báo to
    no one in particular has no Kính gửi, and the body starts right under the title block."""
    paragraphs = body_paragraphs(ha_noi)
    title, summary, first = paragraphs[:3]
    assert (title.text, summary.text) == ("THÔNG BÁO", "Về việc treo cờ Tổ quốc")
    for line in (title, summary):
        assert line.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in line.runs if run.text.strip())
    assert first.text.startswith("Nhân dịp Đại hội đại biểu toàn quốc Mặt trận Tổ quốc")
    assert not any(p.text.startswith(("Kính gửi", "V/v")) for p in paragraphs)
    assert paragraphs[-1].text.endswith("đảm bảo đúng quy định./.")


def test_ha_noi_leaves_number_and_day_to_the_document_system(ha_noi: bytes) -> None:
    """An electronic letter: the number and the day are stamped when it is signed digitally, so
    the symbol keeps the type's code after a blank and the date line only its year."""
    lines = header_lines(ha_noi)
    assert lines[:4] == [
        "ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    ]  # fmt: skip
    assert "Số:       /TB-UBND" in lines
    assert f"Hà Nội, ngày {' ' * 6} tháng {' ' * 6} năm 2026" in lines


def test_ha_noi_distribution_as_issued(ha_noi: bytes) -> None:
    """No "Như trên" without a Kính gửi; the Văn phòng's entry keeps its commas and colons whole;
    the archive line closes the list."""
    left, _ = closing_paragraphs(ha_noi)
    assert left[:2] == ["Nơi nhận:", "- Đ/c Bí thư Thành ủy;"]
    assert "- Như trên;" not in left
    assert (
        "- VPUB: CVP, PCVP P.T.T.Huyền, phòng: KGVX, TH, HC-QT, Trung tâm TTĐL&CNS Thành phố;"
        in left
    )
    assert left[-1] == "- Lưu: VT, KGVX."
    assert len(left) == 11  # the heading, the nine entries of the source, the archive
