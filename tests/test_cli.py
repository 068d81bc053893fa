"""The ``sir-tracker`` console script, run as an operator would run it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.databases import DatabaseServer

SCRIPT = str(Path(sys.executable).parent / "sir-tracker")


def sir_tracker(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=environment, timeout=120
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
