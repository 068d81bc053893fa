"""Operator commands, reached through the ``sir-tracker`` console script."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from flask import Flask, current_app

from sir_tracker import migrate
from sir_tracker.commands.backup import backup_command, restore_command
from sir_tracker.commands.imports import import_command
from sir_tracker.commands.reminders import reminders_group
from sir_tracker.commands.reports import report_group, worker_command
from sir_tracker.commands.users import users_group
from sir_tracker.core import db
from sir_tracker.demo.accounts import create_demo_accounts, describe
from sir_tracker.demo.loader import DemoRefused, load_demo
from sir_tracker.leas.queries import find_lea
from sir_tracker.progress.operations import status_counts
from sir_tracker.reviews.queries import current_sir

DEMO_ACCOUNTS_FILE = "demo-accounts.txt"


def register(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(status_command)
    app.cli.add_command(users_group)
    app.cli.add_command(reminders_group)
    app.cli.add_command(report_group)
    app.cli.add_command(worker_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)

    app.cli.add_command(import_command)


def _database_url() -> str:
    url: str = current_app.config["DATABASE_URL"]
    return url


@click.group("db", help="Create and upgrade the database schema.")
def db_group() -> None:
    pass


@db_group.command("upgrade", help="Upgrade the database to the latest schema (or REVISION).")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    migrate.upgrade(_database_url(), revision)
    click.echo(f"Database at revision {migrate.current_revision(_database_url())}.")


@db_group.command("downgrade", help="Downgrade the database to REVISION ('base' empties it).")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    migrate.downgrade(_database_url(), revision)
    click.echo(f"Database at revision {migrate.current_revision(_database_url()) or 'base'}.")


@db_group.command("check", help="Fail if the models and the migrated database differ.")
def db_check() -> None:
    differences = migrate.schema_differences(_database_url())
    if differences:
        for difference in differences:
            click.echo(f"  {difference}", err=True)
        raise click.ClickException("The models and the database schema differ.")
    click.echo("The models and the database schema agree.")


@click.command("demo", help="Load the demo data set into an empty database.")
@click.option("--if-empty", is_flag=True, help="Do nothing, successfully, if data is present.")
def demo_command(if_empty: bool) -> None:
    session = db.session()
    try:
        summary = load_demo(session)
    except DemoRefused as refusal:
        session.rollback()
        if if_empty:
            click.echo(f"Demo not loaded: {refusal}")
            return
        raise click.ClickException(str(refusal)) from None
    accounts = describe(create_demo_accounts(session))
    session.commit()
    # Kept in the instance folder so that `make run` can show them again on later starts.
    credentials = Path(current_app.instance_path) / DEMO_ACCOUNTS_FILE
    credentials.write_text(accounts + "\n")
    credentials.chmod(0o600)
    click.echo(summary)
    click.echo(accounts)


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar day
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD.") from None


@click.command("status", help="Print an LEA's headline status counts.")
@click.argument("lea")
@click.option(
    "--as-of", callback=_parse_date, metavar="YYYY-MM-DD", help="Counts at the end of this day."
)
def status_command(lea: str, as_of: date | None) -> None:
    """LEA is a CDS code or the LEA's exact name."""
    with db.get_database().new_session(write=False) as session:
        found = find_lea(session, lea)
        if found is None:
            raise click.ClickException(f"No LEA has the CDS code or name {lea!r}.")
        sir = current_sir(found)
        if sir is None:
            raise click.ClickException(f"{found.name} has no SIR yet.")
        click.echo(status_counts(session, sir, as_of).summary)
