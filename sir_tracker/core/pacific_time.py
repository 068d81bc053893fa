"""California local time: the days that users name ("as of 30 June 2020") are Pacific days."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")


def end_of_day(day: date) -> datetime:
    """The first instant after ``day`` ends in California (exclusive upper bound)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=PACIFIC)


def at_local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PACIFIC)


def today() -> date:
    return datetime.now(PACIFIC).date()
