"""The YAML loaders every input file goes through: PyYAML's safe loader, made safe for a clerk.

Duplicate keys, impossible dates, values a `!!tag` cannot read and characters Word cannot hold
are refused at their line and column; so are nesting past MAX_DEPTH and aliases that expand past
MAX_NODES values (the "billion laughs": a few lines of `&a`/`*a` that would fill the memory).
`Loader` is pure Python and composes with these checks; `FastLoader` parses with libyaml and
`within_bounds` checks its tree afterwards (the text is read again by `Loader` when it fails, so
the message is the same either way).
"""

from __future__ import annotations

from typing import Any

import yaml

from dispatch_gen.characters import NOT_IN_XML, bad_character_error
from dispatch_gen.errors import InputError, Location

MAX_DEPTH = 40  # a letter nests four or five levels; 40 is a typo, never a letter
MAX_NODES = 100_000  # values after expanding YAML aliases: a letter has a few hundred


def where(file: str, mark: yaml.Mark | None) -> Location:
    return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)


def hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


class _Checks:
    """What our loaders add to YAML's safe loader: duplicate keys, impossible dates, values a
    tag cannot read and characters Word cannot hold are refused with their position."""

    file = "<yaml>"

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (InputError, yaml.MarkedYAMLError):
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError):
            raise InputError(
                f"giá trị “{node.value if isinstance(node.value, str) else node.tag}” không đọc "
                f"được theo kiểu “{node.tag.rpartition(':')[2]}”",
                "bỏ thẻ “!!…” trước giá trị, hoặc đặt giá trị trong ngoặc kép",
                where(self.file, node.start_mark),
            ) from None

    def construct_scalar(self, node: yaml.Node) -> Any:
        """A double-quoted `"\\x01"` can carry what Word forbids: refuse it where it stands."""
        value = super().construct_scalar(node)  # type: ignore[misc]
        bad = NOT_IN_XML.search(value) if isinstance(value, str) else None
        if bad:
            raise bad_character_error(bad[0], where(self.file, node.start_mark))
        return value

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not hashable(key):
                raise InputError(
                    "tên khóa phải là chữ, không phải danh sách hay nhóm",
                    "ghi “tên: giá trị”; dấu “[” hay “{” đầu dòng thì đặt trong ngoặc kép",
                    where(self.file, key_node.start_mark),
                )
            if key in seen:
                raise InputError(
                    f"khóa “{key}” bị lặp lại",
                    "mỗi khóa chỉ ghi một lần; xóa hoặc gộp dòng trùng",
                    where(self.file, key_node.start_mark),
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, OverflowError):
            raise InputError(
                f"ngày “{node.value}” không có thật",
                "ghi ngày theo dạng NĂM-THÁNG-NGÀY có thật, ví dụ 2020-08-19",
                where(self.file, node.start_mark),
            ) from None


class Loader(_Checks, yaml.SafeLoader):
    """The pure-Python safe loader: its messages are the ones a clerk reads. It also refuses
    nesting past MAX_DEPTH and alias expansions past MAX_NODES (the "billion laughs")."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0
        self.sizes: dict[int, int] = {}  # id(node) → its value count with aliases expanded

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        alias = self.check_event(yaml.AliasEvent)
        start = self.peek_event().start_mark
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(
                f"các mục lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)",
                "một công văn chỉ cần vài cấp: xóa các dấu “[”, “{” hay thụt lề thừa",
                where(self.file, start),
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if alias:
            if id(node) not in self.sizes:
                raise InputError(
                    "tham chiếu YAML “*” trỏ vào chính giá trị chứa nó",
                    "bỏ dấu “*” (hoặc đặt giá trị trong ngoặc kép)",
                    where(self.file, start),
                )
            return node
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        size = 1 + sum(self.sizes.get(id(child), 1) for child in children)
        if size > MAX_NODES:
            raise InputError(
                f"tham chiếu YAML (“&”, “*”) nở ra hơn {MAX_NODES:_} giá trị".replace("_", "."),
                "ghi thẳng giá trị, không lồng tham chiếu “*” vào nhau",
                where(self.file, start),
            )
        self.sizes[id(node)] = size
        return node


class FastLoader(_Checks, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader over libyaml's parser (about ten times faster: the web page's preview
    loads the letter on every keystroke). Text it cannot read is read again by `_Loader`, so
    every message stays the same."""


for _loader in (Loader, FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Checks.construct_yaml_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:map", yaml.SafeLoader.construct_yaml_map)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def within_bounds(root: yaml.Node) -> bool:
    """Whether a tree libyaml composed nests at most MAX_DEPTH deep, expands its aliases to at
    most MAX_NODES values and has no alias inside itself (walked without recursion)."""
    sizes: dict[int, tuple[int, int]] = {}  # id(node) → (values, height)
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            open_.discard(id(node))
            kids = [sizes[id(k)] for k in _children(node)]
            size = 1 + sum(k[0] for k in kids)
            height = 1 + max((k[1] for k in kids), default=0)
            if size > MAX_NODES or height > MAX_DEPTH:
                return False
            sizes[id(node)] = (size, height)
        elif id(node) in open_:
            return False  # an alias to a value that holds it
        elif id(node) not in sizes:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((k, False) for k in _children(node))
    return True


