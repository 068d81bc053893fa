"""Domain operations on SIRs and their recommended actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.errors import DomainError
from sir_tracker.progress.operations import record_creation
from sir_tracker.reviews.models import Action, Component, Sir, Theme
from sir_tracker.users.models import User


def add_action(
    session: Session,
    sir: Sir,
    *,
    code: str,
    text: str,
    component: Component,
    by: User,
    at: datetime,
    theme: Theme | None = None,
    responsible: str = "",
    target_date: date | None = None,
) -> Action:
    """Add a recommended action, not started, with the first row of its history."""
    code = code.strip()
    if not code:
        raise DomainError("An action needs a code, such as 3.4.", field="code")
    if not text.strip():
        raise DomainError("An action needs a text.", field="text")
    if theme is not None and theme.sir_id != sir.id:
        raise DomainError(f"The theme {theme.title!r} belongs to another SIR.", field="theme")
    taken = session.scalar(select(Action.id).where(Action.sir_id == sir.id, Action.code == code))
    if taken is not None:
        raise DomainError(f"This SIR already has an action {code}.", field="code")
    action = Action(
        sir=sir,
        code=code,
        text=text.strip(),
        component=component,
        theme=theme,
        responsible=responsible.strip(),
        target_date=target_date,
        created_at=at,
    )
    session.add(action)
    session.flush()
    record_creation(session, action, by=by, at=at)
    return action
