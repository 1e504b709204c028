"""The docxtpl side of the benchmark: two Word templates of the letter in bench/data/master.yaml.

- `build_fair`: dispatch-gen's own letter, rendered once with docxtpl placeholders where a row's
  words go. So both tools write the same 12 package parts with the same elements: the Decree 30
  header rules, real list numbering (the duty paragraph, repeated by a `{%p for %}` loop), the
  table, the page-number header. docxtpl renders it with `autoescape=True`, as a letter with a
  `&` in a unit's name needs.
- `build_full`: the letter built with python-docx's default package (≈ 880 KB of styles,
  stylesWithEffects, theme, thumbnail, customXml), as the first benchmark did; a second line.

Both take the same context (`bench/docxtpl_batch.py`).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
MASTER = HERE / "data" / "master.yaml"
NUMBER = 999999  # stands for the row's number in the rendered template, replaced by {{ so }}
# The master's Jinja expressions → the docxtpl variable that prints the same words.
PLACEHOLDERS = {
    "row.don_vi": "don_vi",
    "row.dan_so | integer": "dan_so",
    "row.cai_1402 | integer": "cai_1402",
    "row.cai_0203 | integer": "cai_0203",
    "rate | percent": "rate",
    "rank": "rank",
    "units | length": "count",
    "units.total.dan_so | integer": "t_dan_so",
    "units.total.cai_1402 | integer": "t_cai_1402",
    "units.total.cai_0203 | integer": "t_cai_0203",
    "province | percent": "province",
    "(row.cai_0203 - row.cai_1402) | integer": "increase",
}
COMPARE = "{% if rate >= province %}cao hơn{% else %}thấp hơn{% endif %}"


def master_duties() -> list[dict[str, str]]:
    """The master's duties (to, text): what the docxtpl loop prints."""
    master = yaml.safe_load(MASTER.read_text(encoding="utf-8"))
    return [{"to": d["to"], "text": d["text"]} for d in master["duties"]]


def _literal(name: str) -> str:
    """A Jinja expression that prints `{{ name }}` through dispatch-gen's own template step."""
    return '{{ "{{ ' + name + ' }}" }}'


