"""Every example as LibreOffice lays it out (PDF): what a clerk sees on the printed page."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

PT_PER_MM = 72 / 25.4
NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]

    def lines(self) -> list[list[Word]]:
        """Words grouped by baseline, left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.y1), w.x0)):
            if rows and abs(rows[-1][0].y1 - word.y1) < 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        return [sorted(row, key=lambda w: w.x0) for row in rows]

    def line_of(self, start: str) -> list[Word]:
        for row in self.lines():
            if " ".join(w.text for w in row).startswith(start) or any(
                " ".join(w.text for w in row[i:]).startswith(start) for i in range(len(row))
            ):
                return row
        raise AssertionError(f"no line with {start!r}")


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = []
    for page in root.iter(f"{NS}page"):
        words = [
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{NS}word")
        ]
        pages.append(Page(float(page.get("width")), float(page.get("height")), _join(words)))
    return pages


def _join(words: list[Word]) -> list[Word]:
    """pdftotext splits a word at a glyph with a Vietnamese diacritic ("T", "Ỉ", "NH"): join
    pieces on one baseline whose boxes touch."""
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if last and abs(last.y1 - word.y1) < 0.5 and -0.5 < word.x0 - last.x1 < 0.5:
            out[-1] = Word(last.text + word.text, last.x0, min(last.y0, word.y0), word.x1,
                           max(last.y1, word.y1))
        else:
            out.append(word)
    return out


@pytest.fixture(params=[p.stem for p in EXAMPLES])
def pages(request: pytest.FixtureRequest, pdfs: dict[str, Path]) -> list[Page]:
    return read_pages(pdfs[request.param])


def joined(row: list[Word]) -> str:
    return " ".join(w.text for w in row)


def test_national_title_and_motto_each_on_one_line(pages: list[Page]) -> None:
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in joined(first.line_of("CỘNG"))
    assert "Độc lập - Tự do - Hạnh phúc" in joined(first.line_of("Độc"))


def test_number_and_date_on_one_baseline(pages: list[Page]) -> None:
    row = pages[0].line_of("Số:")
    text = joined(row)
    assert re.search(r"ngày .*tháng.* năm \d{4}", text), text  # blanks collapse in an e-letter
    number = next(w for w in row if w.text == "Số:")
    date_word = next(w for w in row if w.text == "ngày")
    assert abs(number.y1 - date_word.y1) < 2
    assert number.x1 < pages[0].width / 2 < date_word.x0 + 80


def test_text_stays_inside_the_margins(pages: list[Page]) -> None:
    for page in pages:
        right = page.width - 20 * PT_PER_MM + 2
        bottom = page.height - 20 * PT_PER_MM + 2
        # the header table may reach 6 mm into the left margin (Mẫu 1.5)
        left = (35 - 6) * PT_PER_MM - 2
        for word in page.words:
            assert word.x1 <= right, f"{word.text!r} crosses the right margin"
            assert word.x0 >= left, f"{word.text!r} crosses the left margin"
            assert word.y1 <= bottom, f"{word.text!r} runs into the bottom margin"


def starts_appendix(page: Page) -> bool:
    """A Phụ lục's first page: "Phụ lục" is its first line under the header area."""
    top = 25 * PT_PER_MM
    rows = [row for row in page.lines() if row[0].y1 >= top]
    return bool(rows) and joined(rows[0]).startswith("Phụ lục")


def letter_pages(pages: list[Page]) -> list[Page]:
    """The letter's own pages, without the Phụ lục that follow its signature."""
    return next((pages[:i] for i, p in enumerate(pages) if i and starts_appendix(p)), pages)


def test_page_numbers_from_page_two_centred_at_top(pages: list[Page]) -> None:
    """Page 1 has none; each Phụ lục counts its own pages, its first page unnumbered too."""
    top = 25 * PT_PER_MM
    assert not [w for w in pages[0].words if w.y1 < top and w.text.isdigit()]
    number = 1
    for page in pages[1:]:
        heads = [w for w in page.words if w.y1 < top]
        if starts_appendix(page):
            assert not heads, "a Phụ lục's first page is not numbered"
            number = 1
            continue
        number += 1
        assert [w.text for w in heads] == [str(number)]
        middle = (heads[0].x0 + heads[0].x1) / 2
        text_middle = (35 + (210 - 20)) / 2 * PT_PER_MM
        assert abs(middle - text_middle) < 5


def test_closing_blocks_are_side_by_side(pages: list[Page]) -> None:
    last = letter_pages(pages)[-1]
    label = next(w for w in last.words if w.text == "Nơi")
    assert label.x0 < last.width / 3
    # 12 pt beside 14 pt: the baselines differ by the fonts' ascent, under 3 pt
    authority = [w for w in last.words if w.x0 > last.width / 2 and abs(w.y1 - label.y1) < 3]
    assert authority, "Nơi nhận stands level with the authority line"
    assert joined(authority) == joined(authority).upper()


def test_page_count_is_reasonable(pages: list[Page]) -> None:
    # the seeds fit in 5 pages; a ministry's guidance (031, Công văn 3456/BGDĐT-GDPT) runs to 8
    assert 1 <= len(letter_pages(pages)) <= 10
