"""Signing in and out: session rows on the server, a random token in the cookie."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sir_tracker.auth.models import UserSession
from sir_tracker.core.database import utcnow
from sir_tracker.users.models import User

SESSION_LIFETIME = timedelta(hours=12)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User) -> str:
    """Open a session for ``user``; return the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        UserSession(
            user=user,
            token_hash=_digest(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user whose unexpired session holds ``token``."""
    row = session.scalar(
        select(UserSession).where(
            UserSession.token_hash == _digest(token), UserSession.expires_at > utcnow()
        )
    )
    if row is None or not row.user.is_active:
        return None
    return row.user


def end_session(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_hash == _digest(token)))


def end_all_sessions(session: Session, user: User) -> None:
    """Sign ``user`` out everywhere (deactivation, password change)."""
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
