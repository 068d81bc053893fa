"""Domain operations on action status: the only code that changes a status or counts them.

Operations flush but never commit: the request (or CLI command) that calls them commits once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.database import utcnow
from sir_tracker.errors import DomainError
from sir_tracker.meetings.models import Meeting
from sir_tracker.pacific_time import at_local, end_of_day
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.models import StatusChange
from sir_tracker.reviews.models import Action, ActionStatus, Sir
from sir_tracker.users.models import User

# A client clock a little ahead of the server's should not make "now" look like the future.
CLOCK_SKEW = timedelta(minutes=5)
STATUS_CHOICES = ", ".join(status.label for status in ActionStatus)


class StatusChangeRefused(DomainError):
    pass


def parse_status(value: ActionStatus | str) -> ActionStatus:
    """Accept a status by value ("in_progress") or by label ("in progress")."""
    if isinstance(value, ActionStatus):
        return value
    normalized = str(value).strip().lower().replace(" ", "_")
    try:
        return ActionStatus(normalized)
    except ValueError:
        raise StatusChangeRefused(
            f"{value!r} is not a status; choose one of: {STATUS_CHOICES}.", field="status"
        ) from None


def record_creation(
    session: Session, action: Action, *, by: User, at: datetime, note: str = ""
) -> StatusChange:
    """Write the first history row of a new action: its initial status, as of its creation."""
    entry = StatusChange(
        action=action,
        from_status=None,
        to_status=action.status,
        changed_at=at,
        changed_by=by,
        note=note,
    )
    session.add(entry)
    session.flush()
    return entry


def change_status(
    session: Session,
    action: Action,
    status: ActionStatus | str,
    *,
    by: User,
    sir: Sir | None = None,
    note: str = "",
    evidence_url: str | None = None,
    meeting: Meeting | None = None,
    at: datetime | None = None,
) -> StatusChange:
    """Change ``action``'s status, appending one row to its history.

    Refuses, with ``StatusChangeRefused`` and nothing written: an unknown status, an action of
    another SIR than ``sir``, a change to the status it already has, a meeting of another LEA,
    an evidence link that is not a web address, and a date in the future or before the
    action's latest change (history stays a single, ordered chain).
    """
    new_status = parse_status(status)
    if sir is not None and action.sir is not sir:
        raise StatusChangeRefused(f"Action {action.code} does not belong to {sir.title}.")
    evidence = _checked_evidence_url(evidence_url)
    if meeting is not None and meeting.lea is not action.sir.lea:
        raise StatusChangeRefused(
            f"The meeting of {meeting.held_on:%d %B %Y} is not a meeting of this LEA.",
            field="meeting",
        )

    # Lock the row and read its current status afresh, so that concurrent changes queue up
    # instead of deciding on a status that another transaction is replacing.
    session.refresh(action, with_for_update=True)
    if action.status == new_status:
        raise StatusChangeRefused(
            f"Action {action.code} is already {new_status.label}; nothing to change.",
            field="status",
        )

    now = utcnow()
    if at is None:
        at = at_local(meeting.held_on) if meeting is not None else now
    if at.tzinfo is None:
        raise StatusChangeRefused("The date of a change needs a time zone.", field="at")
    if at > now + CLOCK_SKEW:
        raise StatusChangeRefused("A status change cannot be dated in the future.", field="at")
    latest = _latest_change_at(session, action)
    if latest is not None and at < latest:
        raise StatusChangeRefused(
            f"Action {action.code} last changed on {latest:%d %B %Y}; "
            "a new change cannot be dated before that.",
            field="at",
        )

    entry = StatusChange(
        action=action,
        from_status=action.status,
        to_status=new_status,
        changed_at=at,
        changed_by=by,
        note=note.strip(),
        evidence_url=evidence,
        meeting=meeting,
    )
    action.status = new_status
    session.add(entry)
    record_event(
        session,
        actor=by,
        action=AuditAction.STATUS_CHANGE,
        record=action,
        label=f"Action {action.code}",
        lea_id=action.sir.lea_id,
        changes={"status": [entry.from_status.label, new_status.label]}
        if entry.from_status
        else {},
        summary=entry.note,
    )
    return entry


def _checked_evidence_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StatusChangeRefused(
            "Evidence must be a web link starting with http:// or https://.",
            field="evidence_url",
        )
    return url


def _latest_change_at(session: Session, action: Action) -> datetime | None:
    return session.scalar(
        select(func.max(StatusChange.changed_at)).where(StatusChange.action_id == action.id)
    )


def status_counts(session: Session, sir: Sir, as_of: date | None = None) -> StatusCounts:
    """Counts of ``sir``'s actions by status, now or at the end of the Pacific day ``as_of``."""
    return counts_by_sir(session, [sir.id], as_of).get(sir.id, StatusCounts())


def counts_by_sir(
    session: Session, sir_ids: Iterable[int], as_of: date | None = None
) -> dict[int, StatusCounts]:
    """Status counts for many SIRs in one query.

    Current counts read the status kept on each action; counts as of a date replay history,
    taking each action's latest change made before that day ended (an action created later,
    or archived by then, is not counted).
    """
    ids = list(sir_ids)
    if not ids:
        return {}
    if as_of is None:
        query = (
            select(Action.sir_id, Action.status, func.count())
            .where(Action.sir_id.in_(ids), Action.archived_at.is_(None))
            .group_by(Action.sir_id, Action.status)
        )
    else:
        rank = (
            func.row_number()
            .over(
                partition_by=StatusChange.action_id,
                order_by=(StatusChange.changed_at.desc(), StatusChange.id.desc()),
            )
            .label("rank")
        )
        latest = (
            select(Action.sir_id, StatusChange.to_status, rank)
            .join(Action, Action.id == StatusChange.action_id)
            .where(
                Action.sir_id.in_(ids),
                StatusChange.changed_at < end_of_day(as_of),
                or_(Action.archived_at.is_(None), Action.archived_at >= end_of_day(as_of)),
            )
            .subquery()
        )
        query = (
            select(latest.c.sir_id, latest.c.to_status, func.count())
            .where(latest.c.rank == 1)
            .group_by(latest.c.sir_id, latest.c.to_status)
        )
    grouped: dict[int, dict[ActionStatus, int]] = {sir_id: {} for sir_id in ids}
    for sir_id, status, count in session.execute(query):
        grouped[sir_id][ActionStatus(status)] = count
    return {sir_id: StatusCounts.from_mapping(counts) for sir_id, counts in grouped.items()}
