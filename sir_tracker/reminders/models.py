"""Email reminders: each is recorded once, by a key that names what it is about, and sent until
a send succeeds (a failed send stays unsent and is retried on the next run, up to
``REMINDER_MAX_ATTEMPTS`` tries; then it stops and waits on the admins' Reminders page).

A reminder is marked "sending", with the Message-ID it is sent with, and committed before it
is handed to the mail server, then marked sent once the server accepts it. A run that dies in
between leaves it "sending": the next run cannot know whether the server accepted it, so it
never sends it again by itself but marks it "uncertain" for an admin to decide (the Message-ID
finds it in the mail server's log). A reminder may go unsent for a day; it is never sent twice.
"""

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


class ReminderState(enum.StrEnum):
    UNSENT = "unsent"  # waiting for the next run (again, after a failed try)
    SENDING = "sending"  # handed to the mail server by a run that has not finished with it
    SENT = "sent"
    UNCERTAIN = "uncertain"  # the run sending it died: the server may have accepted it
    STOPPED = "stopped"  # failed REMINDER_MAX_ATTEMPTS times: no more tries by itself

    @property
    def label(self) -> str:
        return {
            "unsent": "Not sent yet",
            "sending": "Being sent",
            "sent": "Sent",
            "uncertain": "Perhaps sent",
            "stopped": "Stopped after failing",
        }[self.value]


# Stopped on their own, for an admin to send again (or record as sent).
WAITING_ON_AN_ADMIN = frozenset({ReminderState.UNCERTAIN, ReminderState.STOPPED})


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
    state: Mapped[ReminderState] = mapped_column(
        enum_column(ReminderState, "reminder_state"), default=ReminderState.UNSENT, index=True
    )
    sending_at: Mapped[datetime | None]
    # The Message-ID of the latest message handed to the mail server, for its log.
    message_id: Mapped[str] = mapped_column(String(300), default="")
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
