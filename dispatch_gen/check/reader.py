"""Reads any .docx (ours, Word's, LibreOffice's) into the model the checks walk (`model`).

Owns the walk over the stories in reading order: body, tables (each cell's usable width from the
grid, spans and cell margins), text boxes, headers and footers; page sections; drawn line shapes
(DrawingML and VML, mc:Fallback copies skipped); PAGE fields, simple and complex. Formatting comes
resolved by `styles.StyleSheet`. Nothing here knows Decree 30.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from lxml import etree

from dispatch_gen.check.model import Cell, Document, Paragraph, Run, Section
from dispatch_gen.check.package import A, Package, R
from dispatch_gen.check.styles import (
    RunProps,
    StyleSheet,
    attr,
    cell_margins,
    on,
    read_character_style,
    read_ppr,
    twips,
    w,
)
from dispatch_gen.errors import InputError
from dispatch_gen.review.numbering import Numbering

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
EMU_PER_PT = 12700
DEFAULT_CELL_MARGIN = 108  # Word's "Table Normal": 0.19 cm each side
LINE_MAX_HEIGHT_PT = 3.0  # a drawn shape this thin counts as a line
CSS_UNITS = {
    "pt": 1.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "px": 0.75,
    "pc": 12.0,
    "": 0.75,
}
PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")


def local(el: etree._Element) -> str:
    """Local name of an element ('' for comments and processing instructions)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass(frozen=True)
class Context:
    story: str
    part: str
    cell: Cell | None
    box_width: int
    table_style: str | None


