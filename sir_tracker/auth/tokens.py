"""Personal API tokens: created and revoked by their owner, looked up by the API on each call.

The token itself is shown once, when it is created; only its SHA-256 digest is stored (a
random 256-bit token needs no slow hash: there is nothing to guess from its digest).
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.auth.models import ApiToken
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.users.models import User

TOKEN_PREFIX = "sirt_"
NAME_MAX_LENGTH = 100
_SHOWN_CHARACTERS = 12


class TokenRefused(DomainError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` named ``name``; returns the row and the token, to show once."""
    name = name.strip()
    if not name:
        raise TokenRefused("Give the token a name, to tell it apart later.", field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise TokenRefused(
            f"A token's name has at most {NAME_MAX_LENGTH} characters.", field="name"
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user=user, name=name, token_hash=_digest(token), prefix=token[:_SHOWN_CHARACTERS]
    )
    session.add(row)
    record_event(
        session,
        actor=user,
        action=AuditAction.CREATE,
        record=row,
        label=f"API token {name}",
        lea_id=None,
    )
    return row, token


def revoke_api_token(session: Session, row: ApiToken, *, by: User) -> None:
    """Revoke ``row`` (once: revoking a revoked token is refused)."""
    if row.is_revoked:
        raise TokenRefused(f"The token {row.name} is already revoked.")
    row.revoked_at = utcnow()
    record_event(
        session,
        actor=by,
        action=AuditAction.ARCHIVE,
        record=row,
        label=f"API token {row.name}",
        lea_id=None,
        summary="Revoked",
    )


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    """``user``'s tokens, newest first, revoked ones included."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def user_for_api_token(session: Session, token: str) -> User | None:
    """The active user owning the unrevoked token ``token``; None for any other string."""
    row = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.is_active:
        return None
    return row.user
