"""Fixtures: the migrations run and the demo is loaded once per test process, into templates
that are copied; most tests share one copy of the demo, each inside a transaction that is
rolled back afterwards, so tests see the demo and never each other's changes."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jinja2.bccache import Bucket, BytecodeCache
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from sir_tracker import migrate
from sir_tracker.app import create_app
from sir_tracker.core import db
from sir_tracker.core.database import make_engine, transaction, writing
from sir_tracker.demo.loader import load_demo
from tests.support.databases import DatabaseServer
from tests.support.passwords import hash_cheaply
from tests.support.routing import compile_url_builders_once
from tests.support.scheduling import SharedFixtureScheduling

# Before any test module or other conftest hashes its test passwords.
hash_cheaply()
# Before any test makes an app.
compile_url_builders_once()

# Apps built by tests (and the commands they run, the console script's included) keep their
# instance folder (secret key, demo accounts) out of the checkout's, which `make run` uses.
if not os.environ.get("SIR_TRACKER_INSTANCE_PATH"):
    _instance = tempfile.mkdtemp(prefix="sir-tracker-test-instance-")
    atexit.register(shutil.rmtree, _instance, ignore_errors=True)
    os.environ["SIR_TRACKER_INSTANCE_PATH"] = _instance


# What costs a browser or the layout of PDFs, not the database: the browser journeys, and the
# tests that lay out whole reports and packets. The PostgreSQL pass leaves them to the SQLite
# pass; the figures the PDFs print come from functions that the PostgreSQL pass tests directly,
# and the production-recipe test lays out a report on PostgreSQL over real HTTP.
RENDERING = (
    "tests/browser/",
    "tests/reports/test_board_packet.py",
    "tests/reports/test_budget.py",
    "tests/reports/test_packet_structure.py",
    "tests/reports/test_cli.py",
    "tests/reports/test_lea_report.py",
    "tests/reports/test_pages_as_of.py",
    # Its database side (a silent job taken over) is test_a_job_killed_too_often_...
    "tests/test_faults.py::test_a_worker_killed_while_laying_out_a_packet",
)


# The access matrix (tests/test_access_matrix.py) asks every route as every role: two thirds of
# the PostgreSQL pass. Whether a role is allowed is decided in Python (access/policy.py), the
# same on both databases; what can differ by dialect is the SQL that narrows a user to a scope
# (a county office's LEAs, an LEA's own staff). On PostgreSQL the matrix runs for the roles so
# narrowed, every route; the other roles' cases run on SQLite only ("one_dialect").
SCOPED_ROLES = frozenset({"coe_la", "coe_fresno", "iusd_staff"})
MATRIX = "tests/test_access_matrix.py::test_route_answers_each_role_as_the_rules_say"


def _same_on_every_database(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return (
        item.nodeid.startswith(MATRIX)
        and callspec is not None
        and callspec.params.get("role") not in SCOPED_ROLES
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "database: uses a database (set here); the PostgreSQL pass runs only these"
    )
    config.addinivalue_line(
        "markers", "rendering: drives a browser or lays out PDFs (set here); not on PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "one_dialect: decided in Python, not by SQL (set here); not on PostgreSQL"
    )


@pytest.hookimpl(tryfirst=True)  # before -m selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test that uses a database (every database fixture starts from
    ``database_server``): the PostgreSQL pass of ``make test`` runs only those (``-m database``),
    since the others would do exactly what they did on SQLite."""
    for item in items:
        if "database_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.database)
        if item.nodeid.startswith(RENDERING):
            item.add_marker(pytest.mark.rendering)
        if _same_on_every_database(item):
            item.add_marker(pytest.mark.one_dialect)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup``: tests/support/scheduling.py's groups (xdist's own is broken)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    return SharedFixtureScheduling(config, log)


def pytest_report_header() -> str:
    server = DatabaseServer(Path("."))
    return f"database: {server.dialect}"


@pytest.fixture(scope="session")
def database_server(tmp_path_factory: pytest.TempPathFactory) -> DatabaseServer:
    return DatabaseServer(tmp_path_factory.mktemp("databases"))


