"""`make bench`: dispatch-gen's speed, measured fairly, every figure from one run.

    .venv/bin/python bench/bench_batch.py            # 1,000 letters, 3 paired rounds (~6 min idle)
    .venv/bin/python bench/bench_batch.py --quick    # a smaller run to check the bench itself

Every figure is a whole process timed from outside (start-up included), on the same letter
(bench/data/master.yaml: two pages, a table, seven or five numbered duties) for the same units:

- a batch: `dispatch-gen batch` against docxtpl rendering the same letter from a template with
  the same package parts and elements (bench/fair_template.py), equal letter counts, in paired
  rounds (dispatch-gen, docxtpl, dispatch-gen --jobs 2, in turn); a speed is the median of the
  per-round ratios, so a machine that slows down for a while slows both sides of a round.
  Before timing, `dispatch-gen text` must print the same words for both tools' letters.
- docxtpl with python-docx's full default package: a second line, one round, labelled;
- the zip floor (bench/zip_floor.py): dispatch-gen's zip path alone on the same letters;
- peak RSS at the batch size and at `--big` letters; `--jobs 2` against `--jobs 1`, at both;
- start-up: one letter's `render` against importing what it needs (the command frame, the
  pipeline, Vietnam's holiday calendar: the letter has a deadline);
- a statistics table of 100 / 1,000 / 10,000 rows rendered; `check` over the batch's letters, in one
  process (`--jobs 1`) and as a clerk runs it (no `--jobs`: a worker per core).
- where a letter's time goes (bench/stages.py: the batch in one process, its stages timed
  from inside), and what the speed target leaves for each letter.

Figures taken on a shared machine are noisy: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from fair_template import build_fair, build_full
from measures import (
    ESCAPED,
    MASTER,
    NAME,
    Timed,
    check_rate,
    dispatch_gen,
    load,
    make_units,
    median,
    startup,
    stats_table,
    timed,
)

from dispatch_gen.check.command import default_jobs, usable_cores

HERE = Path(__file__).resolve().parent
TARGETS = {"speed": 20.0, "floor": 0.60, "jobs": 1.7, "startup": 1.3, "table": 3.0, "check": 300}


def batch(units: Path, out: Path, jobs: int = 1) -> Timed:
    return timed([*dispatch_gen(), "batch", str(MASTER), "--each", str(units), "-o", str(out),
                  "--name", NAME, "--jobs", str(jobs), "-q"])  # fmt: skip


def docxtpl(template: Path, units: Path, out: Path) -> Timed:
    return timed([sys.executable, str(HERE / "docxtpl_batch.py"), str(template), str(units),
                  str(out)])  # fmt: skip


def floor(letters: Path, out: Path) -> float:
    """Letters per second of the zip path alone (timed inside its process)."""
    import json

    found = json.loads(timed([sys.executable, str(HERE / "zip_floor.py"), str(letters),
                              str(out)]).stdout)  # fmt: skip
    return found["letters"] / found["seconds"]


def stages(units: Path, out: Path) -> dict[str, Any]:
    """The batch in one process, its stages timed from inside (bench/stages.py)."""
    import json

    return json.loads(timed([sys.executable, str(HERE / "stages.py"), str(units),
                             str(out)]).stdout)  # fmt: skip


def letters(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.docx"))


def same_text(ours: Path, theirs: Path, count: int) -> str:
    """`dispatch-gen text` prints the same lines for both tools' letters (a 7-duty letter, a
    5-duty one, one with `&` and `<` in the unit's name); the fair template has the same parts."""
    picks = sorted({1, 3, ESCAPED} & set(range(1, count + 1)))
    a, b = letters(ours), letters(theirs)
    for i in picks:
        texts = [subprocess.run([*dispatch_gen(), "text", str(f)], capture_output=True,
                                text=True, check=True).stdout for f in (a[i - 1], b[i - 1])]
        if texts[0] != texts[1]:
            import difflib

            diff = "\n".join(difflib.unified_diff(*(t.splitlines() for t in texts), lineterm=""))
            sys.exit(f"the letters differ ({a[i - 1].name}):\n{diff}")
    parts = [sorted(zipfile.ZipFile(f).namelist()) for f in (a[0], b[0])]
    if parts[0] != parts[1]:
        sys.exit(f"the packages differ: {parts[0]} against {parts[1]}")
    shown = ", ".join(map(str, picks))
    return f"letters {shown} print the same text; both packages have {len(parts[0])} parts"


