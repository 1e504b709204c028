"""The parts of a .docx that are the same for every letter: styles, settings, headers, fonts.

Built once at import from the layout constants; a letter adds only its document, numbering,
relationships and properties. Fonts are set in docDefaults and every style on all four slots
(ascii, hAnsi, eastAsia, cs), so every run's effective font is Times New Roman.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from dispatch_gen.docx import layout as L
from dispatch_gen.docx.layout import DEFAULT_STYLE, HouseStyle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONTS = f'<w:rFonts w:ascii="{L.FONT}" w:hAnsi="{L.FONT}" w:eastAsia="{L.FONT}" w:cs="{L.FONT}"/>'
LANG = f'<w:lang w:val="{L.LANGUAGE}" w:eastAsia="{L.LANGUAGE}" w:bidi="ar-SA"/>'


def _size(points: float) -> str:
    half = L.half_points(points)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _style(style_id: str, name: str, ppr: str, rpr: str, kind: str = "paragraph") -> str:
    based = '<w:basedOn w:val="Normal"/>' if style_id != "Normal" else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    return (
        f'<w:style w:type="{kind}"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{FONTS}{rpr}</w:rPr></w:style>"
    )


def _body_ppr(style: HouseStyle) -> str:
    return (
        f'<w:spacing w:after="{style.space_after}" w:line="{style.line_spacing}"'
        ' w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{style.first_line_indent}"/><w:jc w:val="both"/>'
    )


@functools.cache
def styles_xml(style: HouseStyle = DEFAULT_STYLE) -> str:
    """word/styles.xml for a house style (the body's size, spacing and indent)."""
    body = _size(style.body_size)
    return (
        DECL
        + f'<w:styles xmlns:w="{W_NS}">'
        + "<w:docDefaults><w:rPrDefault><w:rPr>"
        + FONTS
        + '<w:color w:val="000000"/>'
        + _size(style.body_size)
        + LANG
        + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        + '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + _style("Normal", "Normal", "", '<w:color w:val="000000"/>' + body + LANG)
        # PL I, II.6: body justified, first-line indent 1.27 cm, 6 pt after, 1.15 lines.
        + _style("BodyText", "Body Text", _body_ppr(style), body)
        + _style("TableText", "Table Text", '<w:jc w:val="center"/>', _size(L.SIZE_TABLE))
        + _style("Header", "header", '<w:jc w:val="center"/>', _size(L.SIZE_PAGE_NUMBER))
        + _style("Closing", "Closing", "", _size(style.distribution_size))
        + '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        + '<w:name w:val="Normal Table"/>'
        + '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        + '<w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        + '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        + '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        + '<w:rPr><w:color w:val="000000"/></w:rPr></w:style>'
        # Footnotes (chú thích): text justified, no first-line indent, single spacing; the number
        # in the text and before the note is superscript.
        + _style(
            "FootnoteText",
            "footnote text",
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
            '<w:jc w:val="both"/>',
            _size(L.SIZE_FOOTNOTE),
        )
        + '<w:style w:type="character" w:styleId="FootnoteReference">'
        + '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        + "</w:style>"
        + "</w:styles>"
    )


STYLES = styles_xml()

SETTINGS = (
    DECL
    + f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
    + '<w:characterSpacingControl w:val="doNotCompress"/>'
    + '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat>'
    + '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    + ' w:val="15"/></w:compat></w:settings>'
)

FONT_TABLE = (
    DECL
    + f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{L.FONT}"><w:charset w:val="00"/>'
    + '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
)

# PL I, I.7: page numbers in Arabic digits, centred in the header, none on page 1
# (w:titlePg with an empty first-page header).
PAGE_NUMBER_HEADER = (
    DECL
    + f'<w:hdr xmlns:w="{W_NS}"><w:p>'
    + '<w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>'
    + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>'
)
FIRST_PAGE_HEADER = (
    DECL + f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'
)


def first_footer_reference(relationship: str) -> str:
    """A section's first-page footer, by the relationship id that names its part."""
    return f'<w:footerReference w:type="first" r:id="{relationship}"/>'


FOOTER_REFERENCE = first_footer_reference("rIdFooterFirst")
# An appendix after a letter with ô 13 names an empty first-page footer: without a reference of
# its own, a section repeats the previous section's footer.
BLANK_FOOTER_REFERENCE = first_footer_reference("rIdFooterBlank")


def section(
    restart: bool = False,
    footer: bool = False,
    blank_footer: bool = False,
    style: HouseStyle = DEFAULT_STYLE,
    first_footer: str = "",
) -> str:
    """A section's properties. `restart`: it starts on a new page with its pages counted from 1
    (a Phụ lục, PL I, I.7; a letter of a batch's print file); page 1 stays unnumbered.
    `footer`: ô 13's footer on its first page (see `contact_footer`), or `first_footer`'s (a
    relationship id: a print file's further contacts); `style` the margins."""
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderPages"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        + (FOOTER_REFERENCE if footer else "")
        + (first_footer_reference(first_footer) if first_footer else "")
        + (BLANK_FOOTER_REFERENCE if blank_footer else "")
        + ('<w:type w:val="nextPage"/>' if restart else "")
        + f'<w:pgSz w:w="{L.PAGE_WIDTH}" w:h="{L.PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{style.margin_top}" w:right="{style.margin_right}"'
        f' w:bottom="{style.margin_bottom}" w:left="{style.margin_left}"'
        f' w:header="{L.HEADER_DISTANCE}" w:footer="{L.FOOTER_DISTANCE}"'
        ' w:gutter="0"/>'
        + ('<w:pgNumType w:start="1"/>' if restart else "")
        + "<w:titlePg/></w:sectPr>"
    )


