"""`dispatch-gen render`: letters (.yaml, or `-` for standard input) → .docx files, a folder of
them, or standard output (`-o -`). Where the files go is checked before any letter is rendered
(`output`); a letter with a mistake writes nothing and the others still go on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dispatch_gen.errors import InputError, Location
from dispatch_gen.output import (
    STDOUT,
    check_target,
    is_stdout,
    kind,
    refuse_terminal,
    write_output,
)
from dispatch_gen.render import Rendered
from dispatch_gen.render import render as render_letter

EXIT_LINT = 1
EXIT_INPUT = 2
STDIN_NAME = "<stdin>"  # how a letter read from standard input is named in messages


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            "dữ liệu vào không phải UTF-8", "lưu công văn với bảng mã UTF-8",
            Location(STDIN_NAME, data.count(b"\n", 0, error.start) + 1),
        ) from None  # fmt: skip


def _targets(letters: tuple[Path, ...], named: str) -> list[Path]:
    """The file each letter goes to; raises InputError for a target that cannot be written.
    `-o` names a folder when there are several letters, when it is one, when it ends with a
    slash, or when it does not exist and has no extension."""
    output = Path(named)
    if is_stdout(named):
        if len(letters) != 1:
            raise InputError("chỉ ghi được một công văn ra “-o -”", "ghi ra thư mục: -o thu-muc/")
        refuse_terminal()
        return [output]
    found = kind(output)
    as_folder = (
        len(letters) > 1 or found == "folder" or named.endswith(("/", "\\"))
        or (found is None and not output.suffix)
    )  # fmt: skip
    if not as_folder:
        check_target(output, ".docx")
        return [output]
    if found == "file":
        raise InputError(
            "đây là một tệp, không phải thư mục để ghi nhiều công văn",
            "ghi một thư mục, ví dụ “-o out/”", Location(str(output)),
        )  # fmt: skip
    stems = ["cong-van" if is_stdout(letter) else letter.stem for letter in letters]
    targets = [output / f"{stem}.docx" for stem in stems]
    for target in targets:
        check_target(target, ".docx")
    return targets


def _render_one(letter: Path, templates: tuple[Path, ...]) -> Rendered:
    if is_stdout(letter):
        return render_letter(Path(STDIN_NAME), templates, text=_read_stdin())
    return render_letter(letter, templates)


@click.command("render")
@click.argument(
    "letters", nargs=-1, required=True, metavar="CÔNG_VĂN.yaml...", type=click.Path(path_type=Path)
)
@click.option(
    "-o", "--output", metavar="ĐƯỜNG_DẪN", required=True,
    help="Tệp .docx; thư mục khi có nhiều công văn; “-” ghi ra đầu ra chuẩn.",
)  # fmt: skip
@click.option(
    "-t", "--templates", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục mẫu riêng (tìm trước các mẫu có sẵn).",
)  # fmt: skip
@click.option("--check", "lint", is_flag=True, help="Kiểm tra thể thức từng tệp vừa tạo.")
def render_command(
    letters: tuple[Path, ...], output: str, templates: tuple[Path, ...], lint: bool
) -> None:
    """Tạo tệp .docx theo Nghị định 30/2020 từ mỗi công văn (.yaml; “-” đọc từ đầu vào chuẩn)."""
    try:
        targets = _targets(letters, output)
    except InputError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)
    failed = lint_errors = 0
    for letter, out in zip(letters, targets, strict=True):
        try:
            rendered = _render_one(letter, templates)
            write_output(out, rendered.data, ".docx")
        except InputError as error:
            click.echo(str(error), err=True)
            failed += 1
            continue
        for notice in rendered.notices:
            click.echo(str(notice), err=True)
        shown_in = STDIN_NAME if is_stdout(letter) else letter
        click.echo(f"{shown_in} → {'(đầu ra chuẩn)' if str(out) == STDOUT else out}", err=True)
        if lint:
            from dispatch_gen.check import check_docx, format_findings

            findings = check_docx(rendered.data)
            if findings:
                click.echo(format_findings(findings), err=True)
            lint_errors += sum(f.severity == "error" for f in findings)
    if failed:
        sys.exit(EXIT_INPUT)
    if lint_errors:
        sys.exit(EXIT_LINT)

