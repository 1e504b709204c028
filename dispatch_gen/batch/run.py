"""Running a batch: check what can stop it, render every row, keep the output folder honest.

1. Load the master letter and read the units table; a mistake in either stops the batch
   (InputError, exit 2) before anything is written.
2. Check each row: its file name, or why its letter cannot be made (`checks`). A row with a bad
   cell is set aside with its place (`units.xlsx:Sheet1:7`); a bad name pattern, or two rows
   with one file name, stop the batch.
3. Take away the last run's record, then render: in this process, or in `jobs` processes given
   chunks of rows (`pool`: results come back in row order, so the output is the same; the
   workers start composing while this process checks the rows, and write nothing until the
   batch may go). Each letter is written atomically; a row that fails (a template error, say)
   is reported and the rest go on.
4. Letters the last run wrote that this run did not (the row failed now, or left the table) are
   removed when unchanged since they were written (the record holds their SHA-256); a file
   changed since, or that no record accounts for, is kept and listed as `stale`, never as
   written. Then the new record is written; exit 3 when any row failed.

Warnings from the master's own text (stated figures, deadlines, place names) are found once, on
the first letter made (`Renderer.probe`: kept, and written as its row's letter), and reported
once; each row is checked for the place names its own data brings (recipients, cells printed in
the letter, its own duties).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dispatch_gen.advice import advise, block_text
from dispatch_gen.batch import manifest
from dispatch_gen.batch.checks import RowChecks, explain
from dispatch_gen.batch.combined import CombinedDocx, LettersZip
from dispatch_gen.batch.letters import OWN_DUTIES, RowLetter, row_letter
from dispatch_gen.batch.manifest import ERROR, OK, STALE, Entry
from dispatch_gen.batch.pool import Rendering, Workers
from dispatch_gen.batch.rows import UnitSheet, read_units
from dispatch_gen.batch.units import Units
from dispatch_gen.blocks import Letter, Paragraph, Span
from dispatch_gen.compose import compose
from dispatch_gen.docx.package import docx_bytes, write_atomic
from dispatch_gen.errors import InputError, Notice
from dispatch_gen.load import load
from dispatch_gen.model import Dispatch
from dispatch_gen.sheets import display_name

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INCOMPLETE = 0, 1, 2, 3
# The place-name check reports a unit word (tỉnh, huyện, quận, thị xã, thị trấn, thành phố, TP)
# and the name after it: a row whose text has none of these words needs no check.
_UNIT_WORD = re.compile(r"tỉnh|huyện|quận|thị xã|thị trấn|thành phố|tp", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    """What the clerk asked for (the command line, as values)."""

    master: Path
    units: Path
    out: Path
    sheet: str | None = None
    name: str | None = None
    templates: tuple[Path, ...] = ()
    jobs: int = 1
    combined: Path | None = None
    zip: Path | None = None


@dataclass(frozen=True)
class Plan:
    """What a process needs, besides the units, to render rows; sent once to each worker.
    Each row's file name comes with its verdict, once every row is checked."""

    master: Dispatch
    templates: tuple[Path, ...]
    out: Path
    keep_letters: bool = False  # send the composed letter back (for the print file)
    keep_data: bool = False  # send the .docx bytes back (for the zip)


# A row's verdict: its file name ("" when it has none), and why its letter cannot be made
# ("" when it can).
Verdict = tuple[str, str]
Made = tuple[int, RowLetter, Letter]  # a row's letter, made ahead of its turn


@dataclass(frozen=True)
class Outcome:
    """One row's result."""

    index: int
    recipient: str = ""
    error: str = ""
    sha256: str = ""
    size: int = 0
    notices: tuple[str, ...] = ()
    letter: Letter | None = None
    data: bytes | None = None


@dataclass
class Report:
    """What the run did: the record's entries, the batch's warnings, and the exit code."""

    entries: list[Entry]
    notices: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK


