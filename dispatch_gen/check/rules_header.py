"""Checks of the letter's header block: Quốc hiệu (ND30-05), Tiêu ngữ and its rule (06), agency
and its rule (07), and rules typed with underscores or made by underlining (16)."""

from __future__ import annotations

from dispatch_gen.check import catalog
from dispatch_gen.check.drawn_lines import Stroke, find_stroke, text_width
from dispatch_gen.check.elements import RULE_TEXT, Letter
from dispatch_gen.check.finding import (
    ERROR,
    WARNING,
    Finding,
    finding,
    looks,
    missing,
    points,
    quote,
)
from dispatch_gen.check.model import Document, Paragraph, Piece
from dispatch_gen.docx import layout


def check(doc: Document, letter: Letter) -> list[Finding]:
    """ND30-05, 06, 07 and 16."""
    head_end = max((p.paragraph.index for p in header_pieces(letter)), default=-1)
    return (
        national_title(letter)
        + motto(letter, doc, head_end)
        + agency(letter, doc, head_end)
        + typed_rules(doc, letter, head_end)
    )


def header_pieces(letter: Letter) -> list[Piece]:
    single = [letter.national_title, letter.motto, letter.number, letter.date]
    return [p for p in single if p] + letter.parent + letter.agency + letter.subject


def national_title(letter: Letter) -> list[Finding]:
    piece = letter.national_title
    if piece is None:
        return missing(
            "ND30-05",
            "Quốc hiệu",
            f"dòng “{layout.NATIONAL_TITLE}”",
            "Thêm Quốc hiệu ở ô số 1, trên cùng bên phải trang đầu",
        )
    found = looks("ND30-05", "Quốc hiệu", piece, catalog.SIZE_NATIONAL_TITLE, bold=True)
    found += fits("ND30-05", "Quốc hiệu", piece)
    if not piece.upper:
        found.append(
            finding(
                "ND30-05",
                "chữ in hoa",
                "Quốc hiệu",
                quote(piece.plain),
                f"Viết in hoa: “{layout.NATIONAL_TITLE}”",
            )
        )
    return found


def fits(rule: str, element: str, piece: Piece) -> list[Finding]:
    """A one-line element wider than its paragraph wraps (II.1.c: hai dòng chữ)."""
    text, room = text_width([piece]), piece.paragraph.width_pt
    if not piece.alone or text + catalog.FIT_MARGIN_PT <= room:
        return []
    sure = text > room
    return [
        finding(
            rule,
            "II.1.c: Quốc hiệu và Tiêu ngữ, mỗi thành phần một dòng",
            element,
            f"{quote(piece.plain)} rộng {points(round(text, 1))} pt, đoạn văn chỉ rộng "
            f"{points(round(room, 1))} pt: {'bị' if sure else 'có thể bị'} xuống dòng",
            "Giảm thụt lề trái, phải của đoạn (hoặc kẻ đường kẻ ở đoạn riêng bên dưới)",
            ERROR if sure else WARNING,
        )
    ]


def motto(letter: Letter, doc: Document, head_end: int) -> list[Finding]:
    piece = letter.motto
    if piece is None:
        return missing(
            "ND30-06",
            "Tiêu ngữ",
            f"dòng “{layout.MOTTO}”",
            "Thêm Tiêu ngữ canh giữa dưới Quốc hiệu",
        )
    found = looks("ND30-06", "Tiêu ngữ", piece, catalog.SIZE_MOTTO, bold=True)
    found += fits("ND30-06", "Tiêu ngữ", piece)
    if piece.shown != layout.MOTTO:
        found.append(
            finding(
                "ND30-06",
                "viết hoa chữ cái đầu các cụm từ, gạch nối (-) có cách chữ",
                "Tiêu ngữ",
                quote(piece.shown),
                f"Viết đúng “{layout.MOTTO}”",
            )
        )
    fraction = layout.MOTTO_RULE_FRACTION
    stroke = find_stroke([piece], doc, head_end, (fraction, fraction))
    found += rule_length(
        "ND30-06",
        "Tiêu ngữ",
        stroke,
        text_width([piece]),
        (fraction, fraction),
        "có độ dài bằng độ dài của dòng chữ",
        "dài bằng dòng Tiêu ngữ",
    )
    return found


