"""Input errors and warnings a clerk reads: where (file:line:column), what is wrong, how to fix."""

from __future__ import annotations

from dataclasses import dataclass


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


class InputError(Exception):
    """A mistake in the clerk's input. Rendered as `file:line:column: lỗi: what — how to fix`."""

    def __init__(self, message: str, hint: str = "", where: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.where = where

    def __str__(self) -> str:
        text = "lỗi: " + self.message + (f" — {self.hint}" if self.hint else "")
        return f"{self.where}: {text}" if self.where else text


@dataclass(frozen=True)
class Notice:
    """A warning: the letter is written, but something deserves a second look."""

    message: str
    hint: str = ""
    where: Location | None = None

    def __str__(self) -> str:
        text = "cảnh báo: " + self.message + (f" — {self.hint}" if self.hint else "")
        return f"{self.where}: {text}" if self.where else text


def missing_file(path: object) -> InputError:
    """The one wording, in every command, for a file that is not there."""
    return InputError("không tìm thấy tệp", "kiểm tra đường dẫn và tên tệp", Location(str(path)))
