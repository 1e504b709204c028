"""Stage 3 beside the .docx writer: a composed `Letter` → an HTML A4 page for the live preview.

It lays out the same block tree as `docx/document.py` with the same Decree 30 values, read from
`docx/layout.py` (never retyped): Times New Roman, A4 with the decree's margins, the borderless
header table with its rules, Kính gửi, the justified body with numbered lists and tables, and
Nơi nhận beside the signature. Lengths are written in points (1 pt = 20 twips). Every string is
HTML-escaped; the page shows what compose decided and nothing else.
"""

from __future__ import annotations

from html import escape

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
from dispatch_gen.docx.metrics import balanced_lines, text_width_pt
from dispatch_gen.docx.tables import CELL_MARGIN, column_widths, label_span
from dispatch_gen.vietnamese import point_label

MARKERS = {"dash": "-", "plus": "+"}


def pt(twips: float) -> str:
    """Twips as a CSS length in points."""
    return f"{twips / 20:g}pt"


def css() -> str:
    """The page's style sheet, from the layout constants."""
    line = L.BODY_LINE_SPACING / 240
    return f"""
.a4 {{ box-sizing: border-box; width: {pt(L.PAGE_WIDTH)}; min-height: {pt(L.PAGE_HEIGHT)};
  padding: {pt(L.MARGIN_TOP)} {pt(L.MARGIN_RIGHT)} {pt(L.MARGIN_BOTTOM)} {pt(L.MARGIN_LEFT)};
  font-family: "{L.FONT}", "Liberation Serif", "Tinos", serif; font-size: {L.SIZE_BODY}pt;
  color: #000; background-color: #fff; line-height: 1.0;
  background-image: linear-gradient(to bottom, transparent calc({pt(L.PAGE_HEIGHT)} - 2px),
    #9aa3ad calc({pt(L.PAGE_HEIGHT)} - 2px));
  background-size: 100% {pt(L.PAGE_HEIGHT)}; }}
.a4 p {{ margin: 0; }}
.a4 table.layout {{ border-collapse: collapse; table-layout: fixed; }}
.a4 table.layout td {{ padding: 0 {pt(CELL_MARGIN)}; vertical-align: top; }}
.a4 .c {{ text-align: center; }}
.a4 .rule {{ border-bottom: {L.RULE_SIZE / 8}pt solid #000; height: {pt(L.RULE_GAP)};
  margin: 0 auto; }}
.a4 .urgency {{ display: inline-block; border: 0.75pt solid #000; padding: 1pt 6pt;
  font-weight: bold; font-size: {L.SIZE_URGENCY}pt; }}
.a4 p.body {{ text-align: justify; text-indent: {pt(L.BODY_FIRST_LINE_INDENT)};
  margin-bottom: {pt(L.BODY_SPACE_AFTER)}; line-height: {line:g}; }}
.a4 p.body.heading {{ text-align: left; }}
.a4 table.grid {{ border-collapse: collapse; table-layout: fixed; font-size: {L.SIZE_TABLE}pt;
  margin-bottom: {pt(L.BODY_SPACE_AFTER)}; }}
.a4 table.grid td, .a4 table.grid th {{ border: 0.5pt solid #000; padding: 0 {pt(CELL_MARGIN)};
  vertical-align: middle; }}
.a4 .page-break {{ border-top: 1px dashed #9aa3ad; margin: 12pt 0; height: 0; }}
.a4 .notes {{ border-top: 0.5pt solid #000; margin-top: 12pt; padding-top: 3pt;
  width: 50%; }}
.a4 .signing {{ height: {L.SIGNATURE_SPACE_LINES * L.SIZE_SIGNER * 1.15:g}pt; }}
"""


class Notes:
    """The footnotes (chú thích) met in reading order: a number in the text, the text below."""

    def __init__(self) -> None:
        self.items: list[tuple[Paragraph, ...]] = []

    def add(self, note: tuple[Paragraph, ...]) -> str:
        self.items.append(note)
        return f"<sup>{len(self.items)}</sup>"

    def html(self) -> str:
        if not self.items:
            return ""
        out = []
        for number, note in enumerate(self.items, start=1):
            text = " ".join(spans(p.spans, self) for p in note)
            out.append(f'<p style="font-size:{L.SIZE_FOOTNOTE}pt"><sup>{number}</sup> {text}</p>')
        return '<aside class="notes">' + "".join(out) + "</aside>"


