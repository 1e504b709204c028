"""Click commands `check` and `preview`, thin over `check_docx` and `preview.preview`.

`check` exits 0 when no file has an error finding (warnings allowed), 1 when one has, 2 when a
file cannot be read. The main group registers them (dispatch_gen.cli).
"""

from __future__ import annotations

import gc

import click

from dispatch_gen.check.finding import ERROR, Finding
from dispatch_gen.check.linter import check_docx
from dispatch_gen.check.report import FORMATS, format_files
from dispatch_gen.errors import InputError

UNREADABLE = 2
COLLECT_EVERY = 200  # files checked between two rounds of the cyclic garbage collector


@click.command("check")
@click.argument("files", nargs=-1, required=True, metavar="TỆP.docx...",
                type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Dạng kết quả: text cho người đọc, json cho công cụ khác.",
)
def check(files: tuple[str, ...], fmt: str) -> None:
    """Kiểm tra thể thức .docx theo Nghị định 30/2020/NĐ-CP."""
    results: dict[str, list[Finding]] = {}
    unreadable = False
    collecting = gc.isenabled()
    gc.disable()  # reading a letter makes no reference cycles: the collector's rounds find
    try:  # nothing (~1.5% of the time); a round every COLLECT_EVERY files still frees any
        for done, path in enumerate(files, 1):
            try:
                results[path] = check_docx(path)
            except InputError as exc:
                click.echo(str(exc) if exc.where else f"{path}: {exc}", err=True)
                unreadable = True
            if done % COLLECT_EVERY == 0:
                gc.collect()
    finally:
        if collecting:
            gc.enable()
    if results:
        click.echo(format_files(results, fmt))
    if unreadable:
        raise SystemExit(UNREADABLE)
    if any(f.severity == ERROR for findings in results.values() for f in findings):
        raise SystemExit(1)


@click.command("preview")
@click.argument("file", metavar="TỆP.docx", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục ghi PDF và ảnh trang (mặc định: cạnh tệp .docx).",
)
def preview(file: str, out_dir: str | None) -> None:
    """Xuất PDF và ảnh PNG từng trang để xem trước văn bản."""
    from dispatch_gen.preview import preview as render_preview  # `check` does not need it

    try:
        pdf, pages = render_preview(file, out_dir)
    except InputError as exc:
        click.echo(str(exc) if exc.where else f"{file}: {exc}", err=True)
        raise SystemExit(UNREADABLE) from exc
    click.echo(str(pdf))
    for page in pages:
        click.echo(str(page))
