"""A letter as plain text: the lines a reader sees, in reading order, each knowing its element.

`docx_text` turns a .docx (or a YAML letter, rendered in memory) into normalized lines (NFC,
whitespace collapsed): the header table row by row (left cell, then right cell), Kính gửi, the
body with list numbers as Word counts them, each other table as rows ("a | b | c"), and the
closing table with the signature before the Nơi nhận; a footnote reference reads `[^1]` where
it stands, and `docx_text` gives the notes last (`[^1]: text`). It reads what Word shows once every
tracked change is accepted: text in w:ins counts, w:del does not, a paragraph whose mark is
deleted runs on into the next one. Runs split anywhere, hyperlinks, simple and complex fields
and content controls read as their visible text, as a clerk's Word or LibreOffice saves them.

`paragraph_units` gives the same lines as `Line`s that remember where they came from (the w:p,
or the w:tr of a table row): what `diff` compares and `redline` marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from dispatch_gen.review.numbering import Numbering
from dispatch_gen.review.package import NUMBERING, STYLES, Package, Source, w
from dispatch_gen.vietnamese import POINT_LETTERS, nfc

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SALUTATION = "kính gửi"
DISTRIBUTION = "nơi nhận"
DASHES = ("-", "–", "+")
FOOTNOTES = "/footnotes"
# A point whose label is typed (as dispatch-gen writes them: Word cannot letter "đ)").
TYPED_POINT = re.compile(rf"^([{POINT_LETTERS}]{{1,2}}\))\s")

# Kinds of line, in the words of the decree's boxes.
HEADER = "header"  # ô 1-5: Quốc hiệu, agency, Số, date, V/v
SALUTE = "salutation"  # ô 9a: Kính gửi and its recipients
PARAGRAPH = "paragraph"  # ô 6: body text
LIST = "list"  # a numbered or bulleted body paragraph
ROW = "row"  # a row of a table in the body
SIGNATURE = "signature"  # ô 7: authority, title, signer
DISTRIBUTE = "distribution"  # ô 9b: Nơi nhận

# Run-level containers whose text is not in the final view, or is not text at all.
_HIDDEN = {
    w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("sdtPr"), w("sdtEndPr"), f"{{{MC}}}Fallback",
}
_BLOCK_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml")}
_TEXT_OF = {
    w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-",
}


def normalize(text: str) -> str:
    """NFC, every run of whitespace one space, no space at either end."""
    return " ".join(nfc(text).split())


@dataclass(frozen=True)
class Line:
    """One line of the plain text: what it says, which box it belongs to, where it lives."""

    text: str  # normalized, with the list label: "2. Sở Y tế: …"
    kind: str  # header, salutation, paragraph, list, row, signature, distribution
    element: etree._Element = field(compare=False, repr=False)  # the w:p (the w:tr for a row)
    label: str = ""  # the list number or bullet Word draws: "2.", "a)", "-"

    @property
    def path(self) -> str:
        """XPath of the element in the main document part (costs a walk of its siblings: ask
        only for a few lines)."""
        return self.element.getroottree().getpath(self.element)

    @property
    def content(self) -> str:
        """The text without the list label."""
        return self.text[len(self.label) + 1 :] if self.label else self.text


def iter_runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The w:r of a paragraph that the final view shows, in order: inside hyperlinks, fields,
    insertions, smart tags and content controls, but not inside deletions."""
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _HIDDEN or tag == w("p"):
            continue
        if tag == w("r"):
            yield node
        else:
            stack.extend(reversed(node))


def _vanished(run: etree._Element) -> bool:
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "1") not in {"0", "false", "off"}


