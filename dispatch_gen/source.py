"""Reading a YAML file safely while remembering where each value stood (file, line, column).

`Source` is what `load` validates against: plain data plus `at(path)`, the place of any value,
so every complaint about the input can point the clerk at the exact line.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from dispatch_gen.errors import InputError, Location
from dispatch_gen.vietnamese import nfc

KeyPath = tuple[Hashable, ...]


def _where(file: str, mark: yaml.Mark | None) -> Location:
    return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and impossible dates, with their position."""

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
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise InputError(
                f"ngày “{node.value}” không có thật",
                "ghi ngày theo dạng NĂM-THÁNG-NGÀY có thật, ví dụ 2020-08-19",
                _where(self.file, node.start_mark),
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


def _normalize(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {_normalize(k): _normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


class Source:
    """One YAML document: its data (NFC) and the position of every value in it."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        loader = type("Loader", (_Loader,), {"file": file})(text)
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InputError(
                f"YAML không đọc được: {exc.problem or exc.context}",
                "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu “:” và dấu ngoặc kép",
                _where(file, mark),
            ) from None
        finally:
            loader.dispose()
        self.data: Any = _normalize(raw) if raw is not None else {}
        self.positions: dict[KeyPath, Location] = {}
        if node is not None:
            self._index(node, ())

    @classmethod
    def read(cls, path: Path) -> Source:
        """Read a YAML file; an unreadable or non-UTF-8 file is an InputError."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(
                f"không tìm thấy tệp {path}", "kiểm tra đường dẫn và tên tệp", Location(str(path))
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                "tệp không phải UTF-8", "lưu lại tệp với bảng mã UTF-8", Location(str(path))
            ) from exc
        return cls(text, str(path))

    def _index(self, node: yaml.Node, path: KeyPath) -> None:
        self.positions[path] = _where(self.file, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = nfc(key_node.value) if isinstance(key_node.value, str) else key_node.value
                self.positions[(*path, key, "<key>")] = _where(self.file, key_node.start_mark)
                self._index(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._index(item, (*path, index))

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
