from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from sir_tracker import migrate
from sir_tracker.all_models import Base
from sir_tracker.core import db
from sir_tracker.core.database import make_engine, transaction
from sir_tracker.demo.loader import load_demo
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
    assert migrate.current_revision(empty_url) == _head_revision(empty_url)


def test_models_and_migrations_agree(empty_url: str) -> None:
    migrate.upgrade(empty_url)

    assert migrate.schema_differences(empty_url) == []


def load_the_demo(url: str) -> None:
    database = db.Database(url)
    try:
        with transaction(database.writers) as session:
            load_demo(session)
    finally:
        database.engine.dispose()


def fill_what_the_demo_leaves_empty(connection: Connection) -> None:
    """Rows in the tables, and values in the columns, that the demo leaves empty (most of them
    added by later migrations), so that every downgrade has data to drop."""
    tables = Base.metadata.tables
    now = datetime.now(UTC)
    as_of = date(2026, 11, 23)

    def first(table: str) -> int:
        found = connection.scalar(select(func.min(tables[table].c.id)))
        assert found is not None, f"the demo has no {table}"
        return found

    def insert(table: str, **values: object) -> Any:
        return connection.execute(tables[table].insert().values(**values)).inserted_primary_key[0]

    def update(table: str, row_id: int, **values: object) -> None:
        connection.execute(tables[table].update().filter_by(id=row_id).values(**values))

    user, lea, meeting, action = (
        first(table) for table in ("users", "leas", "meetings", "actions")
    )
    insert(
        "users",
        email="c@example.org",
        name="C",
        role="coe_staff",
        county_office_id=first("county_offices"),
    )
    insert("users", email="l@example.org", name="L", role="lea_staff", lea_id=lea)
    update("users", user, password_hash="not a real hash")
    insert("user_sessions", user_id=user, token_hash="0" * 64, expires_at=now)
    insert(
        "sign_in_throttles",
        scope="account",
        key="c@example.org",
        failures=5,
        last_failure_at=now,
        locked_until=now,
    )
    insert("comments", author_id=user, body="On an action", action_id=action)
    insert("comments", author_id=user, body="On a meeting", meeting_id=meeting)
    for table in ("leas", "sirs", "themes", "findings", "actions"):
        update(table, first(table), archived_at=now)
    update(
        "meetings",
        meeting,
        closed_at=now,
        closed_by_id=user,
        archived_at=now,
        public_summary="Published",
        public_summary_published_at=now,
    )
    insert(
        "api_tokens",
        user_id=user,
        name="Dashboard",
        token_hash="1" * 64,
        prefix="sirt_abc",
        revoked_at=now,
    )
    replaced = insert(
        "dashboard_years",
        lea_id=lea,
        year=2024,
        imported_at=now,
        imported_by_id=user,
        source="dashboard-2024.csv",
        replaced_at=now,
    )
    insert(
        "dashboard_results",
        dashboard_year_id=replaced,
        student_group="english_learners",
        priority="4",
    )
    update("meeting_attendees", first("meeting_attendees"), email="a@example.org", user_id=user)
    update("meeting_next_steps", first("meeting_next_steps"), owner_email="o@example.org")
    insert("meeting_sign_offs", meeting_id=meeting, organisation="ccee", name="C", signed_on=as_of)
    insert("meeting_frozen_statuses", meeting_id=meeting, action_id=action, status="completed")
    insert(
        "reminders",
        kind="pre_read",
        key="pre_read:test",
        recipient="r@example.org",
        subject="Pre-read",
        body="",
        lea_id=lea,
        sending_at=now,
        sent_at=now,
    )
    pdf = {"as_of": as_of, "audience": "board", "pages": 1, "pdf": b"%PDF-1.7"}
    report = insert(
        "generated_reports",
        kind="board_packet",
        lea_id=lea,
        generated_by_id=user,
        filename="packet.pdf",
        sha256="0" * 64,
        inputs_digest="1" * 64,
        **pdf,
    )
    insert("generated_report_leas", report_id=report, lea_id=lea)
    insert("report_sections", lea_id=lea, data_version="1", **pdf)
    insert(
        "report_jobs",
        kind="board_packet",
        state="refused",
        as_of=as_of,
        audience="board",
        lea_ids=[lea],
        board_meeting=as_of,
        requested_by_id=user,
        started_at=now,
        heartbeat_at=now,
        finished_at=now,
        report_id=report,
    )
    board = insert("distribution_lists", name="Board", created_at=now, version=2)
    insert(
        "distribution_members",
        list_id=board,
        name="B",
        email="b@example.org",
        added_at=now,
        removed_at=now,
    )
    sending = insert(
        "report_sendings",
        report_id=report,
        list_id=board,
        list_name="Board",
        sent_by_id=user,
        sent_at=now,
        message="For the meeting",
        sha256="0" * 64,
        links_expire_at=now,
    )
    insert(
        "report_deliveries",
        sending_id=sending,
        name="B",
        email="b@example.org",
        state="sent",
        attempts=1,
        last_error="421 try later",
        attached=True,
        last_attempt_at=now,
        delivered_at=now,
    )


def columns_without_a_value(connection: Connection) -> list[str]:
    return [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if not connection.scalar(select(func.count(column)))
    ]


def test_downgrade_to_base_with_the_demo_loaded_and_upgrade_again(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    load_the_demo(empty_url)
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            fill_what_the_demo_leaves_empty(connection)
            # A column a new migration adds needs a value here for its downgrade to be tested.
            assert columns_without_a_value(connection) == []
    finally:
        engine.dispose()

    migrate.downgrade(empty_url, "base")

    assert table_names(empty_url) <= {"alembic_version"}
    assert migrate.current_revision(empty_url) is None

    migrate.upgrade(empty_url)

    assert migrate.current_revision(empty_url) == _head_revision(empty_url)
    assert migrate.schema_differences(empty_url) == []
    assert component_rows(empty_url) == list(enumerate(COMPONENT_TITLES, 1))
    load_the_demo(empty_url)
    engine = make_engine(empty_url)
    try:
        for table in ("status_changes", "audit_events", "progress_notes"):
            with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(f"DELETE FROM {table}"))
    finally:
        engine.dispose()


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


def _head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(migrate.alembic_config(url)).get_current_head()


def test_every_revision_id_fits_alembic_s_version_column() -> None:
    """alembic_version.version_num is VARCHAR(32): PostgreSQL refuses a longer id at upgrade
    (SQLite does not check lengths, so only the PostgreSQL pass would find out)."""
    scripts = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    too_long = [rev.revision for rev in scripts.walk_revisions() if len(rev.revision) > 32]
    assert too_long == []
