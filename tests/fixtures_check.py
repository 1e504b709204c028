"""Fixtures for `dispatch-gen check`: a correct Decree-30 công văn laid out like the writer's, and
variants each wrong in exactly one way (or carrying one warning).

Built from raw WordprocessingML so every property sits where the test means it to (docDefaults,
a style with basedOn, direct formatting). Importable (`build`, `FIXTURES`, `WARNING_FIXTURES`) and a
script: `python tests/fixtures_check.py OUT_DIR` writes every fixture as OUT_DIR/<name>.docx.
"""

from __future__ import annotations

import math
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from dispatch_gen.docx import layout
from dispatch_gen.docx.metrics import text_width_pt
from dispatch_gen.docx.parts import FONT_TABLE
from dispatch_gen.docx.theme import theme_xml

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
PARENT, AGENCY = "UBND TỈNH KIÊN GIANG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
CELL_MARGIN = 108
LEGACY_LINES = {  # "Cộng hoà xã hội chủ nghĩa Việt Nam" typed in an old encoding: (text, font)
    "tcvn3": ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", ".VnTime"),
    "vni": ("Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", None),  # font already changed to TNR
}


@dataclass(frozen=True)
class Spec:
    """A letter; the defaults are correct, each fixture changes one field."""

    left_margin_mm: float = 35
    page: tuple[int, int] = (layout.PAGE_WIDTH, layout.PAGE_HEIGHT)
    theme_fonts: bool = False  # docDefaults take the theme's minor font (Calibri) instead of TNR
    body_font: str | None = None  # direct rFonts on the body runs
    normal_size: int | None = None  # w:sz on the Normal style, half-points
    body_align: str = "both"  # w:jc of the BodyText style
    title_bold: bool = True
    title_by_toggle: bool = False  # bold paragraph style + bold character style: not bold
    motto_rule: str = "border"  # border, none, underscores, shape
    motto_rule_slack: float = 2.0  # pt the Tiêu ngữ's own border exceeds its text: room to not wrap
    motto_rule_fraction: float = layout.MOTTO_RULE_FRACTION
    agency_rule_fraction: float = layout.AGENCY_RULE_FRACTION
    number: str = "Số: 1119/SGDĐT-VP"
    date: str = "Kiên Giang, ngày 19 tháng 8 năm 2020"
    type_line: bool = False
    recipients: tuple[str, ...] = (
        "- Phòng Giáo dục và Đào tạo các huyện, thành phố;",
        "- Các trường trung học phổ thông trực thuộc Sở.",
    )
    nfd: bool = False
    colour: str | None = None  # w:color of the body runs
    label_underline: bool = False
    distribution: tuple[str, ...] = ("- Như trên;", "- Giám đốc Sở (để báo cáo);", "- Lưu: VT, VP.")
    authority: tuple[str, ...] = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer: str = "Lâm Minh Thành"
    page_numbers: bool = True
    title_page: bool = True
    legacy: str | None = None  # one paragraph in an old encoding: "tcvn3" or "vni"


def run(
    text: str,
    spec: Spec,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    font: str | None = None,
    style: str | None = None,
    colour: str | None = None,
) -> str:
    props = f'<w:rStyle w:val="{style}"/>' if style else ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
    props += "<w:b/>" if bold else ""
    props += "<w:i/>" if italic else ""
    props += f'<w:color w:val="{colour}"/>' if colour else ""
    props += f'<w:sz w:val="{round(size * 2)}"/>' if size else ""
    props += '<w:u w:val="single"/>' if underline else ""
    if spec.nfd:
        text = unicodedata.normalize("NFD", text)
    pieces = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def para(
    runs: str = "", align: str | None = "center", style: str | None = None, extra: str = ""
) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += extra
    props += f'<w:jc w:val="{align}"/>' if align else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def border(side: str) -> str:
    line = f'w:val="single" w:sz="{layout.RULE_SIZE}" w:space="1" w:color="auto"'
    return f"<w:pBdr><w:{side} {line}/></w:pBdr>"


def indents(cell: int, length_twips: float) -> str:
    side = math.floor((cell - length_twips) / 2)
    return f'<w:ind w:left="{side}" w:right="{side}"/>'


