"""Body markup → blocks: the light Markdown a clerk writes (via markdown-it-py, CommonMark).

`**đậm**`, `*nghiêng*`, `<https://…>` links, `1.` numbered lists (`1)` gives `a)` sub-items),
`-` dash lists, pipe tables, `---` for a page break. Indented code blocks and raw HTML are off:
a clerk's indentation is never code, and `<TN&MT>` is text.
"""

from __future__ import annotations

from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dispatch_gen.blocks import (
    Align,
    Block,
    ListBlock,
    ListItem,
    ListKind,
    PageBreak,
    Paragraph,
    Span,
    Table,
)

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table").disable("code")


def _spans(inline: Token) -> tuple[Span, ...]:
    spans: list[Span] = []
    bold = italic = 0
    link = ""
    for tok in inline.children or ():
        kind = tok.type
        if kind in ("text", "code_inline"):
            spans.append(Span(tok.content, bold > 0, italic > 0, link))
        elif kind == "softbreak":
            spans.append(Span(" ", bold > 0, italic > 0, link))
        elif kind == "hardbreak":
            spans.append(Span("", newline=True))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link = str(tok.attrGet("href") or "")
        elif kind == "link_close":
            link = ""
        elif kind == "image":
            spans.append(Span(tok.content))
    return _merge(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of one format, so each becomes one run."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last
            and not span.newline
            and not last.newline
            and (last.bold, last.italic, last.link) == (span.bold, span.italic, span.link)
        ):
            merged[-1] = Span(last.text + span.text, span.bold, span.italic, span.link)
        elif span.text or span.newline:
            merged.append(span)
    return tuple(merged)


def _align(tok: Token) -> Align:
    style = str(tok.attrGet("style") or "")
    for value in ("center", "right", "left"):
        if value in style:
            return value  # type: ignore[return-value]
    return "left"


class _Reader:
    """Walks markdown-it's flat token stream, building nested blocks."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _next(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def blocks(self, until: str = "") -> Iterator[Block]:
        while self.pos < len(self.tokens):
            tok = self._next()
            if tok.type == until:
                return
            if tok.type in ("paragraph_open", "heading_open"):
                inline = self._next()
                self._next()
                yield Paragraph(_spans(inline), heading=tok.type == "heading_open")
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                yield from self._lists(tok)
            elif tok.type == "table_open":
                yield self._table()
            elif tok.type == "hr":
                yield PageBreak()
            elif tok.type in ("fence", "code_block"):
                yield from (Paragraph((Span(line),)) for line in tok.content.splitlines() if line)

    def _lists(self, opening: Token) -> Iterator[ListBlock]:
        """One list, split where the typed numbers jump (`3.` then `6.`): CommonMark would
        renumber them, but a letter that continues at 6 means 6."""
        kind: ListKind = "dash"
        if opening.type == "ordered_list_open":
            kind = "letter" if opening.markup == ")" else "decimal"
        close = opening.type.replace("_open", "_close")
        runs: list[tuple[int, list[ListItem]]] = []
        expected = None
        while (tok := self._next()).type != close:
            if tok.type == "list_item_open":
                number = int(tok.info) if tok.info.isdigit() else (expected or 1)
                if number != expected:
                    runs.append((number, []))
                runs[-1][1].append(ListItem(tuple(self.blocks(until="list_item_close"))))
                expected = number + 1
        for start, items in runs:
            bold = all(_starts_bold(item) for item in items) and kind != "dash"
            yield ListBlock(kind, tuple(items), start, bold_numbers=bold)

    def _table(self) -> Table:
        header: list[tuple[Span, ...]] = []
        rows: list[tuple[tuple[Span, ...], ...]] = []
        align: list[Align] = []
        row: list[tuple[Span, ...]] = []
        while (tok := self._next()).type != "table_close":
            if tok.type in ("th_open", "td_open"):
                if tok.type == "th_open":
                    align.append(_align(tok))
                row.append(_spans(self._next()))
            elif tok.type == "tr_close":
                if header:
                    rows.append(tuple(row))
                else:
                    header = row
                row = []
        return Table(tuple(header), tuple(rows), tuple(align))


def _starts_bold(item: ListItem) -> bool:
    first = item.blocks[0] if item.blocks else None
    return isinstance(first, Paragraph) and bool(first.spans) and first.spans[0].bold


def parse(text: str) -> tuple[Block, ...]:
    """Markup → blocks."""
    return tuple(_Reader(_PARSER.parse(text)).blocks())