class Renderer:
    """One process's prepared batch: the master letter and the units, ready for any row."""

    def __init__(self, plan: Plan, units: Units) -> None:
        self.plan = plan
        self.units = units
        # the letter `probe` made, kept until its row is rendered (made once, not twice)
        self._made: Made | None = None

    def compose(self, index: int) -> tuple[RowLetter, Letter]:
        made = self._made
        if made is not None and made[0] == index:
            self._made = None
            return made[1], made[2]
        row = self.units[index]
        parts = row_letter(self.plan.master, row)
        variables = {"row": row, "units": self.units, **parts.variables}
        return parts, compose(parts.dispatch, self.plan.templates, variables)

    def render(self, index: int, verdict: Verdict | None) -> Outcome:
        """The row's letter, written under its name; with no verdict yet (composed ahead while
        the batch is still checked) made only: nothing written, its bytes sent back."""
        row = self.units[index]
        if verdict is not None and verdict[1]:
            return Outcome(index, error=verdict[1])
        if verdict is None and index in self.units.problems:
            return Outcome(index)  # a bad cell: the verdict will say why
        try:
            parts, letter = self.compose(index)
            data = docx_bytes(letter)
            notices = self.notices(index, parts, letter)
        except InputError as error:
            return Outcome(index, error=explain(error, row, self.units.columns))
        if verdict is not None:
            write_atomic(self.plan.out / verdict[0], data)
        return Outcome(
            index,
            recipient="; ".join(parts.dispatch.recipients),
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            notices=notices,
            letter=letter if self.plan.keep_letters else None,
            data=data if self.plan.keep_data or verdict is None else None,
        )

    def settle(self, outcome: Outcome, verdict: Verdict) -> Outcome:
        """A letter composed ahead, now that the batch may go: written (in this process) unless
        its row cannot be made."""
        name, blocked = verdict
        if blocked:
            return Outcome(outcome.index, error=blocked)
        if outcome.error or outcome.data is None:
            return outcome
        write_atomic(self.plan.out / name, outcome.data)
        return outcome if self.plan.keep_data else replace(outcome, data=None)

    def sweep(self, workers: set[int]) -> None:
        """The temp files (`open_atomic`'s `.NAME.PID.part`) of workers ended mid-letter."""
        for pid in workers:
            for temp in self.plan.out.glob(f".*.docx.{pid}.part"):
                with contextlib.suppress(OSError):  # the stop is what the clerk must hear of
                    temp.unlink(missing_ok=True)

    def notices(self, index: int, parts: RowLetter, letter: Letter) -> tuple[str, ...]:
        """The row's warnings as the clerk reads them: `units.csv:7: cảnh báo: …`."""
        place = self.units[index].place
        return tuple(
            f"{place}: cảnh báo: {n.message}" + (f" — {n.hint}" if n.hint else "")
            for n in self._row_notices(index, parts, letter)
        )

    def _row_notices(self, index: int, parts: RowLetter, letter: Letter) -> list[Notice]:
        """Place-name warnings for the text the row brings into its letter: its recipients, its
        cells that the letter prints, its own duties."""
        row = self.units[index]
        cells = [v for k, v in row.items() if isinstance(v, str) and k != "duties"]
        own = [*parts.dispatch.recipients, *cells, *parts.variables[OWN_DUTIES]]
        if not any(_UNIT_WORD.search(text) for text in own):
            return []
        printed = "\n".join(block_text(letter.body))
        texts = [t for t in cells if t in printed] + list(parts.variables[OWN_DUTIES])
        only_row = replace(letter, body=tuple(Paragraph((Span(t),)) for t in dict.fromkeys(texts)))
        own_only = replace(parts.dispatch, checks=(), deadlines={}, mentions=())  # not the master's
        return advise(own_only, only_row)

    def probe(self, blocked: Callable[[int], str], tries: int = 10) -> Made | None:
        """The first letter that can be made (`blocked(index)`: why a row cannot be), kept and
        written as its row's letter; a bad cell in a column its totals or ranks read stops the
        batch (`Units.probing`: every such cell listed)."""
        with self.units.probing():
            made = self._first_letter(blocked, tries)
        # Composed while probing, the letter is the plain one: a bad cell it read stopped us.
        self._made = made
        return made

    def batch_notices(self, made: Made | None) -> list[str]:
        """The master's own warnings (stated figures, deadlines, place names in its text), from
        the probe's letter. What the row itself brings is left to that row's warnings."""
        if made is None:
            return []
        index, parts, letter = made
        # Less the row's own (same message; the hint may differ, seen without the letter).
        rows = {n.message for n in self._row_notices(index, parts, letter)}
        return [str(n) for n in advise(parts.dispatch, letter) if n.message not in rows]

    def _first_letter(self, blocked: Callable[[int], str], tries: int) -> Made | None:
        for index in range(len(self.units)):
            if blocked(index):
                continue
            tries -= 1
            try:
                return (index, *self.compose(index))
            except InputError:
                if tries:
                    continue  # that row's own problem, reported with it
                return None
        return None


