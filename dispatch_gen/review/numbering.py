"""List numbers as Word shows them: w:numPr + numbering.xml (+ styles.xml) → "1.", "a)", "-".

A list paragraph's number is not text in the file; Word counts it. This module does that count
for `reading`: a paragraph's numbering comes from its own w:numPr or from its paragraph style;
a w:num points to a w:abstractNum whose w:lvl gives start, format (decimal, lowerLetter,
roman, bullet …) and lvlText ("%1.", "%1)", "%1.%2."). Counting follows Word:

- every num that points to the same abstractNum counts on one list;
- a num with a w:lvlOverride (startOverride, or a w:lvl of its own) restarts that level where
  the num is first used: how "restart numbering" is written, by our renderer (one w:num with
  startOverride 1 per list) and by LibreOffice (the first item of a list on a restarting num,
  the rest on a plain num of the same abstractNum);
- using a level restarts the deeper levels (unless w:lvlRestart says otherwise);
- every bullet reads as "-", whatever its symbol font.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from lxml import etree

from dispatch_gen.review.package import w
from dispatch_gen.vietnamese import nfc, roman

BULLET = "-"
K = TypeVar("K")  # what a counted paragraph is known by (its element, or the reader's own)


@dataclass(frozen=True)
class Level:
    """One w:lvl: where it starts, how its number is written, when it restarts."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: higher levels' numbers shown as decimals


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(w("val"), default)


def _int(element: etree._Element | None, default: int | None = None) -> int | None:
    value = _val(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _int_attr(element: etree._Element, name: str) -> int:
    try:
        return int(element.get(w(name), "0"))
    except ValueError:
        return 0


def _level(lvl: etree._Element) -> Level:
    legal = lvl.find(w("isLgl"))
    return Level(
        start=_int(lvl.find(w("start")), 0) or 0,
        fmt=_val(lvl.find(w("numFmt")), "decimal") or "decimal",
        text=_val(lvl.find(w("lvlText")), "") or "",
        restart=_int(lvl.find(w("lvlRestart"))),
        legal=legal is not None and _val(legal, "1") not in {"0", "false", "off"},
    )


def format_number(value: int, fmt: str) -> str:
    """A counter in a w:numFmt: `3, lowerLetter` → `c`, `4, upperRoman` → `IV`."""
    if fmt in {"lowerLetter", "upperLetter"}:
        if value < 1:
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        if value < 1:
            return str(value)
        return roman(value) if fmt == "upperRoman" else roman(value).lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class Numbering:
    """The lists of one document: which paragraphs are numbered, and with what label."""

    def __init__(
        self, numbering: etree._Element | None, styles: etree._Element | None = None
    ) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None, str | None]] = {}
        self.default_style: str | None = None
        self._levels: dict[str, dict[int, Level]] = {}
        self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, styles: etree._Element | None) -> None:
        if styles is None:
            return
        for style in styles.iter(w("style")):
            if style.get(w("type")) != "paragraph":
                continue
            sid = style.get(w("styleId"), "")
            if style.get(w("default")) in {"1", "true", "on"}:
                self.default_style = sid
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            num_id = _val(num_pr.find(w("numId"))) if num_pr is not None else None
            ilvl = _int(num_pr.find(w("ilvl"))) if num_pr is not None else None
            self.style_num[sid] = (num_id, ilvl, _val(style.find(w("basedOn"))))

    def _read_numbering(self, root: etree._Element) -> None:
        links: dict[str, str] = {}
        for abstract in root.iter(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            self.abstract[aid] = {
                _int_attr(lvl, "ilvl"): _level(lvl) for lvl in abstract.findall(w("lvl"))
            }
            link = _val(abstract.find(w("numStyleLink")))
            if link:
                links[aid] = link
        for num in root.iter(w("num")):
            overrides: dict[int, Level] = {}
            aid = _val(num.find(w("abstractNumId")), "") or ""
            for override in num.findall(w("lvlOverride")):
                ilvl = _int_attr(override, "ilvl")
                lvl = override.find(w("lvl"))
                start = _int(override.find(w("startOverride")))
                base = _level(lvl) if lvl is not None else None
                if base is not None or start is not None:
                    level = base or self.abstract.get(aid, {}).get(ilvl, Level())
                    if start is not None:
                        level = Level(start, level.fmt, level.text, level.restart, level.legal)
                    overrides[ilvl] = level
            self.nums[num.get(w("numId"), "")] = (aid, overrides)
        for aid, style_id in links.items():  # a list defined through a numbering style
            linked_num = self._style_numbering(style_id)[0]
            if linked_num in self.nums:
                self.abstract[aid] = self.abstract.get(self.nums[linked_num][0], {})

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.style_num:
            seen.add(style_id)
            num_id, ilvl, based_on = self.style_num[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels of a num, its overrides applied (worked out once per num: read-only)."""
        found = self._levels.get(num_id)
        if found is None:
            aid, overrides = self.nums[num_id]
            found = self._levels[num_id] = {**self.abstract.get(aid, {}), **overrides}
        return found

    def num_props(self, paragraph: etree._Element) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its w:numPr or its style; None if not a list."""
        return self.props_of(paragraph.find(w("pPr")))

    def props_of(self, ppr: etree._Element | None) -> tuple[str, int] | None:
        """`num_props` of a paragraph whose w:pPr is `ppr`."""
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _val(num_pr.find(w("numId"))) if num_pr is not None else None
        ilvl = _int(num_pr.find(w("ilvl"))) if num_pr is not None else None
        style = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        style = style or self.default_style
        if num_id is None:
            num_id, style_ilvl = self._style_numbering(style)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        return num_id, ilvl or 0

    def labels(self, paragraphs: Iterable[etree._Element]) -> dict[etree._Element, str]:
        """Count the lists over `paragraphs` (document order, as the reader sees them) and give
        each numbered paragraph its label; unnumbered paragraphs are left out."""
        return self.count((p, self.num_props(p)) for p in paragraphs)

    def count(self, paragraphs: Iterable[tuple[K, tuple[str, int] | None]]) -> dict[K, str]:
        """`labels` of paragraphs given with their `num_props` (by a reader that has them)."""
        counters: dict[str, dict[int, int]] = {}
        used: set[str] = set()
        out: dict[K, str] = {}
        for paragraph, props in paragraphs:
            if props is None:
                continue
            num_id, ilvl = props
            levels = self.levels(num_id)
            level = levels.get(ilvl)
            if level is None:
                continue
            aid, overrides = self.nums[num_id]
            count = counters.setdefault(aid, {})
            if num_id not in used:  # a restarting num restarts where it is first used
                used.add(num_id)
                for overridden in overrides:
                    count.pop(overridden, None)
            count[ilvl] = count[ilvl] + 1 if ilvl in count else level.start
            for deeper in [d for d in count if d > ilvl]:
                rule = levels.get(deeper, Level()).restart
                if rule is None or (rule != 0 and ilvl < rule):
                    del count[deeper]
            label = self._label(level, levels, count)
            if label:
                out[paragraph] = label
        return out

    @staticmethod
    def _label(level: Level, levels: dict[int, Level], count: dict[int, int]) -> str:
        if level.fmt == "bullet":
            return "+" if level.text.strip() == "+" else BULLET
        text = level.text
        for index in range(9, 0, -1):
            token = f"%{index}"
            if token in text:
                shown = levels.get(index - 1, Level())
                value = count.get(index - 1, shown.start)
                fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
                text = text.replace(token, format_number(value, fmt))
        return " ".join(nfc(text).split())
