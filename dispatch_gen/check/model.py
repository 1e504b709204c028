"""The read document as the checks see it: paragraphs with resolved formatting and their place,
pieces of text between tabs and line breaks, page sections.

Plain data plus the few measures every rule needs (text as displayed, paragraph width between
indents, where the first line starts). Built by `reader`; nothing here touches XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dispatch_gen.check.styles import ParaProps, RunProps
from dispatch_gen.vietnamese import nfc

BREAKS = re.compile(r"([\t\n])")  # a tab or a line break ends a piece of text


def is_upper(text: str) -> bool:
    """Has letters and no lower-case letter."""
    return any(ch.isalpha() for ch in text) and text == text.upper()


@dataclass
class Run:
    """A stretch of text with one resolved formatting."""

    text: str
    props: RunProps


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table: table number, row, grid column, usable width (twips)."""

    table: int
    row: int
    column: int
    width: int


class Texted:
    """Something made of runs: its text as written, and `plain` (NFC, whitespace collapsed),
    which is what matching compares. Both are worked out once: the runs are fixed once read
    (`reader` sets a paragraph's runs before anything asks for its text)."""

    runs: list[Run]

    @property
    def text(self) -> str:
        found = self.__dict__.get("_text")
        if found is None:
            found = self.__dict__["_text"] = "".join([r.text for r in self.runs])
        return found

    def adopt_texts(self, same: Texted) -> None:
        """Take the texts `same`, made of the same runs, has already worked out."""
        for name in ("_text", "_plain"):
            if name in same.__dict__:
                self.__dict__[name] = same.__dict__[name]

    @property
    def plain(self) -> str:
        found = self.__dict__.get("_plain")
        if found is None:
            found = self.__dict__["_plain"] = " ".join(nfc(self.text).split())
        return found


@dataclass
class Piece(Texted):
    """Text between tabs and line breaks of one paragraph: the unit elements are found by."""

    paragraph: Paragraph
    runs: list[Run]
    line: int
    alone: bool  # the only text on its line (so the paragraph's alignment applies to it)

    @property
    def shown(self) -> str:
        """As displayed: runs with w:caps are upper case on screen."""
        found = self.__dict__.get("_shown")
        if found is None:
            text = "".join([r.text.upper() if r.props.caps else r.text for r in self.runs])
            found = self.__dict__["_shown"] = " ".join(nfc(text).split())
        return found

    @property
    def inked(self) -> list[Run]:
        """Runs that put ink on the page."""
        return [r for r in self.runs if r.text.strip()]

    @property
    def bold(self) -> bool:
        return all(r.props.bold for r in self.inked)

    @property
    def any_bold(self) -> bool:
        return any(r.props.bold for r in self.inked)

    @property
    def italic(self) -> bool:
        return all(r.props.italic for r in self.inked)

    @property
    def any_italic(self) -> bool:
        return any(r.props.italic for r in self.inked)

    @property
    def underlined(self) -> bool:
        return bool(self.inked) and all(r.props.underline for r in self.inked)

    @property
    def upper(self) -> bool:
        return is_upper(self.shown)

    @property
    def centred(self) -> bool | None:
        """Whether it is centred; None when tabs place it (alignment then says nothing)."""
        return self.paragraph.props.align == "center" if self.alone else None


@dataclass
class Paragraph(Texted):
    """One w:p with resolved formatting, its place and what is drawn in it."""

    index: int
    story: str  # body, textbox, header, footer
    part: str
    props: ParaProps
    runs: list[Run]
    cell: Cell | None
    box_width: int  # twips between the cell's (or page's) margins, before indents
    shapes: list[float] = field(default_factory=list)  # lengths (pt) of drawn lines anchored here
    page_field_runs: list[Run] | None = None
    label: str = ""  # the list number Word draws before it ("a)", "1."), "" if none
    label_format: str = ""  # that number's w:numFmt (decimal, lowerLetter, bullet …)

    @property
    def width_pt(self) -> float:
        """Width between the paragraph's indents: the length of its border lines."""
        return (self.box_width - self.props.left - self.props.right) / 20

    def first_line_start(self, size_pt: float) -> int:
        """Where the first line starts, twips from the text edge (number included)."""
        first = self.props.first_line
        if self.props.first_line_chars is not None:
            first = round(self.props.first_line_chars / 100 * size_pt * 20)
        return self.props.left + first

    def container(self) -> tuple[str, str, Cell | None]:
        """Paragraphs with the same container follow each other on the page."""
        return self.story, self.part, self.cell

    def pieces(self) -> list[Piece]:
        runs = self.runs
        text = self.text  # the runs' texts joined: a run has a tab or ink iff the text has
        if "\t" not in text and "\n" not in text:  # one piece, or none
            if not text or text.isspace():
                return []
            piece = Piece(self, list(runs), 0, alone=True)
            self.plain  # noqa: B018 - worked out once for the paragraph and its one piece
            piece.adopt_texts(self)  # the piece is the whole paragraph: the same texts
            return [piece]
        lines: list[list[list[Run]]] = [[[]]]
        for run in runs:
            for chunk in BREAKS.split(run.text):
                if chunk == "\n":
                    lines.append([[]])
                elif chunk == "\t":
                    lines[-1].append([])
                elif chunk:
                    lines[-1][-1].append(replace(run, text=chunk))
        found: list[Piece] = []
        for number, segments in enumerate(lines):
            inked = [s for s in segments if any(r.text.strip() for r in s)]
            for segment in inked:
                found.append(Piece(self, segment, number, alone=len(inked) == 1))
        return found


@dataclass(frozen=True)
class Section:
    """Page setup of one w:sectPr (twips)."""

    width: int
    height: int
    orient: str
    top: int
    bottom: int
    left: int
    right: int
    title_page: bool
    headers: dict[str, str]  # type (default, first, even) → part name
    footers: dict[str, str]

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


@dataclass
class Document:
    """A read .docx: the main story, header/footer parts and page sections."""

    paragraphs: list[Paragraph]
    parts: dict[str, list[Paragraph]]
    sections: list[Section]
    even_and_odd_headers: bool

    def pieces(self) -> list[Piece]:
        """Pieces of the main story (body, tables, text boxes) in reading order."""
        return [piece for p in self.paragraphs for piece in p.pieces()]

    def alongside(self, para: Paragraph) -> list[Paragraph]:
        """The main story's paragraphs in `para`'s container, in order (grouped once)."""
        groups = self.__dict__.get("_groups")
        if groups is None:
            groups = self.__dict__["_groups"] = {}
            for q in self.paragraphs:
                groups.setdefault(q.container(), []).append(q)
        return groups.get(para.container(), [])

    def everything(self) -> list[Paragraph]:
        return self.paragraphs + [p for part in self.parts.values() for p in part]
