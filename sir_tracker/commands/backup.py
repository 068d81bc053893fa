"""``sir-tracker backup FILE`` and ``sir-tracker restore FILE``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app


def _url() -> str:
    url: str = current_app.config["DATABASE_URL"]
    return url


@click.command("backup", help="Write the whole database to FILE (while the app runs).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    from sir_tracker import migrate
    from sir_tracker.core.backup import BackupError, backup

    try:
        backup(_url(), file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up the database (revision {migrate.current_revision(_url())}) to {file}.")


@click.command("restore", help="Load the backup FILE into an empty database.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    from sir_tracker import migrate
    from sir_tracker.core.backup import BackupError, restore

    try:
        restore(_url(), file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Restored {file} (revision {migrate.current_revision(_url())}). If the code is newer "
        "than the backup, run `sir-tracker db upgrade` next."
    )
