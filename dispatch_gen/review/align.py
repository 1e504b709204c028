"""Aligning two versions: which paragraphs correspond, and which words changed inside one.

Two steps, as a reviewer reads: first the paragraphs (difflib's SequenceMatcher over whole
paragraphs, between anchors of unique paragraphs in a long letter so the work stays near-linear;
inside a block of changed paragraphs, old and new are paired by similarity, in order, so a
reworded sentence is "changed" and not "deleted + inserted"), then the words inside a paired
paragraph. Words are numbers (`145.800`, `15,81`), runs of letters, single punctuation
marks and whitespace, so `1119/UBND-KGVX` → `1120/UBND-KGVX` changes only the number.
Comparison is on NFC text with any whitespace equal to any other; spans point into the texts
as given, so the redline can cut runs at the right characters. Pure functions on strings;
nothing here knows .docx.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from dispatch_gen.vietnamese import nfc

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]|\s+")  # 1.695.150 and 15,81 are one word
WORD = re.compile(r"\w")
PAIR_THRESHOLD = 0.5  # below this two changed paragraphs are a deletion and an insertion
DIFFLIB_MAX = 2_000  # paragraphs a side that difflib aligns alone; longer letters are anchored
PAIR_EXACT = 10_000  # a replaced block of up to this many old × new pairs is paired exactly…
PAIR_SLICE = 40  # …a larger one in slices of this many paragraphs a side


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    key: str  # NFC text; every whitespace token is " "


@dataclass(frozen=True)
class Edit:
    """One step of a word diff: `equal`, `insert`, `delete` or `replace`, as character spans
    [start, end) of the old and of the new text."""

    op: str
    old: tuple[int, int]
    new: tuple[int, int]


@dataclass(frozen=True)
class Pair:
    """Two aligned paragraphs: both indices for a kept or changed one, one for a deletion
    (new is None) or an insertion (old is None). `same` when the keys were equal."""

    old: int | None
    new: int | None
    same: bool = False


def tokens(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), " " if m.group().isspace() else nfc(m.group()))
        for m in TOKEN.finditer(text)
    ]


def is_word(text: str) -> bool:
    return bool(WORD.search(text))


def count_words(text: str) -> int:
    """Words as the summary counts them: runs of letters or digits (punctuation is not a word)."""
    return sum(1 for token in TOKEN.findall(text) if is_word(token))


@lru_cache(maxsize=8192)
def _word_keys(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(text) if t.key != " ")


def similarity(old: str, new: str) -> float:
    """How alike two paragraphs are (0-1), over their words and punctuation."""
    a, b = _word_keys(old), _word_keys(new)
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < PAIR_THRESHOLD or matcher.quick_ratio() < PAIR_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _trimmed(toks: list[Token]) -> tuple[int, int]:
    start, end = 0, len(toks)
    while start < end and toks[start].key == " ":
        start += 1
    while end > start and toks[end - 1].key == " ":
        end -= 1
    return start, end


def word_edits(old: str, new: str) -> list[Edit]:
    """The word diff of two texts as character spans. Whitespace at either end is ignored, and
    a stretch of unchanged whitespace between two changes joins them into one replacement."""
    a, b = tokens(old), tokens(new)
    a0, a1 = _trimmed(a)
    b0, b1 = _trimmed(b)
    ops = SequenceMatcher(
        None, [t.key for t in a[a0:a1]], [t.key for t in b[b0:b1]], autojunk=False
    ).get_opcodes()
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        merged.append(op)
        while (len(merged) >= 3 and merged[-1][0] != "equal" and merged[-3][0] != "equal"
               and all(t.key == " " for t in a[a0 + merged[-2][1] : a0 + merged[-2][2]])):
            first, _, last = merged[-3:]
            merged[-3:] = [("replace", first[1], last[2], first[3], last[4])]

    def span(toks: list[Token], offset: int, i: int, j: int, text: str) -> tuple[int, int]:
        if i < j:
            return toks[offset + i].start, toks[offset + j - 1].end
        at = toks[offset + i].start if offset + i < len(toks) else len(text)
        return at, at  # an empty span sits where the next token starts

    edits = []
    for tag, i1, i2, j1, j2 in merged:
        if tag != "equal":
            tag = "insert" if i1 == i2 else "delete" if j1 == j2 else "replace"
        edits.append(Edit(tag, span(a, a0, i1, i2, old), span(b, b0, j1, j2, new)))
    return edits


def align(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    similar: Callable[[int, int], float],
    threshold: float = PAIR_THRESHOLD,
) -> list[Pair]:
    """Align two sequences of paragraph keys. Equal keys are kept; in a replaced block, old and
    new paragraphs whose `similar(i, j)` reaches `threshold` are paired (the best pairing that
    keeps order), the rest are deletions and insertions. The result follows both orders."""
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in opcodes(list(old), list(new)):
        if tag == "equal":
            pairs += [Pair(i, j1 + k, True) for k, i in enumerate(range(i1, i2))]
        else:
            pairs += _pair_block(range(i1, i2), range(j1, j2), similar, threshold)
    return pairs


def opcodes(old: list[Hashable], new: list[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes of two key sequences. Past `DIFFLIB_MAX` keys a side, difflib's work
    grows faster than the letter, so the sequences are first cut at anchors, keys found once
    on each side that keep their order (patience diff), and difflib runs between anchors."""
    if not old or not new:
        return [("insert" if new else "delete", 0, len(old), 0, len(new))] if old or new else []
    if len(old) <= DIFFLIB_MAX and len(new) <= DIFFLIB_MAX:
        return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    anchors = _anchors(old, new)
    if not anchors:
        return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[tuple[str, int, int, int, int]] = []
    i0 = j0 = 0
    for i, j in [*anchors, (len(old), len(new))]:
        for tag, a1, a2, b1, b2 in opcodes(old[i0:i], new[j0:j]):
            _append(out, (tag, i0 + a1, i0 + a2, j0 + b1, j0 + b2))
        if i < len(old):
            _append(out, ("equal", i, i + 1, j, j + 1))
        i0, j0 = i + 1, j + 1
    return out


