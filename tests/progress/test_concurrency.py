"""Concurrent status changes from several threads, on a real database with real commits."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Action, ActionStatus, StatusChange
from sir_tracker.users.models import User
from tests.support import builders

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
