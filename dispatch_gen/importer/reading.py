"""Step 1 of import: a .docx → the parts of a công văn as plain data (`Found`).

Owns finding what the page shows, not what it means: the header lines (parent and agency,
number line, date line, V/v, urgency mark), Kính gửi and its recipients, the body in order —
each paragraph with its runs' bold and italic and the list label Word draws (or the clerk
typed), each body table as rows of cells — the signature block and Nơi nhận. The check reader
resolves formatting through styles and `check.elements` finds the parts by their text, so a
header without a table, a Nơi nhận in a text box or numbering typed by hand read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dispatch_gen.check.elements import MARKS, find_letter
from dispatch_gen.check.elements import Letter as Parts
from dispatch_gen.check.model import Document, Paragraph, Piece, Run
from dispatch_gen.check.reader import read_docx
from dispatch_gen.errors import InputError, Location
from dispatch_gen.review.reading import (
    LIST,
    PARAGRAPH,
    Letter,
    footnote_lines,
    normalize,
    paragraph_units,
)

# A label typed at the start of a paragraph: "1.", "1.1.", "a)", "đ)", "-", "+", "(i)".
TYPED_LABEL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.|[a-zđ]\)|\([ivxlc]+\)|[-–+•])\s+")


@dataclass(frozen=True)
class Span:
    """A stretch of body text with one formatting; `raw` is markup already (a footnote mark)."""

    text: str
    bold: bool = False
    italic: bool = False
    raw: bool = False


@dataclass(frozen=True)
class BodyParagraph:
    """A body paragraph: its label ("1.", "a)", "-", or "") and its text as spans."""

    spans: tuple[Span, ...]
    label: str = ""
    typed: bool = False  # the label was typed as text, not drawn by Word's numbering

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class BodyTable:
    """A table in the body: rows of cells as plain text, each cell with its alignment."""

    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    bold_rows: frozenset[int] = frozenset()


@dataclass
class Found:
    """What the page shows, part by part; a part not found stays empty."""

    file: str
    parent: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=list)
    number_line: str = ""
    date_line: str = ""
    subject: str = ""
    kind: str = ""  # a named type (Thông báo, Kế hoạch …), whose summary is `subject`
    marks: list[str] = field(default_factory=list)  # KHẨN, MẬT, LƯU HÀNH NỘI BỘ …
    recipients: list[str] = field(default_factory=list)
    body: list[BodyParagraph | BodyTable] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    signer: str = ""
    distribution: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnotes as markup: "[^1]: text"
    appendices: list[tuple[str, list[BodyParagraph | BodyTable]]] = field(default_factory=list)
    after_distribution: list[str] = field(default_factory=list)  # ô 12, a free line
    missing: list[str] = field(default_factory=list)  # Decree-30 parts the page lacks


def _plain(pieces: list[Piece]) -> list[str]:
    return [p.plain for p in pieces if p.plain]


def _by_paragraph(pieces: list[Piece]) -> list[str]:
    """Lines of the signature block: a long authority line wrapped by a line break is one."""
    lines: list[tuple[object, str]] = []
    for piece in pieces:
        if lines and lines[-1][0] is piece.paragraph:
            lines[-1] = (piece.paragraph, f"{lines[-1][1]} {piece.plain}")
        elif piece.plain:
            lines.append((piece.paragraph, piece.plain))
    return [text for _, text in lines]


def _spans(runs: list[Run]) -> tuple[Span, ...]:
    """Runs as spans, neighbours of one format joined; line breaks become spaces."""
    out: list[Span] = []
    for run in runs:
        text = run.text.replace("\n", " ").replace("\t", " ")
        if not text:
            continue
        bold, italic = run.props.bold, run.props.italic
        if not text.strip():  # a space carries no visible format: join it to the neighbour
            bold, italic = (out[-1].bold, out[-1].italic) if out else (False, False)
        if out and (out[-1].bold, out[-1].italic) == (bold, italic):
            out[-1] = Span(out[-1].text + text, bold, italic)
        else:
            out.append(Span(text, bold, italic))
    return tuple(out)


def _drop_typed_label(spans: tuple[Span, ...], label: str) -> tuple[Span, ...]:
    """The spans without a label the clerk typed before the text."""
    first = spans[0]
    rest = first.text.lstrip()[len(label) :].lstrip()
    return ((Span(rest, first.bold, first.italic),) if rest else ()) + spans[1:]


def _paragraph(p: Paragraph, label: str) -> BodyParagraph:
    spans = _spans(p.runs)
    typed = False
    if not label and spans and (match := TYPED_LABEL.match(spans[0].text.lstrip())):
        label, typed = match[1], True
        spans = _drop_typed_label(spans, label)
    return BodyParagraph(spans, label, typed)


def _table(cells: list[Paragraph]) -> BodyTable:
    """Rows of a body table; a row whose every inked run is bold is remembered as bold."""
    grid: dict[int, dict[int, list[Paragraph]]] = {}
    for p in cells:
        assert p.cell is not None
        grid.setdefault(p.cell.row, {}).setdefault(p.cell.column, []).append(p)
    width = max(max(row) for row in grid.values()) + 1
    rows, bold_rows = [], set()
    align = ["left"] * width
    for number, row in enumerate(grid[r] for r in sorted(grid)):
        texts = [" ".join(q.plain for q in row.get(c, []) if q.plain) for c in range(width)]
        rows.append(tuple(texts))
        runs = [r for c in row.values() for q in c for r in q.runs if r.text.strip()]
        if runs and all(r.props.bold for r in runs):
            bold_rows.add(number)
        if number == 1 or len(grid) == 1:
            for c, paragraphs in row.items():
                if paragraphs and paragraphs[0].props.align in ("center", "right"):
                    align[c] = paragraphs[0].props.align
    return BodyTable(tuple(rows), tuple(align), frozenset(bold_rows))


NOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
PHU_LUC = re.compile(r"^Phụ lục(?: [IVXLC]+)?$")


@dataclass(frozen=True)
class Shown:
    """A body paragraph as the review reader shows it: text without footnote marks, its list
    label, and each footnote mark with the count of non-space characters before it."""

    text: str
    label: str
    marks: tuple[tuple[int, str], ...]


def _shown(content: str, label: str) -> Shown:
    marks, plain, at = [], [], 0
    for match in NOTE_MARK.finditer(content):
        plain.append(content[at : match.start()])
        marks.append((len("".join(plain).replace(" ", "")), match[0]))
        at = match.end()
    plain.append(content[at:])
    return Shown(normalize("".join(plain)), label, tuple(marks))


def _with_marks(spans: tuple[Span, ...], marks: tuple[tuple[int, str], ...]) -> tuple[Span, ...]:
    """Footnote marks put back where they stood, counted in non-space characters."""
    if not marks:
        return spans
    out: list[Span] = []
    pending = list(marks)
    seen = 0
    for span in spans:
        text = span.text
        while pending:
            offset, mark = pending[0]
            need = offset - seen
            cut, count = 0, 0
            while cut < len(text) and count < need:
                count += not text[cut].isspace()
                cut += 1
            if count < need:
                break
            if cut:
                out.append(Span(text[:cut], span.bold, span.italic))
            out.append(Span(mark, raw=True))
            seen += count
            text = text[cut:]
            pending.pop(0)
        if text:
            out.append(Span(text, span.bold, span.italic))
            seen += len(text.replace(" ", ""))
    out += [Span(mark, raw=True) for _, mark in pending]
    return tuple(out)


def _review(source: str | Path | bytes) -> tuple[list[Shown], list[str]]:
    """The body paragraphs in reading order as Word numbers them, and the footnotes."""
    letter = Letter.open(source)
    shown = [
        _shown(line.content, line.label)
        for line in paragraph_units(letter)
        if line.kind in (PARAGRAPH, LIST)
    ]
    return shown, footnote_lines(letter)


def _body(doc: Document, letter_body: list[Paragraph], labels: list[Shown],
          skip_tables: set[int]) -> list[BodyParagraph | BodyTable]:
    """Body paragraphs and the tables among them, in page order."""
    if not letter_body:
        return []
    start, end = letter_body[0].index, letter_body[-1].index
    chosen = {id(p) for p in letter_body}
    return _blocks(doc, start, end, chosen, labels, skip_tables)


def _blocks(doc: Document, start: int, end: int, chosen: set[int] | None, labels: list[Shown],
            skip_tables: set[int]) -> list[BodyParagraph | BodyTable]:
    """Paragraphs (those `chosen`, or all) and tables of the main story from `start` to `end`."""
    out: list[BodyParagraph | BodyTable] = []
    tables: dict[int, list[Paragraph]] = {}
    cursor = 0
    for p in doc.paragraphs:
        if p.story != "body" or not start <= p.index <= end:
            continue
        if p.cell is not None:
            if p.cell.table in skip_tables:
                continue
            if p.cell.table not in tables:
                tables[p.cell.table] = []
                out.append(BodyTable((), ()))  # placeholder, filled below in page order
            tables[p.cell.table].append(p)
            continue
        if (chosen is not None and id(p) not in chosen) or not p.plain:
            continue
        found = None
        plain = normalize(p.text)
        for at in range(cursor, len(labels)):  # the review reader's line for this paragraph
            if labels[at].text == plain:
                found, cursor = labels[at], at + 1
                break
        paragraph = _paragraph(p, found.label if found else "")
        if found and found.marks:
            paragraph = BodyParagraph(
                _with_marks(paragraph.spans, found.marks), paragraph.label, paragraph.typed
            )
        out.append(paragraph)
    filled = iter(_table(cells) for cells in tables.values())
    return [next(filled) if isinstance(b, BodyTable) else b for b in out]


def read(source: Path) -> Found:
    """Find the parts of the letter in a .docx. InputError when it is no letter at all."""
    doc = read_docx(source)
    if not any(p.plain for p in doc.paragraphs):
        raise InputError(
            f"“{source.name}” không có chữ nào",
            "mở tệp trong Word để xem lại; chỉ nhập được công văn đã có nội dung",
            Location(str(source)),
        )
    letter = find_letter(doc)
    found = Found(str(source))
    found.parent, found.agency = _plain(letter.parent), _plain(letter.agency)
    found.number_line = letter.number.plain if letter.number else ""
    found.date_line = letter.date.plain if letter.date else ""
    found.subject = " ".join(_plain(letter.subject))
    if letter.kind is not None:
        found.kind, found.subject = letter.kind_name, " ".join(_plain(letter.summary))
    found.recipients = _plain(letter.recipients)
    if letter.salutation is not None:
        same_line = letter.salutation.plain.partition(":")[2].strip()
        if same_line and not found.recipients:
            found.recipients = [same_line]
    found.marks = [p.plain.upper() for p in doc.pieces()[:40] if p.plain.upper() in MARKS]
    found.authority = _by_paragraph(letter.authority)
    found.signer = letter.signer.plain if letter.signer else ""
    found.distribution = _plain(letter.distribution)
    found.after_distribution = _plain(letter.after_distribution)
    closing = [letter.distribution_label, letter.signer, *letter.authority, letter.national_title]
    skip = {p.paragraph.cell.table for p in closing if p and p.paragraph.cell}
    shown, found.notes = _review(source)
    found.body = _body(doc, letter.body, shown, skip)
    found.appendices = _appendices(doc, letter, shown, skip)
    parts = [letter.national_title, letter.number, letter.date, letter.subject or letter.kind,
             letter.salutation, letter.authority, letter.distribution_label]
    if sum(bool(m) for m in parts) < 2:
        raise InputError(
            f"“{source.name}” không giống một công văn: không thấy Quốc hiệu, dòng “Số:”, "
            "dòng ngày tháng, “V/v”, “Kính gửi”, khối chữ ký hay “Nơi nhận”",
            "chỉ nhập được công văn hành chính (.docx) trình bày theo Nghị định 30/2020",
            Location(str(source)),
        )
    parts = {
        "số và ký hiệu (Số: …/…)": found.number_line,
        "địa danh và ngày tháng": found.date_line,
        "nội dung": found.body,
    }
    found.missing = [name for name, value in parts.items() if not value]
    return found


def _appendices(doc: Document, letter: Parts, shown: list[Shown], skip: set[int]
                ) -> list[tuple[str, list[BodyParagraph | BodyTable]]]:
    """Phụ lục after the closing: each "Phụ lục [I]" line, its title, the "(Kèm theo …)" line,
    then its body up to the next one."""
    closing = [letter.distribution_label, letter.signer, *letter.authority, *letter.distribution]
    last = max((p.paragraph.index for p in closing if p), default=None)
    if last is None:
        return []
    after = [p for p in doc.paragraphs if p.story == "body" and p.index > last and p.plain]
    starts = [i for i, p in enumerate(after) if PHU_LUC.match(p.plain) and p.cell is None]
    out = []
    for n, at in enumerate(starts):
        head = after[at + 1 : at + 3]
        note = next((i for i, p in enumerate(head) if p.plain.startswith("(Kèm theo")), None)
        if note is None:
            continue
        title = head[0].plain if note == 1 else ""
        first = after[at + 2 + note].index if at + 2 + note < len(after) else None
        stop = after[starts[n + 1]].index - 1 if n + 1 < len(starts) else 10**9
        body = [] if first is None or first > stop else _blocks(doc, first, stop, None, shown, skip)
        out.append((title[:1] + title[1:].lower(), body))
    return out
