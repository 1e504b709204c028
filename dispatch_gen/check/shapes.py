"""Drawn shapes in a run: the lines (their lengths, for the rules under the Tiêu ngữ and the
agency name) and the text boxes (their content and width, walked by `reader` as a story).

DrawingML (wp:inline / wp:anchor with a wps:wsp) and VML (v:line, v:shape, v:rect); the
mc:Fallback copy of a drawing is skipped, its mc:Choice read. Lengths in points.
"""

from __future__ import annotations

import re

from lxml import etree

from dispatch_gen.check.model import Paragraph
from dispatch_gen.check.package import A
from dispatch_gen.check.xml import local, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
EMU_PER_PT = 12700
LINE_MAX_HEIGHT_PT = 3.0  # a drawn shape this thin counts as a line
CSS_UNITS = {
    "pt": 1.0,
    "in": 72.0,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "px": 0.75,
    "pc": 12.0,
    "": 0.75,
}


def drawn(el: etree._Element, para: Paragraph, boxes: list[tuple[etree._Element, int]]) -> None:
    """Collect line shapes and text boxes drawn in a run (mc:Fallback copies skipped)."""
    if local(el) == "AlternateContent":
        choice = el.find(f"{{{MC}}}Choice")
        for child in [] if choice is None else choice:
            drawn(child, para, boxes)
        return
    for frame in el.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
        extent = frame.find(f"{{{WP}}}extent")
        cx = int(extent.get("cx", "0")) if extent is not None else 0
        cy = int(extent.get("cy", "0")) if extent is not None else 0
        shape = frame.find(f".//{{{WPS}}}wsp")
        if shape is None:
            continue
        content = shape.find(f".//{w('txbxContent')}")
        if content is not None:
            boxes.append((content, cx * 20 // EMU_PER_PT))
            continue
        geom = shape.find(f".//{{{A}}}prstGeom")
        preset = "" if geom is None else geom.get("prst") or ""
        if preset in ("line", "straightConnector1") or cy / EMU_PER_PT <= LINE_MAX_HEIGHT_PT:
            para.shapes.append(cx / EMU_PER_PT)
    for shape in el.iter(f"{{{V}}}line", f"{{{V}}}shape", f"{{{V}}}rect"):
        content = shape.find(f".//{w('txbxContent')}")
        style = css(shape.get("style", ""))
        if content is not None:
            boxes.append((content, round(style.get("width", 0) * 20)))
        elif local(shape) == "line":
            x1 = css_length((shape.get("from") or "0,0").split(",")[0])
            x2 = css_length((shape.get("to") or "0,0").split(",")[0])
            para.shapes.append(abs(x2 - x1))
        elif style.get("height", LINE_MAX_HEIGHT_PT + 1) <= LINE_MAX_HEIGHT_PT:
            para.shapes.append(style.get("width", 0.0))


def css_length(value: str) -> float:
    """A VML/CSS length in points."""
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not match:
        return 0.0
    return float(match.group(1)) * CSS_UNITS.get(match.group(2), 0.75)


def css(style: str) -> dict[str, float]:
    """width/height (pt) of a VML style attribute."""
    found: dict[str, float] = {}
    for item in style.split(";"):
        key, _, value = item.partition(":")
        if key.strip() in ("width", "height"):
            found[key.strip()] = css_length(value)
    return found
