"""The Word redline: NEW's .docx in which every difference from OLD is a tracked change.

A clerk opens it in Word or LibreOffice and sees, as "Track Changes", what the new draft
changed: w:ins around inserted runs, w:del (with w:delText) around deleted text, a deleted
paragraph as OLD's paragraph with its mark deleted, an inserted one with its mark inserted,
table rows inserted or deleted whole (w:trPr), and a list item whose numbering changed with
w:pPrChange. Inside a changed paragraph only the changed words are marked: runs of NEW are cut
at the word boundaries and keep their formatting; deleted text takes the formatting of the NEW
run at that place. Header and closing tables are compared cell by cell, so a changed date or
number shows as a tracked change in place.

Both sides are settled first (`changes`), so tracked changes already in a file do not count.
The result is NEW's package with only word/document.xml (and, if OLD's deleted list items need
it, word/numbering.xml) rewritten, deterministic for the same inputs. Accepting every change
gives NEW's text, rejecting every change gives OLD's (the tests hold it to that). Formatting-only
differences (a run made bold, a new indent) are not tracked; moves are a deletion plus an
insertion; OLD's images and note references are not copied into deleted text.
"""

from __future__ import annotations

import copy
from datetime import datetime

from lxml import etree

from dispatch_gen.errors import InputError
from dispatch_gen.review.align import PAIR_THRESHOLD, Edit, align, similarity, word_edits
from dispatch_gen.review.changes import settle_package
from dispatch_gen.review.diff import label_shape, line_key, line_similarity
from dispatch_gen.review.marking import (
    Marks,
    deleted_copy,
    deleted_run,
    mark_inserted,
    max_id,
    property_change,
    revision_date,
    split_run,
)
from dispatch_gen.review.package import NUMBERING, Package, Source, w
from dispatch_gen.review.reading import (
    Letter,
    blocks,
    cells,
    iter_runs,
    normalize,
    row_cells,
    run_content,
)


