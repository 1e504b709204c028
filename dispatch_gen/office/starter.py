"""A starting letter (`dispatch-gen new`): a commented YAML draft for one letterhead and type.

The draft is unnumbered, dated by year and month, and signed by the agency's head, so it renders
and passes `check` as written; the comments (in Vietnamese, for the văn thư) say what each line
prints and how to change it. Wording that depends on the agency (who it writes to, who keeps a
copy) is chosen from the letterhead: a commune's People's Committee, a province's, or an agency.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

import yaml

from dispatch_gen.doctypes import DECISION, TYPE_CODES, WRITABLE_TYPES
from dispatch_gen.model import Letterhead
from dispatch_gen.registry import fold

# `--type` names: công văn, each named type (Mẫu 1.4) and the Quyết định (Mẫu 1.1-1.3), folded:
# thong-bao, quyet-dinh, …
DOCUMENT_TYPES = {"cong-van": "Công văn"} | {
    "-".join(fold(t).split("-")): t for t in WRITABLE_TYPES
}
UPWARD = ("Tờ trình", "Báo cáo")  # named types sent to a named higher body (Kính gửi)
COMMUNE_UNITS = ("xã", "phường", "đặc khu")


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Starter:
    """What the draft says, decided from the letterhead."""

    name: str
    letterhead: Letterhead
    province: str = ""  # `tỉnh Đồng Nai`, when the registry knows it
    special_zone: bool = False  # the province has a đặc khu

    @property
    def agency(self) -> str:
        """The agency's name in a sentence: `Ủy ban nhân dân xã Tân Phú`, `Sở Tài chính`."""
        return " ".join(self.letterhead.agency)

    @property
    def unit(self) -> str:
        """`xã Tân Phú` for a People's Committee, else ""."""
        lines = self.letterhead.agency
        return " ".join(lines[1:]) if self.letterhead.collective and len(lines) > 1 else ""

    @property
    def commune(self) -> bool:
        return self.unit.casefold().startswith(COMMUNE_UNITS)

    @property
    def drafting_unit(self) -> str:
        """Who drafts: the office (Văn phòng) of a committee or agency; a Văn phòng's own
        general division (Phòng Tổng hợp)."""
        return "TH" if self.letterhead.abbreviation == "VP" else "VP"

    @property
    def recipients(self) -> tuple[str, ...]:
        communes = "xã, phường, đặc khu" if self.special_zone else "xã, phường"
        if self.commune:
            return (f"Các cơ quan, đơn vị trên địa bàn {self.unit}",)
        if self.unit:
            return (f"Các sở, ban, ngành {self.unit}", f"Ủy ban nhân dân các {communes}")
        return ("Các cơ quan, đơn vị có liên quan",)

    @property
    def upward(self) -> tuple[str, ...]:
        """Whom a Tờ trình or Báo cáo goes up to, when the registry knows the province."""
        if self.unit and not self.commune:
            return ("Thủ tướng Chính phủ",)
        return (f"Ủy ban nhân dân {self.province}",) if self.province else ()

    @property
    def leaders(self) -> str:
        head = self.letterhead.head or "Thủ trưởng"
        agency = self.letterhead.agency[0] if self.letterhead.agency else ""
        where = f" UBND {self.unit}" if self.unit else " Sở" if agency.startswith("Sở ") else ""
        return f"{head}, các Phó {head}{where}"


def _paragraphs(*texts: str) -> str:
    """Body paragraphs for a `|` block: wrapped (a single line break is a space), a blank line
    between paragraphs."""
    return "\n\n".join(
        textwrap.fill(t, 92, initial_indent="  ", subsequent_indent="  ") for t in texts
    )


