"""Statistics tables (bảng số liệu): raw counts in; rates, totals, row numbers and ranks out.

Owns `StatTable` (bảng số liệu) with its `Column` (cột) and `Row` (dòng): reading the figures per
unit (số liệu theo đơn vị) from a CSV file, an .xlsx sheet or inline YAML rows; formula columns
(cột công thức, e.g. a rate = installs / population: `formulas`) computed in exact Decimal; the
total row (dòng tổng cộng: sums, every rate recomputed from the sums, never averaged); the row
number (Stt) and the rank (hạng). Also `check_stated`: a figure the letter states in words (số
liệu nêu trong văn bản) held against the computed one. Printing goes through `vietnamese`.

Numbers in CSV cells and YAML strings are read the Vietnamese way: `.` groups thousands, `,`
marks decimals (`1.695.150`, `15,81`, `21,69%`); .xlsx number cells are taken as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import nodes

from dispatch_gen import vietnamese
from dispatch_gen.errors import InputError, Location, Notice
from dispatch_gen.formulas import evaluate, names, parse_formula
from dispatch_gen.sheets import At, NamedCells, Records, blank, from_file, from_yaml

FORMATS = {"integer": "1.695.150", "percent": "15,81%", "decimal": "12,50", "text": "chữ"}
ALIGNS = ("left", "right", "center")
DIGITS = tuple(range(7))
TABLE_KEYS = ("source", "sheet", "range", "rows", "key", "columns", "sort", "total")
COLUMN_KEYS = ("name", "header", "value", "source", "formula", "rank", "descending", "format",
               "digits", "align")
NUMBER_HINT = ("viết số kiểu Việt Nam: dấu chấm ngăn hàng nghìn, dấu phẩy trước phần thập phân "
               "(1.695.150; 15,81); nếu cột là chữ, ghi “format: text” cho cột đó")
_VI_NUMBER = re.compile(r"(-?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+))(?:,(\d+))?(%?)")


def parse_number(text: str) -> Decimal | None:
    """`1.695.150` → 1695150, `15,81` → 15.81, `21,69%` → 0.2169; None when it is not a number."""
    match = _VI_NUMBER.fullmatch(re.sub(r"[\s\u00a0]", "", text))
    if not match:
        return None
    value = Decimal(match[1].replace(".", "") + ("." + match[2] if match[2] else ""))
    return value / 100 if match[3] else value


def _number(cell: Any) -> Decimal | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | Decimal):
        value = Decimal(cell)
    elif isinstance(cell, float):
        value = Decimal(repr(cell))
    elif isinstance(cell, str):
        value = parse_number(cell)
    else:
        return None
    return value if value is not None and value.is_finite() else None


@dataclass(frozen=True)
class Column:
    """An output column (cột): `key` names its values in each row; `format` says how they print."""

    key: str
    header: str
    format: str = "text"
    align: str = "left"
    kind: str = "source"  # source (số liệu) | formula (công thức) | stt | rank (hạng)
    source: str | None = None
    formula: str | None = None
    rank_by: str | None = None
    descending: bool = True
    digits: int = 2

    def print(self, value: Any) -> str:
        """One cell as printed: `1.695.150`, `15,81%`, `12,50`, or the text itself."""
        if value is None or value == "":
            return ""
        if self.format == "text" or not isinstance(value, int | Decimal):
            return vietnamese.nfc(str(value))
        if self.format == "integer":
            return vietnamese.integer(value)
        if self.format == "percent":
            return vietnamese.percent(value, self.digits)
        return vietnamese.number(value, self.digits)


class Row(NamedCells):
    """One unit's line (dòng) of a table, or the total line (dòng tổng cộng).

    Mapping of column name → raw value (Decimal for figures, int for stt and rank, str for text);
    the same values as attributes: `row.ty_le_0203`, `row.stt`, `row.don_vi`.
    """

    def __init__(self, table: StatTable, values: dict[str, Any], where: Location | None,
                 is_total: bool = False) -> None:
        super().__init__(values)
        self._table = table
        self.where = where
        self.is_total = is_total

    def _missing(self, name: str) -> str:
        return f"bảng “{self._table.name}” không có cột “{name}”"

    @property
    def unit(self) -> str:
        """The unit's name (tên đơn vị), from the key column; the label on the total row."""
        return self._values[self._table.key]

    def rank_of(self, by: str, descending: bool = True) -> int | None:
        """Rank among the table's units by a figure, largest first; ties share (1, 2, 2, 4)."""
        return None if self.is_total else self._table.ranks(by, descending)[self.unit]

    def printed(self, key: str) -> str:
        """The value of an output column as the table prints it."""
        return self._table.column(key).print(self._values.get(key))

    def __repr__(self) -> str:
        return f"Row({self._values!r})"


