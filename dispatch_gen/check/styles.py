"""Effective formatting of a .docx: the style sheet and the OOXML rules for combining it.

Owns styles.xml (docDefaults, styles with their basedOn chains, default styles), the theme's fonts
and numbering levels, and answers one question: what formatting does this run / paragraph really
have? Order, lowest first (ECMA-376 §17.7.2): docDefaults → table style → numbering → paragraph
style → character style → direct formatting. Each attribute inherits on its own (a run may take
`ascii` from the style and `hAnsi` from docDefaults). Toggle properties (bold, italic, caps,
hidden) are absolute in docDefaults and direct formatting but flip across the style kinds (§17.7.3:
a bold character style inside a bold paragraph style gives regular text, as Word shows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from dispatch_gen.check.fonts import FONT_SLOTS, THEME_ATTRS, theme_fonts
from dispatch_gen.check.xml import attr, child, local, on, twips, w

TOGGLES = ("b", "i", "caps", "vanish")
DEFAULT_SIZE_PT = 10.0  # §17.3.2.38: no w:sz anywhere means 10 pt
JUSTIFIED = ("both", "distribute", "thaiDistribute", "lowKashida", "mediumKashida", "highKashida")
ALIGN = dict.fromkeys(JUSTIFIED, "both") | {"start": "left", "end": "right", "center": "center"}
ALIGN |= {"left": "left", "right": "right"}

Layer = dict[str, Any]
R_STYLE = w("rStyle")


@dataclass(frozen=True)
class RunProps:
    """Resolved formatting of a run: what the clerk sees."""

    fonts: tuple[tuple[str, str | None], ...]  # (slot, font name)
    size: float
    bold: bool
    italic: bool
    caps: bool
    hidden: bool
    underline: bool
    color: str | None  # RRGGBB upper case, None for auto
    hint: str | None
    complex_script: bool

    def font(self, slot: str) -> str | None:
        """The font name of one rFonts slot (ascii, hAnsi, eastAsia, cs)."""
        for name, font in self.fonts:
            if name == slot:
                return font
        return None


@dataclass(frozen=True)
class ParaProps:
    """Resolved formatting of a paragraph (twips for lengths)."""

    style: str | None
    align: str  # left, right, center, both
    left: int
    right: int
    first_line: int  # negative for a hanging indent
    first_line_chars: int | None  # 1/100 character, overrides first_line when set
    before: int
    after: int
    before_auto: bool
    after_auto: bool
    line: int
    line_rule: str  # auto, exact, atLeast
    contextual: bool
    borders: frozenset[str]
    numbered: bool


def read_rpr(rpr: etree._Element | None, theme: dict[str, str]) -> Layer:
    """One level of run properties as a sparse layer."""
    layer: Layer = {}
    if rpr is None:
        return layer
    for prop in rpr:
        tag = local(prop)
        if tag == "rFonts":
            for slot in FONT_SLOTS:
                themed = attr(prop, THEME_ATTRS[slot])
                name = theme.get(themed, "") if themed else attr(prop, slot)
                if themed or name:
                    layer["font." + slot] = name or None
            if attr(prop, "hint"):
                layer["hint"] = attr(prop, "hint")
        elif tag in TOGGLES:
            layer[tag] = on(prop)
        elif tag == "sz" and twips(attr(prop, "val")) is not None:
            layer["sz"] = float(attr(prop, "val") or 0) / 2
        elif tag == "u":
            layer["u"] = attr(prop, "val") != "none"
        elif tag == "color":
            value = (attr(prop, "val") or "auto").upper()
            layer["color"] = None if value == "AUTO" else value
        elif tag in ("rtl", "cs"):
            layer["cs"] = on(prop)
    return layer


def read_ppr(ppr: etree._Element | None) -> Layer:
    """One level of paragraph properties as a sparse layer."""
    layer: Layer = {}
    if ppr is None:
        return layer
    for prop in ppr:
        tag = local(prop)
        if tag == "pStyle":
            layer["style"] = attr(prop, "val")
        elif tag == "jc":
            layer["jc"] = ALIGN.get(attr(prop, "val") or "", "left")
        elif tag == "ind":
            for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
                for name in names:
                    if twips(attr(prop, name)) is not None:
                        layer["ind." + key] = twips(attr(prop, name))
            if twips(attr(prop, "hanging")) is not None:
                layer["ind.first"] = -(twips(attr(prop, "hanging")) or 0)
            elif twips(attr(prop, "firstLine")) is not None:
                layer["ind.first"] = twips(attr(prop, "firstLine"))
            hanging_chars = twips(attr(prop, "hangingChars"))
            first_chars = twips(attr(prop, "firstLineChars"))
            if hanging_chars:
                layer["ind.firstChars"] = -hanging_chars
            elif first_chars:
                layer["ind.firstChars"] = first_chars
        elif tag == "spacing":
            for name in ("before", "after", "line"):
                if twips(attr(prop, name)) is not None:
                    layer["sp." + name] = twips(attr(prop, name))
            for name in ("beforeLines", "afterLines"):  # 1/100 line of 12 pt
                if twips(attr(prop, name)):
                    layer["sp." + name[:-5]] = (twips(attr(prop, name)) or 0) * 240 // 100
            for name in ("beforeAutospacing", "afterAutospacing"):
                if attr(prop, name) is not None:
                    layer["sp." + name] = attr(prop, name) not in ("0", "false", "off")
            if attr(prop, "lineRule"):
                layer["sp.lineRule"] = attr(prop, "lineRule")
        elif tag == "contextualSpacing":
            layer["contextual"] = on(prop)
        elif tag == "pBdr":
            for side in prop:
                name = etree.QName(side).localname
                layer["border." + name] = attr(side, "val") not in ("nil", "none", None)
        elif tag == "numPr":
            num = prop.find(w("numId"))
            lvl = prop.find(w("ilvl"))
            if num is not None:
                layer["numId"] = attr(num, "val")
            if lvl is not None:
                layer["ilvl"] = attr(lvl, "val")
    return layer


@dataclass
class Style:
    """One w:style: its kind, parent and own property layers."""

    kind: str
    based_on: str | None
    ppr: Layer
    rpr: Layer
    cell_margins: tuple[int | None, int | None]


class StyleSheet:
    """styles.xml + theme + numbering, with the resolution rules of ECMA-376 §17.7."""

    def __init__(
        self,
        styles: etree._Element | None,
        theme: etree._Element | None,
        numbering: etree._Element | None,
    ) -> None:
        self.theme = theme_fonts(theme)
        self.styles: dict[str, Style] = {}
        self.defaults: dict[str, str] = {}
        self.default_rpr: Layer = {}
        self.default_ppr: Layer = {}
        self._chains: dict[tuple[str, str], tuple[Layer, Layer]] = {}
        self._resolved: dict[tuple[Any, ...], Any] = {}  # (kind, direct layer, context) → props
        if styles is not None:
            self._read_styles(styles)
        self.numbering = read_numbering(numbering)

    def _read_styles(self, root: etree._Element) -> None:
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_rpr = read_rpr(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"), self.theme)
            self.default_ppr = read_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for el in root.iter(w("style")):
            sid = attr(el, "styleId")
            if not sid:
                continue
            kind = attr(el, "type") or "paragraph"
            based = el.find(w("basedOn"))
            mar = el.find(f"{w('tblPr')}/{w('tblCellMar')}")
            self.styles[sid] = Style(
                kind=kind,
                based_on=attr(based, "val"),
                ppr=read_ppr(el.find(w("pPr"))),
                rpr=read_rpr(el.find(w("rPr")), self.theme),
                cell_margins=cell_margins(mar),
            )
            if attr(el, "default") in ("1", "true", "on"):
                self.defaults.setdefault(kind, sid)

    def chain(self, sid: str | None, kind: str) -> tuple[Layer, Layer]:
        """(pPr, rPr) of a style merged along its basedOn chain, nearest wins."""
        sid = sid if sid in self.styles else self.defaults.get(kind)
        if sid is None:
            return {}, {}
        key = (sid, kind)
        if key not in self._chains:
            ppr: Layer = {}
            rpr: Layer = {}
            seen: set[str] = set()
            current: str | None = sid
            while current in self.styles and current not in seen:  # basedOn loops exist in the wild
                seen.add(current)
                style = self.styles[current]
                ppr = {**style.ppr, **ppr}
                rpr = {**style.rpr, **rpr}
                current = style.based_on
            self._chains[key] = (ppr, rpr)
        return self._chains[key]

    def table_margins(self, sid: str | None) -> tuple[int | None, int | None]:
        """Cell margins a table style gives (left, right), following basedOn."""
        sid = sid if sid in self.styles else self.defaults.get("table")
        seen: set[str] = set()
        while sid in self.styles and sid not in seen:
            seen.add(sid)
            if any(v is not None for v in self.styles[sid].cell_margins):
                return self.styles[sid].cell_margins
            sid = self.styles[sid].based_on
        return None, None

    def _once(self, key: tuple[Any, ...], resolve: Any) -> Any:
        """Resolve a layer in its context once per file: a letter repeats a few formats in
        hundreds of paragraphs and runs (the properties are frozen, so they can be shared)."""
        try:
            found = self._resolved.get(key)
        except TypeError:  # a value that cannot be a key: resolve it every time
            return resolve()
        if found is None:
            found = self._resolved[key] = resolve()
        return found

    def paragraph(self, direct: Layer, table_style: str | None, in_table: bool) -> ParaProps:
        """Effective paragraph properties from the direct pPr layer."""
        return self._once(("p", tuple(direct.items()), table_style, in_table),
                          lambda: self._paragraph(direct, table_style, in_table))  # fmt: skip

    def _paragraph(self, direct: Layer, table_style: str | None, in_table: bool) -> ParaProps:
        style_ppr, _ = self.chain(direct.get("style"), "paragraph")
        table_ppr = self.chain(table_style, "table")[0] if in_table else {}
        num_id = direct.get("numId", style_ppr.get("numId"))
        level = direct.get("ilvl", style_ppr.get("ilvl", "0"))
        numbering = self.numbering.get((num_id or "", level or "0"), {})
        # Word puts a list level's indents above the paragraph style when numPr is direct,
        # below it when the style itself carries the numbering.
        if "numId" in direct:
            order = (self.default_ppr, table_ppr, style_ppr, numbering, direct)
        else:
            order = (self.default_ppr, table_ppr, numbering, style_ppr, direct)
        p: Layer = {}
        for layer in order:
            p.update(layer)
        return ParaProps(
            style=direct.get("style") or self.defaults.get("paragraph"),
            align=p.get("jc", "left"),
            left=p.get("ind.left", 0),
            right=p.get("ind.right", 0),
            first_line=p.get("ind.first", 0),
            first_line_chars=p.get("ind.firstChars"),
            before=p.get("sp.before", 0),
            after=p.get("sp.after", 0),
            before_auto=p.get("sp.beforeAutospacing", False),
            after_auto=p.get("sp.afterAutospacing", False),
            line=p.get("sp.line", 240),
            line_rule=p.get("sp.lineRule", "auto"),
            contextual=p.get("contextual", False),
            borders=frozenset(k[7:] for k, v in p.items() if k.startswith("border.") and v),
            numbered=num_id not in (None, "0"),
        )

    def run(
        self,
        direct: Layer,
        paragraph_style: str | None,
        table_style: str | None,
        in_table: bool,
    ) -> RunProps:
        """Effective run properties from the direct rPr layer and its paragraph's context."""
        key = ("r", tuple(direct.items()), paragraph_style, table_style, in_table)
        return self._once(key, lambda: self._run(direct, paragraph_style, table_style, in_table))

    def _run(
        self, direct: Layer, paragraph_style: str | None, table_style: str | None, in_table: bool
    ) -> RunProps:
        kinds = [
            self.chain(table_style, "table")[1] if in_table else {},
            self.chain(paragraph_style, "paragraph")[1],
            self.chain(direct.get("style"), "character")[1],
        ]
        merged: Layer = dict(self.default_rpr)
        for layer in kinds:
            merged.update({k: v for k, v in layer.items() if k not in TOGGLES})
        merged.update({k: v for k, v in direct.items() if k not in TOGGLES})
        toggles = {}
        for name in TOGGLES:
            value = bool(self.default_rpr.get(name, False))
            for layer in kinds:
                if layer.get(name):
                    value = not value
            toggles[name] = bool(direct[name]) if name in direct else value
        return RunProps(
            fonts=tuple((slot, merged.get("font." + slot)) for slot in FONT_SLOTS),
            size=float(merged.get("sz", DEFAULT_SIZE_PT)),
            bold=toggles["b"],
            italic=toggles["i"],
            caps=toggles["caps"],
            hidden=toggles["vanish"],
            underline=bool(merged.get("u", False)),
            color=merged.get("color"),
            hint=merged.get("hint"),
            complex_script=bool(merged.get("cs", False)),
        )


