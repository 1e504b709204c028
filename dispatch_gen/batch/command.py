"""`dispatch-gen batch`: the click command over `run` (arguments in, messages and exit code out).

Exit codes: 0 every letter written; 2 nothing done (bad master letter, units table, name
pattern, or two rows with one file name); 3 the batch is incomplete (some rows failed: see the
messages and the record's `error` lines); 1 a file could not be written (disk full, no
permission): the folder has no record of the run then, so nothing in it counts as done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from dispatch_gen.batch.manifest import CSV_NAME, ERROR, OK, STALE, summary
from dispatch_gen.batch.run import EXIT_FAILED, EXIT_INPUT, ROWS_PER_WORKER, Options, run
from dispatch_gen.errors import InputError
from dispatch_gen.output import unwritable


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise (rich is loaded only
    for a bar)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (
        TextColumn("Đang tạo công văn"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("batch", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@click.command("batch")
@click.argument("master", metavar="CÔNG_VĂN_GỐC", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--each",
    "units",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Bảng đơn vị (.xlsx, .csv, .yaml): mỗi dòng một công văn.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục ghi các tệp .docx và bảng kê manifest.csv / manifest.json.",
)  # fmt: skip
@click.option("--sheet", help="Trang tính của tệp .xlsx (mặc định: trang đầu).")
@click.option(
    "--name",
    "pattern",
    help="Mẫu tên tệp, ví dụ “{stt:02d}-{don_vi}” (mặc định: số thứ tự và nơi nhận).",
)
@click.option(
    "-t", "--templates", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục mẫu riêng (tìm trước thư mục templates/ của dự án).",
)  # fmt: skip
@click.option(
    "-j", "--jobs", default=None, type=click.IntRange(1, 64),
    help="Số tiến trình chạy song song (kết quả giống hệt khi chạy một tiến trình). Mặc định: "
    f"mỗi nhân máy một tiến trình khi bảng có từ {2 * ROWS_PER_WORKER} dòng (mỗi tiến trình ít "
    f"nhất {ROWS_PER_WORKER} dòng); “--jobs 1”: chỉ một tiến trình.",
)  # fmt: skip
@click.option(
    "--combined",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Thêm một tệp .docx gộp mọi công văn để in (mỗi công văn đánh số trang riêng).",
)
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Thêm một tệp .zip chứa các công văn.",
)
@click.option("-q", "--quiet", is_flag=True, help="Không hiện thanh tiến độ và cảnh báo.")
def batch(
    master: Path,
    units: Path,
    output: Path,
    sheet: str | None,
    pattern: str | None,
    templates: tuple[Path, ...],
    jobs: int | None,
    combined: Path | None,
    zip_path: Path | None,
    quiet: bool,
) -> None:
    """Tạo từ CÔNG_VĂN_GỐC (.yaml) một công văn cho mỗi dòng của bảng đơn vị (--each).

    Cột recipients, number, duties của bảng thay nơi nhận, số văn bản, nhiệm vụ (ví dụ “1,3,5”)
    của công văn gốc; mọi cột có trong mẫu dưới tên row (dòng này) và units (cả bảng)."""
    options = Options(master, units, output, sheet, pattern, templates, jobs, combined, zip_path)
    try:
        with _progress(not quiet) as progress:
            report = run(options, progress)
    except InputError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_INPUT)
    except OSError as error:  # a full disk, a folder without write permission, …
        click.echo(str(unwritable(error, output)), err=True)
        sys.exit(EXIT_FAILED)
    if not quiet:
        for notice in report.notices:
            click.echo(notice, err=True)
    for entry in report.entries:
        shown = entry.status == ERROR or (entry.status == OK and not quiet)
        if shown and entry.message:
            click.echo(entry.message, err=True)
        elif entry.status == STALE:
            click.echo(f"{output / entry.file}: cảnh báo: {entry.message}", err=True)
    counts = summary(report.entries)
    total = counts[OK] + counts[ERROR]
    line = f"{counts[OK]}/{total} công văn → {output}/ (bảng kê: {output / CSV_NAME})"
    if counts[ERROR]:
        line += f"; {counts[ERROR]} dòng lỗi, chưa đủ"
    if counts[STALE]:
        line += f"; {counts[STALE]} tệp cũ giữ lại (stale)"
    click.echo(line, err=True)
    sys.exit(report.exit_code)
