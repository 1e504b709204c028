"""Where a batch letter's time goes: the batch in one process, its stages timed from inside.

    python bench/stages.py UNITS_CSV OUT_DIR       # prints a JSON object of seconds

`dispatch-gen batch` of bench/data/master.yaml runs here in-process (`--jobs 1`), with the
pipeline's stage functions wrapped by a stopwatch that charges each moment to the innermost
stage running (a template that calls `duty_list()` charges its own time to the template, the
nested renders' to the template too, never twice). What no stage claims inside a letter is the
batch's own work for it (its file name, SHA-256, warnings); what runs outside every letter is the
one-time work (load, table, file names, the master's warnings, the record). Import time is
timed separately. The wrappers add a few microseconds a call: these are shares, not speeds;
the speeds are bench_batch.py's whole-process figures.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

started = time.perf_counter()
import dispatch_gen.cli  # noqa: E402,F401  (what the batch command imports, timed)
from dispatch_gen import markup, templating  # noqa: E402
from dispatch_gen.batch import run as batch_run  # noqa: E402
from dispatch_gen.docx import package  # noqa: E402

IMPORTED = time.perf_counter() - started
MASTER = Path(__file__).resolve().parent / "data" / "master.yaml"
NAME = "{stt:05d}-{don_vi}"

# (module, function name, stage): each wrapped where its caller looks it up.
STAGES = (
    (batch_run.Renderer, "render", "letter: the batch's own (name, SHA-256, warnings)"),
    (batch_run, "row_letter", "letter: the row's values"),
    (batch_run, "compose", "letter: fixed parts (header, Kính gửi, closing)"),
    (templating, "render_text", "letter: templates (Jinja, sandboxed)"),
    (templating, "render_file", "letter: templates (Jinja, sandboxed)"),
    (markup, "parse", "letter: markup → blocks"),
    (package, "document", "letter: document XML"),
    (batch_run, "docx_bytes", "letter: other parts, deflate, zip"),
    (batch_run, "write_atomic", "letter: file written (temp file, rename)"),
)
ONCE = "one-time: load, table, file names, master's warnings, record"


class Stopwatch:
    """Exclusive time per stage: entering a stage pauses the one it was called from."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.stack = [ONCE]
        self.mark = time.perf_counter()

    def _switch(self) -> None:
        now = time.perf_counter()
        stage = self.stack[-1]
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self.mark
        self.mark = now

    def wrap(self, function: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._switch()
            self.stack.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                self._switch()
                self.stack.pop()

        return timed


def main(units: Path, out: Path) -> None:
    watch = Stopwatch()
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in STAGES]
    for (owner, name, function), (_, _, stage) in zip(originals, STAGES, strict=True):
        setattr(owner, name, watch.wrap(function, stage))
    options = batch_run.Options(MASTER, units, out, name=NAME)
    watch.mark = start = time.perf_counter()
    try:
        report = batch_run.run(options)
        watch._switch()
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)
    letters = sum(1 for entry in report.entries if entry.status == "ok")
    print(json.dumps({"letters": letters, "seconds": time.perf_counter() - start,
                      "import": IMPORTED, "stages": watch.seconds}))  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
