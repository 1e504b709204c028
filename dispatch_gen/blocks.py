"""The small document tree between compose and the writers (like pandoc's AST, much smaller).

`Letter` holds the fixed parts Decree 30 shapes (header, Kính gửi, closing) as plain strings, and
the body as blocks: paragraphs of spans, lists, tables. Writers only lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from dispatch_gen.docx.layout import DEFAULT_STYLE, HouseStyle


class Span(NamedTuple):
    """A run of text with one formatting; `link` makes it a hyperlink, `newline` a line break,
    `note` a footnote reference (chú thích) whose text is these paragraphs. A named tuple, not a
    dataclass: the writers' caches key on runs of spans, and a tuple is made and hashed in C."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    newline: bool = False
    note: tuple[Paragraph, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent, or `heading` (bold, no justify)."""

    spans: tuple[Span, ...]
    heading: bool = False

    @property
    def text(self) -> str:
        return "".join("\n" if s.newline else s.text for s in self.spans)


ListKind = Literal["decimal", "letter", "dash", "plus"]


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item: its first paragraph carries the number, later blocks continue it."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A numbered (`1.`), lettered (`a)`, Vietnamese alphabet: … d) đ) e) g) …), dash (`-`) or
    plus (`+`) list; numbering restarts at `start`."""

    kind: ListKind
    items: tuple[ListItem, ...]
    start: int = 1
    bold_numbers: bool = False


Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row (repeated on each page); a last row marked `total` is bold."""

    header: tuple[tuple[Span, ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    align: tuple[Align, ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start the next block on a new page."""


Block = Paragraph | ListBlock | Table | PageBreak


@dataclass(frozen=True, slots=True)
class Appendix:
    """A Phụ lục: starts a new page with its own page numbers; `label` is "Phụ lục" or
    "Phụ lục II", `note` the "(Kèm theo Công văn số … ngày …)" line."""

    label: str
    title: str
    note: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Letter:
    """A composed công văn: every printed string decided, nothing laid out yet."""

    parent: tuple[str, ...]
    agency: tuple[str, ...]
    number_line: str
    date_line: str
    subject: str
    recipients: tuple[str, ...]
    body: tuple[Block, ...]
    distribution: tuple[str, ...]
    authority: tuple[str, ...]
    signer: str
    urgency: str = ""
    title: str = ""
    author: str = ""
    issued: date | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
    appendices: tuple[Appendix, ...] = ()
    kind: str = ""  # tên loại, upper case (THÔNG BÁO); "" for a công văn, which has the V/v
    summary: str = ""  # trích yếu of a named type, printed bold under its name
    secrecy: str = ""  # ô 10a
    circulation: str = ""  # ô 11
    typist_line: str = ""  # ô 12
    closing_line: str = ""  # a free line under Nơi nhận
    contact: tuple[str, ...] = ()  # ô 13, page 1 only
    decided_by: str = ""  # Quyết định: the issuing authority, UPPER, under the summary
    grounds: tuple[str, ...] = ()  # Quyết định: the Căn cứ lines with their ";" and "."
    style: HouseStyle = DEFAULT_STYLE  # the office's choices where Decree 30 leaves them open
