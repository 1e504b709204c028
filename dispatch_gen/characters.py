"""Which characters a letter can carry, and how to name a bad one to a clerk.

A .docx is XML 1.0, whose `Char` production forbids the C0 control characters but tab, line feed
and carriage return, lone surrogates (U+D800–U+DFFF) and U+FFFE/U+FFFF: one of them in
`word/document.xml` and Word refuses the whole file. YAML's printable set is narrower still
(no U+007F–U+009F but U+0085). These characters reach a letter invisibly, copied from Word or a
PDF (U+000B is Word's manual line break), so every input is checked here and the clerk is told
where the character stands, by its code, since it cannot be seen.
"""

from __future__ import annotations

import re

from dispatch_gen.errors import InputError, Location

# Written as the characters excluded (not as the complement of those allowed): the same sets,
# and a class of a few short ranges compiles in a fraction of the start-up time.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NOT_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NAMES = {
    "\x00": "ký tự rỗng (NUL)",
    "\x0b": "ngắt dòng của Word (U+000B)",
    "\x0c": "ngắt trang (U+000C)",
    "\x1b": "ký tự ESC",
    "\x7f": "ký tự xóa (DEL)",
    "\ufffe": "ký tự không hợp lệ U+FFFE",
    "\uffff": "ký tự không hợp lệ U+FFFF",
}


def code(char: str) -> str:
    """`U+000B`: how a character nobody can see is named."""
    return f"U+{ord(char):04X}"


def describe(char: str) -> str:
    """A clerk's name for an invisible or forbidden character."""
    if char in _NAMES:
        return _NAMES[char]
    if "\ud800" <= char <= "\udfff":
        return f"nửa ký tự mã hóa hỏng ({code(char)})"
    return f"ký tự điều khiển vô hình {code(char)}"


def bad_character_error(char: str, where: Location) -> InputError:
    """The error for a character Word cannot hold, at `where`."""
    return InputError(
        f"có {describe(char)}, Word không mở được văn bản chứa ký tự này",
        "xóa ký tự đó (thường lẫn vào khi chép từ Word hay PDF): gõ lại chữ quanh chỗ này",
        where,
    )


def check_text(text: str, where: Location, line_start: int = 1, column_start: int = 1) -> None:
    """Raise at the first character XML 1.0 forbids; `where` is the text's own file, and
    `line_start`/`column_start` the place of its first character."""
    found = NOT_IN_XML.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line = before.count("\n")
    column = found.start() - (before.rfind("\n") + 1) + (column_start if line == 0 else 1)
    raise bad_character_error(found[0], Location(where.file, line_start + line, column))

