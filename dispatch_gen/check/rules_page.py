"""Checks of the whole document: paper and margins (ND30-01, 02), font (03), colour and Unicode
form (04), page numbers (15) and legacy Vietnamese encodings (17)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from dispatch_gen.check.catalog import (
    MARGIN_TOLERANCE_MM,
    PAGE_TOLERANCE,
    SIZE_PAGE_NUMBER,
)
from dispatch_gen.check.elements import Letter
from dispatch_gen.check.finding import ERROR, WARNING, Finding, finding, points, quote
from dispatch_gen.check.fonts import FONT_SLOTS, font_slots
from dispatch_gen.check.model import Document, Paragraph
from dispatch_gen.docx import layout

LEGACY_FONT = re.compile(r"^(\.vn|vni[-_ ]|vps[-_ ]|vn[-_ ]?time)", re.IGNORECASE)
# TCVN3 (ABC) puts Vietnamese letters on Latin-1 symbols: "Céng hoµ x· héi", "§éc lËp".
TCVN3_MARKS, TCVN3_CAPITALS = "µ¶·¸¹¨©ª«¬®¯°±²³´½¾", "§®"
TCVN3 = re.compile(f"(?<=[A-Za-z])[{TCVN3_MARKS}]|[{TCVN3_CAPITALS}](?=[A-Za-z])")
# VNI writes a base letter plus a Latin-1 letter for the marks: "Coäng hoøa xaõ hoäi".
VNI_MARKS = "äöüëïøûñÄÖÜËÏØÛÑ"
VNI = re.compile(f"(?<=[A-Za-z])[{VNI_MARKS}]")
# Any of those symbols: a text without one cannot be TCVN3 or VNI (one quick scan, not two).
LEGACY_MARK = re.compile(f"[{TCVN3_MARKS}{TCVN3_CAPITALS}{VNI_MARKS}]")
NO_FONT = "(không khai báo)"


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-01, 02, 03, 04, 15, 17."""
    used = fonts_used(doc)
    return (paper(doc) + margins(doc) + fonts(used) + ink(doc) + page_numbers(doc)
            + legacy(used))  # fmt: skip


def fonts_used(doc: Document) -> list[tuple[Paragraph, list[str | None]]]:
    """Each paragraph with the font names its characters are drawn with (`font_names`)."""
    return [(para, para.worked_out(font_names)) for para in doc.everything()]


def font_names(para: Paragraph) -> list[str | None]:
    """The font names a paragraph's characters are drawn with, one per rFonts slot used (None
    for a slot that names none). A run naming one font in every slot, as most do, is drawn in
    that font whatever its characters, unless it draws nothing (only spaces)."""
    names: list[str | None] = []
    for run in para.runs:
        props = run.props
        distinct = {name for _, name in props.fonts}
        if len(distinct) == 1 and len(props.fonts) == len(FONT_SLOTS):
            if props.complex_script or not run.text.isspace():
                names.append(next(iter(distinct)))
        else:
            names.extend(props.font(slot) for slot in font_slots(run.text, props))
    return names


@lru_cache(maxsize=4096)
def legacy_marked(text: str) -> bool:
    """Whether a text has a symbol TCVN3 or VNI put letters on (once per text: a batch repeats
    its paragraphs)."""
    return LEGACY_MARK.search(text) is not None


def example(paragraphs: list[Paragraph]) -> str:
    count = len(paragraphs)
    return f"{count} đoạn, ví dụ {quote(unicodedata.normalize('NFC', paragraphs[0].plain))}"


def inked_colours(para: Paragraph) -> tuple[list[str], bool]:
    """The colours (other than black) of a paragraph's runs that put ink on the page, in
    order, and whether its text is NFC."""
    coloured = [run.props.color for run in para.runs
                if run.text.strip() and run.props.color not in (None, "000000")]  # fmt: skip
    return coloured, unicodedata.is_normalized("NFC", para.text)


