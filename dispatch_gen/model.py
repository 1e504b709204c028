"""The typed letter: a `Dispatch` (công văn) and its parts, as `load` builds them from YAML.

Values here are already checked and normalized (NFC); compose and the writers trust them.
Vietnamese terms sit beside the English names so a reader can map them to Decree 30/2020.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dispatch_gen import vietnamese
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
    number: str
    issued: date | None = None
    issuer: str = ""
    subject: str = ""

    def __str__(self) -> str:
        return vietnamese.citation(self.kind, self.number, self.issued, self.issuer, self.subject)

    @property
    def short(self) -> str:
        """Later mentions give type and number only: `Công văn số 1048/UBND-VHXH`."""
        return vietnamese.citation(self.kind, self.number)


@dataclass(frozen=True)
class Duty:
    """One numbered task (nhiệm vụ) for named agencies: `1. Sở Y tế: …`, with sub-items.

    `to` is printed bold before the text; `items` are sub-items marked `-` or `a)`; `number`
    overrides the running count (a letter may continue a list at 6)."""

    text: str = ""
    to: str = ""
    items: tuple[str, ...] = ()
    item_style: str = "-"
    number: int | None = None
    place: TextPlace | None = None  # where `text` stands, for template errors
    item_places: tuple[TextPlace, ...] = ()


@dataclass(frozen=True)
class StatedFigure:
    """Số liệu đối chiếu: a figure the letter prints (`6,88%`) and the expression that computes it
    (`ratio(figures.installs, figures.population)`), compared when the letter is rendered."""

    stated: str
    computed: str
    where: Location


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
    template: str = "cong-van"
    distribution: tuple[str, ...] = ()
    archive: tuple[str, ...] = ("VT",)
    as_above: str = "Như trên"
    extra: dict[str, Any] = field(default_factory=dict)
    checks: tuple[StatedFigure, ...] = ()

    @property
    def number_line(self) -> str:
        """Ô 3: `Số: 1119/UBND-KGVX`, `Số: 05/…`; a draft keeps the blank: `Số:      /UBND-KGVX`."""
        number = vietnamese.two_digits(self.number) if self.number else vietnamese.DRAFT_BLANK
        return f"Số: {number}/{self.symbol}"

    @property
    def date_line(self) -> str:
        """Ô 4: `Kiên Giang, ngày 19 tháng 8 năm 2020` (blanks in a draft)."""
        place = self.place or self.letterhead.place
        return vietnamese.dated_line(place, self.issued.year, self.issued.month, self.issued.day)

    @property
    def title(self) -> str:
        """Trích yếu as printed: `V/v đẩy mạnh …`; also the document title property."""
        return f"V/v {self.subject}"
