"""`check --jobs N`: the files read by worker processes are reported exactly as one process
reports them (same order, same words, same exit code), unreadable files included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dispatch_gen.check import command
from dispatch_gen.check.command import FILES_PER_WORKER, default_jobs
from tests.fixtures_check import BASELINE, FIXTURES, WARNING_FIXTURES, build


def _check(files: list[Path], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dispatch_gen", "check", *options, *map(str, files)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_workers_report_what_one_process_reports(tmp_path: Path, fmt: str) -> None:
    files = []
    for n in range(12):  # good, wrong, warned, unreadable and missing files, in turn
        good = tmp_path / f"{n:02d}-dung.docx"
        good.write_bytes(build(BASELINE))
        bad = tmp_path / f"{n:02d}-thang-08.docx"
        bad.write_bytes(build(FIXTURES["month-08"][1]))
        warned = tmp_path / f"{n:02d}-gach-duoi.docx"
        warned.write_bytes(build(WARNING_FIXTURES["motto-rule-underscores"][1]))
        junk = tmp_path / f"{n:02d}-hong.docx"
        junk.write_bytes(b"PK\x03\x04 not really")
        files += [good, bad, warned, junk, tmp_path / f"{n:02d}-khong-co.docx"]
    one = _check(files, "--format", fmt)
    two = _check(files, "--format", fmt, "--jobs", "2")
    assert one.returncode == two.returncode == 2  # an unreadable file: 2, as in one process
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert "ND30-09" in one.stdout and "không phải tệp .docx" in one.stderr
    # the unreadable files are told in the order given
    told = [line.split(":")[0] for line in two.stderr.splitlines()]
    assert [p for p in told if p.endswith("-hong.docx")] == [
        str(f) for f in files if f.name.endswith("-hong.docx")
    ]


def test_workers_end_with_the_command(tmp_path: Path) -> None:
    good = tmp_path / "dung.docx"
    good.write_bytes(build(BASELINE))
    script = (
        "import multiprocessing, sys\n"
        "from dispatch_gen.check.command import check\n"
        "try:\n    check.main(sys.argv[1:], standalone_mode=False)\n"
        "finally:\n    print(len(multiprocessing.active_children()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--jobs", "3", *[str(good)] * 20],
        capture_output=True, text=True, encoding="utf-8", check=True,
    )  # fmt: skip
    assert done.stdout.splitlines()[-1] == "0"


def test_without_jobs_a_batch_is_read_by_one_worker_per_core_a_few_files_by_one() -> None:
    assert default_jobs(1, 8) == 1
    assert default_jobs(FILES_PER_WORKER * 2 - 1, 2) == 1  # a worker each: not worth its start
    assert default_jobs(FILES_PER_WORKER * 2, 2) == 2
    assert default_jobs(10_000, 2) == 2 and default_jobs(10_000, 1) == 1
    assert default_jobs(FILES_PER_WORKER * 3 + 50, 8) == 3


@pytest.mark.parametrize(("options", "expected"), [((), 2), (("--jobs", "1"), 1)])
def test_the_command_uses_the_cores_unless_told(
    monkeypatch: pytest.MonkeyPatch, options: tuple[str, ...], expected: int
) -> None:
    asked = []

    def checked(files: list[str], jobs: int) -> list[command.Checked]:
        asked.append(jobs)
        return [(f, [], "") for f in files]

    monkeypatch.setattr(command, "usable_cores", lambda: 2)
    monkeypatch.setattr(command, "_checked", checked)
    files = [f"{n:04d}.docx" for n in range(FILES_PER_WORKER * 2)]
    result = CliRunner().invoke(command.check, [*options, *files])
    assert result.exit_code == 0 and asked == [expected]
