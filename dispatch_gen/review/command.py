"""The review commands, `text` and `diff`: argument parsing only, the work is in the library.

`dispatch-gen text FILE` prints a letter as plain text (also git's textconv for .docx);
`dispatch-gen diff OLD NEW` prints the word diff (or `--format json`) and, with
`--redline OUT.docx`, writes NEW with the differences as Word tracked changes. Exit codes follow
diff(1): 0 the letters read the same, 1 they differ, 2 bad input (the message says why).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from dispatch_gen.errors import InputError
from dispatch_gen.output import check_target, is_stdout, write_output
from dispatch_gen.review.diff import diff_letters, render_text
from dispatch_gen.review.reading import Letter, docx_text
from dispatch_gen.review.redline import redline

EXIT_SAME, EXIT_DIFFERENT, EXIT_INPUT = 0, 1, 2
FILE = click.Path(path_type=Path, dir_okay=False)


def _fail(error: InputError) -> None:
    click.echo(str(error), err=True)
    sys.exit(EXIT_INPUT)


@click.command("text")
@click.argument("file", metavar="TỆP", type=FILE)
def text(file: Path) -> None:
    """In công văn TỆP (.docx hoặc .yaml) thành văn bản thuần, theo thứ tự đọc."""
    try:
        lines = docx_text(file)
    except InputError as error:
        _fail(error)
    click.echo("\n".join(lines))


@click.command("diff")
@click.argument("old", metavar="BẢN_CŨ", type=FILE)
@click.argument("new", metavar="BẢN_MỚI", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Văn bản có màu cho người đọc, hoặc JSON cho máy.")
@click.option("--color/--no-color", default=None,
              help="Tô màu (mặc định: khi in ra màn hình và không đặt NO_COLOR).")
@click.option("--redline", "out", type=FILE, default=None,
              help="Ghi thêm tệp .docx: BẢN_MỚI với các thay đổi được theo dõi (Track Changes).")
@click.option("--author", default=None, help="Tên người sửa ghi trên các thay đổi [dispatch-gen].")
@click.option("--date", "when", default=None,
              help="Thời điểm ghi trên các thay đổi, ISO 8601 (mặc định: bây giờ).")
def diff(old: Path, new: Path, fmt: str, color: bool | None, out: Path | None,
         author: str | None, when: str | None) -> None:
    """So sánh hai bản công văn BẢN_CŨ và BẢN_MỚI (.docx hoặc .yaml) theo từng đoạn, từng từ."""
    if out is None and (author is not None or when is not None):
        raise click.UsageError("--author và --date chỉ dùng cùng --redline OUT.docx")
    try:
        old_letter, new_letter = Letter.open(old), Letter.open(new)
        result = diff_letters(old_letter, new_letter)
        if out is not None:
            _write_redline(old_letter, new_letter, out, author or "dispatch-gen", when)
    except InputError as error:
        _fail(error)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(render_text(result, color=color), color=color)
    sys.exit(EXIT_DIFFERENT if result.changes else EXIT_SAME)


def _write_redline(old: Letter, new: Letter, out: Path, author: str, when: str | None) -> None:
    if is_stdout(out):
        raise InputError("bản so sánh không ghi ra “-” được (đầu ra chuẩn in kết quả so sánh)",
                         "ghi tên tệp, ví dụ “--redline so-sanh.docx”")
    check_target(out, ".docx")
    stamp = when or datetime.now(UTC).replace(microsecond=0)
    write_output(out, redline(old.package, new.package, author, stamp), ".docx")
    click.echo(f"Đã ghi bản so sánh có theo dõi thay đổi: {out}", err=True)


COMMANDS = (text, diff)
