"""click's frame in Vietnamese: the help layout and every usage error a clerk can meet.

click writes its own words around ours: "Usage:", "Options:", "[default: …]", "Show this
message and exit.", and its errors ("Missing option '-o'", "No such option", "File 'x' is a
directory."). `Formatter` puts the help in Vietnamese (every command's context uses it, see
`Context`); `explain` turns a click usage error into our message form, `lỗi: what — how to fix`,
with the usage line after it (importing our message types then: `--help` does not need them).
Exit codes stay click's: 2 for a usage error.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from dispatch_gen.errors import InputError

EXIT_USAGE = 2

HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Positional arguments": "Đối số"}
# click's own help strings, and the type names it shows as metavars.
PHRASES = {
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "[default: ": "[mặc định: ",
    "default: ": "mặc định: ",
    "required": "bắt buộc",
}
METAVARS = {
    "[OPTIONS]": "[TÙY CHỌN]",
    "COMMAND [ARGS]...": "LỆNH [ĐỐI SỐ]...",
    "INTEGER RANGE": "SỐ",
    "INTEGER": "SỐ",
    "FLOAT": "SỐ",
    "TEXT": "CHỮ",
    "PATH": "ĐƯỜNG_DẪN",
    "FILE": "TỆP",
    "DIRECTORY": "THƯ_MỤC",
    "BOOLEAN": "CÓ/KHÔNG",
}
_METAVAR = re.compile("|".join(re.escape(k) for k in sorted(METAVARS, key=len, reverse=True)))


def _vietnamese(text: str) -> str:
    for english, vietnamese in PHRASES.items():
        text = text.replace(english, vietnamese)
    return text


class Formatter(click.HelpFormatter):
    """click's help layout with Vietnamese headings, usage prefix and click's own phrases."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _METAVAR.sub(lambda m: METAVARS[m[0]], args), "Cách dùng: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[no-untyped-def]
        rows = [
            (_METAVAR.sub(lambda m: METAVARS[m[0]], first), _vietnamese(second))
            for first, second in rows
        ]
        super().write_dl(rows, col_max, col_spacing)


class Context(click.Context):
    """Every command's context: Vietnamese help, `-h` as well as `--help`. The latest one made
    is kept: click's parser raises some usage errors without the context they belong to."""

    formatter_class = Formatter
    latest: click.Context | None = None

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("help_option_names", ["-h", "--help"])
        super().__init__(*args, **kwargs)
        Context.latest = self


# click's messages for values its parameter types refuse (click.types), in our words.
_VALUE_MESSAGES = (
    (r"^(?:File|Directory|Path) '(.*)' is a directory\.$", "“{0}” là thư mục, không phải tệp"),
    (r"^(?:File|Directory|Path) '(.*)' is a file\.$", "“{0}” là tệp, không phải thư mục"),
    (r"^(?:File|Directory|Path) '(.*)' is not readable\.$", "không đọc được “{0}”"),
    (r"^(?:File|Directory|Path) '(.*)' is not writable\.$", "không ghi được vào “{0}”"),
    (r"^'(.*)' is not (?:one of )?(.*)\.$", "“{0}” không phải là một trong: {1}"),
    (r"^'(.*)' is not a valid (?:integer|float)(?: range)?\.$", "“{0}” không phải là số"),
    (r"^'(.*)' is not a valid boolean\.$", "“{0}” không phải là có/không"),
    (r"^(.*) is not in the range (.*)\.$", "{0} nằm ngoài khoảng {1}"),
)  # patterns compiled when a value is refused (`re` caches them), not by every command


def _names(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return " / ".join(f"“{name}”" for name in param.opts)


def _refused_value(error: click.BadParameter, hint: str) -> InputError | None:
    """A value a click type refused, in our words; None when the message is one of ours."""
    from dispatch_gen.errors import InputError, missing_file

    text = error.message
    missing = re.match(r"^(?:File|Directory|Path) '(.*)' does not exist\.$", text)
    if missing:
        return missing_file(missing[1])
    for pattern, message in _VALUE_MESSAGES:
        match = re.match(pattern, text)
        if match:
            what = message.format(*(g.replace("'", "") for g in match.groups()))
            where = _names(error.param)
            return InputError(f"{what} ({where})" if where else what, hint)
    return None


def _possibilities(error: click.UsageError, hint: str) -> str:
    found = getattr(error, "possibilities", None)
    return "có phải " + ", ".join(f"“{p}”" for p in found) + "? " + hint if found else hint


def _reworded(error: click.UsageError, hint: str) -> InputError:
    from dispatch_gen.errors import InputError

    text = error.message
    if isinstance(error, click.MissingParameter):
        kind = "đối số" if isinstance(error.param, click.Argument) else "tùy chọn"
        return InputError(f"thiếu {kind} {_names(error.param)}".rstrip(), hint)
    if isinstance(error, click.NoSuchOption):
        return InputError(f"không có tùy chọn “{error.option_name}”", _possibilities(error, hint))
    if isinstance(error, click.BadParameter):
        return _refused_value(error, hint) or InputError(text, hint)
    option = re.match(r"^Option '(.*?)' (requires|does not take)", text)
    if option:
        needs = "cần giá trị" if option[2] == "requires" else "không nhận giá trị"
        return InputError(f"tùy chọn “{option[1]}” {needs}", hint)
    if text.startswith("Got unexpected extra argument"):
        return InputError(f"thừa đối số: {text[text.find('(') + 1 : text.rfind(')')]}", hint)
    command = re.match(r"^No such command '(.*)'\.", text)
    if command:
        group = error.ctx.command if error.ctx else None
        known = group.list_commands(error.ctx) if isinstance(group, click.Group) else []
        import difflib

        close = difflib.get_close_matches(command[1], known, n=2)
        fix = "có phải " + ", ".join(f"“{c}”" for c in close) + "? " + hint if close else hint
        return InputError(f"không có lệnh “{command[1]}”", fix)
    if text == "Missing command.":
        return InputError("thiếu lệnh", hint)
    return InputError(text, hint)  # one of our own usage errors, Vietnamese already


def explain(error: click.UsageError) -> str:
    """A click usage error as a clerk reads it: `lỗi: … — cách sửa`, then the usage line."""
    ctx = error.ctx or Context.latest
    hint = f"xem “{ctx.command_path if ctx is not None else 'dispatch-gen'} --help”"
    usage = ctx.get_usage() if ctx is not None else ""
    return str(_reworded(error, hint)) + (f"\n{usage}" if usage else "")