class StatTable:
    """A statistics table (bảng số liệu), sorted, numbered, ranked, with its total row."""

    def __init__(self, name: str, key: str, columns: list[Column], sort_by: str | None) -> None:
        self.name = name
        self.key = key
        self.columns = columns
        self.sort_by = sort_by
        self.rows: list[Row] = []
        self.total: Row | None = None
        self.label_span = 0  # leading columns the total label spans (Stt + unit name: merge them)
        self._ranks: dict[tuple[str, bool], dict[str, int]] = {}
        self._by_name: dict[str, Row] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"bảng “{self.name}” không có cột “{key}”")

    def row(self, name: str) -> Row:
        """The row of a unit by its name (case and Unicode form do not matter)."""
        if len(self._by_name) != len(self.rows):  # built once, when first asked
            self._by_name = {_fold(row.unit): row for row in reversed(self.rows)}
        found = self._by_name.get(_fold(name))
        if found is not None:
            return found
        raise KeyError(f"bảng “{self.name}” không có đơn vị “{name}”")

    def ranks(self, by: str, descending: bool = True) -> dict[str, int]:
        """Unit name → competition rank by `by` (1, 2, 2, 4)."""
        if (by, descending) not in self._ranks:
            values = [row[by] for row in self.rows]
            ordered = sorted(values, reverse=descending)
            first = {}
            for place, value in enumerate(ordered, 1):
                first.setdefault(value, place)
            self._ranks[by, descending] = {
                row.unit: first[value] for row, value in zip(self.rows, values, strict=True)
            }
        return self._ranks[by, descending]

    def highest(self, n: int, by: str | None = None) -> list[Row]:
        """The `n` units with the largest `by` (default: the sort column); ties keep table order."""
        key = by or self.sort_by or self.key
        return sorted(self.rows, key=lambda row: row[key], reverse=True)[:n]

    def lowest(self, n: int, by: str | None = None) -> list[Row]:
        """The `n` units with the smallest `by` (default: the sort column), smallest first."""
        key = by or self.sort_by or self.key
        return sorted(self.rows, key=lambda row: row[key])[:n]

    def cells(self) -> tuple[list[str], list[list[str]], list[str] | None]:
        """Header, body and total row as printed strings, for the document writers."""
        header = [column.header for column in self.columns]
        body = [[column.print(row.get(column.key)) for column in self.columns] for row in self.rows]
        total = None
        if self.total is not None:
            total = [column.print(self.total.get(column.key)) for column in self.columns]
            total[: self.label_span] = [self.total.unit] + [""] * (self.label_span - 1)
        return header, body, total


def _fold(text: str) -> str:
    return " ".join(vietnamese.nfc(text).casefold().split())


def _unknown(mapping: dict, allowed: tuple[str, ...], path: tuple, at: At, what: str) -> None:
    for key in mapping:
        if key not in allowed:
            raise InputError(f"khóa “{key}” không dùng được trong {what}",
                             "các khóa dùng được: " + ", ".join(allowed), at((*path, key)))


