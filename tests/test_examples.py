"""Each example reproduces its seed letter: the words of the rendered .docx against the seed's.

The seeds (tests/seeds, copied from the project's shared/seeds) are transcriptions that lost
the layout: both sides are reduced to words (NFC, lower case, without the transcription's
`**`, `*`, `<b>`, `<…>` and the punctuation at word edges) and compared with
difflib.SequenceMatcher.

Two ratios are computed. `ratio` is SequenceMatcher's own. `similarity` also counts as matched a
run of at least MOVED_MIN words that both texts have in different places: the transcriptions
lost the side-by-side layout of header and closing, so they give its blocks in varying orders
(the date before or after V/v, Nơi nhận before the signature, which docx_text reads first); a
plain ratio counts such a moved line twice. The test asserts `similarity` >= 0.98 and prints
both; on failure it prints the differing word runs. `similarities()` gives every example's
numbers for a report; `python -m tests.test_examples` prints them with the differences.

Seed 000's district table must be computed: every figure of the seed's table is in the rendered
table, row for row, and no rate is typed in the letter's YAML.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dispatch_gen.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = Path(__file__).resolve().parent / "seeds"
STEMS = ("000", "001", "002", "003", "004")
THRESHOLD = 0.98
MOVED_MIN = 3  # words: a line that moved, not a common word matched by chance

_TAG = re.compile(r"</?[A-Za-z]+>")  # <b>…</b> in the transcription's table
_MARKERS = re.compile(r"\*+|[<>]")  # **bold**, *italic*, <https://…>
_RATE = re.compile(r"\d+,\d+%")


def words(text: str) -> list[str]:
    """The words of a text for comparison: NFC, lower case, no markup, no edge punctuation."""
    text = _MARKERS.sub("", _TAG.sub(" ", unicodedata.normalize("NFC", text).lower()))
    out = []
    for word in text.split():
        start, end = 0, len(word)
        while start < end and _edge(word[start]):
            start += 1
        while end > start and _edge(word[end - 1]):
            end -= 1
        if start < end:
            out.append(word[start:end])
    return out


def _edge(char: str) -> bool:
    """Punctuation or a symbol (`|` of table rows, `./.`, quotes), but not `%`."""
    return char != "%" and unicodedata.category(char)[0] in "PS"


@dataclass(frozen=True)
class Comparison:
    """One example against its seed: both ratios and the word runs that differ."""

    example: Path
    seed: Path
    ratio: float  # difflib.SequenceMatcher.ratio() of the two word lists
    similarity: float  # the same, with moved runs counted as matched
    differences: tuple[tuple[str, str], ...]  # (seed words, docx words); "" where none
    moved: tuple[str, ...]  # runs found in both texts at different places

    def report(self) -> str:
        lines = [
            f"{self.example.name} against {self.seed.name}: similarity {self.similarity:.4f}"
            f" (plain ratio {self.ratio:.4f})"
        ]
        lines += [f"  moved: {run!r}" for run in self.moved]
        lines += [f"  seed: {old!r}\n  docx: {new!r}" for old, new in self.differences]
        return "\n".join(lines)


def example_for(stem: str) -> Path:
    found = sorted(EXAMPLES.glob(f"{stem}-*.yaml"))
    assert len(found) == 1, f"one example {stem}-*.yaml expected in {EXAMPLES}, found {found}"
    return found[0]


def seed_for(stem: str) -> Path:
    found = sorted(SEEDS.glob(f"{stem}_*.txt"))
    if not found:
        raise FileNotFoundError(f"seed {stem}_*.txt not found in {SEEDS}")
    return found[0]


def docx_lines(example: Path) -> list[str]:
    """The rendered letter as plain-text lines in reading order."""
    from dispatch_gen.review.reading import docx_text

    return docx_text(render_bytes(example))


def compare(stem: str) -> Comparison:
    """Render example `stem` and compare its words with its seed's."""
    return compare_files(example_for(stem), seed_for(stem))


