"""A large units table with 1% faults of each kind: the table's faults stop the batch with one
located error, a row's faults fail that row alone, a unit named twice is a warning.

The table is generated here (seeded). BATCH_FAULT_ROWS sets its size: 2,000 rows in CI by
default; the issue's 10,000 rows: `BATCH_FAULT_ROWS=10000 pytest tests/test_batch_faults.py`.
"""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

import pytest

from dispatch_gen.batch.run import EXIT_INCOMPLETE, EXIT_INPUT, Options, run
from dispatch_gen.batch.units import BadFigures
from tests.test_batch import LONG_AN, SIGNED

ROWS = int(os.environ.get("BATCH_FAULT_ROWS", "2000"))
MASTER = (
    LONG_AN
    + """\
body: |
  Đơn vị đã cài đặt {{ row.cai | integer }} trên {{ row.dan_so | integer }} người,
  xếp thứ {{ units.rank(row, "dan_so") }}; toàn tỉnh {{ units.total.dan_so | integer }} người.
"""
    + SIGNED
)


def table(path: Path, faults: set[str], seed: int = 3) -> dict[str, list[int]]:
    """Write the units table with 1% of rows carrying each fault in `faults`; the sheet lines
    of each kind of fault (a line is the row's number in the file, the header being 1)."""
    rng = random.Random(seed)
    lines = list(range(2, ROWS + 2))
    step = ROWS // 100
    # a unit named again names the row above it: odd lines from 3, never two in a row
    twice = rng.sample(range(3, ROWS + 2, 2), step)
    rest = rng.sample(sorted(set(lines) - set(twice)), 2 * step)
    planted = {"total": sorted(rest[:step]), "own": sorted(rest[step:]), "twice": sorted(twice)}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["don_vi", "recipients", "number", "dan_so", "cai"])
        for line in lines:
            unit = f"Xã số {line - 1}"
            recipient = f"UBND xã số {line - 1}"
            if "twice" in faults and line in planted["twice"]:
                recipient = f"UBND xã số {line - 2}"  # the row above, named again
            population = str(1000 + line) if not ("total" in faults and line in planted["total"]) \
                else rng.choice(["", "chưa có", "12,5,3"])
            installed = str(line) if not ("own" in faults and line in planted["own"]) \
                else rng.choice(["", "n/a", "ba trăm"])
            writer.writerow([unit, recipient, str(line), population, installed])
    return planted


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_bad_cells_under_the_totals_are_one_error_before_anything_is_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "master.yaml").write_text(MASTER, encoding="utf-8")
    planted = table(tmp_path / "units.csv", {"total", "own", "twice"})
    with pytest.raises(BadFigures) as caught:
        run(Options(tmp_path / "master.yaml", tmp_path / "units.csv", tmp_path / "out"))
    error = caught.value
    listed = sorted(row.place.line for column, row, _ in error.cells if column == "dan_so")
    assert listed == planted["total"]  # every bad cell of the total's column, none else
    assert str(error).startswith(f"units.csv:{planted['total'][0]}: lỗi: công văn cần tổng hay "
                                 f"hạng theo cột “dan_so”, nhưng {ROWS // 100} ô trống")
    assert all(f"units.csv:{line} cột “dan_so”" in str(error) for line in planted["total"])
    assert "\n" not in str(error) and not (tmp_path / "out").exists()
    assert EXIT_INPUT == 2


def test_a_row_s_own_faults_fail_that_row_and_a_unit_named_twice_is_warned(
    tmp_path: Path,
) -> None:
    (tmp_path / "master.yaml").write_text(MASTER, encoding="utf-8")
    planted = table(tmp_path / "units.csv", {"own", "twice"})
    report = run(Options(tmp_path / "master.yaml", tmp_path / "units.csv", tmp_path / "out",
                         name="{stt}"))
    assert report.exit_code == EXIT_INCOMPLETE
    failed = [int(e.place.rsplit(":", 1)[1]) for e in report.entries if e.status == "error"]
    assert failed == planted["own"]
    written = sorted((tmp_path / "out").glob("*.docx"))
    assert len(written) == ROWS - len(planted["own"])
    twice = [n for n in report.notices if "có ở hai dòng" in n]
    assert len(twice) == len(planted["twice"])
    for line, notice in zip(planted["twice"], twice, strict=True):
        assert notice.startswith(f"units.csv:{line}: cảnh báo: đơn vị “UBND xã số {line - 2}” "
                                 f"có ở hai dòng, units.csv:{line - 1} và units.csv:{line}")
