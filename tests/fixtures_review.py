"""Test letters for `dispatch_gen.review`, built with python-docx in dispatch-gen's layout.

A `Draft` describes a công văn the way our renderer lays it out: a borderless two-column header
table (agency | Quốc hiệu + Tiêu ngữ; Số | date; V/v | empty), Kính gửi, body paragraphs, numbered
lists written with w:numPr (each list its own w:num with startOverride 1), a statistics table, and
a borderless closing table (Nơi nhận | signature). `build` gives the .docx bytes.

A body paragraph may be plain text or a list of segments, to write what a clerk's Word or
LibreOffice leaves in a file: ("t", text), ("b", bold text), ("link", text, url),
("field", text, instruction) as w:fldSimple, ("complex", text, instruction) as a w:fldChar field,
("ins", text) and ("del", text) as tracked changes, ("mark-del", "") for a deleted paragraph mark.
`split_runs` cuts every run into pieces, mid-word, as editing does; `list_document` writes lists
on a numbering.xml of the test's own.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from dataclasses import dataclass, field, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Segment = tuple[str, ...]
Paragraph = str | list[Segment]

NUMBERING_XML = f"""<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="11">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
      <w:lvlJc w:val="left"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
  </w:abstractNum>
</w:numbering>"""
DECIMAL, BULLET = "10", "11"


@dataclass
class Draft:
    """A letter in our layout; every field is what the page shows."""

    agency: list[str] = field(default_factory=lambda: ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"])
    number: str = "Số: 1119/UBND-KGVX"
    date_line: str = "Kiên Giang, ngày 19 tháng 8 năm 2020"
    subject: str = "V/v đẩy mạnh triển khai ứng dụng, cài đặt ứng dụng Bluezone"
    recipients: list[str] = field(default_factory=list)
    intro: list[Paragraph] = field(default_factory=list)
    stats: list[list[str]] = field(default_factory=list)
    lead: list[Paragraph] = field(default_factory=list)
    duties: list[tuple[str, str]] = field(default_factory=list)  # (bold addressee, text)
    tasks: list[str] = field(default_factory=list)  # a bulleted list
    ending: list[Paragraph] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signature: list[str] = field(
        default_factory=lambda: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "", "Lâm Minh Thành"]
    )


def kien_giang() -> Draft:
    """Công văn 1119/UBND-KGVX (seed 002), shortened."""
    return Draft(
        recipients=[
            "Giám đốc (Thủ trưởng) các Sở, ban, ngành cấp tỉnh;",
            "Lãnh đạo các doanh nghiệp, cơ sở sản xuất, kinh doanh trên địa bàn tỉnh;",
            "Chủ tịch UBND các huyện, thành phố;",
            "Chủ tịch UBND các xã, phường, thị trấn.",
        ],
        intro=[
            "Thực hiện Công văn số 2841/BTTTT-THH ngày 01/8/2020 của Bộ Thông tin và Truyền "
            "thông, Ủy ban nhân dân tỉnh đã ban hành nhiều văn bản chỉ đạo về việc tuyên truyền "
            "cài đặt ứng dụng Bluezone.",
            "Tuy nhiên, đến ngày 16/8/2020, số người cài đặt ứng dụng Bluezone trên địa bàn tỉnh "
            "còn rất ít, khoảng 145.800 lượt tải, tương đương 13% dân số trưởng thành, thấp hơn "
            "trung bình cả nước đang là 19%.",
        ],
        stats=[
            ["Stt", "Huyện", "Dân số", "Số lượng cài đặt", "Tỷ lệ"],
            ["1", "Thành phố Rạch Giá", "227.527", "41.230", "18,12%"],
            ["2", "Huyện Châu Thành", "156.921", "18.407", "11,73%"],
        ],
        lead=[
            "Để đảm bảo mục tiêu đến ngày 20/8/2020, tối thiểu có 60% người dùng điện thoại thông "
            "minh cài đặt ứng dụng Bluezone, Chủ tịch UBND tỉnh yêu cầu:",
        ],
        duties=[
            ("Sở Giáo dục và Đào tạo:", "chỉ đạo các cơ sở giáo dục yêu cầu giáo viên và học "
             "sinh có điện thoại thông minh cài đặt ứng dụng."),
            ("Sở Giao thông vận tải:", "thông báo cài đặt ứng dụng Bluezone tại các bến xe, "
             "bến tàu trên địa bàn tỉnh."),
            ("Sở Thông tin và Truyền thông:", "theo dõi, tổng hợp kết quả triển khai."),
        ],
        tasks=[
            "Triển khai đến cán bộ, công chức, viên chức cài đặt ứng dụng Bluezone.",
            "Hướng dẫn khách đến liên hệ công tác sử dụng ứng dụng này.",
        ],
        ending=[
            "Giao Sở Thông tin và Truyền thông báo cáo UBND tỉnh trước ngày 24/8/2020./.",
        ],
        distribution=[
            "Như trên;",
            "TT. Tỉnh ủy;",
            "TT. HĐND tỉnh;",
            "CT, các PCT.UBND tỉnh;",
            "Lưu: VT, KGVX.",
        ],
    )


def revised(draft: Draft) -> Draft:
    """The same letter after review: a new date, a corrected figure, one more duty, one
    recipient fewer, a reworded sentence."""
    duties = list(draft.duties)
    duties.insert(2, ("Sở Du lịch:", "hướng dẫn các nhà hàng, khách sạn khuyến nghị khách hàng "
                      "cài đặt ứng dụng Bluezone."))
    stats = [list(row) for row in draft.stats]
    stats[1][3] = "41.320"
    intro = list(draft.intro)
    intro[1] = str(intro[1]).replace("145.800", "152.300")
    ending = ["Giao Sở Thông tin và Truyền thông tổng hợp, báo cáo Chủ tịch UBND tỉnh trước ngày "
              "24/8/2020./."]
    return replace(
        draft,
        date_line="Kiên Giang, ngày 20 tháng 8 năm 2020",
        recipients=[r for r in draft.recipients if not r.startswith("Lãnh đạo")],
        intro=intro,
        stats=stats,
        duties=duties,
        ending=ending,
    )


def expected_text(draft: Draft) -> list[str]:
    """The lines `docx_text` must give for a draft built without segments."""
    lines = [*draft.agency, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             draft.number, draft.date_line, draft.subject]
    lines += ["Kính gửi:", *[f"- {r}" for r in draft.recipients]]
    lines += [str(p) for p in draft.intro]
    lines += [" | ".join(row) for row in draft.stats]
    lines += [str(p) for p in draft.lead]
    lines += [f"{i}. {to} {text}" for i, (to, text) in enumerate(draft.duties, 1)]
    lines += [f"- {t}" for t in draft.tasks]
    lines += [str(p) for p in draft.ending]
    lines += [s for s in draft.signature if s]
    lines += ["Nơi nhận:", *[f"- {d}" for d in draft.distribution]]
    return lines


def _el(tag: str, **attrs: str) -> etree._Element:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(text: str, bold: bool = False, deleted: bool = False) -> etree._Element:
    run = _el("w:r")
    rpr = _el("w:rPr")
    rpr.append(_el("w:rFonts", ascii="Times New Roman", hAnsi="Times New Roman"))
    if bold:
        rpr.append(_el("w:b"))
    rpr.append(_el("w:sz", val="28"))
    run.append(rpr)
    t = _el("w:delText" if deleted else "w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _field_run(kind: str, instruction: str = "") -> etree._Element:
    run = _el("w:r")
    if kind == "instr":
        instr = _el("w:instrText")
        instr.text = instruction
        run.append(instr)
    else:
        run.append(_el("w:fldChar", fldCharType=kind))
    return run


def _segments(doc: docx.document.Document, p: etree._Element, segments: list[Segment]) -> None:
    for number, (kind, text, *extra) in enumerate(segments):
        change = {"author": "Chuyên viên", "date": "2020-08-18T09:00:00Z", "id": str(900 + number)}
        if kind in ("t", "b"):
            p.append(_run(text, bold=kind == "b"))
        elif kind == "link":
            rid = doc.part.relate_to(extra[0], RT.HYPERLINK, is_external=True)
            link = _el("w:hyperlink")
            link.set(qn("r:id"), rid)
            link.append(_run(text))
            p.append(link)
        elif kind == "field":
            simple = _el("w:fldSimple", instr=extra[0])
            simple.append(_run(text))
            p.append(simple)
        elif kind == "complex":
            p.extend([_field_run("begin"), _field_run("instr", extra[0]),
                      _field_run("separate"), _run(text), _field_run("end")])
        elif kind in ("mark-ins", "mark-del"):  # the paragraph mark itself is tracked
            ppr = p.get_or_add_pPr()
            rpr = ppr.find(qn("w:rPr"))
            if rpr is None:
                rpr = _el("w:rPr")
                ppr.append(rpr)
            rpr.insert(0, _el(f"w:{kind[5:]}", **change))
        elif kind in ("ins", "del"):
            mark = _el(f"w:{kind}", **change)
            mark.append(_run(text, deleted=kind == "del"))
            p.append(mark)
        else:
            raise ValueError(kind)


def _paragraph(doc, container, content: Paragraph, size: int = 14, bold: bool = False,
               italic: bool = False, center: bool = False):
    par = container.add_paragraph()
    if center:
        par.alignment = 1
    else:
        par.paragraph_format.first_line_indent = Pt(36) if container is doc else None
    if isinstance(content, str):
        if content:
            run = par.add_run(content)
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
            run.font.name = "Times New Roman"
    else:
        _segments(doc, par._p, content)
    return par


def _numbered(doc, par, abstract: str, num_ids: dict[str, str], ilvl: int = 0) -> None:
    """Number a paragraph in the list `abstract`, the first of its list starts a new w:num."""
    numbering = doc.part.numbering_part.element
    if abstract not in num_ids:
        num_id = str(len(numbering.findall(qn("w:num"))) + 1)
        num = _el("w:num", numId=num_id)
        num.append(_el("w:abstractNumId", val=abstract))
        override = _el("w:lvlOverride", ilvl="0")
        override.append(_el("w:startOverride", val="1"))
        num.append(override)
        numbering.append(num)
        num_ids[abstract] = num_id
    num_pr = par._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_ids[abstract])


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    # CT_TblPr's schema order: … tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook …
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                 "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _cell_lines(doc, cell, lines: list[str], size: int, bold: bool = False,
                italic: bool = False) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text in lines:
        _paragraph(doc, cell, text, size, bold=bold, italic=italic, center=True)


def _fresh_numbering(doc) -> None:
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in etree.fromstring(NUMBERING_XML.encode()):
        numbering.append(child)


def _document() -> docx.document.Document:
    """python-docx's blank document without its stylesWithEffects part: that Word 2010 copy of
    the styles disagrees with styles.xml, which openxml-audit (rightly) counts as an error."""
    doc = docx.Document()
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    return doc


def build(draft: Draft) -> bytes:
    """The draft as .docx bytes in our layout."""
    doc = _document()
    _fresh_numbering(doc)
    doc._body._body.remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    header = doc.add_table(rows=3, cols=2)
    _borderless(header)
    _cell_lines(doc, header.cell(0, 0), draft.agency, 13, bold=True)
    _cell_lines(doc, header.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                         "Độc lập - Tự do - Hạnh phúc"], 13, bold=True)
    _cell_lines(doc, header.cell(1, 0), [draft.number], 13)
    _cell_lines(doc, header.cell(1, 1), [draft.date_line], 14, italic=True)
    _cell_lines(doc, header.cell(2, 0), [draft.subject], 13)
    if len(draft.recipients) == 1:
        _paragraph(doc, doc, f"Kính gửi: {draft.recipients[0]}")
    else:
        _paragraph(doc, doc, "Kính gửi:")
        for recipient in draft.recipients:
            _paragraph(doc, doc, f"- {recipient}")
    for text in draft.intro:
        _paragraph(doc, doc, text)
    if draft.stats:
        table = doc.add_table(rows=len(draft.stats), cols=len(draft.stats[0]))
        table.style = doc.styles["Table Grid"]
        for r, row in enumerate(draft.stats):
            for c, value in enumerate(row):
                run = table.cell(r, c).paragraphs[0].add_run(value)
                run.font.size, run.font.bold = Pt(13), r == 0
    for text in draft.lead:
        _paragraph(doc, doc, text)
    num_ids: dict[str, str] = {}
    for to, text in draft.duties:
        par = _paragraph(doc, doc, [("b", to), ("t", " " + text)])
        _numbered(doc, par, DECIMAL, num_ids)
    for text in draft.tasks:
        _numbered(doc, _paragraph(doc, doc, text), BULLET, num_ids)
    for text in draft.ending:
        _paragraph(doc, doc, text)
    closing = doc.add_table(rows=1, cols=2)
    _borderless(closing)
    left = closing.cell(0, 0)
    _cell_lines(doc, left, ["Nơi nhận:"], 12, bold=True, italic=True)
    for item in draft.distribution:
        _paragraph(doc, left, f"- {item}", 11)
    right = closing.cell(0, 1)
    _cell_lines(doc, right, draft.signature[:2], 14, bold=True)
    for text in draft.signature[2:]:
        _paragraph(doc, right, text, 14, bold=True, center=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def split_runs(data: bytes, size: int = 3) -> bytes:
    """Every run cut into runs of `size` characters (same formatting), with proofing marks
    and bookmarks between them, as Word and LibreOffice leave a hand-edited file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    for number, run in enumerate(list(root.iter(f"{{{W}}}r"))):
        texts = run.findall(f"{{{W}}}t")
        if len(texts) != 1 or len(texts[0].text or "") <= size:
            continue
        text = texts[0].text
        rpr = run.find(f"{{{W}}}rPr")
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        anchor = run
        for index, piece in enumerate(pieces):
            new = etree.Element(f"{{{W}}}r")
            if rpr is not None:
                new.append(etree.fromstring(etree.tostring(rpr)))
            t = etree.SubElement(new, f"{{{W}}}t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            anchor.addnext(new)
            anchor = new
            if index == 1:
                mark = etree.Element(f"{{{W}}}proofErr")
                mark.set(f"{{{W}}}type", "spellStart")
                new.addprevious(mark)
            if index == 2:
                mark = etree.Element(f"{{{W}}}bookmarkStart")
                mark.set(f"{{{W}}}id", str(500 + number))
                mark.set(f"{{{W}}}name", f"_GoBack{number}")
                new.addprevious(mark)
        run.getparent().remove(run)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def list_document(numbering_xml: str, items: list[tuple[str | None, int, str]],
                  style: str | None = None) -> bytes:
    """A document whose numbering part is `numbering_xml` (w:abstractNum/w:num elements in the
    w namespace), with one paragraph per item (numId or None, ilvl, text)."""
    doc = _document()
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in etree.fromstring(f'<w:numbering xmlns:w="{W}">{numbering_xml}</w:numbering>'):
        numbering.append(child)
    for num_id, ilvl, text in items:
        par = doc.add_paragraph(text, style=style)
        if num_id is not None:
            num_pr = par._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = int(num_id)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def abstract(aid: str, *levels: tuple[str, str, int]) -> str:
    """A w:abstractNum with levels (numFmt, lvlText, start)."""
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{aid}">{body}</w:abstractNum>'


def num(num_id: str, aid: str, start: int | None = None, ilvl: int = 0) -> str:
    """A w:num on an abstractNum, with a startOverride if `start` is given."""
    override = (f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/>'
                "</w:lvlOverride>" if start is not None else "")
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'


FILLER = ["ứng dụng", "Bluezone", "cài đặt", "tỉnh", "huyện", "số liệu", "12.500", "báo cáo",
          "Sở Y tế", "ngày 20/8/2020", "khẩn trương"]


def _reworded(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        at, roll = rng.randrange(len(words) + 1), rng.random()
        if roll < 0.4:
            words.insert(at, rng.choice(FILLER))
        elif words and roll < 0.7:
            words.pop(min(at, len(words) - 1))
        elif words:
            words[min(at, len(words) - 1)] = rng.choice(FILLER)
    return " ".join(words)


def _edited_list(rng: random.Random, items: list, new_item) -> list:
    items = list(items)
    for _ in range(rng.randint(0, 2)):
        roll = rng.random()
        if roll < 0.35:
            items.insert(rng.randrange(len(items) + 1), new_item())
        elif roll < 0.6 and len(items) > 1:
            items.pop(rng.randrange(len(items)))
        elif roll < 0.75 and len(items) > 1:
            i, j = rng.randrange(len(items)), rng.randrange(len(items))
            items[i], items[j] = items[j], items[i]
        elif items:
            i = rng.randrange(len(items))
            item = items[i]
            items[i] = (_reworded(rng, item) if isinstance(item, str)
                        else (item[0], _reworded(rng, item[1])))
    return items


def mutated(draft: Draft, rng: random.Random) -> Draft:
    """The draft with random edits of the kinds a reviewer makes: header fields, recipients,
    paragraphs, table cells and rows, duties, a whole list dropped, distribution, signer."""
    d = replace(draft)
    if rng.random() < 0.3:
        d.date_line = d.date_line.replace("19", str(rng.randint(20, 28)))
    if rng.random() < 0.3:
        d.number = d.number.replace("1119", str(rng.randint(1000, 2000)))
    if rng.random() < 0.5:
        d.recipients = _edited_list(rng, d.recipients, lambda: "Sở Nội vụ;")
    if rng.random() < 0.6:
        d.intro = _edited_list(rng, d.intro, lambda: _reworded(rng, "Đoạn mới về Bluezone."))
    if rng.random() < 0.5:
        stats = [list(row) for row in d.stats]
        if rng.random() < 0.5:
            stats[rng.randrange(1, len(stats))][rng.randrange(5)] = str(rng.randint(1, 99999))
        if rng.random() < 0.3:
            stats.insert(rng.randrange(1, len(stats) + 1), ["9", "Huyện mới", "1", "2", "3%"])
        if rng.random() < 0.3 and len(stats) > 2:
            stats.pop(rng.randrange(1, len(stats)))
        d.stats = stats
    if rng.random() < 0.6:
        d.duties = _edited_list(rng, d.duties,
                                lambda: ("Sở Tài chính:", _reworded(rng, "bố trí kinh phí.")))
    if rng.random() < 0.4:
        d.tasks = _edited_list(rng, d.tasks, lambda: "Việc mới.")
    if rng.random() < 0.2:
        d.tasks = []
    if rng.random() < 0.4:
        d.ending = _edited_list(rng, d.ending, lambda: "Câu kết mới./.")
    if rng.random() < 0.5:
        d.distribution = _edited_list(rng, d.distribution, lambda: "Sở Tài chính;")
    if rng.random() < 0.2:
        d.signature = [*d.signature[:-1], "Nguyễn Văn An"]
    return d
