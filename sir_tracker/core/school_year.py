"""The California school year (1 July - 30 June) and its quarters (Q1 Jul-Sep ... Q4 Apr-Jun)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache


@dataclass(frozen=True, order=True)
class SchoolQuarter:
    start_year: int  # the calendar year in which the school year begins
    quarter: int  # 1-4

    @classmethod
    def of(cls, day: date) -> SchoolQuarter:
        return _quarter_of(day)

    @property
    def school_year(self) -> str:
        """Written the California way, e.g. "2020-21"."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    # Cached: the dashboard asks them of the same few quarters thousands of times a page.
    @cached_property
    def first_day(self) -> date:
        month = 7 + 3 * (self.quarter - 1)
        year = self.start_year + (month > 12)
        return date(year, (month - 1) % 12 + 1, 1)

    @cached_property
    def last_day(self) -> date:
        return date.fromordinal(self.next().first_day.toordinal() - 1)

    def next(self) -> SchoolQuarter:
        if self.quarter == 4:
            return _quarter(self.start_year + 1, 1)
        return _quarter(self.start_year, self.quarter + 1)

    def __str__(self) -> str:
        return f"{self.school_year} Q{self.quarter}"


# A quarter is immutable: one object per quarter serves every caller, its days worked out once.
@lru_cache(maxsize=8192)
def _quarter_of(day: date) -> SchoolQuarter:
    start_year = day.year if day.month >= 7 else day.year - 1
    months_in = (day.month - 7) % 12
    return _quarter(start_year, months_in // 3 + 1)


@lru_cache(maxsize=1024)
def _quarter(start_year: int, quarter: int) -> SchoolQuarter:
    return SchoolQuarter(start_year, quarter)
