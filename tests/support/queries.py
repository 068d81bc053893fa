"""Counting the SQL statements an app runs, for tests of query counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event


@contextmanager
def counted_queries(app: Flask) -> Iterator[list[str]]:
    """The statements ``app``'s engine runs inside the block."""
    engine = app.extensions["sir_tracker.core.db"].engine
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
