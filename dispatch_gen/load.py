"""Stage 1, load: a letter's YAML (and its letterhead and data files) → a checked `Dispatch`.

Every complaint is an `InputError` naming file, line and column, what is wrong and how to fix it;
nothing is written before the whole letter has loaded.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from dispatch_gen.docx.layout import AUTHORITY_PREFIXES, URGENCY_MARKS
from dispatch_gen.errors import InputError, Location, TextPlace
from dispatch_gen.model import (
    Dispatch,
    Duty,
    IssueDate,
    Letterhead,
    Reference,
    Signature,
    StatedFigure,
)
from dispatch_gen.source import Fields, Source
from dispatch_gen.vietnamese import upper

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LETTER_FIELDS = [
    "letterhead",
    "number",
    "symbol",
    "date",
    "place",
    "subject",
    "urgency",
    "recipients",
    "references",
    "figures",
    "tables",
    "deadlines",
    "duties",
    "duty_style",
    "body",
    "template",
    "signature",
    "distribution",
    "as_above",
    "archive",
    "extra",
    "checks",
]
LETTERHEAD_FIELDS = ["parent", "agency", "abbreviation", "place", "head", "collective"]
PREFIX_NAMES = {p.rstrip("."): p for p in AUTHORITY_PREFIXES}


def _list_text(value: str) -> str:
    """The clerk may type list punctuation; the program adds it, so strip it off."""
    return value.strip().rstrip(";.,").strip().lstrip("-–").strip()


def letterhead_folders(letter: Path) -> tuple[Path, ...]:
    """Where letterheads are looked for, in order: beside the letter, one folder up, the
    current folder, the project."""
    return tuple(
        folder / "letterheads"
        for folder in (letter.parent, letter.parent.parent, Path.cwd(), PACKAGE_ROOT)
    )


def find_letterhead(name: str, letter: Path) -> Path | None:
    """`letterheads/<name>.yaml` in the first of `letterhead_folders` that has it."""
    for folder in letterhead_folders(letter):
        candidate = folder / f"{name}.yaml"
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long for the file system, or with a NUL
            continue
    return None


def _letterhead(fields: Fields, letter: Path) -> Letterhead:
    value = fields.data.get("letterhead")
    if isinstance(value, str):
        found = find_letterhead(value, letter)
        if found is None:
            known = sorted({p.stem for f in letterhead_folders(letter) for p in f.glob("*.yaml")})
            close = difflib.get_close_matches(value, known, n=1)
            hint = f"có phải “{close[0]}”?" if close else "tạo tệp letterheads/" + value + ".yaml"
            raise InputError(
                f"không tìm thấy tiêu đề cơ quan “{value}”", hint, fields.at("letterhead")
            )
        head = Fields(Source.read(found), (), LETTERHEAD_FIELDS, "tiêu đề cơ quan")
    elif isinstance(value, dict):
        head = Fields(fields.source, ("letterhead",), LETTERHEAD_FIELDS, "tiêu đề cơ quan")
    else:
        raise InputError(
            "thiếu “letterhead” (tên cơ quan ban hành)",
            "ghi tên tệp trong letterheads/, ví dụ “letterhead: ubnd-tinh-kien-giang”",
            Location(fields.source.file, 1, 1),
        )
    agency = head.lines("agency")
    if not agency:
        head.text("agency", required=True)
    return Letterhead(
        agency=agency,
        parent=head.lines("parent"),
        abbreviation=head.text("abbreviation"),
        place=head.text("place"),
        head=head.text("head"),
        collective=head.text("collective"),
    )


def _issue_date(fields: Fields) -> IssueDate:
    value = fields.data.get("date")
    if isinstance(value, date):
        return IssueDate(value.year, value.month, value.day)
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", str(value or "").strip())
    if match and (match[2] is None or 1 <= int(match[2]) <= 12):
        return IssueDate(int(match[1]), int(match[2]) if match[2] else None)
    raise InputError(
        f"ngày ban hành “{value}” không hợp lệ" if value else "thiếu ngày ban hành “date”",
        "ghi “date: 2020-08-19”; bản thảo chưa ký ghi năm và tháng: “date: 2021-03”",
        fields.at("date") if value else Location(fields.source.file, 1, 1),
    )


def _references(fields: Fields) -> dict[str, Reference]:
    value = fields.data.get("references") or {}
    if not isinstance(value, dict | list):
        raise InputError(
            "“references” phải là một nhóm văn bản dẫn",
            "mỗi văn bản một dòng: “tên: {type: Công văn, number: …, date: …, issuer: …}”",
            fields.at("references"),
        )
    items = value.items() if isinstance(value, dict) else enumerate(value, start=1)
    result: dict[str, Reference] = {}
    for key, _ in items:
        path = ("references", key if isinstance(value, dict) else key - 1)
        ref = Fields(
            fields.source, path, ["type", "number", "date", "issuer", "subject"], "văn bản dẫn"
        )
        issued = ref.data.get("date")
        if issued is not None and not isinstance(issued, date):
            raise InputError(
                "ngày của văn bản dẫn không hợp lệ", "ghi dạng 2020-08-01", ref.at("date")
            )
        result[str(key)] = Reference(
            kind=ref.text("type", default="Công văn"),
            number=ref.text("number", required=True),
            issued=issued,
            issuer=ref.text("issuer"),
            subject=ref.text("subject"),
        )
    return result


def _duties(fields: Fields) -> tuple[Duty, ...]:
    value = fields.data.get("duties") or []
    if not isinstance(value, list):
        raise InputError(
            "“duties” phải là một danh sách", "mỗi nhiệm vụ bắt đầu bằng “- ”", fields.at("duties")
        )
    duties = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            duties.append(
                Duty(text=item.strip(), place=fields.source.text_place(("duties", index)))
            )
            continue
        duty = Fields(
            fields.source,
            ("duties", index),
            ["number", "to", "text", "items", "item_style"],
            "nhiệm vụ",
        )
        number = duty.count(
            "number", "số thứ tự", "ghi số nguyên dương; bỏ “number:” để đánh số tự động"
        )
        style = duty.choice("item_style", ("-", "a)"), "-", "kiểu mục con")
        duties.append(
            Duty(
                text=duty.text("text"),
                to=_list_text(duty.text("to")),
                items=tuple(i.lstrip("-–").strip() for i in duty.lines("items")),
                item_style=style,
                number=number,
                place=fields.source.text_place(("duties", index, "text")),
                item_places=_item_places(duty),
            )
        )
    return tuple(duties)


def _item_places(duty: Fields) -> tuple[TextPlace, ...]:
    """Where each sub-item stands: its own line in a list, the whole text for a string."""
    items = duty.data.get("items")
    path = (*duty.path, "items")
    if isinstance(items, list):
        return tuple(duty.source.text_place((*path, i)) for i in range(len(items)))
    return (duty.source.text_place(path),) * len(duty.lines("items"))


def _authority_line(prefix_text: str, letterhead: Letterhead, where: Location) -> str:
    prefix, _, rest = prefix_text.strip().partition(".")
    prefix = prefix.strip().upper()
    if prefix not in PREFIX_NAMES:
        raise InputError(
            f"quyền hạn ký “{prefix_text}” không đúng",
            "dùng một trong TM., KT., TL., TUQ., Q. (PL I, mục II.7)",
            where,
        )
    rest = rest.strip()
    if not rest:
        rest = letterhead.collective if prefix == "TM" else letterhead.head
        if not rest:
            need = "collective" if prefix == "TM" else "head"
            raise InputError(
                f"“{prefix}.” cần biết chức danh để ghi sau nó",
                f"ghi đầy đủ, ví dụ “{prefix}. Giám đốc”, hoặc thêm “{need}:” vào tiêu đề cơ quan",
                where,
            )
    return f"{PREFIX_NAMES[prefix]} {rest}"


def _signature(fields: Fields, letterhead: Letterhead, draft: bool) -> Signature:
    if "signature" not in fields.data:
        fields.text("signature", required=True)
    sign = Fields(fields.source, ("signature",), ["authority", "title", "name"], "chữ ký")
    authority = tuple(
        _authority_line(line, letterhead, sign.at("authority")) for line in sign.lines("authority")
    )
    title = sign.text("title")
    last = authority[-1].split(".")[0] if authority else ""
    if not title and last in ("", "TM"):
        title = letterhead.head
    if last == "KT" and not upper(title).startswith("PHÓ"):
        raise InputError(
            "khối chữ ký “KT.” cần chức vụ cấp phó của người ký thay",
            "thêm “title: Phó Chủ tịch” (hoặc Phó Giám đốc…) vào “signature”",
            sign.at("title") if title else sign.at("authority"),
        )
    if not title and last not in ("Q",):
        raise InputError(
            "thiếu chức vụ người ký", "thêm “title: …” vào “signature”", fields.at("signature")
        )
    # an unsigned draft may leave the signer open; a dated letter names its signer
    name = sign.text("name", required=not draft)
    if name.isupper():
        raise InputError(
            f"họ tên người ký “{name}” viết hoa toàn bộ",
            "ghi như thường: chữ cái đầu mỗi tiếng viết hoa, ví dụ “Lâm Minh Thành”",
            sign.at("name"),
        )
    return Signature(title=title, name=name, authority=authority)


def load(path: Path) -> Dispatch:
    """Read and check a letter. Raises InputError on the first mistake."""
    source = Source.read(path)
    fields = Fields(source, (), LETTER_FIELDS, "công văn")
    letterhead = _letterhead(fields, path)
    symbol = fields.text("symbol", required=True).lstrip("/")
    if re.search(r"(^|-)CV(-|$)", symbol):
        raise InputError(
            f"ký hiệu “{symbol}” dùng “CV”",
            "công văn của cơ quan nhà nước không có chữ viết tắt “CV”: ghi “UBND-VX”, “STTTT-CNTT”",
            fields.at("symbol"),
        )
    number = fields.count(
        "number",
        "số văn bản",
        "ghi số nguyên dương, ví dụ “number: 1119”; bỏ dòng này nếu chưa cấp số",
    )
    urgency = (
        fields.choice("urgency", URGENCY_MARKS, "", "độ khẩn") if fields.data.get("urgency") else ""
    )
    duty_style = fields.choice("duty_style", ("1.", "-"), "1.", "kiểu đánh số nhiệm vụ")
    issued = _issue_date(fields)
    return Dispatch(
        source=str(path),
        letterhead=letterhead,
        symbol=symbol,
        issued=issued,
        subject=fields.text("subject", required=True).rstrip("."),
        signature=_signature(fields, letterhead, draft=issued.complete is None),
        number=number,
        place=fields.text("place"),
        urgency=urgency,
        recipients=tuple(_list_text(r) for r in fields.lines("recipients")),
        references=_references(fields),
        figures=_exact(fields.mapping("figures")),
        tables=_tables(fields, path),
        deadlines=_deadlines(fields, issued),
        duties=_duties(fields),
        duty_style=duty_style,
        body=fields.text("body"),
        body_line=source.body_start(("body",)),
        body_place=source.text_place(("body",)),
        template=fields.text("template", default="cong-van"),
        template_at=fields.at("template"),
        distribution=tuple(_list_text(d) for d in fields.lines("distribution")),
        archive=tuple(
            a.strip() for line in fields.lines("archive") for a in line.split(",") if a.strip()
        )
        or ("VT",),
        as_above=_list_text(fields.text("as_above", default="Như trên")),
        extra=fields.mapping("extra"),
        checks=_checks(fields),
    )


def _exact(value: Any) -> Any:
    """Decimal figures, so `figures.target - ratio(a, b)` never mixes float with Decimal."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_exact(v) for v in value]
    return value