def spans(items: tuple[Span, ...], notes: Notes | None = None) -> str:
    """A paragraph's runs: bold, italic, links, line breaks, footnote numbers."""
    out = []
    for span in items:
        if span.newline:
            out.append("<br>\n")  # a line break: the words either side stay apart
            continue
        if span.note:
            out.append((notes or Notes()).add(span.note))
            continue
        text = escape(span.text)
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.link:
            text = f'<a href="{escape(span.link)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _run(text: str, size: float, bold: bool = False, italic: bool = False, cls: str = "") -> str:
    style = f"font-size:{size:g}pt" + (";font-weight:bold" if bold else "")
    style += ";font-style:italic" if italic else ""
    klass = f' class="{cls}"' if cls else ""
    return f'<p{klass} style="{style}">{escape(text)}</p>'


def _rule(length_pt: float) -> str:
    return f'<div class="rule" style="width:{length_pt:.1f}pt"></div>'


def _layout_table(rows: list[list[str]], widths: tuple[int, int], indent: int) -> str:
    cols = "".join(f'<col style="width:{pt(w)}">' for w in widths)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="layout" style="width:{pt(sum(widths))};margin-left:{pt(indent)}">'
        f"<colgroup>{cols}</colgroup>{body}</table>"
    )


def header(letter: Letter) -> str:
    """Ô 1-5 and 10b, as in `docx.document.header`."""
    left = "".join(_run(line, L.SIZE_PARENT, cls="c") for line in letter.parent)
    left += "".join(_run(line, L.SIZE_AGENCY, bold=True, cls="c") for line in letter.agency)
    agency = max(
        (text_width_pt(line, L.SIZE_AGENCY, bold=True) for line in letter.agency), default=0.0
    )
    left += _rule(agency * L.AGENCY_RULE_FRACTION)
    right = _run(L.NATIONAL_TITLE, L.SIZE_NATIONAL_TITLE, bold=True, cls="c")
    right += _run(L.MOTTO, L.SIZE_MOTTO, bold=True, cls="c")
    right += _rule(text_width_pt(L.MOTTO, L.SIZE_MOTTO, bold=True) * L.MOTTO_RULE_FRACTION)
    gap = "margin-top:6pt"
    number = f'<p class="c" style="{gap};font-size:{L.SIZE_NUMBER}pt">'
    number += f"{escape(letter.number_line)}</p>"
    dated = f'<p class="c" style="{gap};font-size:{L.SIZE_DATE}pt;font-style:italic">'
    dated += f"{escape(letter.date_line)}</p>"
    subject = (
        f'<p class="c" style="margin-top:{pt(L.SUBJECT_SPACE_BEFORE)};'
        f'font-size:{L.SIZE_SUBJECT}pt">{escape(letter.subject)}</p>'
        if letter.subject
        else ""
    )
    for mark in (letter.secrecy, letter.urgency):  # ô 10a, 10b: boxed
        if mark:
            subject += f'<p class="c" style="{gap}"><span class="urgency">'
            subject += f"{escape(mark)}</span></p>"
    if letter.circulation:  # ô 11
        subject += _run(letter.circulation, L.SIZE_MARK, bold=True, cls="c")
    rows = [[left, right], [number, dated]] + ([[subject, ""]] if subject else [])
    table = _layout_table(rows, (L.HEADER_LEFT_WIDTH, L.HEADER_RIGHT_WIDTH), L.HEADER_INDENT)
    return table + title_block(letter)


