"""Jinja's errors, told in Vietnamese, with the place in the clerk's file and a "có phải …?".

Jinja says `No filter named 'shortdate'.`, `unexpected '}'` or `'so_lieu' is undefined`, with a
line and no column. `explain` turns each into (what is wrong, how to fix it, what to look for on
the line): the last is a pattern whose first match on the line gives the column. Names a template
can see (filters, tests, globals, the letter's fields, a mapping's keys) feed the suggestions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from dispatch_gen.template_bounds import TemplateTooBig

TAGS = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset", "macro", "endmacro",
        "call", "endcall", "filter", "endfilter", "raw", "endraw", "with", "endwith")  # fmt: skip
_BLOCK_ENDS = {tag: "end" + tag for tag in ("for", "if", "macro", "raw", "set", "call", "filter")}
_TOKEN_WORDS = {
    "end of print statement": "“}}”",
    "end of statement block": "“%}”",
    "end of template": "cuối mẫu",
    "name": "một tên",
    "in": "“in”",
}
EXPRESSION = re.compile(r"\{\{|\{%")


class Missing(jinja2.UndefinedError):
    """A name or attribute a template asked for that is not there, with names close to it."""

    def __init__(self, name: str, owner: str, known: Iterable[str]) -> None:
        super().__init__(f"“{name}” chưa được khai báo")
        self.name, self.owner, self.known = name, owner, tuple(known)


def _missing(obj: Any, name: Any) -> Missing:
    name = "" if name is None else str(name)
    if obj is jinja2.utils.missing:
        return Missing(name, "", ())
    if isinstance(obj, Mapping):
        return Missing(name, type(obj).__name__, [str(k) for k in obj])
    if not type(obj).__module__.startswith("dispatch_gen"):
        return Missing(name, type(obj).__name__, ())  # a str's methods are no help to a clerk
    return Missing(name, type(obj).__name__, [n for n in dir(obj) if not n.startswith("_")])


class StrictNames(jinja2.StrictUndefined):
    """StrictUndefined whose error says which name was missing and what was there instead."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = jinja2.utils.missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        if exc is not jinja2.UndefinedError:  # the sandbox's "unsafe attribute": keep its error
            super().__init__(hint, obj, name, exc)
            return
        super().__init__(hint, obj, name, lambda message: _missing(obj, name))  # type: ignore[arg-type]


class TemplateValueError(ValueError):
    """A filter's complaint about its value, already in Vietnamese (`“x” không phải là ngày`)."""


def suggest(name: str, known: Iterable[str]) -> str:
    """`có phải “short_date”?` when a known name is close, else ''."""
    close = difflib.get_close_matches(name, sorted(set(known)), n=1, cutoff=0.6)
    return f"có phải “{close[0]}”?" if close else ""


def _word(token: str) -> str:
    return _TOKEN_WORDS.get(token, f"“{token}”")


def _syntax(exc: jinja2.TemplateSyntaxError, env: jinja2.Environment) -> tuple[str, str, str]:
    said = exc.message or ""
    if found := re.match(r"No filter named '(.+?)'", said):
        name = found[1]
        fix = suggest(name, env.filters) or "các bộ lọc: " + ", ".join(sorted(env.filters)[:12])
        return f"không có bộ lọc “{name}”", fix, rf"\|\s*({re.escape(name)})"
    if found := re.match(r"No test named '(.+?)'", said):
        name = found[1]
        fix = suggest(name, env.tests) or "các phép thử: " + ", ".join(sorted(env.tests)[:12])
        return f"không có phép thử “is {name}”", fix, rf"\bis\s+(?:not\s+)?({re.escape(name)})"
    if found := re.match(r"unexpected char '(.+?)' at (\d+)", said):
        return (f"ký tự “{found[1]}” không dùng được trong biểu thức",
                "chữ trong biểu thức phải đặt trong ngoặc kép, ví dụ {{ \"chữ\" }}", f"@{found[2]}")
    if found := re.match(r"unexpected '(.)'(?:, expected '(.)')?", said):
        char, wanted = found[1], found[2]
        what = f"dấu “{char}” không đúng chỗ" + (f": thiếu “{wanted}” trước nó" if wanted else "")
        fix = ("biểu thức mở bằng “{{” phải đóng bằng “}}”, câu lệnh “{%” đóng bằng “%}”; "
               "các dấu ngoặc phải thành cặp")
        return what, fix, rf"(?<![{{}}]){re.escape(char)}(?![{{}}])|{re.escape(char)}"
    if found := re.match(r"expected token '(.+?)', got '(.+?)'", said):
        wanted, got = found[1], found[2]
        what = f"cần {_word(wanted)} nhưng gặp {_word(got)}"
        if wanted == "end of print statement":
            fix = ("đóng biểu thức bằng “}}”; hai tên liền nhau cần một phép tính hoặc “|” bộ lọc "
                   "giữa chúng")
        elif wanted == "in":
            fix = "vòng lặp viết {% for x in danh_sach %} … {% endfor %}"
        else:
            fix = "kiểm tra biểu thức ở chỗ này"
        return what, fix, rf"\b{re.escape(got)}\b" if got.isidentifier() else re.escape(got)
    if found := re.match(r"Unexpected end of template.*?innermost block .*?'(\w+)'", said, re.S):
        block = found[1]
        end = _BLOCK_ENDS.get(block, "end" + block)
        return (f"khối “{{% {block} %}}” chưa đóng", f"thêm “{{% {end} %}}” ở cuối khối",
                rf"\{{%-?\s*{block}\b")
    if re.match(r"unexpected end of template", said, re.I):
        return ("mẫu kết thúc khi biểu thức chưa đóng", "thêm “}}” (hay “%}”) đóng biểu thức",
                EXPRESSION.pattern)
    if found := re.match(r"Encountered unknown tag '(.+?)'", said):
        tag = found[1]
        if tag.startswith("end") and tag[3:] in _BLOCK_ENDS:
            return (f"“{{% {tag} %}}” không có “{{% {tag[3:]} %}}” mở trước nó",
                    f"xóa “{{% {tag} %}}” thừa, hoặc thêm “{{% {tag[3:]} … %}}” phía trên",
                    rf"\{{%-?\s*({tag})")
        fix = suggest(tag, TAGS) or "các thẻ: if, for, set, macro, raw"
        return f"không có thẻ “{{% {tag} %}}”", fix, rf"\{{%-?\s*({re.escape(tag)})"
    if re.match(r"Missing end of comment tag", said):
        return "chú thích “{#” chưa đóng", "thêm “#}” sau chú thích", r"\{#"
    if re.match(r"Expected an expression|unexpected 'end of", said):
        return ("biểu thức trống hoặc thiếu vế sau phép tính",
                "ghi biểu thức giữa “{{ }}”, ví dụ {{ figures.installs | integer }}",
                EXPRESSION.pattern)
    if re.match(r"expected name or number", said):
        return "sau dấu “.” cần một tên", "ví dụ {{ figures.installs }}", r"\.(?!\w)"
    if re.match(r"tag name expected", said):
        return "“{%” cần tên thẻ (if, for, set…)", "ví dụ {% if … %} … {% endif %}", r"\{%"
    if found := re.match(r"Block '(.+?)' defined twice", said):
        return f"khối “{found[1]}” khai báo hai lần", "đổi tên một khối", re.escape(found[1])
    return ("biểu thức mẫu viết sai",
            "kiểm tra cặp “{{ }}”, “{% %}”, dấu ngoặc và tên bộ lọc", EXPRESSION.pattern)


