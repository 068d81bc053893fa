"""The layout processes of a packet: they lay out what they are given, and leave the cores to
the web's processes first (a lower CPU priority), so that pages stay prompt while a packet
builds (the load benchmark measures it: tests/benchmarks/bench_load.py)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from sir_tracker.reports.parallel import BACKGROUND_NICENESS, LayoutPool
from tests.support import pdfs

SECTION = '<!doctype html><html lang="en"><title>A section</title><p>Seventeen actions.</p>'


def test_the_layout_processes_run_below_the_web_and_outlast_a_stop_signal() -> None:
    below = max(os.getpriority(os.PRIO_PROCESS, 0), BACKGROUND_NICENESS)
    with LayoutPool(2) as pool:
        laid_out = pool.submit(SECTION).result(timeout=60)
        assert "Seventeen actions." in pdfs.text(laid_out.pdf)
        # Each process lowers its own priority as it starts: wait for the second one too.
        deadline = time.monotonic() + 30
        while True:
            priorities = [
                os.getpriority(os.PRIO_PROCESS, child.pid)  # type: ignore[arg-type]
                for child in multiprocessing.active_children()
            ]
            if priorities.count(below) == 2 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        # What a service manager or Ctrl-C sends the worker's whole process group: the worker
        # finishes the job under way before it stops, so its layout processes must go on.
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGTERM)  # type: ignore[arg-type]
            os.kill(child.pid, signal.SIGINT)  # type: ignore[arg-type]
        after = [pool.submit(SECTION).result(timeout=60) for _ in range(2)]
    assert priorities == [below, below]
    assert all("Seventeen actions." in pdfs.text(each.pdf) for each in after)
