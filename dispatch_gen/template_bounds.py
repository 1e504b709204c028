"""A template's budget: the sandbox that keeps a template from exhausting the machine.

Jinja's sandbox already keeps templates away from Python's internals; a template can still ask
for `"x" * 10**9`, a list doubled forty times, `10**100000`, two nested `range(99999)` loops or
`lipsum(10**6)`. `BoundedSandbox` refuses each before it is computed: strings and lists past
MAX_TEXT/MAX_ITEMS, integers past MAX_INT_BITS, more than MAX_ITERATIONS loop turns in all, a
number argument past MAX_ARGUMENT; and, as a backstop, more than MAX_SECONDS of work. One budget
covers one letter (its body, duties and template), set by `budget()`.
"""

from __future__ import annotations

import functools
import re
import time
import types
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

MAX_TEXT = 2_000_000  # characters of any string and of the output: a long letter has 50,000
MAX_ITEMS = 200_000  # items of a list a template builds
MAX_INT_BITS = 10_000  # about 3,000 digits
MAX_ITERATIONS = 1_000_000  # loop turns in one letter, all loops together
MAX_ARGUMENT = 100_000  # a number given to a filter or function (width, count, repeat)
MAX_SECONDS = 10.0
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\d+)|%[-#0 +]*\d*\.(\d+)|\{[^{}]*?(\d{6,})[^{}]*\}")


class TemplateTooBig(Exception):
    """A template asked for more than its budget: `what` says what, in Vietnamese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass
class _Budget:
    deadline: float
    iterations: int = 0

    def tick(self, turns: int = 1) -> None:
        self.iterations += turns
        if self.iterations > MAX_ITERATIONS:
            raise TemplateTooBig(f"vòng lặp chạy quá {MAX_ITERATIONS:,} lượt".replace(",", "."))
        if self.iterations % 1024 == 0 or turns > 1:
            self.clock()

    def clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateTooBig(f"mẫu chạy quá {MAX_SECONDS:g} giây")


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


class budget:  # noqa: N801 (used as `with budget():`, like a function)
    """One budget for everything rendered inside (nested renders share the outer one). A class,
    not a generator: every letter enters it several times."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        outer = _BUDGET.get() is not None
        self._token = None if outer else _BUDGET.set(_Budget(time.monotonic() + MAX_SECONDS))

    def __exit__(self, *_: object) -> None:
        if self._token is not None:
            _BUDGET.reset(self._token)


def _current() -> _Budget:
    return _BUDGET.get() or _Budget(time.monotonic() + MAX_SECONDS)


# Type tuples, not `str | bytes`: a union is built anew each time that expression runs, and these
# checks run on every filter's result.
_TEXT = (str, bytes)
_SEQUENCES = (list, tuple)
_SIZED_TYPES = (*_TEXT, *_SEQUENCES)


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, _SIZED_TYPES) else None


def check_size(value: Any) -> Any:
    """`value`, unless it is a string or list past its bound."""
    size = _size(value)
    if size is not None:
        limit = MAX_TEXT if isinstance(value, _TEXT) else MAX_ITEMS
        if size > limit:
            raise TemplateTooBig(f"kết quả dài quá {limit:,} ký tự/mục".replace(",", "."))
    return value


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str) else 1