def _column(spec: Any, index: int, header: list[str], formulas: list[str], taken: list[str],
            at: At) -> tuple[Column, nodes.Expr | None]:
    """One `columns:` entry; `formulas` are the names a formula here may use."""
    path = ("columns", index)
    if not isinstance(spec, dict) or not isinstance(spec.get("header"), str):
        raise InputError(f"cột thứ {index + 1} cần tiêu đề và nguồn",
                         "ví dụ: {header: Dân số, source: dan_so, format: integer}", at(path))
    _unknown(spec, COLUMN_KEYS, path, at, "một cột")
    title, kinds = spec["header"], [k for k in ("value", "source", "formula", "rank") if k in spec]
    if len(kinds) != 1:
        raise InputError(f"cột “{title}” cần đúng một trong: value, source, formula, rank",
                         "ví dụ: source: dan_so, hoặc formula: cai_0203 / dan_so", at(path))
    for option, choices in (("format", tuple(FORMATS)), ("align", ALIGNS), ("digits", DIGITS)):
        if option in spec and spec[option] not in choices:
            raise InputError(f"“{option}: {spec[option]}” không có", "chọn một trong: " + ", ".join(
                map(str, choices)), at((*path, option)))
    kind, what, name, tree = kinds[0], spec[kinds[0]], spec.get("name"), None
    fmt, align = spec.get("format", ""), spec.get("align", "")
    if kind == "value" and what != "stt":
        raise InputError(f"“value: {what}” không có", "chỉ có “value: stt” (số thứ tự)",
                         at((*path, "value")))
    if kind == "source" and what not in header:
        raise InputError(f"không có cột “{what}” trong số liệu",
                         "các cột có: " + ", ".join(header), at((*path, "source")))
    if kind == "formula" and not name:
        raise InputError(f"cột công thức “{title}” cần tên", "thêm “name: …”, ví dụ ty_le",
                         at(path))
    if kind == "value":
        column = Column(name or "stt", title, "integer", align or "center", "stt")
    elif kind == "source":
        column = Column(name or what, title, fmt, align, "source", what)
    elif kind == "formula":
        tree = parse_formula(what, formulas, at((*path, "formula")))
        column = Column(name, title, fmt or "decimal", align or "right", "formula", formula=what)
    else:
        column = Column(name or "hang", title, "integer", align or "center", "rank",
                        rank_by=str(what), descending=bool(spec.get("descending", True)))
    if column.key in taken or (column.key in header and column.key != column.source):
        raise InputError(f"tên cột “{column.key}” đã dùng", "đặt “name” khác", at(path))
    return replace(column, digits=spec.get("digits", 2)), tree