def compare_files(example: Path, seed: Path) -> Comparison:
    """Render `example` and compare its words with the transcription `seed`."""
    old = words(seed.read_text(encoding="utf-8"))
    new = words("\n".join(docx_lines(example)))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    matched = sum(block.size for block in matcher.get_matching_blocks())
    moved = _moved(
        [old[i1:i2] for _, i1, i2, _, _ in opcodes], [new[j1:j2] for _, _, _, j1, j2 in opcodes]
    )
    total = len(old) + len(new)
    return Comparison(
        example,
        seed,
        matcher.ratio(),
        2 * (matched + sum(len(run) for run in moved)) / total if total else 1.0,
        tuple((" ".join(old[i1:i2]), " ".join(new[j1:j2])) for _, i1, i2, j1, j2 in opcodes),
        tuple(" ".join(run) for run in moved),
    )


def _moved(old: list[list[str]], new: list[list[str]]) -> list[list[str]]:
    """Runs of >= MOVED_MIN words that an unmatched seed run and an unmatched docx run share,
    longest first; each word is used once."""
    found: list[list[str]] = []
    while True:
        best = None
        for a, left in enumerate(old):
            for b, right in enumerate(new):
                match = difflib.SequenceMatcher(None, left, right, autojunk=False)
                block = match.find_longest_match(0, len(left), 0, len(right))
                if block.size >= MOVED_MIN and (best is None or block.size > best[2].size):
                    best = (a, b, block)
        if best is None:
            return found
        a, b, block = best
        found.append(old[a][block.a : block.a + block.size])
        left, right = old.pop(a), new.pop(b)
        old += [left[: block.a], left[block.a + block.size :]]
        new += [right[: block.b], right[block.b + block.size :]]


def similarities() -> dict[str, tuple[float, float]]:
    """{example file name: (similarity, plain SequenceMatcher ratio)} for every example."""
    return {c.example.name: (c.similarity, c.ratio) for c in map(compare, STEMS)}


@pytest.mark.parametrize("stem", STEMS)
def test_example_reproduces_its_seed(stem: str) -> None:
    result = compare(stem)
    print(
        f"\n{result.example.name}: similarity {result.similarity:.4f} "
        f"(plain ratio {result.ratio:.4f})"
    )
    assert result.similarity >= THRESHOLD, result.report()


# --- figures computed, not typed -----------------------------------------------------------


def _seed_table(seed: Path) -> list[list[str]]:
    """The rows of the transcription's tab-separated table, header first, cells stripped."""
    return [
        [_TAG.sub("", cell).strip() for cell in line.split("\t")]
        for line in seed.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]


def _docx_table(lines: list[str], header: list[str]) -> list[list[str]]:
    """The rendered table's rows (docx_text writes a row as `a | b | c`), from its header on."""
    rows = [[cell.strip() for cell in line.split(" | ")] for line in lines if " | " in line]
    start = rows.index(header)
    return rows[start : start + 1 + sum(1 for r in rows[start + 1 :] if len(r) == len(header))]


def test_000_table_is_the_seeds_and_computed() -> None:
    example = example_for("000")
    seed = _seed_table(seed_for("000"))
    rendered = _docx_table(docx_lines(example), seed[0])
    assert rendered == seed  # every cell, in the seed's order, the total row included
    rates = [cell for row in seed for cell in row if _RATE.fullmatch(cell)]
    assert len(rates) == 2 * 16  # two rates for 15 districts and the whole province
    source = _typed(example) + (EXAMPLES / "data/long-an-bluezone.csv").read_text(encoding="utf-8")
    typed = [rate for rate in rates if rate.rstrip("%") in source]
    assert not typed, f"rates typed instead of computed: {typed}"


def _typed(example: Path) -> str:
    """Every value of the letter's YAML as text (comments left out): what the clerk typed."""

    def walk(value: object) -> list[str]:
        if isinstance(value, dict):
            return [text for item in value.items() for text in walk(list(item))]
        if isinstance(value, list):
            return [text for item in value for text in walk(item)]
        return [str(value)]

    return "\n".join(walk(yaml.safe_load(example.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(("stem", "rates"), [("001", ["6,88%"]), ("004", ["30,99%", "19,10%"])])
def test_stated_rates_are_computed(stem: str, rates: list[str]) -> None:
    example = example_for(stem)
    text = "\n".join(docx_lines(example))
    source = _typed(example)
    for rate in rates:
        assert rate in text and rate in seed_for(stem).read_text(encoding="utf-8")
        assert rate.rstrip("%") not in source, f"{rate} is typed in {example.name}"


if __name__ == "__main__":
    for stem in STEMS:
        print(compare(stem).report())
