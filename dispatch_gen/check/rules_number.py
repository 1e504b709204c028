"""Checks of the lines under the agency: "Số:" (ND30-08), place and date beside it (09), and the
V/v under it with no type line above (10)."""

from __future__ import annotations

import re
from datetime import date

from dispatch_gen.check import catalog
from dispatch_gen.check.elements import Letter
from dispatch_gen.check.finding import (
    WARNING,
    Finding,
    finding,
    looks,
    missing,
    points,
    quote,
)
from dispatch_gen.check.model import Document, Piece
from dispatch_gen.doctypes import CODES, LETTER_TYPES, TYPE_CODES, symbol_code
from dispatch_gen.vietnamese import upper

NUMBER = re.compile(r"^Số\s*(?P<colon>:?)\s*(?P<number>[^/]*?)\s*/\s*(?P<symbol>.*)$")
DATE_PARTS = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>[\d.…]*)\s*tháng\s*(?P<month>[\d.…]*)\s*"
    r"năm\s*(?P<year>\d{4})$"
)
DATE_FULL = re.compile(  # shared/nd30.md, check 9
    r"^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$"
)
ZERO_RULE = "ngày dưới 10 và tháng 1, 2 có số 0"


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-08, 09, 10."""
    return number(letter) + dated(letter) + subject(letter, doc)


def number(letter: Letter) -> list[Finding]:
    piece = letter.number
    if piece is None:
        return missing(
            "ND30-08",
            "Số, ký hiệu",
            "dòng “Số: …/…”",
            "Thêm “Số: 05/UBND-VP” canh giữa dưới tên cơ quan, cùng hàng với ngày tháng",
        )
    found = looks("ND30-08", "Số, ký hiệu", piece, catalog.SIZE_NUMBER, bold=False)
    match = NUMBER.match(piece.plain)
    text = quote(piece.plain)
    if match is None:
        return found + [
            finding("ND30-08", "", "Số, ký hiệu", text, "Viết theo mẫu “Số: 05/UBND-VP”")
        ]
    value, symbol = match.group("number"), match.group("symbol")
    if not match.group("colon"):
        found.append(
            finding("ND30-08", "sau từ “Số” có dấu hai chấm", "Số, ký hiệu", text, "Viết “Số:”")
        )
    if value.isdigit() and int(value) < 10 and len(value) == 1:
        found.append(
            finding(
                "ND30-08",
                "số nhỏ hơn 10 ghi thêm số 0 phía trước",
                "Số, ký hiệu",
                text,
                f"Viết “Số: 0{value}/{symbol}”",
            )
        )
    elif value and not value.isdigit() and value.strip(".…"):
        found.append(
            finding(
                "ND30-08",
                "số ghi bằng chữ số Ả Rập",
                "Số, ký hiệu",
                text,
                "Ghi số bằng chữ số Ả Rập, hoặc để trống khi chưa cấp số",
            )
        )
    found += type_code(letter, symbol, text)
    groups = re.split(r"[-/]", symbol)  # a year group (12/2020/QĐ-UBND) is tolerated
    if "CV" in groups:
        found.append(
            finding(
                "ND30-08",
                "ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo",
                "Số, ký hiệu",
                text,
                "Bỏ “CV”: công văn không có chữ viết tắt tên loại, ví dụ “Số: 1119/UBND-KGVX”",
            )
        )
    bad = [
        g
        for g in groups
        if g not in (*catalog.MIXED_CASE_TYPES, *catalog.MIXED_CASE_AGENCIES)
        and not re.fullmatch(r"[A-ZĐ0-9]+", g)
    ]
    # A unit's own abbreviation may keep a lower-case letter as the ministry issues it
    # ("GDTrH", Vụ Giáo dục Trung học): a warning, not an error.
    units = [g for g in bad if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]*(?:[a-zđ][A-ZĐ0-9]+)+", g)]
    bad = [g for g in bad if g not in units]
    if units and not bad and not re.search(r"\s", symbol):
        found.append(
            finding(
                "ND30-08",
                "ký hiệu in hoa",
                "Số, ký hiệu",
                text,
                f"Ký hiệu có chữ thường ({', '.join(units)}): giữ nếu đó là chữ viết tắt chính"
                " thức của đơn vị, nếu không viết in hoa",
                WARNING,
            )
        )
    if bad or re.search(r"\s", symbol):
        found.append(
            finding(
                "ND30-08",
                "ký hiệu in hoa, các nhóm nối bằng gạch nối, không cách",
                "Số, ký hiệu",
                text,
                "Viết ký hiệu in hoa, không cách, ví dụ “UBND-VP”",
            )
        )
    return found


def type_code(letter: Letter, symbol: str, text: str) -> list[Finding]:
    """PL III: a named type's symbol starts with its code (`TB-UBND` under THÔNG BÁO); a
    công văn's starts with none."""
    code = symbol_code(symbol)
    if letter.kind is not None:
        wanted = TYPE_CODES[letter.kind_name]
        if code == wanted:
            return []
        return [
            finding(
                "ND30-08",
                "ký hiệu văn bản có tên loại: chữ viết tắt tên loại rồi tên cơ quan",
                "Số, ký hiệu",
                text,
                f"{letter.kind_name}: ký hiệu bắt đầu bằng “{wanted}-”, ví dụ “05/{wanted}-UBND”",
            )
        ]
    if code and CODES[code] in LETTER_TYPES:
        return [
            finding(
                "ND30-08",
                "ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo",
                "Số, ký hiệu",
                text,
                f"“{code}” là mã của {CODES[code]}: thêm dòng tên loại “{upper(CODES[code])}”, "
                f"hoặc bỏ “{code}-” khỏi ký hiệu công văn",
                WARNING,
            )
        ]
    return []


