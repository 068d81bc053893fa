"""``sir-tracker status``: an LEA's headline counts."""

from __future__ import annotations

from datetime import date, datetime

import click


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
    from sir_tracker.core import db
    from sir_tracker.leas.queries import find_lea
    from sir_tracker.progress.operations import status_counts
    from sir_tracker.reviews.queries import current_sir

    with db.get_database().new_session(write=False) as session:
        found = find_lea(session, lea)
        if found is None:
            raise click.ClickException(f"No LEA has the CDS code or name {lea!r}.")
        sir = current_sir(found)
        if sir is None:
            raise click.ClickException(f"{found.name} has no SIR yet.")
        click.echo(status_counts(session, sir, as_of).summary)
