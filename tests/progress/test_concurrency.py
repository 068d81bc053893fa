"""Concurrent status changes from several threads, on a real database with real commits."""

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import select, text

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.core.pacific_time import today
from sir_tracker.meetings.models import FrozenStatus, Meeting, MeetingKind
from sir_tracker.progress.operations import StatusChangeRefused, change_status
from sir_tracker.progress.signoff import (
    SIGNING_ORGANISATIONS,
    Signature,
    SignOffRefused,
    close_meeting,
    figures_seen,
)
from sir_tracker.reviews.models import Action, ActionStatus, StatusChange
from sir_tracker.users.models import User
from tests.support import builders
from tests.support.workers import eventually

THREADS = 8
CHANGES_PER_THREAD = 12
NEXT = {
    ActionStatus.NOT_STARTED: ActionStatus.IN_PROGRESS,
    ActionStatus.IN_PROGRESS: ActionStatus.COMPLETED,
    ActionStatus.COMPLETED: ActionStatus.IN_PROGRESS,
}


@pytest.fixture
def database(migrated_database_url: str) -> Iterator[Database]:
    database = Database(migrated_database_url)
    yield database
    database.engine.dispose()


def test_concurrent_changes_to_one_action_are_all_kept_in_order(database: Database) -> None:
    with transaction(database.writers) as session:
        lead = builders.user(session)
        _, (action,) = builders.sir_with_actions(session, 1, by=lead)
        action_id, lead_id = action.id, lead.id

    def advance(worker: int) -> None:
        # Each change reads the current status and moves it on: a read-modify-write that loses
        # updates, or fails, unless writers are serialised (BEGIN IMMEDIATE, FOR UPDATE).
        for n in range(CHANGES_PER_THREAD):
            with transaction(database.writers) as session:
                current = session.get_one(Action, action_id, with_for_update=True)
                change_status(
                    session,
                    current,
                    NEXT[current.status],
                    by=session.get_one(User, lead_id),
                    note=f"worker {worker}, change {n}",
                )

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(advance, range(THREADS)))

    with transaction(database.writers) as session:
        history = session.scalars(
            select(StatusChange)
            .where(StatusChange.action_id == action_id)
            .order_by(StatusChange.changed_at, StatusChange.id)
        ).all()
        final_status = session.get_one(Action, action_id).status

    assert len(history) == 1 + THREADS * CHANGES_PER_THREAD
    notes = {entry.note for entry in history[1:]}
    assert notes == {
        f"worker {w}, change {n}" for w in range(THREADS) for n in range(CHANGES_PER_THREAD)
    }
    for earlier, later in pairwise(history):
        assert later.from_status == earlier.to_status
    assert final_status == history[-1].to_status


# --- A status change racing a sign-off of the same quarter --------------------------------------


@dataclass(frozen=True)
class Quarter:
    """An LEA with one action, not started, and a quarterly meeting held today, not signed."""

    action_id: int
    meeting_id: int
    lead_id: int


@pytest.fixture
def quarter(database: Database) -> Quarter:
    with transaction(database.writers) as session:
        lead = builders.user(session)
        sir, (action,) = builders.sir_with_actions(session, 1, by=lead)
        meeting = Meeting(lea=sir.lea, sir=sir, held_on=today(), kind=MeetingKind.QUARTERLY)
        session.add(meeting)
        session.flush()
        return Quarter(action.id, meeting.id, lead.id)


def change(database: Database, quarter: Quarter, hold: threading.Event | None = None) -> str:
    """Start an action, holding the transaction open until ``hold`` is set; what happened."""
    with transaction(database.writers) as session:
        try:
            change_status(
                session,
                session.get_one(Action, quarter.action_id),
                ActionStatus.IN_PROGRESS,
                by=session.get_one(User, quarter.lead_id),
                note="Kick-off held.",
            )
        except StatusChangeRefused as refusal:
            return refusal.message
        if hold is not None:
            hold.wait(30)
    return "changed"


def sign_off(
    database: Database, quarter: Quarter, seen: str | None, hold: threading.Event | None = None
) -> str:
    """Sign off the quarter on the figures the signers were shown (``seen``); what happened."""
    with transaction(database.writers) as session:
        meeting = session.get_one(Meeting, quarter.meeting_id)
        try:
            counts = close_meeting(
                session,
                meeting,
                [Signature(org, "A Signer", today()) for org in SIGNING_ORGANISATIONS],
                version=meeting.version,
                seen=seen,
                by=session.get_one(User, quarter.lead_id),
                today=today(),
            )
        except SignOffRefused as refusal:
            return refusal.message
        if hold is not None:
            hold.wait(30)
    return counts.headline


