"""``sir-tracker import``: a SIR's themes, findings and actions from an XLSX or CSV file, as on
the web: a dry run first, then (without ``--dry-run``) exactly that, written in one short
transaction as the user given."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sir_tracker.reviews.models import Sir
    from sir_tracker.spreadsheets.planning import ImportPlan


@click.command("import", help="Import a SIR's themes, findings and actions from XLSX or CSV.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sir", "sir_id", required=True, type=int, help="The id of the SIR to import into.")
@click.option("--dry-run", is_flag=True, help="Show what would change, and write nothing.")
@click.option("--by", "email", metavar="EMAIL", help="The user importing (needed to write).")
def import_command(file: Path, sir_id: int, dry_run: bool, email: str | None) -> None:
    from sqlalchemy import func, select

    from sir_tracker.access.policy import can_edit_lea
    from sir_tracker.core import db
    from sir_tracker.core.database import transaction
    from sir_tracker.reviews.models import Sir
    from sir_tracker.spreadsheets.operations import ImportRefused, import_plan
    from sir_tracker.spreadsheets.planning import plan_import
    from sir_tracker.spreadsheets.reading import MAX_FILE_BYTES, FileRefused, read_upload
    from sir_tracker.users.models import User

    if not dry_run and not email:
        raise click.UsageError("Say who imports with --by EMAIL (or look first with --dry-run).")
    with file.open("rb") as stream:
        content = stream.read(MAX_FILE_BYTES + 1)
    try:
        read = read_upload(file.name, content)
    except FileRefused as refused:
        raise click.ClickException(refused.message) from None
    database = db.get_database()
    with database.new_session(write=False) as session:
        sir = _sir(session.get(Sir, sir_id), sir_id)
        plan = plan_import(session, sir, read)
        _show(plan, sir)
    if plan.problems:
        raise click.ClickException(
            f"{len(plan.problems)} problems: nothing was imported. Correct the file and run "
            "the command again."
        )
    if dry_run or plan.writes_nothing:
        click.echo("Dry run: nothing was written." if dry_run else "Nothing to import.")
        return
    with transaction(database.writers) as session:
        sir = _sir(session.get(Sir, sir_id), sir_id)
        wanted = (email or "").strip().lower()
        user = session.scalar(select(User).where(func.lower(User.email) == wanted))
        if user is None or not can_edit_lea(user, sir.lea):
            raise click.ClickException(f"{email} is not a user who may change {sir.lea.name}.")
        again = plan_import(session, sir, read)
        if again.fingerprint != plan.fingerprint:
            raise click.ClickException(
                "The SIR changed while the file was checked; nothing was imported. Run the "
                "command again to see the new dry run."
            )
        try:
            result = import_plan(session, sir, again, by=user)
        except ImportRefused as refused:
            raise click.ClickException(refused.message) from None
    click.echo(f"Imported {plan.filename}: {result.summary}.")


def _sir(sir: Sir | None, sir_id: int) -> Sir:
    if sir is None or sir.is_archived:
        raise click.ClickException(f"No SIR has the id {sir_id}.")
    return sir


def _show(plan: ImportPlan, sir: Sir) -> None:
    click.echo(f"{plan.filename} into {sir.title} ({sir.lea.name}):")
    for problem in plan.problems:
        click.echo(f"  problem: {problem}", err=True)
    if plan.problems:
        return
    for notice in plan.notices:
        click.echo(f"  note: {notice}")
    for theme in plan.themes:
        click.echo(f"  create theme: {theme.title}")
    for finding in plan.findings:
        click.echo(
            f"  create finding: {finding.component} {finding.category.label}: {finding.text}"
        )
    for action in plan.created:
        status = action.status.status.label if action.status else "not started"
        click.echo(f"  create action {action.code} ({status}): {action.text}")
    for action in plan.changed:
        changes = "; ".join(f"{c.field}: {c.old or '(empty)'} → {c.new}" for c in action.changes)
        click.echo(f"  change action {action.code}: {changes}")
    click.echo(f"{plan.summary[:1].upper()}{plan.summary[1:]}.")
