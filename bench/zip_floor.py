"""The zip-writing floor: what writing dispatch-gen's letters costs with nothing else to do.

    python bench/zip_floor.py LETTERS_DIR OUT_DIR      # prints {"letters": n, "seconds": s}

The parts of every letter in LETTERS_DIR are read into memory first (not timed). Then, timed,
dispatch-gen's own zip path alone: per letter, deflate the parts that differ from the first
letter's (the others are deflated once), lay out the zip, write the file. No templating, no XML
building, no start-up: the bound a whole batch approaches.
"""

from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

from dispatch_gen.docx.package import fixed_member, member, zip_bytes


def main(letters: Path, out: Path) -> None:
    packages = []
    for path in sorted(letters.glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            parts = [(n, package.read(n).decode("utf-8")) for n in package.namelist()]
            packages.append((path.name, parts))
    first = dict(packages[0][1])
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for name, parts in packages:
        members = [fixed_member(n, t) if first.get(n) == t else member(n, t) for n, t in parts]
        (out / name).write_bytes(zip_bytes(members))
    seconds = time.perf_counter() - start
    print(json.dumps({"letters": len(packages), "seconds": seconds}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
