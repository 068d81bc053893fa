"""Server-side sign-in sessions (the cookie holds only a random token whose hash is stored here)
and the throttles of failed sign-ins.

Deleting a session row ends the session everywhere, which a signed cookie alone cannot do:
signing out, deactivating the user and changing the password all delete the user's rows.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Base, enum_column, utcnow
from sir_tracker.users.models import User


class UserSession(Base):
    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    user: Mapped[User] = relationship()


class ThrottleScope(enum.StrEnum):
    """What failed sign-ins are counted against: the account asked for, or the client address."""

    ACCOUNT = "account"
    ADDRESS = "address"


class SignInThrottle(Base):
    """Failed sign-ins in a row for one account (the email address as typed, lower-cased, known
    or not) or one client address, and until when further attempts are refused.

    Kept in the database so that every server process and machine counts the same failures.
    """

    __tablename__ = "sign_in_throttles"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[ThrottleScope] = mapped_column(enum_column(ThrottleScope, "throttle_scope"))
    key: Mapped[str] = mapped_column(String(254))
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("scope", "key"),
        CheckConstraint("failures >= 0", name="failures_not_negative"),
    )

    def is_locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


class ApiToken(Base):
    """A personal API token: the client sends the token, the database keeps only its hash.

    A revoked token keeps its row (``revoked_at``), so the account page can still say when it
    was revoked and the audit log's record of it stays meaningful.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token's first characters, shown on the account page to tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
