"""What a batch reuses from letter to letter gives what writing afresh gives: the faster searches
find what the plain ones found, and a kept table row is never taken for a different one.
(Timings live in bench/, never here.)"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from dispatch_gen import markup
from dispatch_gen.blocks import Span, Table
from dispatch_gen.docx import tables
from dispatch_gen.docx.document import BodyWriter
from dispatch_gen.errors import InputError
from dispatch_gen.vietnamese import POINT_LETTERS


def test_odd_characters_are_nul_backtick_and_every_space_but_space_and_newline():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    plain = re.compile(r"[\x00`]|[^\S \n]")  # as first written: slow to search, plain to read
    assert markup._ODD.findall(everything) == plain.findall(everything)


_LINE = st.sampled_from(
    ["", " ", "Đoạn văn.", "a) Một", "  đ) Hai", "1. Ba", "12) Bốn", "- Năm", "+ Sáu", "* Bảy",
     "# Tám", "> trích", "| a | b |", "```", "~~~", "[x]: y", "    thụt", "3.", "9.x", "-x", "\t-"]
)  # fmt: skip
_TEXT = st.lists(_LINE, max_size=10).map("\n".join)


@settings(max_examples=1500)
@given(_TEXT)
def test_block_lines_are_found_where_a_multiline_search_finds_them(text: str):
    whole = re.compile("^" + markup._BLOCK_START, re.MULTILINE)  # as first written
    found = bool(markup._BLOCK_LINE.match(text) or markup._LATER_BLOCK_LINE.search(text))
    assert found == bool(whole.search(text))


@settings(max_examples=1500)
@given(_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_list_items_are_found_where_a_multiline_search_finds_them(text: str, a: int, b: int):
    # `groups` searches from a cut (a line's start) to the next group's start
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    pos, end = starts[a % len(starts)], max(starts[a % len(starts)], b)
    whole = re.compile("^" + markup._ITEM_START, re.MULTILINE)
    found = markup._LIST_ITEM.match(text, pos, end) or markup._LATER_LIST_ITEM.search(
        text, pos, end
    )
    assert bool(found) == bool(whole.search(text, pos, end))


@settings(max_examples=1500)
@given(_TEXT)
def test_points_are_renumbered_as_the_plain_substitution_does(text: str):
    plain = markup._TYPED_POINT.sub(lambda m: f"{m[1]}{POINT_LETTERS.index(m[2]) + 1})", text)
    assert markup._typed_points(text) == plain


def _cells(*texts: str, bold: bool = False) -> tuple[tuple[Span, ...], ...]:
    return tuple((Span(t, bold),) if t else () for t in texts)


HEADER = _cells("Đơn vị", "Dân số", "Tỷ lệ")
TOTAL = _cells("Toàn tỉnh", "", "12,5%", bold=True)


def _afresh(block: Table) -> str:
    """The table written with nothing kept from before."""
    tables._ROWS.clear()
    tables._row_sizes.cache_clear()
    return tables.table_xml(block, BodyWriter().spans)


def test_kept_header_and_total_rows_take_each_tables_own_widths():
    narrow = Table(HEADER, (_cells("xã A", "1", "2%"), TOTAL), ("left", "right", "right"))
    wide = Table(HEADER, (_cells("thị trấn Bến Lức mở rộng", "1.234.567", "2%"), TOTAL),
                 ("left", "right", "right"))  # fmt: skip
    expected = {block: _afresh(block) for block in (narrow, wide)}
    assert expected[narrow] != expected[wide]
    writer = BodyWriter()
    for block in (narrow, wide, narrow, wide):  # the header and total rows kept after the first
        assert tables.table_xml(block, writer.spans) == expected[block]
    widths = tables.column_widths(wide)
    assert (
        f'<w:tcW w:w="{widths[0] + widths[1]}" w:type="dxa"/><w:gridSpan w:val="2"/>'
        in (expected[wide])
    )  # the total's label over the empty cell after it


def test_a_kept_row_is_not_reused_for_the_same_cells_aligned_otherwise():
    left = Table(HEADER, (_cells("xã A", "1", "2%"),), ("left", "left", "left"))
    right = Table(HEADER, (_cells("xã A", "1", "2%"),), ("left", "right", "right"))
    first = tables.table_xml(left, BodyWriter().spans)
    second = tables.table_xml(right, BodyWriter().spans)
    assert first.count('<w:jc w:val="right"/>') == 0
    assert second.count('<w:jc w:val="right"/>') == 2
    assert second == _afresh(right)


def test_a_row_with_a_link_is_numbered_where_it_stands_never_kept():
    linked = _cells("xã A", "1", "2%")[:2] + ((Span("trang", link="https://a.vn"),),)
    block = Table(HEADER, (linked,), ("left", "right", "right"))
    writer = BodyWriter()
    first = tables.table_xml(block, writer.spans)
    second = tables.table_xml(block, writer.spans)
    assert 'r:id="rIdLink1"' in first and 'r:id="rIdLink2"' in second
    assert writer.links == ["https://a.vn", "https://a.vn"]


def test_a_character_word_refuses_is_found_in_a_value_after_the_same_text_was_clean():
    from dispatch_gen.errors import TextPlace
    from dispatch_gen.templating import environment, render_text

    env, place = environment(()), TextPlace("cong-van.yaml", 3)
    source = "Kính gửi {{ ten }} và {{ khac | safe }}."
    assert render_text(env, source, {"ten": "xã A", "khac": "xã B"}, place) == (
        "Kính gửi xã A và xã B."
    )
    for values in ({"ten": "xã\x01A", "khac": "xã B"}, {"ten": "xã A", "khac": "xã\x0bB"}):
        with pytest.raises(InputError) as error:
            render_text(env, source, values, place)
        assert "Word không mở được" in error.value.message
        assert "U+0001" in error.value.message or "U+000B" in error.value.message
        assert error.value.where.file == "cong-van.yaml"


def test_the_body_template_still_refuses_a_character_it_adds_after_the_body(tmp_path):
    from dispatch_gen.templating import environment, render_file

    (tmp_path / "rieng.md.j2").write_text("{{ body }}\n{{ duoi }}\n", encoding="utf-8")
    env = environment((tmp_path,))
    body = Markup("Nội dung đã kiểm.")
    assert render_file(env, "rieng", {"body": body, "duoi": "Hết"}, body) == (
        "Nội dung đã kiểm.\nHết\n"
    )
    with pytest.raises(InputError) as error:
        render_file(env, "rieng", {"body": body, "duoi": "H\x1bết"}, body)
    assert "ESC" in error.value.message


def test_a_rows_letter_is_the_master_replaced_with_the_rows_parts():
    from dataclasses import fields, replace
    from pathlib import Path

    from dispatch_gen.batch.letters import row_changes, with_changes
    from dispatch_gen.batch.rows import read_units
    from dispatch_gen.batch.units import Units
    from dispatch_gen.load import load
    from dispatch_gen.model import Dispatch

    root = Path(__file__).resolve().parent.parent
    master = load(root / "examples/batch/long-an-bluezone-huyen.yaml")
    units = Units(read_units(root / "examples/batch/units.csv", None))
    assert not hasattr(Dispatch, "__post_init__")  # what `with_changes` relies on
    for row in list(units)[:3]:
        changes, _ = row_changes(master, row)
        made, expected = with_changes(master, changes), replace(master, **changes)
        assert made == expected and vars(made) == vars(expected)
        assert [f.name for f in fields(Dispatch)] == list(vars(made))
        assert made.recipients != master.recipients or made.number != master.number
