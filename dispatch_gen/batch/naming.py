"""Output file names: a pattern (`--name "{stt:02d}-{don_vi}"`) filled from a row, made safe.

The filled text is transliterated the same way every time (`Huyện Cần Đước` → `huyen-can-duoc`,
đ → d), lower case, every run of other characters one `-`: no path separators, no `..`, no
spaces, the same name on every system. Two rows that come to one name are an error found
before anything is written.
"""

from __future__ import annotations

import difflib
import re
import string
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from dispatch_gen.batch.rows import Place
from dispatch_gen.errors import InputError

SUFFIX = ".docx"
MAX_STEM = 100  # well under every file system's limit, with room for the folder
# Names Windows keeps for devices, whatever the extension.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
     *(f"lpt{i}" for i in range(1, 10))]
)  # fmt: skip
# Fields every row has besides its columns.
ROW_FIELDS = ("stt", "line", "recipient", "number")
PATTERN_HINT = "ví dụ “{stt:02d}-{don_vi}”: tên cột trong ngoặc nhọn, chữ ngoài ngoặc giữ nguyên"


class _Bare(dict[int, int | None]):
    """For `str.translate`, after NFD: a combining mark dropped, đ/Đ as d/D, the rest kept;
    each character looked up once (`unicodedata.combining`), then from the table."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_BARE = _Bare({ord("đ"): ord("d"), ord("Đ"): ord("D")})
_OTHER = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`Huyện Cần Đước` → `huyen-can-duoc`: ASCII letters and digits joined by single `-`."""
    bare = unicodedata.normalize("NFD", text).translate(_BARE)
    return _OTHER.sub("-", bare.lower()).strip("-")


def check_pattern(pattern: str, columns: Sequence[str], numeric: Iterable[str]) -> tuple[str, ...]:
    """Refuse a pattern that could not name every row: unknown columns, `{a.b}`, bad formats.
    Returns the fields it reads, each once (a row's name needs only those)."""
    fields = [*columns, *(f for f in ROW_FIELDS if f not in columns)]
    numbers = set(numeric) | {"line", "number"} | ({"stt"} - set(columns))
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise InputError(f"mẫu tên tệp “{pattern}” viết sai: {error}", PATTERN_HINT) from None
    if not any(field is not None for _, field, _, _ in parsed):
        raise InputError(f"mẫu tên tệp “{pattern}” không có cột nào", PATTERN_HINT)
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field or field.isdigit() or re.search(r"[.\[\]]", field) or "{" in (spec or ""):
            raise InputError(f"“{{{field}}}” trong mẫu tên tệp không dùng được", PATTERN_HINT)
        if conversion is not None:
            raise InputError(f"“!{conversion}” trong mẫu tên tệp không dùng được", PATTERN_HINT)
        if field not in fields:
            close = difflib.get_close_matches(field, fields, n=1)
            raise InputError(
                f"mẫu tên tệp dùng cột “{field}” không có trong bảng đơn vị",
                f"có phải “{close[0]}”?" if close else "các cột có: " + ", ".join(fields),
            )
        try:
            format(0 if field in numbers else "", spec or "")
        except ValueError:
            kind = "số" if field in numbers else "chữ"
            raise InputError(
                f"định dạng “{{{field}:{spec}}}” không dùng được cho cột {kind} “{field}”",
                "với số: {stt:02d} (hai chữ số); với chữ: bỏ phần sau dấu “:”",
            ) from None
    return tuple(dict.fromkeys(field for _, field, _, _ in parsed if field is not None))


def _value(cell: Any) -> Any:
    if cell is None:
        return ""
    if isinstance(cell, Decimal) and cell == cell.to_integral_value():
        return int(cell)
    return cell


def file_name(pattern: str, fields: Mapping[str, Any]) -> str:
    """The safe file name of one row. Raises InputError when it comes out empty."""
    try:
        text = pattern.format_map({k: _value(v) for k, v in fields.items()})
    except (ValueError, TypeError) as error:
        raise InputError(
            f"không đặt được tên tệp theo mẫu “{pattern}”: {error}", PATTERN_HINT
        ) from None
    stem = slug(text)[:MAX_STEM].strip("-")
    if not stem:
        raise InputError(
            f"tên tệp theo mẫu “{pattern}” ra rỗng", "điền ô dùng trong mẫu, hoặc đổi “--name”"
        )
    if stem in RESERVED:
        stem += "-"
    return stem + SUFFIX


def check_clashes(names: Sequence[str | None], places: Sequence[Place]) -> None:
    """Two rows, one file: an InputError listing the rows (before anything is written)."""
    first: dict[str, int] = {}
    clashes: list[str] = []
    for index, name in enumerate(names):
        if name is None:
            continue
        key = name.casefold()
        if key in first:
            clashes.append(f"{places[first[key]]} và {places[index]} cùng ra “{name}”")
        else:
            first[key] = index
    if clashes:
        more = f" (và {len(clashes) - 5} chỗ khác)" if len(clashes) > 5 else ""
        raise InputError(
            "hai dòng ra cùng một tên tệp: " + "; ".join(clashes[:5]) + more,
            "thêm vào “--name” một cột khác nhau ở mỗi dòng, ví dụ “{stt:02d}-{don_vi}”",
        )
