"""Stage 1, load: a letter's YAML (and its letterhead and data files) → a checked `Dispatch`.

Every complaint is an `InputError` naming file, line and column, what is wrong and how to fix it;
nothing is written before the whole letter has loaded.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from dispatch_gen.decisions import DECISION_FIELDS, issuing_title, read_decision
from dispatch_gen.doctypes import DECISION
from dispatch_gen.docx.layout import (
    CIRCULATION_MARKS,
    SECRECY_MARKS,
    URGENCY_MARKS,
)
from dispatch_gen.errors import InputError, Location
from dispatch_gen.formalities import (
    read_copies,
    read_kind,
    read_mark,
    read_signature,
    read_symbol,
)
from dispatch_gen.letterheads import read_letterhead
from dispatch_gen.mentions import gather
from dispatch_gen.model import (
    ITEM_STYLES,
    AppendixSource,
    Dispatch,
    Duty,
    IssueDate,
    Point,
    Reference,
    StatedFigure,
)
from dispatch_gen.source import Fields, Source
from dispatch_gen.style import house_style

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
    "type",
    "electronic",
    "secrecy",
    "circulation",
    "typist",
    "copies",
    "closing_line",
    "contact",
    "appendices",
    *DECISION_FIELDS,
]
def _list_text(value: str) -> str:
    """The clerk may type list punctuation; the program adds it, so strip it off."""
    return value.strip().rstrip(";.,").strip().lstrip("-–").strip()


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


REFERENCE_FIELDS = ["type", "number", "date", "issuer", "subject", "verb", "long_date"]


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
        ref = Fields(fields.source, path, REFERENCE_FIELDS, "văn bản dẫn")
        issued = ref.data.get("date")
        if issued is not None and not isinstance(issued, date):
            raise InputError(
                "ngày của văn bản dẫn không hợp lệ", "ghi dạng 2020-08-01", ref.at("date")
            )
        if "number" in ref.data and not ref.text("number"):
            raise InputError(
                "số của văn bản dẫn để trống",
                "ghi số, ký hiệu (number: 2841/BTTTT-THH); văn bản không có số (luật dẫn theo "
                "ngày, quy chế dẫn theo tên) thì bỏ hẳn dòng “number:”",
                ref.at("number"),
            )
        if "number" not in ref.data and "type" not in ref.data:
            raise InputError(
                "văn bản dẫn không có số cũng không có tên",
                "ghi “number: …”, hoặc tên văn bản ở “type:” (type: Luật Đất đai)",
                fields.source.at(path),
            )
        long_date = ref.data.get("long_date", False)
        if not isinstance(long_date, bool):
            raise InputError(
                "“long_date” nhận true hoặc false",
                "long_date: true in “ngày 07 tháng 01 năm 2022”",
                ref.at("long_date"),
            )
        result[str(key)] = Reference(
            kind=ref.text("type", default="Công văn"),
            number=ref.text("number"),
            issued=issued,
            issuer=ref.text("issuer"),
            subject=ref.text("subject"),
            verb=ref.text("verb", default="về") if "verb" in ref.data else "về",
            long_date=long_date,
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
        style = duty.choice("item_style", tuple(ITEM_STYLES), "-", "kiểu mục con")
        duties.append(
            Duty(
                text=duty.text("text"),
                to=_list_text(duty.text("to")),
                items=_points(duty, style),
                item_style=style,
                number=number,
                place=fields.source.text_place(("duties", index, "text")),
            )
        )
    return tuple(duties)


def _appendices(fields: Fields) -> tuple[AppendixSource, ...]:
    """`appendices:` — each `title:` and `body:` (markup, like the letter's body), and `type:`
    for a document a decision issues with it (Quy chế, Quy định …)."""
    value = fields.data.get("appendices") or []
    if not isinstance(value, list):
        raise InputError(
            "“appendices” phải là một danh sách phụ lục",
            "mỗi phụ lục bắt đầu bằng “- title: …” rồi “body: |”",
            fields.at("appendices"),
        )
    out = []
    for index in range(len(value)):
        path = ("appendices", index)
        item = Fields(fields.source, path, ["type", "title", "body"], "phụ lục")
        body = item.text("body", required=True)
        line = fields.source.body_start((*path, "body"))
        place = fields.source.text_place((*path, "body"))
        kind = item.text("type")  # Mẫu 1.2: "Quy chế" prints QUY CHẾ in place of "Phụ lục"
        out.append(AppendixSource(item.text("title"), body, line, place, kind))
    return tuple(out)


def _points(parent: Fields, style: str) -> tuple[Point, ...]:
    """`items:` of a duty or of a sub-item: each a line of text, or `text:` with its own
    `items:` (marked `item_style:`, by default the next kind down: 1.1. → a) → - → +)."""
    value = parent.data.get("items")
    if not isinstance(value, list):
        place = parent.source.text_place((*parent.path, "items"))
        return tuple(
            Point(line.lstrip("-–").strip(), place=place) for line in parent.lines("items")
        )
    points = []
    for index, item in enumerate(value):
        place = parent.source.text_place((*parent.path, "items", index))
        if isinstance(item, (str, int)):
            points.append(Point(str(item).lstrip("-–").strip(), place=place))
            continue
        keys = ["text", "items", "item_style"]
        sub = Fields(parent.source, (*parent.path, "items", index), keys, "mục con")
        own = sub.choice("item_style", tuple(ITEM_STYLES), ITEM_STYLES[style], "kiểu mục con")
        place = parent.source.text_place((*parent.path, "items", index, "text"))
        points.append(Point(sub.text("text", required=True), _points(sub, own), own, place))
    return tuple(points)


def load(path: Path) -> Dispatch:
    """Read and check a letter. Raises InputError on the first mistake."""
    return load_source(Source.read(path), path)


def load_text(text: str, path: Path) -> Dispatch:
    """Check a letter given as YAML text (the web form's); `path` names it in messages and is
    where its letterhead and data files are looked for, as if the text were saved there."""
    return load_source(Source(text, str(path)), path)


def load_source(source: Source, path: Path) -> Dispatch:
    """Check a letter already read into a `Source`."""
    fields = Fields(source, (), LETTER_FIELDS, "công văn")
    letterhead = read_letterhead(fields, path)
    kind = read_kind(fields)
    symbol = read_symbol(fields, kind)
    number = fields.count(
        "number",
        "số văn bản",
        "ghi số nguyên dương, ví dụ “number: 1119”; bỏ dòng này nếu chưa cấp số",
    )
    electronic = fields.flag("electronic")
    if electronic and number:
        raise InputError(
            "văn bản điện tử để trống số: hệ thống quản lý văn bản cấp số khi ký số",
            "bỏ dòng “number:”, hoặc bỏ “electronic: true” nếu văn bản ký tay",
            fields.at("number"),
        )
    urgency = read_mark(fields, "urgency", URGENCY_MARKS, "độ khẩn")
    duty_style = fields.choice("duty_style", ("1.", "-"), "1.", "kiểu đánh số nhiệm vụ")
    issued = _issue_date(fields)
    decision = read_decision(fields, kind)
    signature = read_signature(fields, letterhead, draft=not (issued.complete or electronic))
    return Dispatch(
        source=str(path),
        letterhead=letterhead,
        symbol=symbol,
        issued=issued,
        subject=fields.text("subject", required=True).rstrip("."),
        signature=signature,
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
        subject_line=source.at(("subject",)).line or 1,
        subject_place=source.text_place(("subject",)),
        appendices=_appendices(fields),
        template=fields.text("template", default="cong-van"),
        template_at=fields.at("template"),
        distribution=tuple(_list_text(d) for d in fields.lines("distribution")),
        archive=tuple(
            a.strip() for line in fields.lines("archive") for a in line.split(",") if a.strip()
        )
        or ("VT",),
        as_above=_list_text(fields.text("as_above", default=decision.as_above)),
        extra=fields.mapping("extra"),
        checks=_checks(fields),
        mentions=gather(fields, letterhead),
        style=house_style(path, letterhead.style),
        kind=kind,
        electronic=electronic,
        secrecy=read_mark(fields, "secrecy", SECRECY_MARKS, "độ mật"),
        circulation=read_mark(fields, "circulation", CIRCULATION_MARKS, "chỉ dẫn phạm vi lưu hành"),
        typist=fields.text("typist").rstrip("."),
        copies=read_copies(fields),
        closing_line=fields.text("closing_line"),
        contact=fields.lines("contact"),
        grounds=decision.grounds,
        articles=decision.articles,
        decided_by=issuing_title(letterhead, signature, decision.decided_by, fields)
        if kind == DECISION
        else "",
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