def title_block(letter: Letter) -> str:
    """Mẫu 1.4: a named type's name and summary under the header, as `docx.document.title_block`."""
    if not letter.kind:
        return ""
    width = text_width_pt(letter.summary, L.SIZE_SUMMARY, bold=True)
    room = (L.TEXT_WIDTH - 2 * CELL_MARGIN) / 20
    widest = (
        max(
            text_width_pt(line, L.SIZE_SUMMARY, bold=True)
            for line in balanced_lines(letter.summary, room, L.SIZE_SUMMARY, bold=True)
        )
        if width
        else 0.0
    )
    return (
        f'<p class="c" style="margin-top:{pt(L.KIND_SPACE_BEFORE)};font-size:{L.SIZE_KIND}pt;'
        f'font-weight:bold">{escape(letter.kind)}</p>'
        + _run(letter.summary, L.SIZE_SUMMARY, bold=True, cls="c")
        + _rule(widest * L.SUMMARY_RULE_FRACTION)
        + f'<div style="height:{pt(L.SUMMARY_SPACE_AFTER)}"></div>'
        + decision_front(letter)
    )


def decision_front(letter: Letter) -> str:
    """Mẫu 1.1-1.3, as `docx.decision.decision_front`: the issuing authority, the italic Căn cứ
    lines, “QUYẾT ĐỊNH:”; "" for any other letter."""
    if not letter.decided_by:
        return ""
    grounds = "".join(f'<p class="body"><i>{escape(line)}</i></p>' for line in letter.grounds)
    return (
        _run(letter.decided_by, L.SIZE_DECIDED_BY, bold=True, cls="c")
        + grounds
        + f'<p class="c" style="margin:{pt(L.ENACTING_SPACE)} 0;font-size:{L.SIZE_ENACTING}pt;'
        f'font-weight:bold">{escape(letter.kind)}:</p>'
    )


def salutation(letter: Letter) -> str:
    """Ô 9a: one recipient on the Kính gửi line, several hung under its colon."""
    if not letter.recipients:
        return ""
    size, label = L.SIZE_SALUTATION, "Kính gửi:"
    if len(letter.recipients) == 1:
        hang = text_width_pt(label + " ", size)
        left = L.SALUTATION_INDENT / 20 + hang
        return (
            f'<p class="salutation" style="margin:12pt 0;padding-left:{left:.1f}pt;'
            f'text-indent:-{hang:.1f}pt">{escape(label)} {escape(letter.recipients[0])}</p>'
        )
    dash_at = L.SALUTATION_INDENT / 20 + text_width_pt("Kính gửi", size)
    hang = text_width_pt("- ", size)
    lines = [
        f'<p class="salutation" style="margin-top:12pt;padding-left:{pt(L.SALUTATION_INDENT)}">'
        f"{escape(label)}</p>"
    ]
    lines += [
        f'<p style="padding-left:{dash_at + hang:.1f}pt;text-indent:-{hang:.1f}pt">'
        f"{escape(line)}</p>"
        for line in letter.recipients
    ]
    return "".join(lines) + '<p style="height:6pt"></p>'


def marker(kind: str, number: int) -> str:
    """The printed mark of a list item: `1.`, `a)` … `đ)` (Vietnamese alphabet), `-`, `+`."""
    if kind == "decimal":
        return f"{number}."
    if kind == "letter":
        return point_label(number)
    return MARKERS.get(kind, "-")


