"""Stage 3, write: a composed `Letter` → word/document.xml, laid out by Decree 30/2020.

Header and closing are borderless two-column tables (Mẫu 1.5); the rules under the agency and
the Tiêu ngữ are paragraph borders sized from the text's measured width. This module decides
layout and nothing else: every string comes from compose.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from dispatch_gen.blocks import (
    Appendix,
    Block,
    Letter,
    ListBlock,
    PageBreak,
    Paragraph,
    Span,
    Table,
)
from dispatch_gen.docx import layout as L
from dispatch_gen.docx.decision import decision_front
from dispatch_gen.docx.layout import HouseStyle
from dispatch_gen.docx.metrics import balanced_lines, text_width_pt
from dispatch_gen.docx.parts import (
    LIST_KINDS,
    R_NS,
    SECTION,
    SECTION_RESTART,
    W_NS,
    section,
    section_break,
)
from dispatch_gen.docx.tables import CELL_MARGIN, table_xml
from dispatch_gen.docx.wordml import layout_table, para, rule, run, twips
from dispatch_gen.vietnamese import point_label


class Closing(NamedTuple):
    """What the closing prints: Nơi nhận, the lines under it, the signature block."""

    distribution: tuple[str, ...]
    typist_line: str
    closing_line: str
    authority: tuple[str, ...]
    signer: str
    style: HouseStyle


def header(letter: Letter) -> str:
    """Ô 1-5 and 10b: agency | Quốc hiệu and Tiêu ngữ; Số | date; V/v (and urgency) | —."""
    left_w, right_w = L.HEADER_LEFT_WIDTH, L.HEADER_RIGHT_WIDTH
    number = para(run(letter.number_line, L.SIZE_NUMBER), "center", before=120)
    dated = para(run(letter.date_line, L.SIZE_DATE, italic=True), "center", before=120)
    marks = "".join(boxed(mark, left_w) for mark in (letter.secrecy, letter.urgency) if mark)
    if letter.circulation:
        marks += para(run(letter.circulation, L.SIZE_MARK, bold=True), "center", before=120)
    rows = [[agency_cell(letter.parent, letter.agency), national_cell()], [number, dated]]
    if letter.subject:
        subject = para(run(letter.subject, L.SIZE_SUBJECT), "center", before=L.SUBJECT_SPACE_BEFORE)
        rows.append([subject + marks, para("")])
    elif marks:
        rows.append([marks, para("")])
    title = title_block(letter.kind, letter.summary) if letter.kind else ""
    return layout_table(rows, (left_w, right_w), L.HEADER_INDENT) + title


@lru_cache(maxsize=64)
def agency_cell(parent: tuple[str, ...], agency: tuple[str, ...]) -> str:
    """Ô 2: the parent agency, the agency bold, a rule 1/3-1/2 the agency line's width under it
    (measured once per agency: a batch's letters share it)."""
    cell = "".join(para(run(line, L.SIZE_PARENT), "center") for line in parent)
    cell += "".join(para(run(line, L.SIZE_AGENCY, bold=True), "center") for line in agency)
    agency_width = max(text_width_pt(line, L.SIZE_AGENCY, bold=True) for line in agency)
    return cell + rule(twips(agency_width * L.AGENCY_RULE_FRACTION), L.HEADER_LEFT_WIDTH)


@lru_cache(maxsize=1)
def national_cell() -> str:
    """Ô 1: the Quốc hiệu and the Tiêu ngữ with its rule."""
    cell = para(run(L.NATIONAL_TITLE, L.SIZE_NATIONAL_TITLE, bold=True), "center")
    cell += para(run(L.MOTTO, L.SIZE_MOTTO, bold=True), "center")
    motto_width = text_width_pt(L.MOTTO, L.SIZE_MOTTO, bold=True) * L.MOTTO_RULE_FRACTION
    return cell + rule(twips(motto_width), L.HEADER_RIGHT_WIDTH)


def boxed(mark: str, cell_width: int) -> str:
    """Ô 10a/10b: MẬT, HỎA TỐC … bold in a single-line box just wider than the word."""
    box = (
        "<w:pBdr>"
        + "".join(
            f'<w:{s} w:val="single" w:sz="6" w:space="2" w:color="000000"/>'
            for s in ("top", "left", "bottom", "right")
        )
        + "</w:pBdr>"
    )
    pad = max(0, (cell_width - twips(text_width_pt(mark, L.SIZE_MARK, True)) - 400) // 2)
    return para(
        run(mark, L.SIZE_MARK, bold=True),
        "center",
        before=120,
        indent=f'<w:ind w:left="{pad}" w:right="{pad}"/>',
        extra=box,
    )


@lru_cache(maxsize=64)
def title_block(kind: str, summary: str) -> str:
    """Mẫu 1.4: a named type's name (THÔNG BÁO) and its summary, bold and centred under the
    header, the summary wrapped evenly, a rule 1/3-1/2 its width under it (a công văn has none)."""
    width = L.TEXT_WIDTH
    name = para(run(kind, L.SIZE_KIND, bold=True), "center", before=L.KIND_SPACE_BEFORE)
    lines = balanced_lines(summary, (width - 2 * CELL_MARGIN) / 20, L.SIZE_SUMMARY, True)
    summary_xml = para(
        "<w:r><w:br/></w:r>".join(run(line, L.SIZE_SUMMARY, bold=True) for line in lines),
        "center",
        keep_next=True,
    )
    widest = max(text_width_pt(line, L.SIZE_SUMMARY, bold=True) for line in lines)
    rule_line = rule(twips(widest * L.SUMMARY_RULE_FRACTION), width + 2 * CELL_MARGIN)
    return name + summary_xml + rule_line + para("", after=L.SUMMARY_SPACE_AFTER)


def salutation(letter: Letter) -> str:
    """Ô 9a: `Kính gửi: X.` on one line, or `Kính gửi:` over a dash list hung under the colon."""
    if not letter.recipients:
        return ""
    size = L.SIZE_SALUTATION
    label = "Kính gửi:"
    if len(letter.recipients) == 1:
        hang = twips(text_width_pt(label + " ", size))
        indent = f'<w:ind w:left="{L.SALUTATION_INDENT + hang}" w:hanging="{hang}"/>'
        return para(run(f"{label} {letter.recipients[0]}"), before=240, after=240, indent=indent)
    dash_at = L.SALUTATION_INDENT + twips(text_width_pt("Kính gửi", size))
    hang = twips(text_width_pt("- ", size))
    lines = para(
        run(label), before=240, indent=f'<w:ind w:left="{L.SALUTATION_INDENT}"/>', keep_next=True
    )
    lines += "".join(
        para(run(line), indent=f'<w:ind w:left="{dash_at + hang}" w:hanging="{hang}"/>')
        for line in letter.recipients
    )
    return lines + para("", after=120)


FOOTNOTE_MARK = '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'


class BodyWriter:
    """Body blocks → XML; collects the lists, hyperlinks and footnotes the package must declare.

    Points (`a)` … `đ)` `e)` `g)`) print their label as text at the first-line indent, the text
    wrapping to the margin as the numbered levels do: Word has no number format for the
    Vietnamese alphabet, and a typed label reads the same in Word, LibreOffice and `text`."""

    def __init__(self) -> None:
        self.lists: list[tuple[int, int]] = []  # (abstract numbering id, start) per numId
        self.links: list[str] = []
        self.notes: list[str] = []  # each footnote's paragraphs, id 1, 2, …

    def footnote(self, note: tuple[Paragraph, ...]) -> str:
        """A footnote reference here; the note's text goes to word/footnotes.xml."""
        self.notes.append("")
        number = len(self.notes)
        paragraphs = []
        for position, paragraph in enumerate(note or (Paragraph(()),)):
            mark = f"<w:r>{FOOTNOTE_MARK}<w:footnoteRef/></w:r>" + run(" ") if position == 0 else ""
            paragraphs.append(
                '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f"{mark}{self.spans(paragraph.spans, L.SIZE_FOOTNOTE)}</w:p>"
            )
        self.notes[number - 1] = "".join(paragraphs)
        return f'<w:r>{FOOTNOTE_MARK}<w:footnoteReference w:id="{number}"/></w:r>'

    def spans(self, spans: tuple[Span, ...], size: float | None = None) -> str:
        if len(spans) == 1:  # a table cell, a plain paragraph: no generator to start
            if not (spans[0].link or spans[0].note):
                return _plain_spans(spans, size)
        elif not any(span.link or span.note for span in spans):
            return _plain_spans(spans, size)
        out = []
        for span in spans:
            if span.newline:
                out.append("<w:r><w:br/></w:r>")
                continue
            if span.note:
                out.append(self.footnote(span.note))
                continue
            piece = run(span.text, size, span.bold, span.italic)
            if span.link:
                self.links.append(span.link)
                piece = f'<w:hyperlink r:id="rIdLink{len(self.links)}">{piece}</w:hyperlink>'
            out.append(piece)
        return "".join(out)

    def paragraph(
        self, block: Paragraph, numbering: str = "", keep_next: bool = False, label: str = ""
    ) -> str:
        heading = "<w:keepNext/>" if block.heading or keep_next else ""
        return (
            f'<w:p><w:pPr><w:pStyle w:val="BodyText"/>{heading}{numbering}</w:pPr>'
            f"{label}{self.spans(block.spans)}</w:p>"
        )

    def list(self, block: ListBlock) -> str:
        num = ""
        if block.kind != "letter":
            abstract, _ = LIST_KINDS.get(
                (block.kind, block.bold_numbers), LIST_KINDS[(block.kind, False)]
            )
            self.lists.append((abstract, block.start))
            num = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{len(self.lists)}"/></w:numPr>'
        out = []
        for number, item in enumerate(block.items, start=block.start):
            label = ""
            if block.kind == "letter":
                label = run(f"{point_label(number)} ", bold=block.bold_numbers)
            for position, inner in enumerate(item.blocks):
                if position == 0 and isinstance(inner, Paragraph):
                    out.append(self.paragraph(inner, num, label=label))
                else:
                    out.append(self.block(inner))
        return "".join(out)

    def table(self, block: Table) -> str:
        return table_xml(block, self.spans) + para("", after=0)

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        raise TypeError(block)


@lru_cache(maxsize=4096)
def _plain_spans(spans: tuple[Span, ...], size: float | None) -> str:
    """Runs of spans with no hyperlink or footnote (nothing to number): written once per text,
    as a batch repeats most of its paragraphs in every letter."""
    return "".join(
        "<w:r><w:br/></w:r>" if span.newline else run(span.text, size, span.bold, span.italic)
        for span in spans
    )


def authority_line(line: str) -> str:
    """One authority line (ô 7a) as its own paragraph; one too long for the signature cell
    wraps into even lines with line breaks, never into the next authority line."""
    room = (L.CLOSING_RIGHT_WIDTH - 2 * CELL_MARGIN) / 20
    parts = balanced_lines(line, room, L.SIZE_AUTHORITY, bold=True)
    runs = "<w:r><w:br/></w:r>".join(run(part, L.SIZE_AUTHORITY, bold=True) for part in parts)
    return para(runs, "center")


def closing(letter: Letter) -> str:
    """Ô 7 and 9b: Nơi nhận (left, level with the authority line) | signature block (right)."""
    return _closing(Closing(*(getattr(letter, name) for name in Closing._fields)))


@lru_cache(maxsize=64)
def _closing(letter: Closing) -> str:
    left = para(run("Nơi nhận:", L.SIZE_DISTRIBUTION_LABEL, bold=True, italic=True))
    size = letter.style.distribution_size
    left += "".join(para(run(line, size)) for line in letter.distribution)
    # ô 12 and a free line: under the list, at its size
    left += "".join(
        para(run(line, L.SIZE_TYPIST)) for line in (letter.typist_line, letter.closing_line) if line
    )
    right = "".join(authority_line(line) for line in letter.authority)
    right += para("", after=0) * letter.style.signature_lines
    if letter.signer:  # an unsigned draft leaves the name to be filled in
        right += para(run(letter.signer, L.SIZE_SIGNER, bold=True), "center")
    return para("", after=0, keep_next=True) + layout_table(
        [[left, right]], (L.CLOSING_LEFT_WIDTH, L.CLOSING_RIGHT_WIDTH), L.CLOSING_INDENT
    )


def appendix(block: Appendix, writer: BodyWriter) -> str:
    """A Phụ lục (Mẫu 2.1): "Phụ lục II" bold, its title UPPER bold, "(Kèm theo …)" italic, all
    14 pt centred; then its body."""
    size = L.SIZE_APPENDIX_HEADING
    head = para(run(block.label, size, bold=True), "center", keep_next=True)
    if block.title:
        head += para(run(block.title, size, bold=True), "center", keep_next=True)
    head += para(run(block.note, size, italic=True), "center", after=240, keep_next=True)
    return head + "".join(writer.block(b) for b in block.body)


def letter_xml(
    letter: Letter,
    writer: BodyWriter,
    first_section: str = SECTION,
    later_section: str = SECTION_RESTART,
) -> str:
    """A letter's content from header to closing, then its appendices, without the last
    section's properties (see `last_section`); `writer` numbers its lists, links and notes (one
    writer for several letters keeps their numbers apart). A letter with appendices ends its
    own pages with `first_section`; each appendix is a section that starts a new page and
    counts its pages from 1."""
    return "".join(_letter_parts(letter, writer, first_section, later_section))


def _letter_parts(
    letter: Letter, writer: BodyWriter, first_section: str, later_section: str
) -> list[str]:
    """`letter_xml`'s pieces in order, joined once by the caller (not added up piece by piece:
    each sum would copy the whole letter so far)."""
    blocks = list(letter.body)
    # The last paragraph keeps with the closing: a signature never stands alone on a page.
    last = blocks.pop() if blocks and isinstance(blocks[-1], Paragraph) else None
    parts = [header(letter), decision_front(letter), salutation(letter)]
    parts += [writer.block(b) for b in blocks]
    if last:
        parts.append(writer.paragraph(last, keep_next=True))
    parts.append(closing(letter))
    for position, block in enumerate(letter.appendices):
        parts.append(section_break(first_section if position == 0 else later_section))
        parts.append(appendix(block, writer))
    return parts


def last_section(
    letter: Letter, default: str = SECTION, appendix_section: str = SECTION_RESTART
) -> str:
    """The properties that close the letter's last section: an appendix's, when it has one."""
    return appendix_section if letter.appendices else default


_DOCUMENT_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
)


def document(letter: Letter) -> tuple[str, BodyWriter]:
    """The whole word/document.xml, and the body writer holding its lists, links and notes."""
    writer = BodyWriter()
    style = letter.style  # the office's margins, on the letter's pages and its appendices
    first = section(footer=bool(letter.contact), style=style)  # ô 13 on the letter's first page
    # ... and not on an appendix's first page
    later = section(restart=True, blank_footer=bool(letter.contact), style=style)
    xml = "".join(
        [
            _DOCUMENT_START,
            *_letter_parts(letter, writer, first, later),
            last_section(letter, first, later),
            "</w:body></w:document>",
        ]
    )
    return xml, writer
