"""How a tracked change is written in WordprocessingML: the marks, and the runs they hold.

`Marks` issues w:ins / w:del / w:pPrChange with one author, one date and ids never reused. The
functions here put them in the places the schema wants: on a paragraph mark (w:pPr/w:rPr), on a
table row (w:trPr), around runs (also inside links, fields and content controls), and build
deleted text (w:delText) formatted like a given run. `split_run` cuts a run at character
offsets so that only the changed words are marked. `redline` decides what to mark; this module
only knows how.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime

from lxml import etree

from dispatch_gen.errors import InputError
from dispatch_gen.review.package import NS, w
from dispatch_gen.review.reading import run_content

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# Not carried into deleted text copied from OLD: they point at OLD's parts or ids.
NOT_COPIED = {w(t) for t in ("bookmarkStart", "bookmarkEnd", "commentRangeStart",
                             "commentRangeEnd", "commentReference", "footnoteReference",
                             "endnoteReference", "drawing", "pict", "object", "proofErr")}
PPR_TAIL = (w("sectPr"), w("pPrChange"))  # the only children after w:rPr in a w:pPr


class Marks:
    """Issues w:ins / w:del / w:pPrChange elements: one author, one date, ids never reused."""

    def __init__(self, author: str, date: str | None, first_id: int) -> None:
        self.author, self.date, self.next_id = author, date, first_id

    def new(self, tag: str) -> etree._Element:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        if self.date:
            element.set(w("date"), self.date)
        self.next_id += 1
        return element


def revision_date(date: datetime | str | None) -> str | None:
    """The w:date of the changes: ISO 8601, to the second; an aware time is written in UTC."""
    if date is None:
        return None
    if isinstance(date, str):
        try:
            date = datetime.fromisoformat(date.strip())
        except ValueError as err:
            raise InputError(f"ngày giờ sửa đổi không hợp lệ: {date!r}",
                             "viết theo ISO 8601, ví dụ 2020-08-20 hoặc 2020-08-20T09:30") from err
    if date.tzinfo is not None:
        return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return date.strftime("%Y-%m-%dT%H:%M:%S")


def _props(parent: etree._Element, tag: str) -> etree._Element:
    """The w:pPr of a paragraph or the w:trPr of a row, created where the schema wants it."""
    found = parent.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        before = parent.find(w("tblPrEx")) if tag == "trPr" else None
        parent.insert(0 if before is None else parent.index(before) + 1, found)
    return found


def mark_paragraph(paragraph: etree._Element, mark: etree._Element) -> None:
    """Track the paragraph mark itself (w:pPr/w:rPr/w:ins or w:del)."""
    ppr = _props(paragraph, "pPr")
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        tail = [ppr.find(t) for t in PPR_TAIL if ppr.find(t) is not None]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)


def mark_row(row: etree._Element, mark: etree._Element) -> None:
    trpr = _props(row, "trPr")
    change = trpr.find(w("trPrChange"))
    if change is not None:
        change.addprevious(mark)
    else:
        trpr.append(mark)


def wrap_runs(container: etree._Element, marks: Marks, tag: str) -> None:
    """Put every run of a paragraph (also inside links, fields, content controls) into
    w:ins or w:del, consecutive runs in one element."""
    group: etree._Element | None = None
    for child in list(container):
        if child.tag == w("r"):
            if group is None or group.getnext() is not child:
                group = marks.new(tag)
                child.addprevious(group)
            group.append(child)
        elif child.tag in (w("hyperlink"), w("fldSimple"), w("smartTag"), w("customXml")):
            wrap_runs(child, marks, tag)
            group = None
        elif child.tag == w("sdt") and child.find(w("sdtContent")) is not None:
            wrap_runs(child.find(w("sdtContent")), marks, tag)
            group = None
        elif child.tag != w("pPr"):
            group = None


def deleted_run(text: str, like: etree._Element | None) -> etree._Element:
    """A run of deleted text formatted like the run `like` (w:delText, w:tab, w:br)."""
    run = etree.Element(w("r"))
    rpr = like.find(w("rPr")) if like is not None else None
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for change in rpr.findall(w("rPrChange")):
            rpr.remove(change)
        run.append(rpr)
    chunk = ""
    for char in text + "\0":
        if char in "\t\n\0":
            if chunk:
                etree.SubElement(run, w("delText"), {XML_SPACE: "preserve"}).text = chunk
                chunk = ""
            if char != "\0":
                etree.SubElement(run, w("tab" if char == "\t" else "br"))
        else:
            chunk += char
    return run


def split_run(run: etree._Element, cuts: list[int]) -> list[etree._Element]:
    """Cut a run at character offsets (of its shown text) into runs with the same formatting;
    a zero-width child (a field mark, a drawing) goes with the piece it starts."""
    bounds = [0, *cuts]
    pieces = []
    for _ in bounds:
        piece = etree.Element(run.tag, dict(run.attrib))
        rpr = run.find(w("rPr"))
        if rpr is not None:
            piece.append(copy.deepcopy(rpr))
        pieces.append(piece)
    at = 0
    for child, text in run_content(run):
        if child.tag != w("t") or not text:
            index = max(i for i, b in enumerate(bounds) if b <= at)
            pieces[index].append(copy.deepcopy(child))
            at += len(text)
            continue
        for index, start in enumerate(bounds):
            end = bounds[index + 1] if index + 1 < len(bounds) else at + len(text)
            low, high = max(start, at), min(end, at + len(text))
            if low < high:
                t = etree.SubElement(pieces[index], w("t"), {XML_SPACE: "preserve"})
                t.text = text[low - at : high - at]
        at += len(text)
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)
    return pieces


def mark_inserted(block: etree._Element, marks: Marks) -> None:
    """Mark a NEW paragraph, row or table as inserted, with all its content."""
    for row in block.iter(w("tr")):
        mark_row(row, marks.new("ins"))
    for paragraph in list(block.iter(w("p"))):
        mark_paragraph(paragraph, marks.new("ins"))
        wrap_runs(paragraph, marks, "ins")


def deleted_copy(
    block: etree._Element, marks: Marks, list_id: Callable[[str], str]
) -> etree._Element:
    """A copy of an OLD paragraph, row or table, marked deleted, to stand in NEW; `list_id`
    gives NEW's numId for one of OLD's."""
    gone = copy.deepcopy(block)
    for element in list(gone.iter(*NOT_COPIED)):
        element.getparent().remove(element)
    for element in gone.iter():
        for name in [n for n in element.attrib if n.startswith(f"{{{W14}}}")]:
            del element.attrib[name]
    for link in list(gone.iter(w("hyperlink"))):  # its target is a relationship of OLD
        for name in [n for n in link.attrib if n.endswith("}id")]:
            del link.attrib[name]
    for section in list(gone.iter(w("sectPr"))):
        section.getparent().remove(section)
    for num_id in gone.iter(w("numId")):
        num_id.set(w("val"), list_id(num_id.get(w("val"), "0")))
    for node in gone.iter(w("t"), w("instrText")):
        node.tag = w("delText") if node.tag == w("t") else w("delInstrText")
    for row in gone.iter(w("tr")):
        mark_row(row, marks.new("del"))
    for paragraph in list(gone.iter(w("p"))):
        mark_paragraph(paragraph, marks.new("del"))
        wrap_runs(paragraph, marks, "del")
    return gone


def property_change(paragraph: etree._Element, old_ppr: etree._Element | None, marks: Marks,
                    list_id: Callable[[str], str]) -> None:
    """Track a change of paragraph properties: w:pPrChange keeps OLD's w:pPr."""
    saved = etree.Element(w("pPr"))
    for child in old_ppr if old_ppr is not None else []:
        if child.tag not in (w("rPr"), *PPR_TAIL):
            saved.append(copy.deepcopy(child))
    for num_id in saved.iter(w("numId")):
        num_id.set(w("val"), list_id(num_id.get(w("val"), "0")))
    change = marks.new("pPrChange")
    change.append(saved)
    ppr = _props(paragraph, "pPr")
    section = ppr.find(w("sectPr"))
    (section.addnext if section is not None else ppr.append)(change)


def max_id(root: etree._Element) -> int:
    """The largest w:id in a part (bookmarks, comments, changes): new marks start above it."""
    ids = [int(v) for v in root.xpath("//@w:id", namespaces=NS) if v.lstrip("-").isdigit()]
    return max(ids, default=0)