def _runtime(exc: BaseException, visible: Iterable[str]) -> tuple[str, str, str]:
    said = str(exc)
    if isinstance(exc, Missing):
        name = exc.name
        if exc.owner:
            fix = suggest(name, exc.known) or (
                "các tên có ở đây: " + ", ".join(sorted(exc.known)[:12])
                if exc.known else "kiểm tra tên trước dấu “.”"
            )
            return f"không có “{name}” ở đây", fix, rf"[.\[]['\"]?({re.escape(name)})\b"
        fix = suggest(name, visible) or "kiểm tra chính tả tên, hoặc khai báo nó trong “figures”"
        return f"“{name}” chưa được khai báo", fix, rf"(?<![.\w])({re.escape(name)})\b"
    if isinstance(exc, jinja2.UndefinedError):
        return ("giá trị không có", "kiểm tra chính tả tên, hoặc khai báo nó trong “figures”",
                EXPRESSION.pattern)
    if isinstance(exc, TemplateTooBig):
        return (f"mẫu đòi quá sức: {exc.what}",
                "một công văn không cần chừng ấy: bớt vòng lặp, phép nhân hay số mũ",
                EXPRESSION.pattern)
    if isinstance(exc, RecursionError):
        return ("mẫu gọi lồng nhau quá sâu (macro gọi chính nó, hay quá nhiều ngoặc)",
                "cho macro một điều kiện dừng; bớt ngoặc lồng nhau", EXPRESSION.pattern)
    if isinstance(exc, SecurityError):
        return ("mẫu gọi tới phần không được phép", "mẫu chỉ được dùng dữ liệu của công văn",
                EXPRESSION.pattern)
    if isinstance(exc, ZeroDivisionError):
        return "phép chia cho 0 trong mẫu", "kiểm tra số liệu ở mẫu số", EXPRESSION.pattern
    if isinstance(exc, TemplateValueError | KeyError) and re.search("[à-ỹ“]", said):
        return said.strip("'\""), "sửa giá trị hoặc bộ lọc ở chỗ này", EXPRESSION.pattern
    if isinstance(exc, OverflowError | MemoryError) or "Exceeds the limit" in said:
        return ("số quá lớn để tính", "kiểm tra số mũ và phép nhân", EXPRESSION.pattern)
    if isinstance(exc, TypeError) and re.search(r"unsupported operand|can only concatenate|"
                                                r"not supported between", said):
        return ("phép tính giữa hai giá trị khác kiểu (số với chữ, ngày với số…)",
                "chuyển về cùng kiểu, ví dụ {{ x | int }} hay {{ x ~ ' chữ' }}",
                EXPRESSION.pattern)
    if isinstance(exc, TypeError) and "not iterable" in said:
        return ("giá trị này không phải danh sách để lặp", "vòng lặp for cần một danh sách",
                r"\{%")
    if isinstance(exc, TypeError) and "not callable" in said:
        return "giá trị này không phải hàm để gọi", "bỏ cặp ngoặc “()” sau tên", r"\("
    if isinstance(exc, TypeError) and "argument" in said:
        return ("hàm hay bộ lọc nhận sai số đối số", "xem bảng bộ lọc trong README",
                EXPRESSION.pattern)
    return ("biểu thức mẫu không tính được với giá trị này",
            "kiểm tra kiểu của giá trị (số, ngày, chữ) và bộ lọc dùng với nó",
            EXPRESSION.pattern)


def explain(
    exc: BaseException, env: jinja2.Environment, visible: Iterable[str] = ()
) -> tuple[str, str, str]:
    """(what is wrong, how to fix, a pattern whose first match on the line is the place).

    A pattern `@N` means "offset N of the template's text" (Jinja's lexer gives it)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _syntax(exc, env)
    return _runtime(exc, [*visible, *env.globals])
