"""Email reminders: each is recorded once, by a key that names what it is about, and sent until
a send succeeds (a failed send stays unsent and is retried on the next run)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sir_tracker.core.database import Base, enum_column, utcnow


class ReminderKind(enum.StrEnum):
    PRE_READ = "pre_read"  # a week before a scheduled quarterly meeting
    OVERDUE_NEXT_STEP = "overdue_next_step"
    MISSED_QUARTER = "missed_quarter"

    @property
    def label(self) -> str:
        return {
            "pre_read": "Pre-read before a quarterly meeting",
            "overdue_next_step": "Overdue next step",
            "missed_quarter": "Missed quarterly meeting",
        }[self.value]


class Reminder(Base):
    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind, "reminder_kind"))
    # e.g. "pre_read:meeting=12:to=lead@example.org": the same reminder is never recorded twice
    key: Mapped[str] = mapped_column(String(400), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    lea_id: Mapped[int | None] = mapped_column(ForeignKey("leas.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