def _append(out: list[tuple[str, int, int, int, int]], op: tuple[str, int, int, int, int]) -> None:
    """Add an opcode, joining it to the last one when both are `equal`."""
    if op[1] == op[2] and op[3] == op[4]:
        return
    if out and op[0] == "equal" and out[-1][0] == "equal":
        out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
    else:
        out.append(op)


def _anchors(old: list[Hashable], new: list[Hashable]) -> list[tuple[int, int]]:
    """(i, j) of keys found exactly once in OLD and once in NEW, the longest run of them that
    keeps the order of both (patience sorting: O(k log k))."""
    seen_old = Counter(old)
    seen_new = Counter(new)
    where_new = {key: j for j, key in enumerate(new) if seen_new[key] == 1}
    candidates = [(i, where_new[key]) for i, key in enumerate(old)
                  if seen_old[key] == 1 and key in where_new]
    tops: list[int] = []  # the smallest j ending an increasing run of each length
    ends: list[int] = []  # index into candidates of that run's last anchor
    back: list[int] = []
    for index, (_, j) in enumerate(candidates):
        length = bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length] = j
            ends[length] = index
        back.append(ends[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    at = ends[-1] if ends else -1
    while at != -1:
        run.append(candidates[at])
        at = back[at]
    run.reverse()
    return run


def _pair_block(
    olds: range, news: range, similar: Callable[[int, int], float], threshold: float
) -> list[Pair]:
    """Pair a replaced block. A large block is cut into slices of `PAIR_SLICE` lines a side,
    taken in step, so the work grows with the block and not with its square."""
    if len(olds) * len(news) <= PAIR_EXACT:
        return _pair_slice(olds, news, similar, threshold)
    slices = -(-max(len(olds), len(news)) // PAIR_SLICE)
    out: list[Pair] = []
    for k in range(slices):
        part_old = olds[k * len(olds) // slices : (k + 1) * len(olds) // slices]
        part_new = news[k * len(news) // slices : (k + 1) * len(news) // slices]
        out += _pair_slice(part_old, part_new, similar, threshold)
    return out


def _pair_slice(
    olds: range, news: range, similar: Callable[[int, int], float], threshold: float
) -> list[Pair]:
    m, n = len(olds), len(news)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    link: dict[tuple[int, int], float] = {}
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            s = similar(olds[i - 1], news[j - 1])
            best = max(score[i - 1][j], score[i][j - 1])
            if s >= threshold and score[i - 1][j - 1] + s > best:
                best = score[i - 1][j - 1] + s
                link[i, j] = s
            score[i][j] = best
    out: list[Pair] = []
    i, j = m, n
    while i or j:
        if i and j and (i, j) in link and score[i][j] == score[i - 1][j - 1] + link[i, j]:
            out.append(Pair(olds[i - 1], news[j - 1]))
            i, j = i - 1, j - 1
        elif j and (not i or score[i][j] == score[i][j - 1]):
            out.append(Pair(None, news[j - 1]))
            j -= 1
        else:
            out.append(Pair(olds[i - 1], None))
            i -= 1
    out.reverse()
    return out