def _checks(fields: Fields) -> tuple[StatedFigure, ...]:
    value = fields.data.get("checks") or []
    if not isinstance(value, list):
        raise InputError(
            "“checks” phải là một danh sách",
            "mỗi mục: “- {stated: '6,88%', computed: 'ratio(figures.a, figures.b)'}”",
            fields.at("checks"),
        )
    found = []
    for index in range(len(value)):
        check = Fields(
            fields.source, ("checks", index), ["stated", "computed"], "số liệu đối chiếu"
        )
        found.append(
            StatedFigure(
                stated=check.text("stated", required=True),
                computed=check.text("computed", required=True),
                where=check.at("stated"),
            )
        )
    return tuple(found)


def _tables(fields: Fields, path: Path) -> dict[str, Any]:
    if not fields.mapping("tables"):
        return {}
    from dispatch_gen.stats import build_table

    return {
        name: build_table(
            name, spec, path.parent, lambda sub, name=name: fields.at("tables", name, *sub)
        )
        for name, spec in fields.mapping("tables").items()
    }


def _deadlines(fields: Fields, issued: IssueDate) -> dict[str, Any]:
    if not fields.mapping("deadlines"):
        return {}
    from dispatch_gen.deadlines import parse_deadline

    return {
        name: parse_deadline(
            value, issued.complete, lambda sub, name=name: fields.at("deadlines", name, *sub)
        )
        for name, value in fields.mapping("deadlines").items()
    }