def _wording(starter: Starter, kind: str, month: int, year: int) -> tuple[str, str]:
    """(trích yếu, body) of a starting letter of `kind` ("" for a công văn)."""
    agency = starter.agency
    if not kind:
        return "triển khai thực hiện nhiệm vụ", _paragraphs(
            f"Thực hiện chỉ đạo của cấp trên về việc …, {agency} đề nghị các cơ quan, "
            "đơn vị thực hiện một số nội dung sau:",
            "1. Tổ chức triển khai …",
            f"2. Báo cáo kết quả thực hiện về {agency} trước ngày …",
        )
    to = starter.upward[0] if starter.upward else "cấp có thẩm quyền"
    wording = {
        "Thông báo": (
            f"Kết luận cuộc họp giao ban tháng {month} năm {year}",
            [f"Ngày …, {agency} tổ chức họp giao ban … Kết luận cuộc họp như sau:",
             "1. …", "2. …"],
        ),
        "Kế hoạch": (
            f"Thực hiện nhiệm vụ năm {year}",
            ["1. Mục đích, yêu cầu: …", "2. Nội dung, thời gian thực hiện: …",
             "3. Tổ chức thực hiện: …"],
        ),
        "Báo cáo": (
            f"Kết quả thực hiện nhiệm vụ tháng {month} năm {year}",
            [f"Thực hiện …, {agency} báo cáo kết quả như sau:", "1. Kết quả đạt được: …",
             "2. Tồn tại, hạn chế và nguyên nhân: …", "3. Nhiệm vụ thời gian tới, kiến nghị: …"],
        ),
        "Tờ trình": (
            f"Đề nghị phê duyệt kế hoạch năm {year}",
            [f"Căn cứ …, {agency} kính trình {to} xem xét, phê duyệt … như sau:",
             "1. Sự cần thiết: …", "2. Nội dung đề nghị: …",
             f"{agency} kính trình {to} xem xét, quyết định."],
        ),
        "Giấy mời": (
            f"Dự họp giao ban tháng {month} năm {year}",
            [f"{agency} trân trọng kính mời … dự họp giao ban tháng {month} năm {year}.",
             "Thời gian: … giờ … phút, ngày …", "Địa điểm: …"],
        ),
        "Chương trình": (
            f"Công tác năm {year}",
            ["1. Nhiệm vụ trọng tâm: …", "2. Thời gian, đơn vị thực hiện: …"],
        ),
        "Hướng dẫn": (
            f"Thực hiện nhiệm vụ năm {year}",
            [f"Thực hiện …, {agency} hướng dẫn như sau:", "1. …", "2. …"],
        ),
        DECISION: (f"Về việc thành lập Tổ công tác … năm {year}", []),
    }  # fmt: skip
    subject, paragraphs = wording[kind]
    return subject, _paragraphs(*paragraphs)


def _body_part(body: str) -> str:
    return f"""\
# Nội dung (ô 6): các đoạn cách nhau một dòng trống; **đậm**, *nghiêng*; “1.” đánh số.
# Chương trình tự thêm “./.” sau đoạn cuối.
body: |
{body}"""


def _decision_parts() -> str:
    """A Quyết định's Căn cứ lines and articles instead of a body."""
    return """\
# Căn cứ ban hành: in nghiêng, mỗi căn cứ một dòng; chương trình thêm “;” và “.” cuối.
grounds:
  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
  - Căn cứ …
  - Theo đề nghị của … (cơ quan trình)

# Các điều, sau dòng “QUYẾT ĐỊNH:”: chương trình đánh số “Điều 1.”, “Điều 2.” … (in đậm).
# Điều có khoản: “- text: …” rồi “items:” (khoản 1. 2.; dưới khoản: điểm a) b) … đ) e)).
articles:
  - Thành lập Tổ công tác … gồm các ông (bà) có tên trong danh sách kèm theo.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các ông (bà) có tên tại
    Điều 1 chịu trách nhiệm thi hành Quyết định này."""


