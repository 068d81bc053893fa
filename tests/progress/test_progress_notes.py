"""Progress notes as an operation: appended, audited, dated, refused with nothing written; and
the one list of what was recorded since a day (``progress.queries.recorded_changes``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.database import utcnow
from sir_tracker.core.pacific_time import PACIFIC, today
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.notes import NOTE_LIMIT, ProgressNoteRefused, add_progress_note
from sir_tracker.progress.operations import change_status
from sir_tracker.progress.queries import recorded_changes
from sir_tracker.reviews.models import (
    ActionStatus,
    HistoryIsAppendOnly,
    Sir,
)
from sir_tracker.users.models import User
from tests.reviews.iusd import (
    action_by_code,
    changed_tables,
    first_in_progress,
    latest_meeting,
    table_counts,
)


def test_a_note_is_appended_and_audited_and_leaves_the_status_and_version_alone(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    action = first_in_progress(session, iusd_sir)
    version = action.version
    before = table_counts(session)

    note = add_progress_note(
        session,
        action,
        "  Coaching cycles reached all 18 schools.  ",
        by=lead,
        evidence_url="https://example.org/coaching-log.pdf",
    )
    session.flush()

    assert changed_tables(before, table_counts(session)) == {"progress_notes": 1, "audit_events": 1}
    assert note.note == "Coaching cycles reached all 18 schools."
    assert note.evidence_url == "https://example.org/coaching-log.pdf"
    assert note.meeting is None
    assert abs(note.noted_at - utcnow()) < timedelta(minutes=1)
    assert (action.status, action.version) == (ActionStatus.IN_PROGRESS, version)
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None
    assert (event.action, event.record_type, event.record_id) == (
        AuditAction.CREATE,
        "ProgressNote",
        note.id,
    )
    assert event.actor == lead and event.lea_id == iusd_sir.lea_id
    assert event.summary == "Coaching cycles reached all 18 schools."
    assert event.record_label == f"Progress note on action {action.code}"


def test_a_note_at_a_meeting_is_dated_on_its_day_and_linked_to_it(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    action = first_in_progress(session, iusd_sir)
    meeting = latest_meeting(session, iusd_sir)

    note = add_progress_note(session, action, "Reported at the meeting.", by=lead, meeting=meeting)
    session.flush()

    assert note.meeting is meeting
    assert note.noted_at.astimezone(PACIFIC).date() == meeting.held_on


@pytest.mark.parametrize(
    ("note", "evidence", "field", "message"),
    [
        ("", None, "note", "Write the note"),
        ("   \n ", None, "note", "Write the note"),
        ("x" * (NOTE_LIMIT + 1), None, "note", f"under {NOTE_LIMIT} characters"),
        ("Fine.", "ftp://example.org/x", "evidence_url", "web link"),
        ("Fine.", "javascript:alert(1)", "evidence_url", "web link"),
    ],
)
def test_a_bad_note_is_refused_with_nothing_written(
    session: Session,
    iusd_sir: Sir,
    lead: User,
    note: str,
    evidence: str | None,
    field: str,
    message: str,
) -> None:
    action = first_in_progress(session, iusd_sir)
    before = table_counts(session)

    with pytest.raises(ProgressNoteRefused, match=message) as refused:
        add_progress_note(session, action, note, by=lead, evidence_url=evidence)

    assert refused.value.field == field
    assert changed_tables(before, table_counts(session)) == {}


def test_a_note_of_exactly_the_limit_is_accepted(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    note = add_progress_note(
        session, first_in_progress(session, iusd_sir), "x" * NOTE_LIMIT, by=lead
    )
    assert len(note.note) == NOTE_LIMIT


def test_a_meeting_of_another_lea_or_one_not_held_yet_is_refused(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    action = first_in_progress(session, iusd_sir)
    foreign = session.scalars(select(Meeting).where(Meeting.lea_id != iusd_sir.lea_id)).first()
    assert foreign is not None
    upcoming = Meeting(
        lea=iusd_sir.lea, held_on=today() + timedelta(days=7), kind=MeetingKind.QUARTERLY
    )
    session.add(upcoming)
    session.flush()
    before = table_counts(session)

    with pytest.raises(ProgressNoteRefused, match="not a meeting of this LEA"):
        add_progress_note(session, action, "At the wrong meeting.", by=lead, meeting=foreign)
    with pytest.raises(ProgressNoteRefused, match="has not happened yet"):
        add_progress_note(session, action, "Too early.", by=lead, meeting=upcoming)

    assert changed_tables(before, table_counts(session)) == {}


def test_an_archived_action_takes_no_note(session: Session, iusd_sir: Sir, lead: User) -> None:
    action = first_in_progress(session, iusd_sir)
    action.archived_at = utcnow()
    session.flush()

    with pytest.raises(ProgressNoteRefused, match="archived"):
        add_progress_note(session, action, "Nobody should see this.", by=lead)


def test_a_note_cannot_be_edited_or_deleted(session: Session, iusd_sir: Sir, lead: User) -> None:
    note = add_progress_note(session, first_in_progress(session, iusd_sir), "As it was.", by=lead)
    session.flush()

    note.note = "Rewritten."
    with pytest.raises(HistoryIsAppendOnly):
        session.flush()
    session.rollback()


# --- What was recorded since a day ----------------------------------------------------------------


def test_recorded_changes_list_status_changes_and_notes_after_the_day_with_code_and_title(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    meeting = latest_meeting(session, iusd_sir)  # 15 June 2021
    one_one = action_by_code(session, iusd_sir, "1.1")
    one_three = action_by_code(session, iusd_sir, "1.3")
    change_status(session, one_one, "completed", by=lead, note="Vision adopted.")
    add_progress_note(session, one_three, "Principals trained.", by=lead)
    session.flush()

    after_meeting = recorded_changes(session, iusd_sir.id, after=meeting.held_on)
    at_and_after = recorded_changes(session, iusd_sir.id, after=meeting.held_on - timedelta(1))

    assert [(c.code, c.is_note, c.note) for c in after_meeting] == [
        ("1.1", False, "Vision adopted."),
        ("1.3", True, "Principals trained."),
    ]
    first = after_meeting[0]
    assert first.title == one_one.text
    assert (first.from_status, first.to_status) == (
        ActionStatus.IN_PROGRESS,
        ActionStatus.COMPLETED,
    )
    assert first.who == lead.name
    assert after_meeting[1].to_status is None
    # The day after the one chosen starts the list: the meeting's own changes come in with
    # the day before it.
    at_meeting = [c for c in at_and_after if c.meeting_id == meeting.id]
    assert at_meeting
    assert {c.meeting_held_on for c in at_meeting} == {meeting.held_on}
    assert len(at_and_after) == len(after_meeting) + len(at_meeting)
    # Newest day first; within a day, in code order.
    days = [c.at.astimezone(PACIFIC).date() for c in at_and_after]
    assert days == sorted(days, reverse=True)


def test_recorded_changes_until_a_day_and_at_one_meeting(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    meeting = latest_meeting(session, iusd_sir)
    add_progress_note(session, first_in_progress(session, iusd_sir), "Later news.", by=lead)
    session.flush()

    until_meeting = recorded_changes(
        session, iusd_sir.id, after=date(2021, 3, 16), until=meeting.held_on
    )
    at_meeting = recorded_changes(session, iusd_sir.id, meeting_id=meeting.id)

    assert "Later news." not in {c.note for c in until_meeting}
    assert {c.meeting_id for c in at_meeting} == {meeting.id}
    assert {c.note for c in at_meeting} == {c.note for c in until_meeting}
    assert any(c.is_note for c in at_meeting) and any(not c.is_note for c in at_meeting)


def test_archived_actions_are_left_out_unless_asked_for(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    action = first_in_progress(session, iusd_sir)
    add_progress_note(session, action, "Then archived.", by=lead)
    action.archived_at = utcnow()
    session.flush()

    shown = recorded_changes(session, iusd_sir.id, after=today() - timedelta(days=1))
    with_archived = recorded_changes(
        session, iusd_sir.id, after=today() - timedelta(days=1), with_archived=True
    )

    assert "Then archived." not in {c.note for c in shown}
    assert "Then archived." in {c.note for c in with_archived}
