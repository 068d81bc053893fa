"""The ``sir-tracker`` commands, run as an operator would run them: in this process through
the console script's command group (tests/support/cli.py), and once through the real console
script."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import sir_tracker
from tests.support.databases import DatabaseServer

SCRIPT = str(Path(sys.executable).parent / "sir-tracker")


def test_the_console_script_runs_a_command(demo_database_url: str) -> None:
    """The one test that starts the installed console script: its entry point, the app built
    from the environment, the database, the output and the exit code."""
    result = subprocess.run(
        [SCRIPT, "status", "Inglewood Unified School District", "--as-of", "2021-06-30"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": demo_database_url},
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "19 completed / 41 in progress / 6 not started (91% completed or in progress)\n"
    )


def test_help_lists_the_operator_commands(demo_database_url: str) -> None:
    result = sir_tracker("--help", database_url=demo_database_url)

    assert result.returncode == 0, result.stderr
    for command in ("db", "demo", "status", "run"):
        assert f"\n  {command} " in result.stdout


def test_status_prints_the_headline_as_of_a_date(demo_database_url: str) -> None:
    result = sir_tracker(
        "status",
        "Inglewood Unified School District",
        "--as-of",
        "2021-06-30",
        database_url=demo_database_url,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "19 completed / 41 in progress / 6 not started (91% completed or in progress)\n"
    )


def test_status_finds_an_lea_by_cds_code(demo_database_url: str) -> None:
    result = sir_tracker(
        "status", "19 64634", "--as-of", "2020-06-30", database_url=demo_database_url
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("7 completed / 41 in progress / 18 not started")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "Nowhere Unified"), "No LEA has the CDS code or name 'Nowhere Unified'"),
        (("status", "Inglewood Unified School District", "--as-of", "30/06/2021"), "YYYY-MM-DD"),
    ],
)
def test_status_explains_bad_input(
    demo_database_url: str, args: tuple[str, ...], message: str
) -> None:
    result = sir_tracker(*args, database_url=demo_database_url)

    assert result.returncode != 0
    assert message in result.stderr
    assert result.stdout == ""


def test_upgrade_demo_and_status_on_a_new_database(database_server: DatabaseServer) -> None:
    url = database_server.create()
    try:
        upgraded = sir_tracker("db", "upgrade", database_url=url)
        assert upgraded.returncode == 0, upgraded.stderr
        assert sir_tracker("db", "check", database_url=url).returncode == 0

        loaded = sir_tracker("demo", database_url=url)
        assert loaded.returncode == 0, loaded.stderr
        assert "Demo loaded" in loaded.stdout

        again = sir_tracker("demo", database_url=url)
        assert again.returncode != 0
        assert "empty database" in again.stderr
        skipped = sir_tracker("demo", "--if-empty", database_url=url)
        assert skipped.returncode == 0
        assert "Demo not loaded" in skipped.stdout

        status = sir_tracker("status", "Inglewood Unified School District", database_url=url)
        assert status.stdout.startswith("19 completed / 41 in progress / 6 not started")
    finally:
        database_server.drop(url)
