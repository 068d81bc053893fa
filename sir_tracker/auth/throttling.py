"""Signing in, with failed attempts counted against the account and the client address.

A few failures in a row are free; after that each further failure makes the next attempt wait
twice as long as the one before (from ``first_wait``), up to ``lockout``: a guessing run of
thousands of passwords takes years instead of minutes, while a person who mistypes a few times
never notices. Unknown accounts are counted and answered exactly like known ones, so the
answers say nothing about which email addresses have an account. Every failure, and every
attempt refused while locked, is in the audit log; an administrator can lift an account's
lockout. The counts live in the database, so every server process and machine shares them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.auth.accounts import normalized_email, user_label
from sir_tracker.auth.models import SignInThrottle, ThrottleScope
from sir_tracker.auth.passwords import password_matches, spend_a_verification
from sir_tracker.core.database import utcnow
from sir_tracker.core.formatting import pacific_datetime
from sir_tracker.users.models import User

KEY_LENGTH = 254


@dataclass(frozen=True)
class ThrottlePolicy:
    account_free_failures: int = 5
    # One office behind one address may hold many people who mistype.
    address_free_failures: int = 20
    first_wait: timedelta = timedelta(seconds=30)
    lockout: timedelta = timedelta(minutes=15)
    # Failures older than this, with none since, are forgotten.
    memory: timedelta = timedelta(hours=24)

    def free_failures(self, scope: ThrottleScope) -> int:
        if scope is ThrottleScope.ACCOUNT:
            return self.account_free_failures
        return self.address_free_failures

    def wait_after(self, scope: ThrottleScope, failures: int) -> timedelta | None:
        over = failures - self.free_failures(scope)
        if over < 0:
            return None
        # Doubling overflows a timedelta long before any real count: cap the exponent first.
        doublings = min(over, math.ceil(math.log2(self.lockout / self.first_wait)) + 1)
        return min(self.first_wait * (1 << doublings), self.lockout)


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None  # signed in, or None
    wait: timedelta | None  # how long before the next attempt is answered, if it must wait
    refused_unchecked: bool = False  # refused while locked: the password was not even looked at


def attempt_sign_in(
    session: Session,
    *,
    email: str,
    password: str,
    address: str,
    policy: ThrottlePolicy,
    now: datetime | None = None,
) -> SignInOutcome:
    """Check ``password`` for the account of ``email`` tried from ``address``.

    While the account or the address must wait, the attempt is refused without looking at the
    password (audited). A wrong password, an unknown or inactive account count one failure for
    the account and for the address (audited). A success clears the account's failures; the
    address keeps its count, so one good account does not reset a guessing run from there.
    """
    now = now or utcnow()
    email = normalized_email(email)[:KEY_LENGTH]
    address = address[:KEY_LENGTH]
    throttles = [
        _throttle(session, ThrottleScope.ACCOUNT, email),
        _throttle(session, ThrottleScope.ADDRESS, address),
    ]
    account = throttles[0]
    user = session.scalar(select(User).where(func.lower(User.email) == email))
    locked = [t.locked_until for t in throttles if t.locked_until and t.locked_until > now]
    if locked:
        wait = max(locked) - now
        _audit(
            session,
            account,
            email,
            user,
            f"Sign-in refused from {address}: too many failures, attempts wait until "
            f"{pacific_datetime(max(locked))}; the password was not checked.",
        )
        return SignInOutcome(user=None, wait=wait, refused_unchecked=True)

    if user is None:
        spend_a_verification(password)  # as long as a real check, so timing tells nothing
        reason = "no account has this email address"
    elif not password_matches(user.password_hash, password):
        reason = "wrong password"
    elif not user.is_active:
        reason = "the account is deactivated"
    else:
        _clear(account)
        return SignInOutcome(user=user, wait=None)

    waits = []
    for throttle in throttles:
        if throttle.last_failure_at and now - throttle.last_failure_at > policy.memory:
            throttle.failures = 0
        throttle.failures += 1
        throttle.last_failure_at = now
        next_wait = policy.wait_after(throttle.scope, throttle.failures)
        if next_wait is not None:
            throttle.locked_until = now + next_wait
            waits.append(next_wait)
    _audit(
        session,
        account,
        email,
        user,
        f"Sign-in failed from {address}: {reason}. Failures in a row: {account.failures} for "
        f"this account, {throttles[1].failures} from this address"
        + (f"; next attempt in {_seconds(max(waits))} s." if waits else "."),
    )
    return SignInOutcome(user=None, wait=max(waits) if waits else None)


def lift_lockout(session: Session, user: User, *, actor: User) -> bool:
    """Forget ``user``'s failed sign-ins so they may try again at once; False if there were
    none. Their address's count stays: a guessing run from there is still slowed."""
    throttle = account_throttles(session, [user]).get(user.id)
    if throttle is None:
        return False
    failures = throttle.failures
    _clear(throttle)
    record_event(
        session,
        actor=actor,
        action=AuditAction.RESTORE,
        record=throttle,
        label=f"Sign-in of {user_label(user)}",
        lea_id=None,
        changes={"failed sign-ins": [str(failures), "0"]},
        summary="Sign-in lockout lifted.",
    )
    return True


def account_throttles(session: Session, users: Sequence[User]) -> dict[int, SignInThrottle]:
    """The throttles of those of ``users`` with failed sign-ins since their last success (or
    lifted lockout), by user id."""
    by_email = {normalized_email(user.email): user.id for user in users}
    found = session.scalars(
        select(SignInThrottle).where(
            SignInThrottle.scope == ThrottleScope.ACCOUNT,
            SignInThrottle.key.in_(by_email),
            SignInThrottle.failures > 0,
        )
    )
    return {by_email[throttle.key]: throttle for throttle in found}


def _throttle(session: Session, scope: ThrottleScope, key: str) -> SignInThrottle:
    """The row for (scope, key), locked for this transaction; created when missing."""
    query = (
        select(SignInThrottle)
        .where(SignInThrottle.scope == scope, SignInThrottle.key == key)
        .with_for_update()
    )
    found = session.scalar(query)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            created = SignInThrottle(scope=scope, key=key, failures=0)
            session.add(created)
    except IntegrityError:  # another process created it meanwhile
        return session.scalars(query).one()
    return created


def _clear(throttle: SignInThrottle) -> None:
    throttle.failures = 0
    throttle.locked_until = None


def _audit(
    session: Session, account: SignInThrottle, email: str, user: User | None, summary: str
) -> None:
    # The actor is unknown (whoever typed the password); the account's label says whose it was.
    record_event(
        session,
        actor=None,
        action=AuditAction.UPDATE,
        record=account,
        label=f"Sign-in of {user_label(user) if user else email}",
        lea_id=None,
        summary=summary,
    )


def _seconds(wait: timedelta) -> int:
    return math.ceil(wait.total_seconds())
