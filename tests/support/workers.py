"""The report worker (``jobs.work``, what ``sir-tracker worker`` runs) in a thread of the test
process, and waiting for what it does."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sir_tracker.core.db import Database
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports import jobs


@contextmanager
def worker_thread(database: Database, *, poll_seconds: float = 0.1) -> Iterator[threading.Thread]:
    """A worker running until the block ends (it finishes the job under way first)."""
    stop = threading.Event()
    thread = threading.Thread(
        target=jobs.work,
        args=(database,),
        kwargs={
            "thresholds": Thresholds(),
            "processes": 1,
            "poll_seconds": poll_seconds,
            "should_stop": stop.is_set,
        },
        name="report-worker",
    )
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=30)


def eventually(check: Callable[[], bool], seconds: float = 60) -> bool:
    """Whether ``check`` comes true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
