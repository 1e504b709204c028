"""A Quyết định's front (Mẫu 1.1-1.3), laid out between its title block and its articles: the
issuing authority UPPER bold centred, the Căn cứ lines italic as body paragraphs, and
"QUYẾT ĐỊNH:" bold centred. Every string comes from compose; this module only places them."""

from __future__ import annotations

from dispatch_gen.blocks import Letter
from dispatch_gen.docx import layout as L
from dispatch_gen.docx.metrics import balanced_lines
from dispatch_gen.docx.tables import CELL_MARGIN
from dispatch_gen.docx.wordml import para, run


def decision_front(letter: Letter) -> str:
    """The issuing authority, the Căn cứ lines and “QUYẾT ĐỊNH:”; "" for any other letter."""
    if not letter.decided_by:
        return ""
    room = (L.TEXT_WIDTH - 2 * CELL_MARGIN) / 20
    lines = balanced_lines(letter.decided_by, room, L.SIZE_DECIDED_BY, bold=True)
    out = para(
        "<w:r><w:br/></w:r>".join(run(line, L.SIZE_DECIDED_BY, bold=True) for line in lines),
        "center",
        after=L.DECIDED_BY_SPACE_AFTER,
        keep_next=True,
    )
    out += "".join(para(run(line, italic=True), style="BodyText") for line in letter.grounds)
    return out + para(
        run(f"{letter.kind}:", L.SIZE_ENACTING, bold=True),
        "center",
        before=L.ENACTING_SPACE,
        after=L.ENACTING_SPACE,
        keep_next=True,
    )
