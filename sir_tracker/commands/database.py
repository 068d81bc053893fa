"""``sir-tracker db``: the schema, through Alembic (imported only by these commands)."""

from __future__ import annotations

import click
from flask import current_app


def _database_url() -> str:
    url: str = current_app.config["DATABASE_URL"]
    return url


@click.group("db", help="Create and upgrade the database schema.")
def db_group() -> None:
    pass


@db_group.command("upgrade", help="Upgrade the database to the latest schema (or REVISION).")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    from sir_tracker import migrate

    migrate.upgrade(_database_url(), revision)
    click.echo(f"Database at revision {migrate.current_revision(_database_url())}.")


@db_group.command("downgrade", help="Downgrade the database to REVISION ('base' empties it).")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    from sir_tracker import migrate

    migrate.downgrade(_database_url(), revision)
    click.echo(f"Database at revision {migrate.current_revision(_database_url()) or 'base'}.")


@db_group.command("check", help="Fail if the models and the migrated database differ.")
def db_check() -> None:
    from sir_tracker import migrate

    differences = migrate.schema_differences(_database_url())
    if differences:
        for difference in differences:
            click.echo(f"  {difference}", err=True)
        raise click.ClickException("The models and the database schema differ.")
    click.echo("The models and the database schema agree.")
