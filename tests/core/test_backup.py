"""Backup, change, restore: the earlier state is back, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import StatusChange
from tests.support.cli import sir_tracker
from tests.support.databases import DatabaseServer


@pytest.fixture
def empty_url(database_server: DatabaseServer) -> Iterator[str]:
    url = database_server.create()
    yield url
    database_server.drop(url)


def state(url: str) -> tuple[list[str], int]:
    database = Database(url)
    try:
        with database.new_session(write=False) as session:
            names = list(session.scalars(select(Lea.name).order_by(Lea.name)))
            changes = session.scalar(select(func.count()).select_from(StatusChange)) or 0
            return names, changes
    finally:
        database.engine.dispose()


def test_backup_change_restore_brings_the_earlier_state_back(
    own_demo_database_url: str, empty_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "sir-tracker.backup"
    before = state(own_demo_database_url)

    backed_up = sir_tracker("backup", str(file), database_url=own_demo_database_url)
    database = Database(own_demo_database_url)
    try:
        with transaction(database.writers) as session:
            lea = session.scalars(select(Lea).order_by(Lea.id)).first()
            assert lea is not None
            lea.name = "Renamed after the backup"
    finally:
        database.engine.dispose()
    assert state(own_demo_database_url) != before
    restored = sir_tracker("restore", str(file), database_url=empty_url)

    assert backed_up.returncode == 0, backed_up.stderr
    assert "Backed up the database" in backed_up.stdout
    assert restored.returncode == 0, restored.stderr
    assert state(empty_url) == before
    assert before[1] > 100  # the demo's history came back, not an empty schema
    assert list(tmp_path.iterdir()) == [file]  # no partial file left beside it


def test_a_restore_never_goes_over_data(own_demo_database_url: str, tmp_path: Path) -> None:
    file = tmp_path / "sir-tracker.backup"
    assert sir_tracker("backup", str(file), database_url=own_demo_database_url).returncode == 0
    before = state(own_demo_database_url)

    refused = sir_tracker("restore", str(file), database_url=own_demo_database_url)

    assert refused.returncode == 1
    assert "is not empty" in refused.stderr
    assert state(own_demo_database_url) == before


def test_restoring_a_missing_file_says_so(empty_url: str, tmp_path: Path) -> None:
    refused = sir_tracker("restore", str(tmp_path / "nothing.backup"), database_url=empty_url)

    assert refused.returncode == 1
    assert "There is no backup file at" in refused.stderr
