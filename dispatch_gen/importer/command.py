"""`dispatch-gen import LETTER.docx -o LETTER.yaml`: argument parsing only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dispatch_gen.errors import InputError
from dispatch_gen.output import check_target, write_output

EXIT_INPUT = 2


@click.command("import")
@click.argument("source", metavar="TỆP.docx", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Tệp .yaml sẽ ghi (không ghi gì nếu có lỗi).")
def import_letter(source: Path, output: Path) -> None:
    """Đọc công văn TỆP.docx và ghi lại thành tệp YAML của dispatch-gen.

    Những chỗ chương trình không chắc được đánh dấu “# kiểm tra:” trong tệp YAML và liệt kê
    trên màn hình.
    """  # examples and exit codes end the help: dispatch_gen.cli.COMMANDS
    from dispatch_gen.importer import import_docx

    try:
        check_target(output, ".yaml", ".yml")
        text, doubts = import_docx(source, output)
        write_output(output, text.encode("utf-8"), ".yaml", ".yml")
    except InputError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)
    for doubt in doubts:
        click.echo(f"{output}: kiểm tra ({doubt.key}): {doubt.reason}", err=True)
    click.echo(f"{source} → {output}", err=True)
