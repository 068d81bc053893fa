"""Alembic environment: the database URL comes from sir_tracker.migrate, never from a file."""

from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext

from sir_tracker.all_models import Base
from sir_tracker.core.database import UTCDateTime, make_engine

config = context.config
url = config.attributes["database_url"]


def render_item(type_: str, obj: Any, _context: AutogenContext) -> str | bool:
    # Migrations stay free of application imports: a UTCDateTime is a plain DateTime column.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_offline() -> None:
    context.configure(
        url=url,
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    # Foreign keys off on SQLite: batch migrations rebuild tables, which enforcement would
    # break; the integrity of references is checked after the upgrade instead.
    engine = make_engine(url, sqlite_foreign_keys=False)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
                render_item=render_item,
            )
            with context.begin_transaction():
                context.run_migrations()
            if connection.dialect.name == "sqlite":
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"Migration left broken references: {problems}")
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
