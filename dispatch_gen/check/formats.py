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
FRAMES_KEPT = 4096  # table frames remembered per style set
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
        self.readings: dict[ReadingKey, Reading] = {}  # paragraphs, see Readings
        self.rows: dict[tuple[Any, ...], Any] = {}  # table rows (cells.RowReading)
        self.blocks: dict[tuple[Any, ...], Any] = {}  # top-level body blocks (skeleton)
        self.frames: set[tuple[Any, ...]] = set()  # table frames met (Walker.table)
        # body paragraphs' lists (numId, ilvl) in order → each one's label and number format
        self.labels: dict[tuple[tuple[str, int] | None, ...], tuple[tuple[str, str], ...]] = {}
        self.labels_size = 0  # paragraphs in their keys
        self.readings_size = 0  # characters of markup in their keys
        # header and footer parts as read (Walker.story), by their bytes and context
        self.stories: dict[tuple[bytes | None, str, str, int, int], Any] = {}

    def seen_frame(self, frame: tuple[Any, ...]) -> bool:
        """Whether a table frame was met before (a table whose grid changes from letter to
        letter never repeats a row: its rows are not serialized to be looked up)."""
        if frame in self.frames:
            return True
        if len(self.frames) < FRAMES_KEPT:
            self.frames.add(frame)
        return False

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
    """Blocks already read (paragraphs, table rows), by their markup and what else their reading
    used: a batch of letters repeats most of them word for word, file after file.

    One per kind per file read, over its style set's store. Serializing a block costs a fraction
    of reading it; a file whose blocks do not repeat (a long report) stops asking after `trial`
    misses, and the style set's stores together stop growing at BUDGET characters of markup.
    """

    BUDGET = 2 << 20

    def __init__(self, formats: Formats, store: dict[Any, Any], trial: int) -> None:
        self.formats = formats
        self.store = store
        self.trial = trial
        self.hits = 0
        self.misses = 0

    def key(self, el: etree._Element, *context: Any) -> tuple[Any, ...] | None:
        """The key of a block: its markup and the context; None once asking no longer pays."""
        if self.misses >= self.trial and self.hits * 4 < self.misses:
            return None
        return markup(el), *context

    def get(self, key: tuple[Any, ...] | None) -> Any:
        if key is None:
            return None
        found = self.store.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: tuple[Any, ...], reading: Any) -> None:
        if self.formats.readings_size + len(key[0]) <= self.BUDGET:
            self.store[key] = reading
            self.formats.readings_size += len(key[0])
