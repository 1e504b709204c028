"""Reading a batch's units table (bảng đơn vị): an .xlsx sheet, a CSV file or a YAML list.

Each row becomes a `Record`: its cells by column name and the place it stands
(`units.xlsx:Sheet1:7`, `units.csv:7`, `units.yaml:12`), so every message about a row points the
clerk at the line to fix. The first non-blank row of a sheet or CSV file names the columns;
blank rows are skipped. Text is NFC.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch_gen.errors import InputError, Location
from dispatch_gen.sheets import display_name, read_sheet
from dispatch_gen.source import Source
from dispatch_gen.vietnamese import nfc

SUFFIXES = (".xlsx", ".csv", ".yaml", ".yml")


@dataclass(frozen=True)
class Place:
    """Where a row stands: file, sheet (for .xlsx) and line (the sheet's row number)."""

    file: str
    line: int
    sheet: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}:{self.line}" if self.sheet else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Record:
    """One row of the units table: column name → cell (None when blank)."""

    cells: dict[str, Any]
    place: Place


@dataclass(frozen=True)
class UnitSheet:
    """The whole table as read: column names in order, and the rows."""

    columns: tuple[str, ...]
    records: tuple[Record, ...]


def _clean(cell: Any) -> Any:
    if isinstance(cell, str):
        return None if not cell.strip() else nfc(cell.strip())
    return cell


def _file(path: Path, sheet: str | None) -> UnitSheet:
    """A .csv or .xlsx units table, read by the same reader as a letter's data tables."""
    display = display_name(path)
    data = read_sheet(
        path, {"sheet": sheet} if sheet else {}, lambda _: Location(display), "bảng đơn vị"
    )
    records = tuple(
        Record(
            {
                name: _clean(cells[i]) if i < len(cells) else None
                for name, i in data.columns.items()
            },
            Place(data.display, line, data.sheet),
        )
        for line, cells in data.rows
    )
    return UnitSheet(tuple(data.columns), records)


def _yaml(path: Path, display: str) -> UnitSheet:
    """A list of units (each a group of `column: value`), or such a list under `units:`."""
    source = Source.read(path)
    data, key = source.data, ()
    if isinstance(data, dict) and list(data) == ["units"]:
        data, key = data["units"], ("units",)
    if not isinstance(data, list) or not data or not all(isinstance(r, dict) for r in data):
        raise InputError(
            "bảng đơn vị phải là danh sách, mỗi đơn vị một nhóm khóa",
            "ví dụ: “- {don_vi: Huyện Bến Lức, dan_so: 182370}”",
            source.at(key),
        )
    columns = tuple(dict.fromkeys(str(k) for row in data for k in row))
    records = tuple(
        Record(
            {c: _clean(row.get(c)) for c in columns},
            Place(display, source.at((*key, i)).line or 1),
        )
        for i, row in enumerate(data)
    )
    return UnitSheet(columns, records)


def read_units(path: Path, sheet: str | None = None) -> UnitSheet:
    """Read the units table; an unreadable file is an InputError (nothing is written)."""
    display = display_name(path)
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in SUFFIXES:
        raise InputError(
            f"không có bảng đơn vị .xlsx, .csv hay .yaml “{display}”",
            "kiểm tra đường dẫn sau “--each”",
            Location(display),
        )
    if sheet is not None and suffix != ".xlsx":
        raise InputError(
            "“--sheet” chỉ dùng với tệp .xlsx",
            "bỏ “--sheet” hoặc dùng tệp .xlsx",
            Location(display),
        )
    if suffix in (".xlsx", ".csv"):
        return _file(path, sheet)
    return _yaml(path, display)
