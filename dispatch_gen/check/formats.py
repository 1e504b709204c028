"""Formats of one style set, worked out once and shared by every file that carries it.

A batch of letters from one office has the same styles.xml, theme and numbering.xml in every
file. `remembered` keeps what was worked out from a few parts' bytes (the bytes themselves are
the key: a file whose styles differ by one byte gets its own answer; a part that failed to
parse is never remembered, so it fails again). `Formats` answers, once per distinct w:pPr or
w:rPr (its serialization is the key: same markup, same formatting), what formatting a
paragraph or run has and which list a paragraph belongs to.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from lxml import etree

from dispatch_gen.check.model import Paragraph, Run
from dispatch_gen.check.styles import (
    ParaProps,
    RunProps,
    StyleSheet,
    read_character_style,
    read_ppr,
)
from dispatch_gen.check.xml import markup
from dispatch_gen.review.numbering import Numbering

T = TypeVar("T")
MEMORY_SIZE = 16  # distinct style sets (or other parts) remembered at once
_MEMORY: OrderedDict[tuple[str, tuple[bytes | None, ...]], Any] = OrderedDict()


def remembered(kind: str, parts: tuple[bytes | None, ...], work: Callable[[], T]) -> T:
    """`work()`, done once for these bytes of these parts (the last MEMORY_SIZE answers kept)."""
    key = (kind, parts)
    if key in _MEMORY:
        _MEMORY.move_to_end(key)
        return _MEMORY[key]
    found = work()  # an InputError here leaves nothing behind
    _MEMORY[key] = found
    if len(_MEMORY) > MEMORY_SIZE:
        _MEMORY.popitem(last=False)
    return found


class Formats:
    """The style sheet and lists of a style set, with answers remembered per markup."""

    def __init__(
        self,
        styles: etree._Element | None,
        theme: etree._Element | None,
        numbering: etree._Element | None,
    ) -> None:
        self.sheet = StyleSheet(styles, theme, numbering)
        self.lists = Numbering(numbering, styles)
        self._paragraphs: dict[tuple[str, str | None, bool], Any] = {}
        self._runs: dict[tuple[str, str | None, str | None, bool], RunProps] = {}
        self.readings: dict[ReadingKey, Reading] = {}  # see Readings
        self.readings_size = 0  # characters of markup in their keys
        # header and footer parts as read (Walker.story), by their bytes and context
        self.stories: dict[tuple[bytes | None, str, str, int, int], Any] = {}

    def paragraph(
        self, ppr: etree._Element | None, table_style: str | None, in_table: bool
    ) -> tuple[ParaProps, tuple[str, int] | None]:
        """A paragraph's effective formatting and its list (numId, ilvl), from its w:pPr."""
        key = (markup(ppr), table_style, in_table)
        found = self._paragraphs.get(key)
        if found is None:
            props = self.sheet.paragraph(read_ppr(ppr), table_style, in_table)
            found = self._paragraphs[key] = (props, self.lists.props_of(ppr))
        return found

    def run(
        self,
        rpr: etree._Element | None,
        paragraph_style: str | None,
        table_style: str | None,
        in_table: bool,
    ) -> RunProps:
        """A run's effective formatting, from its w:rPr and its paragraph's context."""
        key = (markup(rpr), paragraph_style, table_style, in_table)
        found = self._runs.get(key)
        if found is None:
            direct = read_character_style(rpr, self.sheet.theme)
            found = self._runs[key] = self.sheet.run(direct, paragraph_style, table_style, in_table)
        return found


ReadingKey = tuple[str, str | None, bool]
# A paragraph as read: formatting, list, runs, drawn line lengths, PAGE field runs (or None),
# and the first paragraph read so (whose text, once worked out, the others take).
Reading = tuple[ParaProps, tuple[str, int] | None, tuple[Run, ...], tuple[float, ...],
                tuple[Run, ...] | None, Paragraph]  # fmt: skip


class Readings:
    """Paragraphs already read, by their markup and context (the table style, whether in a
    table): a batch of letters repeats most of its paragraphs word for word, file after file.

    One per file read, over its style set's store. Serializing a paragraph costs a fraction of
    reading it; a file whose paragraphs do not repeat (a long report) stops asking after TRIAL
    misses, and a store stops growing at BUDGET characters of markup.
    """

    TRIAL = 200
    BUDGET = 2 << 20

    def __init__(self, formats: Formats) -> None:
        self.formats = formats
        self.hits = 0
        self.misses = 0

    def key(self, p: etree._Element, table_style: str | None, in_table: bool) -> ReadingKey | None:
        """The key of a paragraph; None once asking no longer pays in this file."""
        if self.misses >= self.TRIAL and self.hits * 4 < self.misses:
            return None
        return markup(p), table_style, in_table

    def get(self, key: ReadingKey | None) -> Reading | None:
        if key is None:
            return None
        found = self.formats.readings.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: ReadingKey, reading: Reading) -> None:
        if self.formats.readings_size + len(key[0]) <= self.BUDGET:
            self.formats.readings[key] = reading
            self.formats.readings_size += len(key[0])