def rule_length(
    rule: str,
    element: str,
    stroke: Stroke | None,
    width: float,
    expected: tuple[float, float],
    clause: str,
    wanted: str,
) -> list[Finding]:
    """The rule under a text: present, of the expected length, centred."""
    detail = f"đường kẻ ngang, nét liền, {clause}"
    if stroke is None:
        return [
            finding(
                rule,
                detail,
                element,
                "không có đường kẻ ngang dưới dòng chữ",
                f"Kẻ một đường nét liền {wanted}, canh giữa (viền dưới đoạn văn hoặc đường vẽ)",
            )
        ]
    if not width:
        return []
    ratio = stroke.length / width
    slack = catalog.RULE_TOLERANCE[stroke.kind]
    low, high = expected
    found: list[Finding] = []
    if not low * (1 - slack) <= ratio <= high * (1 + slack):
        found.append(
            finding(
                rule,
                detail,
                element,
                f"đường kẻ dài {points(round(stroke.length))} pt, bằng {ratio:.0%} dòng chữ "
                f"({points(round(width))} pt)",
                f"Chỉnh đường kẻ {wanted} (khoảng {points(round(width * low))}"
                + (f"–{points(round(width * high))}" if high != low else "")
                + " pt)",
            )
        )
    if stroke.off_centre > catalog.RULE_OFF_CENTRE_PT:
        found.append(
            finding(
                rule,
                "đặt cân đối so với dòng chữ",
                element,
                f"đường kẻ lệch tâm {points(round(stroke.off_centre))} pt",
                "Đặt thụt lề trái và phải của đường kẻ bằng nhau",
                WARNING,
            )
        )
    return found


def agency(letter: Letter, doc: Document, head_end: int) -> list[Finding]:
    if not letter.agency:
        return missing(
            "ND30-07",
            "Tên cơ quan ban hành",
            "tên cơ quan ban hành văn bản",
            "Thêm tên cơ quan ban hành (in hoa, đậm) ở ô số 2, bên trái trên cùng",
        )
    found: list[Finding] = []
    for piece in letter.parent:
        found += looks("ND30-07", "Tên cơ quan chủ quản", piece, catalog.SIZE_AGENCY, bold=False)
        if not piece.upper:
            found.append(
                finding(
                    "ND30-07",
                    "chữ in hoa",
                    "Tên cơ quan chủ quản",
                    quote(piece.plain),
                    "Viết in hoa tên cơ quan chủ quản",
                )
            )
    for piece in letter.agency:
        found += looks("ND30-07", "Tên cơ quan ban hành", piece, catalog.SIZE_AGENCY, bold=True)
        if not piece.upper:
            found.append(
                finding(
                    "ND30-07",
                    "chữ in hoa",
                    "Tên cơ quan ban hành",
                    quote(piece.plain),
                    "Viết in hoa tên cơ quan ban hành",
                )
            )
    expected = layout.AGENCY_RULE_RANGE
    stroke = find_stroke(letter.agency, doc, head_end, expected)
    found += rule_length(
        "ND30-07",
        "Tên cơ quan ban hành",
        stroke,
        text_width(letter.agency),
        expected,
        "có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ",
        "dài 1/3–1/2 dòng tên cơ quan",
    )
    return found


def typed_rules(doc: Document, letter: Letter, head_end: int) -> list[Finding]:
    found: list[Finding] = []
    fix = "Thay bằng viền dưới (hoặc viền trên) của đoạn văn, hay một đường vẽ nét liền"
    for para in doc.everything():
        kind = para.worked_out(typed_rule)
        if kind == "typed":
            found.append(
                finding(
                    "ND30-16",
                    "đường kẻ ngang, nét liền",
                    "Đường kẻ",
                    f"đường kẻ gõ bằng dấu gạch dưới {quote(para.plain, 20)}",
                    fix,
                    WARNING,
                )
            )
        elif kind == "underlined":
            found.append(
                finding(
                    "ND30-16",
                    "đường kẻ ngang, nét liền",
                    "Đường kẻ",
                    "đường kẻ tạo bằng dấu cách hoặc tab gạch chân",
                    fix,
                    WARNING,
                )
            )
    for piece in ([letter.motto] if letter.motto else []) + letter.agency:
        if piece.underlined:
            found.append(
                finding(
                    "ND30-16",
                    "đường kẻ ngang phía dưới dòng chữ",
                    "Đường kẻ",
                    f"{quote(piece.plain)} gạch chân thay cho đường kẻ",
                    "Bỏ gạch chân; kẻ đường nét liền bên dưới dòng chữ",
                    WARNING,
                )
            )
    return found


def typed_rule(para: Paragraph) -> str:
    """Whether a paragraph is a rule "typed" with underscores, "underlined" (spaces or tabs
    underlined), or neither ("")."""
    if RULE_TEXT.match(para.plain):
        return "typed"
    if any(r.props.underline and not r.text.strip() and ("\t" in r.text or len(r.text) >= 3)
           for r in para.runs):  # fmt: skip
        return "underlined"
    return ""