def shown(database: Database, quarter: Quarter) -> str | None:
    """What the sign-off page shows its signers now."""
    with database.new_session(write=False) as session:
        return figures_seen(session, session.get_one(Meeting, quarter.meeting_id))


def waiting_on_a_lock(database: Database, second: threading.Thread) -> bool:
    """Whether ``second`` has come to wait for the transaction that the first holds open: on
    PostgreSQL a backend waits on a row lock; SQLite makes every writer wait in BEGIN IMMEDIATE
    (not visible from outside: the thread is still at it after a moment)."""
    if database.engine.dialect.name != "postgresql":
        return not eventually(lambda: not second.is_alive(), seconds=0.3)
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    with database.engine.connect() as connection:
        return eventually(lambda: bool(connection.execute(query).scalar()), seconds=10)


def race(database: Database, first: Any, second: Any) -> tuple[str, str]:
    """``first`` does its work and holds its transaction open while ``second`` starts; then
    ``first`` commits. What each of them said."""
    hold, results = threading.Event(), {}
    one = threading.Thread(target=lambda: results.update(first=first(hold)))
    one.start()
    assert eventually(lambda: _in_transaction(database) or not one.is_alive(), seconds=10)
    two = threading.Thread(target=lambda: results.update(second=second(None)))
    two.start()
    try:
        assert waiting_on_a_lock(database, two), "the second did not wait for the first"
    finally:
        hold.set()
        one.join(30)
        two.join(30)
    return results["first"], results["second"]


def _in_transaction(database: Database) -> bool:
    # The first holds its writing transaction once the database has one waiting idle in it
    # (PostgreSQL: this test's database, not the other workers' on the same server), or once
    # SQLite's write lock is taken.
    if database.engine.dialect.name == "postgresql":
        query = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE state = 'idle in transaction' AND datname = current_database()"
        )
        with database.engine.connect() as connection:
            return bool(connection.execute(text(query)).scalar())
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path, timeout=0)) as probe:
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        probe.execute("ROLLBACK")
        return False


def frozen_status(database: Database, quarter: Quarter) -> ActionStatus:
    with database.new_session(write=False) as session:
        frozen = session.scalars(
            select(FrozenStatus).where(FrozenStatus.meeting_id == quarter.meeting_id)
        ).one()
        return frozen.status


def test_a_status_change_waiting_on_a_sign_off_of_its_quarter_is_refused(
    database: Database, quarter: Quarter
) -> None:
    seen = shown(database, quarter)
    signed, changed = race(
        database,
        lambda hold: sign_off(database, quarter, seen, hold),
        lambda hold: change(database, quarter, hold),
    )

    assert signed == "0 completed / 0 in progress / 1 not started"
    assert "is closed (signed off); a status change cannot be dated" in changed
    assert frozen_status(database, quarter) is ActionStatus.NOT_STARTED
    with database.new_session(write=False) as session:
        assert session.get_one(Action, quarter.action_id).status is ActionStatus.NOT_STARTED


def test_a_sign_off_waiting_on_a_status_change_is_refused(
    database: Database, quarter: Quarter
) -> None:
    # The signers read the page before the change; the change commits while they sign.
    seen = shown(database, quarter)
    changed, signed = race(
        database,
        lambda hold: change(database, quarter, hold),
        lambda hold: sign_off(database, quarter, seen, hold),
    )

    assert changed == "changed"
    assert signed == (
        "A status as of this meeting changed after this page was opened: the figures to "
        "freeze are now 0 completed / 1 in progress / 0 not started. Check them and sign off "
        "again."
    )
    with database.new_session(write=False) as session:
        assert not session.get_one(Meeting, quarter.meeting_id).is_closed
    # Signed again on the page as it now reads, the change is frozen with the rest.
    assert sign_off(database, quarter, shown(database, quarter)) == (
        "0 completed / 1 in progress / 0 not started"
    )
    assert frozen_status(database, quarter) is ActionStatus.IN_PROGRESS
