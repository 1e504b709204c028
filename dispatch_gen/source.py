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

from dispatch_gen import yaml_errors
from dispatch_gen.characters import NOT_IN_YAML, bad_character_error
from dispatch_gen.errors import InputError, Location, TextPlace, missing_file
from dispatch_gen.vietnamese import nfc, upper
from dispatch_gen.yaml_loader import FastLoader, Loader, hashable, where, within_bounds

KeyPath = tuple[Hashable, ...]


def _normalize(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {_normalize(k): _normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a leading BOM dropped); a byte that is not UTF-8 is an error at its place."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1
        raise InputError(
            f"tệp không phải UTF-8: byte 0x{data[start]:02X} ở đây không phải chữ UTF-8",
            "lưu lại tệp với bảng mã UTF-8 (Notepad: Lưu thành → Mã hóa: UTF-8)",
            Location(file, data.count(b"\n", 0, start) + 1, column),
        ) from None


def read_bytes(path: Path, what: str = "tệp") -> bytes:
    """A file's bytes; a missing, unreadable or unnameable file is an InputError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise missing_file(path) from None
    except IsADirectoryError:
        raise InputError(
            f"{path} là thư mục, không phải tệp", "ghi tên một tệp .yaml", Location(str(path))
        ) from None
    except OSError as exc:
        raise InputError(
            f"không đọc được {what} {path} ({exc.strerror or 'lỗi hệ thống'})",
            "kiểm tra tên tệp (không quá dài) và quyền đọc tệp",
            Location(str(path)),
        ) from None


def index_positions(
    node: yaml.Node, file: str, nodes: dict[KeyPath, yaml.Node] | None = None
) -> dict[KeyPath, Location]:
    """The place of every value (and of every mapping key, under `(*path, key, "<key>")`);
    `nodes`, when given, receives every value's node."""
    positions: dict[KeyPath, Location] = {}

    def walk(node: yaml.Node, path: KeyPath) -> None:
        positions[path] = where(file, node.start_mark)
        if nodes is not None:
            nodes[path] = node
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = nfc(key_node.value) if isinstance(key_node.value, str) else key_node.value
                if not hashable(key):
                    continue  # a merge (`<<: *base`) or a complex key
                positions[(*path, key, "<key>")] = where(file, key_node.start_mark)
                walk(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    walk(node, ())
    return positions


def text_positions(text: str, file: str) -> dict[KeyPath, Location]:
    """Where each value of a YAML text stands, without building (or checking) the values;
    empty when the text is not YAML at all."""
    loader = type("Loader", (Loader,), {"file": file})(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, InputError):
        return {}
    finally:
        loader.dispose()
    return index_positions(node, file) if node is not None else {}


_UNREAD = object()


class Source:
    """One YAML document: its data (NFC) and the position of every value in it."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        bad = NOT_IN_YAML.search(text)
        if bad:
            before = text[: bad.start()]
            place = Location(file, before.count("\n") + 1, bad.start() - before.rfind("\n"))
            raise bad_character_error(bad[0], place)
        self.lines = text.splitlines()
        node, raw = self._fast(text, file)
        if node is _UNREAD:
            node, raw = self._checked(text, file)
        self.data: Any = _normalize(raw) if raw is not None else {}
        self.nodes: dict[KeyPath, yaml.Node] = {}
        self.positions = index_positions(node, file, self.nodes) if node is not None else {}

    @staticmethod
    def _fast(text: str, file: str) -> tuple[Any, Any]:
        """Parse with libyaml; `_UNREAD` when it is absent or the text is not plain YAML."""
        if not yaml.__with_libyaml__ or yaml.reader.Reader.NON_PRINTABLE.search(text):
            return _UNREAD, None
        loader = type("Loader", (FastLoader,), {"file": file})(text)
        try:
            node = loader.get_single_node()
            if node is not None and not within_bounds(node):
                return _UNREAD, None  # the checked loader says where and why
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            return _UNREAD, None
        finally:
            loader.dispose()

    @staticmethod
    def _checked(text: str, file: str) -> tuple[Any, Any]:
        loader = type("Loader", (Loader,), {"file": file})(text)
        try:
            node = loader.get_single_node()
            return node, loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            place = where(file, yaml_errors.mark(exc))
            raise InputError(*yaml_errors.explain(exc), place) from None
        except yaml.YAMLError:
            what, fix = yaml_errors.explain(yaml.MarkedYAMLError())
            raise InputError(what, fix, Location(file, 1, 1)) from None
        finally:
            loader.dispose()

    @classmethod
    def read(cls, path: Path) -> Source:
        """Read a YAML file; an unreadable or non-UTF-8 file is an InputError."""
        return cls(decode(read_bytes(path), str(path)), str(path))

    def at(self, path: KeyPath) -> Location:
        """The place of the value at `path`, or of its nearest enclosing value."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Location(self.file, 1, 1))

    def key_at(self, path: KeyPath) -> Location:
        """The place of the key that names the value at `path`."""
        return self.positions.get((*path, "<key>"), self.at(path))

    def text_place(self, path: KeyPath) -> TextPlace:
        """Where the text at `path` stands, for templates written in it: a block scalar
        (`body: |`) starts on the next line; a plain or quoted one where it stands."""
        node = self.nodes.get(path)
        if not isinstance(node, yaml.ScalarNode):
            where = self.at(path)
            line = where.line or 1
            return TextPlace(self.file, line, tuple(self.lines[line - 1 : line]))
        first = node.start_mark.line + (1 if node.style in ("|", ">") else 0)
        last = max(first, node.end_mark.line)
        return TextPlace(self.file, first + 1, tuple(self.lines[first : last + 1]))

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
