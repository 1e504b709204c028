"""A paragraph read again from markup read before takes the pieces (and what they worked out:
shown text, bold, italic, centred …) of the paragraph it was read from. Those must be exactly
the pieces it would cut itself, and sit in it, not in the paragraph they came from; and what
the rules work out once per markup (`Paragraph.worked_out`) what they would work out for it."""

from __future__ import annotations

import gc
from dataclasses import replace

from dispatch_gen.check import check_docx
from dispatch_gen.check.model import Paragraph, Piece
from dispatch_gen.check.reader import read_docx
from dispatch_gen.check.rules_header import typed_rule
from dispatch_gen.check.rules_page import font_names, inked_colours
from tests.test_check_memo import letters
from tests.test_check_skeleton import cases, forget

FACTS = ("line", "alone", "text", "plain", "shown", "bold", "any_bold", "italic", "any_italic",
         "underlined", "upper", "centred")  # fmt: skip


def facts(piece: Piece) -> tuple[object, ...]:
    runs = tuple((r.text, r.props) for r in piece.runs)
    inked = tuple((r.text, r.props) for r in piece.inked)
    return runs, inked, *(getattr(piece, name) for name in FACTS)


def fresh(para: Paragraph) -> list[tuple[object, ...]]:
    """The pieces a paragraph with the same fields, nothing worked out yet, cuts."""
    return [facts(piece) for piece in replace(para).pieces()]


def test_pieces_taken_from_the_reading_are_the_pieces_it_cuts():
    everything = {**cases(), **letters()}
    forget()
    carried = 0
    for name in [*everything, *everything, *reversed(everything)]:
        data = everything[name]
        check_docx(data)  # the paragraphs read from these work out their pieces
        doc = read_docx(data)
        for para in doc.everything():
            carried += "pieces" in para.__dict__.get("_facts", {})
            pieces = para.pieces()
            assert all(piece.paragraph is para for piece in pieces), name
            assert [facts(piece) for piece in pieces] == fresh(para), name
            for work in (font_names, inked_colours, typed_rule):  # shared by the same markup
                assert para.worked_out(work) == work(replace(para)), (name, work)
    assert carried > 100  # most paragraphs took their pieces from a reading


def test_a_piece_works_out_its_facts_from_its_own_runs():
    forget()
    doc = read_docx(cases()["base"])
    title = next(p for p in doc.pieces() if p.plain.startswith("CỘNG HÒA"))
    assert title.bold and title.upper and title.centred and not title.any_italic
    assert title.shown == title.plain == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_a_letter_checked_leaves_no_reference_cycle():
    """What a letter's paragraphs and pieces share with the ones read before refers to none of
    them: a batch's letters go as soon as they are checked, the collector paused (command)."""
    everything = {**cases(), **letters()}
    forget()
    for data in everything.values():
        check_docx(data)  # what is learnt once is learnt here
    collecting = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for data in [*everything.values(), *everything.values()]:
            check_docx(data)
        assert gc.collect() == 0
    finally:
        if collecting:
            gc.enable()