def paper(doc: Document) -> list[Finding]:
    found: list[Finding] = []
    for number, section in enumerate(doc.sections):
        short, long = sorted((section.width, section.height))
        where = "" if len(doc.sections) == 1 else f" (phần {number + 1})"
        if (
            abs(short - layout.PAGE_WIDTH) > PAGE_TOLERANCE
            or abs(long - layout.PAGE_HEIGHT) > PAGE_TOLERANCE
        ):
            size = (
                f"{short / layout.MM:.0f} × {long / layout.MM:.0f} mm"
                if short
                else "không khai báo"
            )
            found.append(
                finding(
                    "ND30-01",
                    "khổ A4 (210 mm x 297 mm)",
                    "Khổ giấy",
                    f"khổ giấy {size}{where}",
                    "Chọn khổ A4 (210 × 297 mm) trong Bố cục > Kích thước",
                )
            )
        elif section.width > section.height:
            found.append(
                finding(
                    "ND30-01",
                    "trình bày theo chiều dài của khổ A4",
                    "Khổ giấy",
                    f"trang nằm ngang{where}",
                    "Trình bày theo chiều dài (dọc); chỉ để ngang phần có bảng, biểu không tách "
                    "được thành phụ lục",
                    severity=WARNING if number else ERROR,
                )
            )
    return found


def margins(doc: Document) -> list[Finding]:
    found: list[Finding] = []
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    reported: set[tuple[str, float]] = set()
    for section in doc.sections:
        for side, (low, high) in layout.MARGIN_RANGES_MM.items():
            value = getattr(section, side) / layout.MM
            if low - MARGIN_TOLERANCE_MM <= value <= high + MARGIN_TOLERANCE_MM:
                continue
            if (side, round(value, 1)) in reported:
                continue
            reported.add((side, round(value, 1)))
            found.append(
                finding(
                    "ND30-02",
                    f"lề {names[side]} {low}–{high} mm",
                    "Lề trang",
                    f"lề {names[side]} {points(round(value, 1))} mm",
                    f"Đặt lề {names[side]} trong khoảng {low}–{high} mm "
                    f"(mẫu: trên 25, dưới 20, trái 35, phải 20 mm)",
                )
            )
    return found


def last_is(paras: list[Paragraph], para: Paragraph) -> bool:
    """Whether `para` was the last one listed: paragraphs are walked in order, so this is
    "already listed" without comparing every paragraph field by field (quadratic)."""
    return bool(paras) and paras[-1] is para


def fonts(used: list[tuple[Paragraph, list[str | None]]]) -> list[Finding]:
    wrong: dict[str, list[Paragraph]] = defaultdict(list)
    for para, names in used:
        for font in names:
            name = font or NO_FONT
            if LEGACY_FONT.match(name):
                continue  # ND30-17 reports it
            if name.casefold() != layout.FONT.casefold() and not last_is(wrong[name], para):
                wrong[name].append(para)
    return [
        finding(
            "ND30-03",
            "phông chữ Times New Roman",
            "Phông chữ",
            f"phông “{name}” ở {example(paras)}",
            "Đặt phông Times New Roman cho toàn văn bản, kể cả bảng, đầu trang và kiểu "
            "(style) Normal",
        )
        for name, paras in wrong.items()
    ]


def ink(doc: Document) -> list[Finding]:
    colours: dict[str, list[Paragraph]] = defaultdict(list)
    decomposed: list[Paragraph] = []
    for para in doc.everything():
        coloured, composed = para.worked_out(inked_colours)
        for colour in coloured:
            if para not in colours[colour]:
                colours[colour].append(para)
        if not composed:
            decomposed.append(para)
    found = [
        finding(
            "ND30-04",
            "màu đen",
            "Màu chữ",
            f"chữ màu #{colour} ở {example(paras)}",
            "Đặt màu chữ Tự động hoặc đen cho toàn văn bản",
        )
        for colour, paras in colours.items()
    ]
    if decomposed:
        found.append(
            finding(
                "ND30-04",
                "bộ mã Unicode dựng sẵn (NFC)",
                "Mã chữ",
                f"chữ Unicode tổ hợp (NFD) ở {example(decomposed)}",
                "Chuyển sang Unicode dựng sẵn, ví dụ bằng Unikey: Công cụ > Unicode tổ hợp "
                "→ Unicode",
            )
        )
    return found


