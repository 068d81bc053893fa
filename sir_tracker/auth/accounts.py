"""Creating, changing, deactivating and reactivating user accounts.

Each operation checks what it is given, audits the change (never a password or its hash) and
flushes; the request or command that calls it commits. A change of role or scope ends the
person's sign-in sessions, since what they may see has changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.editing import check_version
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import differences, record_event, snapshot
from sir_tracker.auth.passwords import hash_password, password_matches, password_problem
from sir_tracker.auth.sessions import end_all_sessions
from sir_tracker.core.errors import DomainError
from sir_tracker.users.models import Role, User

if TYPE_CHECKING:
    from sir_tracker.leas.models import CountyOffice, Lea

EDITABLE_FIELDS = ("email", "name", "role", "county_office", "lea")
ACCESS_FIELDS = frozenset({"role", "county_office", "lea"})
EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 200
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


class UserRefused(DomainError):
    """A user operation refused, with every problem found (``message``/``field`` = the first)."""

    def __init__(self, problems: list[tuple[str | None, str]]) -> None:
        field, message = problems[0]
        super().__init__(message, field=field)
        self.problems = problems


def user_label(user: User) -> str:
    return f"{user.name} ({user.email})"


def normalized_email(email: str) -> str:
    return email.strip().lower()


def account_problems(
    session: Session,
    *,
    user: User | None,
    email: str,
    name: str,
    role: Role,
    county_office: CountyOffice | None,
    lea: Lea | None,
) -> list[tuple[str | None, str]]:
    """What is wrong with these details for ``user`` (None: a new account), field by field."""
    problems: list[tuple[str | None, str]] = []
    if not name:
        problems.append(("name", "Enter the person's name."))
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(("name", f"A name can have at most {NAME_MAX_LENGTH} characters."))
    if not email:
        problems.append(("email", "Enter an email address."))
    elif len(email) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(email):
        problems.append(
            ("email", f"{email!r} is not an email address: write it like name@example.org.")
        )
    else:
        taken = select(User.id).where(func.lower(User.email) == email)
        if user is not None:
            taken = taken.where(User.id != user.id)
        if session.scalar(taken) is not None:
            problems.append(("email", f"Another account already uses the email address {email}."))
    problems.extend(_scope_problems(role, county_office, lea))
    return problems


def _scope_problems(
    role: Role, county_office: CountyOffice | None, lea: Lea | None
) -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    if role is Role.COE_STAFF:
        if county_office is None:
            problems.append(
                ("county_office", "County office staff need a county office: choose one.")
            )
        if lea is not None:
            problems.append(
                ("lea", "County office staff see their county, not one LEA: leave the LEA empty.")
            )
    elif role is Role.LEA_STAFF:
        if lea is None:
            problems.append(("lea", "LEA staff need an LEA: choose the one they work for."))
        if county_office is not None:
            problems.append(
                (
                    "county_office",
                    "LEA staff see their own LEA only: leave the county office empty.",
                )
            )
    else:
        if county_office is not None:
            problems.append(
                (
                    "county_office",
                    f"A {role.label.lower()} has no county office: leave it empty.",
                )
            )
        if lea is not None:
            problems.append(("lea", f"A {role.label.lower()} has no LEA: leave it empty."))
    return problems


def _other_active_admins(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN, User.is_active.is_(True), User.id != user.id)
        )
        or 0
    )


def create_user(
    session: Session,
    *,
    actor: User | None,
    email: str,
    name: str,
    role: Role,
    county_office: CountyOffice | None,
    lea: Lea | None,
    password: str,
) -> User:
    """Create an active account. ``actor`` is None when an operator runs the command line."""
    email = normalized_email(email)
    name = name.strip()
    problems = account_problems(
        session,
        user=None,
        email=email,
        name=name,
        role=role,
        county_office=county_office,
        lea=lea,
    )
    weak = password_problem(password, email=email, name=name)
    if weak:
        problems.append(("password", weak))
    if problems:
        raise UserRefused(problems)
    user = User(
        email=email,
        name=name,
        role=role,
        county_office=county_office,
        lea=lea,
        password_hash=hash_password(password),
        is_active=True,
    )
    session.add(user)
    record_event(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        record=user,
        label=user_label(user),
        lea_id=None,
        changes=differences({}, snapshot(user, EDITABLE_FIELDS)),
    )
    return user


def update_user(
    session: Session,
    user: User,
    *,
    actor: User | None,
    email: str,
    name: str,
    role: Role,
    county_office: CountyOffice | None,
    lea: Lea | None,
    version: int | None = None,
) -> dict[str, list[str]]:
    """Change ``user``'s details; return what changed. A new role or scope signs them out.

    With ``version`` (the one the form was opened at), refuses with ``EditConflict`` if someone
    saved the account since."""
    if version is not None:
        check_version(session, user, version, user_label(user))
    email = normalized_email(email)
    name = name.strip()
    problems = account_problems(
        session,
        user=user,
        email=email,
        name=name,
        role=role,
        county_office=county_office,
        lea=lea,
    )
    if role is not user.role:
        if actor is not None and actor.id == user.id:
            problems.append(("role", "You cannot change your own role: ask another administrator."))
        elif user.role is Role.ADMIN and user.is_active and not _other_active_admins(session, user):
            problems.append(
                (
                    "role",
                    f"{user.name} is the last active administrator: make someone else an "
                    "administrator first.",
                )
            )
    if problems:
        raise UserRefused(problems)
    values = {
        "email": email,
        "name": name,
        "role": role,
        "county_office": county_office,
        "lea": lea,
    }
    before = snapshot(user, EDITABLE_FIELDS)
    for field, value in values.items():
        setattr(user, field, value)
    changes = differences(before, snapshot(user, EDITABLE_FIELDS))
    if not changes:
        return changes
    access_changed = bool(ACCESS_FIELDS & changes.keys())
    if access_changed:
        end_all_sessions(session, user)
    record_event(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        record=user,
        label=user_label(user),
        lea_id=None,
        changes=changes,
        summary="Access changed: signed out everywhere." if access_changed else "",
    )
    return changes


def set_password(session: Session, user: User, password: str, *, actor: User | None) -> None:
    """Give ``user`` a new password (checked: long enough, not common, not their own details)
    and sign them out everywhere."""
    _replace_password(
        session,
        user,
        password,
        field="password",
        actor=actor,
        summary="Password set by an administrator: signed out everywhere.",
    )


def change_own_password(session: Session, user: User, *, current: str, new: str) -> None:
    """Change ``user``'s password to ``new`` if ``current`` is right, and end all their sessions
    (the caller opens a fresh one for the person who just changed it)."""
    if not password_matches(user.password_hash, current):
        raise UserRefused([("current_password", "Your current password is not right.")])
    _replace_password(
        session,
        user,
        new,
        field="new_password",
        actor=user,
        summary="Password changed by its owner: signed out everywhere else.",
    )


def _replace_password(
    session: Session, user: User, password: str, *, field: str, actor: User | None, summary: str
) -> None:
    """Check ``password`` (refused on ``field``), store its hash, end every session of ``user``
    and audit it."""
    problem = password_problem(password, email=user.email, name=user.name)
    if problem:
        raise UserRefused([(field, problem)])
    user.password_hash = hash_password(password)
    end_all_sessions(session, user)
    record_event(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        record=user,
        label=user_label(user),
        lea_id=None,
        summary=summary,
    )


def deactivate_user(session: Session, user: User, *, actor: User | None) -> None:
    """Stop ``user`` from signing in and end their sessions. Never oneself, nor the last admin."""
    if not user.is_active:
        raise UserRefused([(None, f"{user.name}'s account is already inactive.")])
    if actor is not None and actor.id == user.id:
        raise UserRefused(
            [(None, "You cannot deactivate your own account: ask another administrator.")]
        )
    if user.role is Role.ADMIN and not _other_active_admins(session, user):
        raise UserRefused(
            [
                (
                    None,
                    f"{user.name} is the last active administrator: make someone else an "
                    "administrator before deactivating this account.",
                )
            ]
        )
    user.is_active = False
    end_all_sessions(session, user)
    record_event(
        session,
        actor=actor,
        action=AuditAction.ARCHIVE,
        record=user,
        label=user_label(user),
        lea_id=None,
        changes={"account": ["active", "inactive"]},
        summary="Deactivated: signed out everywhere.",
    )


def reactivate_user(session: Session, user: User, *, actor: User | None) -> None:
    """Let a deactivated user sign in again (with the password they had)."""
    if user.is_active:
        raise UserRefused([(None, f"{user.name}'s account is already active.")])
    user.is_active = True
    record_event(
        session,
        actor=actor,
        action=AuditAction.RESTORE,
        record=user,
        label=user_label(user),
        lea_id=None,
        changes={"account": ["inactive", "active"]},
        summary="Reactivated.",
    )
