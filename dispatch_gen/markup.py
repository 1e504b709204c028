"""Body markup → blocks: the light Markdown a clerk writes (via markdown-it-py, CommonMark).

`**đậm**`, `*nghiêng*`, `<https://…>` links, `1.` numbered lists (`1)` gives the points `a)` …
`đ)` `e)` `g)`), `-` dash and `+` plus lists, pipe tables, footnotes (`[^1]` with `[^1]: text`, the
mdit-py-plugins footnote plugin), `---` for a page break. Indented code blocks and raw HTML are
off: a clerk's indentation is never code, and `<TN&MT>` is text.

Letters made from one template share most of their text, so `parse` cuts the markup into groups
of top-level blocks that parse alone exactly as in the whole text, and remembers each group's
blocks: a batch parses only the paragraphs that differ from letter to letter.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

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
from dispatch_gen.vietnamese import POINT_LETTERS

_PARSER = (
    MarkdownIt("commonmark", {"html": False}).enable("table").disable("code").use(footnote_plugin)
)
Notes = dict[int, tuple[Paragraph, ...]]


def _spans(inline: Token, notes: Notes | None = None) -> tuple[Span, ...]:
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
        elif kind == "footnote_ref" and notes is not None:
            spans.append(Span("", note=notes.get(tok.meta["id"], ())))
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
            and not span.note
            and not last.note
            and (last.bold, last.italic, last.link) == (span.bold, span.italic, span.link)
        ):
            merged[-1] = Span(last.text + span.text, span.bold, span.italic, span.link)
        elif span.text or span.newline or span.note:
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
        self.notes: Notes = {}
        ends = [i for i, tok in enumerate(tokens) if tok.type == "footnote_block_open"]
        if ends:  # the plugin puts every footnote's text at the end: read those first
            self.tokens = tokens[: ends[0]]
            notes = _Reader(tokens[ends[0] + 1 :])
            while notes.pos < len(notes.tokens):
                tok = notes._next()
                if tok.type == "footnote_open":
                    paras = notes.blocks(until="footnote_close")
                    self.notes[tok.meta["id"]] = tuple(b for b in paras if isinstance(b, Paragraph))

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
                yield Paragraph(_spans(inline, self.notes), heading=tok.type == "heading_open")
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
        kind: ListKind = "plus" if opening.markup == "+" else "dash"
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
            bold = all(_starts_bold(item) for item in items) and kind not in ("dash", "plus")
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
                row.append(_spans(self._next(), self.notes))
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


# Between groups: one or more blank lines (a line of only spaces or tabs is blank).
_GAP = re.compile(r"\n(?:[ \t]*\n)+")
# A line that starts a list item (`-`, `+`, `*`, `1.`, `1)`), up to three spaces in.
# A point typed with its letter (`đ) …`) is one too: `_typed_points` makes it `5) …` per group.
_ITEM_START = rf" {{0,3}}(?:[-+*]|\d{{1,9}}[.)]|[{POINT_LETTERS}]\)(?=[ \t]))(?:[ \t]|$)"
_LIST_ITEM = re.compile(_ITEM_START, re.MULTILINE)  # at a line's start
_LATER_LIST_ITEM = re.compile("\n" + _ITEM_START, re.MULTILINE)  # the engine skips to newlines
# What ties distant blocks together: a fence may hold blank lines, and a link reference
# definition (at any depth: in a quote, in a list item) serves the whole text. Text that may
# hold either is parsed whole.
_WHOLE = ("```", "~~~", "]:")


def _whole(text: str) -> bool:
    """Whether the text may hold a fence or a link reference definition. A search for one
    character is many times faster than for several: most text has no `, ~ or ] at all."""
    return any(mark[0] in text and mark in text for mark in _WHOLE)


def groups(text: str) -> list[str]:
    """The markup cut where a blank line is followed by an unindented line, except where that
    line starts a list item and the group before has one (the list may go on). An indented line
    may continue a list item; after a blank line nothing else continues a block."""
    if _whole(text):
        return [text]
    cuts = [0]
    for gap in _GAP.finditer(text):
        start = gap.end()
        if start == len(text) or text[start] in " \t":
            continue
        if _LIST_ITEM.match(text, start) and (
            _LIST_ITEM.match(text, cuts[-1], start)
            or _LATER_LIST_ITEM.search(text, cuts[-1], start)
        ):
            continue
        cuts.append(start)
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


# Most groups are a paragraph or a plain pipe table: those need no block parser. A paragraph is
# plain text once backslash escapes are taken out (or goes to the inline parser); a table's
# cells go to the same inline step. Any line that could start another block, and any doubt,
# sends the group to markdown-it whole; tests hold both ways to the same blocks.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # `\.` → `.`: ASCII punctuation only
_ESCAPED = operator.itemgetter(1)  # the escaped character (in C: a `\1` template is Python)
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<&|\n]")  # what only the inline parser reads right
# NUL, code spans, tabs and the other spaces (`\s` but a space or a newline): parse whole. One
# class, not `[\x00`]|[^\S \n]`: the regex engine scans for a class, where it would try the
# alternatives at every character.
_SPACES = "\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_ODD = re.compile(f"[\x00`{_SPACES}]")
# A line that could start another block: `_BLOCK_LINE` at the start, `_LATER_BLOCK_LINE` after a
# newline (a literal first character lets the engine skip to each newline).
_BLOCK_START = r" *(?:[#>\-+*=_~`|<\[:]|\d{1,9}[.)](?: |$))"
_BLOCK_LINE = re.compile(_BLOCK_START, re.MULTILINE)
_LATER_BLOCK_LINE = re.compile("\n" + _BLOCK_START, re.MULTILINE)
_BLANK_LINE = re.compile(r"\n *\n")
_DELIMITER_ROW = re.compile(r"\|(?: *:?-+:? *\|)+")
_ALIGNS: dict[tuple[bool, bool], Align] = {
    (True, True): "center",
    (False, True): "right",
    (True, False): "left",
    (False, False): "left",
}


