"""What a batch's templates see of the units table: `row` (this letter's unit) and `units` (all).

Cells read the Vietnamese way (`1.695.150`, `15,81`) or as .xlsx numbers become Decimal in a
figure column (cột số liệu): a column where more than half the filled cells are numbers. In a
figure column a blank or non-number cell is that row's problem (the row's letter is not made),
and a province total or a rank over that column cannot be computed either. The batch composes
one letter first with the table `probing`: the columns its totals and ranks read are noted, and
a bad cell in any of them stops the batch before anything is written, with every such cell
listed (`BadFigures`, exit 2), instead of failing every letter alike. A letter that reaches a
total only later (a condition on its own row) fails alone, with the cells named.

    {{ row.dan_so | integer }}                      this unit's population
    {{ units.total.dan_so | integer }}              the sum over all units
    {{ units.rank(row, "cai_0203", per="dan_so") }} its rank by install rate, 1 = highest
    {{ units | length }}                             how many units
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from dispatch_gen.batch.rows import Place, UnitSheet
from dispatch_gen.errors import InputError, Location
from dispatch_gen.sheets import NamedCells, blank
from dispatch_gen.stats import parse_number

# Columns that set a part of the letter (see `letters`); never figures, whatever they hold.
LETTER_COLUMNS = frozenset({"recipients", "recipient", "number", "duties"})
_LEADING_ZERO = re.compile(r"\s*0\d")  # `007`: a code, not a number


def as_number(cell: Any) -> Decimal | None:
    """A cell as a number: .xlsx numbers as they are, text the Vietnamese way; None otherwise."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell))
    if not isinstance(cell, str):
        return None
    if cell.isdigit() and cell.isascii():
        return Decimal(cell) if cell[0] != "0" or len(cell) == 1 else None  # `007`: a code
    head = cell.lstrip()[:1]  # a number starts with a digit or `-` (words are not read)
    if not (head == "-" or head.isdigit()) or _LEADING_ZERO.match(cell):
        return None
    value = parse_number(cell)
    return value if value is not None and value.is_finite() else None


class UnitRow(NamedCells):
    """One unit's row: `row.dan_so`, `row["Dân số"]`; `row.stt` is its position (from 1) unless
    the table has an `stt` column; `row.line` the sheet row it came from. A column named like
    one of the row's own attributes (place, position, line, keys, items, values, get) is read
    as `row["items"]`."""

    def __init__(self, values: dict[str, Any], place: Place, position: int) -> None:
        super().__init__(values)
        self.place = place
        self.position = position

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)  # Mapping's, without a KeyError for a missing one

    @property
    def stt(self) -> Any:
        return self._values.get("stt", self.position)

    @property
    def line(self) -> int:
        return self.place.line

    def __repr__(self) -> str:
        return f"UnitRow({self.place}, {self._values!r})"


