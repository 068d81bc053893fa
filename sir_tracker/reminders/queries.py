"""The reminders as the admins' Reminders page lists them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.reminders.models import WAITING_ON_AN_ADMIN, Reminder

RECENT = 50


def waiting_on_an_admin(session: Session) -> Sequence[Reminder]:
    """The reminders that stopped after failing and those an interrupted run may have sent,
    oldest first."""
    return session.scalars(
        select(Reminder)
        .where(Reminder.state.in_(WAITING_ON_AN_ADMIN))
        .order_by(Reminder.created_at, Reminder.id)
    ).all()


def recent_reminders(session: Session, limit: int = RECENT) -> Sequence[Reminder]:
    return session.scalars(
        select(Reminder).order_by(Reminder.created_at.desc(), Reminder.id.desc()).limit(limit)
    ).all()