def size_kb(folder: Path) -> float:
    files = letters(folder)
    return sum(f.stat().st_size for f in files) / len(files) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1000, help="letters in a batch (1,000)")
    parser.add_argument("--big", type=int, default=10000, help="letters for the memory line")
    parser.add_argument("--rounds", type=int, default=3, help="paired rounds (3)")
    parser.add_argument("--quick", action="store_true", help="200 letters, 2 rounds, big 1,000")
    parser.add_argument("--dir", type=Path, help="where the letters go (default: the temp dir)")
    args = parser.parse_args()
    if args.quick:
        args.units, args.big, args.rounds = 200, 1000, 2
    rows = (100, 1000, 10000) if not args.quick else (100, 1000)
    # As installed: pip compiles a wheel's modules to bytecode, as it did docxtpl's and every
    # other library's here. A checkout run with PYTHONDONTWRITEBYTECODE=1 (this machine sets it)
    # would otherwise compile dispatch-gen's sources again in every process: ~0.1 s a start.
    package = importlib.util.find_spec("dispatch_gen")
    assert package is not None and package.origin, "dispatch-gen is not installed"
    compileall.compile_dir(Path(package.origin).parent, quiet=1)
    start_load = load()
    with tempfile.TemporaryDirectory(prefix="bench-", dir=args.dir) as temp:
        folder = Path(temp)
        units, big = folder / "units.csv", folder / "units-big.csv"
        make_units(args.units, units)
        make_units(args.big, big)
        fair, full = folder / "fair.docx", folder / "full.docx"
        build_fair(fair, dispatch_gen())
        build_full(full)
        # Whether the two tools make the same letter, before any timing (a table of 10 units).
        few = folder / "units-10.csv"
        make_units(min(10, args.units), few)
        batch(few, folder / "dg-check")
        docxtpl(fair, few, folder / "tpl-check")
        same = same_text(folder / "dg-check", folder / "tpl-check", min(10, args.units))
        rounds: list[dict[str, float]] = []
        for n in range(args.rounds):
            dg = batch(units, folder / f"dg-{n}")
            tpl = docxtpl(fair, units, folder / f"tpl-{n}")
            two = batch(units, folder / f"dg2-{n}", jobs=2)
            zips = floor(folder / f"dg-{n}", folder / f"floor-{n}")
            rounds.append({"dg": args.units / dg.seconds, "tpl": args.units / tpl.seconds,
                           "jobs": dg.seconds / two.seconds, "floor": zips,
                           "dg_peak": dg.peak_mb, "tpl_peak": tpl.peak_mb,
                           "dg_cpu": args.units / dg.cpu, "tpl_cpu": args.units / tpl.cpu})
            if not n:
                sizes = {"dg": size_kb(folder / "dg-0"), "fair": size_kb(folder / "tpl-0")}
        # Letters are kept until the end: deleting thousands of files makes the disk discard
        # their blocks for a while (this machine mounts with `discard`), which slowed file
        # creation in the next timed run tenfold, whichever tool's run it was.
        dg_full = batch(units, folder / "dg-full")
        tpl_full = docxtpl(full, units, folder / "tpl-full")
        sizes["full"] = size_kb(folder / "tpl-full")
        huge = batch(big, folder / "dg-big")
        huge_two = batch(big, folder / "dg2-big", jobs=2)  # where start-up weighs little
        render_s, import_s, start_ratio, loaded = startup(folder, 7 if not args.quick else 3)
        tables = {n: stats_table(folder, n) for n in rows}
        checked, check_s = check_rate(letters(folder / "dg-0"), "--jobs", "1")
        _, check_default_s = check_rate(letters(folder / "dg-0"))
        inside = stages(units, folder / "stages")
    report(args, rounds, sizes, same, (dg_full, tpl_full), (huge, huge_two),
           (render_s, import_s, start_ratio, loaded), tables, (checked, check_s, check_default_s),
           (start_load, load()))  # fmt: skip
    budget(inside, median([r["tpl"] for r in rounds]), TARGETS["speed"])


def _per_round(rounds: list[dict[str, float]], key: str) -> str:
    return ", ".join(f"{r[key]:.1f}" for r in rounds)


