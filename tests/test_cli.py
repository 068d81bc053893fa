"""The ``sir-tracker`` commands, run as an operator would run them: in this process through
the console script's command group (tests/support/cli.py), and once through the real console
script."""

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from sir_tracker.commands import COMMANDS
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


# What only some commands use (or none, to show help): `--help` must import none of them.
HEAVY = ("weasyprint", "alembic", "pikepdf", "openpyxl", "playwright", "sqlalchemy")
NOT_BUILT = ("sir_tracker.app", "sir_tracker.pages", "sir_tracker.web")

# In a child: every command's and subcommand's --help, then which modules that imported.
EVERY_HELP = """
import contextlib, io, json, sys
import click
from sir_tracker.cli import cli

def paths(group, prefix):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield [*prefix, name]
        if isinstance(command, click.Group):
            yield from paths(command, [*prefix, name])

shown = {}
for path in list(paths(cli, [])):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = cli.main([*path, "--help"], prog_name="sir-tracker", standalone_mode=False)
    shown[" ".join(path)] = (code, out.getvalue())
print(json.dumps({"shown": shown, "modules": sorted(sys.modules)}))
"""


def _heavy(modules: Iterable[str]) -> set[str]:
    return {
        module
        for module in modules
        for heavy in (*HEAVY, *NOT_BUILT)
        if module == heavy or module.startswith(f"{heavy}.")
    }


def test_help_lists_every_command_without_building_the_app() -> None:
    """The installed script's --help, its imports traced by Python (-X importtime): the list
    of commands comes without the app, the models or any command's libraries."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", SCRIPT, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": "sqlite:////nonexistent/never-opened.sqlite"},
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    for command in (*COMMANDS, "routes", "shell"):
        assert f"\n  {command} " in result.stdout
    imported = [
        line.rpartition("|")[2].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    ]
    assert "sir_tracker.cli" in imported
    assert _heavy(imported) == set()


def test_each_commands_help_imports_none_of_its_work() -> None:
    result = subprocess.run(
        [sys.executable, "-c", EVERY_HELP], capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    child = json.loads(result.stdout)
    shown: dict[str, list[Any]] = child["shown"]
    assert {"report lea", "report board", "db upgrade", "users create", "worker"} <= set(shown)
    for path, (code, text) in shown.items():
        assert code == 0, path
        assert text.startswith(f"Usage: sir-tracker {path} "), path
    assert "--audience [board|spi]" in shown["report lea"][1]
    assert "[admin|ccee_lead|coe_staff|lea_staff|viewer]" in shown["users create"][1]
    assert _heavy(child["modules"]) == set()


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
