"""Worker processes for `batch --jobs N`: rows handed out in chunks, results back in row order.

A worker starts from the prepared batch: forked as a copy of this process where the system
can fork safely (modules imported, the master's templates compiled), else spawned and given
what it needs to prepare its own (`Workers.start` and its arguments).

Workers start before the batch may go: while this process still checks every row's name and
the master's warnings, they compose the first rows' letters ahead, writing nothing (no letter,
no temp file): each row is rendered with no verdict and its bytes come back here. Once the
batch may go, the rest of the rows go out with their verdicts (file name, or why the row cannot
be made) and the workers write them; the letters composed ahead are written here (`settle`).
When the batch stops instead, the workers are ended and nothing they made is kept: a worker
ended in the middle of a letter leaves its temp file, which this process then removes (`sweep`;
a worker keeps the default SIGTERM, since a Python handler could miss it in a blocking call and
hang the pool). Every worker ends with the batch, also when it stops early. `multiprocessing`
is imported only when workers are asked for: a batch in one process never loads it.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Rows(Protocol):
    """What renders one row by its index (the batch's `Renderer`)."""

    def render(self, index: int, verdict: Any) -> Any:
        """The row's result; with no verdict (None) made only, nothing written."""

    def settle(self, result: Any, verdict: Any) -> Any:
        """A result made with no verdict, once the verdict is known (in this process)."""

    def sweep(self, workers: set[int]) -> None:
        """Take away what the workers with these process ids left half-written when ended."""


@dataclass(frozen=True)
class Workers:
    """How many workers, and how a spawned one prepares its own `Rows`: `start(*args)`
    (a module-level callable and picklable arguments; a forked worker needs neither)."""

    jobs: int
    start: Callable[..., Rows]
    args: tuple[Any, ...]


_WORKER: Rows | None = None
AHEAD_CHUNK = 8  # rows in a chunk composed ahead: small, so that both workers have some


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the
    machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def default_jobs(items: int, cores: int, per_worker: int) -> int:
    """Processes for `items` rows or files when the clerk does not say: one per core, as long
    as each gets `per_worker` at least (fewer, and starting it costs what it saves)."""
    return max(1, min(cores, items // per_worker))


def quiet_worker() -> None:
    """Ctrl+C reaches every process of the terminal's group: a worker leaves it to the command,
    which ends the workers (SIGTERM, its default action) and says "Đã dừng." once, instead of
    each worker printing that it was interrupted."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(start: Callable[..., Rows], args: tuple[Any, ...]) -> None:
    global _WORKER
    quiet_worker()
    _WORKER = start(*args)


def _render_chunk(task: tuple[list[int], list[Any] | None]) -> list[Any]:
    indices, verdicts = task
    assert _WORKER is not None
    if verdicts is None:  # ahead: made, not written
        return [_WORKER.render(i, None) for i in indices]
    return [_WORKER.render(i, v) for i, v in zip(indices, verdicts, strict=True)]


def _chunks(total: int, jobs: int, start: int = 0, most: int = 64) -> list[list[int]]:
    """Rows `start`… in chunks that shrink towards the end (guided scheduling): at most `most`
    rows at first, then a quarter of each worker's share of what is left, down to 4; the worker
    that finishes first takes the next chunk, so the last ones are small and the workers end
    together."""
    chunks = []
    while start < total:
        size = max(4, min(most, (total - start) // (jobs * 4)))
        chunks.append(list(range(start, min(start + size, total))))
        start += size
    return chunks


def ahead(total: int, jobs: int) -> int:
    """How many rows the workers compose before the batch may go: more than they make while
    this process checks the rows (which it does sharing the cores with them), at most 256 each.
    Too many costs little (a letter's bytes sent back, written here instead of there); too few
    leaves the workers waiting."""
    return min(total, jobs * min(256, 32 + total // 32))


def start_method() -> str:
    """`fork` where the system has it (Linux, BSD): a worker starts as a copy of this process,
    modules imported and the master's templates compiled, with nothing to send or re-import.
    `spawn` elsewhere (Windows; macOS, where forking is unsafe for its system libraries)."""
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class Rendering:
    """Every row's result in row order: here (no workers), or from workers started when the
    block is entered, composing ahead until `outcomes` gives the verdicts; leaving the block
    before the last result (an error, the batch stopped) ends the workers."""

    def __init__(self, rows: Rows, total: int, workers: Workers | None) -> None:
        self.rows = rows
        self.total = total
        self.workers = workers if total >= 2 else None
        self._pool: Any = None
        self._early: Iterator[list[Any]] = iter(())
        self._ahead = 0
        self._done = False

    def __enter__(self) -> Rendering:
        global _WORKER
        if self.workers is None:
            return self
        import multiprocessing

        jobs = self.workers.jobs
        method = start_method()
        context = multiprocessing.get_context(method)
        count = min(jobs, len(_chunks(self.total, jobs)))
        if method == "fork":
            _WORKER = self.rows  # the forked workers find it in place, caches warm
            self._pool = context.Pool(count, quiet_worker)
        else:
            args = (self.workers.start, self.workers.args)
            self._pool = context.Pool(count, _start_worker, args)
        self._ahead = ahead(self.total, jobs)
        early = [(chunk, None) for chunk in _chunks(self._ahead, jobs, most=AHEAD_CHUNK)]
        self._early = self._pool.imap(_render_chunk, early)
        return self

    def outcomes(self, verdicts: Sequence[Any]) -> Iterator[Any]:
        """The results, now that every row's verdict is known."""
        if self._pool is None:
            for index in range(self.total):
                yield self.rows.render(index, verdicts[index])
            self._done = True
            return
        assert self.workers is not None
        later = [
            (chunk, [verdicts[i] for i in chunk])
            for chunk in _chunks(self.total, self.workers.jobs, start=self._ahead)
        ]
        rest = self._pool.imap(_render_chunk, later) if later else iter(())
        index = 0
        for chunk in self._early:
            for result in chunk:
                yield self.rows.settle(result, verdicts[index])
                index += 1
        for chunk in rest:
            yield from chunk
        self._done = True

    def __exit__(self, *error: object) -> None:
        global _WORKER
        if self._pool is None:
            return
        import multiprocessing

        workers: set[int] = set()
        try:
            if self._done:
                self._pool.close()
            else:  # the batch stopped: what the workers made, or are making, is dropped
                workers = {process.pid for process in multiprocessing.active_children()}
                self._pool.terminate()
        finally:
            self._pool.join()
            self._pool = None
            _WORKER = None
        if not self._done:
            self.rows.sweep(workers)
