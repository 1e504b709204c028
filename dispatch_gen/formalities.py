"""Thể thức: the parts of a letter whose form Decree 30 fixes, read from its YAML and checked —
the signature chain (ô 7), the type name and its code in the symbol (ô 3, ô 5a, PL III), the marks
(ô 10a, 10b, 11) and the typist's code with the copies (ô 12). `load` calls these."""

from __future__ import annotations

import re

from dispatch_gen import doctypes
from dispatch_gen.docx.layout import AUTHORITY_PREFIXES
from dispatch_gen.errors import InputError, Location
from dispatch_gen.model import Letterhead, Signature
from dispatch_gen.source import Fields
from dispatch_gen.vietnamese import upper

PREFIX_NAMES = {p.rstrip("."): p for p in AUTHORITY_PREFIXES}


def authority_line(prefix_text: str, letterhead: Letterhead, where: Location) -> str:
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


def read_signature(fields: Fields, letterhead: Letterhead, draft: bool) -> Signature:
    if "signature" not in fields.data:
        fields.text("signature", required=True)
    sign = Fields(fields.source, ("signature",), ["authority", "title", "name"], "chữ ký")
    authority = tuple(
        authority_line(line, letterhead, sign.at("authority")) for line in sign.lines("authority")
    )
    title = sign.text("title")
    last = authority[-1].split(".")[0] if authority else ""
    if not title and last in ("", "TM"):
        title = letterhead.head
    # KT.: a deputy signs for the head, under the deputy's own title, whatever it is called
    # (Phó Chủ tịch, Phó Cục trưởng, Thứ trưởng); never the head's own title again.
    head_title = upper(authority[-1].partition(".")[2].strip()) if last == "KT" else ""
    if last == "KT" and (not title or upper(title) == head_title):
        raise InputError(
            "khối chữ ký “KT.” cần chức vụ cấp phó của người ký thay",
            "thêm “title: Phó Chủ tịch” (hoặc Phó Giám đốc, Thứ trưởng…) vào “signature”",
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


def read_kind(fields: Fields) -> str:
    """`type:` a named document type (Thông báo …), or "" for a công văn."""
    if not fields.data.get("type"):
        return ""
    name = doctypes.canonical(fields.text("type"))
    if name is None or name not in doctypes.WRITABLE_TYPES:
        raise InputError(
            f"tên loại văn bản “{fields.text('type')}” không dùng được",
            "chọn " + ", ".join(doctypes.WRITABLE_TYPES) + "; công văn thì bỏ dòng “type:”",
            fields.at("type"),
        )
    return name


def read_symbol(fields: Fields, kind: str) -> str:
    """Ký hiệu: a named type's starts with its code (`TB-UBND`; `symbol: UBND` gets it added);
    a công văn's has none, and never “CV”."""
    symbol = fields.text("symbol", required=True).lstrip("/")
    if re.search(r"(^|-)CV(-|$)", symbol):
        raise InputError(
            f"ký hiệu “{symbol}” dùng “CV”",
            "công văn của cơ quan nhà nước không có chữ viết tắt “CV”: ghi “UBND-VX”, “STTTT-CNTT”",
            fields.at("symbol"),
        )
    code = doctypes.symbol_code(symbol)
    named = doctypes.CODES.get(code, "")
    if kind and code and code != doctypes.TYPE_CODES[kind]:
        raise InputError(
            f"ký hiệu “{symbol}” mang mã “{code}” của {named}, nhưng tên loại là {kind}",
            f"ghi “symbol: {doctypes.TYPE_CODES[kind]}-{symbol.partition('-')[2]}”",
            fields.at("symbol"),
        )
    if kind and not code:
        return f"{doctypes.TYPE_CODES[kind]}-{symbol}"
    if not kind and named in doctypes.WRITABLE_TYPES:
        raise InputError(
            f"ký hiệu “{symbol}” mang mã “{code}” của {named}, nhưng văn bản là công văn",
            f"thêm dòng “type: {named}”, hoặc bỏ “{code}-” khỏi ký hiệu",
            fields.at("symbol"),
        )
    return symbol


def read_copies(fields: Fields) -> int | None:
    copies = fields.count("copies", "số bản phát hành", "ghi số nguyên dương, ví dụ “copies: 300”")
    if copies and not fields.text("typist"):
        raise InputError(
            "“copies” đi cùng ký hiệu người đánh máy",
            "thêm “typist: PL” để in “PL.(300)” (ô 12)",
            fields.at("copies"),
        )
    return copies


def read_mark(fields: Fields, key: str, marks: tuple[str, ...], what: str) -> str:
    return fields.choice(key, marks, "", what) if fields.data.get(key) else ""