class Walker:
    """Walks stories in reading order, building Paragraphs."""

    def __init__(self, sheet: StyleSheet, sections: list[Section]) -> None:
        self.sheet = sheet
        self.sections = sections
        self.section = 0
        self.tables = 0
        self.count = 0
        self.elements: list[tuple[Paragraph, etree._Element]] = []  # body paragraphs, in order

    def blocks(self, parent: etree._Element | None, ctx: Context, out: list[Paragraph]) -> None:
        for child in [] if parent is None else parent:
            tag = local(child)
            if tag == "p":
                self.paragraph(child, ctx, out)
                if (
                    ctx.story == "body"
                    and ctx.cell is None
                    and child.find(f"{w('pPr')}/{w('sectPr')}") is not None
                ):
                    self.section = min(self.section + 1, len(self.sections) - 1)
            elif tag == "tbl":
                self.table(child, ctx, out)
            elif tag in ("sdt", "customXml", "sdtContent", "ins", "moveTo"):
                self.blocks(child, ctx, out)
            elif tag == "AlternateContent":
                self.blocks(child.find(f"{{{MC}}}Choice"), ctx, out)

    def body_width(self) -> int:
        return self.sections[self.section].text_width

    def table(self, tbl: etree._Element, ctx: Context, out: list[Paragraph]) -> None:
        self.tables += 1
        number = self.tables
        props = tbl.find(w("tblPr"))
        style = attr(props.find(w("tblStyle")), "val") if props is not None else None
        grid = [twips(attr(g, "w")) or 0 for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        margins = cell_margins(props.find(w("tblCellMar")) if props is not None else None)
        style_margins = self.sheet.table_margins(style)
        box = ctx.box_width if ctx.cell else self.body_width()
        for row_number, row in enumerate(rows(tbl)):
            before = row.find(f"{w('trPr')}/{w('gridBefore')}")
            column = twips(attr(before, "val")) or 0
            row_cells = cells(row)
            for tc in row_cells:
                tc_pr = tc.find(w("tcPr"))
                span_el = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                span = twips(attr(span_el, "val")) or 1
                width = sum(grid[column : column + span]) if column + span <= len(grid) else 0
                tc_w = tc_pr.find(w("tcW")) if tc_pr is not None else None
                if not width and tc_w is not None and attr(tc_w, "type") in (None, "dxa"):
                    width = twips(attr(tc_w, "w")) or 0
                width = width or box // max(len(row_cells), 1)
                own = cell_margins(tc_pr.find(w("tcMar")) if tc_pr is not None else None)
                left, right = (
                    next(
                        (m[i] for m in (own, margins, style_margins) if m[i] is not None),
                        DEFAULT_CELL_MARGIN,
                    )
                    for i in (0, 1)
                )
                cell = Cell(number, row_number, column, width - left - right)
                inner = Context(ctx.story, ctx.part, cell, cell.width, style)
                self.blocks(tc, inner, out)
                column += span

    def paragraph(self, p: etree._Element, ctx: Context, out: list[Paragraph]) -> None:
        direct = read_ppr(p.find(w("pPr")))
        props = self.sheet.paragraph(direct, ctx.table_style, ctx.cell is not None)
        box = ctx.box_width if ctx.story != "body" or ctx.cell else self.body_width()
        para = Paragraph(self.count, ctx.story, ctx.part, props, [], ctx.cell, box)
        self.count += 1
        if ctx.story == "body":
            self.elements.append((para, p))
        boxes: list[tuple[etree._Element, int]] = []
        fields: list[tuple[str, list[Run]]] = []
        self.inline(p, para, ctx, boxes, fields)
        para.runs = [r for r in para.runs if r.text and not r.props.hidden]
        out.append(para)
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
        for child in parent:
            tag = local(child)
            if tag == "r":
                self.run(child, para, ctx, boxes, fields)
            elif tag == "fldSimple":
                start = len(para.runs)
                self.inline(child, para, ctx, boxes, fields)
                if PAGE_FIELD.search(attr(child, "instr") or ""):
                    runs = para.runs[start:] or [Run("", self.props({}, para, ctx))]
                    para.page_field_runs = (para.page_field_runs or []) + runs
            elif tag in ("hyperlink", "ins", "smartTag", "customXml", "moveTo", "dir", "bdo"):
                self.inline(child, para, ctx, boxes, fields)
            elif tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, para, ctx, boxes, fields)

    def props(self, layer: dict[str, object], para: Paragraph, ctx: Context) -> RunProps:
        return self.sheet.run(layer, para.props.style, ctx.table_style, para.cell is not None)

    def run(
        self,
        r: etree._Element,
        para: Paragraph,
        ctx: Context,
        boxes: list[tuple[etree._Element, int]],
        fields: list[tuple[str, list[Run]]],
    ) -> None:
        props = self.props(read_character_style(r.find(w("rPr")), self.sheet.theme), para, ctx)
        text: list[str] = []
        for child in r:
            tag = local(child)
            if tag == "t":
                text.append(child.text or "")
            elif tag == "tab":
                text.append("\t")
            elif tag in ("br", "cr"):
                text.append("\n")
            elif tag == "noBreakHyphen":
                text.append("-")
            elif tag == "fldChar":
                kind = attr(child, "fldCharType")
                if kind == "begin":
                    fields.append(("", []))
                elif kind == "end" and fields:
                    instr, runs = fields.pop()
                    if PAGE_FIELD.search(instr):
                        para.page_field_runs = (para.page_field_runs or []) + runs
            elif tag == "instrText" and fields:
                fields[-1] = (fields[-1][0] + (child.text or ""), fields[-1][1])
            elif tag in ("drawing", "pict", "AlternateContent", "object"):
                drawn(child, para, boxes)
        run = Run("".join(text), props)
        if fields:
            fields[-1][1].append(run)
        para.runs.append(run)


def rows(tbl: etree._Element) -> list[etree._Element]:
    """The table's own w:tr, including rows wrapped in content controls (not nested tables')."""
    return [tr for tr in tbl.iter(w("tr")) if next(tr.iterancestors(w("tbl")), None) is tbl]


def cells(tr: etree._Element) -> list[etree._Element]:
    """The row's own w:tc, including cells wrapped in content controls."""
    return [tc for tc in tr.iter(w("tc")) if next(tc.iterancestors(w("tr")), None) is tr]


