"""Long fuzz run: mutate the examples N times, render each, count what broke (by kind).

    .venv/bin/python bench/fuzz_letters.py --cases 5000 [--seed 1]

Prints the number of cases, how many ended in a good .docx and how many in a located error,
and every failure kind (traceback, hang, broken .docx, message without place) with its count
and one example. The cases are those of tests/test_fuzz.py (same strategies, same checks).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.letter_fuzz import Case, letter_cases, run_case, summary, workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    failures: Counter[str] = Counter()
    first: dict[str, str] = {}
    outcomes: Counter[str] = Counter()
    folder = workspace(Path(tempfile.mkdtemp(prefix="fuzz-")))
    started = time.monotonic()

    @seed(args.seed)
    @settings(
        max_examples=args.cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=letter_cases())
    def one(case: Case) -> None:
        broken = run_case(case, folder)
        outcomes["cases"] += 1
        if outcomes["cases"] % 500 == 0:
            print(f"… {outcomes['cases']} cases", file=sys.stderr)
        if broken is None:
            ok = (folder / "out" / "letter.docx").exists()
            outcomes["docx" if ok else "located error"] += 1
            return
        failures[broken] += 1
        first.setdefault(broken, summary(case)[:600])

    one()
    seconds = time.monotonic() - started
    print(f"cases: {outcomes['cases']}  .docx: {outcomes['docx']}  "
          f"located errors: {outcomes['located error']}  failures: {sum(failures.values())}  "
          f"({seconds:.0f} s)")
    for kind, count in failures.most_common():
        print(f"\n{count:5d}  {kind}\n{first[kind]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
