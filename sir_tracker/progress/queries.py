"""What was recorded on a SIR's actions over a span of time: every status change and progress
note, the one list of "changes since" that the LEA page, the pre-read and the meeting page
show (and the one county office staff have, who may not read the audit log)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sir_tracker.core.pacific_time import PACIFIC, end_of_day
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import Action, ActionStatus, ProgressNote, StatusChange
from sir_tracker.reviews.queries import code_key
from sir_tracker.users.models import User


@dataclass(frozen=True)
class RecordedChange:
    """A status change (``to_status`` set) or a progress note (``to_status`` None)."""

    action_id: int
    code: str
    title: str
    from_status: ActionStatus | None  # None: the action's creation, or a progress note
    to_status: ActionStatus | None
    at: datetime
    who: str
    note: str
    evidence_url: str | None
    meeting_id: int | None
    meeting_held_on: date | None

    @property
    def is_note(self) -> bool:
        return self.to_status is None


def recorded_changes(
    session: Session,
    sir_id: int,
    *,
    after: date | None = None,
    until: date | None = None,
    meeting_id: int | None = None,
    with_archived: bool = False,
) -> list[RecordedChange]:
    """The status changes and progress notes of the SIR's actions made after the Pacific day
    ``after`` ended (all without), up to the end of ``until`` (now without), at ``meeting_id``
    only if given; archived actions only ``with_archived``. Newest day first, then in code
    order. Two queries."""

    def window(column: InstrumentedAttribute[datetime]) -> list[ColumnElement[bool]]:
        where = [Action.sir_id == sir_id]
        if not with_archived:
            where.append(Action.archived_at.is_(None))
        if after is not None:
            where.append(column >= end_of_day(after))
        if until is not None:
            where.append(column < end_of_day(until))
        return where

    changes = session.execute(
        select(StatusChange, Action.code, Action.text, User.name, Meeting.held_on)
        .join(Action, Action.id == StatusChange.action_id)
        .join(User, User.id == StatusChange.changed_by_id)
        .outerjoin(Meeting, Meeting.id == StatusChange.meeting_id)
        .where(
            *window(StatusChange.changed_at),
            *([StatusChange.meeting_id == meeting_id] if meeting_id is not None else []),
        )
    )
    notes = session.execute(
        select(ProgressNote, Action.code, Action.text, User.name, Meeting.held_on)
        .join(Action, Action.id == ProgressNote.action_id)
        .join(User, User.id == ProgressNote.noted_by_id)
        .outerjoin(Meeting, Meeting.id == ProgressNote.meeting_id)
        .where(
            *window(ProgressNote.noted_at),
            *([ProgressNote.meeting_id == meeting_id] if meeting_id is not None else []),
        )
    )
    found = [
        _recorded(change, change.changed_at, code, title, who, held_on)
        for change, code, title, who, held_on in changes
    ] + [
        _recorded(note, note.noted_at, code, title, who, held_on)
        for note, code, title, who, held_on in notes
    ]
    return sorted(
        found,
        key=lambda c: (-c.at.astimezone(PACIFIC).toordinal(), code_key(c.code), c.at, c.is_note),
    )


def _recorded(
    row: StatusChange | ProgressNote,
    at: datetime,
    code: str,
    title: str,
    who: str,
    held_on: date | None,
) -> RecordedChange:
    return RecordedChange(
        action_id=row.action_id,
        code=code,
        title=title,
        from_status=row.from_status if isinstance(row, StatusChange) else None,
        to_status=row.to_status if isinstance(row, StatusChange) else None,
        at=at,
        who=who,
        note=row.note,
        evidence_url=row.evidence_url,
        meeting_id=row.meeting_id,
        meeting_held_on=held_on,
    )
