"""Command line: thin click commands over the pipeline (render, and the review/check commands)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dispatch_gen.errors import InputError
from dispatch_gen.render import render_file

EXIT_INPUT = 2


def fail(error: InputError) -> None:
    """Print a clerk-facing error on stderr."""
    click.echo(
        f"lỗi: {error}" if error.where is None else str(error).replace(": ", ": lỗi: ", 1), err=True
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dispatch-gen")
def main() -> None:
    """dispatch-gen: công văn theo Nghị định 30/2020 từ tệp YAML."""


@main.command()
@click.argument("letters", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Tệp .docx, hoặc thư mục khi có nhiều công văn.",
)
@click.option(
    "-t",
    "--templates",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục mẫu riêng (tìm trước thư mục templates/ của dự án).",
)
def render(letters: tuple[Path, ...], output: Path, templates: tuple[Path, ...]) -> None:
    """Tạo tệp .docx theo Nghị định 30/2020 từ mỗi công văn LETTERS (.yaml)."""
    to_folder = len(letters) > 1 or output.is_dir() or output.suffix.lower() != ".docx"
    failed = 0
    for letter in letters:
        out = output / f"{letter.stem}.docx" if to_folder else output
        try:
            rendered = render_file(letter, out, templates)
        except InputError as error:
            fail(error)
            failed += 1
        else:
            for notice in rendered.notices:
                click.echo(str(notice), err=True)
            click.echo(f"{letter} → {out}", err=True)
    if failed:
        sys.exit(EXIT_INPUT)


def _register() -> None:
    """The review commands (text, diff) live beside the code they drive."""
    from dispatch_gen.review.command import COMMANDS as REVIEW

    for command in REVIEW:
        main.add_command(command)


_register()
