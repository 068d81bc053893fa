from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import PACIFIC, at_local, today
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.operations import (
    BulkChangeRefused,
    RequestedChange,
    StatusChangeRefused,
    change_status,
    change_statuses,
    status_counts,
)
from sir_tracker.reviews.models import Action, ActionStatus, HistoryIsAppendOnly, Sir, StatusChange
from sir_tracker.users.models import User
from tests.support import builders


@pytest.fixture
def lead(session: Session) -> User:
    return builders.user(session)


@pytest.fixture
def sir_and_actions(session: Session, lead: User) -> tuple[Sir, list[Action]]:
    return builders.sir_with_actions(session, 3, by=lead)


def snapshot(session: Session) -> tuple[Any, ...]:
    """Everything a status change could touch, read through the session (so pending writes
    are flushed and would show)."""
    history = session.execute(
        select(StatusChange.id, StatusChange.action_id, StatusChange.to_status).order_by(
            StatusChange.id
        )
    ).all()
    actions = session.execute(
        select(Action.id, Action.status, Action.version).order_by(Action.id)
    ).all()
    return tuple(history), tuple(actions)


def test_a_change_appends_history_and_updates_the_current_status(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    sir, (action, *_) = sir_and_actions
    entry = change_status(
        session,
        action,
        "in progress",
        by=lead,
        sir=sir,
        note="  Kick-off held with principals.  ",
        evidence_url="https://example.org/agenda.pdf",
    )

    assert action.status is ActionStatus.IN_PROGRESS
    assert (entry.from_status, entry.to_status) == (
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
    )
    assert entry.note == "Kick-off held with principals."
    assert entry.changed_by is lead
    assert [row.to_status for row in action.history] == [
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
    ]
    assert status_counts(session, sir).headline == "0 completed / 1 in progress / 2 not started"


def test_a_change_made_at_a_meeting_is_linked_to_it_and_dated_on_its_day(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    sir, (action, *_) = sir_and_actions
    meeting = Meeting(lea=sir.lea, sir=sir, held_on=date(2024, 3, 12), kind=MeetingKind.QUARTERLY)
    session.add(meeting)

    entry = change_status(session, action, ActionStatus.COMPLETED, by=lead, meeting=meeting)

    assert entry.meeting is meeting
    assert entry in meeting.status_changes
    assert entry.changed_at == at_local(date(2024, 3, 12))


def other_lea_meeting(session: Session) -> Meeting:
    meeting = Meeting(lea=builders.lea(session), held_on=date(2024, 3, 1), kind=MeetingKind.OTHER)
    session.add(meeting)
    session.flush()
    return meeting


def other_sir(session: Session) -> Sir:
    sir = Sir(lea=builders.lea(session), title="Another LEA's SIR")
    session.add(sir)
    session.flush()
    return sir


def scheduled_meeting(session: Session, sir: Sir) -> Meeting:
    meeting = Meeting(
        lea=sir.lea, sir=sir, held_on=today() + timedelta(days=3), kind=MeetingKind.QUARTERLY
    )
    session.add(meeting)
    session.flush()
    return meeting


def future() -> datetime:
    return datetime.now(UTC) + timedelta(days=2)


REFUSALS: dict[str, tuple[Callable[[Session], dict[str, Any]], str]] = {
    "unknown status": (lambda s: {"status": "done"}, "not a status"),
    "same status": (lambda s: {"status": ActionStatus.NOT_STARTED}, "already not started"),
    "another SIR": (
        lambda s: {"status": "completed", "sir": other_sir(s)},
        "does not belong",
    ),
    "another LEA's meeting": (
        lambda s: {"status": "completed", "meeting": other_lea_meeting(s)},
        "not a meeting of this LEA",
    ),
    "future date": (lambda s: {"status": "completed", "at": future()}, "future"),
    "before the last change": (
        lambda s: {"status": "completed", "at": at_local(date(2023, 12, 1))},
        "cannot be dated before",
    ),
    "naive date": (
        lambda s: {"status": "completed", "at": datetime(2024, 6, 1, 12)},  # noqa: DTZ001
        "time zone",
    ),
    "meeting not held yet": (
        lambda s: {
            "status": "completed",
            "meeting": scheduled_meeting(s, s.scalars(select(Sir).order_by(Sir.id.desc())).first()),
        },
        "has not happened yet",
    ),
    "script as evidence": (
        lambda s: {"status": "completed", "evidence_url": "javascript:alert(1)"},
        "web link",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_change_says_why_and_writes_nothing(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]], case: str
) -> None:
    sir, (action, *_) = sir_and_actions
    make_arguments, message = REFUSALS[case]
    arguments = {"sir": sir, **make_arguments(session)}
    status = arguments.pop("status")
    before = snapshot(session)

    with pytest.raises(StatusChangeRefused, match=message):
        change_status(session, action, status, by=lead, **arguments)

    assert snapshot(session) == before
    assert action.status is ActionStatus.NOT_STARTED


def test_a_change_at_todays_meeting_is_never_dated_in_the_future(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    sir, (action, *_) = sir_and_actions
    meeting = Meeting(lea=sir.lea, sir=sir, held_on=today(), kind=MeetingKind.QUARTERLY)
    session.add(meeting)

    entry = change_status(session, action, ActionStatus.IN_PROGRESS, by=lead, meeting=meeting)

    assert entry.changed_at <= datetime.now(UTC)
    assert entry.changed_at.astimezone(PACIFIC).date() == today()


def test_history_rows_cannot_be_edited_or_deleted_through_the_orm(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    _, (action, *_) = sir_and_actions
    entry = change_status(session, action, ActionStatus.IN_PROGRESS, by=lead)

    entry.note = "rewritten"
    with pytest.raises(HistoryIsAppendOnly):
        session.flush()
    session.expire_all()

    session.delete(action.history[0])
    with pytest.raises(HistoryIsAppendOnly):
        session.flush()


def test_many_changes_with_one_wrong_row_write_nothing_and_name_only_that_row(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    sir, (first, second, third) = sir_and_actions
    before = snapshot(session)
    requested = [
        RequestedChange(first.id, first.version, "in_progress", note="Kick-off held."),
        RequestedChange(second.id, second.version, "completed", note=""),
        RequestedChange(third.id, third.version, "completed", note="Done, minutes attached."),
    ]

    with pytest.raises(BulkChangeRefused) as refused:
        change_statuses(session, sir, requested, by=lead)

    assert set(refused.value.problems) == {second.id}
    assert "Write a note for action 1.2" in refused.value.problems[second.id]
    assert snapshot(session) == before


def test_many_changes_that_are_all_right_are_all_written(
    session: Session, lead: User, sir_and_actions: tuple[Sir, list[Action]]
) -> None:
    sir, actions = sir_and_actions
    requested = [
        RequestedChange(a.id, a.version, "in_progress", note=f"Begun: {a.code}") for a in actions
    ]
    requested.append(RequestedChange(actions[0].id + 1000, None))  # a blank row: left alone

    entries = change_statuses(session, sir, requested, by=lead)

    assert [e.action_id for e in entries] == [a.id for a in actions]
    assert {a.status for a in actions} == {ActionStatus.IN_PROGRESS}
