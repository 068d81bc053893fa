"""``sir-tracker import FILE --sir ID [--dry-run]``, run as an operator runs it, on a database
of its own (it commits what it imports)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.progress.operations import status_counts
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import Role
from tests.spreadsheets.files import action_rows, xlsx
from tests.support import builders
from tests.support.auth import make_user
from tests.support.cli import sir_tracker


def prepared(url: str) -> tuple[int, str]:
    """A new SIR of a new LEA, and an administrator's email."""
    database = db.Database(url)
    try:
        with transaction(database.writers) as session:
            sir = Sir(lea=builders.lea(session), title="Imported by command")
            session.add(sir)
            admin = make_user(session, Role.ADMIN)
            session.flush()
            return sir.id, admin.email
    finally:
        database.engine.dispose()


def headline(url: str, sir_id: int) -> str:
    database = db.Database(url)
    try:
        with database.new_session(write=False) as session:
            sir = session.scalars(select(Sir).where(Sir.id == sir_id)).one()
            return status_counts(session, sir).headline
    finally:
        database.engine.dispose()


def test_dry_run_then_import_then_again(own_demo_database_url: str, tmp_path: Path) -> None:
    sir_id, email = prepared(own_demo_database_url)
    file = tmp_path / "actions.xlsx"
    file.write_bytes(xlsx(action_rows(3)))
    url = own_demo_database_url

    dry = sir_tracker("import", str(file), "--sir", str(sir_id), "--dry-run", database_url=url)
    assert dry.returncode == 0, dry.stderr
    assert "  create action 3.1 (completed): Test action 1" in dry.stdout
    assert dry.stdout.endswith(
        "3 actions to create, 0 to change, 0 left as they are.\nDry run: nothing was written.\n"
    )
    assert headline(url, sir_id) == "0 completed / 0 in progress / 0 not started"

    done = sir_tracker("import", str(file), "--sir", str(sir_id), "--by", email, database_url=url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(
        "Imported actions.xlsx: 3 actions created, 0 changed, 0 left as they were; 0 themes "
        "and 0 findings created; 2 statuses set.\n"
    )
    assert headline(url, sir_id) == "1 completed / 1 in progress / 1 not started"

    again = sir_tracker("import", str(file), "--sir", str(sir_id), "--by", email, database_url=url)
    assert again.returncode == 0
    assert again.stdout.endswith("0 to change, 3 left as they are.\nNothing to import.\n")


def test_problems_are_listed_and_nothing_is_written(
    own_demo_database_url: str, tmp_path: Path
) -> None:
    sir_id, email = prepared(own_demo_database_url)
    rows = action_rows(3)
    rows[1][1] = 13
    file = tmp_path / "bad.xlsx"
    file.write_bytes(xlsx(rows))

    ran = sir_tracker(
        "import", str(file), "--sir", str(sir_id), "--by", email,
        database_url=own_demo_database_url,
    )  # fmt: skip

    assert ran.returncode == 1
    assert "problem: Actions, row 3, component: '13' is not a component number (1 to 12)." in (
        ran.stderr
    )
    assert "1 problems: nothing was imported." in ran.stderr
    assert headline(own_demo_database_url, sir_id).startswith("0 completed / 0 in progress / 0")


def test_refusals_of_the_command(own_demo_database_url: str, tmp_path: Path) -> None:
    sir_id, _email = prepared(own_demo_database_url)
    good = tmp_path / "actions.xlsx"
    good.write_bytes(xlsx(action_rows(1)))
    wrong = tmp_path / "actions.xls"
    wrong.write_bytes(b"\xd0\xcf\x11\xe0")
    url = own_demo_database_url

    for args, message in (
        ((str(good), "--sir", str(sir_id)), "Say who imports with --by EMAIL"),
        ((str(wrong), "--sir", str(sir_id), "--dry-run"), "actions.xls is not an XLSX or CSV"),
        ((str(good), "--sir", "999999", "--dry-run"), "No SIR has the id 999999."),
        ((str(good), "--sir", str(sir_id), "--by", "nobody@x.example"), "nobody@x.example is not"),
    ):
        ran = sir_tracker("import", *args, database_url=url)
        assert ran.returncode != 0, args
        assert message in ran.stderr, (args, ran.stderr)
