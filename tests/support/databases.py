"""Fresh, empty databases for tests: SQLite files, or databases on the PostgreSQL server
named by SIR_TRACKER_TEST_POSTGRES_URL (``make test`` starts a throwaway cluster)."""

from __future__ import annotations

import os
import uuid
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

    def create(self) -> str:
        """The URL of a new, empty database."""
        name = f"sir_tracker_test_{uuid.uuid4().hex[:12]}"
        if self.postgres_url is None:
            return f"sqlite:///{self.scratch / name}.sqlite"
        self._maintenance(f'CREATE DATABASE "{name}"')
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