SECTION = section()
SECTION_RESTART = section(restart=True)


def section_break(properties: str) -> str:
    """The paragraph that ends a section which is not the last: 1 pt high, holding its
    properties."""
    return (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        f'<w:rPr><w:sz w:val="2"/></w:rPr>{properties}</w:pPr></w:p>'
    )


# Footnotes: the separator line and its continuation, as Word writes them (ids -1 and 0, listed
# in settings' w:footnotePr); the letter's notes follow from id 1.
_SEPARATOR_PPR = (
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr>'
)
FOOTNOTE_SEPARATORS = (
    f'<w:footnote w:type="separator" w:id="-1"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)


def footnotes(notes: list[str]) -> str:
    """word/footnotes.xml: the separators, then each note's paragraphs (XML) as id 1, 2, …"""
    body = "".join(
        f'<w:footnote w:id="{number}">{xml}</w:footnote>'
        for number, xml in enumerate(notes, start=1)
    )
    return (
        DECL
        + f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        + f"{FOOTNOTE_SEPARATORS}{body}</w:footnotes>"
    )


# PL I, ô 13: address, phone, email and website at the foot of page 1 only, 11 pt, under a solid
# rule as wide as the text (a first-page footer; the later pages' footer stays empty).
FOOTER_PART = "word/footer1.xml"
BLANK_FOOTER_PART = "word/footer2.xml"
BLANK_FOOTER = DECL + f'<w:ftr xmlns:w="{W_NS}"><w:p/></w:ftr>'


def contact_footer_part(number: int) -> tuple[str, str]:
    """(relationship id, part name) of a package's `number`th distinct ô 13 footer: 1 is a
    letter's own footer1.xml; a print file's further contacts follow the blank footer2.xml."""
    if number == 1:
        return "rIdFooterFirst", FOOTER_PART
    return f"rIdFooterFirst{number}", f"word/footer{number + 1}.xml"


def footer_declarations(contacts: int) -> tuple[str, str]:
    """The document relationships and the content-type overrides of `contacts` ô 13 footers
    and the blank one."""
    named = [contact_footer_part(n) for n in range(1, contacts + 1)]
    named.insert(1, ("rIdFooterBlank", BLANK_FOOTER_PART))
    relationships = "".join(
        f'<Relationship Id="{rid}" Type="{REL}footer" Target="{part.removeprefix("word/")}"/>'
        for rid, part in named
    )
    types = "".join(
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footer+xml"/>'
        for _, part in named
    )
    return relationships, types


FOOTER_RELATIONSHIP, FOOTER_CONTENT_TYPE = footer_declarations(1)


def contact_footer(lines: tuple[str, ...], escape: Callable[[str], str]) -> str:
    """The first page's footer: a full-width rule, then ô 13's lines."""
    border = (
        f'<w:pBdr><w:top w:val="single" w:sz="{L.RULE_SIZE}" w:space="1" w:color="000000"/>'
        "</w:pBdr>"
    )
    paras = "".join(
        f"<w:p><w:pPr>{border if i == 0 else ''}<w:spacing w:before=\"0\" w:after=\"0\"/>"
        f'<w:jc w:val="center"/></w:pPr><w:r><w:rPr>{_size(L.SIZE_CONTACT)}</w:rPr>'
        f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for i, line in enumerate(lines)
    )
    return DECL + f'<w:ftr xmlns:w="{W_NS}">{paras}</w:ftr>'


CONTENT_TYPES = (
    DECL
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" '
    + 'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-{kind}+xml"/>'
        for part, kind in (
            ("word/document.xml", "officedocument.wordprocessingml.document.main"),
            ("word/styles.xml", "officedocument.wordprocessingml.styles"),
            ("word/settings.xml", "officedocument.wordprocessingml.settings"),
            ("word/fontTable.xml", "officedocument.wordprocessingml.fontTable"),
            ("word/theme/theme1.xml", "officedocument.theme"),
            ("word/numbering.xml", "officedocument.wordprocessingml.numbering"),
            ("word/footnotes.xml", "officedocument.wordprocessingml.footnotes"),
            ("word/header1.xml", "officedocument.wordprocessingml.header"),
            ("word/header2.xml", "officedocument.wordprocessingml.header"),
            ("docProps/core.xml", "package.core-properties"),
            ("docProps/app.xml", "officedocument.extended-properties"),
        )
    )
    + "</Types>"
)

