"""``sir-tracker users``, run as an operator runs it (tests/support/cli.py), on a database of
its own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import CountyOffice
from sir_tracker.users.models import User
from tests.conftest import make_test_app
from tests.support.auth import sign_in
from tests.support.cli import Ran, sir_tracker

PASSWORD = "the first admin's long password"


@pytest.fixture
def empty_database(migrated_database_url: str) -> str:
    return migrated_database_url


def create_admin(url: str, *extra: str, password: str = PASSWORD) -> Ran:
    return sir_tracker(
        "users",
        "create",
        "--role",
        "admin",
        "--email",
        "First.Admin@example.org",
        "--name",
        "First Admin",
        "--password-stdin",
        *extra,
        database_url=url,
        stdin=password + "\n",
    )


def test_the_first_admin_is_created_from_the_command_line(empty_database: str) -> None:
    created = create_admin(empty_database)

    assert created.returncode == 0, created.stderr
    assert created.stdout == "Created admin first.admin@example.org.\n"
    listed = sir_tracker("users", "list", database_url=empty_database)
    assert listed.returncode == 0, listed.stderr
    assert "first.admin@example.org" in listed.stdout
    assert "First Admin (Administrator, active)" in listed.stdout

    app = make_test_app(empty_database)
    try:
        with app.app_context():
            database = app.extensions["sir_tracker.core.db"]
            with database.new_session(write=False) as session:
                admin = session.scalars(select(User)).one()
        client = app.test_client()
        assert sign_in(client, admin, PASSWORD).status_code == 302
        assert client.get("/admin/users").status_code == 200
    finally:
        app.extensions["sir_tracker.core.db"].engine.dispose()


@pytest.mark.parametrize(
    ("extra", "password", "message"),
    [
        ((), "short", "A password needs at least 12 characters."),
        (("--county", "Los Angeles"), PASSWORD, "No county office has the county or name"),
        (("--lea", "Nowhere Unified"), PASSWORD, "No LEA has the CDS code or name"),
    ],
)
def test_a_refused_account_is_explained_and_nothing_is_written(
    empty_database: str, extra: tuple[str, ...], password: str, message: str
) -> None:
    refused = create_admin(empty_database, *extra, password=password)

    assert refused.returncode != 0
    assert message in refused.stderr
    assert refused.stdout == ""
    listed = sir_tracker("users", "list", database_url=empty_database)
    assert "No accounts yet" in listed.stdout


def test_a_scope_that_does_not_fit_the_role_is_refused(empty_database: str) -> None:
    refused = sir_tracker(
        "users",
        "create",
        "--role",
        "coe_staff",
        "--email",
        "coe@example.org",
        "--name",
        "County Person",
        "--password-stdin",
        database_url=empty_database,
        stdin=PASSWORD + "\n",
    )

    assert refused.returncode != 0
    assert "County office staff need a county office" in refused.stderr


def test_the_same_email_twice_is_refused(empty_database: str) -> None:
    assert create_admin(empty_database).returncode == 0

    again = create_admin(empty_database)

    assert again.returncode != 0
    assert "Another account already uses the email address first.admin@example.org" in again.stderr


def test_county_office_staff_are_created_with_their_county(empty_database: str) -> None:
    database = Database(empty_database)
    with transaction(database.writers) as session:
        session.add(CountyOffice(county="Los Angeles", name="Los Angeles County Office"))
    database.engine.dispose()

    created = sir_tracker(
        "users",
        "create",
        "--role",
        "coe_staff",
        "--email",
        "coe@example.org",
        "--name",
        "County Person",
        "--county",
        "los angeles",
        "--password-stdin",
        database_url=empty_database,
        stdin=PASSWORD + "\n",
    )

    assert created.returncode == 0, created.stderr
    listed = sir_tracker("users", "list", database_url=empty_database)
    assert "County Person (County office staff, Los Angeles County, active)" in listed.stdout
