"""Worker processes of `batch --jobs N` (batch/pool.py): forked and spawned workers write what a
single process writes and end with the batch, also when it stops early; chunks hand out every
row once; a batch in one process never loads multiprocessing."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from dispatch_gen.batch import checks as checks_module
from dispatch_gen.batch import pool
from dispatch_gen.batch import run as run_module
from dispatch_gen.batch.command import batch as batch_command
from dispatch_gen.batch.run import Options, run
from dispatch_gen.docx.package import open_atomic
from dispatch_gen.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "bench" / "data" / "master.yaml"


def _units(path: Path, count: int) -> Path:
    rows = ["don_vi,recipients,number,duties,dan_so,cai_1402,cai_0203"]
    rows += [f"xã Long Hòa {i},UBND xã Long Hòa {i},{200 + i},{'2,4' if i % 2 else ''},"
             f"{20000 + i},{3000 + i},{3100 + i}" for i in range(1, count + 1)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("method", ["fork", "spawn"])  # spawn: as on Windows and macOS
def test_workers_write_the_bytes_one_process_writes_and_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    units = _units(tmp_path / "units.csv", 40)
    one = run(Options(MASTER, units, tmp_path / "one", jobs=1))
    monkeypatch.setattr(pool, "start_method", lambda: method)
    two = run(Options(MASTER, units, tmp_path / "two", jobs=2))
    assert multiprocessing.active_children() == []
    assert one.entries == two.entries and one.exit_code == two.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "one").glob("*.docx"))
    assert len(names) == 40
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_workers_end_when_the_batch_stops_early(tmp_path: Path):
    options = Options(MASTER, _units(tmp_path / "units.csv", 600), tmp_path / "out", jobs=2)
    calls = []

    def stop(done: int, total: int) -> None:
        calls.append(done)
        if done == 3:
            raise KeyboardInterrupt  # the clerk pressed Ctrl+C

    with pytest.raises(KeyboardInterrupt):
        run(options, stop)
    assert multiprocessing.active_children() == []
    assert calls[-1] == 3
    assert len(list((tmp_path / "out").glob("*.docx"))) < 300  # ended, not left to finish


def test_a_worker_ended_while_writing_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The batch stopped (Ctrl+C) while a worker was halfway through a letter: ended by SIGTERM,
    the worker leaves its `.NAME.PID.part`, and the batch takes it away. Without the sweep the
    output folder would keep it."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the slow write is patched in before the workers fork")
    out, parent = tmp_path / "out", os.getpid()
    write = run_module.write_atomic

    def write_slowly(path: Path, data: bytes) -> None:
        if os.getpid() == parent:  # the letters composed ahead, written here
            return write(path, data)
        with open_atomic(path) as handle:
            handle.write(data[:2])
            time.sleep(60)  # ended by the batch long before

    def stop_mid_letter(done: int, total: int) -> None:
        waited = time.monotonic() + 30
        while done and not list(out.glob(".*.part")) and time.monotonic() < waited:
            time.sleep(0.02)
        if done:
            raise KeyboardInterrupt  # the clerk pressed Ctrl+C

    monkeypatch.setattr(pool, "start_method", lambda: "fork")
    monkeypatch.setattr(run_module, "write_atomic", write_slowly)
    options = Options(MASTER, _units(tmp_path / "units.csv", 120), out, jobs=2)
    with pytest.raises(KeyboardInterrupt):
        run(options, stop_mid_letter)
    assert multiprocessing.active_children() == []
    assert [p.name for p in out.iterdir() if p.suffix == ".part"] == []
    assert all(not p.name.startswith(".") for p in out.iterdir())


def test_without_jobs_a_big_table_is_made_by_a_process_per_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """No `--jobs`: a worker per core once each gets ROWS_PER_WORKER rows, one process below
    that; the letters are the ones `--jobs 1` writes."""
    asked: list[int] = []

    class Counted(pool.Rendering):
        def __init__(self, rows: Any, total: int, workers: pool.Workers | None) -> None:
            asked.append(workers.jobs if workers else 1)
            super().__init__(rows, total, workers)

    monkeypatch.setattr(run_module, "Rendering", Counted)
    monkeypatch.setattr(run_module, "usable_cores", lambda: 2)
    monkeypatch.setattr(run_module, "ROWS_PER_WORKER", 10)
    units, few = _units(tmp_path / "units.csv", 20), _units(tmp_path / "few.csv", 19)
    command = ["-q", "--each", str(units), "-o", str(tmp_path / "auto"), str(MASTER)]
    assert CliRunner().invoke(batch_command, command).exit_code == 0
    run(Options(MASTER, few, tmp_path / "few", jobs=None))
    run(Options(MASTER, units, tmp_path / "one", jobs=1))
    assert asked == [2, 1, 1]
    assert len(list((tmp_path / "one").glob("*.docx"))) == 20
    for letter in (tmp_path / "one").glob("*.docx"):
        assert (tmp_path / "auto" / letter.name).read_bytes() == letter.read_bytes()


def test_a_batch_in_one_process_does_not_load_multiprocessing(tmp_path: Path):
    units = _units(tmp_path / "units.csv", 2)
    code = (
        "import sys\nfrom dispatch_gen.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('multiprocessing' in sys.modules)"
    )
    args = ["batch", str(MASTER), "--each", str(units), "-o", str(tmp_path / "out"), "-q"]
    found = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert found.stdout.split() == ["False"]
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2


@given(st.integers(min_value=2, max_value=20000), st.integers(min_value=2, max_value=16))
def test_chunks_hand_out_every_row_once_in_order_and_end_small(total: int, jobs: int):
    ahead = pool.ahead(total, jobs)
    assert 0 < ahead <= min(total, 256 * jobs)
    first = pool._chunks(ahead, jobs, most=pool.AHEAD_CHUNK)
    chunks = pool._chunks(total, jobs, start=ahead)
    assert [i for chunk in first + chunks for i in chunk] == list(range(total))
    assert max(len(chunk) for chunk in first) <= pool.AHEAD_CHUNK
    chunks = pool._chunks(total, jobs)
    assert [i for chunk in chunks for i in chunk] == list(range(total))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= 64
    assert all(a >= b for a, b in zip(sizes, sizes[1:], strict=False))  # shrinking
    assert sizes[-1] <= 4 or len(sizes) == 1  # the last ones leave no worker waiting long


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (temp files too) by its path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _stop_after_workers_composed(monkeypatch: pytest.MonkeyPatch, marks: Path) -> None:
    """Workers leave a mark for each letter they compose ahead (not in the output folder); the
    check of the whole table waits for marks from two letters before it goes on, so the batch
    stops (if it does) while the workers hold letters it may not write."""
    render = run_module.Renderer.render

    def marked(self: run_module.Renderer, index: int, verdict: object) -> run_module.Outcome:
        outcome = render(self, index, verdict)
        if verdict is None:
            (marks / f"{index}-{os.getpid()}").touch()
        return outcome

    finish = checks_module.RowChecks.finish

    def waited(self: checks_module.RowChecks, *args: object) -> None:
        deadline = time.monotonic() + 60
        while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        finish(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module.Renderer, "render", marked)
    monkeypatch.setattr(checks_module.RowChecks, "finish", waited)


@pytest.mark.parametrize("old", [False, True])  # a new folder; a folder a run before filled
def test_a_clash_found_while_workers_compose_ahead_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: bool
):
    units = _units(tmp_path / "units.csv", 120)
    out = tmp_path / "out"
    if old:
        run(Options(MASTER, units, out, name="{stt:03d}"))
    before = _tree(out) if old else {}
    with units.open("a", encoding="utf-8") as table:  # the last row takes the first one's name
        table.write("xã Long Hòa 1,UBND xã Long Hòa 121,321,,20121,3121,3221\n")
    marks = tmp_path / "marks"
    marks.mkdir()
    _stop_after_workers_composed(monkeypatch, marks)
    with pytest.raises(InputError, match="cùng ra “xa-long-hoa-1.docx”"):
        run(Options(MASTER, units, out, name="{don_vi}", jobs=2, combined=tmp_path / "in.docx",
                    zip=tmp_path / "all.zip"))  # fmt: skip
    assert len(list(marks.iterdir())) >= 2  # letters were made ahead …
    assert multiprocessing.active_children() == []  # … by workers that ended with the batch
    assert old or not out.exists()
    assert (_tree(out) if old else {}) == before  # nothing written, nothing removed
    assert not (tmp_path / "in.docx").exists() and not (tmp_path / "all.zip").exists()


def test_stopping_while_the_table_is_checked_ends_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    units = _units(tmp_path / "units.csv", 120)
    marks = tmp_path / "marks"
    marks.mkdir()
    _stop_after_workers_composed(monkeypatch, marks)
    finish = checks_module.RowChecks.finish

    def pressed(self: checks_module.RowChecks, *args: object) -> None:
        finish(self, *args)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # the clerk pressed Ctrl+C

    monkeypatch.setattr(checks_module.RowChecks, "finish", pressed)
    with pytest.raises(KeyboardInterrupt):
        run(Options(MASTER, units, tmp_path / "out", jobs=2))
    assert len(list(marks.iterdir())) >= 2
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_letters_composed_ahead_are_written_with_their_row_s_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
):
    """Rows composed ahead and rows rendered later, good and bad alike, end as one process
    ends them: the bad rows' errors, the others' bytes, the record."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    units = _units(tmp_path / "units.csv", 90)
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",203,", ",abc,")  # a bad number, among the rows made ahead
    lines[5] = lines[5].replace(",205,", ",204,")  # a number used twice, ahead
    lines[80] = lines[80].replace(",280,", ",204,")  # a number used twice, later
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert pool.ahead(90, 2) < 80
    one = run(Options(MASTER, units, tmp_path / "one", jobs=1))
    monkeypatch.setattr(pool, "start_method", lambda: method)
    two = run(Options(MASTER, units, tmp_path / "two", jobs=2))
    assert multiprocessing.active_children() == []
    assert one.entries == two.entries and one.exit_code == two.exit_code
    assert [e.stt for e in one.entries if e.status == "error"] == [3, 5, 80]
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ("pattern", "không có trong bảng đơn vị"),  # before any worker starts
        ("figure", "ô trống"),  # the master's totals read a blank cell: found by the probe
        ("print file", "trùng tên một công văn"),  # found while the workers compose ahead
    ],
)
def test_a_batch_that_cannot_go_leaves_no_file_and_no_worker(
    tmp_path: Path, mistake: str, message: str
):
    units = _units(tmp_path / "units.csv", 60)
    if mistake == "figure":
        lines = units.read_text(encoding="utf-8").splitlines()
        lines[40] = lines[40].replace(",20040,", ",,")
        units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    combined = out / "01-ubnd-xa-long-hoa-1.docx" if mistake == "print file" else None
    options = Options(MASTER, units, out, jobs=2, name="{nope}" if mistake == "pattern" else None,
                      combined=combined)  # fmt: skip
    with pytest.raises(InputError, match=message):
        run(options)
    assert multiprocessing.active_children() == []
    assert not out.exists()


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _pressed_ctrl_c(command: list[str], ready: Callable[[], bool]) -> tuple[int, str, int]:
    """Run `command` in its own process group and press Ctrl+C (SIGINT to the whole group, as a
    terminal does) once `ready()`; (exit code, stderr, processes of the group still alive)."""
    # A shell's background job inherits SIGINT ignored (a CI script run with `&`): the command
    # starts as from a terminal, with Ctrl+C's default action.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", start_new_session=True,
                               preexec_fn=_interruptible)  # fmt: skip
    deadline = time.monotonic() + 60
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "finished before Ctrl+C: give it more work"
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    time.sleep(0.2)
    try:
        os.killpg(process.pid, 0)
        alive = 1
    except ProcessLookupError:
        alive = 0
    return process.returncode, err, alive


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_the_workers_with_one_message(tmp_path: Path):
    """Ctrl+C in a terminal reaches the workers too: the command says "Đã dừng." once, no
    worker prints that it was interrupted, and no process is left."""
    out = tmp_path / "out"
    units = _units(tmp_path / "units.csv", 2000)
    batch = [sys.executable, "-m", "dispatch_gen", "batch", str(MASTER), "--each", str(units),
             "-o", str(out), "--jobs", "2", "-q"]  # fmt: skip
    code, err, alive = _pressed_ctrl_c(batch, lambda: len(list(out.glob("*.docx"))) >= 20)
    assert (code, err.strip(), alive) == (1, "Đã dừng.", 0)
    letters = [str(p) for p in sorted(out.glob("*.docx"))] * 100  # enough to read for seconds
    check = [sys.executable, "-m", "dispatch_gen", "check", "--jobs", "2", *letters]
    started = time.monotonic()
    code, err, alive = _pressed_ctrl_c(check, lambda: time.monotonic() > started + 1.0)
    assert (code, err.strip(), alive) == (1, "Đã dừng.", 0)
