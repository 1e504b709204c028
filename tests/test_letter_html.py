"""The HTML preview: same words as the .docx, laid out with the layout constants."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from dispatch_gen.compose import compose
from dispatch_gen.docx import layout as L
from dispatch_gen.load import load
from dispatch_gen.render import render_bytes
from dispatch_gen.review.reading import docx_text
from dispatch_gen.web.letter_html import css, letter_html, page_html, pt

EXAMPLES = sorted(Path("examples").glob("*.yaml"))


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_preview_has_the_words_of_the_docx(example: Path, tmp_path: Path) -> None:
    docx = tmp_path / "letter.docx"
    docx.write_bytes(render_bytes(example))
    page = lxml.html.fromstring(letter_html(compose(load(example))))
    for br in page.iter("br"):
        br.tail = " " + (br.tail or "")
    for sup in list(page.iter("sup")):  # footnote numbers: `text` writes them `[^1]`
        sup.drop_tree()
    shown = words(" ".join(e.text_content() for e in page.xpath("//p | //th | //td[not(p)]")))
    text = re.sub(r"\[\^\d+\]:?", "", " ".join(docx_text(docx)))
    printed = [w for w in words(text) if w != "|"]
    assert sorted(shown) == sorted(printed)


def test_page_uses_decree_30_values() -> None:
    style = css()
    assert f"padding: {pt(L.MARGIN_TOP)} {pt(L.MARGIN_RIGHT)} {pt(L.MARGIN_BOTTOM)} " in style
    assert f"{pt(L.MARGIN_LEFT)};" in style
    assert pt(L.MARGIN_LEFT) == "99.2pt"  # 35 mm
    assert f'font-family: "{L.FONT}"' in style
    assert f"width: {pt(L.PAGE_WIDTH)}" in style


def test_kt_signature_and_distribution_side_by_side() -> None:
    letter = compose(load(Path("examples/002-kien-giang-bluezone.yaml")))
    page = lxml.html.fromstring(letter_html(letter))
    closing = page.xpath("//table[@class='layout']")[-1]
    left, right = closing.xpath(".//td")
    assert left.text_content().startswith("Nơi nhận:")
    assert "- Lưu: VT" in left.text_content()
    assert [p.text_content() for p in right.xpath(".//p")] == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lâm Minh Thành",
    ]


def test_text_is_escaped() -> None:
    letter = compose(load(Path("examples/002-kien-giang-bluezone.yaml")))
    from dataclasses import replace

    evil = replace(letter, subject="V/v <script>alert(1)</script>")
    assert "<script>" not in page_html(evil)
    assert "&lt;script&gt;" in page_html(evil)
