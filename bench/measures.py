"""What the benchmark measures, each as whole processes timed from outside.

`timed` runs one command and returns its wall time, CPU time and peak RSS (from the kernel's
rusage of that process alone). The units table and the stats-table letters are generated here,
seeded, the same every run.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MASTER = HERE / "data" / "master.yaml"
FIRST = ["Tân", "Long", "Phước", "Mỹ", "Hòa", "Bình", "An", "Đức", "Thạnh", "Vĩnh", "Hiệp"]
SECOND = ["Phú", "Hưng", "Lập", "Thạnh", "Đông", "Tây", "Ninh", "Hòa", "Trạch", "Lộc", "Quý"]
NAME = "{stt:05d}-{don_vi}"
ESCAPED = 7  # every 100th unit from the 7th has `&` and `<` in its name: both must escape them


@dataclass(frozen=True)
class Timed:
    """One finished process: wall seconds, CPU seconds (user + system), peak RSS in MB."""

    seconds: float
    cpu: float
    peak_mb: float
    stdout: str


def dispatch_gen() -> list[str]:
    """The installed command beside this Python (as a clerk runs it), else `python -m`."""
    script = Path(sys.executable).with_name("dispatch-gen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dispatch_gen"]


def timed(command: list[str], cwd: Path | None = None) -> Timed:
    """Run `command` to its end; fail loudly with its stderr when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if process.returncode:
            sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n"
                     + err.read().decode(errors="replace"))  # fmt: skip
        scale = 2**20 if sys.platform == "darwin" else 2**10
        return Timed(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / scale,
                     out.read().decode())  # fmt: skip


def median(values: list[float]) -> float:
    return statistics.median(values)


def load() -> str:
    """The machine's load average (1 min), to print beside timings taken on a shared machine."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def make_units(count: int, path: Path) -> None:
    """`count` communes with population and two install counts; every third keeps duties 1-5."""
    rng = random.Random(2021)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["don_vi", "recipients", "number", "duties", "dan_so", "cai_1402",
                         "cai_0203"])  # fmt: skip
        for i in range(1, count + 1):
            name = f"xã {rng.choice(FIRST)} {rng.choice(SECOND)} {i}"
            if i % 100 == ESCAPED:
                name += " (A&B <C>)"
            people = rng.randint(5_000, 60_000)
            before = int(people * rng.uniform(0.08, 0.25))
            after = before + rng.randint(0, 400)
            duties = "1-5" if i % 3 == 0 else ""
            writer.writerow([name, f"Ủy ban nhân dân {name}", 100 + i, duties, people, before,
                             after])  # fmt: skip


# ---- start-up: one letter's render against importing what it needs -----------------------------

LETTER = ROOT / "examples" / "000-long-an-bluezone.yaml"
# What rendering LETTER really needs: the command frame, the pipeline, (the letter has a
# deadline) Vietnam's holiday calendar for its year and (it prints figures) Babel's `vi` numbers.
NEEDS = (
    "import dispatch_gen.cli, dispatch_gen.render\n"
    "from datetime import date\nfrom dispatch_gen.deadlines import holiday_name\n"
    "holiday_name(date(2021, 3, 20))\n"
    "from dispatch_gen.vietnamese import integer\ninteger(1695150)"
)
HEAVY = ("openpyxl", "rich", "dispatch_gen.batch", "dispatch_gen.check", "dispatch_gen.review")
_LOADED = (
    "import sys; from dispatch_gen.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "names = [m for m in {heavy!r} if m in sys.modules]\n"
    "names.append(str(sum(m.startswith('holidays.countries.') for m in sys.modules)))\n"
    "open({log!r}, 'w', encoding='utf-8').write(' '.join(names))\n"
)


def startup(folder: Path, rounds: int) -> tuple[float, float, float, str]:
    """(median render seconds, median import seconds, median of per-round ratios, and which of
    the heavy modules a render loaded, with the count of holiday-country modules)."""
    out = folder / "one.docx"
    render = [*dispatch_gen(), "render", str(LETTER), "-o", str(out)]
    imports = [sys.executable, "-c", NEEDS]
    pairs = [(timed(render).seconds, timed(imports).seconds) for _ in range(rounds)]
    log = folder / "loaded.txt"
    script = _LOADED.format(heavy=HEAVY, log=str(log))
    subprocess.run([sys.executable, "-c", script, "render", str(LETTER), "-o", str(out)],
                   check=True, capture_output=True)  # fmt: skip
    *heavy, countries = log.read_text().split()
    loaded = (", ".join(heavy) or "none of " + ", ".join(HEAVY)) + f"; {countries} holiday country"
    return (median([r for r, _ in pairs]), median([i for _, i in pairs]),
            median([r / i for r, i in pairs]), loaded)  # fmt: skip


# ---- a statistics table of many rows ------------------------------------------------------------

STATS_LETTER = """\
letterhead: so-tttt-long-an
symbol: STTTT-CNTT
number: 12
date: 2021-03-05
subject: số liệu cài đặt Bluezone theo xã
recipients: [UBND các huyện, thị xã, thành phố]
tables:
  xa:
    source: {csv}
    key: don_vi
    columns:
      - {{header: Stt, value: stt}}
      - {{header: Xã, source: don_vi}}
      - {{header: Dân số, source: dan_so, format: integer}}
      - {{header: Số lượng cài đặt, source: cai_0203, format: integer}}
      - {{name: ty_le, header: Tỷ lệ cài đặt, formula: cai_0203 / dan_so, format: percent}}
    sort: {{by: ty_le, descending: true}}
    total: {{label: TOÀN TỈNH}}
body: |
  Kết quả cài đặt ứng dụng Bluezone theo từng xã như sau:

  {{{{ table("xa") }}}}

  Đề nghị các đơn vị tiếp tục triển khai.
signature:
  title: Giám đốc
  name: Nguyễn Văn A
"""


def stats_table(folder: Path, rows: int) -> float:
    """Seconds for `dispatch-gen render` of a letter whose table has `rows` units."""
    units = folder / f"xa-{rows}.csv"
    make_units(rows, units)
    letter = folder / f"bang-{rows}.yaml"
    letter.write_text(STATS_LETTER.format(csv=units.name), encoding="utf-8")
    out = folder / f"bang-{rows}.docx"
    return timed([*dispatch_gen(), "render", str(letter), "-o", str(out)]).seconds


def check_rate(letters: list[Path], *options: str) -> tuple[int, float]:
    """(letters, seconds) for one `dispatch-gen check` over the batch's letters."""
    command = [*dispatch_gen(), "check", *options, *map(str, letters)]
    return len(letters), timed(command).seconds
