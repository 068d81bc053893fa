"""The ``sir-tracker`` console script: Flask's CLI, its commands imported only when asked for.

``sir-tracker --help`` lists the commands without building the app: the app (every page,
the models) is built only by a command that runs, and each command module imports at its top
only what declaring its options needs, so that ``--help`` stays well under a second and a
command imports only what it uses (``report lea`` needs WeasyPrint, not Alembic or pikepdf).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, ScriptInfo, routes_command, shell_command

from sir_tracker.commands import COMMANDS

# Reminders and the worker (sending reports to lists) link to pages by endpoint; the others
# serve or list them. The rest of the commands get the app without its pages.
_WITH_PAGES = frozenset({"reminders", "routes", "run", "shell", "worker"})


def create_command_app() -> Flask:
    """The app that the command being run needs: with its pages only if it uses them."""
    from sir_tracker.app import create_app

    running = click.get_current_context(silent=True)
    command = running.find_root().invoked_subcommand if running else None
    return create_app(pages=command is None or command in _WITH_PAGES)


class LazyFlaskGroup(FlaskGroup):
    """FlaskGroup whose commands come from ``COMMANDS`` (click's lazy group, documented in
    "Advanced Groups"), never from the app: FlaskGroup would build the app to list them.

    Flask plugins' commands (``flask_limiter``'s ``limiter``, seconds to import) are left out;
    ``flask --app sir_tracker.app limiter`` still reaches them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        command: click.Command = getattr(import_module(module), attribute)
        _run_in_app(command)
        self.add_command(command, name)
        return command


def _run_in_app(command: click.Command) -> None:
    """Give each command of the tree the app's context when it runs (not when its help is
    shown), as FlaskGroup gives the commands it finds on the app."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            _run_in_app(subcommand)
    elif command.callback is not None:
        command.callback = _in_app_context(command.callback)


def _in_app_context(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        app = ctx.ensure_object(ScriptInfo).load_app()
        # The app this command line built, even where another app's context is active (a test).
        if not current_app or current_app._get_current_object() is not app:  # type: ignore[attr-defined]
            ctx.with_resource(app.app_context())
        return callback(*args, **kwargs)

    return run


cli = LazyFlaskGroup(
    create_app=create_command_app,
    add_default_commands=False,
    help="SIR Tracker: commands for operators.",
)
cli.add_command(shell_command)
cli.add_command(routes_command)


def main() -> None:
    cli.main(prog_name="sir-tracker")
