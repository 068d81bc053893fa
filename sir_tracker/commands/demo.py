"""``sir-tracker demo``: the demo data set and one account per role."""

from __future__ import annotations

import secrets
from pathlib import Path

import click
from flask import current_app

DEMO_ACCOUNTS_FILE = "demo-accounts.txt"


@click.command("demo", help="Load the demo data set into an empty database.")
@click.option("--if-empty", is_flag=True, help="Do nothing, successfully, if data is present.")
@click.option(
    "--scale",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    callback=lambda _ctx, _param, value: _within_scale(value),
    help="Also generate N LEAs of realistic shape across California's 58 counties.",
)
def demo_command(if_empty: bool, scale: int) -> None:
    from sir_tracker.core import db
    from sir_tracker.demo.accounts import create_demo_accounts, describe
    from sir_tracker.demo.loader import DemoRefused, load_demo
    from sir_tracker.demo.scale import load_scaled

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
    if scale:
        password = secrets.token_urlsafe(12)
        with click.progressbar(length=scale, label="Generated LEAs") as bar:
            generated = load_scaled(
                db.get_database().writers, scale, password=password, progress=bar.update
            )
        accounts += f"\n{generated}\nEvery generated account's password: {password}"
        summary += f" {generated}"
    # Kept in the instance folder so that `make run` can show them again on later starts.
    credentials = Path(current_app.instance_path) / DEMO_ACCOUNTS_FILE
    credentials.write_text(accounts + "\n")
    credentials.chmod(0o600)
    click.echo(summary)
    click.echo(accounts)


def _within_scale(value: int) -> int:
    """Refused before anything is loaded; the bound lives with the generator, imported only
    when the command runs (``--help`` stays light)."""
    from sir_tracker.demo.scale import MAX_SCALE

    if value > MAX_SCALE:
        raise click.BadParameter(f"{value} is more than the largest scale, {MAX_SCALE}.")
    return value
