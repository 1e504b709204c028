"""Input errors and warnings a clerk reads: where (file:line:column), what is wrong, how to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass

# what a terminal cannot print or a reader cannot see: controls, lone surrogates, non-characters
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LONG_WORD = re.compile(r"\S{160,}")


def shown(text: str, cut: bool = True) -> str:
    """`text` as one printable line: a message quoting the clerk's input must print even when
    the input holds a line break, an invisible control character or a lone surrogate, and a
    5,000-letter value is cut to its two ends (unless `cut` is false: a file's path)."""
    text = _UNPRINTABLE.sub(lambda m: "↵" if m[0] == "\n" else f"<U+{ord(m[0]):04X}>", text)
    return _LONG_WORD.sub(lambda m: f"{m[0][:60]}…{m[0][-40:]}", text) if cut else text


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class TextPlace:
    """Where a text that is itself a template stands in its file (a `body: |` block, a duty's
    `text:`, a template file), so a template line and a pattern on it map back to file:line:col.

    `lines` are the file's lines from `first_line` on, as the clerk typed them."""

    file: str
    first_line: int
    lines: tuple[str, ...] = ()

    def locate(self, line: int | None, pattern: str = "", text: str = "") -> Location:
        """The place of template line `line`: the column where `pattern` first matches on it
        (or on the nearest line where it does); `@N` is offset N in `text`."""
        guess = max(0, min((line or 1) - 1, len(self.lines) - 1))
        if pattern.startswith("@") and text:
            offset = int(pattern[1:])
            wanted = text[offset : offset + 12].splitlines()[0] if text[offset:] else ""
            guess = text.count("\n", 0, offset)
            pattern = re.escape(wanted) if wanted else ""
        if pattern and self.lines:
            order = sorted(range(len(self.lines)), key=lambda i: (abs(i - guess), i))
            for index in order[:200]:
                found = re.search(pattern, self.lines[index])
                if found:
                    start = found.start(found.lastindex or 0)
                    return Location(self.file, self.first_line + index, start + 1)
        if not self.lines:
            return Location(self.file, self.first_line + guess, 1)
        text_line = self.lines[guess]
        return Location(
            self.file, self.first_line + guess, len(text_line) - len(text_line.lstrip()) + 1
        )


class InputError(Exception):
    """A mistake in the clerk's input. Rendered as `file:line:column: lỗi: what — how to fix`."""

    def __init__(self, message: str, hint: str = "", where: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where

    def __str__(self) -> str:
        text = "lỗi: " + shown(self.message) + (f" — {shown(self.hint)}" if self.hint else "")
        return f"{shown(str(self.where), cut=False)}: {text}" if self.where else text


@dataclass(frozen=True)
class Notice:
    """A warning: the letter is written, but something deserves a second look."""

    message: str
    hint: str = ""
    where: Location | None = None

    def __str__(self) -> str:
        text = "cảnh báo: " + shown(self.message) + (f" — {shown(self.hint)}" if self.hint else "")
        return f"{shown(str(self.where), cut=False)}: {text}" if self.where else text


def missing_file(path: object) -> InputError:
    """The one wording, in every command, for a file that is not there."""
    return InputError("không tìm thấy tệp", "kiểm tra đường dẫn và tên tệp", Location(str(path)))
