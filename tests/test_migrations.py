from collections.abc import Iterator

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from sir_tracker import migrate
from sir_tracker.all_models import Base
from sir_tracker.core.database import make_engine
from tests.support.databases import DatabaseServer

# The framework's component titles, exactly as CCEE publishes them.
COMPONENT_TITLES = [
    "Culture, Coherence, and the Planning Process",
    "Curriculum, Learning, and Support",
    "Instructional Practice and Strategies",
    "Social-Emotional and Behavioral Health and Development",
    "Assessment and Accountability",
    "Student and Family Engagement",
    "School-based Instructional Leadership Teams (ILTs)",
    "Administrative Coaching and Leadership",
    "Professional Learning and Coaching",
    "Data Management and Use and Student Information Systems",
    "District and Leadership Capacity",
    "Governance Support with Instruction",
]


@pytest.fixture
def empty_url(database_server: DatabaseServer) -> Iterator[str]:
    url = database_server.create()
    yield url
    database_server.drop(url)


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def component_rows(url: str) -> list[tuple[int, str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT number, title FROM components ORDER BY number"))
            return [(number, title) for number, title in rows]
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_and_the_twelve_components(empty_url: str) -> None:
    migrate.upgrade(empty_url)

    assert set(Base.metadata.tables) <= table_names(empty_url)
    assert component_rows(empty_url) == list(enumerate(COMPONENT_TITLES, 1))
    assert migrate.current_revision(empty_url) == migrate.head_revision(empty_url)


def test_models_and_migrations_agree(empty_url: str) -> None:
    migrate.upgrade(empty_url)

    assert migrate.schema_differences(empty_url) == []


def test_downgrade_to_base_and_upgrade_again(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    migrate.downgrade(empty_url, "base")

    assert table_names(empty_url) <= {"alembic_version"}
    assert migrate.current_revision(empty_url) is None

    migrate.upgrade(empty_url)
    assert component_rows(empty_url) == list(enumerate(COMPONENT_TITLES, 1))
    assert migrate.schema_differences(empty_url) == []


def test_the_database_refuses_to_edit_or_delete_history(demo_database_url: str) -> None:
    engine = make_engine(demo_database_url)
    try:
        for statement in (
            "UPDATE status_changes SET note = 'rewritten'",
            "DELETE FROM status_changes",
        ):
            with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(statement))
        with engine.connect() as connection:
            notes = connection.scalars(text("SELECT note FROM status_changes")).all()
        assert notes and "rewritten" not in notes
    finally:
        engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(
    database_server: DatabaseServer, empty_url: str
) -> None:
    if database_server.dialect != "sqlite":
        pytest.skip("SQLite settings")
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            with pytest.raises(DBAPIError, match="FOREIGN KEY"):
                connection.execute(
                    text(
                        "INSERT INTO leas (name, kind, cds_code, county_office_id, is_demo) "
                        "VALUES ('Nowhere USD', 'district', '1234567', 999, 0)"
                    )
                )
            assert (
                connection.execute(select(text("count(*)")).select_from(text("leas"))).scalar() == 0
            )
    finally:
        engine.dispose()