def dated(letter: Letter) -> list[Finding]:
    piece = letter.date
    if piece is None:
        return missing(
            "ND30-09",
            "Địa danh và thời gian",
            "dòng “<Địa danh>, ngày … tháng … năm …”",
            "Thêm địa danh và ngày tháng năm, in nghiêng, cùng hàng với “Số:”",
        )
    element = "Địa danh và thời gian"
    found = looks("ND30-09", element, piece, catalog.SIZE_DATE, bold=False, italic=True, clause="")
    text = quote(piece.plain)
    match = DATE_PARTS.match(piece.plain)
    if match is None:
        return found + [
            finding(
                "ND30-09", "", element, text, "Viết theo mẫu “Hà Nội, ngày 05 tháng 01 năm 2020”"
            )
        ]
    day, month, year = match.group("day"), match.group("month"), int(match.group("year"))
    zero = f"II.4.b: {ZERO_RULE}"
    before = len(found)
    if day.isdigit() and not re.fullmatch(r"0[1-9]|[12]\d|3[01]", day):
        fix = f"Viết “ngày {int(day):02d}”" if 0 < int(day) < 10 else "Ghi ngày từ 01 đến 31"
        found.append(finding("ND30-09", zero, element, f"{text}: “ngày {day}”", fix))
    if month.isdigit() and not re.fullmatch(r"0[12]|[3-9]|1[0-2]", month):
        right = int(month)
        fix = (
            f"Viết “tháng {right:02d}”"
            if right in (1, 2)
            else f"Viết “tháng {right}” (chỉ tháng 1, 2 có số 0)"
            if 3 <= right <= 12
            else "Ghi tháng từ 1 đến 12"
        )
        found.append(finding("ND30-09", zero, element, f"{text}: “tháng {month}”", fix))
    if len(found) == before and day.isdigit() and month.isdigit():
        try:
            date(year, int(month), int(day))
        except ValueError:
            found.append(finding("ND30-09", "", element, text, "Ghi một ngày có thật"))
    draft = not day.strip(".…") or not month.strip(".…")  # blanks until signed
    if len(found) == before and not draft and not DATE_FULL.match(piece.plain):
        found.append(
            finding(
                "ND30-09", "", element, text, "Viết theo mẫu “Hà Nội, ngày 05 tháng 01 năm 2020”"
            )
        )
    place = match.group("place").strip()
    if place[:1] != place[:1].upper():
        found.append(
            finding(
                "ND30-09",
                "II.4.c: chữ cái đầu của địa danh viết hoa",
                element,
                text,
                "Viết hoa chữ cái đầu của địa danh",
            )
        )
    if re.search(r"\bTP\.", place):
        found.append(
            finding(
                "ND30-09",
                "II.4.a: ghi tên gọi đầy đủ của đơn vị hành chính",
                element,
                text,
                "Viết “Thành phố Hồ Chí Minh”, không viết tắt “TP.”",
                WARNING,
            )
        )
    number_piece = letter.number
    if number_piece is not None and not same_row(number_piece, piece):
        found.append(
            finding(
                "ND30-09",
                "II.4.c: trên cùng một dòng với số, ký hiệu",
                element,
                text,
                "Đặt ngày tháng cùng hàng với “Số:” (hai ô của bảng tiêu đề)",
            )
        )
    return found