def build_table(name: str, spec: dict, base_dir: Path, at: At) -> StatTable:
    """Read, compute, sort, number, rank and total a statistics table from its YAML spec."""
    if not isinstance(spec, dict):
        raise InputError(f"bảng “{name}” phải là một nhóm khóa (source, key, columns, …)",
                         "ví dụ: {source: data/long-an.csv, key: don_vi, columns: […]}", at(()))
    _unknown(spec, TABLE_KEYS, (), at, f"bảng “{name}”")
    if ("source" in spec) == ("rows" in spec):
        raise InputError("bảng cần đúng một nguồn số liệu: “source” (tệp) hoặc “rows” (ghi thẳng)",
                         "ví dụ: source: data/long-an.csv", at(()))
    data = from_yaml(spec["rows"], at) if "rows" in spec else from_file(spec, base_dir, at)
    key, specs, sort = spec.get("key"), spec.get("columns"), spec.get("sort")
    if key not in data.header:
        raise InputError(f"bảng “{name}” cần “key”: cột ghi tên đơn vị",
                         "các cột có: " + ", ".join(data.header), at(("key",)))
    if not isinstance(specs, list) or not specs:
        raise InputError(f"bảng “{name}” chưa có cột nào", "thêm “columns:” với các cột cần in",
                         at(("columns",)))
    columns: list[Column] = []
    trees: dict[str, nodes.Expr] = {}
    for index, item in enumerate(specs):
        column, tree = _column(item, index, data.header, [*data.header, *trees],
                               [c.key for c in columns], at)
        columns.append(column)
        if tree is not None:
            trees[column.key] = tree
    if sort is not None and (not isinstance(sort, dict) or "by" not in sort):
        raise InputError("“sort” ghi dạng {by: tên cột, descending: true}",
                         "descending: true xếp từ lớn đến nhỏ", at(("sort",)))
    _unknown(sort or {}, ("by", "descending"), ("sort",), at, "“sort”")
    text = {key} | {c.source for c in columns if c.kind == "source" and c.format == "text"}
    uses = [(("columns", i, "formula"), n) for i, c in enumerate(columns) if c.kind == "formula"
            for n in sorted(names(trees[c.key]))]
    uses += [(("columns", i, "rank"), c.rank_by) for i, c in enumerate(columns) if c.rank_by]
    uses += [(("sort", "by"), sort["by"])] if sort else []
    numeric = [h for h in data.header if h not in text and h in {c.source for c in columns} | {
        n for _, n in uses}]
    for path, used in uses:
        if used not in numeric and used not in trees:
            raise InputError(f"“{used}” không phải là cột số", "các cột số: " + ", ".join(
                numeric + list(trees)), at(path))
    table = StatTable(name, key, columns, sort["by"] if sort else None)
    seen: dict[str, int] = {}  # folded unit name → its first record: one look-up per row
    rows = [_row(table, data, index, numeric, seen) for index in range(len(data.records))]
    for i, column in enumerate(columns):
        if column.kind == "source":
            fmt = column.format or ("text" if column.source in text else "integer" if all(
                row[column.source] % 1 == 0 for row in rows) else "decimal")
            columns[i] = replace(column, format=fmt,
                                 align=column.align or ("left" if fmt == "text" else "right"))
    for row in rows:
        _compute(table, trees, row, None)
    if sort:
        rows.sort(key=lambda row: row[sort["by"]], reverse=bool(sort.get("descending", False)))
    table.rows = rows
    for number, row in enumerate(rows, 1):
        for column in columns:
            if column.kind in ("stt", "rank"):
                row._values[column.key] = number if column.kind == "stt" else row.rank_of(
                    column.rank_by, column.descending)
    if spec.get("total") is not None:
        table.total = _total(table, spec["total"], numeric, at)
        _compute(table, trees, table.total, lambda i: at(("columns", i, "formula")))
    return table


def _row(table: StatTable, data: Records, index: int, numeric: list[str],
         seen: dict[str, int]) -> Row:
    """One record: the unit's name checked for blanks and repeats (against `seen`, the folded
    names of the records before it), its figures read as numbers."""
    cells, key = data.records[index], table.key
    where, words = data.place(index, key)
    if blank(cells.get(key)):
        raise InputError(f"thiếu tên đơn vị ({words})", "điền tên hoặc xóa dòng", where)
    unit = vietnamese.nfc(str(cells[key]).strip())
    earlier = seen.setdefault(_fold(unit), index)
    if earlier != index:
        raise InputError(f"đơn vị “{unit}” ghi hai lần ({words}; lần đầu ở "
                         f"{data.place(earlier, key)[1]})",
                         "mỗi đơn vị chỉ một dòng: xóa hoặc gộp dòng trùng", where)
    values: dict[str, Any] = {h: cells.get(h) for h in data.header} | {key: unit}
    for column in numeric:
        where, words = data.place(index, column)
        if blank(cells.get(column)):
            raise InputError(f"ô trống: cột “{column}” của “{unit}” ({words})",
                             "điền số liệu; đơn vị chưa có số thì ghi 0", where)
        values[column] = _number(cells[column])
        if values[column] is None:
            raise InputError(f"“{cells[column]}” không phải là số: cột “{column}” của “{unit}” "
                             f"({words})", NUMBER_HINT, where)
    return Row(table, values, data.place(index, None)[0])


