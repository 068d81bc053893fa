"""The database as the Flask app sees it: one session per request or CLI command.

The single commit of a request happens here, in ``after_request``: views and operations only
flush. A request that fails (an exception or a 4xx/5xx answer) is rolled back, unless its view
said that the refusal itself is to be kept (``keep_refusal``).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, has_request_context, request
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from sir_tracker.core.database import make_engine, make_sessionmaker, writing

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_EXTENSION = "sir_tracker.core.db"


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self._readers = make_sessionmaker(self.engine)
        self._writers = make_sessionmaker(writing(self.engine))

    def bind_to(self, connection: Connection) -> None:
        """Run every session inside ``connection``'s transaction (tests roll it back)."""
        self._readers = self._writers = make_sessionmaker(connection)

    def new_session(self, *, write: bool) -> Session:
        return (self._writers if write else self._readers)()

    @property
    def writers(self) -> sessionmaker[Session]:
        return self._writers


def init_app(app: Flask) -> Database:
    database = Database(app.config["DATABASE_URL"])
    app.extensions[_EXTENSION] = database
    app.after_request(_finish_request)
    app.teardown_appcontext(_close_session)
    return database


def get_database() -> Database:
    database: Database = current_app.extensions[_EXTENSION]
    return database


def session() -> Session:
    """The session of the current request or command, opened on first use."""
    if "db_session" not in g:
        write = not has_request_context() or request.method not in SAFE_METHODS
        g.db_session = get_database().new_session(write=write)
    current: Session = g.db_session
    return current


def keep_refusal() -> None:
    """Commit this request's writes although it answers with a refusal (4xx): a failed sign-in
    is counted and audited, and the answer is still a refusal."""
    g.setdefault("db_keep_refusal", True)


def release() -> None:
    """End the request's transaction, which must have written nothing yet, before a step that
    takes long and needs no database (reading an uploaded file): on SQLite a writing request
    holds the database's write lock from its first query to its end. The next query begins a
    new transaction; loaded objects stay usable (sessions do not expire them on commit)."""
    current: Session | None = g.get("db_session")
    if current is not None:
        current.commit()


def _finish_request(response: Response) -> Response:
    current: Session | None = g.pop("db_session", None)
    if current is None:
        return response
    kept = response.status_code < 400 or (response.status_code < 500 and g.get("db_keep_refusal"))
    try:
        if request.method not in SAFE_METHODS and kept:
            current.commit()
        else:
            current.rollback()
    finally:
        current.close()
    return response


def _close_session(_exc: BaseException | None) -> None:
    current: Session | None = g.pop("db_session", None)
    if current is not None:
        current.close()
