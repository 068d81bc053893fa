"""Progress notes: "still in progress, and this is what happened", without a status change.

A note is history like a status change: appended, never edited, audited. It is what keeps an
action that moves without changing status from counting as stalled.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import at_local, end_of_day, today
from sir_tracker.meetings.models import Meeting
from sir_tracker.progress.operations import checked_evidence_url, latest_closed_quarter
from sir_tracker.reviews.models import Action, ProgressNote
from sir_tracker.users.models import User

# The same limit as the note of a status change.
NOTE_LIMIT = 5000


class ProgressNoteRefused(DomainError):
    pass


def add_progress_note(
    session: Session,
    action: Action,
    note: str,
    *,
    by: User,
    evidence_url: str | None = None,
    meeting: Meeting | None = None,
    at: datetime | None = None,
) -> ProgressNote:
    """Append a progress note to ``action``'s history, dated now, or on the meeting's day when
    made at ``meeting``.

    Refuses, with ``ProgressNoteRefused`` and nothing written: an empty note or one over
    NOTE_LIMIT characters, an archived action, an evidence link that is not a web address, a
    meeting of another LEA or one not held yet, and a date in a quarter that is closed
    (signed off), as a status change would be.
    """
    text = note.strip()
    if not text:
        raise ProgressNoteRefused(
            "Write the note: what happened on this action since it was last discussed.",
            field="note",
        )
    if len(text) > NOTE_LIMIT:
        raise ProgressNoteRefused(f"Keep the note under {NOTE_LIMIT} characters.", field="note")
    if action.is_archived:
        raise ProgressNoteRefused(
            f"Action {action.code} is archived; it must be restored before a note is added."
        )
    try:
        evidence = checked_evidence_url(evidence_url)
    except DomainError as refused:
        raise ProgressNoteRefused(refused.message, field="evidence_url") from refused
    if meeting is not None:
        if meeting.lea_id != action.sir.lea_id:
            raise ProgressNoteRefused(
                f"The meeting of {long_date(meeting.held_on)} is not a meeting of this LEA.",
                field="meeting",
            )
        if meeting.held_on > today():
            raise ProgressNoteRefused(
                f"The meeting of {long_date(meeting.held_on)} has not happened yet; a note "
                "cannot be made at it.",
                field="meeting",
            )
    now = utcnow()
    if at is None:
        at = min(at_local(meeting.held_on), now) if meeting is not None else now
    closed = latest_closed_quarter(session, action.sir.lea_id)
    if closed is not None and at < end_of_day(closed.last_day):
        raise ProgressNoteRefused(
            f"The quarter {closed} is closed (signed off); a progress note cannot be dated "
            f"on or before {long_date(closed.last_day)}.",
            field="meeting" if meeting is not None else None,
        )
    entry = ProgressNote(
        action=action,
        noted_at=at,
        noted_by=by,
        note=text,
        evidence_url=evidence,
        meeting=meeting,
    )
    session.add(entry)
    record_event(
        session,
        actor=by,
        action=AuditAction.CREATE,
        record=entry,
        label=f"Progress note on action {action.code}",
        lea_id=action.sir.lea_id,
        summary=text,
    )
    return entry
