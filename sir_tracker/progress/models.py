"""The append-only status history of recommended actions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from sir_tracker.core.database import Base, enum_column, utcnow
from sir_tracker.reviews.models import ActionStatus

if TYPE_CHECKING:
    from sir_tracker.meetings.models import Meeting
    from sir_tracker.reviews.models import Action
    from sir_tracker.users.models import User


class StatusChange(Base):
    """One change of an action's status. Rows are only ever inserted: database triggers refuse
    UPDATE and DELETE. The first row of an action records its creation (``from_status`` empty).

    ``changed_at`` is when the change took effect (a meeting's date, say) and decides as-of
    counts; ``recorded_at`` is when it was entered.
    """

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    from_status: Mapped[ActionStatus | None] = mapped_column(
        enum_column(ActionStatus, "from_status")
    )
    to_status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus, "to_status"))
    changed_at: Mapped[datetime]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)

    action: Mapped[Action] = relationship(back_populates="history", foreign_keys=[action_id])
    changed_by: Mapped[User] = relationship()
    meeting: Mapped[Meeting | None] = relationship(back_populates="status_changes")

    __table_args__ = (
        CheckConstraint(
            "from_status IS NULL OR from_status <> to_status", name="status_actually_changes"
        ),
        Index("ix_status_changes_action_id_changed_at", "action_id", "changed_at"),
    )


class HistoryIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_history_edits(session: Session, _context: object, _instances: object) -> None:
    # The database triggers refuse these too; failing here gives a clearer error earlier.
    for entry in (*session.dirty, *session.deleted):
        if isinstance(entry, StatusChange) and (
            entry in session.deleted or session.is_modified(entry, include_collections=False)
        ):
            raise HistoryIsAppendOnly("Status history is append-only: rows cannot change.")
