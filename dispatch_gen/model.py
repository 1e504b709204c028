"""The typed letter: a `Dispatch` (công văn) and its parts, as `load` builds them from YAML.

Values here are already checked and normalized (NFC); compose and the writers trust them.
Vietnamese terms sit beside the English names so a reader can map them to Decree 30/2020.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dispatch_gen import vietnamese
from dispatch_gen.docx.layout import DEFAULT_STYLE, HouseStyle
from dispatch_gen.errors import Location, TextPlace


@dataclass(frozen=True)
class Letterhead:
    """Tên cơ quan, tổ chức ban hành (ô 2): the parent agency and the issuing agency, as lines.

    `place` is the địa danh of the date line; `head` the title of the agency's head (Giám đốc,
    Chủ tịch), `collective` the collective body a TM. signature speaks for (Ủy ban nhân dân)."""

    agency: tuple[str, ...]
    parent: tuple[str, ...] = ()
    abbreviation: str = ""
    place: str = ""
    head: str = ""
    collective: str = ""
    style: HouseStyle = DEFAULT_STYLE  # the letterhead file's `style:`


@dataclass(frozen=True)
class IssueDate:
    """Thời gian ban hành (ô 4). An unsigned draft leaves the day (and maybe the month) blank."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> date | None:
        """The full date, or None for a draft."""
        if self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    @property
    def earliest(self) -> date:
        """The first day the letter can carry: for computing deadlines from a draft."""
        return date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class Reference:
    """A document the letter cites (văn bản viện dẫn): `Công văn số 2841/BTTTT-THH ngày …`."""

    kind: str
    number: str = ""
    issued: date | None = None
    issuer: str = ""
    subject: str = ""
    verb: str = "về"  # what joins the subject: về, quy định, hướng dẫn, phê duyệt …
    long_date: bool = False  # `ngày 07 tháng 01 năm 2022` instead of `ngày 07/01/2022`

    def __str__(self) -> str:
        return self.cite()

    def cite(
        self,
        *,
        issuer: bool = True,
        subject: bool = True,
        by: bool = False,
        at: str = "",
        long: bool | None = None,
    ) -> str:
        """The first mention; `by` names the issuer first, `at` a pinpoint (điểm, khoản, Điều),
        `long` the date form when this mention differs from `long_date`."""
        return vietnamese.citation(
            self.kind,
            self.number,
            self.issued,
            self.issuer if issuer else "",
            self.subject if subject else "",
            verb=self.verb,
            long=self.long_date if long is None else long,
            by=by,
            at=at,
        )

    @property
    def short(self) -> str:
        """Later mentions give type and number only: `Công văn số 1048/UBND-VHXH`."""
        return vietnamese.citation(self.kind, self.number)


# How the sub-items of a duty or of a sub-item are marked, and what their own sub-items get
# when nothing is said: sub-sections `2.1.` hold points `a)`, points dashes, dashes pluses.
ITEM_STYLES = {"1.1.": "a)", "a)": "-", "-": "+", "+": "-", "(i)": "-"}


@dataclass(frozen=True)
class Point:
    """A sub-item (tiểu mục, điểm, ý) of a duty: its text and its own sub-items, marked
    `item_style` (one of ITEM_STYLES)."""

    text: str
    items: tuple[Point, ...] = ()
    item_style: str = "-"
    place: TextPlace | None = None  # where `text` stands, for template errors


@dataclass(frozen=True)
class Duty:
    """One numbered task (nhiệm vụ) for named agencies: `1. Sở Y tế: …`, with sub-items.

    `to` is printed bold before the text; `items` are sub-items marked `item_style`: `-`, `+`,
    points `a)`, sub-sections `1.1.` or `(i)`, each able to hold its own; `number` overrides
    the running count (a letter may continue a list at 6)."""

    text: str = ""
    to: str = ""
    items: tuple[Point, ...] = ()
    item_style: str = "-"
    number: int | None = None
    place: TextPlace | None = None  # where `text` stands, for template errors


@dataclass(frozen=True)
class Ground:
    """Căn cứ ban hành of a Quyết định (Mẫu 1.1-1.3): one italic line above “QUYẾT ĐỊNH:”
    (`Căn cứ Luật …`, last `Theo đề nghị của …`), as the clerk wrote it, without its end mark."""

    text: str
    place: TextPlace | None = None  # where `text` stands, for template errors


@dataclass(frozen=True)
class Article:
    """Điều of a Quyết định: `Điều 1.` (bold) and its text; its khoản `1.` `2.` … are points
    whose own sub-items are điểm `a)` … đ) e) g) (or dashes, as marked)."""

    text: str
    clauses: tuple[Point, ...] = ()
    place: TextPlace | None = None  # where `text` stands, for template errors


@dataclass(frozen=True)
class AppendixSource:
    """A Phụ lục as the clerk wrote it: its title and its body markup (Jinja like the letter's
    body, so `{{ table("x") }}` places a statistics table in it), from line `body_line`; or,
    with `kind`, the document a decision issues with it (QUY CHẾ …, Mẫu 1.2)."""

    title: str
    body: str
    body_line: int = 1
    place: TextPlace | None = None  # where `body` stands, for template errors
    kind: str = ""  # a document a Quyết định issues (Mẫu 1.2: Quy chế, Quy định …), not a Phụ lục


