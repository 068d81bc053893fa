"""Reading the audit log: filtered pages of events, newest first, as plain rows for the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask import url_for
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.formatting import pacific_day, time_of_day
from sir_tracker.core.pacific_time import PACIFIC, end_of_day
from sir_tracker.leas.models import Lea

PAGE_SIZE = 50

RECORD_TYPES = {
    "Lea": "LEA",
    "Engagement": "Engagement",
    "Sir": "SIR",
    "Theme": "Theme",
    "Finding": "Finding",
    "Action": "Action",
    "Meeting": "Meeting",
    "User": "User",
    "SignInThrottle": "Sign-in",
    "Comment": "Comment",
}
# The page of each kind of record: its endpoint and the name of its id in the URL.
RECORD_PAGES = {
    "Lea": ("leas.lea", "lea_id"),
    "Sir": ("reviews.sir", "sir_id"),
    "Action": ("reviews.action", "action_id"),
    "Meeting": ("meetings.show", "meeting_id"),
    "User": ("users.edit", "user_id"),
}
# Users are deactivated and reactivated rather than archived and restored.
ACTION_LABELS = {
    ("User", AuditAction.ARCHIVE): "deactivate",
    ("User", AuditAction.RESTORE): "reactivate",
    # A failed or refused sign-in counts against the account; an admin lifts the lockout.
    ("SignInThrottle", AuditAction.UPDATE): "failed sign-in",
    ("SignInThrottle", AuditAction.RESTORE): "lift lockout",
}


@dataclass(frozen=True)
class AuditFilters:
    record_type: str | None = None
    action: AuditAction | None = None
    user_id: int | None = None
    lea_id: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditPage:
    rows: list[dict[str, Any]]
    number: int
    has_newer: bool
    has_older: bool


def record_type_choices(session: Session) -> list[tuple[str, str]]:
    """The known record types and any other type found in the log."""
    seen = set(session.scalars(select(AuditEvent.record_type).distinct()))
    types = {**RECORD_TYPES, **{name: name for name in seen if name not in RECORD_TYPES}}
    return sorted(types.items(), key=lambda item: item[1].lower())


def filtered(filters: AuditFilters) -> Select[AuditEvent]:
    query = select(AuditEvent)
    if filters.record_type:
        query = query.where(AuditEvent.record_type == filters.record_type)
    if filters.action is not None:
        query = query.where(AuditEvent.action == filters.action)
    if filters.user_id is not None:
        query = query.where(AuditEvent.actor_id == filters.user_id)
    if filters.lea_id is not None:
        query = query.where(AuditEvent.lea_id == filters.lea_id)
    if filters.since is not None:
        query = query.where(
            AuditEvent.occurred_at >= datetime.combine(filters.since, time.min, tzinfo=PACIFIC)
        )
    if filters.until is not None:
        query = query.where(AuditEvent.occurred_at < end_of_day(filters.until))
    return query


def audit_page(session: Session, filters: AuditFilters, number: int = 1) -> AuditPage:
    """Page ``number`` (from 1, newest first) of the events that pass ``filters``."""
    events = list(
        session.scalars(
            filtered(filters)
            .options(selectinload(AuditEvent.actor))
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
            .offset((number - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE + 1)
        )
    )
    lea_ids = {event.lea_id for event in events if event.lea_id is not None}
    lea_names = {
        lea_id: name
        for lea_id, name in session.execute(select(Lea.id, Lea.name).where(Lea.id.in_(lea_ids)))
    }
    return AuditPage(
        rows=[_row(event, lea_names) for event in events[:PAGE_SIZE]],
        number=number,
        has_newer=number > 1,
        has_older=len(events) > PAGE_SIZE,
    )


def change_lines(changes: dict[str, Any]) -> list[dict[str, str]]:
    """``{"status": ["in progress", "completed"]}`` -> one line, "status: in progress -> completed",
    as its parts (the template writes the arrow, so that it is not escaped)."""
    lines = []
    for name, values in changes.items():
        old, new = [*values, "", ""][:2] if isinstance(values, list) else ("", values)
        lines.append(
            {
                "field": name.replace("_", " "),
                "old": str(old) or "(empty)",
                "new": str(new) or "(empty)",
            }
        )
    return lines


def _row(event: AuditEvent, lea_names: dict[int, str]) -> dict[str, Any]:
    page = RECORD_PAGES.get(event.record_type)
    return {
        "id": event.id,
        "day": pacific_day(event.occurred_at),
        "time": time_of_day(event.occurred_at),
        "who": event.actor.name if event.actor else "Command line",
        "action": ACTION_LABELS.get((event.record_type, event.action), event.action.label),
        "record_type": RECORD_TYPES.get(event.record_type, event.record_type),
        "record_label": event.record_label or f"#{event.record_id}",
        "record_url": _record_url(page, event.record_id),
        "lea": lea_names.get(event.lea_id) if event.lea_id is not None else None,
        "lea_url": url_for("leas.lea", lea_id=event.lea_id) if event.lea_id is not None else None,
        "changes": change_lines(event.changes or {}),
        "summary": event.summary,
    }


def _record_url(page: tuple[str, str] | None, record_id: int) -> str | None:
    if page is None:
        return None
    endpoint, id_name = page
    values: dict[str, Any] = {id_name: record_id}
    return url_for(endpoint, **values)