PACKAGE_RELS = (
    DECL
    + f'<Relationships xmlns="{PKG_RELS}">'
    + f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    + 'metadata/core-properties" Target="docProps/core.xml"/>'
    + f'<Relationship Id="rId3" Type="{REL}extended-properties" Target="docProps/app.xml"/>'
    + "</Relationships>"
)

DOCUMENT_RELS_FIXED = "".join(
    f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"/>'
    for rid, kind, target in (
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        ("rIdTheme", "theme", "theme/theme1.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdFootnotes", "footnotes", "footnotes.xml"),
        ("rIdHeaderPages", "header", "header1.xml"),
        ("rIdHeaderFirst", "header", "header2.xml"),
    )
)

APP = (
    DECL
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    + "<Application>dispatch-gen</Application></Properties>"
)


def _level(fmt: str, text: str, bold: bool) -> str:
    """One list level (PL I, II.6): the number stands at the first-line indent, text wraps to
    the margin, as in the decree's samples."""
    rpr = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        # CT_Lvl's schema order: … isLgl, suff, lvlText, lvlPicBulletId, legacy, lvlJc, pPr, rPr.
        f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="{L.BODY_FIRST_LINE_INDENT}"/></w:pPr>'
        f"<w:rPr>{FONTS}{rpr}</w:rPr></w:lvl>"
    )


# One abstract list per kind; each list in a letter gets its own w:num with a start override,
# so numbering restarts at 1 (or the list's start) and continues when an item is inserted.
# Points `a)` are not here: Word's lowerLetter has f, j, w, z and no đ, so the writer prints
# their labels as text.
LIST_KINDS = {
    ("decimal", False): (1, _level("decimal", "%1.", False)),
    ("decimal", True): (2, _level("decimal", "%1.", True)),
    ("dash", False): (5, _level("bullet", "-", False)),
    ("plus", False): (6, _level("bullet", "+", False)),
}
ABSTRACT_NUMBERING = "".join(
    f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="singleLevel"/>{level}'
    "</w:abstractNum>"
    for number, level in LIST_KINDS.values()
)


def numbering(lists: list[tuple[int, int]]) -> str:
    """numbering.xml for a letter whose lists are (abstract id, start) in order of numId."""
    nums = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        for num_id, (abstract, start) in enumerate(lists, start=1)
    )
    return DECL + f'<w:numbering xmlns:w="{W_NS}">{ABSTRACT_NUMBERING}{nums}</w:numbering>'
