"""The layout processes of a packet: they lay out what they are given, and leave the cores to
the web's processes first (a lower CPU priority), so that pages stay prompt while a packet
builds (the load benchmark measures it: tests/benchmarks/bench_load.py)."""

from __future__ import annotations

import multiprocessing
import os
import time

from sir_tracker.reports.parallel import BACKGROUND_NICENESS, LayoutPool
from tests.support import pdfs

SECTION = '<!doctype html><html lang="en"><title>A section</title><p>Seventeen actions.</p>'


def test_the_layout_processes_run_below_the_priority_of_the_web() -> None:
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
    assert priorities == [below, below]
