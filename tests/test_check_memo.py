"""What `check` remembers from file to file must never change what it reads: a table row read
before is reused only with the same markup, in the same place and frame, and renumbered into
the file that repeats it. (Timings live in bench/, never here.)"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace

import pytest

from dispatch_gen.check import check_docx, formats
from dispatch_gen.check.reader import read_docx
from dispatch_gen.docx import layout
from tests.fixtures_check import BASELINE, build

LEFT, RIGHT = layout.CLOSING_LEFT_WIDTH, layout.CLOSING_RIGHT_WIDTH
GRID = f'<w:gridCol w:w="{LEFT}"/><w:gridCol w:w="{RIGHT}"/>'
NEW_GRID = f'<w:gridCol w:w="{LEFT + 600}"/><w:gridCol w:w="{RIGHT - 600}"/>'
LISTED = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
          "<w:r><w:t>Mục trong bảng</w:t></w:r></w:p>")  # fmt: skip
SMALL_TABLE = ('<w:tbl><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:p><w:r>'
               "<w:t>Bảng phụ</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")  # fmt: skip


def with_document(data: bytes, change: Callable[[str], str]) -> bytes:
    """The same package with its document.xml changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = change(content.decode()).encode()
            target.writestr(info, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def last_row_twice(xml: str) -> str:
    """The closing table's row repeated: the same markup at row 0 and row 1."""
    start = xml.rindex("<w:tr>")
    end = xml.index("</w:tr>", start) + len("</w:tr>")
    return xml[:end] + xml[start:end] + xml[end:]


def into_closing_row(content: str) -> Callable[[str], str]:
    """A change that puts `content` first in the closing row's first cell."""

    def change(xml: str) -> str:
        at = xml.index("</w:tcPr>", xml.rindex("<w:tr>")) + len("</w:tcPr>")
        return xml[:at] + content + xml[at:]

    return change


def model(data: bytes) -> str:
    doc = read_docx(data)
    return repr((doc.paragraphs, doc.parts, doc.sections, doc.even_and_odd_headers))


def letters() -> dict[str, bytes]:
    base = build(BASELINE)
    found = {
        "base": base,
        "signer": build(replace(BASELINE, signer="Nguyễn Văn An")),
        "grid": with_document(base, lambda x: x.replace(GRID, NEW_GRID)),
        "row-twice": with_document(base, last_row_twice),
        "table-before": with_document(base, lambda x: x.replace("<w:body>",
                                                                 "<w:body>" + SMALL_TABLE)),
        "listed-row": with_document(base, into_closing_row(LISTED)),
        "nested": with_document(base, into_closing_row(SMALL_TABLE)),
    }  # fmt: skip
    found["nested-after-table"] = with_document(found["nested"], lambda x: x.replace(
        "<w:body>", "<w:body>" + SMALL_TABLE))  # fmt: skip
    assert len(set(found.values())) == len(found)  # every change took
    return found


def test_a_row_read_before_reads_as_it_reads_alone():
    """Each letter reads (paragraphs, cells, numbers) and checks the same after the others as
    alone: a row's text differs (signer), its table's grid differs, the same row comes twice in
    one table, a table before it renumbers tables and paragraphs."""
    cases = letters()
    alone = {}
    for name, data in cases.items():
        formats._MEMORY.clear()
        alone[name] = (model(data), check_docx(data))
    assert alone["grid"][0] != alone["base"][0]  # the cells are wider: the change shows
    formats._MEMORY.clear()
    order = ["base", "signer", "base", "grid", "row-twice", "table-before", "base", "signer",
             "grid", "table-before", "row-twice", "listed-row", "nested", "listed-row",
             "nested-after-table", "nested", "nested-after-table"]  # fmt: skip
    for name in order:
        assert (model(cases[name]), check_docx(cases[name])) == alone[name], name
    (style_set,) = [f for f in formats._MEMORY.values() if isinstance(f, formats.Formats)]
    assert style_set.rows  # rows were kept, so the letters above did reuse them


def test_a_row_read_before_is_renumbered():
    """The closing row, reused in a letter with a table before it, sits in table 3 (not 2) and
    its paragraphs are numbered after the extra table's."""
    cases = letters()
    formats._MEMORY.clear()
    base = read_docx(cases["base"])
    moved = read_docx(cases["table-before"])
    signer = [p for p in base.paragraphs if p.text == BASELINE.signer]
    signer_moved = [p for p in moved.paragraphs if p.text == BASELINE.signer]
    assert [p.cell.table for p in signer] == [2]
    assert [p.cell.table for p in signer_moved] == [3]
    assert signer_moved[0].index == signer[0].index + 1
    assert [p.index for p in moved.paragraphs] == list(range(len(moved.paragraphs)))


def test_a_row_read_before_keeps_its_row_and_its_list_number():
    """The same row twice in one table: the second is row 1; a list item in a reused row keeps
    its number (the body's item is 1., this one 2.)."""
    cases = letters()
    formats._MEMORY.clear()
    for _ in range(2):  # read, then from what was read
        twice = read_docx(cases["row-twice"])
        signers = [p.cell.row for p in twice.paragraphs if p.text == BASELINE.signer]
        assert signers == [0, 1]
        listed = read_docx(cases["listed-row"])
        assert [p.label for p in listed.paragraphs if p.text == "Mục trong bảng"] == ["2."]


def test_a_part_inflated_before_is_reused_only_with_the_same_bytes_and_crc():
    """The same deflated bytes under another declared CRC are a CRC error still, after the good
    file was read, and so are other deflated bytes under the same CRC and size; another
    document is its own bytes."""
    from dispatch_gen.docx import unpack
    from dispatch_gen.errors import InputError
    from tests.test_unpack import DOCUMENT, crc_error_deflated, parts, rezip

    good = rezip(parts())
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo(DOCUMENT)
    flipped = bytearray(good)  # one deflated byte changed, the declared CRC and size kept
    at = info.header_offset + 30 + len(DOCUMENT) + len(info.extra) + info.compress_size // 2
    flipped[at] ^= 1
    other = rezip([(n, d.replace(b"</w:body>", b"<w:p/></w:body>")) for n, d in parts()])
    for _ in range(2):  # inflated, then remembered
        text = unpack.Archive(good, "dung.docx").read(DOCUMENT)
        assert text == dict(parts())[DOCUMENT]
        assert text in unpack._INFLATED.values()
        assert unpack.Archive(other, "khac.docx").read(DOCUMENT).endswith(b"<w:p/></w:body>"
                                                                          b"</w:document>")
        with pytest.raises(InputError, match="sai mã kiểm tra CRC"):
            unpack.Archive(crc_error_deflated(), "hong.docx").read(DOCUMENT)
        with pytest.raises(InputError, match=f"phần {DOCUMENT} hỏng"):
            unpack.Archive(bytes(flipped), "hong.docx").read(DOCUMENT)
