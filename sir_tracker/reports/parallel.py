"""Laying out many report sections on several processes.

WeasyPrint is pure Python: two sections laid out at once in one process take as long as one
after the other (the GIL). Separate processes use both cores, and each lays out one LEA at a
time, so its memory does not grow with the size of the packet. Processes are spawned, not
forked: the parent holds database connections and threads that a fork would copy.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K")


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    pages: int
    peak_rss_kib: int  # the peak memory of the process that laid it out, so far


def lay_out(html: str) -> LaidOut:
    """Lay out one section in this process (``render.html_to_pdf``)."""
    from sir_tracker.reports.render import html_to_pdf  # WeasyPrint: imported where it runs

    pdf = html_to_pdf(html)
    return LaidOut(pdf.data, pdf.pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _warm_up() -> None:
    import sir_tracker.reports.render  # noqa: F401 - import WeasyPrint once, before the first job


def lay_out_all(sections: Iterable[tuple[K, str]], processes: int) -> Iterator[tuple[K, LaidOut]]:
    """Lay out each (key, HTML) and yield (key, result) as each is done, in no set order.

    ``sections`` is consumed lazily, a few ahead of the processes: the caller can build the
    next section's HTML while the processes lay out the previous ones. ``processes`` below 2
    lays out in this process.
    """
    if processes < 2:
        for key, html in sections:
            yield key, lay_out(html)
        return
    pending: dict[Future[LaidOut], K] = {}
    source = iter(sections)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_warm_up) as pool:

        def feed() -> None:
            while len(pending) < 2 * processes:
                try:
                    key, html = next(source)
                except StopIteration:
                    return
                pending[pool.submit(lay_out, html)] = key

        feed()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                key = pending.pop(future)
                yield key, future.result()
            feed()
