"""Editing tracked records: optimistic locking, audited changes, archiving and restoring.

Forms carry the version of the record they were filled from. A save from an older version is
refused with ``EditConflict``, which lists what was changed since, from the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.audit.operations import differences, record_event, snapshot
from sir_tracker.core.database import Archivable, Base, utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import pacific_datetime
from sir_tracker.users.models import User


class EditConflict(DomainError):
    def __init__(self, label: str, events: list[AuditEvent]) -> None:
        super().__init__(
            f"{label} was changed by someone else after you opened it. Nothing of yours was "
            "saved: review their changes below, then make yours again."
        )
        self.events = events


_VERBS = {
    AuditAction.UPDATE: "changed",
    AuditAction.ARCHIVE: "archived",
    AuditAction.RESTORE: "restored",
    AuditAction.CREATE: "created",
}


def event_headline(event: AuditEvent) -> str:
    """ "Lena Lead changed Action 1.1 on 5 June 2021, 9:05 am PDT"."""
    who = event.actor.name if event.actor else "Someone"
    verb = _VERBS.get(event.action, event.action.label)
    return f"{who} {verb} {event.record_label} on {pacific_datetime(event.occurred_at)}"


def change_lines(event: AuditEvent, labels: Mapping[str, str] | None = None) -> list[str]:
    """One line per field the event changed, "Status: not started → completed", each field
    named by its label in ``labels`` where the form has one."""
    labels = labels or {}
    return [
        f"{labels.get(name, name.replace('_', ' ').capitalize())}: "
        f"{old or '(empty)'} → {new or '(empty)'}"
        for name, (old, new) in event.changes.items()
    ]


def check_version(session: Session, record: Base, submitted: int | None, label: str) -> None:
    current = getattr(record, "version")  # noqa: B009 - every edited model has one
    if submitted is not None and submitted == current:
        return
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.record_type == type(record).__name__,
                AuditEvent.record_id == getattr(record, "id"),  # noqa: B009
                AuditEvent.record_version > (submitted or 0),
            )
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )
    raise EditConflict(label, events)


def update_record(
    session: Session,
    record: Base,
    values: Mapping[str, Any],
    *,
    actor: User,
    label: str,
    lea_id: int | None,
    version: int | None,
    summary: str = "",
) -> dict[str, list[str]]:
    """Apply ``values`` to ``record`` if ``version`` is current; audit what changed (with
    ``summary`` saying how, "Imported from actions.xlsx" say)."""
    check_version(session, record, version, label)
    before = snapshot(record, values)
    for name, value in values.items():
        setattr(record, name, value)
    changes = differences(before, snapshot(record, values))
    if changes:
        record_event(
            session,
            actor=actor,
            action=AuditAction.UPDATE,
            record=record,
            label=label,
            lea_id=lea_id,
            changes=changes,
            summary=summary,
        )
    return changes


def record_creation(
    session: Session,
    record: Base,
    *,
    actor: User,
    label: str,
    lea_id: int | None,
    summary: str = "",
) -> None:
    session.add(record)
    record_event(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        record=record,
        label=label,
        lea_id=lea_id,
        summary=summary,
    )


def archive(
    session: Session, record: Archivable, *, actor: User, label: str, lea_id: int | None
) -> None:
    if record.is_archived:
        raise DomainError(f"{label} is already archived.")
    record.archived_at = utcnow()
    record_event(
        session,
        actor=actor,
        action=AuditAction.ARCHIVE,
        record=record,  # type: ignore[arg-type]
        label=label,
        lea_id=lea_id,
    )


def restore(
    session: Session, record: Archivable, *, actor: User, label: str, lea_id: int | None
) -> None:
    if not record.is_archived:
        raise DomainError(f"{label} is not archived.")
    record.archived_at = None
    record_event(
        session,
        actor=actor,
        action=AuditAction.RESTORE,
        record=record,  # type: ignore[arg-type]
        label=label,
        lea_id=lea_id,
    )