def prepared(plan: Plan, sheet: UnitSheet) -> Renderer:
    """A spawned worker's own `Renderer`, from the plan and the table it reads its rows from."""
    return Renderer(plan, Units(sheet))


def _sweep(out: Path, old: dict[str, str], written: set[str], failed: set[str]) -> list[Entry]:
    """Old letters that are not this run's: removed if unchanged since written, else `stale`."""
    stale = []
    for name in sorted((set(old) | failed) - written):
        path = out / name
        if Path(name).name != name or not name.endswith(".docx") or not path.is_file():
            continue  # only plain .docx names in this folder: a record cannot point elsewhere
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if old.get(name) == digest:
            path.unlink()
            continue
        stale.append(
            Entry(0, "", name, "", STALE, digest, path.stat().st_size,
                  "tệp cũ, không phải của lần chạy này (đã bị sửa hoặc không rõ nguồn): "
                  "không dùng; xóa hoặc chạy lại sau khi sửa dòng lỗi")
        )  # fmt: skip
    return stale


def run(options: Options, progress: Callable[[int, int], None] | None = None) -> Report:
    """Run the batch. Raises InputError (nothing written) when it cannot start."""
    master = load(options.master)
    sheet = read_units(options.units, options.sheet)
    units = Units(sheet)
    checks = RowChecks(master, units, options.name)  # a bad name pattern stops here
    others = (options.combined, options.zip)
    plan = Plan(master, options.templates, options.out, options.combined is not None,
                options.zip is not None)  # fmt: skip
    renderer = Renderer(plan, units)
    try:
        made = renderer.probe(checks.upto)  # the first letter, checking the rows before it
    except InputError:
        checks.finish(others, options.out)  # a clash is told first, as when checked before
        raise
    # a spawned worker reads its own rows from the table
    workers = Workers(options.jobs, prepared, (plan, sheet)) if options.jobs > 1 else None
    del sheet  # this process keeps only `units`
    # Workers compose the first rows ahead, writing nothing, while the rest is checked here.
    with Rendering(renderer, len(units), workers) as rendering:
        checks.finish(others, options.out)
        report = Report([], checks.notices + renderer.batch_notices(made))
        verdicts = list(zip(checks.names, checks.blocked, strict=True))
        return _write(options, units, rendering.outcomes(verdicts), verdicts, report, progress)


def _write(
    options: Options,
    units: Units,
    outcomes: Iterator[Outcome],
    verdicts: list[Verdict],
    report: Report,
    progress: Callable[[int, int], None] | None,
) -> Report:
    """The batch may go: the letters written, the old ones swept, the record written."""
    old = manifest.previous(options.out)
    options.out.mkdir(parents=True, exist_ok=True)
    manifest.remove(options.out)
    if progress:
        progress(0, len(verdicts))
    with (
        CombinedDocx(options.combined) if options.combined else _Nothing() as combined,
        LettersZip(options.zip) if options.zip else _Nothing() as letters,
    ):
        for outcome in outcomes:
            row, name = units[outcome.index], verdicts[outcome.index][0]
            if outcome.error:
                entry = Entry(row.position, str(row.place), name, "", ERROR, message=outcome.error)
            else:
                message = "\n".join(outcome.notices)
                entry = Entry(row.position, str(row.place), name, outcome.recipient, OK,
                              outcome.sha256, outcome.size, message)  # fmt: skip
                if outcome.letter is not None:
                    combined.add(outcome.letter)
                if outcome.data is not None:
                    letters.add(name, outcome.data)
            report.entries.append(entry)
            if progress:
                progress(len(report.entries), len(verdicts))
    written = {e.file for e in report.entries if e.status == OK}
    failed = {e.file for e in report.entries if e.status == ERROR and e.file}
    report.entries += _sweep(options.out, old, written, failed)
    inputs = {"master": display_name(options.master), "units": display_name(options.units)}
    manifest.write(options.out, report.entries, inputs)
    if any(e.status == ERROR for e in report.entries):
        # some letters missing: 3; none made at all is bad input, not a half-done batch: 2
        report.exit_code = EXIT_INCOMPLETE if written else EXIT_INPUT
    return report


class _Nothing:
    """Stands in for the print file or zip when not asked for."""

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *_: object) -> None:
        return None
