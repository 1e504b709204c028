"""Worker processes for `batch --jobs N`: rows handed out in chunks, results back in row order.

A worker starts from the prepared batch: forked as a copy of this process where the system
can fork safely (modules imported, the master's templates compiled), else spawned and given
what it needs to prepare its own (`Workers.start` and its arguments). Every worker ends with
the batch, also when the batch stops early. `multiprocessing` is imported only when workers
are asked for: a batch in one process never loads it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

Result = TypeVar("Result", covariant=True)


class Rows(Protocol[Result]):
    """What renders one row by its index (the batch's `Renderer`)."""

    def render(self, index: int) -> Result: ...


@dataclass(frozen=True)
class Workers:
    """How many workers, and how a spawned one prepares its own `Rows`: `start(*args)`
    (a module-level callable and picklable arguments; a forked worker needs neither)."""

    jobs: int
    start: Callable[..., Rows[Any]]
    args: tuple[Any, ...]


_WORKER: Rows[Any] | None = None


def _start_worker(start: Callable[..., Rows[Any]], args: tuple[Any, ...]) -> None:
    global _WORKER
    _WORKER = start(*args)


def _render_chunk(indices: list[int]) -> list[Any]:
    assert _WORKER is not None
    return [_WORKER.render(i) for i in indices]


def _chunks(total: int, jobs: int) -> list[list[int]]:
    """Rows in chunks that shrink towards the end (guided scheduling): at most 64 rows at first,
    then a quarter of each worker's share of what is left, down to 4; the worker that finishes
    first takes the next chunk, so the last ones are small and the workers end together."""
    chunks, start = [], 0
    while start < total:
        size = max(4, min(64, (total - start) // (jobs * 4)))
        chunks.append(list(range(start, min(start + size, total))))
        start += size
    return chunks


def start_method() -> str:
    """`fork` where the system has it (Linux, BSD): a worker starts as a copy of this process,
    modules imported and the master's templates compiled, with nothing to send or re-import.
    `spawn` elsewhere (Windows; macOS, where forking is unsafe for its system libraries)."""
    import multiprocessing

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def outcomes(rows: Rows[Result], total: int, workers: Workers | None) -> Iterator[Result]:
    """Every row's result in row order: here, or from `workers` given chunks of rows."""
    global _WORKER
    if workers is None or total < 2:
        for index in range(total):
            yield rows.render(index)
        return
    import multiprocessing

    chunks = _chunks(total, workers.jobs)
    method = start_method()
    context = multiprocessing.get_context(method)
    count = min(workers.jobs, len(chunks))
    if method == "fork":
        _WORKER = rows  # the forked workers find it in place, caches warm
        pool = context.Pool(count)
    else:
        pool = context.Pool(count, _start_worker, (workers.start, workers.args))
    try:
        for chunk in pool.imap(_render_chunk, chunks):
            yield from chunk
    except BaseException:  # GeneratorExit too: the batch stopped before its last row
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()
        _WORKER = None