def drawn(el: etree._Element, para: Paragraph, boxes: list[tuple[etree._Element, int]]) -> None:
    """Collect line shapes and text boxes drawn in a run (mc:Fallback copies skipped)."""
    if local(el) == "AlternateContent":
        choice = el.find(f"{{{MC}}}Choice")
        for child in [] if choice is None else choice:
            drawn(child, para, boxes)
        return
    for frame in el.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
        extent = frame.find(f"{{{WP}}}extent")
        cx = int(extent.get("cx", "0")) if extent is not None else 0
        cy = int(extent.get("cy", "0")) if extent is not None else 0
        shape = frame.find(f".//{{{WPS}}}wsp")
        if shape is None:
            continue
        content = shape.find(f".//{w('txbxContent')}")
        if content is not None:
            boxes.append((content, cx * 20 // EMU_PER_PT))
            continue
        geom = shape.find(f".//{{{A}}}prstGeom")
        preset = "" if geom is None else geom.get("prst") or ""
        if preset in ("line", "straightConnector1") or cy / EMU_PER_PT <= LINE_MAX_HEIGHT_PT:
            para.shapes.append(cx / EMU_PER_PT)
    for shape in el.iter(f"{{{V}}}line", f"{{{V}}}shape", f"{{{V}}}rect"):
        content = shape.find(f".//{w('txbxContent')}")
        style = css(shape.get("style", ""))
        if content is not None:
            boxes.append((content, round(style.get("width", 0) * 20)))
        elif local(shape) == "line":
            x1 = css_length((shape.get("from") or "0,0").split(",")[0])
            x2 = css_length((shape.get("to") or "0,0").split(",")[0])
            para.shapes.append(abs(x2 - x1))
        elif style.get("height", LINE_MAX_HEIGHT_PT + 1) <= LINE_MAX_HEIGHT_PT:
            para.shapes.append(style.get("width", 0.0))


def css_length(value: str) -> float:
    """A VML/CSS length in points."""
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not match:
        return 0.0
    return float(match.group(1)) * CSS_UNITS.get(match.group(2), 0.75)


def css(style: str) -> dict[str, float]:
    """width/height (pt) of a VML style attribute."""
    found: dict[str, float] = {}
    for item in style.split(";"):
        key, _, value = item.partition(":")
        if key.strip() in ("width", "height"):
            found[key.strip()] = css_length(value)
    return found


def read_section(sect: etree._Element, rels: dict[str, tuple[str, str]]) -> Section:
    size = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))

    def get(el: etree._Element | None, name: str, default: int = 0) -> int:
        return abs(twips(attr(el, name)) or default)

    def refs(tag: str) -> dict[str, str]:
        found = {}
        for ref in sect.iter(w(tag)):
            rid = ref.get(f"{{{R}}}id", "")
            if rid in rels:
                found[attr(ref, "type") or "default"] = rels[rid][1]
        return found

    title = sect.find(w("titlePg"))
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


def list_labels(
    elements: list[tuple[Paragraph, etree._Element]],
    numbering: etree._Element | None,
    styles: etree._Element | None,
) -> None:
    """Give each numbered body paragraph the label Word draws and its number format, counted
    as `text` counts them (review.numbering)."""
    lists = Numbering(numbering, styles)
    labels = lists.labels(element for _, element in elements)
    for para, element in elements:
        props = lists.num_props(element)
        level = lists.levels(props[0]).get(props[1]) if props else None
        para.label = labels.get(element, "")
        para.label_format = level.fmt if level else ""


def read_docx(source: str | os.PathLike[str] | bytes) -> Document:
    """Open a .docx and build its Document; InputError if it cannot be read."""
    pkg = Package(source)
    rels = pkg.relations(pkg.main)
    targets = {kind: path for kind, path in rels.values()}
    root = pkg.xml(pkg.main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        raise InputError(
            "tệp không có nội dung văn bản (w:body)",
            "tệp không phải văn bản Word; hãy lưu lại dưới dạng .docx",
            pkg.where,
        )
    sheet = StyleSheet(
        pkg.xml(targets.get("styles")),
        pkg.xml(targets.get("theme")),
        pkg.xml(targets.get("numbering")),
    )
    sect_elements = [s for s in body.iter(w("sectPr")) if local(s.getparent()) in ("pPr", "body")]
    sections = [read_section(s, rels) for s in sect_elements] or [
        read_section(etree.Element(w("sectPr")), rels)
    ]
    walker = Walker(sheet, sections)
    paragraphs: list[Paragraph] = []
    walker.blocks(body, Context("body", pkg.main, None, sections[0].text_width, None), paragraphs)
    list_labels(walker.elements, pkg.xml(targets.get("numbering")), pkg.xml(targets.get("styles")))
    parts: dict[str, list[Paragraph]] = {}
    for section in sections:
        for story, refs in (("header", section.headers), ("footer", section.footers)):
            for part in refs.values():
                if part not in parts:
                    parts[part] = []
                    element = pkg.xml(part)
                    ctx = Context(story, part, None, sections[0].text_width, None)
                    walker.blocks(element, ctx, parts[part])
    settings = pkg.xml(targets.get("settings"))
    even = settings is not None and any(on(el) for el in settings.iter(w("evenAndOddHeaders")))
    return Document(paragraphs, parts, sections, even)
