"""The WordprocessingML pieces every part of a letter is built from: escaped text, runs,
paragraphs with direct properties, the Decree 30 rules (paragraph borders), table cells and the
borderless tables that place the header and closing. Strings in, XML strings out."""

from __future__ import annotations

from dispatch_gen.docx import layout as L
from dispatch_gen.docx.tables import CELL_MARGIN, CELL_MARGINS

NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
    + '<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
)


def esc(text: str) -> str:
    """XML-escape text and attribute values."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def run(text: str, size: float | None = None, bold: bool = False, italic: bool = False) -> str:
    """One w:r; size in points when it differs from the paragraph style's."""
    rpr = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    if size is not None:
        half = L.half_points(size)
        rpr += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(
    runs: str,
    jc: str = "",
    style: str = "",
    before: int = 0,
    after: int = 0,
    indent: str = "",
    extra: str = "",
    keep_next: bool = False,
) -> str:
    """One w:p with direct paragraph properties."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += "<w:keepNext/>" if keep_next else ""
    ppr += extra
    if before or after:
        ppr += f'<w:spacing w:before="{before}" w:after="{after}"/>'
    ppr += indent
    ppr += f'<w:jc w:val="{jc}"/>' if jc else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def rule(length: int, cell: int) -> str:
    """A solid centred rule `length` twips long in a cell `cell` twips wide (ô 1 and ô 2)."""
    side = max(0, (cell - 2 * CELL_MARGIN - length) // 2)
    border = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="{L.RULE_SIZE}" w:space="0" w:color="000000"/>'
        "</w:pBdr>"
    )
    return (
        f"<w:p><w:pPr>{border}"
        f'<w:spacing w:before="0" w:after="0" w:line="{L.RULE_GAP}" w:lineRule="exact"/>'
        f'<w:ind w:left="{side}" w:right="{side}"/><w:jc w:val="center"/>'
        '<w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    )


def twips(points: float) -> int:
    return round(points * 20)


def cell(content: str, width: int, valign: str = "") -> str:
    v = f'<w:vAlign w:val="{valign}"/>' if valign else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v}</w:tcPr>{content}</w:tc>'


def layout_table(rows: list[list[str]], widths: tuple[int, int], indent: int) -> str:
    """A borderless fixed-width table used to place the header and closing blocks."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(cell(c, w) for c, w in zip(row, widths, strict=True))
        + "</w:tr>"
        for row in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{indent}" w:type="dxa"/>{NO_BORDERS}'
        f'<w:tblLayout w:type="fixed"/>{CELL_MARGINS}'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'
    )
