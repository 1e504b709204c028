"""Reads any .docx (ours, Word's, LibreOffice's) into the model the checks walk (`model`).

Owns the walk over the stories in reading order: body, tables (each cell's usable width from the
grid, spans and cell margins), text boxes, headers and footers; page sections; drawn line shapes
(DrawingML and VML, mc:Fallback copies skipped); PAGE fields, simple and complex. Formatting comes
resolved by `styles.StyleSheet`. Nothing here knows Decree 30.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from lxml import etree

from dispatch_gen.check import skeleton
from dispatch_gen.check.cells import (
    Frame,
    RowReading,
    cell_props,
    cells,
    first_margin,
    grid_columns,
    replayed,
    rows,
)
from dispatch_gen.check.formats import Formats, Readings, remembered
from dispatch_gen.check.model import Cell, Document, Paragraph, Run, Section
from dispatch_gen.check.package import Package, R
from dispatch_gen.check.shapes import MC, drawn
from dispatch_gen.check.styles import RunProps, cell_margins
from dispatch_gen.check.xml import attr, child, grandchild, local, on, twips, w
from dispatch_gen.errors import InputError

STORIES_KEPT = 64  # header and footer parts remembered per style set
LABELS_KEPT = 20_000  # body paragraphs in the sequences of lists remembered, per style set
PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")
P_PR, R_PR, SECT_PR, SDT_CONTENT = w("pPr"), w("rPr"), w("sectPr"), w("sdtContent")
TBL_PR, TC_PR, W_W = w("tblPr"), w("tcPr"), w("w")
TR_PR, GRID_BEFORE = w("trPr"), w("gridBefore")
TBL_STYLE, TBL_CELL_MAR = w("tblStyle"), w("tblCellMar")
TEXT_OF = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
DRAWINGS = ("drawing", "pict", "AlternateContent", "object")
INLINE_WRAPPERS = ("hyperlink", "ins", "smartTag", "customXml", "moveTo", "dir", "bdo")


class Context(NamedTuple):
    """Where a block is read: its story and part, its table cell, the width it has, the table
    style around it (a tuple: one is made for every table cell)."""

    story: str
    part: str
    cell: Cell | None
    box_width: int
    table_style: str | None


class Walker:
    """Walks stories in reading order, building Paragraphs."""

    def __init__(self, formats: Formats, sections: list[Section]) -> None:
        self.formats = formats
        self.sheet = formats.sheet
        self.sections = sections
        self.section = 0
        self.tables = 0
        self.count = 0
        # body paragraphs in order, each with its list (numId, ilvl) or None
        self.numbered: list[tuple[Paragraph, tuple[str, int] | None]] = []
        self.readings = Readings(formats, formats.readings, trial=200)
        self.rows = Readings(formats, formats.rows, trial=50)
        self.keyed = True  # whether paragraphs are looked up among those read before
        # the body table about to be walked, when `skeleton` cut it into rows
        self.cut: skeleton.TableCut | None = None

    def blocks(self, parent: etree._Element | None, ctx: Context, out: list[Paragraph]) -> None:
        for node in [] if parent is None else parent:
            self.block(node, ctx, out)

    def block(self, node: etree._Element, ctx: Context, out: list[Paragraph]) -> None:
        tag = local(node)
        if tag == "p":
            self.paragraph(node, ctx, out)
            in_body = ctx.story == "body" and ctx.cell is None
            if in_body and grandchild(node, P_PR, SECT_PR) is not None:
                self.section = min(self.section + 1, len(self.sections) - 1)
        elif tag == "tbl":
            self.table(node, ctx, out)
        elif tag in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
            self.blocks(node, ctx, out)
        elif tag == "AlternateContent":
            self.blocks(node.find(f"{{{MC}}}Choice"), ctx, out)

    def story(self, pkg: Package, ctx: Context) -> list[Paragraph]:
        """The paragraphs of a header or footer part. A part with the same bytes, read before
        in the same context, is not parsed again: its paragraphs are renumbered in this file."""
        data = pkg.data(ctx.part)
        key = (data, ctx.story, ctx.part, ctx.box_width, self.body_width())  # a table: the page
        known = self.formats.stories.get(key)
        if known is None:
            found: list[Paragraph] = []
            start, tables = self.count, self.tables
            self.blocks(pkg.parse(ctx.part, data), ctx, found)
            if len(self.formats.stories) < STORIES_KEPT:
                known = (found, self.count - start, self.tables - tables, start, tables)
                self.formats.stories[key] = known
            return found
        found, count, tables, start, first_table = known
        shift, table_shift = self.count - start, self.tables - first_table
        self.count += count
        self.tables += tables
        return replayed(found, shift, table_shift)

    def body_width(self) -> int:
        return self.sections[self.section].text_width

    def table(self, tbl: etree._Element, ctx: Context, out: list[Paragraph]) -> None:
        self.tables += 1
        number = self.tables
        props = child(tbl, TBL_PR)
        style = attr(child(props, TBL_STYLE), "val")
        grid = tuple(twips(g.get(W_W)) or 0 for g in grid_columns(tbl))
        margins = cell_margins(child(props, TBL_CELL_MAR))
        box = ctx.box_width if ctx.cell else self.body_width()
        frame: Frame = (ctx.story, ctx.part, style, grid, margins,
                        self.sheet.table_margins(style), box)  # fmt: skip
        seen = self.formats.seen_frame(frame)  # rows of a frame met once are not looked up
        cut, self.cut = self.cut, None
        for row_number, row in enumerate(rows(tbl) if cut is None else skeleton.own_rows(tbl)):
            if cut is not None:  # the same bytes in a table with the same head: the same markup
                key = cut.key(row_number, frame)  # (costs nothing to make: always asked)
                if cut.cut.left_out[row_number] and key not in self.rows.store:
                    row = cut.alone(row_number)
            else:
                key = self.rows.key(row, row_number, frame) if seen else None
            known: RowReading | None = self.rows.get(key)
            if known is not None:  # the same row in the same frame: the same paragraphs
                found = replayed(known.paragraphs, self.count - known.first, number - known.table)
                self.count += known.count
                self.numbered += [(found[i], lists) for i, lists in known.numbered]
                out += found
                continue
            start, first, listed, tables = len(out), self.count, len(self.numbered), self.tables
            self.row(row, row_number, number, frame, ctx, out)
            if key is not None and self.tables == tables:
                added = tuple(out[start:])
                where = {id(p): i for i, p in enumerate(added)}
                numbered = tuple((where[id(p)], lists) for p, lists in self.numbered[listed:])
                self.rows.put(key, RowReading(added, numbered, self.count - first, first, number))

    def row(self, row: etree._Element, row_number: int, number: int, frame: Frame, ctx: Context,
            out: list[Paragraph]) -> None:  # fmt: skip
        _, _, style, grid, margins, style_margins, box = frame
        before = grandchild(row, TR_PR, GRID_BEFORE)
        column = twips(attr(before, "val")) or 0
        row_cells = cells(row)
        for tc in row_cells:
            tc_pr = child(tc, TC_PR)
            width, span, own = cell_props(tc_pr, grid, column)
            width = width or box // max(len(row_cells), 1)
            left, right = (first_margin((own[i], margins[i], style_margins[i])) for i in (0, 1))
            cell = Cell(number, row_number, column, width - left - right)
            inner = Context(ctx.story, ctx.part, cell, cell.width, style)
            self.blocks(tc, inner, out)
            column += span

    def paragraph(self, p: etree._Element, ctx: Context, out: list[Paragraph]) -> None:
        in_table = ctx.cell is not None
        box = ctx.box_width if ctx.story != "body" or ctx.cell else self.body_width()
        key = self.readings.key(p, ctx.table_style, in_table) if self.keyed else None
        known = self.readings.get(key)
        if known is not None:  # the same markup was read before: the same runs and formatting
            props, lists, runs, shapes, page, first = known
            para = Paragraph(self.count, ctx.story, ctx.part, props, list(runs), ctx.cell, box,
                             list(shapes), None if page is None else list(page))  # fmt: skip
            para.adopt_texts(first)
            self.count += 1
            if ctx.story == "body":
                self.numbered.append((para, lists))
            out.append(para)
            return
        props, lists = self.formats.paragraph(child(p, P_PR), ctx.table_style, in_table)
        para = Paragraph(self.count, ctx.story, ctx.part, props, [], ctx.cell, box)
        self.count += 1
        if ctx.story == "body":
            self.numbered.append((para, lists))
        boxes: list[tuple[etree._Element, int]] = []
        fields: list[tuple[str, list[Run]]] = []
        self.inline(p, para, ctx, boxes, fields)
        para.runs = [r for r in para.runs if r.text and not r.props.hidden]
        out.append(para)
        if key is not None and not boxes:  # a text box is read as paragraphs of its own
            page = None if para.page_field_runs is None else tuple(para.page_field_runs)
            reading = (props, lists, tuple(para.runs), tuple(para.shapes), page, para)
            self.readings.put(key, reading)
        for content, width in boxes:
            inner = Context("textbox", ctx.part, None, width or box, None)
            self.blocks(content, inner, out)

    def inline(
        self,
        parent: etree._Element,
        para: Paragraph,
        ctx: Context,
        boxes: list[tuple[etree._Element, int]],
        fields: list[tuple[str, list[Run]]],
    ) -> None:
        for node in parent:
            tag = local(node)
            if tag == "r":
                self.run(node, para, ctx, boxes, fields)
            elif tag == "fldSimple":
                start = len(para.runs)
                self.inline(node, para, ctx, boxes, fields)
                if PAGE_FIELD.search(attr(node, "instr") or ""):
                    runs = para.runs[start:] or [Run("", self.props(None, para, ctx))]
                    para.page_field_runs = (para.page_field_runs or []) + runs
            elif tag in INLINE_WRAPPERS:
                self.inline(node, para, ctx, boxes, fields)
            elif tag == "sdt":
                content = child(node, SDT_CONTENT)
                if content is not None:
                    self.inline(content, para, ctx, boxes, fields)

    def props(self, rpr: etree._Element | None, para: Paragraph, ctx: Context) -> RunProps:
        return self.formats.run(rpr, para.props.style, ctx.table_style, para.cell is not None)

    def run(
        self,
        r: etree._Element,
        para: Paragraph,
        ctx: Context,
        boxes: list[tuple[etree._Element, int]],
        fields: list[tuple[str, list[Run]]],
    ) -> None:
        props = self.props(child(r, R_PR), para, ctx)
        text: list[str] = []
        for node in r:
            tag = local(node)
            if tag == "t":
                text.append(node.text or "")
            elif tag in TEXT_OF:
                text.append(TEXT_OF[tag])
            elif tag == "fldChar":
                kind = attr(node, "fldCharType")
                if kind == "begin":
                    fields.append(("", []))
                elif kind == "end" and fields:
                    instr, runs = fields.pop()
                    if PAGE_FIELD.search(instr):
                        para.page_field_runs = (para.page_field_runs or []) + runs
            elif tag == "instrText" and fields:
                fields[-1] = (fields[-1][0] + (node.text or ""), fields[-1][1])
            elif tag in DRAWINGS:
                drawn(node, para, boxes)
        run = Run("".join(text), props)
        if fields:
            fields[-1][1].append(run)
        para.runs.append(run)


def read_section(sect: etree._Element, rels: dict[str, tuple[str, str]]) -> Section:
    size = child(sect, w("pgSz"))
    mar = child(sect, w("pgMar"))

    def get(el: etree._Element | None, name: str, default: int = 0) -> int:
        return abs(twips(attr(el, name)) or default)

    def refs(tag: str) -> dict[str, str]:
        found = {}
        for ref in sect.iter(w(tag)):
            rid = ref.get(f"{{{R}}}id", "")
            if rid in rels:
                found[attr(ref, "type") or "default"] = rels[rid][1]
        return found

    title = child(sect, w("titlePg"))
    return Section(
        width=get(size, "w"),
        height=get(size, "h"),
        orient=attr(size, "orient") or "portrait",
        top=get(mar, "top"),
        bottom=get(mar, "bottom"),
        left=get(mar, "left") + get(mar, "gutter"),
        right=get(mar, "right"),
        title_page=title is not None and attr(title, "val") not in ("0", "false", "off"),
        headers=refs("headerReference"),
        footers=refs("footerReference"),
    )


def list_labels(numbered: list[tuple[Paragraph, tuple[str, int] | None]], formats: Formats) -> None:
    """Give each numbered body paragraph the label Word draws and its number format, counted
    as `text` counts them (review.numbering); counted once per sequence of lists (a batch's
    letters have the same)."""
    key = tuple([props for _, props in numbered])  # the counting depends on nothing else
    found = formats.labels.get(key)
    if found is None:
        lists = formats.lists
        labels = lists.count(enumerate(key))
        levels = [lists.levels(props[0]).get(props[1]) if props else None for props in key]
        found = tuple((labels.get(i, ""), level.fmt if level else "")
                      for i, level in enumerate(levels))  # fmt: skip
        if formats.labels_size + len(key) <= LABELS_KEPT:
            formats.labels[key] = found
            formats.labels_size += len(key)
    for (para, _), (label, label_format) in zip(numbered, found, strict=True):
        para.label, para.label_format = label, label_format


def read_formats(pkg: Package, targets: dict[str, str]) -> Formats:
    """The file's Formats: styles, theme and numbering parsed only if no file read before in this
    process had the same bytes."""
    names = tuple(targets.get(kind) for kind in ("styles", "theme", "numbering"))
    found = tuple(pkg.data(name) for name in names)
    return remembered("formats", found, lambda: Formats(
        *(pkg.parse(name, data) for name, data in zip(names, found, strict=True))))  # fmt: skip


def even_and_odd(pkg: Package, part: str | None) -> bool:
    """Whether settings.xml turns on different headers for even pages."""

    def work() -> bool:
        settings = pkg.parse(part, data)
        return settings is not None and any(on(el) for el in settings.iter(w("evenAndOddHeaders")))

    data = pkg.data(part)
    return remembered("settings", (data,), work)


def read_docx(source: str | os.PathLike[str] | bytes) -> Document:
    """Open a .docx and build its Document; InputError if it cannot be read."""
    pkg = Package(source)
    rels = pkg.relations(pkg.main)
    targets = {kind: path for kind, path in rels.values()}
    data = pkg.data(pkg.main)
    root, plan = skeleton.parse(pkg, pkg.main, data)
    body = child(root, w("body"))
    if body is not None and plan is not None and not skeleton.fits(body, plan):
        root, plan = pkg.parse(pkg.main, data), None  # not as cut: read whole
        body = child(root, w("body"))
    if body is None:
        raise InputError(
            "tệp không có nội dung văn bản (w:body)",
            "tệp không phải văn bản Word; hãy lưu lại dưới dạng .docx",
            pkg.where,
        )
    formats = read_formats(pkg, targets)
    sect_elements = [s for s in body.iter(w("sectPr")) if local(s.getparent()) in ("pPr", "body")]
    sections = [read_section(s, rels) for s in sect_elements] or [
        read_section(etree.Element(w("sectPr")), rels)
    ]
    walker = Walker(formats, sections)
    paragraphs: list[Paragraph] = []
    ctx = Context("body", pkg.main, None, sections[0].text_width, None)
    if plan is None:
        walker.blocks(body, ctx, paragraphs)
    else:
        skeleton.walk(walker, pkg, body, ctx, plan, paragraphs)
    list_labels(walker.numbered, formats)
    parts: dict[str, list[Paragraph]] = {}
    for section in sections:
        for story, refs in (("header", section.headers), ("footer", section.footers)):
            for part in refs.values():
                if part not in parts:
                    ctx = Context(story, part, None, sections[0].text_width, None)
                    parts[part] = walker.story(pkg, ctx)
    even = even_and_odd(pkg, targets.get("settings"))
    return Document(paragraphs, parts, sections, even)
