"""Dates and times as every page, report, message and command writes them: California time,
"5 June 2021", "June 2021" and "9:05 am PDT". The Jinja filters of the same names (``long_date``,
``month_year``, ``time_of_day``, ``pacific_day``, ``pacific_datetime``) are these functions.

The public pages also come in Spanish: ``long_date`` and ``month_year`` take the reader's
``language`` there ("15 de junio de 2021", from Babel's locale data); everything else is
English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from babel.dates import format_date

from sir_tracker.core.pacific_time import PACIFIC


def long_date(day: date | None, language: str = "en") -> str:
    """ "5 June 2021" (no leading zero); empty for no day."""
    if day is None:
        return ""
    if language != "en":
        return format_date(day, format="long", locale=language)
    return f"{day.day} {day:%B %Y}"


def day_and_month(day: date) -> str:
    """ "1 October": the start of a span whose end gives the year."""
    return f"{day.day} {day:%B}"


def month_year(day: date, language: str = "en") -> str:
    """ "June 2021"."""
    if language != "en":
        return format_date(day, format="LLLL 'de' y", locale=language)
    return f"{day:%B %Y}"


def time_of_day(moment: datetime) -> str:
    """``moment``'s time in California with its zone: "9:05 am PDT"."""
    local = moment.astimezone(PACIFIC)
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M} {'am' if local.hour < 12 else 'pm'} {local.tzname()}"


def pacific_day(moment: datetime) -> str:
    """``moment``'s day in California: "5 June 2021"."""
    return long_date(moment.astimezone(PACIFIC).date())


def pacific_datetime(moment: datetime | None) -> str:
    """``moment`` in California: "5 June 2021, 9:05 am PDT"; empty for no moment."""
    if moment is None:
        return ""
    return f"{pacific_day(moment)}, {time_of_day(moment)}"


# The Jinja filters of the pages and of the PDF reports: ``{{ meeting.held_on|long_date }}``.
DATE_FILTERS: dict[str, Callable[[Any], str]] = {
    "long_date": long_date,
    "month_year": month_year,
    "time_of_day": time_of_day,
    "pacific_day": pacific_day,
    "pacific_datetime": pacific_datetime,
}


def dates_in(language: str) -> dict[str, Callable[[Any], str]]:
    """The date filters for pages in ``language`` (see the module's docstring)."""
    if language == "en":
        return dict(DATE_FILTERS)
    return {
        **DATE_FILTERS,
        "long_date": lambda day: long_date(day, language),
        "month_year": lambda day: month_year(day, language),
    }
