"""word/theme/theme1.xml: the document theme, with Times New Roman as its major and minor font.

Word resolves "+Headings"/"+Body" (and any run without an explicit font) through the theme;
naming the letter's font there keeps Word's theme fonts in agreement with the styles. Colours
and formats are Office's defaults: a letter uses none of them, but the schema requires them.
"""

from __future__ import annotations

from dispatch_gen.docx import layout as L

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

_COLOURS = (
    ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"),
    ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
    ("hlink", "0563C1"), ("folHlink", "954F72"),
)  # fmt: skip

_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = (
    '<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr">'
    f'{_FILL}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
)



def _fonts(name: str) -> str:
    return f'<a:latin typeface="{name}"/><a:ea typeface="{name}"/><a:cs typeface="{name}"/>'


def theme_xml(major: str, minor: str) -> str:
    """A complete theme part whose headings font is `major` and body font `minor`."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + f'<a:theme xmlns:a="{A_NS}" name="dispatch-gen"><a:themeElements>'
        + '<a:clrScheme name="Office">'
        + '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
        + '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
        + '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
        + "".join(f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in _COLOURS)
        + "</a:clrScheme>"
        + f'<a:fontScheme name="{minor}"><a:majorFont>{_fonts(major)}</a:majorFont>'
        + f"<a:minorFont>{_fonts(minor)}</a:minorFont></a:fontScheme>"
        + '<a:fmtScheme name="Office">'
        + f"<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>"
        + f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
        + "<a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
        + "</a:effectStyleLst>"
        + f"<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst>"
        + "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


THEME = theme_xml(L.FONT, L.FONT)
