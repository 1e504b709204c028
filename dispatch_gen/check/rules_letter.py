"""Checks of the letter's text and closing: Kính gửi (ND30-11), body paragraphs (12), authority,
title and signer's name (13), Nơi nhận and its items (14)."""

from __future__ import annotations

import re
from collections import defaultdict

from dispatch_gen.check import catalog
from dispatch_gen.check.elements import DASHES, Letter, key
from dispatch_gen.check.finding import (
    WARNING,
    Finding,
    finding,
    looks,
    missing,
    quote,
    size_problem,
    size_range,
)
from dispatch_gen.check.model import Document, Paragraph, Piece

VALID_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
# What a clerk types for a prefix, right or wrong: "KT.", "K/T", "T.M.", "KT " …
LOOSE_AUTHORITY = re.compile(r"^(T\.?M|K\.?T|T\.?L|T\.?U\.?Q|TU/Q|T/M|K/T|T/L|Q)(\s*[./:]|\s)")
ACADEMIC = re.compile(r"^(GS|PGS|TS|TSKH|ThS|Th\.S|KS|BS|CN|DS|LS)\.?\s", re.IGNORECASE)
ARCHIVE = re.compile(r"^[-–]\s*Lưu\s*:\s*VT\b.*\.$")


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-11 … 14."""
    return salutation(letter) + body(letter) + signature(letter) + distribution(letter)


def salutation(letter: Letter) -> list[Finding]:
    piece = letter.salutation
    element = "Kính gửi"
    if piece is None and letter.kind is not None:
        return []  # Mẫu 1.4: a named type (Thông báo, Kế hoạch …) is sent without Kính gửi
    if piece is None:
        return missing(
            "ND30-11", element, "“Kính gửi:”", "Thêm “Kính gửi:” và tên nơi nhận dưới phần tiêu đề"
        )
    found: list[Finding] = []
    for item in [piece] + letter.recipients:
        found += looks("ND30-11", element, item, catalog.SIZE_SALUTATION, bold=False, centre=False)
    if not re.match(r"^Kính gửi\s*:", piece.plain):
        found.append(
            finding(
                "ND30-11",
                "sau từ “Kính gửi” có dấu hai chấm",
                element,
                quote(piece.plain),
                "Viết “Kính gửi:”",
            )
        )
    inline = re.sub(r"^Kính gửi\s*:?\s*", "", piece.plain)
    names = ([inline] if inline else []) + [p.plain for p in letter.recipients]
    same_line = [
        p for p in letter.recipients if p.paragraph is piece.paragraph and p.line == piece.line
    ]
    if not names:
        return found + [
            finding(
                "ND30-11",
                "",
                element,
                "không có tên nơi nhận",
                "Ghi tên cơ quan, tổ chức nhận văn bản sau “Kính gửi:”",
            )
        ]
    if len(names) == 1:
        name = names[0]
        if name[:1] in DASHES and not same_line:
            found.append(
                finding(
                    "ND30-11",
                    "gửi một nơi: “Kính gửi” và tên trên cùng một dòng",
                    element,
                    quote(name),
                    "Viết “Kính gửi: <tên nơi nhận>.” trên một dòng",
                )
            )
        elif not name.endswith("."):
            found.append(
                finding(
                    "ND30-11",
                    "gửi một nơi",
                    element,
                    quote(name),
                    "Kết thúc tên nơi nhận bằng dấu chấm (.)",
                    WARNING,
                )
            )
        return found
    detail = "gửi nhiều nơi: mỗi nơi một dòng, đầu dòng (-), cuối dòng (;), dòng cuối (.)"
    for position, name in enumerate(names):
        last = position == len(names) - 1
        end = "." if last else ";"
        if name[:1] not in DASHES:
            found.append(
                finding(
                    "ND30-11",
                    detail,
                    element,
                    quote(name),
                    "Mỗi nơi nhận một dòng riêng, bắt đầu bằng “- ”",
                )
            )
        elif not name.endswith(end):
            found.append(
                finding("ND30-11", detail, element, quote(name), f"Kết thúc dòng bằng “{end}”")
            )
    return found


def body(letter: Letter) -> list[Finding]:
    problems: dict[str, list[Paragraph]] = defaultdict(list)
    wrong_sizes: dict[str, list[Paragraph]] = defaultdict(list)
    for para in letter.body:
        runs = [r for r in para.runs if r.text.strip()]
        size = max((r.props.size for r in runs), default=14.0)
        heading = bool(runs) and all(r.props.bold for r in runs)  # headings may stand alone
        if para.props.align != "both" and not heading:
            problems["justify"].append(para)
        start = para.first_line_start(size)
        if not heading and not any(
            abs(start - v) <= catalog.INDENT_TOLERANCE for v in catalog.BODY_INDENTS
        ):
            problems["indent"].append(para)
        wrong = size_problem(runs, catalog.SIZE_BODY)
        if wrong:
            wrong_sizes[wrong].append(para)
        if not line_spacing_ok(para, size):
            problems["line"].append(para)
    for upper, lower in zip(letter.body, letter.body[1:], strict=False):
        if lower.index == upper.index + 1 and gap(upper, lower) < catalog.MIN_PARAGRAPH_GAP:
            problems["gap"].append(upper)
    messages = {
        "justify": (
            "canh đều cả hai lề",
            "không canh đều hai lề",
            "Canh đều hai lề (Justify) cho các đoạn nội dung",
        ),
        "indent": (
            "chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm",
            "thụt đầu dòng sai",
            "Đặt thụt dòng đầu (First line) 1 cm hoặc 1,27 cm",
        ),
        "line": (
            "khoảng cách dòng từ dòng đơn đến 1,5 lines",
            "giãn dòng ngoài khoảng cho phép",
            "Đặt giãn dòng từ Single đến 1,5 lines",
        ),
        "gap": (
            "khoảng cách giữa các đoạn văn tối thiểu là 6pt",
            "cách đoạn dưới 6 pt",
            "Đặt khoảng cách sau đoạn (Spacing After) ít nhất 6 pt",
        ),
    }
    found = [
        finding("ND30-12", detail, "Nội dung", f"{what} ở {count(paras)}", fix)
        for name, (detail, what, fix) in messages.items()
        if (paras := problems.get(name))
    ]
    found += [
        finding(
            "ND30-12",
            size_range(catalog.SIZE_BODY),
            "Nội dung",
            f"{wrong} ở {count(paras)}",
            f"Đặt nội dung {size_range(catalog.SIZE_BODY)} (kiểm tra cả kiểu Normal)",
        )
        for wrong, paras in wrong_sizes.items()
    ]
    return found


def count(paras: list[Paragraph]) -> str:
    return f"{len(paras)} đoạn, ví dụ {quote(paras[0].plain)}"


def line_spacing_ok(para: Paragraph, size: float) -> bool:
    low, high = catalog.LINE_SPACING
    if para.props.line_rule == "auto":
        return low <= para.props.line <= high
    pt = para.props.line / 20  # exact / atLeast: a height in twips
    return size <= pt <= size * catalog.SINGLE_LINE * high / low + 0.5


def gap(upper: Paragraph, lower: Paragraph) -> int:
    """Space between two adjacent paragraphs: Word adds after and before (autospacing = 14 pt)."""
    if upper.props.contextual and lower.props.contextual and upper.props.style == lower.props.style:
        return 0
    after = 280 if upper.props.after_auto else upper.props.after
    before = 280 if lower.props.before_auto else lower.props.before
    return after + before


def signature(letter: Letter) -> list[Finding]:
    element = "Quyền hạn, chức vụ người ký"
    if not letter.authority:
        return missing(
            "ND30-13",
            element,
            "quyền hạn, chức vụ của người ký",
            "Thêm chức vụ người ký (in hoa, đậm), ví dụ “KT. GIÁM ĐỐC” / “PHÓ GIÁM ĐỐC”",
        )
    found: list[Finding] = []
    for piece in letter.authority:
        found += looks("ND30-13", element, piece, catalog.SIZE_AUTHORITY, bold=True)
        if not piece.upper:
            found.append(
                finding(
                    "ND30-13",
                    "II.7.đ: quyền hạn, chức vụ bằng chữ in hoa",
                    element,
                    quote(piece.plain),
                    "Viết in hoa quyền hạn và chức vụ",
                )
            )
        if LOOSE_AUTHORITY.match(piece.plain) and not VALID_AUTHORITY.match(piece.plain):
            found.append(
                finding(
                    "ND30-13",
                    "II.7.b: chữ viết tắt “TM.”, “Q.”, “KT.”, “TL.”, “TUQ.”",
                    element,
                    quote(piece.plain),
                    "Viết đúng chữ viết tắt, ví dụ “KT. GIÁM ĐỐC”, “TM. ỦY BAN NHÂN DÂN”",
                )
            )
    first = VALID_AUTHORITY.match(letter.authority[0].plain)
    if first and first.group(1) != "Q" and len(letter.authority) < 2:
        found.append(
            finding(
                "ND30-13",
                "II.7.b–c: quyền hạn rồi chức vụ của người ký",
                element,
                quote(letter.authority[0].plain),
                "Ghi chức vụ của người ký dưới dòng quyền hạn, ví dụ “PHÓ GIÁM ĐỐC”",
                WARNING,
            )
        )
    # an unsigned draft (day still blank) may leave the signer's name to be filled in
    draft = letter.date is not None and re.search(r"ngày\s+tháng", letter.date.plain) is not None
    found += signer(letter.signer, draft)
    return found


def signer(piece: Piece | None, draft: bool = False) -> list[Finding]:
    element = "Họ tên người ký"
    if piece is None and draft:
        return [
            finding(
                "ND30-13",
                "II.7.đ: họ tên người ký",
                element,
                "bản thảo chưa ghi họ tên người ký",
                "Ghi họ tên người ký trước khi trình ký",
                WARNING,
            )
        ]
    if piece is None:
        return missing(
            "ND30-13",
            element,
            "họ tên người ký",
            "Ghi họ tên người ký (chữ thường, đậm) dưới chữ ký",
        )
    found = looks("ND30-13", element, piece, catalog.SIZE_AUTHORITY, bold=True)
    if piece.upper:
        found.append(
            finding(
                "ND30-13",
                "II.7.đ: họ tên bằng chữ in thường",
                element,
                quote(piece.plain),
                f"Viết “{piece.plain.title()}” (chữ thường, viết hoa chữ cái đầu)",
            )
        )
    if ACADEMIC.match(piece.plain):
        found.append(
            finding(
                "ND30-13",
                "II.7.c: không ghi học hàm, học vị trước họ tên",
                element,
                quote(piece.plain),
                "Bỏ học hàm, học vị trước họ tên",
            )
        )
    return found


def distribution(letter: Letter) -> list[Finding]:
    label = letter.distribution_label
    element = "Nơi nhận"
    if label is None:
        return missing(
            "ND30-14",
            element,
            "“Nơi nhận:”",
            "Thêm “Nơi nhận:” (cỡ 12, nghiêng, đậm) ở bên trái, ngang dòng chức vụ người ký",
        )
    found = looks(
        "ND30-14",
        element,
        label,
        catalog.SIZE_DISTRIBUTION_LABEL,
        bold=True,
        italic=True,
        centre=False,
    )
    if not label.plain.startswith("Nơi nhận:"):
        found.append(
            finding(
                "ND30-14",
                "từ “Nơi nhận” sau có dấu hai chấm",
                element,
                quote(label.plain),
                "Viết “Nơi nhận:”",
            )
        )
    if any(r.props.underline for r in label.inked):
        found.append(
            finding(
                "ND30-14",
                "chữ in thường, nghiêng, đậm",
                element,
                f"{quote(label.plain)} gạch chân",
                "Bỏ gạch chân chữ “Nơi nhận:”",
            )
        )
    if label.paragraph.props.align in ("center", "right"):
        found.append(
            finding(
                "ND30-14",
                "sát lề trái",
                element,
                f"{quote(label.plain)} không sát lề trái",
                "Canh trái chữ “Nơi nhận:”",
            )
        )
    items = merged(letter.distribution)
    if not items:
        return found + [
            finding(
                "ND30-14",
                "",
                element,
                "không có danh sách nơi nhận",
                "Liệt kê nơi nhận, mỗi nơi một dòng “- …;”, dòng cuối “- Lưu: VT, …”.",
            )
        ]
    for piece in letter.distribution:
        found += looks(
            "ND30-14", element, piece, catalog.SIZE_DISTRIBUTION, bold=False, centre=False
        )
    detail = "đầu dòng (-), cuối dòng (;), dòng cuối “Lưu: VT, <đơn vị>.”"
    for position, text in enumerate(items):
        last = position == len(items) - 1
        if text[:1] not in "-–":
            found.append(finding("ND30-14", detail, element, quote(text), "Bắt đầu dòng bằng “- ”"))
        elif last and not re.match(r"^[-–]\s*Lưu\b", text):
            found.append(
                finding(
                    "ND30-14",
                    detail,
                    element,
                    f"dòng cuối {quote(text)}",
                    "Thêm dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
                )
            )
        elif last and not ARCHIVE.match(text):
            found.append(
                finding(
                    "ND30-14",
                    detail,
                    element,
                    quote(text),
                    "Viết “- Lưu: VT, <đơn vị soạn thảo>.” (có VT, kết thúc bằng dấu chấm)",
                )
            )
        elif not last and not text.endswith(";"):
            found.append(finding("ND30-14", detail, element, quote(text), "Kết thúc dòng bằng “;”"))
    if letter.salutation is None and "như trên" in key(items[0]):
        found.append(
            finding(
                "ND30-14",
                "II.9.b: “Như trên” chỉ những nơi đã ghi ở “Kính gửi”",
                element,
                f"dòng đầu {quote(items[0])}, không có “Kính gửi”",
                "Bỏ “- Như trên;”, ghi tên từng nơi nhận, hoặc thêm “Kính gửi:”",
                WARNING,
            )
        )
    if letter.salutation is not None and "như trên" not in key(items[0]):
        found.append(
            finding(
                "ND30-14",
                "II.9.b: công văn, dưới “Nơi nhận” là “Như trên”",
                element,
                f"dòng đầu {quote(items[0])}",
                "Thêm “- Như trên;” làm dòng đầu",
                WARNING,
            )
        )
    return found


def merged(pieces: list[Piece]) -> list[str]:
    """Item texts, a line without a dash joined to an item that has not ended yet."""
    items: list[str] = []
    for piece in pieces:
        text = piece.plain
        if items and text[:1] not in "-–" and not items[-1].endswith((";", ".")):
            items[-1] += " " + text
        else:
            items.append(text)
    return items