def read_character_style(rpr: etree._Element | None, theme: dict[str, str]) -> Layer:
    """A run's direct layer including its rStyle reference."""
    layer = read_rpr(rpr, theme)
    style = child(rpr, R_STYLE)
    if style is not None:
        layer["style"] = attr(style, "val")
    return layer


def cell_margins(mar: etree._Element | None) -> tuple[int | None, int | None]:
    """(left, right) of a tblCellMar / tcMar element, in twips (dxa only)."""
    if mar is None:
        return None, None

    def side(*names: str) -> int | None:
        for name in names:
            el = child(mar, w(name))
            if el is not None and attr(el, "type") in (None, "dxa"):
                return twips(attr(el, "w"))
        return None

    return side("left", "start"), side("right", "end")


def read_numbering(root: etree._Element | None) -> dict[tuple[str, str], Layer]:
    """(numId, ilvl) → pPr layer of that list level, lvlOverride applied."""
    result: dict[tuple[str, str], Layer] = {}
    if root is None:
        return result
    abstract: dict[str, dict[str, Layer]] = {}
    for el in root.iter(w("abstractNum")):
        levels = {
            attr(lvl, "ilvl") or "0": read_ppr(lvl.find(w("pPr"))) for lvl in el.iter(w("lvl"))
        }
        abstract[attr(el, "abstractNumId") or ""] = levels
    for num in root.iter(w("num")):
        num_id = attr(num, "numId") or ""
        base = abstract.get(attr(num.find(w("abstractNumId")), "val") or "", {})
        levels = dict(base)
        for override in num.iter(w("lvlOverride")):
            lvl = override.find(w("lvl"))
            if lvl is not None:
                levels[attr(override, "ilvl") or "0"] = read_ppr(lvl.find(w("pPr")))
        for ilvl, layer in levels.items():
            result[(num_id, ilvl)] = layer
    return result