def report(args, rounds, sizes, same, full, huge, start, tables, check, loads) -> None:  # noqa: ANN001
    ratio = median([r["dg"] / r["tpl"] for r in rounds])
    fraction = median([r["dg"] / r["floor"] for r in rounds])
    jobs = median([r["jobs"] for r in rounds])
    dg, tpl = median([r["dg"] for r in rounds]), median([r["tpl"] for r in rounds])
    dg_full, tpl_full = full
    n, t = args.units, TARGETS
    print(f"dispatch-gen bench: {n:,} letters of bench/data/master.yaml, {args.rounds} paired "
          f"rounds, whole processes; load average {loads[0]} at start, {loads[1]} at end")
    print(f"{'':34}{'letters/s':>10}{'(by CPU)':>10}{'avg file':>10}{'peak RSS':>10}   rounds")
    print(f"{'dispatch-gen batch':34}{dg:>10.1f}{median([r['dg_cpu'] for r in rounds]):>10.1f}"
          f"{sizes['dg']:>8.1f}KB{median([r['dg_peak'] for r in rounds]):>8.0f}MB   "
          f"{_per_round(rounds, 'dg')}")
    print(f"{'docxtpl, same parts and content':34}{tpl:>10.1f}"
          f"{median([r['tpl_cpu'] for r in rounds]):>10.1f}{sizes['fair']:>8.1f}KB"
          f"{median([r['tpl_peak'] for r in rounds]):>8.0f}MB   {_per_round(rounds, 'tpl')}")
    print(f"{'docxtpl, python-docx full package':34}{n / tpl_full.seconds:>10.1f}"
          f"{n / tpl_full.cpu:>10.1f}{sizes['full']:>8.1f}KB{tpl_full.peak_mb:>8.0f}MB   "
          "one round (second line: not the fair comparison)")
    print(f"same letter: {same}")
    print(f"speed: dispatch-gen is {ratio:.1f}× the fair docxtpl letter (median of per-round "
          f"ratios; target ≥ {t['speed']:.0f}×); "
          f"{(n / dg_full.seconds) / (n / tpl_full.seconds):.1f}× the full-package one (1 round)")
    print(f"size: a dispatch-gen letter is {sizes['dg'] / sizes['fair']:.2f} of the fair docxtpl "
          f"letter's, {sizes['dg'] / sizes['full']:.2f} of the full-package one's")
    print(f"floor: the zip path alone writes {median([r['floor'] for r in rounds]):.0f} letters/s "
          f"in-process; the whole dispatch-gen batch reaches {fraction:.0%} of it "
          f"(target ≥ {t['floor']:.0%})")
    huge, huge_two = huge
    print(f"memory: peak RSS {median([r['dg_peak'] for r in rounds]):.0f} MB at {n:,} letters, "
          f"{huge.peak_mb:.0f} MB at {args.big:,} ({args.big / huge.seconds:.0f} letters/s)")
    print(f"--jobs 2: {jobs:.2f}× --jobs 1 at {n:,} letters (median of per-round ratios: "
          f"{_per_round(rounds, 'jobs')}); {huge.seconds / huge_two.seconds:.2f}× at "
          f"{args.big:,} ({args.big / huge_two.seconds:.0f} letters/s, one pair); target ≥ "
          f"{t['jobs']}× on 2 idle cores")
    render_s, import_s, start_ratio, loaded = start
    print(f"start-up: one letter's render {render_s:.2f} s, importing what it needs (the command, "
          f"the pipeline, the holiday calendar, Babel's numbers) {import_s:.2f} s: "
          f"{start_ratio:.2f}× (target ≤ {t['startup']}×); render loaded: {loaded}")
    print("stats table: " + ", ".join(f"{rows:,} rows {s:.2f} s" for rows, s in tables.items())
          + f" whole process (target ≤ {t['table']:.0f} s at 10,000)")
    checked, check_s, check_default_s = check
    workers = default_jobs(checked, usable_cores())
    print(f"check: {checked:,} letters in {check_s:.2f} s in one process (--jobs 1) = "
          f"{checked / check_s:.0f} letters/s (target ≥ {t['check']}); as run by default "
          f"({workers} worker{'s' if workers > 1 else ''}, a core each) "
          f"{checked / check_default_s:.0f} letters/s")


def budget(inside: dict[str, Any], fair: float, target: float) -> None:
    """Where a letter's time goes, and what the speed target leaves for each letter."""
    n, stages = inside["letters"], inside["stages"]
    total = inside["import"] + sum(stages.values())
    print(f"where the time goes (one process, {n:,} letters, stages timed from inside: "
          f"{total:.2f} s with imports; shares, the wrappers cost a little):")
    print(f"  {'imports':58}{inside['import'] * 1000:>8.0f} ms once")
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        if stage.startswith("one-time"):
            print(f"  {stage:58}{seconds * 1000:>8.0f} ms once")
        else:
            print(f"  {stage:58}{seconds / n * 1000:>8.2f} ms a letter")
    once = inside["import"] + sum(s for k, s in stages.items() if k.startswith("one-time"))
    allowed = 1000 / (fair * target)  # ms a letter, start-up included
    print(f"  {target:.0f}× the fair docxtpl letter ({fair:.1f} letters/s) allows "
          f"{allowed:.2f} ms a letter, start-up included: {allowed - once * 1000 / n:.2f} ms "
          f"for each of {n:,} letters after {once:.2f} s of start-up and one-time work")


if __name__ == "__main__":
    main()
