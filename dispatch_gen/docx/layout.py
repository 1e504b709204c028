"""Decree 30/2020 layout values (Nghị định 30/2020/NĐ-CP, Phụ lục I), as named constants.

Every number the .docx writer and the `check` linter use lives here, with the rule it implements,
so a reviewer can hold this file against the decree line by line. Units are OOXML's: twips
(1/20 pt; 1 mm = 56.69 twips) for lengths, half-points for font sizes.
"""

from dataclasses import dataclass

MM = 56.6929  # twips per millimetre
CM = 567  # twips per centimetre


def mm(value: float) -> int:
    """Millimetres to whole twips."""
    return round(value * MM)


# PL I, I.1 (khổ giấy): A4 210 x 297 mm, portrait.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838

# PL I, I.3 (định lề trang): top 20-25, bottom 20-25, left 30-35, right 15-20 mm.
# We take the official sample's values: 25 / 20 / 35 / 20, header 10 mm from the edge.
MARGIN_TOP = mm(25)
MARGIN_BOTTOM = mm(20)
MARGIN_LEFT = mm(35)
MARGIN_RIGHT = mm(20)
HEADER_DISTANCE = mm(10)
FOOTER_DISTANCE = mm(10)
MARGIN_RANGES_MM = {  # for the linter: allowed ranges
    "top": (20, 25),
    "bottom": (20, 25),
    "left": (30, 35),
    "right": (15, 20),
}
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 155 mm

# PL I, I.4 (phông chữ): Times New Roman, Unicode (TCVN 6909:2001), black.
FONT = "Times New Roman"
LANGUAGE = "vi-VN"

# Font sizes in points (PL I, II: ô số 1-9).
SIZE_PARENT = 13  # ô 2: cơ quan chủ quản, 12-13, regular, UPPER
SIZE_AGENCY = 13  # ô 2: cơ quan ban hành, 12-13, bold, UPPER
SIZE_NATIONAL_TITLE = 12  # ô 1: Quốc hiệu, 12-13, bold, UPPER (12 keeps it on one line)
SIZE_MOTTO = 13  # ô 1: Tiêu ngữ, 13-14, bold
SIZE_NUMBER = 13  # ô 3: "Số:", 13
SIZE_DATE = 14  # ô 4: địa danh và thời gian, 13-14, italic
SIZE_SUBJECT = 13  # ô 5b: trích yếu "V/v", 12-13, regular
SIZE_URGENCY = 13  # ô 10b: KHẨN / THƯỢNG KHẨN / HỎA TỐC, 13-14, bold
SIZE_SALUTATION = 14  # ô 9a: "Kính gửi:", 13-14
SIZE_BODY = 14  # ô 6: nội dung, 13-14
SIZE_FOOTNOTE = 12  # chú thích: not fixed by the decree; Word's usual 10-12, the most legible
SIZE_APPENDIX_HEADING = 14  # Mẫu 2.1: "Phụ lục", its title and "(Kèm theo …)", 14
SIZE_TABLE = 13  # tables inside the body: not fixed by the decree; 13 is the safe choice
SIZE_AUTHORITY = 14  # ô 7a: quyền hạn, chức vụ, 13-14, bold, UPPER
SIZE_SIGNER = 14  # ô 7b: họ tên người ký, 13-14, bold
SIZE_DISTRIBUTION_LABEL = 12  # ô 9b: "Nơi nhận:", 12, bold italic
SIZE_DISTRIBUTION = 11  # ô 9b: danh sách nơi nhận, 11, regular
SIZE_PAGE_NUMBER = 14  # PL I, I.7: số trang 13-14, centred in the header, not on page 1

# PL I, II.6 (nội dung): justified, first-line indent 1 or 1.27 cm, >= 6 pt between paragraphs,
# line spacing single to 1.5 lines.
BODY_FIRST_LINE_INDENT = 720  # 1.27 cm
BODY_SPACE_AFTER = 120  # 6 pt
BODY_LINE_SPACING = 276  # 1.15 lines (240 = single, 360 = 1.5)
# The ranges an office may choose its house style in (`style:`), and `check` holds letters to.
BODY_SIZES = (13, 14)  # PL I, II.6.e: nội dung 13-14 pt
BODY_FIRST_LINE_INDENTS = (CM, 720)  # PL I, II.6.e: 1 cm or 1.27 cm
BODY_SPACE_AFTER_MIN = 120  # PL I, II.6.e: at least 6 pt between paragraphs
LINE_SPACING_RANGE = (240, 360)  # PL I, II.6.e: single to 1.5 lines (240ths of a line)

