"""Worker processes of `batch --jobs N` (batch/pool.py): forked and spawned workers write what a
single process writes and end with the batch, also when it stops early; chunks hand out every
row once; a batch in one process never loads multiprocessing."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch_gen.batch import pool
from dispatch_gen.batch.run import Options, run

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
    options = Options(MASTER, _units(tmp_path / "units.csv", 200), tmp_path / "out", jobs=2)
    calls = []

    def stop(done: int, total: int) -> None:
        calls.append(done)
        if done == 3:
            raise KeyboardInterrupt  # the clerk pressed Ctrl+C

    with pytest.raises(KeyboardInterrupt):
        run(options, stop)
    assert multiprocessing.active_children() == []
    assert calls[-1] == 3


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
    chunks = pool._chunks(total, jobs)
    assert [i for chunk in chunks for i in chunk] == list(range(total))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= 64
    assert all(a >= b for a, b in zip(sizes, sizes[1:], strict=False))  # shrinking
    assert sizes[-1] <= 4 or len(sizes) == 1  # the last ones leave no worker waiting long