def _check_argument(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        raise TemplateTooBig(f"số {value} quá lớn để dùng làm độ rộng hay số lần lặp")
    if isinstance(value, str):
        for found in _FORMAT_WIDTH.finditer(value):
            width = int(next(g for g in found.groups() if g))
            if width > MAX_ARGUMENT:
                raise TemplateTooBig(f"độ rộng {width} trong chuỗi định dạng quá lớn")


def _int_bits(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value.bit_length()


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be too big, before computing it."""
    if operator == "**" and isinstance(right, int) and right > 0 and _int_bits(left) > 1:
        if _int_bits(left) * right > MAX_INT_BITS:
            raise TemplateTooBig(f"lũy thừa {left} ** {right} cho số quá lớn")
    elif operator == "*":
        if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
            raise TemplateTooBig("phép nhân cho số quá lớn")
        for sequence, count in ((left, right), (right, left)):
            size = _size(sequence)
            if size is not None and isinstance(count, int) and size * count > MAX_TEXT:
                raise TemplateTooBig(f"nhân chuỗi/danh sách {count} lần cho kết quả quá dài")
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if None not in sizes and sum(sizes) > MAX_ITEMS and not isinstance(left, str):
            raise TemplateTooBig(f"danh sách nối dài quá {MAX_ITEMS:,} mục".replace(",", "."))
        if None not in sizes and sum(sizes) > MAX_TEXT:
            raise TemplateTooBig(f"chuỗi nối dài quá {MAX_TEXT:,} ký tự".replace(",", "."))
    elif operator == "%" and isinstance(left, str):
        _check_argument(left)


def _predict_replace(text: Any, old: Any, new: Any) -> None:
    text, old, new = str(text), str(old), str(new)
    grows = len(new) - len(old)
    if grows > 0 and len(text) + (text.count(old) if old else len(text) + 1) * grows > MAX_TEXT:
        raise TemplateTooBig("phép thay chữ cho chuỗi quá dài")


def _predict_method(obj: Any, args: tuple, kwargs: dict[str, Any]) -> None:
    """String methods whose result can dwarf their arguments: `replace`, `join`."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str) and name == "replace" and len(args) >= 2:
        _predict_replace(owner, args[0], args[1])
    if isinstance(owner, str) and name == "join" and args:
        items = args[0]
        if isinstance(items, _SEQUENCES) and (
            sum(len(str(i)) for i in items) + len(owner) * len(items) > MAX_TEXT
        ):
            raise TemplateTooBig("phép nối chuỗi cho kết quả quá dài")


def _check_arguments(args: tuple, kwargs: dict[str, Any], skip: int, replaces: bool) -> None:
    """A filter's value and arguments: widths and counts within bounds, no list of huge texts."""
    for value in args[:skip]:
        if isinstance(value, str):  # `"%09999999d" | format(1)`
            _check_argument(value)
    if replaces and len(args) >= skip + 2:
        _predict_replace(*args[skip - 1 : skip + 2])
    for value in (*args[skip:], *kwargs.values()):
        _check_argument(value)
        if isinstance(value, _SEQUENCES) and sum(map(_length, value)) > MAX_TEXT:
            raise TemplateTooBig("danh sách chứa chuỗi quá dài để nối")


def bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter or global whose arguments and result are kept within the budget."""

    skip = 2 if hasattr(function, "jinja_pass_arg") else 1  # (context,) value: not a width
    replaces = function.__name__ == "do_replace"

    @functools.wraps(function)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip or kwargs or replaces:  # `| integer` alone has nothing to check
            _check_arguments(args, kwargs, skip, replaces)
        elif args and isinstance(args[-1], str):  # `"%09999999d" | format(1)`
            _check_argument(args[-1])
        _current().clock()
        return check_size(function(*args, **kwargs))

    return wrapped


def counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every `{% for %}` loops over this: each turn is counted against the budget."""
    spent = _current()
    for item in iterable:
        spent.tick()
        yield item


class _CountingCodeGenerator(CodeGenerator):
    """Compiles `{% for x in items %}` as `for x in environment.counted(items)`."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not getattr(node, "counted", False):
            node.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None,
                lineno=node.lineno,
            )  # fmt: skip
            node.counted = True  # type: ignore[attr-defined]
        super().visit_For(node, frame)


_SIZED: list[Any] = [safe_range]  # functions whose number arguments are sizes
_METHODS = (types.MethodType, types.BuiltinMethodType)  # what `str.format` can be


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget on sizes, loop turns and time."""

    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    counted = staticmethod(counted)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return check_size(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if not isinstance(value, _METHODS):
            return None  # a cell, a figure, a date: asked on every attribute a template reads
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _check_argument(owner)  # `"{:>999999999}".format(1)`
        return super().wrap_str_format(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if isinstance(getattr(__obj, "__self__", None), _TEXT) or __obj in _SIZED:
            for value in (*args, *kwargs.values()):
                _check_argument(value)
            _predict_method(__obj, args, kwargs)
        _current().clock()
        return check_size(super().call(__context, __obj, *args, **kwargs))


# Parts of a template's output between looks at the clock: a part is text or one printed value,
# and what can take long between two parts (loop turns, filters, calls) looks at it itself.
CLOCK_EVERY = 64


def render_parts(template: Any, context: dict[str, Any]) -> list[str]:
    """The output's parts (pieces of the template's text, printed values), their size checked
    as they come (what `Template.render` does, and the same error handling: a template's error
    points at its own line)."""
    parts: list[str] = []
    size = 0
    spent = _current()
    try:
        for part in template.root_render_func(template.new_context(context)):
            size += len(part)
            if size > MAX_TEXT:
                break
            parts.append(part)
            if not len(parts) % CLOCK_EVERY:
                spent.clock()
    except Exception:
        template.environment.handle_exception()
    if size > MAX_TEXT:
        raise TemplateTooBig(f"mẫu tạo ra hơn {MAX_TEXT:,} ký tự".replace(",", "."))
    spent.clock()
    return parts