# Header table (PL III, Mẫu 1.5 [sample]): borderless, two columns, may reach into the left margin.
HEADER_LEFT_WIDTH = mm(66)
HEADER_RIGHT_WIDTH = mm(96)
HEADER_INDENT = -mm(6)
# ô 5b: the V/v stands at least 6 pt below "Số:".
SUBJECT_SPACE_BEFORE = 120
# Rules (đường kẻ): solid, not fixed by the decree; [sample] about 0.75 pt (w:sz in 1/8 pt).
RULE_SIZE = 6
# Drawn as the bottom border of an empty paragraph this tall (twips) under the text: 4 pt gap.
RULE_GAP = 80
# ô 2: the rule under the agency is 1/3-1/2 of the text length; we aim at the middle of the range.
AGENCY_RULE_FRACTION = 0.40
AGENCY_RULE_RANGE = (1 / 3, 1 / 2)
# ô 1: the rule under the Tiêu ngữ is as long as the text.
MOTTO_RULE_FRACTION = 1.0

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# ô 9a: "Kính gửi:" stands about 35 mm from the text edge in the sample; dashes align under
# the colon (we hang the recipient lines from the end of "Kính gửi:").
SALUTATION_INDENT = mm(30)

# Closing table (PL III, Mẫu 1.5 [sample]): Nơi nhận left about 62 mm, signature right about 102 mm.
CLOSING_LEFT_WIDTH = mm(62)
CLOSING_RIGHT_WIDTH = mm(98)
CLOSING_INDENT = -mm(3)
# ô 7c: space for the handwritten signature and seal, [sample] about 4 lines of 14 pt. The decree
# fixes no number; an office may choose 3 to 8 lines (under 3 leaves no room for the seal).
SIGNATURE_SPACE_LINES = 4
SIGNATURE_SPACE_RANGE = (3, 8)
# ô 9b: the distribution list is 11 pt (PL I, II.9.d): no other size is allowed.
DISTRIBUTION_SIZES = (11, 11)

# PL I, II.7a: valid authority prefixes.
AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
# PL I, II.10b: urgency marks.
URGENCY_MARKS = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")
# PL I, II.10a: secrecy marks (độ mật), boxed like the urgency mark, above it.
SECRECY_MARKS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
# PL I, II.11: directions on circulation, UPPER bold 13-14, not boxed. Placed (our choice) in the
# header's left cell under ô 10a/10b, where the reader meets the marks together.
CIRCULATION_MARKS = ("XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ", "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)")
SIZE_MARK = 13  # ô 10a, 10b, 11: 13-14, bold
# Mẫu 1.4: the type name 13-14 bold UPPER; its summary 14 bold; the rule under the summary 1/3-1/2
# of the summary's width; the body starts 12 pt below the rule.
SIZE_KIND = 14
SIZE_SUMMARY = 14
KIND_SPACE_BEFORE = 360  # below the header table
SUMMARY_RULE_FRACTION = 0.40
SUMMARY_SPACE_AFTER = 240
# Mẫu 1.1-1.3 (Quyết định): the issuing authority (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …) UPPER bold 14
# centred under the summary's rule; the Căn cứ lines italic at the body's size and indent; then
# "QUYẾT ĐỊNH:" UPPER bold 14 centred, 6 pt above and below (gaps: our choice, as in the sample).
SIZE_DECIDED_BY = 14
DECIDED_BY_SPACE_AFTER = 120
SIZE_ENACTING = 14
ENACTING_SPACE = 120
# ô 12 and the free line under Nơi nhận: 11, like the distribution list; ô 13: 11-12, under a
# solid rule as wide as the text, in the first page's footer.
SIZE_TYPIST = 11
SIZE_CONTACT = 11


def half_points(size_pt: float) -> int:
    """Font size in points to OOXML half-points (w:sz)."""
    return round(size_pt * 2)


@dataclass(frozen=True)
class HouseStyle:
    """What Decree 30 leaves to the office (kiểu trình bày riêng), in the writer's units; the
    defaults are the constants above. Built from a `style:` block by `dispatch_gen.style`."""

    body_size: float = SIZE_BODY  # points
    margin_top: int = MARGIN_TOP  # twips
    margin_bottom: int = MARGIN_BOTTOM
    margin_left: int = MARGIN_LEFT
    margin_right: int = MARGIN_RIGHT
    line_spacing: int = BODY_LINE_SPACING  # 240ths of a line
    space_after: int = BODY_SPACE_AFTER  # twips
    first_line_indent: int = BODY_FIRST_LINE_INDENT  # twips
    signature_lines: int = SIGNATURE_SPACE_LINES
    distribution_size: float = SIZE_DISTRIBUTION  # points


DEFAULT_STYLE = HouseStyle()
