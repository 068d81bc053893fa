"""``set_statuses``: many status changes at once, refused together, written as
``change_status`` writes one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import at_local
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
