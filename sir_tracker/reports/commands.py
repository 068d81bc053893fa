"""``sir-tracker report``: PDF status reports from the command line, archived like the web's."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from sir_tracker import db, pacific_time
from sir_tracker.database import transaction
from sir_tracker.errors import DomainError
from sir_tracker.leas.queries import find_lea
from sir_tracker.progress.quarters import Thresholds
from sir_tracker.reports.models import Audience
from sir_tracker.reports.operations import archive_report, render_lea_report


@click.group("report", cls=AppGroup, help="Generate PDF status reports (each one is archived).")
def report_group() -> None:
    pass


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return pacific_time.today()
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar day
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD.") from None


@report_group.command("lea", help="Write an LEA's status report (LEA: CDS code or exact name).")
@click.argument("lea")
@click.option(
    "--as-of", callback=_day, metavar="YYYY-MM-DD", help="Statuses at the end of this day [today]."
)
@click.option(
    "--audience",
    required=True,
    type=click.Choice([audience.value for audience in Audience]),
    help="board: the CCEE Governing Board; spi: the State Superintendent.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The PDF file to write.",
)
def lea_command(lea: str, as_of: date, audience: str, output: Path) -> None:
    database = db.get_database()
    # Rendered in a read-only session: the writing one (a lock on SQLite) lasts only the insert.
    with database.new_session(write=False) as session:
        found = find_lea(session, lea)
        if found is None:
            raise click.ClickException(f"No LEA has the CDS code or name {lea!r}.")
        try:
            rendered = render_lea_report(
                session,
                found,
                as_of,
                Audience(audience),
                thresholds=Thresholds.from_config(current_app.config),
            )
        except DomainError as refusal:
            raise click.ClickException(refusal.message) from None
    with transaction(database.writers) as session:
        archive_report(session, rendered, by=None)
    output.write_bytes(rendered.pdf)
    click.echo(f"Wrote {output} ({rendered.pages} pages)")
