"""The `dispatch-gen` command: a table of subcommands, each imported only when it runs.

`COMMANDS` names every subcommand's module, its one-line summary (for `dispatch-gen --help`,
which therefore imports none of them, nor `dispatch_gen.errors`), the examples that end its
`--help` and its exit codes.
The frame around them (help layout, usage errors) is Vietnamese: see `cli_frame`. What the
command's import made is kept out of the garbage collector's rounds (`_imported`).
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any, NamedTuple

import click

from dispatch_gen.cli_frame import EXIT_USAGE, Context, explain


class Entry(NamedTuple):
    """Where a subcommand lives and what its help says around the command's own text.
    (A named tuple: `dispatch-gen --help` then needs neither `dataclasses` nor our modules.)"""

    module: str
    attribute: str
    summary: str
    examples: tuple[str, ...]
    exits: str

    def epilog(self) -> str:
        lines = "\n".join(f"  {example}" for example in self.examples)
        return f"\b\nVí dụ:\n{lines}\n\nMã thoát: {self.exits}."


COMMANDS: dict[str, Entry] = {
    "render": Entry(
        "dispatch_gen.render_command", "render_command", "Tạo tệp .docx từ công văn .yaml.",
        ("dispatch-gen render examples/002-kien-giang-bluezone.yaml -o cong-van.docx --check",
         "dispatch-gen render - -o - < cong-van.yaml > cong-van.docx"),
        "0 đã ghi; 1 --check thấy lỗi thể thức; 2 lỗi đầu vào hoặc cách gọi (không ghi gì)",
    ),
    "batch": Entry(
        "dispatch_gen.batch.command", "batch", "Một công văn cho mỗi dòng của bảng đơn vị.",
        ("dispatch-gen batch examples/batch/long-an-bluezone-huyen.yaml"
         " --each examples/batch/units.csv -o out/batch --combined out/tat-ca.docx",),
        "0 đã ghi mọi công văn; 1 không ghi được tệp; 2 không làm gì (lỗi đầu vào);"
        " 3 có dòng lỗi, các dòng khác đã ghi",
    ),
    "text": Entry(
        "dispatch_gen.review.command", "text", "In công văn thành văn bản thuần.",
        ("dispatch-gen text cong-van.docx",
         "dispatch-gen text examples/002-kien-giang-bluezone.yaml"),
        "0 đã in; 2 lỗi đầu vào",
    ),
    "diff": Entry(
        "dispatch_gen.review.command", "diff", "So sánh hai bản công văn, từng đoạn, từng từ.",
        ("dispatch-gen diff ban-cu.docx ban-moi.docx",
         'dispatch-gen diff ban-cu.yaml ban-moi.docx --redline so-sanh.docx --author "Văn thư"'
         " --date 2020-08-20T09:00"),
        "0 giống nhau; 1 khác nhau; 2 lỗi đầu vào",
    ),
    "check": Entry(
        "dispatch_gen.check.command", "check", "Kiểm tra thể thức .docx theo Nghị định 30/2020.",
        ("dispatch-gen check cong-van.docx", "dispatch-gen check out/*.docx --format json"),
        "0 không có lỗi (có thể có cảnh báo); 1 có lỗi thể thức; 2 không đọc được tệp",
    ),
    "preview": Entry(
        "dispatch_gen.check.command", "preview", "Xuất PDF và ảnh từng trang để xem trước.",
        ("dispatch-gen preview cong-van.docx", "dispatch-gen preview cong-van.docx -o xem-truoc/"),
        "0 đã xuất; 2 không đọc được tệp hoặc thiếu LibreOffice",
    ),
    "import": Entry(
        "dispatch_gen.importer.command", "import_letter", "Đọc công văn .docx thành tệp .yaml.",
        ("dispatch-gen import cong-van-cu.docx -o cong-van-moi.yaml",
         "dispatch-gen render cong-van-moi.yaml -o cong-van-moi.docx"),
        "0 đã ghi; 2 lỗi đầu vào (không ghi gì)",
    ),
    "letterheads": Entry(
        "dispatch_gen.office.command", "letterheads", "Tìm, xem tiêu đề cơ quan có sẵn.",
        ('dispatch-gen letterheads tìm "Tân Phú"',
         "dispatch-gen letterheads xem ubnd-xa-tan-phu/dong-nai"),
        "0 đã in; 2 tên không ứng với tiêu đề nào",
    ),
    "new": Entry(
        "dispatch_gen.office.command", "new", "Tạo công văn mẫu .yaml có chú thích.",
        ("dispatch-gen new cong-van.yaml --letterhead ubnd-xa-tan-phu/dong-nai",
         "dispatch-gen render cong-van.yaml -o cong-van.docx --check"),
        "0 đã ghi; 2 tên tiêu đề không rõ, hoặc tệp đã có (không ghi đè)",
    ),
    "serve": Entry(
        "dispatch_gen.web.command", "serve", "Mở trang soạn công văn trong trình duyệt.",
        ("dispatch-gen serve examples/", "dispatch-gen serve --port 8080 --no-browser"),
        "0 đã dừng (Ctrl+C); 2 lỗi cách gọi",
    ),
}  # fmt: skip


_frozen = False


def _imported(module: str) -> Any:
    """A command's module, imported with the cyclic garbage collector paused (importing makes
    objects that live to the end, not garbage: each collection meanwhile walks them in vain);
    then, once per process, what exists is put out of the collector's rounds (`gc.freeze`).
    Every full collection would walk it all again (together ~6% of a one-letter batch), and a
    worker forked for `--jobs` would copy every page the collector touches."""
    global _frozen
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = importlib.import_module(module)
    finally:
        if collecting:
            gc.enable()
    if not _frozen:
        _frozen = True
        gc.freeze()
    return found


class LazyGroup(click.Group):
    """A group that imports a subcommand's module when that command is run (or its help read),
    and speaks Vietnamese around every command (see `cli_frame`)."""

    context_class = Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        command: click.Command = getattr(_imported(entry.module), entry.attribute)
        command.context_class = Context
        # click caches the help option with the names of the first context that asked for it
        # (a test may have run the command on its own, without `-h`): ask again under ours.
        cached = getattr(command, "_help_option", None)
        if cached is not None and "-h" not in cached.opts:
            command._help_option = None
        command.epilog = entry.epilog()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, entry.summary) for name, entry in COMMANDS.items()])

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """click's main, with its messages put in Vietnamese; exit 2 for a usage error."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help(), err=True)
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            click.echo(explain(error), err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as error:
            click.echo(f"lỗi: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Đã dừng.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group("dispatch-gen", cls=LazyGroup)
@click.version_option(
    package_name="dispatch-gen",
    message="%(prog)s, phiên bản %(version)s",
    help="Hiện phiên bản rồi thoát.",
)
def main() -> None:
    """dispatch-gen: công văn theo Nghị định 30/2020 từ tệp YAML.

    Xem cách dùng từng lệnh: dispatch-gen LỆNH --help."""