def run_content(run: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each child of a run with the text it shows: w:t its text, a tab "\\t", a break "\\n", a
    footnote reference `[^id]`, everything else (field codes, drawings, marks) nothing. Hidden
    text shows nothing."""
    hidden = _vanished(run)
    out = []
    for child in run:
        if child.tag == w("rPr") or not isinstance(child.tag, str):
            continue
        text = child.text or "" if child.tag == w("t") else _TEXT_OF.get(child.tag, "")
        if child.tag == w("footnoteReference"):
            text = f"[^{child.get(w('id'), '')}]"
        out.append((child, "" if hidden else text))
    return out


def raw_text(paragraph: etree._Element) -> str:
    """A paragraph's own visible text, not normalized."""
    return "".join(text for run in iter_runs(paragraph) for _, text in run_content(run))


def mark_deleted(paragraph: etree._Element) -> bool:
    """Whether the paragraph mark is a tracked deletion (the paragraph runs into the next)."""
    rpr = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    return rpr is not None and any(rpr.find(w(tag)) is not None for tag in ("del", "moveFrom"))


def blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The w:p and w:tbl of a body or cell in order, looking through content controls."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from blocks(child)


def text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """The text boxes (w:txbxContent) drawn in a paragraph, once each: the DrawingML copy, not
    the VML one Word and LibreOffice keep in mc:Fallback, nor boxes inside another box."""
    found = []
    for box in paragraph.iter(w("txbxContent")):
        node = box.getparent()
        while node is not None and node is not paragraph:
            if node.tag in (f"{{{MC}}}Fallback", w("txbxContent")):
                break
            node = node.getparent()
        else:
            found.append(box)
    return found


def cells(table: etree._Element) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
    """Each row of a table (not of the tables inside it) with its cells."""
    for row in table.iter(w("tr")):
        if _owner(row, "tbl") is table:
            yield row, row_cells(row)


def row_cells(row: etree._Element) -> list[etree._Element]:
    """The cells of a row, looking through content controls."""
    return [cell for cell in row.iter(w("tc")) if _owner(cell, "tr") is row]


def _owner(element: etree._Element, tag: str) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != w(tag):
        node = node.getparent()
    return node


class Letter:
    """An opened letter: its package, its main document, and each shown paragraph's text."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.root = package.document
        self.tree = self.root.getroottree()
        body = self.root.find(w("body"))
        self.body = body if body is not None else etree.SubElement(self.root, w("body"))
        self.numbering = Numbering(
            package.related_xml(NUMBERING), package.related_xml(STYLES)
        )
        self.texts: dict[etree._Element, str] = {}
        self._collect(self.body)
        self.labels = self.numbering.labels(self.texts)

    @classmethod
    def open(cls, source: Source) -> Letter:
        return cls(Package.open(source))

    def _collect(self, container: etree._Element) -> None:
        carried = ""
        previous: etree._Element | None = None
        for block in blocks(container):
            if block.tag == w("tbl"):
                if carried and previous is not None:  # a mark cannot join a table
                    self.texts[previous] = carried
                    carried = ""
                for _, row_cells in cells(block):
                    for cell in row_cells:
                        self._collect(cell)
                continue
            text = carried + raw_text(block)
            previous = block
            for box in text_boxes(block):
                self._collect(box)
            if mark_deleted(block):
                carried = text
                continue
            carried = ""
            self.texts[block] = text
        if carried and previous is not None:  # nothing to run into: the text stays
            self.texts[previous] = carried

    def line(self, paragraph: etree._Element, kind: str) -> Line | None:
        """The paragraph as a line, or None when it shows nothing (or merged into the next)."""
        if paragraph not in self.texts:
            return None
        text = normalize(self.texts[paragraph])
        label = self.labels.get(paragraph, "")
        if label:
            text = f"{label} {text}".rstrip()
        elif kind == PARAGRAPH and (typed := TYPED_POINT.match(text)):
            label = typed[1]  # a point typed with its letter counts as a list label
        if not text:
            return None
        if kind == PARAGRAPH and label:
            kind = LIST
        return Line(text, kind, paragraph, label)

    def cell_lines(self, cell: etree._Element, kind: str) -> list[Line]:
        out = []
        for block in blocks(cell):
            if block.tag == w("tbl"):
                out.extend(self.row_lines(block))
            elif line := self.line(block, kind):
                out.append(line)
        return out

    def row_lines(self, table: etree._Element) -> list[Line]:
        """A body table as one line per row, cells joined by " | "."""
        out = []
        for row, row_cells in cells(table):
            texts = []
            for c in row_cells:
                texts.append(" ".join(ln.text for ln in self.cell_lines(c, PARAGRAPH)))
                span = c.find(f"{w('tcPr')}/{w('gridSpan')}")
                texts += [""] * (int(span.get(w("val"), "1")) - 1 if span is not None else 0)
            if any(texts):
                out.append(Line(" | ".join(texts).strip(), ROW, row))
        return out

    def table_lines(self, table: etree._Element, header: bool) -> list[Line]:
        """Header table: each cell's lines, row by row. Closing table (the one with "Nơi nhận"):
        the signature cells first, then the Nơi nhận. Any other table: rows."""
        if header:
            return [ln for _, cs in cells(table) for c in cs for ln in self.cell_lines(c, HEADER)]
        signature: list[Line] = []
        distribution: list[Line] = []
        for _, row_cells in cells(table):
            for cell in row_cells:
                lines = self.cell_lines(cell, SIGNATURE)
                if lines and lines[0].text.casefold().startswith(DISTRIBUTION):
                    distribution += [
                        Line(ln.text, DISTRIBUTE, ln.element, ln.label) for ln in lines
                    ]
                else:
                    signature += lines
        if not distribution:
            return self.row_lines(table)
        return signature + distribution

    def lines(self) -> list[Line]:
        """Every shown line of the letter in reading order."""
        out: list[Line] = []
        in_salutation = False
        for block in blocks(self.body):
            if block.tag == w("tbl"):
                out += self.table_lines(block, header=not out)
                in_salutation = False
                continue
            line = self.line(block, PARAGRAPH)
            if line is not None:
                in_salutation = self._add(out, line, in_salutation)
            out += self.box_lines(block)
        return out

    @staticmethod
    def _add(out: list[Line], line: Line, in_salutation: bool) -> bool:
        """Append a body paragraph's line; return whether a Kính gửi dash list goes on."""
        if line.kind == PARAGRAPH and line.text.casefold().startswith(SALUTATION):
            out.append(Line(line.text, SALUTE, line.element))
            # "Kính gửi: X." names its one recipient; "Kính gửi:" alone opens a dash list
            return line.text.endswith(":")
        if in_salutation and not line.label and line.text.startswith(DASHES):
            out.append(Line(line.text, SALUTE, line.element))
            return not line.text.endswith(".")  # "- X." is the last recipient
        out.append(line)
        return False

    def box_lines(self, paragraph: etree._Element) -> list[Line]:
        """The lines of the text boxes anchored in a paragraph, after it; a box that starts with
        "Nơi nhận" is the Nơi nhận (hand-typed letters draw it so)."""
        out = []
        for box in text_boxes(paragraph):
            lines = self.cell_lines(box, PARAGRAPH)
            if lines and lines[0].text.casefold().startswith(DISTRIBUTION):
                lines = [Line(ln.text, DISTRIBUTE, ln.element, ln.label) for ln in lines]
            out += lines
        return out


def paragraph_units(source: Source | Letter) -> list[Line]:
    """The letter's lines in reading order, each with its kind and the XPath of its element."""
    letter = source if isinstance(source, Letter) else Letter.open(source)
    return letter.lines()


def footnote_lines(letter: Letter) -> list[str]:
    """The footnotes (chú thích) the body refers to, as `[^1]: text`, in the order referred."""
    part = letter.package.related_xml(FOOTNOTES)
    if part is None:
        return []
    notes = {note.get(w("id")): note for note in part.iter(w("footnote"))}
    out = []
    for reference in letter.body.iter(w("footnoteReference")):
        note = notes.get(reference.get(w("id")))
        if note is not None and note.get(w("type"), "normal") == "normal":
            text = normalize(" ".join(raw_text(p) for p in note.iter(w("p"))))
            out.append(f"[^{reference.get(w('id'))}]: {text}")
    return out


def docx_text(source: Source | Letter) -> list[str]:
    """The letter as normalized plain-text lines in reading order, its footnotes last."""
    letter = source if isinstance(source, Letter) else Letter.open(source)
    return [line.text for line in paragraph_units(letter)] + footnote_lines(letter)
