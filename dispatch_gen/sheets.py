"""Unit figures as records (số liệu theo đơn vị): read from a CSV file, an .xlsx sheet or YAML.

Each record is a dict from the header row's column names to cell values; `Records.place` says
where a cell stands (file, sheet, row, column) so an error can point the clerk at it.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from dispatch_gen.errors import InputError, Location

At = Callable[[tuple], Location]


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
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"tệp “{display}” không phải chữ UTF-8",
                         "trong Excel chọn Lưu thành → “CSV UTF-8”", Location(display)) from None
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=";" if first.count(";") > first.count(",") else ",")
    return [(reader.line_num, row) for row in reader]


def _read_xlsx(path: Path, display: str, spec: dict, at: At
               ) -> tuple[list[tuple[int, list[Any]]], int, str]:
    """The sheet's cells (values Excel last computed), within `range` when given."""
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


def from_file(spec: dict, base_dir: Path, at: At) -> Records:
    path = base_dir / str(spec["source"])
    display = os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in (".csv", ".xlsx"):
        raise InputError(f"không có tệp số liệu .csv hay .xlsx “{display}”",
                         "đường dẫn tính từ thư mục của tệp YAML", at(("source",)))
    rows, left, sheet = (_read_xlsx(path, display, spec, at) if suffix == ".xlsx"
                         else (_read_csv(path, display), 1, ""))
    rows = [(line, cells) for line, cells in rows if not all(blank(c) for c in cells)]
    if len(rows) < 2:
        raise InputError(f"tệp “{display}” không có dòng số liệu nào",
                         "dòng đầu ghi tên cột (don_vi, dan_so, …), mỗi dòng sau là một đơn vị",
                         Location(display))
    line, names = rows[0]
    position: dict[str, int] = {}
    for index, name in enumerate("" if n is None else str(n).strip() for n in names):
        if name in position:
            raise InputError(f"tên cột “{name}” ghi hai lần", "đổi tên một trong hai cột",
                             Location(display, line, left + index))
        if name:
            position[name] = index
    records = [{name: cells[i] if i < len(cells) else None for name, i in position.items()}
               for _, cells in rows[1:]]

    def place(index: int, column: str | None) -> tuple[Location, str]:
        line = rows[index + 1][0]
        if column is None:
            return Location(display, line), f"dòng {line}"
        number = left + position[column]
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
