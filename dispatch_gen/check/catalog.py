"""The linter's rule catalogue: rule ids, what each checks, the decree clause, allowed ranges.

Ids ND30-01…15 are the fifteen checks of shared/nd30.md in order; ND30-16 and ND30-17 are the two
extra ones (rules typed with underscores, legacy TCVN3/VNI encodings). References point into
Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I: "PL I, I.3" is Mục I (quy định chung) khoản 3,
"PL I, II.4.b" is Mục II (các thành phần thể thức chính) khoản 4 điểm b.

The values our writer picks live in `dispatch_gen.docx.layout`; what the decree allows (a range
where the writer picks one value) is here, with the clause it comes from.
"""

from __future__ import annotations

from dispatch_gen.docx import layout

RULES: dict[str, tuple[str, str]] = {  # id → (what is checked, decree reference)
    "ND30-01": ("Khổ giấy A4, trình bày theo chiều dài", "PL I, I.1–2"),
    "ND30-02": ("Lề trang", "PL I, I.3"),
    "ND30-03": ("Phông chữ Times New Roman", "PL I, I.4"),
    "ND30-04": ("Chữ màu đen, mã Unicode dựng sẵn (NFC)", "PL I, I.4 (TCVN 6909:2001)"),
    "ND30-05": ("Quốc hiệu", "PL I, II.1.a"),
    "ND30-06": ("Tiêu ngữ và đường kẻ dưới Tiêu ngữ", "PL I, II.1.b"),
    "ND30-07": ("Tên cơ quan và đường kẻ dưới tên cơ quan", "PL I, II.2.b"),
    "ND30-08": ("Số, ký hiệu văn bản", "PL I, II.3.c"),
    "ND30-09": ("Địa danh và thời gian ban hành", "PL I, II.4.b–c"),
    "ND30-10": (
        "Tên loại và trích yếu (V/v của công văn; tên loại in hoa của văn bản có tên loại)",
        "PL I, II.5",
    ),
    "ND30-11": ("Kính gửi", "PL I, II.9.d (ô 9a)"),
    "ND30-12": ("Nội dung văn bản", "PL I, II.6.e"),
    "ND30-13": ("Quyền hạn, chức vụ, họ tên người ký", "PL I, II.7.b–đ"),
    "ND30-14": ("Nơi nhận", "PL I, II.9.d (ô 9b)"),
    "ND30-15": ("Số trang", "PL I, I.7"),
    "ND30-16": ("Đường kẻ gõ bằng ký tự hoặc gạch chân", "PL I, II.1.b, II.2.b"),
    "ND30-17": ("Mã chữ cũ (TCVN3, VNI)", "PL I, I.4 (TCVN 6909:2001)"),
}

# Font sizes the decree allows, in points (PL I, II; the chosen value is in layout.SIZE_*).
SIZE_NATIONAL_TITLE = (12, 13)  # II.1.a
SIZE_MOTTO = (13, 14)  # II.1.b
SIZE_AGENCY = (12, 13)  # II.2.b, both the issuing and the parent agency
SIZE_NUMBER = (layout.SIZE_NUMBER, layout.SIZE_NUMBER)  # II.3.c: exactly 13
SIZE_DATE = (13, 14)  # II.4.c
SIZE_SUBJECT = (12, 13)  # II.5.b, công văn (ô 5b)
SIZE_KIND = (13, 14)  # II.5.a, a named type's name and its summary (Mẫu 1.4)
SIZE_SALUTATION = (13, 14)  # II.9.d, ô 9a
SIZE_BODY = layout.BODY_SIZES  # II.6.e
SIZE_AUTHORITY = (13, 14)  # II.7.đ, also the signer's name
SIZE_DISTRIBUTION_LABEL = (layout.SIZE_DISTRIBUTION_LABEL,) * 2  # II.9.d, ô 9b: 12
SIZE_DISTRIBUTION = layout.DISTRIBUTION_SIZES  # II.9.d, ô 9b: 11
SIZE_PAGE_NUMBER = (13, 14)  # I.7

# II.6.e: first-line indent 1 cm or 1.27 cm, ≥ 6 pt between paragraphs, single to 1.5 lines.
BODY_INDENTS = layout.BODY_FIRST_LINE_INDENTS
INDENT_TOLERANCE = 30  # twips (0.5 mm): rounding in cm ↔ twips conversions of other writers
MIN_PARAGRAPH_GAP = layout.BODY_SPACE_AFTER_MIN  # twips, 6 pt
LINE_SPACING = layout.LINE_SPACING_RANGE  # auto rule, 240ths of a line
SINGLE_LINE = 1.15  # a single line of Times New Roman is about 1.15 × its size
MIN_SUBJECT_GAP = layout.SUBJECT_SPACE_BEFORE  # II.5.b: V/v 6 pt below "Số"

PAGE_TOLERANCE = 57  # twips (1 mm) on A4 width and height
MARGIN_TOLERANCE_MM = 0.3

# Rule (đường kẻ) lengths, as a fraction of the text above. The decree's values are
# layout.MOTTO_RULE_FRACTION (as long as the text) and layout.AGENCY_RULE_RANGE (1/3–1/2).
# A paragraph border is measured exactly (cell width minus indents), so it gets a small margin for
# cell margins and text-width estimates; a drawn shape or typed underscores are only estimated
# (anchor offsets, insets, glyph widths), so they get a generous one.
RULE_TOLERANCE = {"border": 0.2, "underline": 0.05, "underscores": 0.3, "shape": 0.4}
RULE_OFF_CENTRE_PT = 6.0
# A Quốc hiệu or Tiêu ngữ wider than its paragraph wraps onto a second line; within this margin of
# the width it may (LibreOffice wrapped a Tiêu ngữ 0.3 pt narrower than its paragraph).
FIT_MARGIN_PT = 0.5  # a border rule more off-centre than this gets a warning

# PL III: type abbreviations with lower-case letters, allowed in a symbol (ký hiệu).
MIXED_CASE_TYPES = ("QyĐ", "CTr", "TTr")
# Agency abbreviations issued with a lower-case letter: the Prime Minister's (729/QĐ-TTg).
MIXED_CASE_AGENCIES = ("TTg",)
NATIONAL_TITLES = (layout.NATIONAL_TITLE, layout.NATIONAL_TITLE.replace("HÒA", "HOÀ"))
AUTHORITY_PREFIXES = layout.AUTHORITY_PREFIXES
