"""How busy the machine is, and how much two processes really get from its two cores.

The benchmark shares its machine (another engineer's test suite, a virtual CPU whose host may
be busy): a figure taken while something else ran is slower for a reason that is not ours. So
each measurement waits for the machine to be quiet, and records the CPU share that processes
other than its own used while it ran ("foreign load": 0 is an idle machine, 1 is both cores
busy with something else).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

_TICKS = os.sysconf("SC_CLK_TCK")
# Pure-Python work of about a second, like WeasyPrint's layout: no I/O, no C extension.
_SPIN = "x = 0\nfor i in range(25_000_000): x += i"


def _cpu_busy_seconds() -> tuple[float, float]:
    """(busy, steal) seconds of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq) / _TICKS, steal / _TICKS


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def idle_share(seconds: float = 0.5) -> float:
    busy = _cpu_busy_seconds()[0]
    time.sleep(seconds)
    used = _cpu_busy_seconds()[0] - busy
    return max(0.0, 1 - used / (seconds * (os.cpu_count() or 1)))


def wait_for_quiet(*, at_least: float = 0.9, give_up_after: float = 180.0) -> float:
    """Wait until the CPUs are ``at_least`` idle over half a second; return the idle share."""
    deadline = time.monotonic() + give_up_after
    share = idle_share()
    while share < at_least and time.monotonic() < deadline:
        share = idle_share()
    return share


@dataclass
class LoadMeter:
    """CPU used by others than our children while the block runs (children must be waited
    for before ``stop``, so that their CPU time is counted)."""

    start: float = 0.0
    busy: float = 0.0
    steal: float = 0.0
    ours: float = 0.0

    def begin(self) -> None:
        self.start = time.perf_counter()
        self.busy, self.steal = _cpu_busy_seconds()
        self.ours = _children_cpu_seconds()

    def foreign_load(self) -> tuple[float, float]:
        """(foreign load, steal) as shares of the machine's CPU time since ``begin``."""
        elapsed = (time.perf_counter() - self.start) * (os.cpu_count() or 1)
        busy, steal = _cpu_busy_seconds()
        ours = _children_cpu_seconds() - self.ours
        foreign = max(0.0, (busy - self.busy) - ours) / elapsed
        return foreign, (steal - self.steal) / elapsed


def calibrate(rounds: int = 3) -> dict[str, float]:
    """Seconds of the same pure-Python work alone and as two processes at once (medians):
    how much faster two processes can be on this machine, at best."""
    alone, together = [], []
    for _ in range(rounds):
        alone.append(_spin(1))
        together.append(_spin(2))
    alone.sort()
    together.sort()
    one, two = alone[rounds // 2], together[rounds // 2]
    return {"alone": one, "two_at_once": two, "speedup": 2 * one / two}


def _spin(processes: int) -> float:
    start = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(processes)]
    for process in running:
        process.wait()
    return time.perf_counter() - start
