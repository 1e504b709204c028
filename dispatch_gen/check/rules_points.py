"""Checks of the points (điểm) in the body (ND30-12, PL I, II.6.đ): lettered in the Vietnamese
alphabet a) b) c) d) đ) e) g) h) i) k) … — no f, j, w, z; "đ)" follows "d)"; never Word's Latin
lettering (`lowerLetter`), which prints "e)" for the 5th point and "f)" for the 6th.

A point's label is what Word draws for a numbered paragraph (the check reader counts the lists
as `text` does) or the letter typed at the start of the paragraph."""

from __future__ import annotations

import re

from dispatch_gen.check.elements import Letter
from dispatch_gen.check.finding import Finding, finding, quote
from dispatch_gen.check.model import Document, Paragraph
from dispatch_gen.vietnamese import POINT_LETTERS

ELEMENT = "Điểm trong nội dung"
TYPED = re.compile(r"^\s*([a-zđ])\)\s")  # "đ) …"
SECTION = re.compile(r"^\s*(?:\d+\.)+\s|^\s*[IVXLC]+\.\s")  # "1.", "1.1.", "II."
LATIN = ("lowerLetter", "upperLetter")
ALPHABET = " ".join(f"{c})" for c in POINT_LETTERS[:10]) + " …"


def point_letter(para: Paragraph) -> str:
    """The letter of a point (“đ” for “đ) …”), or "" when the paragraph is not a point."""
    label = para.label if para.label_format in (*LATIN, "") else ""
    match = TYPED.match(f"{label} " if label else para.plain)
    return match[1] if match else ""


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-12: Latin-lettered lists, letters outside the alphabet, a point after d) not đ)."""
    found: list[Finding] = []
    body = [p for p in doc.paragraphs if p.story == "body" and p.cell is None and p.plain]
    previous = ""
    latin_reported = False
    for para in body:
        if para.label_format in LATIN:
            if not latin_reported:
                found.append(latin(para))
            latin_reported = True
        else:
            latin_reported = False
        letter_of = point_letter(para)
        if not letter_of:
            if SECTION.match(f"{para.label} {para.plain}"):
                previous = ""  # a new section: its points start again at a)
            continue
        shown = quote(f"{para.label} {para.plain}" if para.label else para.plain)
        if letter_of not in POINT_LETTERS:
            found.append(
                finding(
                    "ND30-12",
                    "II.6.đ: điểm đánh thứ tự bằng chữ cái tiếng Việt",
                    ELEMENT,
                    f"điểm “{letter_of})”, không có trong bảng chữ cái tiếng Việt: {shown}",
                    f"Đánh điểm theo thứ tự {ALPHABET} (không dùng f, j, w, z)",
                )
            )
        elif previous == "d" and letter_of != "đ" and letter_of != "a":
            found.append(
                finding(
                    "ND30-12",
                    "II.6.đ: điểm đánh thứ tự bằng chữ cái tiếng Việt",
                    ELEMENT,
                    f"sau điểm “d)” là “{letter_of})”: {shown}",
                    "Điểm sau “d)” là “đ)”, rồi “e)”, “g)”",
                )
            )
        previous = letter_of
    return found


def latin(para: Paragraph) -> Finding:
    return finding(
        "ND30-12",
        "II.6.đ: điểm đánh thứ tự bằng chữ cái tiếng Việt",
        ELEMENT,
        f"danh sách đánh số tự động kiểu chữ cái Latinh (a, b, c, d, e, f): {quote(para.plain)}",
        "Word không có kiểu đánh số “đ)”: gõ nhãn điểm a) b) c) d) đ) e) g) thành chữ,"
        " hoặc tạo lại văn bản bằng dispatch-gen",
    )