def page_numbers(doc: Document) -> list[Finding]:
    section = doc.sections[0]

    def numbered(part: str | None) -> list[Paragraph]:
        return [p for p in doc.parts.get(part or "", []) if p.page_field_runs is not None]

    def error(detail: str, found: str, fix: str) -> Finding:
        return finding("ND30-15", detail, "Số trang", found, fix)

    found: list[Finding] = []
    paras = numbered(section.headers.get("default"))
    if not paras:
        in_footer = any(numbered(part) for part in section.footers.values())
        found.append(
            error(
                "canh giữa trong phần lề trên",
                "số trang đặt ở chân trang"
                if in_footer
                else "không có trường số trang (PAGE) ở đầu trang",
                "Chèn số trang ở đầu trang, canh giữa (Chèn > Số trang > Đầu trang)",
            )
        )
    else:
        para = paras[0]
        runs = para.page_field_runs or []
        if para.props.align != "center":
            found.append(
                error(
                    "canh giữa theo chiều ngang",
                    "số trang không canh giữa",
                    "Canh giữa đoạn chứa số trang",
                )
            )
        # Word formats a field by its result runs, LibreOffice by the run that begins it: the
        # number must have the right size in both, so every run of the field counts.
        low, high = SIZE_PAGE_NUMBER
        wrong_sizes = sorted({r.props.size for r in runs if not low <= r.props.size <= high})
        wrong = "cỡ " + ", ".join(points(s) for s in wrong_sizes) if wrong_sizes else None
        if wrong:
            found.append(error("cỡ chữ 13 đến 14", f"số trang {wrong}", "Đặt số trang cỡ 13–14"))
        if any(r.props.italic for r in runs):
            found.append(error("kiểu chữ đứng", "số trang in nghiêng", "Bỏ in nghiêng số trang"))
    if not section.title_page and paras:
        found.append(
            error(
                "không hiển thị số trang thứ nhất",
                "trang 1 hiện số trang",
                "Bật “Trang đầu khác” (Different First Page) cho đầu trang",
            )
        )
    elif numbered(section.headers.get("first")):
        found.append(
            error(
                "không hiển thị số trang thứ nhất",
                "đầu trang của trang 1 có số trang",
                "Xóa số trang khỏi đầu trang của trang đầu",
            )
        )
    if doc.even_and_odd_headers and paras and not numbered(section.headers.get("even")):
        found.append(
            error(
                "số trang ở mọi trang",
                "trang chẵn không có số trang",
                "Chèn số trang vào đầu trang chẵn hoặc tắt “Trang chẵn lẻ khác”",
            )
        )
    return found


def legacy(used: list[tuple[Paragraph, list[str | None]]]) -> list[Finding]:
    by_font: dict[str, list[Paragraph]] = defaultdict(list)
    by_text: list[Paragraph] = []
    for para, names in used:
        for font in names:
            name = font or ""
            if LEGACY_FONT.match(name) and not last_is(by_font[name], para):
                by_font[name].append(para)
        if not legacy_marked(para.text):
            continue
        marks = {m.group(0) for m in TCVN3.finditer(para.text)} | {
            m.group(0) for m in VNI.finditer(para.text)
        }
        if len(marks) >= 2 and not any(last_is(paras, para) for paras in by_font.values()):
            by_text.append(para)
    fix = (
        "Chuyển mã sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích Unicode) "
        "rồi đặt phông Times New Roman"
    )
    found = [
        finding(
            "ND30-17",
            "bộ mã Unicode TCVN 6909:2001",
            "Mã chữ",
            f"phông mã cũ “{name}” ở {example(paras)}",
            fix,
        )
        for name, paras in by_font.items()
    ]
    if by_text:
        found.append(
            finding(
                "ND30-17",
                "bộ mã Unicode TCVN 6909:2001",
                "Mã chữ",
                f"chữ gõ bằng mã TCVN3 hoặc VNI ở {example(by_text)}",
                fix,
            )
        )
    return found