@pytest.fixture(scope="session")
def migrated_template(database_server: DatabaseServer) -> Iterator[str]:
    """A database built by the migrations, to copy (``database_server.create(template=...)``);
    never used directly."""
    url = database_server.create()
    migrate.upgrade(url)
    yield url
    database_server.drop(url)


@pytest.fixture(scope="session")
def demo_template(database_server: DatabaseServer, migrated_template: str) -> Iterator[str]:
    """A migrated database with the demo loaded and committed, to copy; never used directly."""
    url = database_server.create(template=migrated_template)
    database = db.Database(url)
    with transaction(database.writers) as session:
        load_demo(session)
    database.engine.dispose()
    yield url
    database_server.drop(url)


@pytest.fixture(scope="session")
def demo_database_url(database_server: DatabaseServer, demo_template: str) -> Iterator[str]:
    """The demo database that the tests share: each test's changes are rolled back."""
    url = database_server.create(template=demo_template)
    yield url
    database_server.drop(url)


@pytest.fixture
def migrated_database_url(database_server: DatabaseServer, migrated_template: str) -> Iterator[str]:
    """A migrated, empty database of the test's own: what the test commits stays there."""
    url = database_server.create(template=migrated_template)
    yield url
    database_server.drop(url)


@pytest.fixture
def own_demo_database_url(database_server: DatabaseServer, demo_template: str) -> Iterator[str]:
    """A database of the test's own with the demo loaded: what the test commits stays there."""
    url = database_server.create(template=demo_template)
    yield url
    database_server.drop(url)


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept for every app of the test run: most tests make an app
    of their own, and compiling its templates again was a fifth of a page test's time. A
    template whose source changes is compiled again (the cache compares checksums)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def make_test_app(url: str, **config: object) -> Flask:
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url, **config})
    app.jinja_env.bytecode_cache = _COMPILED_TEMPLATES
    return app


# One engine per database for the whole test process, used by every app bound to a rolled-back
# transaction. SQLAlchemy caches compiled statements per engine (its dialect is in the key):
# an engine per test compiled every statement again, a sixth of a page test's time.
_ENGINES: dict[str, Engine] = {}


def _engine_of_the_process(url: str) -> Engine:
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


@contextmanager
def bound_to_transaction(app: Flask) -> Iterator[Connection]:
    """Run every session of ``app`` inside one transaction on one connection, rolled back at
    the end. Sessions join it with savepoints, so their commits stay inside it."""
    database = app.extensions["sir_tracker.core.db"]
    shared = _engine_of_the_process(database.url)
    if database.engine is not shared:  # a new app: its own engine is never used
        database.engine.dispose()
        database.engine = shared
    connection = writing(database.engine).connect()
    outer = connection.begin()
    database.bind_to(connection)
    try:
        yield connection
    finally:
        outer.rollback()
        connection.close()  # back to the process's pool, for the next test


# The app of the tests that share the demo database, made once per test process: making one
# costs 15 ms (ninety URL rules parsed, every blueprint registered), and about three thousand
# tests use it. Its settings are put back after each test, and its request-rate counts emptied.
_SHARED_APPS: dict[str, tuple[Flask, dict[str, Any]]] = {}


@pytest.fixture
def app(demo_database_url: str) -> Iterator[Flask]:
    if demo_database_url not in _SHARED_APPS:
        made = make_test_app(demo_database_url)
        _SHARED_APPS[demo_database_url] = (made, dict(made.config))
    app, settings = _SHARED_APPS[demo_database_url]
    try:
        with bound_to_transaction(app):
            yield app
    finally:
        app.config.clear()
        app.config.update(settings)
        for limiter in app.extensions.get("limiter", ()):
            limiter.reset()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session inside the test's transaction. It is not the session of any request: requests
    made with the test client open their own, on the same connection, and see its flushed data.
    """
    with app.extensions["sir_tracker.core.db"].new_session(write=True) as test_session:
        yield test_session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
