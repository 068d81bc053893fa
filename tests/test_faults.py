"""Faults survived, on SQLite and PostgreSQL: an import and a packet build killed with SIGKILL
mid-way leave the database as it was (nothing half-written, the job taken again, never stuck
"running"); a database that stops answering under a running server gives a truthful 503, loses
nothing saved before, and the worker beside the server waits and goes on.

Backup, change, restore: ``tests/core/test_backup.py``. A reminder's send killed mid-way:
``tests/reminders/test_delivery.py``. A worker that meets a locked or missing database:
``tests/reports/test_worker_resilience.py``.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, select, text
from werkzeug.serving import make_server

from sir_tracker.core import database as core_database
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.reports import jobs
from sir_tracker.reports.models import Audience, GeneratedReport, JobState, ReportJob
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role
from sir_tracker.web.serving import QuietRequestHandler
from tests.conftest import make_test_app
from tests.reviews.iusd import table_counts
from tests.support import builders
from tests.support.auth import PASSWORD, make_user
from tests.support.workers import eventually, worker_thread

SIR_TRACKER = str(Path(sys.executable).with_name("sir-tracker"))
AS_OF = date(2026, 6, 30)
# Enough actions that writing them takes the import's transaction a few seconds.
IMPORTED_ACTIONS = 3000
# The demo's two shortest reports: a packet of them is laid out in a few seconds.
SHORT_REPORTS = ("Harbor Oaks Unified School District", "Riverlight Academy Charter School")


def counts(url: str) -> dict[str, int]:
    database = Database(url)
    try:
        with database.new_session(write=False) as session:
            return table_counts(session)
    finally:
        database.engine.dispose()


def integrity_ok(url: str) -> bool:
    """SQLite's own check of the file (PostgreSQL keeps its files whole by itself)."""
    if not url.startswith("sqlite"):
        return True
    path = make_url(url).database
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], what: str) -> None:
    """SIGKILL ``process`` as soon as ``ready()``; fail if it ends first."""
    deadline = time.monotonic() + 120
    while not ready():
        assert process.poll() is None, f"it ended before {what}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.01)
    process.kill()
    assert process.wait(timeout=30) == -signal.SIGKILL