def placeholder_master(path: Path) -> None:
    """The master with placeholders for the row's words: a plain letter dispatch-gen renders."""
    text = MASTER.read_text(encoding="utf-8")
    text = re.sub(r"^  \{% set .*\n", "", text, flags=re.MULTILINE)
    text = text.replace(COMPARE, _literal("compare"))
    for expression, name in PLACEHOLDERS.items():
        text = text.replace("{{ " + expression + " }}", _literal(name))
    body = text.split("\nbody:", 1)[1]
    left = [line for line in body.splitlines() if "row." in line or "units" in line]
    assert not left, f"master.yaml has expressions the template does not know: {left}"
    data = yaml.safe_load(text)
    data["duties"] = [{"to": "{{ duty.to }}", "text": _literal("duty.text")}]
    data["recipients"] = ["{{ recipient }}"]
    data["number"] = NUMBER
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _loop_over_duties(xml: str) -> str:
    """Wrap the one duty paragraph in `{%p for duty in duties %}` … `{%p endfor %}`."""
    at = xml.index("{{ duty.to }}")
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")

    def tag(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    return (xml[:start] + tag("{%p for duty in duties %}") + xml[start:end]
            + tag("{%p endfor %}") + xml[end:])  # fmt: skip


def build_fair(path: Path, dispatch_gen: list[str]) -> None:
    """The fair template: dispatch-gen renders the placeholder master, the duty becomes a loop."""
    source = path.with_suffix(".yaml")
    placeholder_master(source)
    rendered = path.with_name("placeholders.docx")
    subprocess.run([*dispatch_gen, "render", str(source), "-o", str(rendered)], check=True,
                   capture_output=True)  # fmt: skip
    with zipfile.ZipFile(rendered) as package, zipfile.ZipFile(path, "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "word/document.xml":
                xml = _loop_over_duties(data.decode("utf-8"))
                assert xml.count(f"{NUMBER}") == 1
                data = xml.replace(f"{NUMBER}", "{{ so }}").encode("utf-8")
            out.writestr(info, data, zipfile.ZIP_DEFLATED)


def build_full(path: Path) -> None:
    """A .docx template for docxtpl with python-docx: the letter of bench/data/master.yaml.
    The context is the fair template's (same variable names, the duty loop)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm, Pt

    master = yaml.safe_load(MASTER.read_text(encoding="utf-8"))
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    def line(cell_or_doc: Any, text: str, bold: bool = False, italic: bool = False,
             size: float = 14, align: Any = None, first: bool = False) -> Any:  # fmt: skip
        p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if align is not None:
            p.alignment = align
        return p

    head = doc.add_table(rows=2, cols=2)
    line(head.cell(0, 0), "UBND TỈNH LONG AN", size=13, align=center, first=True)
    line(head.cell(0, 0), "SỞ THÔNG TIN", bold=True, size=13, align=center)
    line(head.cell(0, 0), "VÀ TRUYỀN THÔNG", bold=True, size=13, align=center)
    line(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, size=13, align=center,
         first=True)  # fmt: skip
    line(head.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", True, align=center)
    line(head.cell(1, 0), "Số: {{ so }}/STTTT-CNTT", size=13, align=center, first=True)
    line(head.cell(1, 0), "V/v " + master["subject"], size=12, align=center)
    line(head.cell(1, 1), "Long An, ngày 05 tháng 3 năm 2021", italic=True, align=center,
         first=True)  # fmt: skip
    line(doc, "Kính gửi: {{ recipient }}.", align=center)
    body = [
        "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số 1048/UBND-VHXH ngày 03/02/2021 về việc "
        "tiếp tục đẩy mạnh triển khai cài đặt sử dụng Bluezone. Qua theo dõi công tác triển khai, "
        "đến thời điểm hiện tại, Sở Thông tin và Truyền thông nắm biết một số cơ quan, địa phương "
        "đã quan tâm thực hiện theo chỉ đạo của UBND tỉnh; tuy nhiên vẫn còn nhiều nơi chưa ban "
        "hành văn bản, chưa tổ chức triển khai cài đặt, từ đó ảnh hưởng đến số lượng người dùng "
        "cài đặt Bluezone trên địa bàn tỉnh.",
        "Kết quả cài đặt ứng dụng Bluezone trên địa bàn {{ don_vi }} như sau:",
    ]
    for text in body:
        line(doc, text, align=justify)
    table = doc.add_table(rows=3, cols=6)
    table.style = "Table Grid"
    header = ["Đơn vị", "Dân số", "Số lượng cài đặt ngày 14/02", "Số lượng cài đặt ngày 02/3",
              "Tỷ lệ cài đặt ngày 02/3", "Xếp hạng"]  # fmt: skip
    row = ["{{ don_vi }}", "{{ dan_so }}", "{{ cai_1402 }}", "{{ cai_0203 }}", "{{ rate }}",
           "{{ rank }}/{{ count }}"]  # fmt: skip
    total = ["Toàn tỉnh", "{{ t_dan_so }}", "{{ t_cai_1402 }}", "{{ t_cai_0203 }}",
             "{{ province }}", ""]  # fmt: skip
    for r, (cells, bold) in enumerate(((header, True), (row, False), (total, True))):
        for c, text in enumerate(cells):
            line(table.cell(r, c), text, bold=bold, size=13, align=center, first=True)
    for text in [
        "Đến ngày 02/3/2021, tỷ lệ cài đặt của {{ don_vi }} đạt {{ rate }}, {{ compare }} tỷ lệ "
        "chung của toàn tỉnh ({{ province }}), xếp thứ {{ rank }} trên {{ count }} đơn vị; so với "
        "ngày 14/02/2021 tăng thêm {{ increase }} lượt cài đặt, chưa đạt yêu cầu cho việc truy "
        "vết, khoanh vùng dịch.",
        "Để tiếp tục đẩy mạnh triển khai cài đặt sử dụng Bluezone bảo đảm việc truy vết, khoanh "
        "vùng dịch hiệu quả nhất, đề nghị Ủy ban nhân dân {{ don_vi }} tiếp tục quan tâm, thực "
        "hiện nghiêm túc chỉ đạo của UBND tỉnh tại Công văn số 1048/UBND-VHXH, tập trung các "
        "giải pháp sau:",
    ]:
        line(doc, text, align=justify)
    line(doc, "{%p for duty in duties %}")
    p = doc.add_paragraph()
    p.alignment = justify
    lead = p.add_run("{{ loop.index }}. {{ duty.to }}: ")
    lead.bold = True
    p.add_run("{{ duty.text }}")
    line(doc, "{%p endfor %}")
    for text in [
        "Thông tin chi tiết về ứng dụng Bluezone và các tài liệu tuyên truyền được đăng tải trên "
        "https://www.bluezone.gov.vn/",
        "Sở Thông tin và Truyền thông đề nghị Ủy ban nhân dân {{ don_vi }} tổ chức triển khai, "
        "báo cáo kết quả gửi về Sở Thông tin và Truyền thông trước ngày 19/3 để kịp thời tổng "
        "hợp, báo cáo UBND tỉnh.",
        "Trân trọng./.",
    ]:
        line(doc, text, align=justify)
    closing = doc.add_table(rows=1, cols=2)
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    line(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for text in ["- Như trên;", "- UBND tỉnh (báo cáo);", "- Giám đốc, PGĐ Sở TTTT;",
                 "- Lưu: VT, CNTT."]:  # fmt: skip
        line(left, text, size=11)
    line(right, "KT. GIÁM ĐỐC", bold=True, align=center, first=True)
    line(right, "PHÓ GIÁM ĐỐC", bold=True, align=center)
    for _ in range(3):
        right.add_paragraph()
    line(right, "Bùi Nguyên Khởi", bold=True, align=center)
    # Page numbers from page 2, centred in the header (the first page's header stays empty).
    page = section.header.paragraphs[0]
    page.alignment = center
    page._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t>'
                             "</w:r></w:fldSimple>"))  # fmt: skip
    doc.save(str(path))
