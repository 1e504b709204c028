"""The batch's record (bảng kê): every row, its file, recipient, SHA-256 and status, as CSV
(opens in Excel) and JSON (for programs and for the next run).

Statuses: `ok` (written by this run), `error` (not written: the message says why), `stale`
(a file a run before this one left, kept because it was changed since it was written or no
record says who wrote it; it is not this run's letter). The record has no clock time: the same
inputs give the same record.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dispatch_gen.docx.package import open_atomic

CSV_NAME = "manifest.csv"
JSON_NAME = "manifest.json"
OK, ERROR, STALE = "ok", "error", "stale"


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the record. `stt` counts the table's rows from 1 (0 for a stale file)."""

    stt: int
    place: str
    file: str
    recipient: str
    status: str
    sha256: str = ""
    size: int = 0
    message: str = ""


def previous(folder: Path) -> dict[str, str]:
    """File → SHA-256 of the letters the last complete record lists as written (ok)."""
    try:
        data = json.loads((folder / JSON_NAME).read_text(encoding="utf-8"))
        return {
            str(e["file"]): str(e["sha256"])
            for e in data["letters"]
            if e.get("status") == OK and e.get("file")
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def summary(entries: list[Entry]) -> dict[str, int]:
    return {status: sum(e.status == status for e in entries) for status in (OK, ERROR, STALE)}


def write(folder: Path, entries: list[Entry], inputs: dict[str, Any]) -> None:
    """Write manifest.json and manifest.csv, each atomically, a line at a time (a batch of ten
    thousand letters builds no big string)."""
    counts = summary(entries)
    head = {**inputs, "complete": counts[ERROR] == 0, "summary": counts}
    names = list(Entry.__dataclass_fields__)  # every field a str or an int
    line = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False)
    with open_atomic(folder / JSON_NAME) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "letters": [')
        for n, entry in enumerate(entries):
            fields = {name: getattr(entry, name) for name in names}
            out.write(("," if n else "") + "\n    " + line(fields))
        out.write("\n  ]\n}\n")
        out.detach()
    with open_atomic(folder / CSV_NAME) as raw:
        # UTF-8 with a BOM: Excel then reads the Vietnamese letters right.
        out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([getattr(e, n) for n in names] for e in entries)
        out.detach()


def remove(folder: Path) -> None:
    """Take the old record away before a run writes letters: a run that stops half way must not
    leave a record that calls the folder complete."""
    for name in (JSON_NAME, CSV_NAME):
        (folder / name).unlink(missing_ok=True)