def _heading(starter: Starter, kind: str, symbol: str, subject: str) -> str:
    """The lines from the type to Kính gửi, with their comments."""
    if not kind:
        recipients = "\n".join(f"  - {scalar(r)}" for r in starter.recipients)
        return f"""\
# Số, ký hiệu (ô 3). Chưa cấp số thì để nguyên: in “Số:      /{symbol}”.
# number: 1
symbol: {scalar(symbol)}          # tên cơ quan viết tắt - đơn vị soạn thảo; không dùng “CV”

#DATE#

# Trích yếu (ô 5b): in “V/v …”; viết thường, không có dấu chấm cuối.
subject: {scalar(subject)}

# Kính gửi (ô 9a): một nơi in trên một dòng; nhiều nơi in mỗi nơi một dòng.
recipients:
{recipients}
"""
    code = TYPE_CODES[kind]
    abbreviation = starter.letterhead.abbreviation or "ABC"
    recipients = ""
    if kind in UPWARD and starter.upward:
        recipients = "\n# Kính gửi (ô 9a): nơi trình, nơi nhận báo cáo.\nrecipients:\n" + "".join(
            f"  - {scalar(r)}\n" for r in starter.upward
        )
    model = "Mẫu 1.1–1.3" if kind == DECISION else "Mẫu 1.4"
    return f"""\
# Tên loại văn bản ({model}): in “{kind.upper()}” trên trích yếu, không có “V/v”.
type: {kind}

# Số, ký hiệu (ô 3). Chưa cấp số thì để nguyên: in “Số:      /{code}-{abbreviation}”.
# number: 1
symbol: {scalar(abbreviation)}          # tên cơ quan viết tắt; mã “{code}-” do chương trình thêm

#DATE#

# Trích yếu (ô 5a): in đậm dưới tên loại; viết hoa chữ đầu, không có dấu chấm cuối.
subject: {scalar(subject)}
{recipients}"""


def starter_text(
    starter: Starter, issued: str, doc_type: str = "cong-van", file: str = "", signer: str = ""
) -> str:
    """The commented YAML of a starting letter; `issued` is `YYYY-MM` (a draft's date), `file`
    the name it is saved under, `signer` the signer's name if known."""
    head = starter.letterhead
    kind = "" if doc_type == "cong-van" else DOCUMENT_TYPES[doc_type]
    stem = file.rsplit(".", 1)[0] if file and file != "-" else fold(DOCUMENT_TYPES[doc_type])
    year, month = (int(part) for part in issued.split("-"))
    subject, body = _wording(starter, kind, month, year)
    symbol = f"{head.abbreviation or 'ABC'}-{starter.drafting_unit}"
    dated = (
        "# Ngày (ô 4): bản thảo ghi năm-tháng; khi ký ghi đủ năm-tháng-ngày, ví dụ "
        f"{issued}-15.\ndate: {issued}"
    )
    heading = _heading(starter, kind, symbol, subject).replace("#DATE#", dated)
    if head.collective:
        signature = (
            f"  authority: TM              # TM. {head.collective}; cấp phó ký thay thì ghi\n"
            f"  title: {scalar(head.head or 'Chủ tịch')}"
            "            # “authority: [TM, KT]” và “title: Phó Chủ tịch”\n"
        )
    else:
        deputy = f"Phó {head.head}" if head.head else "Phó Giám đốc"
        signature = (
            f"  title: {scalar(head.head or 'Giám đốc')}"
            f"           # cấp phó ký thay: “authority: KT” và “title: {deputy}”\n"
        )
    province = f" ({starter.province})" if starter.province else ""
    return f"""\
# {DOCUMENT_TYPES[doc_type]} của {starter.agency}{province} — bản thảo do “dispatch-gen new” tạo.
# Sửa nội dung rồi tạo tệp Word và kiểm tra thể thức:
#   dispatch-gen render {stem}.yaml -o {stem}.docx --check
# Dòng bắt đầu bằng “#” là ghi chú, không in ra văn bản.

# Tiêu đề cơ quan (ô 2); xem: dispatch-gen letterheads xem {starter.name}
letterhead: {scalar(starter.name)}

{heading}
{_decision_parts() if kind == DECISION else _body_part(body)}

# Chữ ký (ô 7). Họ tên người ký ghi khi trình ký, ví dụ “name: Nguyễn Văn An”.
signature:
{signature}  name:{" " + scalar(signer) if signer else ""}

# Nơi nhận (ô 9b): “- Như trên;” (khi có Kính gửi; Quyết định: “- Như Điều 3;”) và “- Lưu: …”
# do chương trình thêm.
distribution:
  - {scalar(starter.leaders)}
archive: VT, {starter.drafting_unit}
"""
