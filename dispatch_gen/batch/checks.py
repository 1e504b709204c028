"""What is checked on every row before any letter is written: its file name, or why its letter
cannot be made (a bad cell, a number used twice), and what stops the whole batch (a bad name
pattern, two rows with one file name, the print file or zip named like a letter).

Rows are checked in order, as far as asked (`RowChecks.upto`: the batch's first letter needs
only the rows before it), then all of them (`RowChecks.finish`). A row's verdict depends only
on the rows before it, so checking in steps gives what checking at once gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dispatch_gen.batch.letters import row_changes
from dispatch_gen.batch.naming import check_clashes, check_pattern, file_name
from dispatch_gen.batch.rows import Place
from dispatch_gen.batch.units import UnitRow, Units
from dispatch_gen.errors import InputError, Location, Notice
from dispatch_gen.model import Dispatch
from dispatch_gen.sheets import blank

_NO_COLUMN = re.compile(r"UnitRow object'? has no attribute '([^']+)'")


def explain(error: InputError, row: UnitRow, columns: tuple[str, ...]) -> str:
    """A row's error as the clerk reads it: `units.csv:7: lỗi: … — … (master.yaml:31)`."""
    message, hint = error.message, error.hint
    missing = _NO_COLUMN.search(message)
    if missing:
        message = f"bảng đơn vị không có cột “{missing[1]}”"
        hint = "các cột có: " + ", ".join(columns)
    text = f"{row.place}: lỗi: {message}" + (f" — {hint}" if hint else "")
    return text + (f" ({error.where})" if error.where else "")


class RowChecks:
    """Each row's file name (`names`, "" when it has none) and why its letter cannot be made
    (`blocked`, "" when it can), filled in row order. Raises InputError on a bad pattern."""

    def __init__(self, master: Dispatch, units: Units, pattern: str | None) -> None:
        self.master = master
        self.units = units
        self.pattern = pattern or f"{{stt:0{len(str(len(units)))}d}}-{{recipient}}"
        self.fields = check_pattern(self.pattern, units.columns, units.figures)
        self.names: list[str] = []
        self.blocked: list[str] = []
        self._numbers: dict[int, Place] = {}  # a number the table gives → the row that gave it
        self._named = _NamedTwice()

    @property
    def notices(self) -> list[str]:
        """Warnings about the table as a whole: a unit named on two rows."""
        return self._named.notices

    def upto(self, index: int) -> str:
        """Check the rows up to `index`; why that row's letter cannot be made ("" if it can)."""
        while len(self.blocked) <= index:
            self._check(len(self.blocked))
        return self.blocked[index]

    def finish(self, others: tuple[Path | None, ...] = (), out: Path | None = None) -> None:
        """Check the rest; raise on two rows with one name, or on `others` (the print file,
        the zip) named like a letter in `out`."""
        self.upto(len(self.units) - 1)
        check_clashes([n or None for n in self.names], [row.place for row in self.units])
        for path in others:
            if (
                path is not None
                and out is not None
                and path.parent.resolve() == out.resolve()
                and path.name in self.names
            ):
                raise InputError(f"“{path}” trùng tên một công văn trong đợt", "đặt tên khác")

    def _check(self, index: int) -> None:
        row = self.units[index]
        problems = list(self.units.problems.get(index, ()))
        recipient, number = row.get("recipient", ""), row.get("number", "")
        try:
            changes, _ = row_changes(self.master, row)
            recipient = changes["recipients"][0]
            if not blank(row.get("recipients", row.get("recipient"))):
                self._named.add(changes["recipients"], row.place)
            number = changes["number"] or ""
            given = changes["number"] if row.get("number") is not None else None
            if given is not None and given in self._numbers:
                used = self._numbers[given]
                problems.append(InputError(f"số {given} đã dùng ở {used}", "mỗi công văn một số"))
            elif given is not None:
                self._numbers[given] = row.place
        except InputError as error:
            problems.append(error)
        fields = {field: _field(row, field, recipient, number) for field in self.fields}
        try:
            self.names.append(file_name(self.pattern, fields))
        except InputError as error:
            self.names.append("")
            problems.append(error)
        columns = self.units.columns
        self.blocked.append("\n".join([explain(p, row, columns) for p in problems]))


def _field(row: UnitRow, field: str, recipient: Any, number: Any) -> Any:
    """A name pattern's field for the row: `stt`, `line`, `recipient` (the first), `number`
    (the letter's), else the row's cell."""
    if field == "stt":
        return row.stt
    if field == "line":
        return row.line
    if field == "recipient":
        return recipient
    if field == "number":
        return number
    return row[field]


class _NamedTwice:
    """Units a table names on more than one row (two letters to one agency, likely a row
    pasted twice): a warning naming the rows, once per unit."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, ...], Place] = {}
        self.notices: list[str] = []

    def add(self, recipients: tuple[str, ...], place: Place) -> None:
        key = tuple(" ".join(r.casefold().split()) for r in recipients)
        if key not in self.first:
            self.first[key] = place
            return
        notice = Notice(
            f"đơn vị “{'; '.join(recipients)}” có ở hai dòng, {self.first[key]} và {place}: "
            "hai công văn gửi cùng một nơi",
            "bỏ dòng thừa; nếu là hai đơn vị khác nhau, ghi tên đầy đủ cho khỏi lẫn",
            Location(str(place)),
        )
        self.notices.append(str(notice))
