"""Fonts: which rFonts slot Word draws each character with, and the theme's font names.

A run names up to four fonts (ascii, hAnsi, eastAsia, cs) or points to the theme's
(minorHAnsi …); which one a character is drawn with depends on the character (§17.3.2.26).
`styles` reads the slots; the rules ask `font_slots` which of them a run's text uses.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from dispatch_gen.check.styles import RunProps

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTRS = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme"}
THEME_ATTRS["cs"] = "cstheme"  # sic: lower-case t in the schema


def theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Theme font slots (minorHAnsi, majorEastAsia, …) to typeface names."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{{{A}}}{kind}Font")
        if scheme is None:
            continue
        for tag, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            el = scheme.find(f"{{{A}}}{tag}")
            for slot in slots:
                if el is not None and el.get("typeface"):
                    fonts[kind + slot] = el.get("typeface", "")
    return fonts


def font_slots(text: str, props: RunProps) -> frozenset[str]:
    """The rFonts slots Word draws these characters with (§17.3.2.26, simplified).

    ASCII uses `ascii`; CJK uses `eastAsia`; Hebrew, Arabic and Thai or a w:rtl/w:cs run use `cs`;
    everything else, Vietnamese letters included, uses `hAnsi` (`eastAsia` under
    w:hint="eastAsia").
    """
    if props.complex_script:
        return frozenset({"cs"})
    return _slots(text, props.hint == "eastAsia")


# Characters by the slot they are drawn with (whitespace draws nothing): ASCII, CJK, the
# complex scripts (Hebrew, Arabic, Thai), and the rest (Vietnamese letters among them). A class
# spanning tens of thousands of code points takes `re` ~15 ms to compile: those are compiled
# only for a text that reaches U+0590 (Vietnamese stays below it, so `check` never needs them).
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_COMPLEX = "\u0590-\u08ff\u0e00-\u0e7f"
FIRST_WIDE = "\u0590"  # the first CJK or complex-script character
ASCII_CHARS = re.compile(r"(?!\s)[\x00-\x7f]")
OTHER_BELOW_WIDE = re.compile(r"[^\s\x00-\x7f]")  # "other", for a text below FIRST_WIDE


@cache
def wide_classes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The classes of a text that reaches FIRST_WIDE: CJK, complex scripts, the rest."""
    return (
        ("eastAsia", re.compile(f"(?!\\s)[{_CJK}]")),
        ("cs", re.compile(f"(?!\\s)[{_COMPLEX}]")),
        ("other", re.compile(f"[^\\s\\x00-\\x7f{_CJK}{_COMPLEX}]")),
    )


@lru_cache(maxsize=8192)
def _slots(text: str, east_asia_hint: bool) -> frozenset[str]:
    """`font_slots` of a run's text, worked out once per text (letters repeat their words), each
    kind of character looked for by one search."""
    other = "eastAsia" if east_asia_hint else "hAnsi"
    found = {"ascii"} if ASCII_CHARS.search(text) else set()
    if not text or max(text) < FIRST_WIDE:
        if OTHER_BELOW_WIDE.search(text):
            found.add(other)
    else:
        found.update(other if slot == "other" else slot
                     for slot, chars in wide_classes() if chars.search(text))  # fmt: skip
    return frozenset(found)
