"""A second look (cảnh báo): what deserves a warning but does not stop the letter.

Stated figures that do not match the data, deadlines on a weekend or holiday, and place names
that no longer exist after the 1 July 2025 reorganisation.
"""

from __future__ import annotations

from typing import Any

import jinja2

from dispatch_gen import templating
from dispatch_gen.blocks import Block, Letter, ListBlock, Paragraph, Table
from dispatch_gen.deadlines import check_deadline
from dispatch_gen.errors import InputError, Location, Notice
from dispatch_gen.mentions import RECIPIENT, check_mentions
from dispatch_gen.model import Dispatch
from dispatch_gen.places import check_places
from dispatch_gen.stats import check_stated


def block_text(blocks: tuple[Block, ...]) -> list[str]:
    """The words of body blocks, one string per paragraph or table row."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                lines += block_text(item.blocks)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                lines.append(" | ".join("".join(s.text for s in cell) for cell in row))
    return lines


def _stated(dispatch: Dispatch) -> list[Notice]:
    env = templating.environment()
    context: dict[str, Any] = {
        "figures": dispatch.figures,
        "tables": dispatch.tables,
        "refs": dispatch.references,
        "references": dispatch.references,
        "ratio": env.globals["ratio"],
    }
    notices = []
    for check in dispatch.checks:
        try:
            value = env.compile_expression(check.computed)(**context)
        except (jinja2.TemplateError, ArithmeticError, TypeError) as exc:
            raise InputError(
                f"không tính được “{check.computed}”: {exc}",
                "viết biểu thức từ figures/tables, ví dụ “ratio(figures.a, figures.b)”",
                check.where,
            ) from None
        notice = check_stated(check.stated, value, check.where)
        if notice:
            notices.append(notice)
    return notices


def advise(dispatch: Dispatch, letter: Letter) -> list[Notice]:
    """Every warning for a composed letter, in the order a clerk would read them."""
    issued = dispatch.issued.complete
    notices = _stated(dispatch)
    for deadline in dispatch.deadlines.values():
        notices += check_deadline(deadline, issued)
    dated = issued or (dispatch.issued.earliest if dispatch.issued.month else None)
    notices += check_mentions(dispatch.mentions, dated)
    # recipients given elsewhere than the letter's lines (a batch row's) are checked as text
    located = [m.text for m in dispatch.mentions if m.what == RECIPIENT]
    others = [r for r in dispatch.recipients if not any(r in text for text in located)]
    text = "\n".join((*others, *block_text(letter.body)))
    notices += check_places(text, dated, Location(dispatch.source))
    return notices