@lru_cache(maxsize=4096)
def _inline(content: str) -> tuple[Span, ...]:
    """Inline markup → spans, as markdown-it reads a paragraph's or a cell's content."""
    escaped = "\\" in content  # most text has no backslash: no escapes to take out
    bare = _ESCAPE.sub("", content) if escaped else content
    if not _INLINE_MARKUP.search(bare):
        if not content:
            return ()
        return (Span(_ESCAPE.sub(_ESCAPED, content) if escaped else content),)
    strong = _strong_only(content)
    return strong if strong is not None else _spans(_PARSER.parseInline(content)[0])


# A paragraph whose only markup is `**bold**` (a deadline, a figure, a unit's name made bold in a
# template) is the commonest that varies from letter to letter. `_strong_only` reads it when each
# `**` can only open or only close (CommonMark's flanking rules leave no choice): an opener at the
# start or after a space, before a letter or digit; a closer after a letter or digit, before the
# end, a space or , . ; : ! ? ), or after punctuation, before the end or a space. Anything else
# goes to markdown-it; tests/test_speed.py holds the two to the same spans.
_PIECE = re.compile(r"\\[!-/:-@\[-`{-~]|\*+|[^\\*]+")
_CLOSE_AFTER = frozenset(",.;:!?)")


def _strong_only(content: str) -> tuple[Span, ...] | None:
    bare = _ESCAPE.sub("", content) if "\\" in content else content
    if _INLINE_MARKUP.search(bare.replace("*", "")):
        return None  # other markup, or a lone backslash
    pieces = _PIECE.findall(content)
    spans: list[Span] = []
    bold = False
    for at, piece in enumerate(pieces):
        if piece[0] != "*":
            spans.append(Span(_ESCAPE.sub(_ESCAPED, piece) if "\\" in piece else piece, bold))
            continue
        before = pieces[at - 1][-1] if at else ""
        after = pieces[at + 1][0] if at + 1 < len(pieces) else ""
        if at + 1 < len(pieces) and pieces[at + 1][0] == "\\":
            after = pieces[at + 1][1]  # an escaped character is punctuation
        closes = after in ("", " ") or (before.isalnum() and after in _CLOSE_AFTER)
        if piece == "**" and not bold and before in ("", " ") and after and not after.isspace():
            bold = True
        elif piece == "**" and bold and before and not before.isspace() and closes:
            bold = False
        else:
            return None
    return None if bold else _merge(spans)


def _paragraph(body: str) -> tuple[Block, ...] | None:
    if _BLOCK_LINE.match(body) or _LATER_BLOCK_LINE.search(body) or _BLANK_LINE.search(body):
        return None
    if "\n" in body and not _INLINE_MARKUP.search(_ESCAPE.sub("", body.replace("\n", " "))):
        if re.search(r" {2,}\n", body):
            return None  # a hard line break: the inline parser's
        body = " ".join(line.strip(" ") for line in body.split("\n"))
    return (Paragraph(_inline(body)),)


def _table(body: str) -> tuple[Block, ...] | None:
    """A pipe table whose every line is `| … |`, with no escaped pipe, one cell per column."""
    lines = [line.rstrip(" ") for line in body.split("\n")]
    if len(lines) < 2 or "\\|" in body or not _DELIMITER_ROW.fullmatch(lines[1]):
        return None
    if any(len(line) < 2 or line[0] != "|" or line[-1] != "|" for line in lines):
        return None
    marks = [c.strip(" ") for c in lines[1][1:-1].split("|")]
    align = tuple(_ALIGNS[m[0] == ":", m[-1] == ":"] for m in marks)
    rows = [line[1:-1].split("|") for line in (lines[0], *lines[2:])]
    if any(len(row) != len(align) for row in rows):
        return None
    cells = [tuple(_inline(c.strip(" ")) for c in row) for row in rows]
    return (Table(cells[0], tuple(cells[1:]), align),)


@lru_cache(maxsize=1024)
def _parse_group(text: str) -> tuple[Block, ...]:
    text = _typed_points(text)
    body = text.strip(" \n")
    simple = None
    if not body:
        simple = ()
    elif not _ODD.search(body) and "^[" not in body:  # an inline footnote needs the block parser
        simple = _table(body) if body[0] == "|" else _paragraph(body)
    return simple if simple is not None else tuple(_Reader(_PARSER.parse(text)).blocks())


# A point typed with its letter (`đ) …`, `e) …`), as a clerk copies it from a letter: the
# Vietnamese alphabet only, so `f)` stays text (and `check` flags it).
_TYPED_POINT = re.compile(rf"^([ \t]*)([{POINT_LETTERS}])\)(?=[ \t])", re.MULTILINE)
_POINT_CLOSE = re.compile(r"\)[ \t]")  # in every typed point: text without one has none


def _typed_points(text: str) -> str:
    """`đ) …` → `5) …`: markdown-it's ordered list, whose 5th item prints `đ)` again; a
    letter that skips (`d)` then `g)`) keeps its letters, as a jump in numbers does."""
    if not _POINT_CLOSE.search(text):
        return text
    return _TYPED_POINT.sub(lambda m: f"{m[1]}{POINT_LETTERS.index(m[2]) + 1})", text)


def parse(text: str) -> tuple[Block, ...]:
    """Markup → blocks (blocks are immutable, so a remembered group's blocks are shared)."""
    return tuple(block for group in groups(text) for block in _parse_group(group))