class Units(Sequence[UnitRow]):
    """All rows of the table, with the figures' problems found while reading them."""

    def __init__(self, sheet: UnitSheet) -> None:
        self.columns = sheet.columns
        # every cell of a column that may hold figures, read once as a number (None if not)
        parsed = {c: _numbers(sheet, c) for c in sheet.columns if c not in LETTER_COLUMNS}
        self.figures = tuple(c for c, numbers in parsed.items() if numbers is not None)
        self.rows: list[UnitRow] = []
        self.problems: dict[int, list[InputError]] = {}
        self._bad: dict[str, list[tuple[UnitRow, Any]]] = {}
        self._probed: dict[str, None] | None = None  # columns a probe saw totals or ranks read
        figures = [(c, parsed[c]) for c in self.figures]
        for position, record in enumerate(sheet.records, start=1):
            values = {
                name: int(cell) if isinstance(cell, float) and cell.is_integer() else cell
                for name, cell in record.cells.items()
            }  # whole floats from Excel (`12.0`) print as `12`
            row = UnitRow(values, record.place, position)
            for column, numbers in figures:
                number = numbers[position - 1]
                if number is None:
                    cell = record.cells[column]
                    self._bad.setdefault(column, []).append((row, cell))
                    self.problems.setdefault(position - 1, []).append(_cell_error(column, cell))
                else:
                    values[column] = number
            self.rows.append(row)
        self._ranks: dict[tuple[str, str | None, bool], dict[int, int]] = {}
        self._sums: dict[str, Decimal] = {}

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def _figures(self, column: str) -> list[Decimal]:
        if column not in self.figures:
            known = ", ".join(self.figures) or "không có cột nào"
            raise InputError(
                f"“{column}” không phải là cột số liệu của bảng đơn vị", "các cột số liệu: " + known
            )
        if column in self._bad and self._probed is not None:
            self._probed[column] = None
            bad = {row.position for row, _ in self._bad[column]}
            return [
                Decimal(0) if row.position in bad else row[column]  # a stand-in: the probe
                for row in self.rows
            ]  # only learns which columns are read
        if column in self._bad:
            where = ", ".join(str(row.place) for row, _ in self._bad[column][:3])
            raise InputError(
                f"không tính được tổng hay hạng theo “{column}”: có ô trống hoặc không phải số "
                f"({where})",
                "sửa các ô đó rồi chạy lại",
            )
        return [row[column] for row in self.rows]

    @contextmanager
    def probing(self) -> Iterator[None]:
        """Note the figure columns that totals and ranks read while composing (bad cells read
        as 0, and nothing computed is kept); then raise `BadFigures` if any has a bad cell."""
        self._probed = {}
        try:
            yield
        finally:
            probed, self._probed = self._probed, None
            self._sums.clear()
            self._ranks.clear()
        bad = [(column, row, cell) for column in probed for row, cell in self._bad[column]]
        if bad:
            raise BadFigures(bad)

    def sum(self, column: str) -> Decimal:
        """The column's total over every unit (tổng toàn tỉnh)."""
        if column not in self._sums:
            self._sums[column] = sum(self._figures(column), Decimal(0))
        return self._sums[column]

    @property
    def total(self) -> Mapping[str, Decimal]:
        """`units.total.dan_so`: sums by column, computed when asked."""
        return _Totals(self)

    def rank(self, row: UnitRow, by: str, per: str | None = None, descending: bool = True) -> int:
        """The unit's competition rank (1, 2, 2, 4) by `by`, or by the ratio `by / per`;
        `descending` (the default) ranks the largest first."""
        key = (by, per, descending)
        if key not in self._ranks:
            values = self._figures(by)
            if per is not None:
                wholes = self._figures(per)
                zeros = [str(row.place) for row, w in zip(self.rows, wholes, strict=True) if not w]
                if zeros:
                    raise InputError(
                        f"không xếp hạng được theo tỷ lệ “{by} / {per}”: “{per}” bằng 0 ở "
                        + ", ".join(zeros[:3]),
                        "sửa số liệu, hoặc bỏ đơn vị đó khỏi bảng",
                    )
                values = [v / w for v, w in zip(values, wholes, strict=True)]
            first: dict[Decimal, int] = {}
            for place, value in enumerate(sorted(values, reverse=descending), start=1):
                first.setdefault(value, place)
            self._ranks[key] = {i: first[v] for i, v in enumerate(values)}
        return self._ranks[key][row.position - 1]


class _Totals(Mapping[str, Decimal]):
    def __init__(self, units: Units) -> None:
        self._units = units

    def __getitem__(self, column: str) -> Decimal:
        return self._units.sum(column)

    def __getattr__(self, name: str) -> Decimal:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._units.sum(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._units.figures)

    def __len__(self) -> int:
        return len(self._units.figures)


def _numbers(sheet: UnitSheet, column: str) -> list[Decimal | None] | None:
    """The column's cells as numbers when it is a figure column (more than half of its filled
    cells are numbers), else None."""
    cells = [r.cells[column] for r in sheet.records]
    numbers = [as_number(cell) for cell in cells]
    filled = sum(1 for cell in cells if not blank(cell))
    return numbers if sum(n is not None for n in numbers) * 2 > filled else None


class BadFigures(InputError):
    """Cells that the letters' totals or ranks need, blank or not numbers: the table's fault,
    not a letter's, so the batch stops before it starts (every cell listed, in sheet order)."""

    def __init__(self, cells: list[tuple[str, UnitRow, Any]]) -> None:
        cells = sorted(cells, key=lambda c: (c[1].position, c[0]))
        listed = "; ".join(
            f"{row.place} cột “{column}” " + ("ô trống" if blank(cell) else f"“{cell}”")
            for column, row, cell in cells
        )
        columns = ", ".join(f"“{c}”" for c in dict.fromkeys(column for column, _, _ in cells))
        super().__init__(
            f"công văn cần tổng hay hạng theo cột {columns}, nhưng {len(cells)} ô trống hoặc "
            f"không phải là số: {listed}",
            "điền số vào các ô đó (đơn vị chưa có số liệu thì ghi 0) rồi chạy lại; "
            "chưa công văn nào được tạo",
            Location(str(cells[0][1].place)),
        )
        self.cells = cells


def _cell_error(column: str, cell: Any) -> InputError:
    if blank(cell):
        return InputError(
            f"ô trống ở cột số liệu “{column}”", "điền số; đơn vị chưa có số liệu thì ghi 0"
        )
    return InputError(
        f"“{cell}” ở cột “{column}” không phải là số",
        "viết số kiểu Việt Nam: 1.695.150 (dấu chấm ngăn hàng nghìn), 15,81 (dấu phẩy thập phân)",
    )
