"""Body tables (bảng trong nội dung): column widths from the measured text, header row repeated.

A column is never narrower than its widest word, so figures like `1.695.150` never break; the
body cells' full widths share out the rest, and headers wrap. A bold label in the
last row (TOÀN TỈNH) spans the empty cells after it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from dispatch_gen.blocks import Span, Table
from dispatch_gen.docx import layout as L
from dispatch_gen.docx.metrics import text_width_pt

GRID_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
CELL_MARGIN = 57  # twips each side (1 mm); written on every table, not left to the style
CELL_MARGINS = (
    f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
    f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
)
PADDING = 2 * CELL_MARGIN + 40  # cell margins either side, and a little air (twips)

Cells = tuple[tuple[Span, ...], ...]


def _text(spans: tuple[Span, ...]) -> str:
    return spans[0].text if len(spans) == 1 else "".join(s.text for s in spans)


def _bold(spans: tuple[Span, ...]) -> bool:
    """Whether a cell is measured bold: most cells are one span (a name, a figure)."""
    return spans[0].bold if len(spans) == 1 else any(s.bold for s in spans)


@lru_cache(maxsize=8192)
def _measure(text: str, bold: bool) -> tuple[int, int]:
    """(widest word, whole text) in twips at the table's font size; kept per string (a batch
    prints the same headers and totals in every letter)."""
    words = text.split() or [""]
    whole = text_width_pt(text, L.SIZE_TABLE, bold)
    widest = whole if words == [text] else max(text_width_pt(w, L.SIZE_TABLE, bold) for w in words)
    return round(widest * 20) + PADDING, round(whole * 20) + PADDING


def label_span(row: Cells, columns: int) -> int:
    """How many columns a total row's bold label covers: itself and the empty cells after it."""
    if not row or not row[0] or not all(s.bold for s in row[0]):
        return 1
    span = 1
    while span < columns and span < len(row) and not _text(row[span]).strip():
        span += 1
    return span


def column_widths(block: Table, available: int = L.TEXT_WIDTH) -> list[int]:
    """Widths in twips that fill `available`: every column at least its widest word."""
    columns = len(block.header)
    least, natural = _row_sizes(block.header, True, 0, columns)
    for number, row in enumerate(block.rows, start=1):
        first = label_span(row, columns) if number == len(block.rows) else 1
        words, wholes = _row_sizes(row, False, first if first > 1 else 0, columns)
        least, natural = list(map(max, least, words)), list(map(max, natural, wholes))
    natural = [max(lo, hi) for lo, hi in zip(least, natural, strict=True)]
    if sum(least) >= available:
        return [available * w // sum(least) for w in least]
    if sum(natural) <= available:
        return [available * w // sum(natural) for w in natural]
    spare = (available - sum(least)) / (sum(natural) - sum(least))
    return [round(lo + (hi - lo) * spare) for lo, hi in zip(least, natural, strict=True)]


Sizes = tuple[tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=1024)
def _row_sizes(row: Cells, head: bool, first: int, columns: int) -> Sizes:
    """One row's (widest word, whole text) per column in twips, counting its cells from `first`
    (a total row's label spans the cells before) up to `columns`; PADDING elsewhere. A header's
    whole text does not count: a header may wrap, the figures and names should not. Kept per row:
    a batch's letters share their header and total rows."""
    words, wholes = [PADDING] * columns, [PADDING] * columns
    for i in range(first, min(columns, len(row))):
        words[i], whole = _measure(_text(row[i]), head or _bold(row[i]))
        if not head:
            wholes[i] = whole
    return tuple(words), tuple(wholes)


Row = tuple[Cells, bool, int, tuple[str, ...]]  # cells, head, merge, align
# Rows written before, without links or notes, each cell's XML after its width: a batch repeats
# its header and total rows in every letter, at column widths that change with the data rows.
_ROWS: dict[Row, tuple[str, ...]] = {}
_ROWS_KEPT = 256


def table_xml(block: Table, spans: Callable[[tuple[Span, ...]], str]) -> str:
    """The w:tbl of a body table; `spans` writes a cell's runs (it records hyperlinks, and
    writes plain runs alike every time: rows without links are kept as written)."""
    widths = tuple(column_widths(block))
    columns = len(widths)

    def row(cells: Cells, head: bool, last: bool) -> str:
        merge = label_span(cells, columns) if last and not head else 1
        key = (cells, head, merge, block.align)
        found = _ROWS.get(key)
        if found is None:
            found = _cells_xml(key, columns, spans)
            if any(span.link or span.note for cell in cells for span in cell):
                pass  # numbered links and notes: written where they stand, never kept
            else:
                if len(_ROWS) >= _ROWS_KEPT:
                    _ROWS.clear()
                _ROWS[key] = found
        # the first cell covers `merge` columns, each later cell its own
        props = "<w:cantSplit/><w:tblHeader/>" if head else "<w:cantSplit/>"
        return (
            f"<w:tr><w:trPr>{props}</w:trPr>"
            + "".join(map(_cell, (sum(widths[:merge]), *widths[merge:]), found))
            + "</w:tr>"
        )

    body = row(block.header, True, False) + "".join(
        row(r, False, n == len(block.rows) - 1) for n, r in enumerate(block.rows)
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{GRID_BORDERS}'
        f'<w:tblLayout w:type="fixed"/>{CELL_MARGINS}<w:tblLook w:val="0020"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def _cell(width: int, rest: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{rest}'


def _cells_xml(row: Row, columns: int, spans: Callable[[tuple[Span, ...]], str]) -> tuple[str, ...]:
    """A w:tr's cells after their widths: the header's bold and centred, a total row's label
    over `merge` cells."""
    cells, head, merge, align = row
    out, i = [], 0
    while i < columns:
        content = cells[i] if i < len(cells) else ()
        if head:
            content = tuple(Span(s.text, True, s.italic, s.link) for s in content)
        jc = "center" if head or (i == 0 and merge > 1) else align[i]
        span = f'<w:gridSpan w:val="{merge}"/>' if i == 0 and merge > 1 else ""
        out.append(
            f'{span}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{jc}"/></w:pPr>'
            f"{spans(content)}</w:p></w:tc>"
        )
        i += merge if i == 0 else 1
    return tuple(out)
