"""Dates, times and audit events as the pages show them (California time, "15 June 2021")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sir_tracker.audit.models import AuditEvent
from sir_tracker.core.pacific_time import PACIFIC


def long_date(day: date | None) -> str:
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def pacific_datetime(moment: datetime) -> str:
    """``moment`` in California: "15 June 2021, 9:05 AM PDT"."""
    local = moment.astimezone(PACIFIC)
    hour = local.hour % 12 or 12
    return f"{long_date(local.date())}, {hour}:{local:%M %p} {local.tzname()}"


@dataclass(frozen=True)
class EventLine:
    """One audit event of an edit conflict: who changed what, when."""

    who: str
    when: str
    changes: tuple[str, ...]

    @property
    def sentence(self) -> str:
        what = "; ".join(self.changes) or "no field changes recorded"
        return f"{self.who}, {self.when}: {what}"


def event_lines(events: list[AuditEvent]) -> list[EventLine]:
    lines = []
    for event in events:
        changes = tuple(
            f"{name.replace('_', ' ')}: {old or '(empty)'} -> {new or '(empty)'}"
            for name, (old, new) in event.changes.items()
        )
        if not changes:
            changes = (event.action.label,)
        lines.append(
            EventLine(
                who=event.actor.name if event.actor else "The system",
                when=pacific_datetime(event.occurred_at),
                changes=changes,
            )
        )
    return lines
