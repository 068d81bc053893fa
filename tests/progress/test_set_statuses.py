"""``set_statuses``: many status changes at once, refused together, written as
``change_status`` writes one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import at_local
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.operations import StatusChangeRefused, StatusToSet, set_statuses
from sir_tracker.reviews.models import ActionStatus
from sir_tracker.users.models import Role
from tests.reviews.iusd import changed_tables, table_counts
from tests.support import builders


def test_each_change_is_a_history_row_and_an_audit_event(session: Session) -> None:
    lead = builders.user(session, Role.CCEE_LEAD)
    sir, actions = builders.sir_with_actions(session, 3, by=lead)

    entries = set_statuses(
        session,
        sir,
        [
            StatusToSet(actions[0], ActionStatus.COMPLETED, "Done."),
            StatusToSet(
                actions[1], ActionStatus.IN_PROGRESS, "Started.", at_local(date(2024, 3, 1))
            ),
        ],
        by=lead,
    )

    assert [(e.from_status, e.to_status, e.note) for e in entries] == [
        (ActionStatus.NOT_STARTED, ActionStatus.COMPLETED, "Done."),
        (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, "Started."),
    ]
    assert [a.status for a in actions] == [
        ActionStatus.COMPLETED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.NOT_STARTED,
    ]
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == AuditAction.STATUS_CHANGE, AuditEvent.lea_id == sir.lea_id)
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.record_label, e.changes, e.summary, e.record_version) for e in events] == [
        ("Action 1.1", {"status": ["not started", "completed"]}, "Done.", actions[0].version),
        ("Action 1.2", {"status": ["not started", "in progress"]}, "Started.", actions[1].version),
    ]


@pytest.mark.parametrize(
    ("status", "day", "message"),
    [
        (ActionStatus.NOT_STARTED, None, "Action 1.2 is already not started."),
        (ActionStatus.COMPLETED, date(2023, 12, 1), "Action 1.2 last changed on 15 January 2024"),
        (ActionStatus.COMPLETED, date(2999, 1, 1), "a status cannot be dated in the future"),
    ],
)
def test_one_refused_change_refuses_them_all(
    session: Session, status: ActionStatus, day: date | None, message: str
) -> None:
    lead = builders.user(session, Role.CCEE_LEAD)
    sir, actions = builders.sir_with_actions(session, 2, by=lead)
    before = table_counts(session)
    with pytest.raises(StatusChangeRefused) as refused:
        set_statuses(
            session,
            sir,
            [
                StatusToSet(actions[0], ActionStatus.COMPLETED, "Done."),
                StatusToSet(actions[1], status, "Again.", at_local(day) if day else None),
            ],
            by=lead,
        )
    assert message in refused.value.message
    assert changed_tables(before, table_counts(session)) == {}


def test_a_change_made_at_a_meeting_is_dated_on_its_day_with_its_evidence(
    session: Session,
) -> None:
    lead = builders.user(session, Role.CCEE_LEAD)
    sir, actions = builders.sir_with_actions(session, 1, by=lead)
    meeting = Meeting(lea=sir.lea, sir=sir, held_on=date(2024, 3, 12), kind=MeetingKind.QUARTERLY)
    session.add(meeting)
    link = "https://evidence.example.org/walkthroughs.pdf"

    [entry] = set_statuses(
        session,
        sir,
        [
            StatusToSet(
                actions[0], ActionStatus.IN_PROGRESS, "Begun.", meeting=meeting, evidence_url=link
            )
        ],
        by=lead,
    )

    assert (entry.meeting, entry.evidence_url) == (meeting, link)
    assert entry.changed_at == at_local(date(2024, 3, 12))


@pytest.mark.parametrize(
    ("note", "evidence_url", "elsewhere", "message"),
    [
        ("Begun.", "file:///etc/passwd", False, "Evidence must be a web link"),
        ("x" * 5001, None, False, "Action 1.2: The note can have at most 5,000 characters"),
        ("a\x00b", None, False, "Action 1.2: The note contains a control character"),
        ("Begun.", None, True, "Action 1.2: the meeting of 12 March 2024 is not a past meeting"),
    ],
)
def test_a_bad_note_link_or_meeting_refuses_every_change(
    session: Session, note: str, evidence_url: str | None, elsewhere: bool, message: str
) -> None:
    lead = builders.user(session, Role.CCEE_LEAD)
    sir, actions = builders.sir_with_actions(session, 2, by=lead)
    meeting = None
    if elsewhere:
        meeting = Meeting(
            lea=builders.lea(session), held_on=date(2024, 3, 12), kind=MeetingKind.QUARTERLY
        )
        session.add(meeting)
        session.flush()
    before = table_counts(session)
    with pytest.raises(StatusChangeRefused) as refused:
        set_statuses(
            session,
            sir,
            [
                StatusToSet(actions[0], ActionStatus.COMPLETED, "Done."),
                StatusToSet(
                    actions[1],
                    ActionStatus.IN_PROGRESS,
                    note,
                    meeting=meeting,
                    evidence_url=evidence_url,
                ),
            ],
            by=lead,
        )
    assert message in refused.value.message
    assert changed_tables(before, table_counts(session)) == {}
