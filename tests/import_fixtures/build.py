"""Builds the hand-typed letters `import` is tested on: LibreOffice documents (.fodt) saved as
.docx by LibreOffice itself, the way a clerk's LibreOffice saves them.

Each letter is typed as a clerk types without a template: the header as centred paragraphs or a
table, numbers and dashes typed as text, Kính gửi on one line, the signature as indented
paragraphs, Nơi nhận in a text box or as plain paragraphs. The .docx files are committed; run
this again (needs `soffice`) only to change them:  python tests/import_fixtures/build.py
"""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

HERE = Path(__file__).parent
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)
STYLES = """
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="C" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="CB" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="B" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/></style:style>
 <style:style style:name="L" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-size="12pt"/></style:style>
 <style:style style:name="LB" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="S" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-left="8cm" fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="SN" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-left="8cm" fo:margin-top="2.5cm"/>
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Bold" style:family="text">
  <style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Ital" style:family="text">
  <style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Frame" style:family="graphic">
  <style:graphic-properties style:wrap="none" fo:border="none" style:vertical-pos="from-top"
   style:horizontal-pos="from-left" style:vertical-rel="paragraph" style:horizontal-rel="page"/>
 </style:style>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4"/>
</office:master-styles>
"""


def inline(text: str) -> str:
    """`**bold**` and `*italic*` as text spans; everything else escaped."""
    out = []
    for i, part in enumerate(text.split("**")):
        bits = part.split("*")
        for j, bit in enumerate(bits):
            bit = escape(bit, quote=False)
            if j % 2:
                bit = f'<text:span text:style-name="Ital">{bit}</text:span>'
            out.append(f'<text:span text:style-name="Bold">{bit}</text:span>' if i % 2 else bit)
    return "".join(out)


def p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{inline(text)}</text:p>'


def table(left: list[tuple[str, str]], right: list[tuple[str, str]]) -> str:
    """A borderless two-column header row."""
    def cell(paras: list[tuple[str, str]]) -> str:
        return "<table:table-cell>" + "".join(p(s, t) for s, t in paras) + "</table:table-cell>"

    return (
        '<table:table table:name="Header"><table:table-column table:number-columns-repeated="2"/>'
        f"<table:table-row>{cell(left)}{cell(right)}</table:table-row></table:table>"
    )


def text_box(paras: list[tuple[str, str]]) -> str:
    """Paragraphs inside a frame anchored to an empty paragraph (Nơi nhận drawn in a box)."""
    inner = "".join(p(s, t) for s, t in paras)
    return (
        '<text:p text:style-name="L"><draw:frame draw:style-name="Frame" draw:name="NoiNhan" '
        'text:anchor-type="paragraph" svg:x="3cm" svg:y="0cm" svg:width="7cm" draw:z-index="0">'
        f'<draw:text-box fo:min-height="3cm">{inner}</draw:text-box></draw:frame></text:p>'
    )


def document(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}'
        f"<office:body><office:text>{body}</office:text></office:body></office:document>"
    )


