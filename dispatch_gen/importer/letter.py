"""Step 2 of import: the parts found on the page (`Found`) → the fields of a YAML letter.

Owns what the printed words mean in the project's own keys: "Số: 1119/UBND-KGVX" is a number and
a symbol, "Kiên Giang, ngày 19 tháng 8 năm 2020" a place and a date (a draft's blanks kept), the
header lines a known letterhead or one written out, "KT. GIÁM ĐỐC" an authority, "- Như trên;"
and "- Lưu: VT, X." the fixed ends of Nơi nhận, the last numbered list of the body the duties.
Where the reading is a guess, a `Doubt` says so; the writer turns it into a `# kiểm tra:` line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dispatch_gen.doctypes import DECISION
from dispatch_gen.docx.layout import (
    AUTHORITY_PREFIXES,
    CIRCULATION_MARKS,
    SECRECY_MARKS,
    URGENCY_MARKS,
)
from dispatch_gen.errors import InputError
from dispatch_gen.importer.body import Block, body_markup, duty_fields, inline, split_duties
from dispatch_gen.importer.decision import decision_fields
from dispatch_gen.importer.reading import BodyParagraph, Found, Span
from dispatch_gen.letterheads import known_files, named_letterhead
from dispatch_gen.model import Letterhead
from dispatch_gen.vietnamese import upper

NUMBER = re.compile(r"^Số\s*[:.]?\s*(\d*)\s*/\s*(\S+)")
DATE = re.compile(
    r"^(?P<place>.+?),\s*ngày\s*(?P<day>\d{0,2})\s*tháng\s*(?P<month>\d{0,2})\s*năm\s*(?P<year>\d{4})"
)
PREFIXES = tuple(p.rstrip(".") for p in AUTHORITY_PREFIXES)
AS_ABOVE = ("như trên", "như kính gửi")
TYPIST = re.compile(r"^(?P<code>[^\s()]+?)\.\((?P<copies>\d+)\)$")  # ô 12: "PL.(300)"
MARK_KEYS = (("urgency", URGENCY_MARKS), ("secrecy", SECRECY_MARKS),
             ("circulation", CIRCULATION_MARKS))


@dataclass(frozen=True)
class Doubt:
    """A field the importer read but is not sure of: shown as `# kiểm tra: …` above it."""

    key: str
    reason: str


@dataclass
class Imported:
    """A letter as YAML fields, in the order a clerk writes them, with the doubts about them."""

    fields: dict[str, Any] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)

    def doubt(self, key: str, reason: str) -> None:
        self.doubts.append(Doubt(key, reason))


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _list_item(text: str) -> str:
    """A Kính gửi or Nơi nhận line without its dash and end punctuation."""
    return text.strip().lstrip("-–+•").strip().rstrip(";.,").strip()


def _sentence_case(text: str) -> str:
    """"GIÁM ĐỐC" → "Giám đốc", "PHÓ CHỦ NHIỆM" → "Phó Chủ nhiệm": printed upper case anyway,
    easier to read in YAML."""
    lower = text.lower()
    if lower.startswith("phó ") and len(lower) > 4:
        return "Phó " + lower[4].upper() + lower[5:]
    return lower[:1].upper() + lower[1:]


def _same_lines(found: Found, head: Letterhead) -> bool:
    return ([_key(x) for x in found.parent], [_key(x) for x in found.agency]) == (
        [_key(upper(x)) for x in head.parent],
        [_key(upper(x)) for x in head.agency],
    )


def _match_letterhead(found: Found, letter: Path) -> tuple[str, Letterhead] | None:
    """An office's own file with these lines (as the renderer would find it from `letter`),
    else a registry letterhead with them."""
    for name in known_files(letter):
        try:
            head = named_letterhead(name, letter, None)
        except InputError:  # a broken file in a letterhead folder matches nothing
            continue
        if _same_lines(found, head):
            return name, head
    from dispatch_gen.registry import canonical_name, registry

    parent = [re.sub(r"^UBND\s+", "", line, flags=re.IGNORECASE) for line in found.parent]
    for entry in registry().search(" ".join(found.agency + parent))[:40]:
        head = entry.letterhead()
        if _same_lines(found, head):
            return canonical_name(entry), head
    return None


def _letterhead(found: Found, out: Imported, place: str, letter: Path) -> Letterhead:
    """The name of a known letterhead with these lines, or the letterhead written out."""
    if not found.agency:
        out.fields["letterhead"] = {"agency": "TÊN CƠ QUAN"}
        out.doubt("letterhead", "không thấy tên cơ quan ban hành; ghi lại tên cơ quan")
        return Letterhead(agency=("TÊN CƠ QUAN",))
    match = _match_letterhead(found, letter)
    if match:
        out.fields["letterhead"] = match[0]
        return match[1]
    symbol = NUMBER.match(found.number_line)
    slots = {"collective": "", "head": ""}
    for line in found.authority:  # "TM. ỦY BAN NHÂN DÂN" names the collective, "KT. X" the head
        prefix, _, rest = line.partition(".")
        if prefix.strip().upper() in PREFIXES and rest.strip():
            slot = "collective" if prefix.strip().upper() == "TM" else "head"
            slots[slot] = slots[slot] or _sentence_case(rest.strip())
    head = Letterhead(
        agency=tuple(found.agency),
        parent=tuple(found.parent),
        abbreviation=symbol[2].split("-")[0] if symbol else "",
        place=place,
        head=slots["head"],
        collective=slots["collective"],
    )
    written = {
        "parent": "\n".join(head.parent),
        "agency": "\n".join(head.agency),
        "abbreviation": head.abbreviation,
        "place": head.place,
        "collective": head.collective,
        "head": head.head,
    }
    out.fields["letterhead"] = {k: v for k, v in written.items() if v}
    out.doubt(
        "letterhead",
        "không có tiêu đề cơ quan nào trùng; nên lưu phần này thành tệp letterheads/<tên>.yaml",
    )
    return head


def _number(found: Found, out: Imported) -> None:
    match = NUMBER.match(found.number_line)
    if not match:
        out.fields["symbol"] = "UBND"
        out.doubt("symbol", "không đọc được dòng “Số: …/…”; ghi ký hiệu văn bản")
        return
    if match[1] and int(match[1]):
        out.fields["number"] = int(match[1])
    out.fields["symbol"] = match[2]


def _date(found: Found, out: Imported) -> None:
    """The issue date; a draft keeps its blanks: "2021-03", "2021"."""
    match = DATE.match(found.date_line)
    if not match:
        out.fields["date"] = date.today().year
        out.doubt("date", "không đọc được dòng “…, ngày … tháng … năm …”; ghi ngày ban hành")
        return
    year, month, day = int(match["year"]), match["month"], match["day"]
    if month and day:
        try:
            out.fields["date"] = date(year, int(month), int(day))
        except ValueError:
            out.fields["date"] = f"{year}-{int(month):02d}"
            out.doubt("date", f"ngày {day}/{month}/{year} không có thật; ghi lại ngày")
    elif month:
        out.fields["date"] = f"{year}-{int(month):02d}"
    else:
        out.fields["date"] = str(year)


def _signature(found: Found, out: Imported, head: Letterhead) -> None:
    """Authority lines (TM./KT./TL./TUQ./Q.) as the short form when the letterhead names them."""
    lines = list(found.authority)
    authority: list[str] = []
    while lines and lines[0].split(".")[0].strip().upper() in PREFIXES:
        prefix, _, rest = lines.pop(0).partition(".")
        prefix, rest = prefix.strip().upper(), rest.strip()
        own = head.collective if prefix == "TM" else head.head
        if own and _key(upper(own)) == _key(rest):
            authority.append(prefix)
        else:
            authority.append(f"{prefix}. {_sentence_case(rest)}")
    signature: dict[str, Any] = {}
    if authority:
        signature["authority"] = authority[0] if len(authority) == 1 else authority
    if lines:
        title = _sentence_case(" ".join(lines))
        own = head.head
        if own and _key(title) in (_key(own), _key("phó " + own)):
            title = title[: len(title) - len(own)] + own  # the letterhead's own casing
        signature["title"] = title
    if found.signer:
        signature["name"] = found.signer
    if not found.authority:
        out.doubt("signature", "không thấy khối chữ ký; ghi chức vụ và họ tên người ký")
        signature.setdefault("title", head.head or "Chủ tịch")
    out.fields["signature"] = signature


def _distribution(found: Found, out: Imported) -> None:
    """Nơi nhận without its fixed first line (Như trên) and last line (Lưu)."""
    items = [_list_item(line) for line in found.distribution]
    items = [i for i in items if i and _key(i) != "nơi nhận:"]
    archive = ""
    if items and _key(items[-1]).startswith("lưu"):
        archive = items.pop().partition(":")[2].strip()
    if items and _key(items[0]) in AS_ABOVE and found.recipients:
        as_above = items.pop(0)
        if _key(as_above) != "như trên":
            out.fields["as_above"] = as_above
    if items:
        out.fields["distribution"] = items
    for line in found.after_distribution:
        typist = TYPIST.match(line)
        if typist and "typist" not in out.fields:
            out.fields["typist"], out.fields["copies"] = typist["code"], int(typist["copies"])
        else:
            out.fields["closing_line"] = " ".join(
                filter(None, [out.fields.get("closing_line", ""), line])
            )
    if archive and _key(archive) != "vt":
        out.fields["archive"] = archive
    elif not archive:
        out.doubt("distribution", "Nơi nhận không có dòng “Lưu: …”; chương trình sẽ ghi “Lưu: VT”")


def import_found(found: Found, letter: Path) -> Imported:
    """The YAML fields of a found letter. `letter` is where the YAML will be written (it decides
    which letterhead files the renderer will see)."""
    out = Imported()
    place = _date_place(found)
    head = _letterhead(found, out, place, letter)
    _number(found, out)
    _date(found, out)
    if place and _key(place) != _key(head.place):
        out.fields["place"] = place
    for key, marks in MARK_KEYS:
        mark = next((m for m in found.marks if m in marks), "")
        if mark:
            out.fields[key] = mark
    if found.kind:
        out.fields["type"] = found.kind
    # a công văn's "V/v" is printed by the program; a named type prints its summary as written
    # (a commune's Thông báo may itself begin "V/v …"), so that one is kept whole
    subject = found.subject.strip()
    if not found.kind:
        subject = re.sub(r"^V/v\s*", "", subject, flags=re.IGNORECASE).strip()
    out.fields["subject"] = subject or "…"
    if not subject:
        line = "tên loại và trích yếu" if found.kind else "dòng “V/v …”"
        out.doubt("subject", f"không thấy {line}; ghi trích yếu nội dung")
    recipients = [_list_item(r) for r in found.recipients if _list_item(r)]
    if recipients:
        out.fields["recipients"] = recipients
    if found.kind == DECISION:  # Căn cứ, “QUYẾT ĐỊNH:” and Điều 1… have fields of their own
        fields, doubts = decision_fields(_without_body_end(found.body))
        out.fields.update(fields)
        for doubt in doubts:
            out.doubt("articles" if "Điều" in doubt else "grounds", doubt)
        found.body = []
    before, duties, after = split_duties(_without_body_end(found.body))
    if duties:
        fields, style, unsure = duty_fields(duties)
        if style != "1.":
            out.fields["duty_style"] = style
        out.fields["duties"] = fields
        if unsure:
            out.doubt("duties", unsure)
    body = body_markup(before)
    if duties:
        body += ("\n\n" if body else "") + "{{ duty_list() }}"
    tail = body_markup(after)
    if tail:
        body += "\n\n" + tail
    if found.notes:
        body += "\n\n" + "\n\n".join(_note(line) for line in found.notes)
    if body:
        out.fields["body"] = body
    _signature(found, out, head)
    _distribution(found, out)
    if found.appendices:
        out.fields["appendices"] = [
            {**({"title": title} if title else {}), "body": body_markup(blocks)}
            for title, blocks in found.appendices
        ]
    for part in found.missing:
        out.doubt("body" if part == "nội dung" else "symbol", f"không thấy {part}")
    return out


def _without_body_end(body: list[Block]) -> list[Block]:
    """The program ends the body with `./.` itself: the clerk writes a plain full stop."""
    last = body[-1] if body else None
    if not isinstance(last, BodyParagraph) or last.label or not last.spans:
        return body
    tail = last.spans[-1]
    if tail.raw or not tail.text.rstrip().endswith("./."):
        return body
    end = Span(tail.text.rstrip()[:-3] + ".", tail.bold, tail.italic)
    return [*body[:-1], BodyParagraph((*last.spans[:-1], end), last.label, last.typed)]


def _note(line: str) -> str:
    """`[^1]: text` with the text escaped as any body text."""
    mark, _, text = line.partition(": ")
    return f"{mark}: {inline((Span(text),))}"


def _date_place(found: Found) -> str:
    match = DATE.match(found.date_line)
    return match["place"].strip() if match else ""

