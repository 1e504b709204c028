"""Click commands `check` and `preview`, thin over `check_docx` and `preview.preview`.

`check` exits 0 when no file has an error finding (warnings allowed), 1 when one has, 2 when a
file cannot be read. The files are read by worker processes when there are enough of them (one
per core, each with FILES_PER_WORKER files at least; `--jobs N` sets the number), started by the
batch's start method (forked after the imports where the system allows), and reported in the
order given, as one process reports them. The main group registers them (dispatch_gen.cli).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence

import click

from dispatch_gen.check.finding import ERROR, Finding
from dispatch_gen.check.linter import check_docx
from dispatch_gen.check.report import FORMATS, format_files
from dispatch_gen.errors import InputError

UNREADABLE = 2
COLLECT_EVERY = 200  # files checked between two rounds of the cyclic garbage collector
FILES_PER_WORKER = 100  # fewer, and starting a worker (spawned: its imports) costs what it saves
Checked = tuple[str, list[Finding] | None, str]  # path, findings (None: unreadable), message


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def default_jobs(files: int, cores: int) -> int:
    """Worker processes for `files` files when `--jobs` is not given: one per core, as long as
    each has FILES_PER_WORKER files; one process for a few files."""
    return max(1, min(cores, files // FILES_PER_WORKER))


def _check_one(path: str) -> Checked:
    try:
        return path, check_docx(path), ""
    except InputError as exc:
        return path, None, str(exc) if exc.where else f"{path}: {exc}"


def _worker() -> None:
    from dispatch_gen.batch.pool import quiet_worker

    quiet_worker()  # Ctrl+C is the command's to handle
    gc.enable()  # a forked worker keeps its own collector; the parent's pause is for its loop


def _checked(files: Sequence[str], jobs: int) -> Iterator[Checked]:
    """Each file's result in the order given: here, or from `jobs` workers (ended with the
    command, also when it stops early)."""
    if jobs <= 1 or len(files) < 2:
        yield from map(_check_one, files)
        return
    import multiprocessing

    from dispatch_gen.batch.pool import start_method

    context = multiprocessing.get_context(start_method())
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    with context.Pool(min(jobs, len(files)), _worker) as pool:  # leaving it ends the workers
        yield from pool.imap(_check_one, files, chunk)


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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Số tiến trình đọc tệp song song. Mặc định: mỗi nhân máy một tiến trình khi có từ "
    f"{2 * FILES_PER_WORKER} tệp trở lên (mỗi tiến trình ít nhất {FILES_PER_WORKER} tệp); "
    "“--jobs 1”: chỉ một tiến trình.",
)
def check(files: tuple[str, ...], fmt: str, jobs: int | None) -> None:
    """Kiểm tra thể thức .docx theo Nghị định 30/2020/NĐ-CP."""
    if jobs is None:
        jobs = default_jobs(len(files), usable_cores())
    results: dict[str, list[Finding]] = {}
    unreadable = False
    collecting = gc.isenabled()
    gc.disable()  # reading a letter makes no reference cycles: the collector's rounds find
    try:  # nothing (~1.5% of the time); a round every COLLECT_EVERY files still frees any
        for done, (path, findings, message) in enumerate(_checked(files, jobs), 1):
            if findings is None:
                click.echo(message, err=True)
                unreadable = True
            else:
                results[path] = findings
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
