"""The Jinja side of compose: a sandboxed environment, the Vietnamese filters, and error places.

Templates produce body markup (see `markup`). Every value a template prints is escaped twice over:
HTML-escaped (`<`, `&` come back verbatim through the markup parser) and backslash-escaped for
Markdown punctuation, so `Sở Tài nguyên & Môi trường <TN&MT>` or `*` in a name prints as typed.
Undefined names are errors, and templates cannot reach Python internals.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from dispatch_gen import vietnamese
from dispatch_gen.errors import InputError, Location
from dispatch_gen.model import Reference
from dispatch_gen.shipped import TEMPLATES

TEMPLATE_SUFFIX = ".md.j2"
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}()#+\-.!|~^$%=:;,?/@])")


def escape_markdown(text: str) -> str:
    """Backslash the ASCII punctuation Markdown could read as markup (HTML escaping does `<&>`)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, date):
        return vietnamese.short_date(value)
    return escape_markdown(vietnamese.nfc(str(value))).replace("\n", " ")


def _date_filter(function: Callable[..., str]) -> Callable[..., str]:
    def wrapped(value: Any, *args: Any) -> str:
        found = getattr(value, "date", value)
        if not isinstance(found, date):
            raise TypeError(f"“{value}” không phải là ngày")
        return function(found, *args)

    return wrapped


def _day_month(value: date) -> str:
    return vietnamese.short_date(value, year=False)


def _cite(
    value: Any,
    short: bool = False,
    issuer: bool = True,
    subject: bool = True,
    by: bool = False,
    at: str = "",
    long: bool | None = None,
) -> str:
    """Full citation, or `short` (type and number); `issuer=false`/`subject=false` leave those
    out (`Sở Y tế ban hành Công văn số 752/SYT-TCHC ngày 09/02/2021`); `by=true` names the issuer
    first (`Bộ Tư pháp tại Văn bản số …`); `at="điểm b khoản 2 Điều 9"` pinpoints a part;
    `long=true/false` overrides the reference's date form for this mention."""
    if not isinstance(value, Reference):
        raise TypeError(f"“{value}” không phải là văn bản dẫn trong “references”")
    if short:
        return f"{at} {value.short}" if at else value.short
    return value.cite(issuer=issuer, subject=subject, by=by, at=at, long=long)


def _remembered(function: Callable[..., str]) -> Callable[..., str]:
    """Number wording is pure, and a batch prints the same totals in every letter: remember it,
    keyed by the value's type and repr as well, so no two different values share a result."""

    @lru_cache(maxsize=4096)
    def remembered(kind: type, text: str, value: Any, *args: Any) -> str:
        return function(value, *args)

    def wrapped(value: Any, *args: Any, **kwargs: Any) -> str:
        if kwargs or not isinstance(value, int | float | Decimal):
            return function(value, *args, **kwargs)
        return remembered(type(value), repr(value), value, *args)

    return wrapped


FILTERS: dict[str, Callable[..., Any]] = {
    "integer": _remembered(vietnamese.integer),
    "number": _remembered(vietnamese.number),
    "percent": _remembered(vietnamese.percent),
    "upper": vietnamese.upper,
    "full_date": _date_filter(vietnamese.full_date),
    "short_date": _date_filter(vietnamese.short_date),
    "day_month": _date_filter(_day_month),
    "weekday": _date_filter(vietnamese.weekday),
    "cite": _cite,
}


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, its attribute check decided once per (type, attribute name):
    the check reads nothing else (a leading `_`, internal attributes of functions, frames and
    types, the mutating methods of lists, dicts and sets), and a batch asks it for the same
    `row.don_vi` in every letter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe


@lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...] = ()) -> jinja2.Environment:
    """One sandboxed environment per template search path (user folders first)."""
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([*folders, TEMPLATES]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(ratio=vietnamese.ratio, Decimal=Decimal)
    return env


@lru_cache(maxsize=256)
def _compiled(env: jinja2.Environment, source: str) -> jinja2.Template:
    return env.from_string(source)


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error happened on (Jinja rewrites tracebacks to show it)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>" or frame.filename.endswith(TEMPLATE_SUFFIX):
            line = frame.lineno
    return line


def _explain(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, jinja2.UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(exc))
        what = f"“{name[1]}” chưa được khai báo" if name else f"giá trị không có: {exc}"
        return what, "kiểm tra chính tả tên biến, hoặc khai báo nó trong “figures”"
    if isinstance(exc, SecurityError):
        return "mẫu gọi tới phần không được phép", "mẫu chỉ được dùng dữ liệu của công văn"
    if isinstance(exc, ZeroDivisionError):
        return "phép chia cho 0 trong mẫu", "kiểm tra số liệu ở mẫu số"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"biểu thức mẫu sai: {exc.message}", "kiểm tra cặp “{{ }}”, “{% %}” và tên bộ lọc"
    return f"lỗi khi điền mẫu: {exc}", "kiểm tra biểu thức Jinja ở dòng này"


def render_text(
    env: jinja2.Environment, source: str, context: dict[str, Any], where: Location
) -> str:
    """Render template text written inside the letter; `where` is the text's first line."""

    def located(line: int | None) -> Location:
        if line is None or where.line is None:
            return where
        return Location(where.file, where.line + line - 1, None)

    if "{" not in source and "\r" not in source:
        return source  # no Jinja tag and no newline to normalise: the text is its own output
    try:
        template = _compiled(env, source)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(*_explain(exc), located(exc.lineno)) from None
    try:
        return template.render(context)
    except InputError:
        raise
    except Exception as exc:  # a template is user code: every failure is the clerk's to fix
        raise InputError(*_explain(exc), located(_template_line(exc))) from None


def render_file(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a template from the search path by name (`cong-van` → `cong-van.md.j2`)."""
    filename = name + TEMPLATE_SUFFIX
    try:
        template = env.get_template(filename)
    except jinja2.TemplateNotFound:
        raise InputError(
            f"không có mẫu “{name}”",
            f"đặt tệp {filename} vào một thư mục, chạy kèm “-t THƯ_MỤC”; hoặc bỏ dòng “template:”",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(*_explain(exc), Location(exc.filename or filename, exc.lineno)) from None
    try:
        return template.render(context)
    except InputError:
        raise
    except Exception as exc:
        where = Location(template.filename or filename, _template_line(exc))
        raise InputError(*_explain(exc), where) from None
