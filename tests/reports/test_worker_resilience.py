"""A worker that meets a database it cannot use (not there yet, locked by another writer) waits
and tries again, then runs the jobs; it never exits on its own (on 2026-12-01 one died in
``claim_next_job`` on "database is locked" and stayed dead). SQLite files, real locks."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from sir_tracker import migrate
from sir_tracker.core import database as core_database
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports import jobs
from sir_tracker.reports.models import Audience, JobState, ReportJob
from sir_tracker.users.models import Role
from tests.support import builders
from tests.support.workers import eventually, worker_thread


def ask_for_a_report(database: Database) -> int:
    with transaction(database.writers) as session:
        asker = builders.user(session, Role.VIEWER)
        sir, _actions = builders.sir_with_actions(session, 3, by=asker)
        job = jobs.request_lea_report(
            session, by=asker, lea=sir.lea, as_of=date(2026, 6, 30), audience=Audience.BOARD,
            thresholds=Thresholds(),
        )  # fmt: skip
        assert isinstance(job, ReportJob)
        return job.id


def state_of(database: Database, job_id: int) -> JobState:
    with database.new_session(write=False) as session:
        return session.get_one(ReportJob, job_id).state


def test_a_worker_waits_for_a_database_that_is_not_there_yet(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=jobs.__name__)
    folder = tmp_path / "not-there-yet"
    url = f"sqlite:///{folder / 'sir_tracker.sqlite'}"
    database = Database(url)

    with worker_thread(database) as worker:
        assert eventually(lambda: "cannot use the database" in caplog.text)
        assert "unable to open database file" in caplog.text
        # The database appears all at once, migrated, with a job waiting (as when a server
        # that was down comes back).
        ready = tmp_path / "ready"
        ready.mkdir()
        ready_url = f"sqlite:///{ready / 'sir_tracker.sqlite'}"
        migrate.upgrade(ready_url)
        elsewhere = Database(ready_url)
        job_id = ask_for_a_report(elsewhere)
        elsewhere.engine.dispose()
        ready.rename(folder)

        assert eventually(lambda: state_of(database, job_id) is JobState.SUCCEEDED)
        assert worker.is_alive()
    database.engine.dispose()


def test_a_worker_waits_out_a_locked_database(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger=jobs.__name__)
    path = tmp_path / "sir_tracker.sqlite"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    # A short busy timeout, so that the lock below is "database is locked" in 0.1 s, not 15.
    monkeypatch.setattr(core_database, "SQLITE_BUSY_TIMEOUT_MS", 100)
    database = Database(url)
    job_id = ask_for_a_report(database)

    with closing(sqlite3.connect(path, isolation_level=None)) as other_writer:
        other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long write would
        with worker_thread(database) as worker:
            assert eventually(lambda: "database is locked" in caplog.text)
            assert worker.is_alive()
            other_writer.execute("ROLLBACK")

            assert eventually(lambda: state_of(database, job_id) is JobState.SUCCEEDED)
            assert worker.is_alive()
    database.engine.dispose()
