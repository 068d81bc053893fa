"""The one "changes since" view: every status change and progress note of an LEA's current SIR
since a day, as the LEA page, the pre-read and the meeting page show it (one template macro,
``progress/_changes.html``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from sir_tracker.core.formatting import long_date
from sir_tracker.core.urls import RowUrl
from sir_tracker.meetings.models import Meeting
from sir_tracker.progress.queries import RecordedChange, recorded_changes
from sir_tracker.reviews.models import ActionStatus, Sir


@dataclass(frozen=True)
class ChangeEntry:
    action_url: str
    code: str
    title: str
    is_note: bool
    from_status: ActionStatus | None
    to_status: ActionStatus | None
    at: datetime  # shown with the date filters
    who: str
    note: str
    evidence_url: str | None
    evidence_text: str | None
    meeting_url: str | None
    meeting_held_on: date | None

    @classmethod
    def of(cls, change: RecordedChange, action_url: RowUrl, meeting_url: RowUrl) -> ChangeEntry:
        # Only a web address becomes a link (older imported evidence may be plain text).
        is_link = (change.evidence_url or "").lower().startswith(("http://", "https://"))
        return cls(
            action_url=action_url(change.action_id),
            code=change.code,
            title=change.title,
            is_note=change.is_note,
            from_status=change.from_status,
            to_status=change.to_status,
            at=change.at,
            who=change.who,
            note=change.note,
            evidence_url=change.evidence_url if is_link else None,
            evidence_text=None if is_link else change.evidence_url,
            meeting_url=meeting_url(change.meeting_id) if change.meeting_id is not None else None,
            meeting_held_on=change.meeting_held_on,
        )


@dataclass(frozen=True)
class ChangesSince:
    since: date | None  # changes made after this day ended; None: since the SIR began
    since_meeting: bool  # ``since`` is the day of the previous quarterly meeting
    entries: list[ChangeEntry]

    @property
    def heading(self) -> str:
        if self.since is None:
            return "Changes since the SIR's actions were recorded"
        if self.since_meeting:
            return f"Changes since the quarterly meeting of {long_date(self.since)}"
        return f"Changes since {long_date(self.since)}"

    @property
    def counts(self) -> str:
        return counts_line(self.entries)


def counts_line(entries: Sequence[ChangeEntry]) -> str:
    """ "10 status changes and 2 progress notes"."""
    notes = sum(entry.is_note for entry in entries)
    changes = len(entries) - notes
    return (
        f"{changes} status change{'' if changes == 1 else 's'} and "
        f"{notes} progress note{'' if notes == 1 else 's'}"
    )


def default_since(held: Sequence[Meeting]) -> date | None:
    """The day of the quarterly meeting before the latest of ``held`` (oldest first), so that
    what was recorded at the latest one is included; None with fewer than two."""
    return held[-2].held_on if len(held) > 1 else None


def changes_since(
    session: Session,
    sir: Sir,
    since: date | None,
    *,
    since_meeting: bool = False,
    until: date | None = None,
    with_archived: bool = False,
) -> ChangesSince:
    found = recorded_changes(session, sir.id, after=since, until=until, with_archived=with_archived)
    return ChangesSince(since, since_meeting, _entries(found))


def changes_at_meeting(
    session: Session, meeting: Meeting, *, with_archived: bool = False
) -> list[ChangeEntry]:
    """The status changes and progress notes recorded at ``meeting``, in code order."""
    if meeting.sir_id is None:
        return []
    found = recorded_changes(
        session, meeting.sir_id, meeting_id=meeting.id, with_archived=with_archived
    )
    return _entries(found)


def _entries(found: Sequence[RecordedChange]) -> list[ChangeEntry]:
    action_url = RowUrl("reviews.action", "action_id")
    meeting_url = RowUrl("meetings.show", "meeting_id")
    return [ChangeEntry.of(change, action_url, meeting_url) for change in found]
