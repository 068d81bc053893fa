"""The declarative base, shared column types, engines and the per-request session.

SQLite needs care to keep concurrent writers from losing updates: the driver is put in
autocommit mode so that SQLAlchemy's ``begin`` event can issue the BEGIN itself, and writing
sessions begin with ``BEGIN IMMEDIATE`` so that a read-modify-write cannot interleave with
another one (measured: the default deferred mode silently lost about half of 200 concurrent
updates).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from sir_tracker.core.text import refuse_control_characters

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 15_000
# How long a writer that finds SQLite's write lock taken waits before trying again. SQLite's
# own busy handler backs off to 100 ms between tries: under steady writes a waiting writer
# kept losing the lock to writers that came after it (a status update's p99 was 1.5 s for a
# p50 of 81 ms, tests/benchmarks/load_results.md). Trying every millisecond takes the lock
# within about a millisecond of its release, in about the order the writers came.
SQLITE_WRITE_RETRY_SECONDS = 0.001


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, stored as naive UTC and always returned timezone-aware.

    SQLite keeps no time zone and PostgreSQL's ``timestamptz`` converts to the session's zone;
    storing naive UTC on both makes comparisons and as-of queries behave the same everywhere.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def enum_column(enum_class: type[enum.Enum], name: str) -> SAEnum:
    """A portable enum column: a VARCHAR holding the member's value, with a CHECK constraint."""
    return SAEnum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


def make_engine(url: str, *, sqlite_foreign_keys: bool = True, **options: Any) -> Engine:
    """Create the engine for ``url``, with SQLite configured for safe concurrent writes."""
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, foreign_keys=sqlite_foreign_keys)
    return engine


def _configure_sqlite(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Autocommit in the driver, so that the "begin" listener below controls BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get("writing"):
            _begin_immediate(connection)
        else:
            connection.exec_driver_sql("BEGIN DEFERRED")


def _begin_immediate(connection: Connection) -> None:
    """``BEGIN IMMEDIATE``, trying again every ``SQLITE_WRITE_RETRY_SECONDS`` while another
    connection writes, for up to ``SQLITE_BUSY_TIMEOUT_MS`` (then "database is locked")."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    connection.exec_driver_sql("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as error:
                if "locked" not in str(error.orig) or time.monotonic() >= deadline:
                    raise
            time.sleep(SQLITE_WRITE_RETRY_SECONDS)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")


def writing(engine: Engine) -> Engine:
    """The same engine, for transactions that write (``BEGIN IMMEDIATE`` on SQLite)."""
    return engine.execution_options(writing=True)


def make_sessionmaker(bind: Engine | Connection) -> sessionmaker[Session]:
    factory = sessionmaker(
        bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    event.listen(factory, "before_flush", refuse_control_characters)
    return factory


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back if it raises."""
    with factory() as session, session.begin():
        yield session


class Archivable:
    """Records that are archived, never deleted, once anything refers to them.

    Archived records drop out of lists and counts; an admin can restore them. Who archived a
    record is in the audit log.
    """

    archived_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