def _compute(table: StatTable, trees: dict[str, nodes.Expr], row: Row,
             formula_at: Callable[[int], Location] | None) -> None:
    """Fill a row's output columns: source copies, then formulas in column order."""
    for i, column in enumerate(table.columns):
        if column.kind == "source":
            row._values[column.key] = row._values.get(column.source)
        elif column.kind == "formula":
            tree = trees[column.key]
            if any(row._values.get(n) is None for n in names(tree)):
                row._values[column.key] = None  # total row: built on a figure not summed
                continue
            try:
                row._values[column.key] = evaluate(tree, row._values)
            except ZeroDivisionError as zero:
                raise InputError(
                    f"chia cho 0 khi tính “{column.header}” ({column.formula}) cho “{row.unit}”: "
                    + (f"“{zero.args[0]}” bằng 0" if zero.args[0] else "mẫu số bằng 0"),
                    "kiểm tra số liệu của đơn vị này, hoặc bỏ đơn vị khỏi bảng",
                    formula_at(i) if formula_at else row.where) from None


def _total(table: StatTable, spec: Any, numeric: list[str], at: At) -> Row:
    """The total row (dòng tổng cộng): sums of the whole-number figures (counts); formulas are
    then recomputed from these sums; figures printed as percent or decimal are not summed."""
    if not isinstance(spec, dict) or not isinstance(spec.get("label", ""), str):
        raise InputError("“total” ghi dạng {label: TOÀN TỈNH}", "label là chữ in ở dòng tổng",
                         at(("total",)))
    _unknown(spec, ("label",), ("total",), at, "“total”")
    for column in table.columns:
        if not (column.kind == "stt" or column.kind == "source" and column.format == "text"):
            break
        table.label_span += 1
    if not table.label_span:
        raise InputError("dòng tổng cần cột đầu là Stt hoặc tên đơn vị để ghi nhãn",
                         "đặt cột Stt hoặc cột tên đơn vị lên đầu bảng", at(("total",)))
    rates = {c.source for c in table.columns if c.kind == "source" and c.format != "integer"}
    values: dict[str, Any] = {h: sum((row[h] for row in table.rows), Decimal(0)) for h in numeric
                              if h not in rates and all(row[h] % 1 == 0 for row in table.rows)}
    values[table.key] = vietnamese.nfc(spec.get("label", "Tổng cộng"))
    return Row(table, values, at(("total",)), is_total=True)


def check_stated(stated: str, computed: int | Decimal | float, where: Location | None
                 ) -> Notice | None:
    """Warn when a figure written in the letter (`6,88%`, `13%`, `145.800`) differs from the
    computed value by more than the rounding of the digits it is written with. A percentage is
    compared with `computed` as a ratio (0.0688 ↔ `6,88%`)."""
    match = _VI_NUMBER.fullmatch(re.sub(r"[\s\u00a0]", "", str(stated)))
    exact = _number(computed)
    if not match or exact is None:
        raise InputError(f"“{stated}” không phải là số liệu", NUMBER_HINT, where)
    digits = len(match[2] or "")
    value = Decimal(match[1].replace(".", "") + ("." + match[2] if match[2] else ""))
    scaled = exact * 100 if match[3] else exact
    if abs(scaled - value) <= Decimal(1).scaleb(-digits) / 2:
        return None
    printed = vietnamese.percent(exact, digits) if match[3] else vietnamese.number(exact, digits)
    return Notice(f"văn bản ghi “{stated}” nhưng số tính từ số liệu là {printed}",
                  "sửa số ghi trong văn bản cho khớp, hoặc kiểm tra lại số liệu gốc", where)