def line_shape(length_pt: float) -> str:
    cx = round(length_pt * 12700)
    return (
        '<w:r><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" locked="0" layoutInCell="1" allowOverlap="1" relativeHeight="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:align>center'
        '</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        f'</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="0"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="Line 1"/><a:graphic><a:graphicData uri="http://schemas.'
        'microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm><a:prstGeom prst="line">'
        '<a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
        "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></w:r>"
    )


def table(widths: tuple[int, int], indent: int, rows: list[tuple[str, str]]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    none = "".join(
        f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    body = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{c or para()}</w:tc>'
            for w, c in zip(widths, cells, strict=True)
        )
        + "</w:tr>"
        for cells in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{indent}" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def header(spec: Spec) -> str:
    left_cell = layout.HEADER_LEFT_WIDTH - 2 * CELL_MARGIN
    right_cell = layout.HEADER_RIGHT_WIDTH - 2 * CELL_MARGIN
    agency_width = text_width_pt(AGENCY, layout.SIZE_AGENCY, bold=True)
    motto_width = text_width_pt(layout.MOTTO, layout.SIZE_MOTTO, bold=True)
    agency_rule = indents(left_cell, agency_width * 20 * spec.agency_rule_fraction)
    left = (
        para(run(PARENT, spec, layout.SIZE_PARENT))
        + para(run(AGENCY, spec, layout.SIZE_AGENCY, bold=True))
        + para(extra=border("top") + agency_rule)
    )
    title_style = "QuocHieu" if spec.title_by_toggle else None
    title = run(
        layout.NATIONAL_TITLE,
        spec,
        layout.SIZE_NATIONAL_TITLE,
        bold=spec.title_bold and not spec.title_by_toggle,
        style="Strong" if spec.title_by_toggle else None,
    )
    motto_rule = indents(
        right_cell, (motto_width * spec.motto_rule_fraction + spec.motto_rule_slack) * 20
    )
    motto_props = border("bottom") + motto_rule if spec.motto_rule == "border" else ""
    motto_runs = run(layout.MOTTO, spec, layout.SIZE_MOTTO, bold=True)
    right = para(title, style=title_style) + para(motto_runs, extra=motto_props)
    if spec.motto_rule == "underscores":
        count = round(motto_width / text_width_pt("_", layout.SIZE_MOTTO, bold=True))
        right += para(run("_" * count, spec, layout.SIZE_MOTTO, bold=True))
    elif spec.motto_rule == "shape":
        right += para(line_shape(motto_width))
    subject = para(
        run("V/v triển khai ứng dụng Bluezone trong trường học", spec, layout.SIZE_SUBJECT),
        extra=f'<w:spacing w:before="{layout.SUBJECT_SPACE_BEFORE}"/>',
    )
    if spec.type_line:
        subject = para(run("CÔNG VĂN", spec, 14, bold=True)) + subject
    return table(
        (layout.HEADER_LEFT_WIDTH, layout.HEADER_RIGHT_WIDTH),
        layout.HEADER_INDENT,
        [
            (left, right),
            (
                para(run(spec.number, spec, layout.SIZE_NUMBER)),
                para(run(spec.date, spec, layout.SIZE_DATE, italic=True)),
            ),
            (subject, ""),
        ],
    )


def body(spec: Spec) -> str:
    # "Kính gửi:" then a tab to the dashes, which hang under one another (ô 9a)
    label = round(text_width_pt("Kính gửi: ", layout.SIZE_SALUTATION) * 20)
    dashes = f'<w:ind w:left="{layout.SALUTATION_INDENT + label}" w:hanging="{label}"/>'
    salutation = [
        para(
            run("Kính gửi:\t" + spec.recipients[0], spec, layout.SIZE_SALUTATION),
            align="left",
            extra='<w:spacing w:before="240"/>' + dashes,
        )
    ]
    hang = f'<w:ind w:left="{layout.SALUTATION_INDENT + label}"/>'
    salutation += [
        para(run(text, spec, layout.SIZE_SALUTATION), align="left", extra=hang)
        for text in spec.recipients[1:]
    ]
    texts = [
        "Thực hiện Công văn số 2841/BTTTT-THH ngày 01/8/2020 của Bộ Thông tin và Truyền thông về "
        "việc đẩy mạnh triển khai ứng dụng Bluezone, Sở Giáo dục và Đào tạo đề nghị các đơn vị "
        "thực hiện các nội dung sau:",
        "Phổ biến, hướng dẫn cán bộ, giáo viên, học sinh cài đặt ứng dụng Bluezone.",
        "Báo cáo kết quả về Sở Giáo dục và Đào tạo trước ngày 24/8/2020./.",
    ]
    paragraphs = []
    for number, text in enumerate(texts):
        runs = run(text, spec, font=spec.body_font, colour=spec.colour)
        numbered = (
            '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if number == 1 else ""
        )
        paragraphs.append(para(runs, align=None, style="BodyText", extra=numbered))
    if spec.legacy:
        text, font = LEGACY_LINES[spec.legacy]
        paragraphs.insert(1, para(run(text, spec, font=font), align=None, style="BodyText"))
    return "".join(salutation + paragraphs)


def closing(spec: Spec) -> str:
    label = para(
        run(
            "Nơi nhận:",
            spec,
            layout.SIZE_DISTRIBUTION_LABEL,
            bold=True,
            italic=True,
            underline=spec.label_underline,
        ),
        align="left",
    )
    items = "".join(
        para(run(t, spec, layout.SIZE_DISTRIBUTION), align="left") for t in spec.distribution
    )
    sign = "".join(para(run(t, spec, layout.SIZE_AUTHORITY, bold=True)) for t in spec.authority)
    sign += para() * layout.SIGNATURE_SPACE_LINES
    sign += para(run(spec.signer, spec, layout.SIZE_SIGNER, bold=True))
    return para(align=None) + table(
        (layout.CLOSING_LEFT_WIDTH, layout.CLOSING_RIGHT_WIDTH),
        layout.CLOSING_INDENT,
        [(label + items, sign)],
    )


def document(spec: Spec) -> str:
    width, height = spec.page
    refs = '<w:headerReference w:type="default" r:id="rIdH1"/>' if spec.page_numbers else ""
    refs += '<w:headerReference w:type="first" r:id="rIdH2"/>' if spec.title_page else ""
    sect = (
        f'<w:sectPr>{refs}<w:pgSz w:w="{width}" w:h="{height}"/>'
        f'<w:pgMar w:top="{layout.MARGIN_TOP}" w:right="{layout.MARGIN_RIGHT}" '
        f'w:bottom="{layout.MARGIN_BOTTOM}" w:left="{layout.mm(spec.left_margin_mm)}" '
        f'w:header="{layout.HEADER_DISTANCE}" w:footer="{layout.FOOTER_DISTANCE}" w:gutter="0"/>'
        + ("<w:titlePg/>" if spec.title_page else "")
        + "</w:sectPr>"
    )
    content = header(spec) + body(spec) + closing(spec)
    return xml("w:document", f"<w:body>{content}{sect}</w:body>")


def xml(root: str, content: str, namespaces: str = NS) -> str:
    """A part: declaration and root element."""
    prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{prolog}<{root} {namespaces}>{content}</{root}>"


def style(kind: str, sid: str, content: str, default: bool = False, based: bool = True) -> str:
    flag = ' w:default="1"' if default else ' w:customStyle="1"'
    parent = '<w:basedOn w:val="Normal"/>' if based and kind == "paragraph" else ""
    return (
        f'<w:style w:type="{kind}"{flag} w:styleId="{sid}"><w:name w:val="{sid}"/>'
        f"{parent}{content}</w:style>"
    )


def styles(spec: Spec) -> str:
    font = layout.FONT
    fonts = (
        '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" '
        'w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/>'
        if spec.theme_fonts
        else f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
    )
    size = layout.half_points(layout.SIZE_BODY)
    lang = f'<w:lang w:val="{layout.LANGUAGE}" w:eastAsia="{layout.LANGUAGE}"/>'
    defaults = (
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{size}"/>'
        f'<w:szCs w:val="{size}"/>{lang}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    normal = f'<w:rPr><w:sz w:val="{spec.normal_size}"/></w:rPr>' if spec.normal_size else ""
    margins = "".join(
        f'<w:{side} w:w="{CELL_MARGIN if side in ("left", "right") else 0}" w:type="dxa"/>'
        for side in ("top", "left", "bottom", "right")
    )
    body_text = (
        f'<w:pPr><w:spacing w:after="{layout.BODY_SPACE_AFTER}" '
        f'w:line="{layout.BODY_LINE_SPACING}" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{layout.BODY_FIRST_LINE_INDENT}"/>'
        f'<w:jc w:val="{spec.body_align}"/></w:pPr>'
    )
    return xml(
        "w:styles",
        defaults
        + style("paragraph", "Normal", normal, default=True, based=False)
        + style("character", "DefaultParagraphFont", "", default=True)
        + style(
            "table",
            "TableNormal",
            f"<w:tblPr><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>",
            default=True,
        )
        + style("paragraph", "BodyText", body_text)
        + style("paragraph", "QuocHieu", "<w:rPr><w:b/></w:rPr>")
        + style("character", "Strong", "<w:rPr><w:b/></w:rPr>"),
    )


NUMBERING = xml(
    "w:numbering",
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr>'
    f'<w:ind w:left="0" w:firstLine="{layout.BODY_FIRST_LINE_INDENT}"/></w:pPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
)
THEME = theme_xml("Calibri Light", "Calibri")  # Word's default theme fonts



def page_header(spec: Spec) -> str:
    size = f'<w:rPr><w:sz w:val="{layout.half_points(layout.SIZE_PAGE_NUMBER)}"/></w:rPr>'
    field = (
        f'<w:r>{size}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{size}<w:instrText '
        f'xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{size}<w:fldChar '
        f'w:fldCharType="separate"/></w:r>{run("2", spec, layout.SIZE_PAGE_NUMBER)}'
        f'<w:r>{size}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    return xml("w:hdr", para(field))


EMPTY_HEADER = xml("w:hdr", "<w:p/>")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def package(
    parts: dict[str, str], rels: list[tuple[str, str, str]], types: dict[str, str]
) -> bytes:
    overrides = "".join(
        f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(kind)}/>"
        for name, kind in types.items()
    )
    content_types = xml(
        "Types",
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' + overrides,
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"',
    )
    relations = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    packaging = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        main = f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        zf.writestr("_rels/.rels", xml("Relationships", main, packaging))
        zf.writestr("word/_rels/document.xml.rels", xml("Relationships", relations, packaging))
        for name, text in parts.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def build(spec: Spec = Spec()) -> bytes:
    """The .docx bytes of one letter."""
    parts = {
        "word/document.xml": document(spec),
        "word/styles.xml": styles(spec),
        "word/numbering.xml": NUMBERING,
        "word/theme/theme1.xml": THEME,
        "word/header1.xml": page_header(spec),
        "word/header2.xml": EMPTY_HEADER,
        "word/settings.xml": xml("w:settings", ""),
        "word/fontTable.xml": FONT_TABLE,
    }
    rels = [
        ("rIdS", "styles", "styles.xml"),
        ("rIdN", "numbering", "numbering.xml"),
        ("rIdT", "theme", "theme/theme1.xml"),
        ("rIdH1", "header", "header1.xml"),
        ("rIdH2", "header", "header2.xml"),
        ("rIdSet", "settings", "settings.xml"),
        ("rIdF", "fontTable", "fontTable.xml"),
    ]
    types = {
        "word/document.xml": f"{WORD}.document.main+xml",
        "word/styles.xml": f"{WORD}.styles+xml",
        "word/numbering.xml": f"{WORD}.numbering+xml",
        "word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        "word/header1.xml": f"{WORD}.header+xml",
        "word/header2.xml": f"{WORD}.header+xml",
        "word/settings.xml": f"{WORD}.settings+xml",
        "word/fontTable.xml": f"{WORD}.fontTable+xml",
    }
    return package(parts, rels, types)


BASELINE = Spec()
FIXTURES: dict[str, tuple[str, Spec]] = {  # name → (the one rule with errors, letter)
    "letter-paper": ("ND30-01", replace(BASELINE, page=(12240, 15840))),
    "left-margin-25": ("ND30-02", replace(BASELINE, left_margin_mm=25)),
    "calibri-body": ("ND30-03", replace(BASELINE, body_font="Calibri")),
    "theme-font": ("ND30-03", replace(BASELINE, theme_fonts=True)),
    "nfd-text": ("ND30-04", replace(BASELINE, nfd=True)),
    "blue-text": ("ND30-04", replace(BASELINE, colour="0000FF")),
    "title-regular": ("ND30-05", replace(BASELINE, title_bold=False)),
    "title-bold-toggled-off": ("ND30-05", replace(BASELINE, title_by_toggle=True)),
    "motto-rule-missing": ("ND30-06", replace(BASELINE, motto_rule="none")),
    "motto-rule-short": ("ND30-06", replace(BASELINE, motto_rule_fraction=0.5)),
    "motto-wraps": ("ND30-06", replace(BASELINE, motto_rule_slack=-1.0)),
    "agency-rule-long": ("ND30-07", replace(BASELINE, agency_rule_fraction=0.8)),
    "number-5": ("ND30-08", replace(BASELINE, number="Số: 5/SGDĐT-VP")),
    "cv-symbol": ("ND30-08", replace(BASELINE, number="Số: 1119/CV-SGDĐT")),
    "month-08": ("ND30-09", replace(BASELINE, date="Kiên Giang, ngày 19 tháng 08 năm 2020")),
    "day-5": ("ND30-09", replace(BASELINE, date="Kiên Giang, ngày 5 tháng 01 năm 2021")),
    "month-1": ("ND30-09", replace(BASELINE, date="Kiên Giang, ngày 15 tháng 1 năm 2021")),
    "type-line": ("ND30-10", replace(BASELINE, type_line=True)),
    "recipients-punctuation": (
        "ND30-11",
        replace(
            BASELINE,
            recipients=(
                "- Phòng Giáo dục và Đào tạo các huyện, thành phố",
                "- Các trường trung học phổ thông.",
            ),
        ),
    ),
    "body-left": ("ND30-12", replace(BASELINE, body_align="left")),
    "normal-size-12": ("ND30-12", replace(BASELINE, normal_size=24)),
    "signer-upper": ("ND30-13", replace(BASELINE, signer="LÂM MINH THÀNH")),
    "authority-slash": ("ND30-13", replace(BASELINE, authority=("K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"))),
    "label-underlined": ("ND30-14", replace(BASELINE, label_underline=True)),
    "no-archive": ("ND30-14", replace(BASELINE, distribution=("- Như trên;", "- Giám đốc Sở."))),
    "no-page-number": ("ND30-15", replace(BASELINE, page_numbers=False)),
    "number-on-page-1": ("ND30-15", replace(BASELINE, title_page=False)),
    "legacy-tcvn3": ("ND30-17", replace(BASELINE, legacy="tcvn3")),
    "legacy-vni-text": ("ND30-17", replace(BASELINE, legacy="vni")),
}
WARNING_FIXTURES: dict[str, tuple[str, Spec]] = {  # no error, one rule with warnings
    "motto-rule-underscores": ("ND30-16", replace(BASELINE, motto_rule="underscores")),
}
CLEAN_FIXTURES: dict[str, Spec] = {  # other correct layouts: no finding at all
    "baseline": BASELINE,
    "motto-rule-shape": replace(BASELINE, motto_rule="shape"),
    "draft-number-and-date": replace(
        BASELINE, number="Số:       /SGDĐT-VP", date="Kiên Giang, ngày       tháng 8 năm 2020"
    ),
}


def write_all(folder: Path) -> list[Path]:
    """Write every fixture as <folder>/<name>.docx."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = dict(CLEAN_FIXTURES)
    specs |= {name: spec for name, (_, spec) in (FIXTURES | WARNING_FIXTURES).items()}
    written = []
    for name, spec in specs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(build(spec))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "out/fixtures")):
        print(written_path)
