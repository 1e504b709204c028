"""Step 2 of import, the body: paragraphs, lists and tables read off the page → body markup.

Owns writing the light Markdown a clerk would type (see `markup`): `**đậm**`, `*nghiêng*`,
`<https://…>` links, `-` and `1.` lists, pipe tables; the duty list (`duties:` with `to:`, the
text and sub-items). Text is escaped only where the markup parser (or Jinja, which reads the
body first) would take it for markup, and every paragraph is parsed back to prove it prints the
same words in the same bold and italic; a paragraph that does not is escaped in full.
"""

from __future__ import annotations

import re
from typing import Any

from dispatch_gen import markup
from dispatch_gen.blocks import Paragraph
from dispatch_gen.importer.reading import BodyParagraph, BodyTable, Span
from dispatch_gen.templating import escape_markdown

URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;:)\]]")
NUMBERED = re.compile(r"^(\d{1,3})\.$")
DASH_LABELS = ("-", "–", "•")
LETTERED = re.compile(r"^[a-zđ]\)$")
# Inline characters the parser (or Jinja) could read as markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<{}|])|&(?=#?\w+;)")
# A paragraph opening that would start another block: heading, quote, list, rule, fence.
_OPENING = re.compile(r"^([#>=~+\-]|\d{1,9}[.)](?=\s|$))")
Block = BodyParagraph | BodyTable


def _escape(text: str) -> str:
    """Backslash only what could be read as markup; URLs become autolinks."""
    out, at = [], 0
    for match in URL.finditer(text):
        out.append(_INLINE.sub(lambda m: "\\" + m[0], text[at : match.start()]))
        out.append(f"<{match[0]}>")
        at = match.end()
    out.append(_INLINE.sub(lambda m: "\\" + m[0], text[at:]))
    return "".join(out)


def _mark(spans: tuple[Span, ...], escape: Any) -> str:
    """Spans with `**`/`*` around bold and italic, spaces kept outside the markers."""
    out = []
    for span in spans:
        if span.raw:
            out.append(span.text)
            continue
        core = span.text.strip()
        if not core:
            out.append(span.text)
            continue
        lead = span.text[: len(span.text) - len(span.text.lstrip())]
        trail = span.text[len(span.text.rstrip()) :]
        marker = ("**" if span.bold else "") + ("*" if span.italic else "")
        out.append(f"{lead}{marker}{escape(core)}{marker[::-1]}{trail}")
    text = " ".join("".join(out).split())
    if _OPENING.match(text):
        text = "\\" + text
    return text


def _shown(spans: tuple[Any, ...]) -> list[tuple[str, bool, bool]]:
    """What a reader sees: the words, each with its bold and italic."""
    return [
        (word, s.bold, s.italic)
        for s in spans
        if not getattr(s, "raw", False)
        for word in s.text.split()
    ]


def inline(spans: tuple[Span, ...]) -> str:
    """A paragraph as markup that parses back to the same words and formatting."""
    notes = "".join(f"\n\n{s.text}: x" for s in spans if s.raw)  # so the marks parse as marks
    for escape in (_escape, escape_markdown):
        text = _mark(spans, escape)
        parsed = markup.parse(text + notes)
        if (
            len(parsed) == 1
            and isinstance(parsed[0], Paragraph)
            and _shown(parsed[0].spans) == _shown(spans)
        ):
            return text
    return " ".join("".join(s.text if s.raw else escape_markdown(s.text) for s in spans).split())


def _table(table: BodyTable) -> str:
    def cell(text: str, bold: bool) -> str:
        text = escape_markdown(text) if text else ""
        return f"**{text}**" if bold and text else text

    marks = {"left": ":--", "center": ":-:", "right": "--:"}
    lines = []
    for number, row in enumerate(table.rows):
        bold = number in table.bold_rows and number > 0
        lines.append("| " + " | ".join(cell(c, bold) for c in row) + " |")
        if number == 0:
            lines.append("| " + " | ".join(marks.get(a, ":--") for a in table.align) + " |")
    return "\n".join(lines)


def body_markup(blocks: list[Block]) -> str:
    """Body blocks as markup, one block a paragraph apart, each label as it prints: `1.` and
    `a)` … `đ)` start points, `-` and `+` dashes, `1.1.`, `(i)`, `I.` are typed as they print."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, BodyTable):
            parts.append(_table(block))
            continue
        text = inline(block.spans)
        label = block.label
        if label in DASH_LABELS:
            label = "-"
        parts.append(f"{label} {text}" if label else text)
    return "\n\n".join(parts)


def split_duties(body: list[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """The body before the duty list, the duty list, the body after it. The duty list is the
    one run of numbered paragraphs ("1.", "2." …) with the paragraphs and one kind of sub-item
    (dashes or points) between them, ending at the first plain paragraph after its last
    number. A body numbered in several places, or deeper, keeps its structure as body text."""
    numbered = [
        i for i, b in enumerate(body) if isinstance(b, BodyParagraph) and NUMBERED.match(b.label)
    ]
    if not numbered:
        return body, [], []
    start, end = numbered[0], numbered[-1] + 1
    while end < len(body) and isinstance(body[end], BodyParagraph) and body[end].label:
        end += 1
    run = body[start:end]
    if any(isinstance(b, BodyTable) for b in run):
        return body, [], []
    numbers = [int(NUMBERED.match(body[i].label)[1]) for i in numbered]  # type: ignore[index, union-attr]
    subs = {
        "a)" if LETTERED.match(b.label) else b.label
        for b in run
        if isinstance(b, BodyParagraph) and b.label and not NUMBERED.match(b.label)
    }
    if numbers != sorted(set(numbers)) or len(subs) > 1 or subs - {"a)", *DASH_LABELS}:
        return body, [], []
    return body[:start], run, body[end:]


def duty_fields(blocks: list[Block]) -> tuple[list[dict[str, Any]], str, str]:
    """`duties:` entries from the duty list; the list style; a doubt, if any."""
    duties: list[dict[str, Any]] = []
    texts: list[list[str]] = []
    expected = 1
    for block in blocks:
        assert isinstance(block, BodyParagraph)
        if (number := NUMBERED.match(block.label)) is not None:
            duty: dict[str, Any] = {}
            spans = block.spans
            first = spans[0].text.strip() if spans else ""
            if spans and spans[0].bold and first.endswith(":") and len(spans) > 1:
                duty["to"] = first[:-1].strip()
                spans = spans[1:]
            if int(number[1]) != expected:
                duty["number"] = int(number[1])
            expected = int(number[1]) + 1
            duties.append(duty)
            texts.append([inline(spans)])
        elif block.label:
            duty = duties[-1]
            duty.setdefault("items", []).append(inline(block.spans))
            if LETTERED.match(block.label):
                duty["item_style"] = "a)"
        else:
            texts[-1].append(inline(block.spans))
    for duty, text in zip(duties, texts, strict=True):
        items = duty.pop("items", None)
        style = duty.pop("item_style", None)
        duty["text"] = "\n\n".join(text)
        if items:
            duty["items"] = items
        if style:
            duty["item_style"] = style
    unsure = ""
    if not any("to" in d for d in duties):
        unsure = "danh sách đánh số cuối phần nội dung được đọc là các nhiệm vụ; xem lại"
    return duties, "1.", unsure
