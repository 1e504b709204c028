"""Unit figures as records (số liệu theo đơn vị): read from a CSV file, an .xlsx sheet or YAML.

Each record is a dict from the header row's column names to cell values; `Records.place` says
where a cell stands (file, sheet, row, column) so an error can point the clerk at it.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch_gen.characters import check_text
from dispatch_gen.errors import InputError, Location
from dispatch_gen.source import decode, read_bytes
from dispatch_gen.vietnamese import nfc

At = Callable[[tuple], Location]


class NamedCells(Mapping[str, Any]):
    """A row's values by column name, as a mapping (`row["dan_so"]`) and by attribute
    (`row.dan_so`), which is how templates read them."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(self._missing(name)) from None

    def _missing(self, name: str) -> str:
        return name


@dataclass
class Records:
    """Rows of unit figures, and where each cell stands (for error messages)."""

    header: list[str]
    records: list[dict[str, Any]]
    place: Callable[[int, str | None], tuple[Location, str]]  # (record, column) → where, words


def blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _read_csv(path: Path, display: str) -> list[tuple[int, list[Any]]]:
    """CSV in UTF-8, separated by `,` or (as Excel writes it in Vietnam) by `;`."""
    try:
        text = decode(read_bytes(path), display)
    except InputError as error:
        if not error.message.startswith("tệp không phải UTF-8"):
            raise
        raise InputError(f"tệp “{display}” không phải chữ UTF-8",
                         "trong Excel chọn Lưu thành → “CSV UTF-8”", error.where) from None
    check_text(text, Location(display))  # a control character in a cell: Word cannot hold it
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=";" if first.count(";") > first.count(",") else ",")
    lines: list[tuple[int, list[Any]]] = []
    start = 1
    for row in reader:  # a quoted cell may span lines: a record is named by its first line
        lines.append((start, row))
        start = reader.line_num + 1
    return lines


def _read_xlsx(path: Path, display: str, spec: dict, at: At
               ) -> tuple[list[tuple[int, list[Any]]], int, str]:
    """The sheet's cells (values Excel last computed), within `range` when given."""
    import openpyxl  # only here: a letter without an .xlsx does not pay for it at start-up
    from openpyxl.utils import range_boundaries

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputError(f"không mở được tệp Excel “{display}”",
                         "mở tệp bằng Excel và lưu lại dạng .xlsx", at(("source",))) from None
    try:
        sheet = str(spec.get("sheet", book.sheetnames[0]))
        if sheet not in book.sheetnames:
            raise InputError(f"tệp “{display}” không có trang tính “{sheet}”",
                             "các trang tính có: " + ", ".join(book.sheetnames), at(("sheet",)))
        bounds: tuple[Any, ...] = (1, 1, None, None)
        if "range" in spec:
            try:
                bounds = range_boundaries(str(spec["range"]))
            except ValueError:
                bounds = (None,)
            if None in bounds:
                raise InputError(f"vùng ô “{spec['range']}” không hợp lệ",
                                 "ghi ô trên trái và ô dưới phải, ví dụ “A3:D18”", at(("range",)))
        left, top, right, bottom = bounds
        cells = book[sheet].iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right,
                                      values_only=True)
        return [(top + i, list(row)) for i, row in enumerate(cells)], left, sheet
    finally:
        book.close()


@dataclass
class Sheet:
    """A data file's rows as read: non-blank lines with their line numbers, and the column
    names of the header row with each one's index in a line."""

    display: str
    rows: list[tuple[int, list[Any]]]
    columns: dict[str, int]
    left: int = 1
    sheet: str = ""


def display_name(path: Path) -> str:
    """The path as the clerk typed it when it is under the current folder, else in full."""
    return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)


def read_sheet(path: Path, spec: dict, at: At, what: str = "tệp số liệu") -> Sheet:
    """A .csv or .xlsx (`sheet`, `range` in `spec`): header row checked, blank lines dropped."""
    try:
        display = display_name(path)
        found = path.is_file()
    except (OSError, ValueError):  # a name too long for the disk, or with a NUL in it
        display, found = str(path), False
    suffix = path.suffix.lower()
    if not found or suffix not in (".csv", ".xlsx"):
        raise InputError(f"không có {what} .csv hay .xlsx “{display}”",
                         "kiểm tra đường dẫn (tính từ thư mục của tệp YAML)", at(("source",)))
    rows, left, sheet = (_read_xlsx(path, display, spec, at) if suffix == ".xlsx"
                         else (_read_csv(path, display), 1, ""))
    rows = [(line, cells) for line, cells in rows if not all(blank(c) for c in cells)]
    if len(rows) < 2:
        raise InputError(f"tệp “{display}” không có dòng số liệu nào",
                         "dòng đầu ghi tên cột (don_vi, dan_so, …), mỗi dòng sau là một đơn vị",
                         Location(display))
    line, names = rows[0]
    position: dict[str, int] = {}
    for index, name in enumerate("" if n is None else nfc(str(n).strip()) for n in names):
        if name in position:
            raise InputError(f"tên cột “{name}” ghi hai lần", "đổi tên một trong hai cột",
                             Location(display, line, left + index))
        if name:
            position[name] = index
    return Sheet(display, rows[1:], position, left, sheet)


def from_file(spec: dict, base_dir: Path, at: At) -> Records:
    data = read_sheet(base_dir / str(spec["source"]), spec, at)
    display, rows, position, left, sheet = (
        data.display, data.rows, data.columns, data.left, data.sheet
    )
    records = [{name: cells[i] if i < len(cells) else None for name, i in position.items()}
               for _, cells in rows]

    def place(index: int, column: str | None) -> tuple[Location, str]:
        line = rows[index][0]
        if column is None:
            return Location(display, line), f"dòng {line}"
        number = left + position[column]
        if sheet:
            from openpyxl.utils import get_column_letter  # loaded already: the sheet is .xlsx
        return Location(display, line, number), (
            f"trang tính “{sheet}”, ô {get_column_letter(number)}{line}" if sheet
            else f"dòng {line}, cột “{column}”")

    return Records(list(position), records, place)


def from_yaml(rows: Any, at: At) -> Records:
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise InputError("“rows” phải là danh sách các đơn vị, mỗi đơn vị một nhóm khóa",
                         "ví dụ: rows: [{don_vi: Huyện Bến Lức, dan_so: 182370}]", at(("rows",)))

    def place(index: int, column: str | None) -> tuple[Location, str]:
        if column is None or column not in rows[index]:
            return at(("rows", index)), f"đơn vị thứ {index + 1} của “rows”"
        return at(("rows", index, column)), f"đơn vị thứ {index + 1} của “rows”, “{column}”"

    header = list(dict.fromkeys(str(key) for row in rows for key in row))
    return Records(header, [{str(k): v for k, v in row.items()} for row in rows], place)