def same_row(a: Piece, b: Piece) -> bool:
    if a.paragraph is b.paragraph:
        return a.line == b.line
    ca, cb = a.paragraph.cell, b.paragraph.cell
    return ca is not None and cb is not None and (ca.table, ca.row) == (cb.table, cb.row)


def subject(letter: Letter, doc: Document) -> list[Finding]:
    found = [
        finding(
            "ND30-10",
            "công văn không có tên loại",
            "Tên loại văn bản",
            quote(p.plain),
            "Bỏ dòng “CÔNG VĂN”: trích yếu “V/v …” đứng ngay dưới số, ký hiệu",
        )
        for p in letter.type_lines
    ]
    if letter.kind is not None:
        return found + title_block(letter)
    if not letter.subject:
        if letter.salutation is not None:
            found += missing(
                "ND30-10",
                "Trích yếu (V/v)",
                "trích yếu “V/v …”",
                "Thêm “V/v <nội dung>” canh giữa dưới “Số:”, cỡ 12–13",
            )
        return found
    first = letter.subject[0]
    if not first.plain.startswith("V/v"):
        found.append(
            finding(
                "ND30-10",
                "sau chữ “V/v”",
                "Trích yếu (V/v)",
                quote(first.plain),
                "Viết “V/v” (V hoa, v thường)",
            )
        )
    for piece in letter.subject:
        found += looks(
            "ND30-10",
            "Trích yếu (V/v)",
            piece,
            catalog.SIZE_SUBJECT,
            bold=False,
            centre=piece is first,
        )
    if letter.number is not None:
        gap = gap_between(doc, letter.number, first)
        if gap < catalog.MIN_SUBJECT_GAP:
            found.append(
                finding(
                    "ND30-10",
                    "cách dòng 6pt với số và ký hiệu văn bản",
                    "Trích yếu (V/v)",
                    f"cách “Số:” {points(gap / 20)} pt",
                    "Đặt khoảng cách trước đoạn “V/v” 6 pt",
                )
            )
    return found


def title_block(letter: Letter) -> list[Finding]:
    """Mẫu 1.4: the type name UPPER bold 13-14 centred, its summary bold centred under it."""
    assert letter.kind is not None
    element = "Tên loại và trích yếu"
    found = looks("ND30-10", element, letter.kind, catalog.SIZE_KIND, bold=True)
    if not letter.kind.upper:
        found.append(
            finding("ND30-10", "tên loại in hoa", element, quote(letter.kind.plain), "Viết in hoa")
        )
    if not letter.summary:
        return found + missing(
            "ND30-10",
            element,
            "trích yếu dưới tên loại",
            f"Thêm trích yếu nội dung (chữ đậm, canh giữa) dưới “{letter.kind.plain}”",
        )
    for piece in letter.summary:
        found += looks(
            "ND30-10",
            element,
            piece,
            catalog.SIZE_KIND,
            bold=True,
            centre=piece is letter.summary[0],
        )
    return found


def gap_between(doc: Document, upper: Piece, lower: Piece) -> float:
    """Vertical space (twips) between two pieces: spacing after + before + empty lines between."""
    if upper.paragraph is lower.paragraph:
        return 0
    a, b = upper.paragraph, lower.paragraph
    gap = (280 if a.props.after_auto else a.props.after) + (
        280 if b.props.before_auto else b.props.before
    )
    for para in doc.paragraphs:
        if a.index < para.index < b.index and para.container() == b.container() and not para.plain:
            gap += para.props.before + para.props.after + 240
    return gap
