"""A row's own letter: the master `Dispatch` with the row's recipients, number and duties.

Columns that set a part of the letter (everything else is data for the templates, as `row`):

- `recipients` (or `recipient`): Kính gửi; several separated by `;` or one per line in the cell.
  Empty: the master's recipients.
- `number`: the letter's number (số), a whole number above 0. Empty: the master's.
- `duties`: either the master's duties to keep, by their numbers (`1,3,5`, `2-4`), or the row's
  own duties as text, one per line. A row's own text prints as written: no Jinja, no markup.
  Empty: all the master's duties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from dispatch_gen.batch.units import UnitRow
from dispatch_gen.errors import InputError
from dispatch_gen.model import Dispatch, Duty
from dispatch_gen.sheets import blank
from dispatch_gen.vietnamese import nfc

_PICKS = re.compile(r"\s*\d+(?:\s*-\s*\d+)?(?:\s*[,;]\s*\d+(?:\s*-\s*\d+)?)*\s*")
_SPLIT = re.compile(r"[;\n]")
OWN_DUTIES = "row_duties"  # the template variable that holds a row's own duty texts


@dataclass(frozen=True)
class RowLetter:
    """What a row changes: its `Dispatch`, and the variables its templates see besides `row`."""

    dispatch: Dispatch
    variables: dict[str, Any]


def _item(text: str) -> str:
    """A list line as typed: list punctuation is the program's to add (`- X;` → `X`)."""
    return text.strip().rstrip(";.,").strip().lstrip("-–•").strip()


def recipients(cell: Any, master: Dispatch) -> tuple[str, ...]:
    if blank(cell):
        return master.recipients
    items = cell if isinstance(cell, list) else _SPLIT.split(str(cell))
    found = tuple(nfc(item) for item in (_item(str(i)) for i in items) if item)
    if not found:
        raise InputError("ô “recipients” không ghi nơi nhận nào", "ghi tên cơ quan nhận công văn")
    return found


def number(cell: Any, master: Dispatch) -> int | None:
    if blank(cell):
        return master.number
    text = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()
    if isinstance(cell, bool) or not text.isdigit() or int(text) <= 0:
        raise InputError(
            f"số văn bản “{cell}” không hợp lệ",
            "ghi số nguyên dương, ví dụ 125; để trống nếu chưa cấp số",
        )
    return int(text)


def _missing(n: int, text: str, count: int) -> InputError:
    return InputError(
        f"nhiệm vụ số {n} không có trong công văn gốc (“duties: {text}”)",
        f"công văn gốc có {count} nhiệm vụ, đánh số 1 đến {count}"
        if count
        else "công văn gốc chưa có nhiệm vụ nào: ghi nội dung nhiệm vụ vào ô",
    )


def _picked(numbers: list[int], text: str, master: Dispatch) -> tuple[Duty, ...]:
    count = len(master.duties)
    chosen: list[int] = []
    for n in numbers:
        if not 1 <= n <= count:
            raise _missing(n, text, count)
        if n in chosen:
            raise InputError(
                f"nhiệm vụ số {n} ghi hai lần (“duties: {text}”)", "ghi mỗi số một lần"
            )
        chosen.append(n)
    picked = (master.duties[n - 1] for n in chosen)  # numbered anew in the row's letter
    return tuple(d if d.number is None else replace(d, number=None) for d in picked)


def _numbers(text: str, count: int) -> list[int]:
    """`1,3,5-7` → [1, 3, 5, 6, 7] (a range beyond the master's duties is refused first)."""
    numbers: list[int] = []
    for part in re.split(r"[,;]", text):
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if last < first:
            raise InputError(f"khoảng “{part.strip()}” ngược", "ghi từ số nhỏ đến số lớn: 2-4")
        if last > count:
            raise _missing(last, text.strip(), count)
        numbers += range(first, last + 1)
    return numbers


def duties(cell: Any, master: Dispatch) -> tuple[tuple[Duty, ...], list[str]]:
    """The row's duties, and the texts of its own duties (printed through `row_duties`)."""
    if blank(cell):
        return master.duties, []
    if isinstance(cell, int) and not isinstance(cell, bool):
        return _picked([cell], str(cell), master), []
    if isinstance(cell, float) and cell.is_integer():
        return _picked([int(cell)], str(int(cell)), master), []
    if isinstance(cell, float):
        raise InputError(
            f"ô “duties” là số thập phân {cell}: Excel đã đọc “1,3” thành một số",
            "định dạng cột “duties” là Văn bản (Text) rồi ghi lại “1,3”",
        )
    if isinstance(cell, list) and all(isinstance(c, int) for c in cell):
        return _picked(list(cell), ", ".join(map(str, cell)), master), []
    if isinstance(cell, str) and _PICKS.fullmatch(cell):
        return _picked(_numbers(cell, len(master.duties)), cell.strip(), master), []
    lines = cell if isinstance(cell, list) else str(cell).splitlines()
    own = [nfc(str(line).strip().lstrip("-–•").strip()) for line in lines]
    own = [text for text in own if text]
    if not own:
        raise InputError("ô “duties” không ghi nhiệm vụ nào", "ghi số nhiệm vụ (1,3) hoặc nội dung")
    # The text reaches the letter as a template value: escaped like any value, never run as Jinja.
    texts = tuple(Duty(text=f"{{{{ {OWN_DUTIES}[{i}] }}}}") for i in range(len(own)))
    return texts, own


def row_letter(master: Dispatch, row: UnitRow) -> RowLetter:
    """The master with the row's parts; raises InputError naming the column at fault."""
    changes, variables = row_changes(master, row)
    return RowLetter(with_changes(master, changes), variables)


def with_changes(master: Dispatch, changes: dict[str, Any]) -> Dispatch:
    """`dataclasses.replace(master, **changes)` for the few fields a row sets (recipients,
    number, duties): the master's fields copied, those set. `replace` passes all forty-odd
    fields through `__init__` for every letter; a `Dispatch` checks nothing there (it has no
    `__post_init__`) and holds nothing but its fields."""
    letter = Dispatch.__new__(Dispatch)
    fields = letter.__dict__
    fields.update(master.__dict__)
    fields.update(changes)
    return letter


def row_changes(master: Dispatch, row: UnitRow) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the row sets in the master (`recipients`, `number`, `duties`, as the `Dispatch`
    holds them) and the variables its templates see; raises InputError naming the column at
    fault. Every row is checked so before any letter is made, without copying the master."""
    changes: dict[str, Any] = {}
    variables: dict[str, Any] = {OWN_DUTIES: []}
    for column, read in (("recipients", recipients), ("number", number)):
        cell = row.get(column, row.get("recipient") if column == "recipients" else None)
        try:
            changes[column] = read(cell, master)
        except InputError as error:
            raise _in_column(error, column) from None
    try:
        changes["duties"], variables[OWN_DUTIES] = duties(row.get("duties"), master)
    except InputError as error:
        raise _in_column(error, "duties") from None
    if not changes["recipients"]:
        raise InputError(
            "thiếu nơi nhận (Kính gửi)",
            "thêm cột “recipients” vào bảng, hoặc “recipients:” vào công văn gốc",
        )
    return changes, variables


def _in_column(error: InputError, column: str) -> InputError:
    return InputError(f"cột “{column}”: {error.message}", error.hint, error.where)
