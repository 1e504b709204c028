"""`dispatch-gen import LETTER.docx -o LETTER.yaml`: argument parsing only."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dispatch_gen.docx.package import write_atomic
from dispatch_gen.errors import InputError

EXIT_INPUT = 2


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Tệp .yaml sẽ ghi (không ghi gì nếu có lỗi).")
def import_letter(source: Path, output: Path) -> None:
    """Đọc công văn SOURCE (.docx) và ghi lại thành tệp YAML của dispatch-gen.

    Những chỗ chương trình không chắc được đánh dấu “# kiểm tra:” trong tệp YAML và liệt kê
    trên màn hình.

    \b
    Ví dụ:
      dispatch-gen import cong-van-cu.docx -o cong-van-moi.yaml
      dispatch-gen render cong-van-moi.yaml -o cong-van-moi.docx

    Mã thoát: 0 đã ghi, 2 lỗi đầu vào (không ghi gì).
    """
    from dispatch_gen.importer import import_docx

    try:
        if output.suffix.lower() not in (".yaml", ".yml"):
            raise InputError(f"tệp ghi ra phải có đuôi .yaml: {output}",
                             "ví dụ “-o cong-van.yaml”")
        text, doubts = import_docx(source, output)
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as err:
            raise InputError(f"không ghi được {output}: {err.strerror or err}") from err
    except InputError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)
    for doubt in doubts:
        click.echo(f"{output}: kiểm tra ({doubt.key}): {doubt.reason}", err=True)
    click.echo(f"{source} → {output}", err=True)
