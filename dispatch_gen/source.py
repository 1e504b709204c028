"""Reading a YAML file safely while remembering where each value stood (file, line, column).

`Source` is plain data plus `at(path)`, the place of any value, so every complaint about the input
can point the clerk at the exact line; `Fields` reads one mapping of it with typed getters
(text, lines, count, choice) whose errors say what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen.errors import InputError, Location, missing_file
from dispatch_gen.vietnamese import nfc, upper

KeyPath = tuple[Hashable, ...]


def _where(file: str, mark: yaml.Mark | None) -> Location:
    return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)


class _Checks:
    """What our loaders add to YAML's safe loader: duplicate keys and impossible dates are
    refused with their position."""

    file = "<yaml>"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, Hashable) and key in seen:
                raise InputError(
                    f"khóa “{key}” bị lặp lại",
                    "mỗi khóa chỉ ghi một lần; xóa hoặc gộp dòng trùng",
                    _where(self.file, key_node.start_mark),
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            raise InputError(
                f"ngày “{node.value}” không có thật",
                "ghi ngày theo dạng NĂM-THÁNG-NGÀY có thật, ví dụ 2020-08-19",
                _where(self.file, node.start_mark),
            ) from None


class _Loader(_Checks, yaml.SafeLoader):
    """The pure-Python safe loader: its messages are the ones a clerk reads."""


class _FastLoader(_Checks, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader over libyaml's parser (about ten times faster: the web page's preview
    loads the letter on every keystroke). Text it cannot read is read again by `_Loader`, so
    every message stays the same."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Checks.construct_yaml_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:map", yaml.SafeLoader.construct_yaml_map)


def _normalize(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {_normalize(k): _normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


def index_positions(node: yaml.Node, file: str) -> dict[KeyPath, Location]:
    """The place of every value (and of every mapping key, under `(*path, key, "<key>")`)."""
    positions: dict[KeyPath, Location] = {}

    def walk(node: yaml.Node, path: KeyPath) -> None:
        positions[path] = _where(file, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = nfc(key_node.value) if isinstance(key_node.value, str) else key_node.value
                positions[(*path, key, "<key>")] = _where(file, key_node.start_mark)
                walk(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    walk(node, ())
    return positions


def text_positions(text: str, file: str) -> dict[KeyPath, Location]:
    """Where each value of a YAML text stands, without building (or checking) the values;
    empty when the text is not YAML at all."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return index_positions(node, file) if node is not None else {}


_UNREAD = object()


class Source:
    """One YAML document: its data (NFC) and the position of every value in it."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        node, raw = self._fast(text, file)
        if node is _UNREAD:
            node, raw = self._checked(text, file)
        self.data: Any = _normalize(raw) if raw is not None else {}
        self.positions = index_positions(node, file) if node is not None else {}

    @staticmethod
    def _fast(text: str, file: str) -> tuple[Any, Any]:
        """Parse with libyaml; `_UNREAD` when it is absent or the text is not plain YAML."""
        if not yaml.__with_libyaml__ or yaml.reader.Reader.NON_PRINTABLE.search(text):
            return _UNREAD, None
        loader = type("Loader", (_FastLoader,), {"file": file})(text)
        try:
            node = loader.get_single_node()
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            return _UNREAD, None
        finally:
            loader.dispose()

    @staticmethod
    def _checked(text: str, file: str) -> tuple[Any, Any]:
        loader = type("Loader", (_Loader,), {"file": file})(text)
        try:
            node = loader.get_single_node()
            return node, loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InputError(
                f"YAML không đọc được: {exc.problem or exc.context}",
                "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu “:” và dấu ngoặc kép",
                _where(file, mark),
            ) from None
        finally:
            loader.dispose()

    @classmethod
    def read(cls, path: Path) -> Source:
        """Read a YAML file; an unreadable or non-UTF-8 file is an InputError."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise missing_file(path) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                "tệp không phải UTF-8", "lưu lại tệp với bảng mã UTF-8", Location(str(path))
            ) from exc
        return cls(text, str(path))

    def at(self, path: KeyPath) -> Location:
        """The place of the value at `path`, or of its nearest enclosing value."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Location(self.file))

    def key_at(self, path: KeyPath) -> Location:
        """The place of the key that names the value at `path`."""
        return self.positions.get((*path, "<key>"), self.at(path))

    def body_start(self, path: KeyPath) -> int:
        """First line of a block scalar's text (`body: |` puts it on the next line)."""
        where = self.at(path)
        return (where.line or 1) + 1


class Fields:
    """One mapping of a Source, with typed getters that explain themselves on error."""

    def __init__(self, source: Source, path: KeyPath, allowed: list[str], what: str) -> None:
        self.source, self.path = source, path
        data = source.data
        for key in path:
            data = data[key]
        if not isinstance(data, dict):
            raise InputError(
                f"{what} phải là một bảng khóa: giá trị",
                "ghi mỗi mục trên một dòng dạng “khóa: giá trị”",
                source.at(path),
            )
        self.data: dict[str, Any] = data
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = (
                    f"có phải “{close[0]}”?"
                    if close
                    else "các khóa dùng được: " + ", ".join(allowed)
                )
                raise InputError(
                    f"khóa “{key}” không có trong {what}", hint, source.key_at((*path, key))
                )

    def at(self, key: str | int, *more: str | int) -> Location:
        return self.source.at((*self.path, key, *more))

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise InputError(
                    f"thiếu “{key}”",
                    f"thêm dòng “{key}: …”",
                    self.source.at(self.path) if self.path else Location(self.source.file, 1, 1),
                )
            return default
        if isinstance(value, (dict, list)):
            raise InputError(f"“{key}” phải là một chuỗi chữ", "ghi trên một dòng", self.at(key))
        return str(value).strip()

    def count(self, key: str, what: str, hint: str) -> int | None:
        """A positive whole number, or None when the key is absent."""
        value = self.data.get(key)
        if value is not None and not (isinstance(value, int) and value > 0):
            raise InputError(f"{what} “{value}” không hợp lệ", hint, self.at(key))
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str, what: str) -> str:
        """One of `options` (compared in upper case when the options are upper case)."""
        value = self.text(key, default=default)
        value = upper(value) if all(o.isupper() for o in options) else value
        if value not in options:
            raise InputError(
                f"{what} “{value}” không dùng được",
                "chọn " + " hoặc ".join(f"“{o}”" for o in options),
                self.at(key),
            )
        return value

    def flag(self, key: str) -> bool:
        """A yes/no switch (`electronic: true`); absent is no."""
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise InputError(
                f"“{key}” nhận true hoặc false", f"ghi “{key}: true” hoặc bỏ dòng này", self.at(key)
            )
        return value

    def lines(self, key: str) -> tuple[str, ...]:
        """A string (one item, or lines split at newlines) or a list of strings."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(line.strip() for line in value.splitlines() if line.strip())
        if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            return tuple(str(v).strip() for v in value)
        raise InputError(
            f"“{key}” phải là một danh sách chữ", "mỗi mục một dòng bắt đầu bằng “- ”", self.at(key)
        )

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            raise InputError(
                f"“{key}” phải là một bảng khóa: giá trị",
                "ghi “tên: giá trị” mỗi dòng",
                self.at(key),
            )
        return value
