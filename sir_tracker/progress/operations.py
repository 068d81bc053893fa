"""Domain operations on action status: the only code that changes a status or counts them.

Operations flush but never commit: the request (or CLI command) that calls them commits once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sir_tracker.audit.editing import EditConflict, change_lines, check_version, event_headline
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import new_event, record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_day
from sir_tracker.core.pacific_time import PACIFIC, at_local, end_of_day, today
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.core.text import text_problem
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import FrozenStatus, Meeting
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.reviews.models import Action, ActionStatus, Component, Sir, StatusChange
from sir_tracker.users.models import User

# A client clock a little ahead of the server's should not make "now" look like the future.
CLOCK_SKEW = timedelta(minutes=5)
STATUS_CHOICES = ", ".join(status.label for status in ActionStatus)


class StatusChangeRefused(DomainError):
    pass


# The board reads every note; past this a note is an essay that bloats the LEA's report.
NOTE_LIMIT = 5000
EVIDENCE_URL_LIMIT = 2000


def _note_and_link_problem(note: str, evidence_url: str | None) -> tuple[str, str] | None:
    """(field, message) for a note or evidence link that cannot be saved, or None."""
    problem = text_problem(note, limit=NOTE_LIMIT, what="The note")
    if problem:
        return "note", problem
    problem = text_problem(evidence_url or "", limit=EVIDENCE_URL_LIMIT, what="The evidence link")
    if problem:
        return "evidence_url", problem
    return None


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
    an evidence link that is not a web address, a date in the future, in a quarter that is
    closed (signed off), or before the action's latest change (history stays a single,
    ordered chain).
    """
    new_status = parse_status(status)
    refused_text = _note_and_link_problem(note, evidence_url)
    if refused_text:
        field, message = refused_text
        raise StatusChangeRefused(f"Action {action.code}: {message}", field=field)
    if sir is not None and action.sir is not sir:
        raise StatusChangeRefused(f"Action {action.code} does not belong to {sir.title}.")
    evidence = checked_evidence_url(evidence_url)
    if meeting is not None and meeting.lea is not action.sir.lea:
        raise StatusChangeRefused(
            f"The meeting of {long_date(meeting.held_on)} is not a meeting of this LEA.",
            field="meeting",
        )

    lock_quarters(session, action.sir.lea_id)
    # Lock the row and read its current status afresh, so that concurrent changes queue up
    # instead of deciding on a status that another transaction is replacing.
    session.refresh(action, with_for_update=True)
    if action.status == new_status:
        raise StatusChangeRefused(
            f"Action {action.code} is already {new_status.label}; nothing to change.",
            field="status",
        )

    now = utcnow()
    if meeting is not None and meeting.held_on > today():
        raise StatusChangeRefused(
            f"The meeting of {long_date(meeting.held_on)} has not happened yet; a change "
            "cannot be made at it.",
            field="meeting",
        )
    if at is None:
        # A change made at a meeting is dated on its day: at noon, or now for today's meeting
        # before noon.
        at = min(at_local(meeting.held_on), now) if meeting is not None else now
    if at.tzinfo is None:
        raise StatusChangeRefused("The date of a change needs a time zone.", field="at")
    if at > now + CLOCK_SKEW:
        raise StatusChangeRefused("A status change cannot be dated in the future.", field="at")
    closed = latest_closed_quarter(session, action.sir.lea_id)
    if closed is not None and at < end_of_day(closed.last_day):
        raise StatusChangeRefused(
            f"The quarter {closed} is closed (signed off); a status change cannot be dated "
            f"on or before {long_date(closed.last_day)}.",
            field="at",
        )
    latest = _latest_change_at(session, action)
    if latest is not None and at < latest:
        raise StatusChangeRefused(
            f"Action {action.code} last changed on {pacific_day(latest)}; "
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


@dataclass(frozen=True)
class StatusToSet:
    """One change for ``set_statuses``: ``at`` None is now (or the meeting's day, at one)."""

    action: Action
    status: ActionStatus
    note: str
    at: datetime | None = None
    meeting: Meeting | None = None
    evidence_url: str | None = None


# Ids per IN (...) list: well under SQLite's limit of bound parameters.
CHUNK = 500


def set_statuses(
    session: Session, sir: Sir, wanted: Sequence[StatusToSet], *, by: User
) -> list[StatusChange]:
    """``change_status`` for many actions of ``sir`` at once (a spreadsheet import): the same
    refusals (``StatusChangeRefused``, nothing written, if any one change fails), the same
    history row and audit event for each, in a few statements whatever their number."""
    lock_quarters(session, sir.lea_id)
    ids = [item.action.id for item in wanted]
    latest: dict[int, datetime] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Lock the rows and read their status afresh, as change_status does one at a time.
        session.scalars(
            select(Action)
            .where(Action.id.in_(chunk))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
        latest.update(
            session.execute(
                select(StatusChange.action_id, func.max(StatusChange.changed_at))
                .where(StatusChange.action_id.in_(chunk))
                .group_by(StatusChange.action_id)
            ).all()
        )
    closed = latest_closed_quarter(session, sir.lea_id)
    closed_until = end_of_day(closed.last_day) if closed is not None else None
    now = utcnow()
    seen: set[int] = set()
    evidence: dict[int, str | None] = {}
    for item in wanted:
        action, at = item.action, _dated(item, now)
        code = action.code
        if action.sir is not sir or action.id in seen or action.is_archived:
            raise StatusChangeRefused(f"Action {code} is not a current action of {sir.title}.")
        refused_text = _note_and_link_problem(item.note, item.evidence_url)
        if refused_text:
            raise StatusChangeRefused(f"Action {code}: {refused_text[1]}", field=refused_text[0])
        evidence[action.id] = checked_evidence_url(item.evidence_url)
        if item.meeting is not None and (
            item.meeting.lea is not sir.lea or item.meeting.held_on > today()
        ):
            raise StatusChangeRefused(
                f"Action {code}: the meeting of {long_date(item.meeting.held_on)} is not a "
                "past meeting of this LEA.",
                field="meeting",
            )
        seen.add(action.id)
        if action.status == item.status:
            raise StatusChangeRefused(f"Action {code} is already {item.status.label}.")
        if at > now + CLOCK_SKEW:
            raise StatusChangeRefused(f"Action {code}: a status cannot be dated in the future.")
        if closed_until is not None and at < closed_until:
            raise StatusChangeRefused(
                f"Action {code}: the quarter {closed} is closed (signed off)."
            )
        if (previous := latest.get(action.id)) is not None and at < previous:
            raise StatusChangeRefused(
                f"Action {code} last changed on {pacific_day(previous)}; a new change cannot "
                "be dated before that."
            )
    entries = []
    for item in wanted:
        entry = StatusChange(
            action=item.action,
            from_status=item.action.status,
            to_status=item.status,
            changed_at=_dated(item, now),
            changed_by=by,
            note=item.note.strip(),
            evidence_url=evidence[item.action.id],
            meeting=item.meeting,
        )
        item.action.status = item.status
        session.add(entry)
        entries.append(entry)
    session.flush()  # each action's new version, for its audit event
    session.add_all(
        new_event(
            actor=by,
            action=AuditAction.STATUS_CHANGE,
            record=entry.action,
            label=f"Action {entry.action.code}",
            lea_id=sir.lea_id,
            changes={"status": [entry.from_status.label, entry.to_status.label]}
            if entry.from_status
            else {},
            summary=entry.note,
        )
        for entry in entries
    )
    session.flush()
    return entries


def lock_quarters(session: Session, lea_id: int) -> None:
    """Queue this transaction behind any other that changes a status of the LEA or signs off
    one of its quarters, until it ends: ``SELECT ... FOR UPDATE`` of the LEA's row.

    Without it, on PostgreSQL a sign-off could decide on figures without a status change that
    another transaction had made but not yet committed, and the change then land in the
    quarter just closed. Whichever comes second now decides on what the first committed: a
    change after the sign-off is refused (its quarter is closed), a sign-off after the change
    freezes it. Every path locks the LEA before any action or meeting, so that two of them
    never wait on each other. (SQLite needs no lock: its writing transactions begin with
    ``BEGIN IMMEDIATE``, one at a time.)
    """
    session.execute(select(Lea.id).where(Lea.id == lea_id).with_for_update())


def _dated(item: StatusToSet, now: datetime) -> datetime:
    """When ``item`` happens: as ``change_status`` dates a change without ``at``."""
    if item.at is not None:
        return item.at
    return min(at_local(item.meeting.held_on), now) if item.meeting is not None else now


def latest_closed_quarter(session: Session, lea_id: int) -> SchoolQuarter | None:
    """The latest school quarter of the LEA whose quarterly meeting was signed off."""
    held_on = session.scalar(
        select(func.max(Meeting.held_on)).where(
            Meeting.lea_id == lea_id,
            Meeting.closed_at.is_not(None),
            Meeting.archived_at.is_(None),
        )
    )
    return SchoolQuarter.of(held_on) if held_on is not None else None


def checked_evidence_url(url: str | None) -> str | None:
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
    """Status counts for many SIRs in one query (``_grouped_counts``)."""
    ids = list(sir_ids)
    if not ids:
        return {}
    grouped = _grouped_counts(session, Action.sir_id, ids, as_of)
    return {sir_id: StatusCounts.from_mapping(grouped.get(sir_id, {})) for sir_id in ids}


def counts_by_component(
    session: Session, sir: Sir, as_of: date | None = None
) -> dict[int, StatusCounts]:
    """The SIR's status counts per component, keyed by component number: all twelve, in number
    order, zero where a component has no action. They add up to ``status_counts``."""
    grouped = _grouped_counts(session, Action.component_id, [sir.id], as_of)
    components = session.execute(select(Component.id, Component.number).order_by(Component.number))
    return {
        number: StatusCounts.from_mapping(grouped.get(component_id, {}))
        for component_id, number in components
    }


def counts_by_theme(
    session: Session, sir: Sir, as_of: date | None = None
) -> dict[int | None, StatusCounts]:
    """The SIR's status counts per theme id (None: actions under no theme), for the themes
    that have counted actions. They add up to ``status_counts``."""
    grouped = _grouped_counts(session, Action.theme_id, [sir.id], as_of)
    return {theme_id: StatusCounts.from_mapping(counts) for theme_id, counts in grouped.items()}


def _grouped_counts(
    session: Session,
    group: InstrumentedAttribute[Any],
    sir_ids: list[int],
    as_of: date | None,
) -> dict[Any, dict[ActionStatus, int]]:
    """Counts of the actions of ``sir_ids`` by ``group`` (a column of ``Action``) and status, in
    one query: the one source of every count that pages, reports and commands show.

    Current counts read the status kept on each action; counts as of a date replay history,
    taking each action's latest change made before that day ended (an action created later,
    or archived by then, is not counted).
    """
    if as_of is None:
        query = (
            select(group, Action.status, func.count())
            .where(Action.sir_id.in_(sir_ids), Action.archived_at.is_(None))
            .group_by(group, Action.status)
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
            select(group.label("key"), StatusChange.to_status, rank)
            .join(Action, Action.id == StatusChange.action_id)
            .where(
                Action.sir_id.in_(sir_ids),
                StatusChange.changed_at < end_of_day(as_of),
                or_(Action.archived_at.is_(None), Action.archived_at >= end_of_day(as_of)),
            )
            .subquery()
        )
        query = (
            select(latest.c.key, latest.c.to_status, func.count())
            .where(latest.c.rank == 1)
            .group_by(latest.c.key, latest.c.to_status)
        )
    grouped: dict[Any, dict[ActionStatus, int]] = {}
    for key, status, count in session.execute(query):
        grouped.setdefault(key, {})[ActionStatus(status)] = count
    return grouped


# --- Many changes at once, as a lead enters them after a quarterly meeting -------------------


@dataclass(frozen=True)
class RequestedChange:
    """One row of a bulk update: ``status`` empty means "leave this action as it is"."""

    action_id: int
    version: int | None
    status: str = ""
    note: str = ""
    evidence_url: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.status.strip() or self.note.strip() or self.evidence_url.strip())


class BulkChangeRefused(DomainError):
    """Some rows cannot be applied; ``problems`` maps action ids to what is wrong with them.
    Nothing was written."""

    def __init__(
        self, problems: dict[int, str], general: str | None = None, *, field: str | None = None
    ) -> None:
        count = len(problems)
        message = general or (
            f"{count} {'row needs' if count == 1 else 'rows need'} correcting; nothing was saved."
        )
        super().__init__(message, field=field)
        self.problems = problems


# A person's change of status always says why: the board reads these notes.
NOTE_NEEDED = "what changed, and how you know (a status change is saved with a note)."


def change_statuses(
    session: Session,
    sir: Sir,
    requested: Sequence[RequestedChange],
    *,
    by: User,
    meeting: Meeting | None = None,
) -> list[StatusChange]:
    """Apply many status changes to ``sir``'s actions, all or nothing.

    Every row is checked before anything is written (the action is one of the SIR's current
    actions, the version the person saw is still current, the status is a status and differs
    from the current one, a note says why, the evidence is a web link, the date fits the
    action's history);
    if any row fails, ``BulkChangeRefused`` names each failing row and nothing is written.
    Otherwise each change goes through ``change_status``: one history row and one audit event
    per changed action.
    """
    if meeting is not None and meeting.lea_id != sir.lea_id:
        raise BulkChangeRefused(
            {}, "The meeting chosen is not a meeting of this LEA.", field="meeting"
        )
    wanted = [row for row in requested if not row.is_blank]
    lock_quarters(session, sir.lea_id)
    # Lock the rows to change before checking them, so that the versions checked stay current.
    actions = {
        action.id: action
        for action in session.scalars(
            select(Action)
            .where(
                Action.sir_id == sir.id,
                Action.archived_at.is_(None),
                Action.id.in_([row.action_id for row in wanted]),
            )
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    latest = dict(
        session.execute(
            select(StatusChange.action_id, func.max(StatusChange.changed_at))
            .where(StatusChange.action_id.in_([row.action_id for row in wanted]))
            .group_by(StatusChange.action_id)
        ).all()
    )
    at = at_local(meeting.held_on) if meeting is not None else None
    problems: dict[int, str] = {}
    seen: set[int] = set()
    for row in wanted:
        action = actions.get(row.action_id)
        problem = _problem_with(session, row, action, seen, latest.get(row.action_id), at)
        if problem:
            problems[row.action_id] = problem
        seen.add(row.action_id)
    if problems:
        raise BulkChangeRefused(problems)
    if not wanted:
        raise BulkChangeRefused({}, "Choose a new status for at least one action.")

    entries = []
    with session.begin_nested():
        for row in wanted:
            action = actions[row.action_id]
            try:
                entries.append(
                    change_status(
                        session,
                        action,
                        row.status,
                        by=by,
                        sir=sir,
                        note=row.note,
                        evidence_url=row.evidence_url,
                        meeting=meeting,
                    )
                )
            except StatusChangeRefused as refused:  # changed by someone else meanwhile
                raise BulkChangeRefused({row.action_id: refused.message}) from refused
    return entries


def _problem_with(
    session: Session,
    row: RequestedChange,
    action: Action | None,
    seen: set[int],
    latest: datetime | None,
    at: datetime | None,
) -> str | None:
    if action is None:
        return "This action is not one of this SIR's current actions (it may have been archived)."
    if row.action_id in seen:
        return f"Action {action.code} appears twice; change it once."
    if not row.status.strip():
        return f"Choose a new status for action {action.code}, or clear its note and evidence link."
    refused_text = _note_and_link_problem(row.note, row.evidence_url)
    if refused_text:
        return f"Action {action.code}: {refused_text[1]}"
    try:
        check_version(session, action, row.version, f"Action {action.code}")
        status = parse_status(row.status)
        checked_evidence_url(row.evidence_url)
    except EditConflict as conflict:
        changes = "; ".join(
            f"{event_headline(event)}: {'; '.join(change_lines(event)) or 'no field changes'}"
            for event in conflict.events
        )
        return (
            f"Action {action.code} was changed by someone else after you opened this page "
            f"({changes or 'details unavailable'}). Reload the page to start from its "
            "current status."
        )
    except StatusChangeRefused as refused:
        return refused.message
    if status == action.status:
        return f"Action {action.code} is already {status.label}; leave its new status blank."
    if not row.note.strip():
        return f"Write a note for action {action.code}: {NOTE_NEEDED}"
    if at is not None and latest is not None and at < latest:
        return (
            f"Action {action.code} last changed on {pacific_day(latest)}, "
            "after the meeting chosen; update it on its own, without the meeting."
        )
    return None


# --- One change as a person makes it, from what they saw ---------------------------------------


def update_status(
    session: Session,
    action: Action,
    status: ActionStatus | str,
    *,
    version: int | None,
    by: User,
    note: str = "",
    evidence_url: str | None = None,
    effective_on: date | None = None,
) -> StatusChange:
    """``change_status`` for a person who saw ``version`` of the action, with a note.

    Refused with ``EditConflict`` (listing what changed) if the action changed since; with
    ``StatusChangeRefused`` if it is archived or ``change_status`` refuses. ``effective_on``
    (a Pacific day, today if None) dates the change: midday of a past day, or later that day if
    the action's last change was later.
    """
    lock_quarters(session, action.sir.lea_id)
    session.refresh(action, with_for_update=True)  # the version checked stays current
    check_version(session, action, version, f"Action {action.code}")
    if not note.strip():
        raise StatusChangeRefused(f"Write a note: {NOTE_NEEDED}", field="note")
    if action.is_archived:
        raise StatusChangeRefused(
            f"Action {action.code} is archived; it must be restored before its status changes."
        )
    at = None
    if effective_on is not None and effective_on != today():
        at = at_local(effective_on)
        latest = _latest_change_at(session, action)
        if latest is not None and at < latest and latest.astimezone(PACIFIC).date() == effective_on:
            at = latest
    return change_status(
        session, action, status, by=by, note=note, evidence_url=evidence_url, at=at
    )


def counts_at_meeting(session: Session, meeting: Meeting) -> StatusCounts:
    """The counts of the meeting's SIR as of the meeting: the frozen figures once the meeting
    is signed off, so later changes (or corrections) never alter what was signed."""
    if meeting.sir is None:
        return StatusCounts()
    if meeting.is_closed:
        return frozen_counts(session, [meeting.id]).get(meeting.id, StatusCounts())
    return status_counts(session, meeting.sir, meeting.held_on)


def frozen_counts(session: Session, meeting_ids: Sequence[int]) -> dict[int, StatusCounts]:
    """The counts frozen at each of these signed-off meetings, in one query."""
    if not meeting_ids:
        return {}
    grouped: dict[int, dict[ActionStatus, int]] = {meeting_id: {} for meeting_id in meeting_ids}
    for meeting_id, status, count in session.execute(
        select(FrozenStatus.meeting_id, FrozenStatus.status, func.count())
        .where(FrozenStatus.meeting_id.in_(meeting_ids))
        .group_by(FrozenStatus.meeting_id, FrozenStatus.status)
    ):
        grouped[meeting_id][ActionStatus(status)] = count
    return {meeting_id: StatusCounts.from_mapping(counts) for meeting_id, counts in grouped.items()}
