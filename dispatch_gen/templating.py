"""The Jinja side of compose: a sandboxed environment, the Vietnamese filters, and error places.

Templates produce body markup (see `markup`). Every value a template prints is escaped twice over:
HTML-escaped (`<`, `&` come back verbatim through the markup parser) and backslash-escaped for
Markdown punctuation, so `Sở Tài nguyên & Môi trường <TN&MT>` or `*` in a name prints as typed.
Undefined names are errors, and templates cannot reach Python internals.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, MutableMapping
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from dispatch_gen import template_errors, vietnamese
from dispatch_gen.characters import NOT_IN_XML, bad_character_error
from dispatch_gen.errors import InputError, TextPlace
from dispatch_gen.model import Reference
from dispatch_gen.shipped import TEMPLATES
from dispatch_gen.template_bounds import (
    BoundedSandbox,
    TemplateTooBig,
    bounded,
    budget,
    render_parts,
)
from dispatch_gen.template_errors import StrictNames, TemplateValueError

TEMPLATE_SUFFIX = ".md.j2"
_PUNCTUATION = "\\`*_[]{}()#+-.!|~^$%=:;,?/@"
_MARKDOWN_PUNCTUATION = str.maketrans({c: "\\" + c for c in _PUNCTUATION})
_ANY_PUNCTUATION = re.compile("[" + re.escape(_PUNCTUATION) + "]")


def escape_markdown(text: str) -> str:
    """Backslash the ASCII punctuation Markdown could read as markup (HTML escaping does `<&>`).
    Most values (a unit's name) have none: one search, not a lookup per character."""
    return text.translate(_MARKDOWN_PUNCTUATION) if _ANY_PUNCTUATION.search(text) else text


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, date):
        return vietnamese.short_date(value)
    return _value_text(str(value))


@lru_cache(maxsize=4096)
def _value_text(text: str) -> str:
    """A value as body text: NFC, markup characters escaped, on one line. Kept per string: a
    batch prints the same totals and names in every letter."""
    return escape_markdown(vietnamese.nfc(text)).replace("\n", " ")


def _date_filter(function: Callable[..., str]) -> Callable[..., str]:
    def wrapped(value: Any, *args: Any) -> str:
        found = getattr(value, "date", value)
        if not isinstance(found, date):
            raise TemplateValueError(f"“{value}” không phải là ngày")
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
        raise TemplateValueError(f"“{value}” không phải là văn bản dẫn trong “references”")
    if short:
        return f"{at} {value.short}" if at else value.short
    return value.cite(issuer=issuer, subject=subject, by=by, at=at, long=long)


_NUMBERS = (int, float, Decimal)


def _remembered(function: Callable[..., str]) -> Callable[..., str]:
    """Number wording is pure, and a batch prints the same totals in every letter: remember it,
    keyed by the value's type and repr as well, so no two different values share a result."""

    @lru_cache(maxsize=4096)
    def remembered(kind: type, text: str, value: Any, *args: Any) -> str:
        return function(value, *args)

    def wrapped(value: Any, *args: Any, **kwargs: Any) -> str:
        if kwargs or not isinstance(value, _NUMBERS):
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


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Jinja's placeholder text, at most a page of it."""
    if not 0 <= n <= 20 or not 0 <= min <= max <= 200:
        raise TemplateTooBig(f"lipsum({n}) quá dài: tối đa 20 đoạn")
    return jinja2.utils.generate_lorem_ipsum(n, html, min, max)


class _Sandbox(BoundedSandbox):
    """The bounded sandbox, its attribute check decided once per (type, attribute name):
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

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one dict, not Jinja's ChainMap over the environment's: every
        render copies them into its context, and a ChainMap is walked key by key in Python.
        The environment's globals are set once, before any template, so a copy never goes
        stale, and writing to it leaves the environment's alone, as the ChainMap did."""
        return {**self.globals, **(d or {})}


@lru_cache(maxsize=16)
def environment(folders: tuple[Path, ...] = ()) -> jinja2.Environment:
    """One sandboxed, bounded environment per template search path (user folders first)."""
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([*folders, TEMPLATES]),
        undefined=StrictNames,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.filters = {name: bounded(function) for name, function in env.filters.items()}
    env.globals.update(ratio=vietnamese.ratio, Decimal=Decimal, lipsum=_lipsum)
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


def _located(
    exc: BaseException, env: jinja2.Environment, place: TextPlace, text: str,
    context: dict[str, Any], line: int | None,
) -> InputError:  # fmt: skip
    what, fix, pattern = template_errors.explain(exc, env, context)
    return InputError(what, fix, place.locate(line, pattern, text))