@dataclass(frozen=True)
class StatedFigure:
    """Số liệu đối chiếu: a figure the letter prints (`6,88%`) and the expression that computes it
    (`ratio(figures.installs, figures.population)`), compared when the letter is rendered."""

    stated: str
    computed: str
    where: Location


@dataclass(frozen=True)
class Mention:
    """A text outside the body that may name administrative units (a letterhead, the place,
    a recipient, a Nơi nhận line), where the clerk wrote it, and what it is; `bare` for a
    place name written without its unit word (`Long An`); `name` the letterhead's name."""

    text: str
    where: Location
    what: str
    bare: bool = False
    name: str = ""


@dataclass(frozen=True)
class Signature:
    """Quyền hạn, chức vụ, họ tên người ký (ô 7): `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` / name.

    `authority` holds the resolved prefix lines, outermost first (`TM. Ủy ban nhân dân`,
    `KT. Chủ tịch`); `title` the signer's own title; both are printed upper case."""

    title: str
    name: str
    authority: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """The bold upper-case lines above the signing space."""
        lines = (*self.authority, self.title) if self.title else self.authority
        return tuple(vietnamese.upper(line) for line in lines)


@dataclass(frozen=True)
class Dispatch:
    """A công văn as the clerk described it (mẫu 1.5, Phụ lục III, Nghị định 30/2020).

    `figures`, `tables` and `deadlines` are what templates compute sentences from;
    `distribution` is Nơi nhận without its fixed first and last lines (Như trên, Lưu)."""

    source: str
    letterhead: Letterhead
    symbol: str
    issued: IssueDate
    subject: str
    signature: Signature
    number: int | None = None
    place: str = ""
    urgency: str = ""
    recipients: tuple[str, ...] = ()
    references: dict[str, Reference] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    deadlines: dict[str, Any] = field(default_factory=dict)
    duties: tuple[Duty, ...] = ()
    duty_style: str = "1."
    body: str = ""
    body_line: int = 1
    body_place: TextPlace | None = None  # where `body` stands, for template errors
    template_at: Location | None = None
    subject_line: int = 1
    subject_place: TextPlace | None = None
    template: str = "cong-van"
    distribution: tuple[str, ...] = ()
    archive: tuple[str, ...] = ("VT",)
    as_above: str = "Như trên"
    extra: dict[str, Any] = field(default_factory=dict)
    checks: tuple[StatedFigure, ...] = ()
    mentions: tuple[Mention, ...] = ()
    style: HouseStyle = DEFAULT_STYLE  # the office's house style (letterhead, van-phong.yaml)
    kind: str = ""  # tên loại (Thông báo, Kế hoạch …); "" for a công văn
    electronic: bool = False  # văn bản điện tử: number and day given by the system at signing
    secrecy: str = ""  # ô 10a: MẬT, TỐI MẬT, TUYỆT MẬT
    circulation: str = ""  # ô 11: XEM XONG TRẢ LẠI, LƯU HÀNH NỘI BỘ …
    typist: str = ""  # ô 12: the typist's code, printed with the copies: `PL.(300)`
    copies: int | None = None
    closing_line: str = ""  # a free line under Nơi nhận (a file path, the typist's initials)
    contact: tuple[str, ...] = ()  # ô 13: address, phone, email, website (page 1 only)
    appendices: tuple[AppendixSource, ...] = ()
    grounds: tuple[Ground, ...] = ()  # a Quyết định's Căn cứ lines
    articles: tuple[Article, ...] = ()  # a Quyết định's Điều 1, Điều 2 …
    decided_by: str = ""  # a Quyết định's issuing authority line (CHỦ TỊCH ỦY BAN NHÂN DÂN …)

    @property
    def number_line(self) -> str:
        """Ô 3: `Số: 1119/UBND-KGVX`, `Số: 05/…`; a draft or an electronic letter keeps the
        blank for the number to come: `Số:      /UBND-KGVX`."""
        blank = self.electronic or not self.number
        number = vietnamese.DRAFT_BLANK if blank else vietnamese.two_digits(self.number or 0)
        return f"Số: {number}/{self.symbol}"

    @property
    def date_line(self) -> str:
        """Ô 4: `Kiên Giang, ngày 19 tháng 8 năm 2020` (blanks in a draft; day and month blank
        in an electronic letter, stamped by the document system when it is signed)."""
        place = self.place or self.letterhead.place
        if self.electronic:
            return vietnamese.dated_line(place, self.issued.year)
        return vietnamese.dated_line(place, self.issued.year, self.issued.month, self.issued.day)

    @property
    def title(self) -> str:
        """Trích yếu as printed: `V/v đẩy mạnh …`; also the document title property. A named
        type gives its name and summary: `Thông báo Lịch tiếp công dân …`."""
        return f"{self.kind} {self.subject}" if self.kind else f"V/v {self.subject}"

    @property
    def typist_line(self) -> str:
        """Ô 12: `PL.(300)`; the code alone when no count of copies is given."""
        if not self.typist:
            return ""
        return f"{self.typist}.({self.copies})" if self.copies else self.typist
