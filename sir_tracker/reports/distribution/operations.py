"""Keeping distribution lists, and sending an archived report to one.

Every change is audited. Sending only records what is to go (a sending and a delivery per
member): the report worker sends the messages, outside any write transaction, and retries a
failed one a few times (``delivery.py``).
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.editing import check_version, record_creation, update_record
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.core.text import text_problem
from sir_tracker.reports.distribution.models import (
    EMAIL_LIMIT,
    MESSAGE_LIMIT,
    NAME_LIMIT,
    DistributionList,
    DistributionMember,
    ReportDelivery,
    ReportSending,
)
from sir_tracker.reports.models import GeneratedReport
from sir_tracker.users.models import User

# Something@somewhere.tld, no spaces: the mail server has the last word on the rest.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DistributionRefused(DomainError):
    pass


def create_list(session: Session, name: str, *, by: User) -> DistributionList:
    """A new, empty list; its name must be new."""
    name = _name(session, name, None)
    created = DistributionList(name=name)
    record_creation(session, created, actor=by, label=f"Distribution list {name}", lea_id=None)
    return created


def rename_list(
    session: Session, distribution: DistributionList, name: str, *, version: int | None, by: User
) -> None:
    """Rename the list from the form of ``version`` (refused, ``EditConflict``, if stale)."""
    check_version(session, distribution, version, f"Distribution list {distribution.name}")
    name = _name(session, name, distribution)
    update_record(
        session, distribution, {"name": name}, actor=by,
        label=f"Distribution list {name}", lea_id=None, version=version,
    )  # fmt: skip


def add_member(
    session: Session,
    distribution: DistributionList,
    name: str,
    email: str,
    *,
    version: int | None,
    by: User,
) -> DistributionMember:
    """Add a member (a name and an e-mail address not on the list yet)."""
    check_version(session, distribution, version, f"Distribution list {distribution.name}")
    name = _text(name, NAME_LIMIT, "The name", "name")
    email = email.strip()
    if not _EMAIL.match(email) or len(email) > EMAIL_LIMIT:
        raise DistributionRefused(
            f"The e-mail address {email!r} is not one: write it like name@example.org.",
            field="email",
        )
    if any(m.email.lower() == email.lower() for m in distribution.current_members):
        raise DistributionRefused(f"{email} is on this list already.", field="email")
    member = DistributionMember(list=distribution, name=name, email=email)
    distribution.version += 1  # the list changed: a form of the old list is stale
    session.add(member)
    record_event(
        session, actor=by, action=AuditAction.CREATE, record=member,
        label=f"Member of {distribution.name}", lea_id=None, summary=f"{name} <{email}> added.",
    )  # fmt: skip
    return member


def remove_member(
    session: Session, member: DistributionMember, *, version: int | None, by: User
) -> None:
    """Take a member off the list; the member stays in its history, dated."""
    distribution = member.list
    check_version(session, distribution, version, f"Distribution list {distribution.name}")
    if member.removed_at is not None:
        raise DistributionRefused(f"{member.name} was removed from this list already.")
    member.removed_at = utcnow()
    distribution.version += 1
    record_event(
        session, actor=by, action=AuditAction.ARCHIVE, record=member,
        label=f"Member of {distribution.name}", lea_id=None,
        summary=f"{member.name} <{member.email}> removed.",
    )  # fmt: skip


def send_report(
    session: Session,
    report: GeneratedReport,
    distribution: DistributionList,
    message: str,
    *,
    by: User,
    link_days: int,
) -> ReportSending:
    """Record the sending of ``report`` to every current member of ``distribution``, with
    ``message``; the worker sends it. The caller checked that ``by`` may read and send it."""
    message = message.strip()
    problem = text_problem(message, limit=MESSAGE_LIMIT, what="The message")
    if problem:
        raise DistributionRefused(problem, field="message")
    members = distribution.current_members
    if not members:
        raise DistributionRefused(
            f"{distribution.name} has no members: add some before sending to it.", field="list"
        )
    now = utcnow()
    sending = ReportSending(
        report=report,
        list_id=distribution.id,
        list_name=distribution.name,
        sent_by=by,
        sent_at=now,
        message=message,
        sha256=report.sha256,
        links_expire_at=now + timedelta(days=link_days),
    )
    session.add(sending)
    for member in members:
        session.add(ReportDelivery(sending=sending, name=member.name, email=member.email))
    record_event(
        session, actor=by, action=AuditAction.CREATE, record=sending,
        label=f"Sending of {report.filename}", lea_id=None,
        summary=(
            f"To {distribution.name} ({len(members)} member{'s' if len(members) != 1 else ''}): "
            f"{report.kind.label} as of {long_date(report.as_of)}, sha256 {report.sha256[:12]}."
        ),
    )  # fmt: skip
    return sending


def _name(session: Session, name: str, renamed: DistributionList | None) -> str:
    name = _text(name, NAME_LIMIT, "The list's name", "name")
    taken = session.scalars(
        select(DistributionList).where(func.lower(DistributionList.name) == name.lower())
    ).first()
    if taken is not None and taken is not renamed:
        raise DistributionRefused(f"There is a list called {taken.name} already.", field="name")
    return name


def _text(value: str, limit: int, what: str, field: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise DistributionRefused(f"{what} cannot be empty.", field=field)
    problem = text_problem(value, limit=limit, what=what)
    if problem:
        raise DistributionRefused(problem, field=field)
    return value
