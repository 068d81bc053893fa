"""Backups that restore: a whole database to one file and back, while the app keeps running.

SQLite copies itself with its online backup API (a consistent snapshot even while others
write); PostgreSQL with ``pg_dump``'s custom format and ``pg_restore``. A backup is written to a
temporary file beside the target and renamed when complete, so a failed backup never leaves a
file that looks like one. A restore goes only into an empty database, never over data.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from sir_tracker.core.database import make_engine


class BackupError(Exception):
    """A backup or restore that could not be done, said as a sentence for the operator."""


def backup(url: str, target: Path) -> None:
    """Write the whole database at ``url`` to ``target``."""
    parsed = make_url(url)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if parsed.get_backend_name() == "sqlite":
            _sqlite_copy(_sqlite_path(parsed), partial)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}"], parsed)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def restore(url: str, source: Path) -> None:
    """Load the backup ``source`` into the empty database at ``url``."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    engine = make_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"The database at {make_url(url).render_as_string()} is not empty ({len(tables)} "
            "tables): restore into a new, empty database."
        )
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        try:
            _sqlite_copy(source, _sqlite_path(parsed))
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite backup: {error}.") from None
    else:
        _run(["pg_restore", "--no-owner", "--exit-on-error", str(source)], parsed)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as from_db, closing(sqlite3.connect(target)) as to_db:
        from_db.backup(to_db)


def _run(command: list[str], url: URL) -> None:
    """Run a PostgreSQL client on ``url``'s database; the password goes by the environment,
    never on a command line that ``ps`` shows."""
    environment = {**os.environ}
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    connection = url.set(drivername="postgresql", password=None).render_as_string()
    try:
        subprocess.run(
            [*command, f"--dbname={connection}"],
            check=True,
            env=environment,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None
