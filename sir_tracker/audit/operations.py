"""Writing the audit log. Every operation that creates, changes, archives or restores a
tracked record calls ``record_event`` in the same transaction as the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.database import Base
from sir_tracker.users.models import User


def as_text(value: Any) -> str:
    """A field value as the audit log shows it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Base):
        return str(getattr(value, "title", None) or getattr(value, "name", None) or value)
    return str(value)


def snapshot(record: Base, fields: Iterable[str]) -> dict[str, str]:
    return {name: as_text(getattr(record, name)) for name in fields}


def differences(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    return {
        name: [before.get(name, ""), value]
        for name, value in after.items()
        if before.get(name, "") != value
    }


def record_event(
    session: Session,
    *,
    actor: User | None,
    action: AuditAction,
    record: Base,
    label: str,
    lea_id: int | None,
    changes: Mapping[str, list[str]] | None = None,
    summary: str = "",
) -> AuditEvent:
    session.flush()  # the record needs its id, and its version after this change
    event = new_event(
        actor=actor,
        action=action,
        record=record,
        label=label,
        lea_id=lea_id,
        changes=changes,
        summary=summary,
    )
    session.add(event)
    session.flush()
    return event


def new_event(
    *,
    actor: User | None,
    action: AuditAction,
    record: Base,
    label: str,
    lea_id: int | None,
    changes: Mapping[str, list[str]] | None = None,
    summary: str = "",
) -> AuditEvent:
    """The event of a change of ``record`` (flushed, with its id and version), for the caller
    to add: operations on many records add all their events and flush once."""
    return AuditEvent(
        actor=actor,
        action=action,
        record_type=type(record).__name__,
        record_id=record.id,  # type: ignore[attr-defined]
        record_version=getattr(record, "version", None),
        record_label=label[:300],
        lea_id=lea_id,
        changes=dict(changes or {}),
        summary=summary,
    )
