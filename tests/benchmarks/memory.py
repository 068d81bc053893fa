"""Peak memory of this process and of the processes it starts.

``ru_maxrss`` of a spawned child is not its own peak alone: Linux carries the pre-exec
high-water mark over ``execve`` (the child briefly is a copy of the parent), so a worker
started by a big parent reports at least the parent's size. ``VmHWM`` in /proc is the
high-water mark of the current address space only, so sampling it while the children run
gives each child's own peak; the sampler keeps the last value seen before each one exits.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path
from types import TracebackType

_POLL_SECONDS = 0.05


def self_peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def children_peak_kib() -> int:
    """The largest ``ru_maxrss`` of the children waited for so far (see the module's note)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


class ChildPeaks:
    """Samples ``VmHWM`` of this process's children while the block runs."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}  # pid -> KiB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def max_kib(self) -> int:
        return max(self.peaks.values(), default=0)

    def _run(self) -> None:
        while not self._stop.wait(_POLL_SECONDS):
            for pid in _children():
                peak = _vm_hwm_kib(pid)
                if peak is not None:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), peak)


def _children() -> set[int]:
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            continue  # the thread ended meanwhile
    return pids


def _vm_hwm_kib(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None  # it exited meanwhile
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None
