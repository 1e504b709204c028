"""The read document as the checks see it: paragraphs with resolved formatting and their place,
pieces of text between tabs and line breaks, page sections.

Plain data plus the few measures every rule needs (text as displayed, paragraph width between
indents, where the first line starts). Built by `reader`; nothing here touches XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from dispatch_gen.check.styles import ParaProps, RunProps
from dispatch_gen.vietnamese import nfc

BREAKS = re.compile(r"([\t\n])")  # a tab or a line break ends a piece of text
T = TypeVar("T")


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


class kept:  # noqa: N801 - used as a decorator, like `property`
    """A value worked out from the runs on first use, then kept as a plain attribute of the
    instance (which Python then finds before this descriptor): the runs are fixed once read
    (`reader` sets a paragraph's runs before anything asks for its text). An instance with a
    `_shared` dict (a piece cut as pieces read from the same markup were) takes the value from
    there, and leaves it there for them."""

    def __init__(self, work: Callable[[Any], Any]) -> None:
        self.work = work
        self.__doc__ = work.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        mine = instance.__dict__
        shared = mine.get("_shared")
        if shared is None:
            found = mine[self.name] = self.work(instance)
        elif self.name in shared:
            found = mine[self.name] = shared[self.name]
        else:
            found = mine[self.name] = shared[self.name] = self.work(instance)
        return found


class Texted:
    """Something made of runs: its text as written, and `plain` (NFC, whitespace collapsed),
    which is what matching compares, both worked out once."""

    runs: list[Run]

    @kept
    def text(self) -> str:
        return "".join([r.text for r in self.runs])

    @kept
    def plain(self) -> str:
        return " ".join(nfc(self.text).split())

    def adopt_texts(self, same: Paragraph) -> None:
        """Take what `same`, read from the same markup (the same runs and formatting), has
        worked out: its texts, and share what is worked out once per markup (`worked_out`,
        `Paragraph.pieces`). Nothing shared refers to a paragraph or a piece: a letter's
        paragraphs make no reference cycle, and go as soon as the letter is checked."""
        mine, theirs = self.__dict__, same.__dict__
        if "text" in theirs:
            mine["text"] = theirs["text"]
            if "plain" in theirs:
                mine["plain"] = theirs["plain"]
        mine["_facts"] = same.facts()


@dataclass
class Piece(Texted):
    """Text between tabs and line breaks of one paragraph: the unit elements are found by.
    What it works out from its runs (and its paragraph's alignment, which comes with the runs
    from the same markup) is kept, and shared with the pieces of the paragraphs read from the
    same markup (`Paragraph.pieces`)."""

    paragraph: Paragraph
    runs: list[Run]
    line: int
    alone: bool  # the only text on its line (so the paragraph's alignment applies to it)

    @kept
    def shown(self) -> str:
        """As displayed: runs with w:caps are upper case on screen."""
        text = "".join([r.text.upper() if r.props.caps else r.text for r in self.runs])
        return " ".join(nfc(text).split())

    @kept
    def inked(self) -> list[Run]:
        """Runs that put ink on the page."""
        return [r for r in self.runs if r.text.strip()]

    @kept
    def bold(self) -> bool:
        return all(r.props.bold for r in self.inked)

    @kept
    def any_bold(self) -> bool:
        return any(r.props.bold for r in self.inked)

    @kept
    def italic(self) -> bool:
        return all(r.props.italic for r in self.inked)

    @kept
    def any_italic(self) -> bool:
        return any(r.props.italic for r in self.inked)

    @kept
    def underlined(self) -> bool:
        return bool(self.inked) and all(r.props.underline for r in self.inked)

    @kept
    def upper(self) -> bool:
        return is_upper(self.shown)

    @kept
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

    def facts(self) -> dict[Any, Any]:
        """What is worked out once for all the paragraphs read from the same markup with the
        same formatting (`adopt_texts` shares it): `worked_out`'s results, the cut `pieces`."""
        facts = self.__dict__.get("_facts")
        if facts is None:
            facts = self.__dict__["_facts"] = {}
        return facts

    def worked_out(self, work: Callable[[Paragraph], T]) -> T:
        """`work(self)`, for a `work` that reads nothing but the paragraph's runs, texts and
        formatting (not its place, cell or width), done once per markup (`facts`)."""
        facts = self.facts()
        if work in facts:
            return facts[work]
        found = facts[work] = work(self)
        return found

    def pieces(self) -> list[Piece]:
        """Its pieces of text: cut once for the paragraphs read from the same markup, each
        piece's runs, line and what it works out shared by theirs (`kept`)."""
        facts = self.facts()
        cuts = facts.get("pieces")
        if cuts is None:
            cuts = facts["pieces"] = [(p.runs, p.line, p.alone, {**p.__dict__})
                                      for p in self.cut()]  # fmt: skip
            for *_, shared in cuts:
                del shared["paragraph"], shared["runs"], shared["line"], shared["alone"]
        found = []
        for runs, line, alone, shared in cuts:
            piece = Piece(self, runs, line, alone)
            piece._shared = shared
            found.append(piece)
        return found

    def cut(self) -> list[Piece]:
        runs = self.runs
        text = self.text  # the runs' texts joined: a run has a tab or ink iff the text has
        if "\t" not in text and "\n" not in text:  # one piece, or none
            if not text or text.isspace():
                return []
            piece = Piece(self, list(runs), 0, alone=True)
            piece.text, piece.plain = text, self.plain  # the whole paragraph: the same texts
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