class Body:
    """Body blocks → HTML; numbers the footnotes in reading order (`notes`)."""

    def __init__(self) -> None:
        self.notes = Notes()

    def paragraph(self, block: Paragraph, mark: str = "", bold_mark: bool = False) -> str:
        klass = "body heading" if block.heading else "body"
        prefix = ""
        if mark:
            prefix = f"<b>{escape(mark)}</b> " if bold_mark else f"{escape(mark)} "
        return f'<p class="{klass}">{prefix}{spans(block.spans, self.notes)}</p>'

    def list(self, block: ListBlock) -> str:
        out = []
        for number, item in enumerate(block.items, start=block.start):
            for position, inner in enumerate(item.blocks):
                if position == 0 and isinstance(inner, Paragraph):
                    mark = marker(block.kind, number)
                    out.append(self.paragraph(inner, mark, block.bold_numbers))
                else:
                    out.append(self.block(inner))
        return "".join(out)

    def table(self, block: Table) -> str:
        """A body table with the .docx writer's column widths and merged total label."""
        widths = column_widths(block)
        columns = len(widths)
        cols = "".join(f'<col style="width:{pt(w)}">' for w in widths)

        def row(cells: tuple[tuple[Span, ...], ...], head: bool, last: bool) -> str:
            merge = label_span(cells, columns) if last and not head else 1
            out, i = [], 0
            while i < columns:
                content = spans(cells[i] if i < len(cells) else (), self.notes)
                align = "center" if head or (i == 0 and merge > 1) else block.align[i]
                span = f' colspan="{merge}"' if i == 0 and merge > 1 else ""
                tag = "th" if head else "td"
                out.append(f'<{tag}{span} style="text-align:{align}">{content}</{tag}>')
                i += merge if i == 0 else 1
            return "<tr>" + "".join(out) + "</tr>"

        rows = row(block.header, True, False) + "".join(
            row(r, False, n == len(block.rows) - 1) for n, r in enumerate(block.rows)
        )
        return (
            f'<table class="grid" style="width:{pt(sum(widths))}"><colgroup>{cols}</colgroup>'
            f"{rows}</table>"
        )

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, PageBreak):
            return PAGE_BREAK
        raise TypeError(block)

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        return '<section class="letter-body">' + "".join(map(self.block, blocks)) + "</section>"

    def appendix(self, block: Appendix) -> str:
        """A Phụ lục on a new page: label and title bold, "(Kèm theo …)" italic, centred."""
        size = L.SIZE_APPENDIX_HEADING
        head = _run(block.label, size, bold=True, cls="c")
        head += _run(block.title, size, bold=True, cls="c") if block.title else ""
        head += _run(block.note, size, italic=True, cls="c")
        return PAGE_BREAK + head + '<div style="height:12pt"></div>' + self.blocks(block.body)


PAGE_BREAK = '<div class="page-break" title="ngắt trang"></div>'


def closing(letter: Letter) -> str:
    """Ô 7 and 9b: Nơi nhận left (ô 12 and a free line under it), signature right."""
    left = _run("Nơi nhận:", L.SIZE_DISTRIBUTION_LABEL, bold=True, italic=True)
    left += "".join(_run(line, L.SIZE_DISTRIBUTION) for line in letter.distribution)
    left += "".join(
        _run(line, L.SIZE_TYPIST) for line in (letter.typist_line, letter.closing_line) if line
    )
    right = "".join(_run(line, L.SIZE_AUTHORITY, bold=True, cls="c") for line in letter.authority)
    right += '<div class="signing"></div>'
    if letter.signer:
        right += _run(letter.signer, L.SIZE_SIGNER, bold=True, cls="c")
    return _layout_table(
        [[left, right]], (L.CLOSING_LEFT_WIDTH, L.CLOSING_RIGHT_WIDTH), L.CLOSING_INDENT
    )


def letter_html(letter: Letter) -> str:
    """The letter as one `<article class="a4">` (style with `css()`); footnotes follow the
    closing, numbered as Word numbers them, and each appendix starts after a page break."""
    body = Body()
    main = body.blocks(letter.body)
    appendices = "".join(body.appendix(a) for a in letter.appendices)
    return (
        f'<article class="a4" lang="vi">{header(letter)}{salutation(letter)}{main}'
        f"{closing(letter)}{contact(letter)}{body.notes.html()}{appendices}</article>"
    )


def contact(letter: Letter) -> str:
    """Ô 13: the first page's foot, under a full-width rule (the .docx puts it in the footer)."""
    if not letter.contact:
        return ""
    lines = "".join(_run(line, L.SIZE_CONTACT, cls="c") for line in letter.contact)
    return f'<footer style="border-top:0.75pt solid #000;margin-top:12pt">{lines}</footer>'


def page_html(letter: Letter) -> str:
    """A standalone HTML document of the letter (for saving or printing from the browser)."""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(letter.title)}</title><style>{css()}</style></head>"
        f"<body>{letter_html(letter)}</body></html>"
    )
