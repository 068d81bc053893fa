"""Laying out many report sections on several processes.

WeasyPrint is pure Python: two sections laid out at once in one process take as long as one
after the other (the GIL). Separate processes use both cores, and each lays out one LEA at a
time, so its memory does not grow with the size of the packet. Processes are spawned, not
forked: the parent holds database connections and threads that a fork would copy.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sir_tracker.reports.budget import LayoutBudget, ReportOverBudget

K = TypeVar("K")


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    pages: int
    peak_rss_kib: int  # the peak memory of the process that laid it out, so far


def lay_out(html: str, budget: LayoutBudget | None = None) -> LaidOut:
    """Lay out one section in this process (``render.html_to_pdf``)."""
    from sir_tracker.reports.render import html_to_pdf  # WeasyPrint: imported where it runs

    pdf = html_to_pdf(html, budget)
    return LaidOut(pdf.data, pdf.pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# Loads the report stylesheet and its fonts, as every report does the first time.
_WARM_UP_HTML = '<!doctype html><html lang="en"><link rel="stylesheet" href="print.css"><p>.</p>'


# How much lower than the web's the CPU priority of the report worker and of its layout
# processes is (``nice``). A packet keeps them busy for minutes; on a machine that also serves
# the app, pages and status updates asked for meanwhile then get the cores first instead of a
# share of them, and the packet takes the time the requests leave it.
BACKGROUND_NICENESS = 10


def run_below_the_web() -> None:
    """Lower this process's CPU priority to ``BACKGROUND_NICENESS`` (never raise it), and
    that of its session's scheduling group when the session is its own."""
    current = os.nice(0)
    if current < BACKGROUND_NICENESS:
        os.nice(BACKGROUND_NICENESS - current)
    # Linux with autogroups (kernel.sched_autogroup_enabled) shares the cores between sessions
    # before it looks at niceness: a worker in a session of its own (a service, or started with
    # setsid) kept half of them while a packet built, whatever its niceness (measured: the
    # dashboard's throughput halved). Its session's group is lowered then; not a session it
    # shares with the web's processes (``make run``), which would slow them with it.
    if os.getsid(0) == os.getpid():
        with contextlib.suppress(OSError):
            Path("/proc/self/autogroup").write_text(f"{BACKGROUND_NICENESS}\n")


def _warm_up() -> None:
    """Lower this process's priority; leave stopping to the worker; import WeasyPrint and load
    the fonts once, before the first section."""
    run_below_the_web()
    # A service manager, honcho or a terminal's Ctrl-C signals the worker's whole process group:
    # the layout processes died at once, and the job under way, which the worker was finishing
    # before it stopped, failed with a broken pool. They end when the worker closes the pool.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    lay_out(_WARM_UP_HTML)


class LayoutPool:
    """Processes that lay out HTML documents; below 2 processes, this process does it.

    Processes start on first use or on ``start``. ``lay_out_all`` holds each section to
    ``budget`` (``ReportOverBudget``).
    """

    def __init__(self, processes: int, budget: LayoutBudget | None = None) -> None:
        self.processes = processes
        self.budget = budget
        self.started = 0  # processes started so far
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> LayoutPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=error is not None)

    def start(self) -> None:
        """Start the processes now, so they get ready while the caller reads its data."""
        if self.processes < 2 or self._executor is not None:
            return
        self._executor = ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up
        )
        for _process in range(self.processes):
            self._executor.submit(int)  # a trivial task per process makes each one start
        self.started = self.processes

    def submit(self, html: str, budget: LayoutBudget | None = None) -> Future[LaidOut]:
        """Lay out ``html`` in a process of the pool (here, at once, without one)."""
        if self.processes < 2:
            done: Future[LaidOut] = Future()
            try:
                done.set_result(lay_out(html, budget))
            except ReportOverBudget as refusal:
                done.set_exception(refusal)
            return done
        self.start()
        assert self._executor is not None
        return self._executor.submit(lay_out, html, budget)

    def lay_out_all(self, sections: Iterable[tuple[K, str]]) -> Iterator[tuple[K, LaidOut]]:
        """Lay out each (key, HTML) and yield (key, result) as each is done, in no set order.

        ``sections`` is consumed lazily, a few ahead of the processes: the caller builds the
        next section's HTML while the processes lay out the previous ones.
        """
        pending: dict[Future[LaidOut], K] = {}
        source = iter(sections)

        def feed() -> None:
            while len(pending) < 2 * max(self.processes, 1):
                try:
                    key, html = next(source)
                except StopIteration:
                    return
                pending[self.submit(html, self.budget)] = key

        feed()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                key = pending.pop(future)
                yield key, future.result()
            feed()
