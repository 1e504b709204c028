"""Checks of a Quyết định's own parts (Mẫu 1.1-1.3, PL III): “QUYẾT ĐỊNH:” on its own line
between the Căn cứ lines and Điều 1, bold and centred (ND30-10); each “Điều N.” bold (ND30-12,
PL I, II.6); the Căn cứ lines italic (a warning: Word users often leave them upright). A letter
whose type line is not QUYẾT ĐỊNH has none of these parts, and none is looked for."""

from __future__ import annotations

import re

from dispatch_gen.check import catalog
from dispatch_gen.check.elements import Letter, key
from dispatch_gen.check.finding import WARNING, Finding, finding, looks, missing, quote
from dispatch_gen.check.model import Document, Paragraph
from dispatch_gen.doctypes import DECISION

ELEMENT = "Quyết định"
ENACTING = "quyết định:"
ARTICLE = re.compile(r"^Điều\s+\d+\s*\.")
GROUND = re.compile(r"^(Căn cứ|Theo đề nghị|Xét đề nghị)\b")


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-10 and ND30-12 for a Quyết định."""
    if letter.kind_name != DECISION:
        return []
    enacting = next((p for p in letter.body if key(p.plain) == ENACTING), None)
    found: list[Finding] = []
    if enacting is None:
        found += missing(
            "ND30-10",
            ELEMENT,
            "dòng “QUYẾT ĐỊNH:” trước Điều 1",
            "Thêm dòng “QUYẾT ĐỊNH:” (in hoa, đậm, canh giữa) giữa các căn cứ và Điều 1",
        )
        start = -1
    else:
        start = enacting.index
        found += looks("ND30-10", ELEMENT, enacting.pieces()[0], catalog.SIZE_KIND, bold=True)
    articles = [p for p in letter.body if p.index > start and ARTICLE.match(p.plain)]
    plain = [p for p in articles if not heading_bold(p)]
    if plain:
        found.append(
            finding(
                "ND30-12",
                "từ “Điều” và số thứ tự của điều: chữ đứng, đậm",
                ELEMENT,
                f"{len(plain)} điều không đậm, ví dụ {quote(plain[0].plain)}",
                "Đặt chữ đậm cho “Điều 1.”, “Điều 2.” …",
            )
        )
    # the Căn cứ lines stand above “QUYẾT ĐỊNH:” (or above Điều 1 when that line is missing)
    end = start if enacting else min((p.index for p in articles), default=-1)
    upright = [
        p
        for p in letter.body
        if p.index < end and GROUND.match(p.plain) and not all(x.italic for x in p.pieces())
    ]
    if upright:
        found.append(
            finding(
                "ND30-12",
                "căn cứ ban hành: chữ in thường, nghiêng",
                ELEMENT,
                f"{len(upright)} dòng căn cứ không nghiêng, ví dụ {quote(upright[0].plain)}",
                "Đặt chữ nghiêng cho các dòng “Căn cứ …”, “Theo đề nghị của …”",
                WARNING,
            )
        )
    return found


def heading_bold(para: Paragraph) -> bool:
    """Whether every inked character of the paragraph's “Điều N.” is bold."""
    match = ARTICLE.match(para.plain)
    wanted = len(match[0]) if match else 0
    seen = 0
    for run in para.runs:
        text = run.text
        if seen >= wanted:
            break
        part = text[: wanted - seen]
        if part.strip() and not run.props.bold:
            return False
        seen += len(text)
    return True