class Redliner:
    """Walks OLD and NEW side by side and writes the differences into NEW's document."""

    def __init__(self, old: Letter, new: Letter, marks: Marks) -> None:
        self.old, self.new, self.marks = old, new, marks
        self.num_map = self._learn_lists()

    # ---------------------------------------------------------------- keys and pairing

    def _text(self, letter: Letter, paragraph: etree._Element) -> str:
        label = letter.labels.get(paragraph, "")
        text = normalize(letter.texts.get(paragraph, ""))
        return f"{label} {text}".strip()

    def _key(self, letter: Letter, block: etree._Element) -> tuple:
        if block.tag == w("p"):
            line = letter.line(block, "paragraph")
            return ("p", line_key(line)[1:]) if line else ("p", "")
        return ("tbl", tuple(self._row_text(letter, tr) for tr, _ in cells(block)))

    def _row_text(self, letter: Letter, row: etree._Element) -> str:
        return " | ".join(
            " ".join(self._text(letter, p) for p in cell.iter(w("p"))) for cell in row_cells(row)
        )

    def _similar(self, old: etree._Element, new: etree._Element) -> float:
        if old.tag != new.tag:
            return 0.0
        if old.tag == w("p"):
            alike = similarity(self._text(self.old, old), self._text(self.new, new))
            # in a table cell a changed figure is the same cell: pair them, however unalike
            return max(alike, PAIR_THRESHOLD) if new.getparent().tag == w("tc") else alike
        width = [len(cs) for _, cs in cells(old)][:1] == [len(cs) for _, cs in cells(new)][:1]
        joined = [" ".join(self._key(letter, t)[1]) for letter, t in ((self.old, old),
                                                                      (self.new, new))]
        return 0.5 + 0.5 * similarity(*joined) if width else 0.0

    def _learn_lists(self) -> dict[str, str]:
        """OLD's list ids as NEW's, from list items that both versions share."""
        old_lines, new_lines = self.old.lines(), self.new.lines()
        found: dict[str, str] = {}
        pairs = align([line_key(x) for x in old_lines], [line_key(x) for x in new_lines],
                      lambda i, j: line_similarity(old_lines[i], new_lines[j]))
        for pair in pairs:
            if pair.old is None or pair.new is None:
                continue
            o, n = old_lines[pair.old].element, new_lines[pair.new].element
            old_num, new_num = self.old.numbering.num_props(o), self.new.numbering.num_props(n)
            if old_num and new_num:
                found.setdefault(old_num[0], new_num[0])
        return found

    # ---------------------------------------------------------------- containers

    def container(self, old_parent: etree._Element, new_parent: etree._Element) -> None:
        """Align the blocks of a body or a cell and mark what differs."""
        olds, news = list(blocks(old_parent)), list(blocks(new_parent))
        pairs = align(
            [self._key(self.old, b) for b in olds],
            [self._key(self.new, b) for b in news],
            lambda i, j: self._similar(olds[i], news[j]),
        )
        anchor: etree._Element | None = None
        for pair in pairs:
            if pair.new is None:
                gone = deleted_copy(olds[pair.old], self.marks, self.list_id)
                anchor = self._place(gone, anchor, news, new_parent)
                continue
            block = news[pair.new]
            if pair.old is None:
                mark_inserted(block, self.marks)
            elif not pair.same:
                if block.tag == w("p"):
                    self.paragraph(olds[pair.old], block)
                else:
                    self.table(olds[pair.old], block)
            anchor = block

    @staticmethod
    def _place(
        element: etree._Element,
        anchor: etree._Element | None,
        news: list[etree._Element],
        parent: etree._Element,
    ) -> etree._Element:
        """Put a deleted block from OLD after the last block placed, or first in `parent`."""
        if anchor is not None:
            anchor.addnext(element)
        elif news:
            news[0].addprevious(element)
        else:
            end = parent.find(w("sectPr"))
            if end is not None:
                end.addprevious(element)
            else:
                parent.append(element)
        return element

    def table(self, old: etree._Element, new: etree._Element) -> None:
        old_rows, new_rows = list(cells(old)), list(cells(new))
        old_keys = [self._row_text(self.old, row) for row, _ in old_rows]
        new_keys = [self._row_text(self.new, row) for row, _ in new_rows]

        def alike(i: int, j: int) -> float:
            if len(old_rows[i][1]) != len(new_rows[j][1]):
                return 0.0
            return similarity(old_keys[i], new_keys[j])

        pairs = align(old_keys, new_keys, alike)
        anchor: etree._Element | None = None
        for pair in pairs:
            if pair.new is None:
                row = deleted_copy(old_rows[pair.old][0], self.marks, self.list_id)
                anchor = self._place(row, anchor, [r for r, _ in new_rows], new)
                continue
            row, row_cells = new_rows[pair.new]
            if pair.old is None:
                mark_inserted(row, self.marks)
            elif not pair.same:
                for old_cell, new_cell in zip(old_rows[pair.old][1], row_cells, strict=True):
                    self.container(old_cell, new_cell)
            anchor = row

    # ---------------------------------------------------------------- whole blocks

    def list_id(self, old_id: str) -> str:
        """NEW's numId for an OLD list: the list both share, else OLD's list copied in."""
        if old_id == "0" or old_id in self.num_map:
            return self.num_map.get(old_id, "0")
        self.num_map[old_id] = self._import_list(old_id)
        return self.num_map[old_id]

    def _import_list(self, old_id: str) -> str:
        old_numbering = self.old.package.related_xml(NUMBERING)
        part = self.new.package.related(NUMBERING)
        if old_numbering is None or part is None:
            return "0"
        numbering = self.new.package.xml(part)
        num = old_numbering.find(f"{w('num')}[@{w('numId')}='{old_id}']")
        if num is None:
            return "0"
        aid = num.find(w("abstractNumId")).get(w("val"))
        abstract = old_numbering.find(f"{w('abstractNum')}[@{w('abstractNumId')}='{aid}']")
        ids = [int(n.get(w("numId"), "0")) for n in numbering.iter(w("num"))]
        aids = [int(a.get(w("abstractNumId"), "0")) for a in numbering.iter(w("abstractNum"))]
        new_num, new_aid = str(max(ids, default=0) + 1), str(max(aids, default=0) + 1)
        if abstract is not None:
            abstract = copy.deepcopy(abstract)
            abstract.set(w("abstractNumId"), new_aid)
            for unique in abstract.findall(w("nsid")) + abstract.findall(w("tmpl")):
                abstract.remove(unique)
            first_num = numbering.find(w("num"))
            (first_num.addprevious if first_num is not None else numbering.append)(abstract)
        num = copy.deepcopy(num)
        num.set(w("numId"), new_num)
        num.find(w("abstractNumId")).set(w("val"), new_aid)
        cleanup = numbering.find(w("numIdMacAtCleanup"))
        (cleanup.addprevious if cleanup is not None else numbering.append)(num)
        self.new.package.changed.add(part)
        return new_num

    # ---------------------------------------------------------------- a changed paragraph

    def paragraph(self, old: etree._Element, new: etree._Element) -> None:
        old_label, new_label = self.old.labels.get(old, ""), self.new.labels.get(new, "")
        if label_shape(old_label) != label_shape(new_label):
            property_change(new, old.find(w("pPr")), self.marks, self.list_id)
        old_text, new_text = self.old.texts.get(old, ""), self.new.texts.get(new, "")
        edits = [e for e in word_edits(old_text, new_text) if e.op != "equal"]
        if edits:
            self.words(new, old_text, edits)

    def words(self, paragraph: etree._Element, old_text: str, edits: list[Edit]) -> None:
        """Mark the changed words of a paired paragraph in its NEW runs."""
        inserted = [e.new for e in edits if e.new[0] < e.new[1]]
        deletions = [(e.new[0], old_text[slice(*e.old)]) for e in edits if e.old[0] < e.old[1]]
        cuts = {p for span in inserted for p in span} | {at for at, _ in deletions}
        pieces: list[tuple[etree._Element, int, int]] = []
        at = 0
        for run in list(iter_runs(paragraph)):
            length = sum(len(text) for _, text in run_content(run))
            inner = sorted(c - at for c in cuts if at < c < at + length)
            parts = split_run(run, inner) if inner else [run]
            bounds = [0, *inner, length]
            pieces += [(p, at + bounds[i], at + bounds[i + 1]) for i, p in enumerate(parts)]
            at += length
        wrapper: dict[etree._Element, etree._Element] = {}
        group: etree._Element | None = None
        for piece, start, end in pieces:
            inside = any(s <= start and end <= e and (start < end or s < start < e)
                         for s, e in inserted)
            if not inside:
                group = None
                continue
            if group is None or group.getnext() is not piece:
                group = self.marks.new("ins")
                piece.addprevious(group)
            group.append(piece)
            wrapper[piece] = group
        for where, text in deletions:
            starting = [p for p, s, e in pieces if s == where and s < e]
            holding = [p for p, s, e in pieces if s <= where < e] or [
                p for p, s, e in pieces if e == where and s < e]
            mark = self.marks.new("del")
            mark.append(deleted_run(text, holding[0] if holding else None))
            if starting:
                outer = wrapper.get(starting[0], starting[0])
                outer.addprevious(mark)
            elif pieces:
                last = pieces[-1][0]
                wrapper.get(last, last).addnext(mark)
            else:
                paragraph.append(mark)


def redline(
    old: Source | Package, new: Source | Package, author: str, date: datetime | str | None
) -> bytes:
    """NEW's .docx with the differences from OLD as tracked changes by `author` at `date`
    (None: no date). OLD and NEW are .docx files (path or bytes), YAML letters, or packages
    already open (they are changed in place)."""
    if not author or not author.strip():
        raise InputError("thiếu tên người sửa (tác giả của các thay đổi)", "ví dụ --author 'VT'")
    stamp = revision_date(date)
    old_package = old if isinstance(old, Package) else Package.open(old)
    new_package = new if isinstance(new, Package) else Package.open(new)
    old_letter = Letter(settle_package(old_package, accept=True))
    settle_package(new_package, accept=True)
    new_letter = Letter(new_package)
    marks = Marks(author.strip(), stamp, max_id(new_letter.root) + 1)
    try:
        Redliner(old_letter, new_letter, marks).container(old_letter.body, new_letter.body)
    except ValueError as err:  # lxml refuses control characters in the author name
        raise InputError(f"không ghi được tên người sửa {author!r}: {err}") from err
    new_package.changed.add(new_package.main_part)
    return new_package.to_bytes()
