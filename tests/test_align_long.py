"""Long letters are aligned near-linearly (anchors of unique paragraphs, sliced pairing) and
still correctly: every equal span is equal, both orders are kept, planted edits are found."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dispatch_gen.review import align as align_module
from dispatch_gen.review.align import DIFFLIB_MAX, Pair, align, opcodes
from dispatch_gen.review.diff import CHANGED, DELETED, INSERTED, MOVED, diff_lines
from dispatch_gen.review.reading import PARAGRAPH, Line

PHRASE = "các cơ quan đơn vị triển khai báo cáo kết quả thực hiện trên địa bàn tỉnh"


def valid(old: list, new: list, ops: list[tuple[str, int, int, int, int]]) -> bool:
    """The opcodes cover both sequences in order, and their equal spans are equal."""
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        if (i1, j1) != (i, j):
            return False
        if tag == "equal" and old[i1:i2] != new[j1:j2]:
            return False
        i, j = i2, j2
    return (i, j) == (len(old), len(new))


def equal_count(ops: list[tuple[str, int, int, int, int]]) -> int:
    return sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=60), st.lists(st.integers(0, 6), max_size=60),
       st.integers(1, 8))
def test_anchored_opcodes_are_a_valid_alignment(old: list[int], new: list[int],
                                                limit: int) -> None:
    original = align_module.DIFFLIB_MAX
    align_module.DIFFLIB_MAX = limit  # force the anchored path on small sequences
    try:
        ops = opcodes(old, new)
    finally:
        align_module.DIFFLIB_MAX = original
    assert valid(old, new, ops)


def test_planted_edits_in_a_long_sequence_are_found_exactly() -> None:
    rng = random.Random(5)
    old = [f"đoạn {i}" for i in range(5 * DIFFLIB_MAX)]
    new = list(old)
    deleted = sorted(rng.sample(range(len(old)), 40), reverse=True)
    for i in deleted:
        del new[i]
    for at in sorted(rng.sample(range(len(new)), 30), reverse=True):
        new.insert(at, f"mới {at}")
    ops = opcodes(old, new)
    assert valid(old, new, ops)
    assert equal_count(ops) == len(old) - 40  # the longest common subsequence: nothing lost
    assert sum(i2 - i1 for t, i1, i2, _, _ in ops if t != "equal") == 40
    assert sum(j2 - j1 for t, _, _, j1, j2 in ops if t != "equal") == 30


def test_a_long_rewritten_block_is_paired_in_slices_in_order() -> None:
    olds = [f"Điều {i}: các đơn vị báo cáo kết quả thực hiện trước ngày {i}" for i in range(900)]
    news = [text.replace("báo cáo", "gửi báo cáo") for text in olds]
    calls = 0

    def similar(i: int, j: int) -> float:
        nonlocal calls
        calls += 1
        return align_module.similarity(olds[i], news[j])

    pairs = align(olds, news, similar)
    assert pairs == [Pair(i, i) for i in range(900)]  # every reworded line stays paired
    assert calls <= 900 * align_module.PAIR_SLICE  # not 900 × 900


def test_diff_of_a_long_letter_reports_each_planted_change() -> None:
    rng = random.Random(7)
    words = PHRASE.split()
    texts = [f"{i}. " + " ".join(rng.choice(words) for _ in range(15)) for i in range(6000)]
    edited = list(texts)
    edited[1000] = edited[1000].replace(".", ". ĐÃ SỬA", 1)
    del edited[3000]
    edited.insert(4500, "Đoạn mới thêm vào giữa văn bản.")
    edited.insert(200, edited.pop(5500))  # moved

    def lines(items: list[str]) -> list[Line]:
        return [Line(text, PARAGRAPH, etree.Element("p")) for text in items]

    result = diff_lines(lines(texts), lines(edited))
    found = sorted((c.type, c.old_line, c.new_line) for c in result.changes)
    assert found == sorted([
        (CHANGED, 1001, 1002),
        (DELETED, 3001, None),
        (INSERTED, None, 4502),  # 4501 before the move to line 201 shifted it
        (MOVED, 5501, 201),
    ])
