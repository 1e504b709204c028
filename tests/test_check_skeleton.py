"""Body blocks parsed before are left out of the parse (`check.skeleton`): that must never change
what a file reads as, nor what a broken file says. (Timings live in bench/, never here.)"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace

import pytest

from dispatch_gen.check import check_docx, formats, skeleton
from dispatch_gen.check.package import Package
from dispatch_gen.errors import InputError
from tests.fixtures_check import BASELINE, build
from tests.test_check_memo import SMALL_TABLE, into_closing_row, model, with_document

# A section break at the end of the body: every block is then read on a landscape page.
LANDSCAPE = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
             '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/>'
             "</w:sectPr></w:pPr></w:p><w:sectPr>")  # fmt: skip


# A paragraph whose comment holds what looks like its end and another paragraph.
SHOWN = "<w:p><w:r><w:t>ẩn</w:t></w:r></w:p>"
HIDDEN = f"<w:p><!-- </w:p>{SHOWN} -->"


def with_part(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content,
                            zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


def forget() -> None:
    formats._MEMORY.clear()
    skeleton._SEEN.clear()
    skeleton._SEEN_SIZE[0] = 0
    skeleton._ROWS.clear()
    skeleton._ROWS_SIZE[0] = 0


def first_block_end(xml: str) -> int:
    return xml.index("</w:tbl>") + len("</w:tbl>")


def cases() -> dict[str, bytes]:
    base = build(BASELINE)
    found = {
        "base": base,
        "signer": build(replace(BASELINE, signer="Nguyễn Văn An")),
        "landscape": with_document(base, lambda x: x.replace("<w:sectPr>", LANDSCAPE)),
        "comment": with_document(base, lambda x: x[: first_block_end(x)] + "<!-- ghi chú -->"
                                 + x[first_block_end(x) :]),
        "spaced": with_document(base, lambda x: x.replace("</w:p><w:p>", "</w:p>\n  <w:p>")
                                .replace("<w:body>", "<w:body>\n ")),
        "attributes": with_document(base, lambda x: x.replace("<w:p>", '<w:p w:rsidR="00AB12CD">')
                                    .replace("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>",
                                             "<w:p/>")),
        "hidden": with_document(base, lambda x: x[: first_block_end(x)] + HIDDEN
                                + x[first_block_end(x) + len("<w:p>") :]),
        "shown": with_document(base, lambda x: x[: first_block_end(x)] + SHOWN
                               + x[first_block_end(x) :]),
        "two-bodies": with_document(base, lambda x: x.replace("<w:body>", "<w:background>"
                                    f"<w:body>{SHOWN}</w:body></w:background><w:body>", 1)),
        "table-before": with_document(base, lambda x: x.replace("<w:body>",
                                                                 "<w:body>" + SMALL_TABLE)),
        "nested": with_document(base, into_closing_row(SMALL_TABLE)),
        "styles": with_part(base, "word/styles.xml",
                            lambda x: x.replace(b'w:val="28"', b'w:val="24"', 1)),
    }  # fmt: skip
    assert len(set(found.values())) == len(found)  # every change took
    return found


def test_a_block_parsed_before_reads_as_it_reads_alone():
    """Each letter reads (paragraphs, cells, sections) and checks the same after the others as
    alone: another signer, a landscape section (other widths), a comment in the body or in a
    paragraph (hiding what looks like a paragraph, then shown), a w:body that is not the
    document's, spaces
    between blocks, attributes and empty paragraphs, a table before, a nested table, another
    style set with the same document.xml (its blocks are then parsed alone)."""
    letters = cases()
    alone = {}
    for name, data in letters.items():
        forget()
        alone[name] = (model(data), check_docx(data))
    assert alone["landscape"][0] != alone["base"][0]
    assert alone["styles"][0] != alone["base"][0]
    forget()
    order = ["base", "signer", "landscape", "base", "comment", "hidden", "spaced", "attributes",
             "table-before", "base", "nested", "styles", "signer", "landscape", "spaced",
             "attributes", "comment", "base", "styles", "nested", "table-before", "hidden",
             "base", "hidden", "landscape", "shown", "two-bodies", "base",
             "two-bodies"]  # fmt: skip
    for name in order:
        assert (model(letters[name]), check_docx(letters[name])) == alone[name], name
    style_sets = [f for f in formats._MEMORY.values() if isinstance(f, formats.Formats)]
    assert all(s.blocks for s in style_sets)  # blocks were handed out again


def test_the_blocks_of_a_letter_read_before_are_left_out_of_its_parse():
    forget()
    base = build(BASELINE)
    check_docx(base)
    pkg = Package(base)
    root, plan = skeleton.parse(pkg, pkg.main, pkg.data(pkg.main))
    assert plan is not None and len(plan.blocks) > 3 and all(plan.left_out)
    assert root is not None and len(root[-1]) == len(plan.blocks) + 1  # and the w:sectPr
    assert all(skeleton.is_placeholder(node) for node in root[-1][:-1])


@pytest.mark.parametrize("broken", [
    "<w:p><w:r></w:p>",  # an end tag that does not close
    "<w:p><w:r><w:t>&amp;&nbsp;</w:t></w:r></w:p>",  # an entity no DTD declares
    "<w:p>",  # a paragraph never closed
])  # fmt: skip
def test_a_broken_letter_says_what_it_says_alone(broken: str):
    """Its good blocks were parsed before; its parse still fails where the whole part fails."""
    base = build(BASELINE)
    bad = with_document(base, lambda x: x.replace("<w:sectPr>", broken + "<w:sectPr>"))
    forget()
    with pytest.raises(InputError) as alone:
        check_docx(bad)
    forget()
    check_docx(base)
    with pytest.raises(InputError) as after:
        check_docx(bad)
    assert str(after.value) == str(alone.value)
    assert "dòng" in str(alone.value) or "DTD" in str(alone.value)
