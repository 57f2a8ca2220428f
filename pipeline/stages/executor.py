"""Where extraction runs: local processes by default, a Dask cluster when given a scheduler address.

Extraction is a pure function of one report, so any executor that returns each report's result
in report order gives the same tables. An executor is a context manager whose `map(fn, items)`
yields `fn(item)` for every item, in order, as results arrive.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from tipfacts.errors import ExitCode, TipfactsError

BATCH = 32  # reports per Dask task at most: one task a report costs more in scheduling than in rules
IN_FLIGHT_PER_WORKER = 4  # Dask tasks queued per worker thread, so reports are not all shipped at once


class SchedulerError(TipfactsError):
    """The Dask scheduler cannot be used: unreachable, no workers, or workers running other code."""

    exit_code = ExitCode.SCHEDULER


class Executor(Protocol):
    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]: ...


class InProcess:
    """Every report in this process (one worker, or a handful of reports)."""

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        return map(fn, items)


class LocalProcesses:
    """`workers` processes started from a small server process (forkserver), not from a copy of this
    one with every report in it; `preload` is imported there once."""

    def __init__(self, workers: int, preload: str, stack: contextlib.ExitStack) -> None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([preload])
        else:  # Windows
            context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, mp_context=context))

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        chunk = max(1, min(64, len(items) // (self.workers * 4)))
        return self.pool.map(fn, items, chunksize=chunk)


def _apply(fn: Callable[[Any], Any], batch: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in batch]


class Dask:
    """A Dask distributed cluster (`tipfacts build --scheduler tcp://HOST:8786`). Its workers must import
    the same tipfacts code as this process: `fingerprint` is run on each and must give `expected`."""

    def __init__(
        self, address: str, stack: contextlib.ExitStack, fingerprint: Callable[[], str], expected: str
    ) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise SchedulerError(
                "--scheduler needs Dask distributed; install it with `pip install 'tipfacts[dask]'`"
            ) from None
        try:
            self.client = stack.enter_context(Client(address, timeout="10s", set_as_default=False))
            self.client.wait_for_workers(1, timeout=30)
        except (OSError, TimeoutError) as err:
            raise SchedulerError(f"cannot use the Dask scheduler at {address}: {err}") from None
        found = self.client.run(fingerprint)
        other = sorted(worker for worker, value in found.items() if value != expected)
        if other:
            raise SchedulerError(
                f"Dask workers {', '.join(other)} run other tipfacts code than this process "
                f"(rules fingerprint {found[other[0]]} instead of {expected}): install the same version there"
            )
        self.threads = max(1, sum(self.client.nthreads().values()))
        self.in_flight = max(2, self.threads * IN_FLIGHT_PER_WORKER)

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Iterator[Any]:
        size = max(1, min(BATCH, len(items) // self.in_flight))  # every thread busy even on a small corpus
        batches = (items[i : i + size] for i in range(0, len(items), size))
        pending: collections.deque = collections.deque()
        for batch in batches:
            pending.append(self.client.submit(_apply, fn, batch, pure=False))
            if len(pending) >= self.in_flight:
                yield from self._take(pending)
        while pending:
            yield from self._take(pending)

    @staticmethod
    def _take(pending: collections.deque) -> list[Any]:
        future = pending.popleft()
        results = future.result()
        future.release()
        return results


def executor(
    stack: contextlib.ExitStack,
    n_items: int,
    workers: int = 0,
    scheduler: str | None = None,
    preload: str = "tipfacts.stages.extract",
    fingerprint: Callable[[], str] | None = None,
) -> Executor:
    """The executor for `n_items` reports: Dask if `scheduler` is given, else `workers` local processes
    (0: one per core; one process or one item: this process). Closed with `stack`."""
    if scheduler:
        assert fingerprint is not None
        return Dask(scheduler, stack, fingerprint, fingerprint())
    workers = min(workers or os.cpu_count() or 1, max(1, n_items))
    return LocalProcesses(workers, preload, stack) if workers > 1 else InProcess()
