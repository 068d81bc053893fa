"""``sir-tracker`` commands run as an operator runs them, but in this process: the console
script's own command group, with the app built by the factory from the environment
(``DATABASE_URL``, ``SIR_TRACKER_*``), through click's ``CliRunner``.

A subprocess would import the whole app for each command (seconds); the one test that runs
the real console script is ``tests/test_cli.py::test_the_console_script_runs_a_command``.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from click.testing import CliRunner
from flask import Flask
from flask.cli import ScriptInfo

from sir_tracker.cli import cli, create_command_app

# Loggers whose levels a command sets (``worker`` quietens WeasyPrint and fontTools).
_LOGGERS = ("", "weasyprint", "fontTools")


@dataclass(frozen=True)
class Ran:
    """What a command did: like ``subprocess.CompletedProcess``, with ``returncode``."""

    returncode: int
    stdout: str
    stderr: str


def sir_tracker(
    *args: str,
    database_url: str,
    stdin: str | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Ran:
    """Run ``sir-tracker ARGS`` on ``database_url``; ``env`` sets (or, with None, unsets)
    more environment variables for the command."""
    apps: list[Flask] = []

    def create_from_environment() -> Flask:
        app = create_command_app()
        apps.append(app)
        return app

    runner = CliRunner()
    environment = {
        "DATABASE_URL": database_url,
        "FLASK_RUN_FROM_CLI": None,  # FlaskGroup sets it; unset again afterwards
        **(env or {}),
    }
    with _process_state_restored():
        try:
            result = runner.invoke(
                cli,
                list(args),
                input=stdin,
                env=environment,
                # An unexpected error fails the test with its traceback; click still turns a
                # refusal (ClickException, a bad parameter) into a message and exit code.
                catch_exceptions=False,
                # What the group itself would pass, but recording the app to close it after.
                obj=ScriptInfo(
                    create_app=create_from_environment,
                    set_debug_flag=cli.set_debug_flag,
                    load_dotenv_defaults=cli.load_dotenv,
                ),
                prog_name="sir-tracker",
            )
        finally:
            for app in apps:
                app.extensions["sir_tracker.core.db"].engine.dispose()
    return Ran(result.exit_code, result.stdout, result.stderr)


@contextmanager
def _process_state_restored() -> Iterator[None]:
    """Put back what a command changes for the whole process: signal handlers and the levels
    of loggers (a real command's process ends with it)."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    levels = {name: logging.getLogger(name).level for name in _LOGGERS}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
