"""Aligning two versions: which paragraphs correspond, and which words changed inside one.

Two steps, as a reviewer reads: first the paragraphs (difflib's SequenceMatcher over whole
paragraphs; inside a block of changed paragraphs, old and new are paired by similarity, in
order, so a reworded sentence is "changed" and not "deleted + inserted"), then the words inside
a paired paragraph. Words are numbers (`145.800`, `15,81`), runs of letters, single punctuation
marks and whitespace, so `1119/UBND-KGVX` → `1120/UBND-KGVX` changes only the number.
Comparison is on NFC text with any whitespace equal to any other; spans point into the texts
as given, so the redline can cut runs at the right characters. Pure functions on strings;
nothing here knows .docx.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from dispatch_gen.vietnamese import nfc

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]|\s+")  # 1.695.150 and 15,81 are one word
WORD = re.compile(r"\w")
PAIR_THRESHOLD = 0.5  # below this two changed paragraphs are a deletion and an insertion


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


def similarity(old: str, new: str) -> float:
    """How alike two paragraphs are (0-1), over their words and punctuation."""
    a = [t.key for t in tokens(old) if t.key != " "]
    b = [t.key for t in tokens(new) if t.key != " "]
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
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [Pair(i, j1 + k, True) for k, i in enumerate(range(i1, i2))]
        else:
            pairs += _pair_block(range(i1, i2), range(j1, j2), similar, threshold)
    return pairs


def _pair_block(
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
