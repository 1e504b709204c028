"""Command line: thin click commands over the pipeline (render here; review, check beside them)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dispatch_gen.errors import InputError
from dispatch_gen.render import render_file

EXIT_LINT = 1
EXIT_INPUT = 2


def fail(error: InputError) -> None:
    """Print a clerk-facing error on stderr: `file:line:col: lỗi: what — how to fix`."""
    click.echo(str(error), err=True)


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
@click.option("--check", "lint", is_flag=True, help="Kiểm tra thể thức từng tệp vừa tạo.")
def render(
    letters: tuple[Path, ...], output: Path, templates: tuple[Path, ...], lint: bool
) -> None:
    """Tạo tệp .docx theo Nghị định 30/2020 từ mỗi công văn LETTERS (.yaml)."""
    from dispatch_gen.check import check_docx, format_findings

    to_folder = len(letters) > 1 or output.is_dir() or output.suffix.lower() != ".docx"
    failed = lint_errors = 0
    for letter in letters:
        out = output / f"{letter.stem}.docx" if to_folder else output
        try:
            rendered = render_file(letter, out, templates)
        except InputError as error:
            fail(error)
            failed += 1
            continue
        for notice in rendered.notices:
            click.echo(str(notice), err=True)
        click.echo(f"{letter} → {out}", err=True)
        if lint:
            findings = check_docx(rendered.data)
            if findings:
                click.echo(format_findings(findings), err=True)
            lint_errors += sum(f.severity == "error" for f in findings)
    if failed:
        sys.exit(EXIT_INPUT)
    if lint_errors:
        sys.exit(EXIT_LINT)


def _register() -> None:
    """Batch, review (text, diff) and check (check, preview) commands live beside their code."""
    from dispatch_gen.batch.command import batch
    from dispatch_gen.check.command import check, preview
    from dispatch_gen.importer.command import import_letter
    from dispatch_gen.office.command import letterheads, new
    from dispatch_gen.review.command import COMMANDS as REVIEW
    from dispatch_gen.web.command import serve

    for command in (batch, *REVIEW, check, preview, import_letter, letterheads, new, serve):
        main.add_command(command)


_register()
