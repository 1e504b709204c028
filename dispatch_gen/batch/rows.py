"""Reading a batch's units table (bảng đơn vị): an .xlsx sheet, a CSV file or a YAML list.

Each row becomes a `Record`: its cells by column name and the place it stands
(`units.xlsx:Sheet1:7`, `units.csv:7`, `units.yaml:12`), so every message about a row points the
clerk at the line to fix. The first non-blank row of a sheet or CSV file names the columns;
blank rows are skipped. Text is NFC.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from dispatch_gen.errors import InputError, Location
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


def display_name(path: Path) -> str:
    """The path as the clerk typed it when it is under the current folder, else in full."""
    resolved = path.resolve()
    return os.path.relpath(resolved) if resolved.is_relative_to(Path.cwd()) else str(path)


def blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _clean(cell: Any) -> Any:
    if isinstance(cell, str):
        return None if not cell.strip() else nfc(cell.strip())
    return cell


def _table(lines: list[tuple[int, list[Any]]], display: str, sheet: str = "") -> UnitSheet:
    """Header row + data rows → records; duplicate or missing column names are input errors."""
    lines = [(n, cells) for n, cells in lines if not all(blank(c) for c in cells)]
    if len(lines) < 2:
        raise InputError(
            f"bảng đơn vị “{display}” không có dòng nào",
            "dòng đầu ghi tên cột (don_vi, recipients, number, …), mỗi dòng sau là một đơn vị",
            Location(display),
        )
    head_line, names = lines[0]
    position: dict[str, int] = {}
    for index, cell in enumerate(names):
        name = "" if blank(cell) else nfc(str(cell).strip())
        if name in position:
            raise InputError(
                f"tên cột “{name}” ghi hai lần",
                "đổi tên một trong hai cột",
                Location(display, head_line, index + 1),
            )
        if name:
            position[name] = index
    records = tuple(
        Record(
            {name: _clean(cells[i]) if i < len(cells) else None for name, i in position.items()},
            Place(display, line, sheet),
        )
        for line, cells in lines[1:]
    )
    return UnitSheet(tuple(position), records)


def _csv(path: Path, display: str) -> UnitSheet:
    """UTF-8 CSV separated by `,` or (as Excel writes it in Vietnam) by `;`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"tệp “{display}” không phải chữ UTF-8",
            "trong Excel chọn Lưu thành → “CSV UTF-8”",
            Location(display),
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[tuple[int, list[Any]]] = []
    start = 1
    for row in reader:
        lines.append((start, list(row)))
        start = reader.line_num + 1
    return _table(lines, display)


def _xlsx(path: Path, display: str, sheet: str | None) -> UnitSheet:
    """The cells of one sheet (the values Excel last computed for formulas)."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError(
            f"không mở được tệp Excel “{display}”",
            "mở tệp bằng Excel và lưu lại dạng .xlsx",
            Location(display),
        ) from None
    try:
        name = sheet if sheet is not None else book.sheetnames[0]
        if name not in book.sheetnames:
            raise InputError(
                f"tệp “{display}” không có trang tính “{name}”",
                "các trang tính có: " + ", ".join(book.sheetnames),
                Location(display),
            )
        cells = book[name].iter_rows(min_row=1, values_only=True)
        return _table([(i, list(row)) for i, row in enumerate(cells, start=1)], display, name)
    finally:
        book.close()


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
    if suffix == ".xlsx":
        return _xlsx(path, display, sheet)
    if suffix == ".csv":
        return _csv(path, display)
    return _yaml(path, display)
