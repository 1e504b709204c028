"""Tracked changes settled: "Accept all" and "Reject all", as Word does them, on a .docx.

Used by `redline` (each side is settled before comparing), by the tests (a redline accepted
must read as NEW, rejected as OLD) and by anything that checks a redline. What each does:

- run-level w:ins/w:moveTo (accept) or w:del/w:moveFrom (reject) keep their runs, unwrapped;
  the other kind is removed with its runs; rejected deletions turn w:delText back into w:t;
- a paragraph whose mark is removed (a deleted mark accepted, an inserted mark rejected) runs
  on into the next paragraph; where none follows, an emptied paragraph is dropped;
- table rows marked inserted/deleted (w:trPr) are kept or removed, an emptied table goes;
- property changes (w:pPrChange, w:rPrChange, … ) are dropped on accept, restored on reject.
"""

from __future__ import annotations

from lxml import etree

from dispatch_gen.review.package import Package, Source, w

STORIES = {w("document"), w("hdr"), w("ftr"), w("footnotes"), w("endnotes"), w("comments")}
MARK_HOLDERS = {w("rPr"), w("trPr"), w("tcPr")}  # where w:ins/w:del mark a paragraph/row/cell
PROPERTY_CHANGES = {
    w("pPrChange"): {w("rPr"), w("sectPr"), w("pPrChange")},  # kept from the current pPr
    w("rPrChange"): {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange")},
    w("sectPrChange"): {w("headerReference"), w("footerReference"), w("sectPrChange")},
    w("tblPrChange"): {w("tblPrChange")},
    w("trPrChange"): {w("ins"), w("del"), w("trPrChange")},
    w("tcPrChange"): {w("cellIns"), w("cellDel"), w("cellMerge"), w("tcPrChange")},
    w("tblPrExChange"): {w("tblPrExChange")},
    w("tblGridChange"): {w("tblGridChange")},
}
RANGE_MARKS = {w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                              "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                              "customXmlDelRangeStart", "customXmlDelRangeEnd")}
REJECTED_TEXT = {w("delText"): w("t"), w("delInstrText"): w("instrText")}


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _drop(element)


def _drop(element: etree._Element) -> None:
    """Remove an element, keeping the text that follows it (its tail) in place."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _next_paragraph(paragraph: etree._Element) -> etree._Element | None:
    node = paragraph.getnext()
    while node is not None and node.tag != w("p"):
        if node.tag == w("tbl"):
            return None
        node = node.getnext()
    return node


def _join_next(paragraph: etree._Element) -> None:
    """The paragraph mark is gone: the content runs on into the next paragraph."""
    content = [child for child in paragraph if child.tag != w("pPr")]
    following = _next_paragraph(paragraph)
    if following is not None:
        ppr = following.find(w("pPr"))
        at = 0 if ppr is None else following.index(ppr) + 1
        for offset, child in enumerate(content):
            following.insert(at + offset, child)
        _drop(paragraph)
        return
    container = paragraph.getparent()
    siblings = [p for p in container if p.tag == w("p")]
    has_text = any(r.tag == w("r") for c in content for r in c.iter())
    if not has_text and (container.tag == w("body") or len(siblings) > 1):
        _drop(paragraph)


def _settle(root: etree._Element, accept: bool) -> None:
    keep = {w("ins"), w("moveTo")} if accept else {w("del"), w("moveFrom")}
    gone = {w("del"), w("moveFrom")} if accept else {w("ins"), w("moveTo")}
    keep_cell, gone_cell = (w("cellIns"), w("cellDel")) if accept else (w("cellDel"), w("cellIns"))
    for mark in list(root.iter(*RANGE_MARKS)):
        _drop(mark)
    for row in list(root.iter(w("tr"))):
        marks = row.find(w("trPr"))
        if marks is not None and any(marks.find(tag) is not None for tag in gone):
            table = row.getparent()
            _drop(row)
            if table is not None and table.find(f".//{w('tr')}") is None:
                _drop(table)
    for cell in list(root.iter(w("tc"))):
        props = cell.find(w("tcPr"))
        if props is not None and props.find(gone_cell) is not None:
            _drop(cell)
    joining = []
    for element in list(root.iter(*keep, *gone, keep_cell)):
        if element.getparent() is None:
            continue  # inside something already removed
        holder = element.getparent().tag
        if holder in MARK_HOLDERS:
            if element.tag in gone and holder == w("rPr"):
                joining.append(element.getparent().getparent().getparent())
            _drop(element)
        elif element.tag in gone:
            _drop(element)
        else:
            _unwrap(element)
    if not accept:
        for text in list(root.iter(*REJECTED_TEXT)):
            text.tag = REJECTED_TEXT[text.tag]
    for paragraph in joining:
        if paragraph is not None and paragraph.tag == w("p") and paragraph.getparent() is not None:
            _join_next(paragraph)
    for change in list(root.iter(*PROPERTY_CHANGES)):
        if not accept:
            _restore(change)
        _drop(change)


def _restore(change: etree._Element) -> None:
    """Reject a property change: the saved properties replace the current ones."""
    current = change.getparent()
    saved = change[0] if len(change) else None
    kept = PROPERTY_CHANGES[change.tag]
    for child in list(current):
        if child.tag not in kept:
            _drop(child)
    if saved is not None:
        for offset, child in enumerate(list(saved)):
            current.insert(offset, child)


def accept_tree(root: etree._Element) -> None:
    """Accept every tracked change in one story (document, header, footer, notes), in place."""
    _settle(root, accept=True)


def reject_tree(root: etree._Element) -> None:
    """Reject every tracked change in one story, in place."""
    _settle(root, accept=False)


def _story_parts(package: Package) -> list[str]:
    names = [package.main_part]
    names += sorted(
        name for name in package.blobs
        if name.startswith("word/") and name.endswith(".xml") and name != package.main_part
        and any(k in name for k in ("header", "footer", "footnotes", "endnotes", "comments"))
    )
    return [name for name in names if package.xml(name).tag in STORIES]


def settle_package(package: Package, accept: bool) -> Package:
    """Accept or reject every tracked change in a package's stories, in place."""
    for part in _story_parts(package):
        _settle(package.xml(part), accept)
        package.changed.add(part)
    return package


def accept_all(source: Source) -> bytes:
    """The .docx with every tracked change accepted (what NEW says)."""
    return settle_package(Package.open(source), accept=True).to_bytes()


def reject_all(source: Source) -> bytes:
    """The .docx with every tracked change rejected (what OLD said)."""
    return settle_package(Package.open(source), accept=False).to_bytes()
