"""Pages as of a past day: the dashboard, the LEA page and the SIR page read ``?as_of=`` from
the query string, show what they showed at the end of that Pacific day (the figures of the
status report for that day), and keep the day in their links to each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from werkzeug.datastructures import MultiDict

from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.web.forms import AsOfForm


@dataclass(frozen=True)
class AsOf:
    """The day asked for; ``day`` is None for the page as it is now (no day, today, or a day
    refused: then ``form`` holds the reason and the page answers 422)."""

    form: AsOfForm
    day: date | None
    today: date

    @property
    def refused(self) -> bool:
        return bool(self.form.errors)

    @property
    def label(self) -> str:
        return long_date(self.day)

    @property
    def args(self) -> dict[str, str]:
        """What links to the other as-of pages add to their URL (``url_for(..., **args)``)."""
        return {"as_of": self.day.isoformat()} if self.day is not None else {}


def as_of_from(args: Mapping[str, str]) -> AsOf:
    """The as-of day of a request's query string. Today is the page now: its editing controls
    apply. A day to come, or not a day at all, is refused with a message on the field."""
    now = today()
    form = AsOfForm(formdata=MultiDict({"as_of": str(args.get("as_of", "")).strip()}))
    if not form.validate():
        return AsOf(form, None, now)
    day: date | None = form.as_of.data
    return AsOf(form, day if day is not None and day < now else None, now)
