"""``sir-tracker demo``: the demo data set and one account per role."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

DEMO_ACCOUNTS_FILE = "demo-accounts.txt"


@click.command("demo", help="Load the demo data set into an empty database.")
@click.option("--if-empty", is_flag=True, help="Do nothing, successfully, if data is present.")
def demo_command(if_empty: bool) -> None:
    from sir_tracker.core import db
    from sir_tracker.demo.accounts import create_demo_accounts, describe
    from sir_tracker.demo.loader import DemoRefused, load_demo

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
