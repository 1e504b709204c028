"""Finds and measures the rules (đường kẻ) under the Tiêu ngữ and under the agency name.

What counts as the rule under a text, tried in this order:
1. a bottom border of the text's own paragraph (the text on its last line);
2. the text itself underlined (measured as the text; ND30-16 warns about it);
3. in the next one or two paragraphs of the same cell (empty or rule-only ones): a top or bottom
   border, a paragraph of underscores, or a drawn line anchored there;
4. a drawn line anchored in the text's paragraph or anywhere in the same table cell;
5. any drawn line in the header area whose length fits the expected fraction.
A border is measured exactly: its paragraph's width is the cell's (or page's) usable width minus
the paragraph's indents. Underscores are measured with the Times New Roman metrics. A drawn line
(DrawingML or VML) is measured by its extent; its position is not read, so steps 4–5 accept it
wherever it is anchored and `catalog.RULE_TOLERANCE` gives it a wide margin.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dispatch_gen.check.elements import RULE_TEXT
from dispatch_gen.check.model import Document, Paragraph, Piece, Run
from dispatch_gen.docx.metrics import text_width_pt

FOLLOWING = 2  # paragraphs after the text that may carry its rule


@dataclass(frozen=True)
class Stroke:
    """A rule found under a text."""

    kind: str  # border, underline, underscores, shape
    length: float  # pt
    off_centre: float  # pt between the rule's centre and the text's (0 when unknown)


def runs_width(runs: list[Run]) -> float:
    """Printed width (pt) of runs, leading and trailing blanks left out."""
    parts = [
        (unicodedata.normalize("NFC", r.text.upper() if r.props.caps else r.text), r.props)
        for r in runs
    ]
    if parts:
        parts[0] = (parts[0][0].lstrip(), parts[0][1])
        parts[-1] = (parts[-1][0].rstrip(), parts[-1][1])
    return sum(text_width_pt(text, props.size, props.bold) for text, props in parts)


def text_width(pieces: list[Piece]) -> float:
    """Width (pt) of the widest line among the pieces."""
    return max((runs_width(p.runs) for p in pieces), default=0.0)


def border(rule: Paragraph, text: Paragraph) -> Stroke:
    shift = (rule.props.left - rule.props.right) - (text.props.left - text.props.right)
    return Stroke("border", rule.width_pt, abs(shift) / 40)


def find_stroke(
    pieces: list[Piece], doc: Document, head_end: int, expected: tuple[float, float]
) -> Stroke | None:
    """The rule under the last of `pieces`, or None. `expected` is the (low, high) fraction of the
    text width the rule should have; it only picks among drawn lines that are not clearly placed."""
    last = pieces[-1]
    para = last.paragraph
    width = text_width(pieces)
    last_line = max((p.line for p in para.pieces()), default=0)
    if "bottom" in para.props.borders and last.line == last_line:
        return Stroke("border", para.width_pt, 0.0)
    if last.underlined:
        return Stroke("underline", runs_width(last.runs), 0.0)
    same = doc.alongside(para)
    following = [q for q in same if q.index > para.index][:FOLLOWING]
    for rule in following:
        if rule.plain and not RULE_TEXT.match(rule.plain):
            break
        if {"top", "bottom"} & rule.props.borders:
            return border(rule, para)
        if RULE_TEXT.match(rule.plain):
            return Stroke("underscores", runs_width([r for r in rule.runs if "_" in r.text]), 0.0)
        if rule.shapes:
            return Stroke("shape", best(rule.shapes, width, expected), 0.0)
    nearby = para.shapes
    if not nearby and para.cell is not None:
        nearby = [s for q in same for s in q.shapes]
    if nearby:
        return Stroke("shape", best(nearby, width, expected), 0.0)
    header = [s for q in doc.paragraphs if q.index <= head_end for s in q.shapes]
    if header and width:
        length = best(header, width, expected)
        low, high = expected
        if low * 0.6 <= length / width <= high * 1.4:
            return Stroke("shape", length, 0.0)
    return None


def best(lengths: list[float], width: float, expected: tuple[float, float]) -> float:
    """The length closest to the middle of the expected range."""
    target = width * sum(expected) / 2
    return min(lengths, key=lambda length: abs(length - target))
