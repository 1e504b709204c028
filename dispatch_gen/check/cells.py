"""Table rows and cells as the reader finds them: which w:tr and w:tc are a table's own, each
cell's width from the grid, its span and its margins, and a row read before handed out again.

A batch of letters repeats whole table rows (the header's agency and motto, the closing's
recipients and signature) file after file. `moved` gives a paragraph read before its place in
this file (its number, its table's number); `RowReading` is what reading a row added, kept by
`formats.Readings` under the row's markup and everything around it the row's reading used.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from dispatch_gen.check.model import Cell, Paragraph
from dispatch_gen.check.styles import cell_margins
from dispatch_gen.check.xml import attr, child, twips, w

DEFAULT_CELL_MARGIN = 108  # Word's "Table Normal": 0.19 cm each side
TBL, TR, TC = w("tbl"), w("tr"), w("tc")
TBL_GRID, GRID_COL, GRID_SPAN = w("tblGrid"), w("gridCol"), w("gridSpan")
TC_W, TC_MAR = w("tcW"), w("tcMar")

# What a table's rows are read with besides their own markup: story, part, table style, grid
# column widths, the table's and its style's cell margins, the width the table sits in.
Frame = tuple[str, str, str | None, tuple[int, ...], tuple[int | None, int | None],
              tuple[int | None, int | None], int]  # fmt: skip


class RowReading(NamedTuple):
    """What reading one row added: its paragraphs (text boxes' included) in order, the body
    list entries among them (position, list), how many paragraphs it numbered from which one,
    and the number of its table then. Rows holding a table are not kept (tables renumber)."""

    paragraphs: tuple[Paragraph, ...]
    numbered: tuple[tuple[int, tuple[str, int] | None], ...]
    count: int
    first: int
    table: int


def moved(para: Paragraph, index: int, cell: Cell | None) -> Paragraph:
    """A paragraph read before, numbered `index` and in `cell`, with its worked-out texts."""
    page = para.page_field_runs if para.page_field_runs is None else list(para.page_field_runs)
    found = Paragraph(index, para.story, para.part, para.props, list(para.runs), cell,
                      para.box_width, list(para.shapes), page)  # fmt: skip
    found.adopt_texts(para)
    return found


def replayed(paragraphs: tuple[Paragraph, ...] | list[Paragraph], shift: int,
             table_shift: int) -> list[Paragraph]:  # fmt: skip
    """Paragraphs read before, numbered `shift` paragraphs and `table_shift` tables further on."""
    cells: dict[Cell, Cell] = {}
    found = []
    for para in paragraphs:
        cell = para.cell
        if cell is not None and table_shift:
            cell = cells.get(cell) or cells.setdefault(
                cell, Cell(cell.table + table_shift, cell.row, cell.column, cell.width)
            )
        found.append(moved(para, para.index + shift, cell))
    return found


def rows(tbl: etree._Element) -> list[etree._Element]:
    """The table's own w:tr, including rows wrapped in content controls (not nested tables')."""
    return [tr for tr in tbl.iter(TR) if tr.getparent() is tbl or nearest(tr, TBL) is tbl]


def cells(tr: etree._Element) -> list[etree._Element]:
    """The row's own w:tc, including cells wrapped in content controls."""
    return [tc for tc in tr.iter(TC) if tc.getparent() is tr or nearest(tc, TR) is tr]


def grid_columns(tbl: etree._Element) -> list[etree._Element]:
    """The w:gridCol of the table's w:tblGrid (`tbl.iterfind("tblGrid/gridCol")`)."""
    return [col for grid in tbl if grid.tag == TBL_GRID for col in grid if col.tag == GRID_COL]


def nearest(el: etree._Element, tag: str) -> etree._Element | None:
    return next(el.iterancestors(tag), None)


def cell_props(
    tc_pr: etree._Element | None, grid: tuple[int, ...], column: int
) -> tuple[int, int, tuple[int | None, int | None]]:
    """(width from the grid or w:tcW, 0 if neither says; grid columns spanned; own margins)."""
    if tc_pr is None:
        return (sum(grid[column : column + 1]) if column + 1 <= len(grid) else 0), 1, (None, None)
    span = twips(attr(child(tc_pr, GRID_SPAN), "val")) or 1
    width = sum(grid[column : column + span]) if column + span <= len(grid) else 0
    tc_w = child(tc_pr, TC_W)
    if not width and tc_w is not None and attr(tc_w, "type") in (None, "dxa"):
        width = twips(attr(tc_w, "w")) or 0
    return width, span, cell_margins(child(tc_pr, TC_MAR))


def first_margin(candidates: tuple[int | None, ...]) -> int:
    """The first margin given (the cell's own, the table's, its style's), else Word's default."""
    for margin in candidates:
        if margin is not None:
            return margin
    return DEFAULT_CELL_MARGIN