NATIONAL = [("CB", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("CB", "Độc lập - Tự do - Hạnh phúc")]

# A commune's letter typed with no table at all: header lines one under another, numbers typed.
NO_TABLE = "".join(
    [
        p("C", "UBND HUYỆN CẦN ĐƯỚC"),
        p("CB", "ỦY BAN NHÂN DÂN"),
        p("CB", "XÃ LONG HỰU ĐÔNG"),
        *(p(s, t) for s, t in NATIONAL),
        p("C", "Số: 215/UBND-VP"),
        p("C", "Long Hựu Đông, ngày 16 tháng 8 năm 2021"),
        p("C", "V/v tăng cường cài đặt ứng dụng Bluezone trên địa bàn xã"),
        p("C", "Kính gửi: Các ấp trên địa bàn xã."),
        p("B", "Thực hiện Công văn số 1133/UBND-VX ngày 09/02/2021 của UBND huyện Cần Đước "
               "về việc tiếp tục đẩy mạnh cài đặt ứng dụng Bluezone, Ủy ban nhân dân xã đề nghị:"),
        p("B", "1. **Trưởng các ấp:** Phối hợp với Chi hội Phụ nữ, Chi đoàn Thanh niên vận động "
               "người dân cài đặt ứng dụng Bluezone trên điện thoại thông minh."),
        p("B", "2. **Công chức Văn hóa - Xã hội:** Tuyên truyền trên hệ thống loa truyền thanh "
               "của xã mỗi ngày 02 lần, sáng và chiều."),
        p("B", "- Tổng hợp số liệu cài đặt của từng ấp;"),
        p("B", "- Báo cáo Ủy ban nhân dân xã *trước 16 giờ thứ Sáu hằng tuần*."),
        p("B", "3. **Trạm Y tế xã:** Hướng dẫn người dân đến khám bệnh cài đặt ứng dụng."),
        p("B", "Ủy ban nhân dân xã đề nghị các ấp triển khai thực hiện nghiêm túc./."),
        p("S", "TM. ỦY BAN NHÂN DÂN"),
        p("S", "CHỦ TỊCH"),
        p("SN", "Nguyễn Văn Tâm"),
        p("LB", "Nơi nhận:"),
        p("L", "- Như trên;"),
        p("L", "- UBND huyện (b/c);"),
        p("L", "- Lưu: VT."),
    ]
)

# A ward's letter with the header in a table and Nơi nhận in a text box beside the signature.
TEXT_BOX = "".join(
    [
        table(
            [("C", "UBND THÀNH PHỐ TÂN AN"), ("CB", "ỦY BAN NHÂN DÂN"), ("CB", "PHƯỜNG 3"),
             ("C", "Số: 87/UBND-VHXH"),
             ("C", "V/v báo cáo kết quả cài đặt Bluezone tháng 02/2021")],
            [*NATIONAL, ("C", ""), ("C", "Phường 3, ngày 01 tháng 3 năm 2021")],
        ),
        p("C", "Kính gửi:"),
        p("B", "- Phòng Văn hóa và Thông tin thành phố;"),
        p("B", "- Trung tâm Y tế thành phố."),
        p("B", "Thực hiện chỉ đạo của UBND thành phố Tân An, Ủy ban nhân dân Phường 3 báo cáo "
               "kết quả cài đặt ứng dụng Bluezone trên địa bàn phường đến ngày 28/02/2021 "
               "như sau:"),
        p("B", "- Số người cài đặt: **4.512** người, đạt *32,15%* dân số của phường;"),
        p("B", "- Số cơ quan, đơn vị đã triển khai cho cán bộ, công chức: 12/12 đơn vị."),
        p("B", "Trong tháng 3/2021, phường tiếp tục vận động người dân cài đặt ứng dụng tại "
               "các điểm tiêm chủng và bộ phận một cửa."),
        p("B", "Ủy ban nhân dân Phường 3 kính báo cáo./."),
        text_box([("LB", "Nơi nhận:"), ("L", "- Như trên;"), ("L", "- Lưu: VT, VHXH.")]),
        p("S", "TM. ỦY BAN NHÂN DÂN"),
        p("S", "KT. CHỦ TỊCH"),
        p("S", "PHÓ CHỦ TỊCH"),
        p("SN", "Trần Thị Mai"),
    ]
)

LETTERS = {"khong-bang-tieu-de": NO_TABLE, "noi-nhan-trong-khung": TEXT_BOX}


def build() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for name, body in LETTERS.items():
            path = Path(tmp) / f"{name}.fodt"
            path.write_text(document(body), encoding="utf-8")
            sources.append(str(path))
        profile = Path(tmp) / "profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(HERE), *sources],
            check=True, capture_output=True, timeout=180,
        )


if __name__ == "__main__":
    build()
