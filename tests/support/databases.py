"""Databases for tests: SQLite files, or databases on the PostgreSQL server named by
SIR_TRACKER_TEST_POSTGRES_URL (``make test`` starts a throwaway cluster).

Migrating and loading the demo take seconds, so each is done once per test process, into a
template; a test or module that needs a database of its own gets a copy of a template (a file
copy on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL), in milliseconds.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

POSTGRES_URL_VARIABLE = "SIR_TRACKER_TEST_POSTGRES_URL"


class DatabaseServer:
    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.postgres_url = os.environ.get(POSTGRES_URL_VARIABLE)

    @property
    def dialect(self) -> str:
        return "postgresql" if self.postgres_url else "sqlite"

    def create(self, *, template: str | None = None) -> str:
        """The URL of a new database: empty, or a copy of the database at ``template`` (no
        connection may be open to it on PostgreSQL)."""
        name = f"sir_tracker_test_{uuid.uuid4().hex[:12]}"
        if self.postgres_url is None:
            path = self.scratch / f"{name}.sqlite"
            if template is not None:
                _copy_sqlite(_sqlite_path(template), path)
            return f"sqlite:///{path}"
        copy = "" if template is None else f' TEMPLATE "{make_url(template).database}"'
        self._maintenance(f'CREATE DATABASE "{name}"{copy}')
        return make_url(self.postgres_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        if self.postgres_url is None:
            return  # the files go with pytest's temporary directory
        name = make_url(url).database
        self._maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _maintenance(self, statement: str) -> None:
        assert self.postgres_url is not None
        engine = create_engine(self.postgres_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    assert database, url
    return Path(database)


def _copy_sqlite(source: Path, target: Path) -> None:
    # SQLite's backup API rather than a plain file copy: it copies what is committed, whether
    # or not it is still in the write-ahead log.
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reading,
        closing(sqlite3.connect(target)) as writing,
    ):
        reading.backup(writing)
