"""The layout budget: a report too long to be worth laying out is refused, not laid out.

On 2026-12-01 a 110,001-character note made one LEA's report 105 pages and 100 s of a
worker's time, for everyone who asked for it. Each LEA report (a board packet's section as
well) gets at most ``pages`` pages and ``seconds`` of layout (``SIR_TRACKER_REPORT_PAGE_LIMIT``,
``SIR_TRACKER_REPORT_SECONDS_LIMIT``). The budget is checked three times:

1. before layout, from the volume of text: no page of the print stylesheet holds more than
   ``PAGE_TEXT_CHARACTERS``, so more text than the limit's worth of pages is surely too long;
2. during layout, by an alarm (``SIGALRM``) once the seconds are spent, where the layout runs
   on a process's main thread (the worker, its layout processes, the commands);
3. after layout, before the PDF is written (two fifths of the time): the real page count, and
   the time taken where no alarm could be set.

Importing this module does not import WeasyPrint.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from types import FrameType
from typing import Any

from sir_tracker.core.errors import DomainError

# More characters of text than any page of reports/print.css holds (measured on the demo's
# reports: 750 to 2,000 a page; a page of nothing but a long note about 4,000).
PAGE_TEXT_CHARACTERS = 5_000
DEFAULT_PAGE_LIMIT = 150
DEFAULT_SECONDS_LIMIT = 120.0
# Seconds between alarms once the time is spent, until one stops the layout.
ALARM_AGAIN = 0.01

_TAGS = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
_STYLE_OR_SCRIPT = re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


class ReportOverBudget(DomainError):
    """A report's layout would pass the budget: refused, and nothing is archived."""


@dataclass(frozen=True)
class LayoutBudget:
    pages: int = DEFAULT_PAGE_LIMIT
    seconds: float = DEFAULT_SECONDS_LIMIT

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LayoutBudget:
        """From ``REPORT_PAGE_LIMIT`` and ``REPORT_SECONDS_LIMIT``; a value that is not a
        positive number stops the app at start (``config.configure`` reads it)."""
        pages = config.get("REPORT_PAGE_LIMIT", DEFAULT_PAGE_LIMIT)
        seconds = config.get("REPORT_SECONDS_LIMIT", DEFAULT_SECONDS_LIMIT)
        try:
            budget = cls(int(pages), float(seconds))
        except (TypeError, ValueError):
            raise ValueError(
                "SIR_TRACKER_REPORT_PAGE_LIMIT and SIR_TRACKER_REPORT_SECONDS_LIMIT must be "
                f"numbers, not {pages!r} and {seconds!r}."
            ) from None
        if budget.pages < 1 or budget.seconds <= 0:
            raise ValueError(
                "SIR_TRACKER_REPORT_PAGE_LIMIT and SIR_TRACKER_REPORT_SECONDS_LIMIT must be "
                f"more than 0, not {pages!r} and {seconds!r}."
            )
        return budget

    def check_text(self, html: str) -> None:
        """Refuse HTML with more text than ``pages`` pages can hold, before any layout."""
        body = _STYLE_OR_SCRIPT.sub(" ", html)
        characters = len(_SPACES.sub(" ", unescape(_TAGS.sub(" ", body))))
        at_least = -(-characters // PAGE_TEXT_CHARACTERS)
        if at_least > self.pages:
            raise self._refusal(
                f"would be at least {at_least:,} pages, over the limit of {self.pages:,}"
            )

    def check_pages(self, pages: int) -> None:
        if pages > self.pages:
            raise self._refusal(f"would be {pages:,} pages, over the limit of {self.pages:,}")

    @contextmanager
    def deadline(self) -> Iterator[None]:
        """Refuse the layout under way once ``seconds`` are spent: by an alarm on a main
        thread, else when the block ends."""
        started = time.monotonic()
        alarm = threading.current_thread() is threading.main_thread()
        if alarm:

            def spent(_signal: int, _frame: FrameType | None) -> None:
                raise self._over_time()

            # An alarm can land in a callback whose exceptions Python only reports (a weakref
            # callback run as an object is freed): that one is not reported, and the alarm
            # comes again until the layout stops.
            reporting = sys.unraisablehook

            def report_others(unraisable: Any) -> None:
                if not isinstance(unraisable.exc_value, ReportOverBudget):
                    reporting(unraisable)

            previous = signal.signal(signal.SIGALRM, spent)
            sys.unraisablehook = report_others
            signal.setitimer(signal.ITIMER_REAL, self.seconds, ALARM_AGAIN)
        try:
            yield
        finally:
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                sys.unraisablehook = reporting
        if time.monotonic() - started > self.seconds:
            raise self._over_time()

    def _over_time(self) -> ReportOverBudget:
        return self._refusal(f"takes longer than the limit of {self.seconds:g} seconds to lay out")

    @staticmethod
    def _refusal(what: str) -> ReportOverBudget:
        return ReportOverBudget(
            f"The report {what}. Shorten the longest notes, or ask an administrator to raise "
            "the limit."
        )
