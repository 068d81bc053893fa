"""Comments that county office staff (and others) add to actions and meetings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Base, utcnow
from sir_tracker.users.models import User


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    body: Mapped[str] = mapped_column(Text)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)

    author: Mapped[User] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(action_id IS NULL) <> (meeting_id IS NULL)", name="on_an_action_or_a_meeting"
        ),
    )