# Parts no longer than this are searched once for what Word refuses, then remembered (1,024 of
# them: a few MB at most, however long the batch).
_KEPT_PART = 4_000


@lru_cache(maxsize=1024)
def _clean(part: str) -> bool:
    return NOT_IN_XML.search(part) is None


def _bad_character(parts: list[str], checked: str = "") -> re.Match[str] | None:
    """The first character Word refuses in a template's output, searched part by part: a part
    is a piece of the template's text or one printed value, and a batch prints the same ones in
    every letter. `checked`: a part known to hold none (the letter's body, rendered before)."""
    for part in parts:
        if part == checked or (len(part) <= _KEPT_PART and _clean(part)):
            continue
        found = NOT_IN_XML.search(part)
        if found:
            return found
    return None


def _output(parts: list[str], where: Callable[[], TextPlace], checked: str = "") -> str:
    """The template's output, which Word can hold: a control character made by `"\\x01"` or
    read from a data file is an error at the template (`where()`, worked out only then), not a
    broken .docx."""
    bad = _bad_character(parts, checked)
    if bad:
        raise bad_character_error(bad[0], where().locate(1))
    return "".join(parts)


def render_text(
    env: jinja2.Environment, source: str, context: dict[str, Any], place: TextPlace
) -> str:
    """Render template text written inside the letter; `place` is where the text stands."""
    if "{" not in source and "\r" not in source:
        return source  # no Jinja tag and no newline to normalise: the text is its own output
    with budget():
        try:
            template = _compiled(env, source)
        except jinja2.TemplateSyntaxError as exc:
            raise _located(exc, env, place, source, context, exc.lineno) from None
        except (RecursionError, MemoryError, TemplateTooBig) as exc:
            raise _located(exc, env, place, source, context, 1) from None
        try:
            return _output(render_parts(template, context), lambda: place)
        except InputError:
            raise
        except Exception as exc:  # a template is user code: every failure is the clerk's to fix
            raise _located(exc, env, place, source, context, _template_line(exc)) from None


def _missing_template(env: jinja2.Environment, name: str) -> InputError:
    filename = name + TEMPLATE_SUFFIX
    folders = env.loader.searchpath if env.loader else []  # type: ignore[attr-defined]
    known = sorted(p.name.removesuffix(TEMPLATE_SUFFIX) for f in folders
                   for p in Path(f).glob("*" + TEMPLATE_SUFFIX))  # fmt: skip
    return InputError(
        f"không có mẫu “{name}”",
        template_errors.suggest(name, known)
        or f"đặt tệp {filename} vào một thư mục, chạy kèm “-t THƯ_MỤC”; "
        "hoặc bỏ dòng “template:”",
    )


def _file_place(env: jinja2.Environment, filename: str) -> tuple[TextPlace, str]:
    """Where a template file's lines stand, read only when an error must point into it."""
    source, path, _ = env.loader.get_source(env, filename)  # type: ignore[union-attr]
    return TextPlace(path or filename, 1, tuple(source.splitlines())), source


def render_file(
    env: jinja2.Environment, name: str, context: dict[str, Any], checked: str = ""
) -> str:
    """Render a template from the search path by name (`cong-van` → `cong-van.md.j2`). The
    compiled template is Jinja's to keep; its text is read again only to place an error.
    `checked`: text the output holds that was already searched for characters Word refuses
    (the letter's body, rendered and checked where it was written)."""
    filename = name + TEMPLATE_SUFFIX
    with budget():
        try:
            template = env.get_template(filename)
        except jinja2.TemplateSyntaxError as exc:
            place, source = _file_place(env, filename)
            raise _located(exc, env, place, source, context, exc.lineno) from None
        except jinja2.TemplateNotFound:
            raise _missing_template(env, name) from None
        except (OSError, ValueError):  # a name too long, a folder, not UTF-8
            raise InputError(
                f"không đọc được mẫu “{name}”",
                "tên mẫu chỉ gồm chữ, số và dấu “-”; tệp mẫu phải là chữ UTF-8",
            ) from None
        except (RecursionError, MemoryError, TemplateTooBig) as exc:
            place, source = _file_place(env, filename)
            raise _located(exc, env, place, source, context, 1) from None
        try:
            parts = render_parts(template, context)
        except InputError:
            raise
        except Exception as exc:  # a template is user code: every failure is the clerk's to fix
            place, source = _file_place(env, filename)
            raise _located(exc, env, place, source, context, _template_line(exc)) from None
    return _output(parts, lambda: _file_place(env, filename)[0], checked)