@contextmanager
def writing_in_progress(url: str) -> Iterator[Callable[[], bool]]:
    """Whether another process has a write transaction open and has already written rows in
    it: PostgreSQL shows a backend holding a row-exclusive lock on ``actions``; SQLite's write
    lock is taken and the write-ahead log has grown since."""
    if url.startswith("postgresql"):
        engine = create_engine(url)
        query = text(
            "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = pg_locks.relation "
            "WHERE pg_class.relname = 'actions' AND pg_locks.mode = 'RowExclusiveLock' "
            "AND pg_locks.pid <> pg_backend_pid()"
        )

        def postgres_writing() -> bool:
            with engine.connect() as connection:
                return bool(connection.execute(query).scalar())

        try:
            yield postgres_writing
        finally:
            engine.dispose()
        return
    path = Path(make_url(url).database or "")
    wal = path.with_name(path.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0

    def sqlite_writing() -> bool:
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as probe:
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # locked: someone is writing
                return wal.exists() and wal.stat().st_size > start
            probe.execute("ROLLBACK")
            return False

    yield sqlite_writing


def actions_file(folder: Path, rows: int) -> Path:
    """A CSV of new actions (read far faster than an XLSX of as many)."""
    lines = ["Code,Component,Action,Responsible,Status,Note"]
    for n in range(rows):
        component = n % 12 + 1
        lines.append(
            f"{component}.{n // 12 + 1},{component},Imported action {n}: coach every team.,"
            f"Director of curriculum,in progress,Seen at the review ({n})."
        )
    path = folder / "actions.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_mid_way_leaves_the_database_as_it_was(
    own_demo_database_url: str, tmp_path: Path
) -> None:
    database = Database(own_demo_database_url)
    with transaction(database.writers) as session:
        importer = make_user(session, Role.ADMIN)
        sir, _ = builders.sir_with_actions(session, 0, by=importer)
        sir_id, email = sir.id, importer.email
    database.engine.dispose()
    file = actions_file(tmp_path, IMPORTED_ACTIONS)
    before = counts(own_demo_database_url)

    with writing_in_progress(own_demo_database_url) as writing:
        run = subprocess.Popen(
            [SIR_TRACKER, "import", str(file), "--sir", str(sir_id), "--by", email],
            env={**os.environ, "DATABASE_URL": own_demo_database_url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        kill_when(run, writing, "the import writing")

    assert counts(own_demo_database_url) == before
    assert integrity_ok(own_demo_database_url)


@pytest.fixture
def quick_takeover(monkeypatch: pytest.MonkeyPatch) -> None:
    """A job whose worker went silent is taken over at once, not after two minutes."""
    monkeypatch.setattr(jobs, "STALE_AFTER", jobs.timedelta(0))


def packet_job(database: Database, names: tuple[str, ...] = SHORT_REPORTS) -> int:
    with transaction(database.writers) as session:
        leas = session.scalars(select(Lea.id).where(Lea.name.in_(names))).all()
        job = jobs.request_packet(
            session, by=None, lea_ids=sorted(leas), as_of=AS_OF, audience=Audience.BOARD
        )
        return job.id


def job_of(database: Database, job_id: int) -> ReportJob:
    with database.new_session(write=False) as session:
        return session.get_one(ReportJob, job_id)


def archived(url: str) -> int:
    return counts(url)[GeneratedReport.__tablename__]


def test_a_worker_killed_while_laying_out_a_packet_archives_nothing_and_the_job_is_taken_again(
    own_demo_database_url: str, tmp_path: Path, quick_takeover: None
) -> None:
    database = Database(own_demo_database_url)
    job_id = packet_job(database)
    reports = archived(own_demo_database_url)
    worker = subprocess.Popen(
        [SIR_TRACKER, "worker", "--poll", "0.1"],
        env={**os.environ, "DATABASE_URL": own_demo_database_url,
             "SIR_TRACKER_REPORT_PROCESSES": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def laying_out() -> bool:
        # The packet's data is read and its first progress written (the heartbeat moved on
        # from the claim): the worker is now at the sections, for seconds.
        job = job_of(database, job_id)
        return job.started_at is not None and (job.heartbeat_at or job.started_at) > job.started_at

    kill_when(worker, laying_out, "the layout under way")

    killed = job_of(database, job_id)
    assert killed.state is JobState.RUNNING and killed.report_id is None
    assert archived(own_demo_database_url) == reports
    assert integrity_ok(own_demo_database_url)
    # Another worker takes the silent job over and finishes it.
    with worker_thread(database):
        assert eventually(lambda: job_of(database, job_id).state is not JobState.RUNNING)
    done = job_of(database, job_id)
    assert done.state is JobState.SUCCEEDED, done.message
    assert done.attempts == 2
    assert archived(own_demo_database_url) == reports + 1
    database.engine.dispose()


def test_a_job_killed_too_often_ends_failed_instead_of_running_forever(
    own_demo_database_url: str, quick_takeover: None
) -> None:
    database = Database(own_demo_database_url)
    job_id = packet_job(database)
    for attempt in range(jobs.MAX_ATTEMPTS):
        assert jobs.claim_next_job(database, f"killed:{attempt}") == job_id  # then it dies

    assert jobs.claim_next_job(database, "next") is None
    given_up = job_of(database, job_id)
    assert given_up.state is JobState.FAILED
    assert given_up.message == f"Stopped after {jobs.MAX_ATTEMPTS} attempts."
    database.engine.dispose()


# --- The database stops answering under a running server ----------------------------------------


@contextmanager
def outage(url: str) -> Iterator[None]:
    """The database stops answering until the block ends: on SQLite another connection holds
    the write lock (``BEGIN EXCLUSIVE``); on PostgreSQL the database refuses connections and
    those open are ended."""
    if url.startswith("sqlite"):
        with closing(sqlite3.connect(make_url(url).database or "", isolation_level=None)) as lock:
            lock.execute("BEGIN EXCLUSIVE")
            yield
            lock.execute("ROLLBACK")
        return
    name = make_url(url).database
    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as admin:
        admin.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        admin.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
            {"name": name},
        )
        try:
            yield
        finally:
            admin.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
    engine.dispose()


class Browser:
    """A person's browser on the served app: cookies kept, forms posted with their token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirects()
        )

    def open(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        data = None if form is None else urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode()

    def token(self, path: str) -> str:
        status, page = self.open(path)
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert status == 200 and found, f"no form at {path} ({status})"
        return found.group(1)

    def form(self, path: str) -> dict[str, str]:
        """The hidden fields of the form at ``path`` (its token and the record's version)."""
        status, page = self.open(path)
        assert status == 200, f"no form at {path} ({status})"
        return dict(re.findall(r'<input[^>]*name="(csrf_token|version)"[^>]*value="([^"]*)"', page))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 302 is the answer to look at


def status_of(database: Database, action_id: int) -> ActionStatus:
    with database.new_session(write=False) as session:
        return session.get_one(Action, action_id).status


def test_a_database_that_stops_answering_under_a_running_server_loses_nothing(
    own_demo_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    quick_takeover: None,
) -> None:
    caplog.set_level(logging.INFO, logger=jobs.__name__)
    # "database is locked" after 0.2 s, not after the 15 s a real user would wait.
    monkeypatch.setattr(core_database, "SQLITE_BUSY_TIMEOUT_MS", 200)
    app = make_test_app(own_demo_database_url)
    database: Database = app.extensions["sir_tracker.core.db"]
    with transaction(database.writers) as session:
        lead = make_user(session, Role.ADMIN, name="Lena Lead")
        _, (saved_before, during) = builders.sir_with_actions(session, 2, by=lead)
        ids = (saved_before.id, during.id)
        email = lead.email
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    browser = Browser(f"http://127.0.0.1:{server.port}")

    def change(action_id: int, note: str, hidden: dict[str, str] | None = None) -> tuple[int, str]:
        path = f"/actions/{action_id}/status"
        fields = hidden or browser.form(path)
        return browser.open(path, {**fields, "status": "in_progress", "note": note})

    try:
        signed_in = browser.open(
            "/sign-in",
            {"csrf_token": browser.token("/sign-in"), "email": email, "password": PASSWORD},
        )
        assert signed_in[0] == 302
        assert change(ids[0], "Saved before the outage.")[0] == 302
        job_id = packet_job(database, SHORT_REPORTS[:1])
        with worker_thread(database) as worker:
            opened = browser.form(f"/actions/{ids[1]}/status")  # the form, open before
            with outage(own_demo_database_url):
                refused, page = change(ids[1], "During the outage.", opened)
                assert eventually(lambda: "cannot use the database" in caplog.text, 30)

            assert refused == 503
            assert "Nothing was saved" in page
            assert worker.is_alive()
            assert status_of(database, ids[0]) is ActionStatus.IN_PROGRESS
            assert status_of(database, ids[1]) is ActionStatus.NOT_STARTED
            # Back: the same change goes through, and the worker runs the packet.
            assert change(ids[1], "After the outage.")[0] == 302
            assert status_of(database, ids[1]) is ActionStatus.IN_PROGRESS
            assert eventually(lambda: job_of(database, job_id).state is JobState.SUCCEEDED, 120)
            assert worker.is_alive()
    finally:
        server.shutdown()
        serving.join(timeout=10)
        server.server_close()
        database.engine.dispose()
    assert integrity_ok(own_demo_database_url)
