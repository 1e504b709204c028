"""Rows of a body table parsed before (in a table with the same bytes up to its first row) are
left out of the parse (`check.skeleton.cut_rows`): that must never change what a file reads as,
nor what a broken file says. (Timings live in bench/, never here.)"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from dispatch_gen.check import check_docx, skeleton
from dispatch_gen.check.package import Package
from dispatch_gen.errors import InputError
from tests.fixtures_check import BASELINE, build
from tests.test_check_memo import model, with_document
from tests.test_check_skeleton import LANDSCAPE, forget

SUBJECT_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>"  # how the rows begin


def header_rows(change):  # noqa: ANN001, ANN201 - a change of the header table's rows
    def changed(xml: str) -> str:
        end = xml.index("</w:tbl>")
        return change(xml[:end]) + xml[end:]

    return changed


def wrapped_last_row(xml: str) -> str:
    """The header table's last row in a content control."""
    start = xml.rindex("<w:tr>")
    return xml[:start] + "<w:sdt><w:sdtContent>" + xml[start:] + "</w:sdtContent></w:sdt>"


def without_widths(xml: str) -> str:
    """The header table without grid and cell widths: its cells share the page's width."""
    xml = re.sub(r"<w:tblGrid>.*?</w:tblGrid>", "", xml)
    return re.sub(r"<w:tcW [^>]*/>", "", xml)


def cases() -> dict[str, bytes]:
    base = build(BASELINE)
    other = build(replace(BASELINE, number="Số: 2220/SGDĐT-VP"))
    third = build(replace(BASELINE, number="Số: 3330/SGDĐT-VP"))
    found = {
        "base": base,
        "number": other,  # the number row differs, the others are the same bytes
        "landscape": with_document(other, lambda x: x.replace("<w:sectPr>", LANDSCAPE)),
        "grid": with_document(other, lambda x: x.replace('<w:gridCol w:w="', '<w:gridCol w:w="1',
                                                         1)),  # fmt: skip
        "wrapped": with_document(other, header_rows(wrapped_last_row)),
        "spaced": with_document(other, header_rows(lambda x: x.replace("</w:tr><w:tr>",
                                                                       "</w:tr>\n <w:tr>"))),
        "attributes": with_document(other, header_rows(lambda x: x.replace(
            "<w:tr>", '<w:tr w:rsidR="00AB12CD">'))),
        "section": with_document(other, header_rows(lambda x: x.replace(
            "<w:jc ", '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr><w:jc ', 1))),
        "no-widths": with_document(other, header_rows(without_widths)),
        "no-widths-landscape": with_document(third, lambda x: header_rows(without_widths)(
            x.replace("<w:sectPr>", LANDSCAPE))),  # another number: the table is not known
        "comment": with_document(other, header_rows(lambda x: x.replace(
            "</w:tr>", "</w:tr><!-- ghi chú -->", 1))),
    }  # fmt: skip
    assert len(set(found.values())) == len(found)  # every change took
    return found


def test_a_row_parsed_before_reads_as_it_reads_alone():
    """Each letter reads and checks the same after the others as alone: rows known in another
    frame (a landscape page, where cells without widths are wider), under another head
    (another grid), in a content control, with spaces between them, with attributes, holding
    a section break, after a comment."""
    letters = cases()
    alone = {}
    for name, data in letters.items():
        forget()
        alone[name] = (model(data), check_docx(data))
    assert alone["landscape"][0] != alone["number"][0]
    assert alone["section"][0] != alone["number"][0]
    assert alone["no-widths-landscape"][0] != alone["no-widths"][0]
    forget()
    order = ["base", "number", "landscape", "grid", "base", "wrapped", "spaced", "number",
             "attributes", "section", "landscape", "comment", "base", "attributes", "grid",
             "number", "wrapped", "section", "spaced", "comment", "landscape", "base",
             "no-widths", "no-widths-landscape", "no-widths", "number",
             "no-widths-landscape"]  # fmt: skip
    for name in order:
        assert (model(letters[name]), check_docx(letters[name])) == alone[name], name


def plan(data: bytes) -> skeleton.Plan:
    pkg = Package(data)
    found = skeleton.parse(pkg, pkg.main, pkg.data(pkg.main))[1]
    assert found is not None
    return found


def test_the_rows_of_a_table_read_before_are_left_out_of_its_parse():
    letters = cases()
    forget()
    check_docx(letters["base"])
    assert plan(letters["number"]).rows[0].left_out == [True, False, True]  # the number's row
    assert plan(letters["grid"]).rows[0].left_out == [False, False, False]  # another head
    assert 0 not in plan(letters["wrapped"]).rows  # not cut: a row is not the table's own
    assert 0 not in plan(letters["comment"]).rows
    check_docx(letters["number"])
    assert plan(letters["section"]).rows[0].left_out == [False, True, True]  # row 0: a sectPr


@pytest.mark.parametrize("broken", [
    "<w:p><w:r></w:p>",  # an end tag that does not close
    "<w:p><w:r><w:t>&amp;&nbsp;</w:t></w:r></w:p>",  # an entity no DTD declares
    "<w:p>",  # a paragraph never closed
])  # fmt: skip
def test_a_letter_broken_in_a_row_says_what_it_says_alone(broken: str):
    """Its good rows were parsed before; its parse still fails where the whole part fails."""
    number = cases()["number"]
    bad = with_document(number, lambda x: x.replace("</w:tcPr>", "</w:tcPr>" + broken, 4))
    forget()
    with pytest.raises(InputError) as alone:
        check_docx(bad)
    forget()
    check_docx(build(BASELINE))
    assert any(plan(number).rows[0].left_out)
    with pytest.raises(InputError) as after:
        check_docx(bad)
    assert str(after.value) == str(alone.value)
    assert "dòng" in str(alone.value) or "DTD" in str(alone.value)
