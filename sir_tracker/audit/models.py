"""The audit log: who created, changed, archived or restored which record, and what changed."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Base, enum_column, utcnow
from sir_tracker.users.models import User


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    RESTORE = "restore"
    STATUS_CHANGE = "status_change"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class AuditEvent(Base):
    """One append-only line of the audit log (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int]
    # The record's version after this change, so a refused stale edit can list what came since.
    record_version: Mapped[int | None]
    record_label: Mapped[str] = mapped_column(String(300), default="")
    lea_id: Mapped[int | None] = mapped_column(ForeignKey("leas.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # {"field": [old, new], ...} with values rendered as text
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_audit_events_record", "record_type", "record_id"),)
