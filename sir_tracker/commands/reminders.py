"""``sir-tracker reminders``: record and send the reminders due today (for cron), list them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import AppGroup

if TYPE_CHECKING:
    from sir_tracker.reminders.models import Reminder
    from sir_tracker.reminders.settings import ReminderSettings


# An AppGroup runs its commands inside the app context, however they are invoked.
@click.group(
    "reminders",
    cls=AppGroup,
    help="Email reminders: pre-reads, overdue next steps, missed quarters.",
)
def reminders_group() -> None:
    pass


def _settings() -> ReminderSettings:
    from sir_tracker.reminders.settings import ReminderSettings, SettingsError

    try:
        return ReminderSettings.from_config(current_app.config)
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


@reminders_group.command("send", help="Record today's reminders and send all unsent ones.")
def send_command() -> None:
    from sir_tracker.core import db, pacific_time
    from sir_tracker.reminders.mailer import send_unsent
    from sir_tracker.reminders.planning import plan_reminders

    settings = _settings()
    if not settings.enabled:
        click.echo("Reminders are off (no SIR_TRACKER_SMTP_HOST is set): nothing was sent.")
        return
    session = db.session()
    planned = plan_reminders(session, settings, today=pacific_time.today())
    session.commit()
    click.echo(f"{len(planned)} new reminder{'' if len(planned) == 1 else 's'} recorded.")
    # Committed after each reminder: a crash mid-run neither loses nor repeats a send.
    report = send_unsent(session, settings, checkpoint=session.commit)
    for failure in report.failures:
        click.echo(f"Not sent to {failure.recipient}: {failure.error}", err=True)
    click.echo(f"{report.summary}.")
    if report.failures:
        raise SystemExit(1)


@reminders_group.command("list", help="Show the latest reminders and whether they were sent.")
@click.option("--limit", default=20, show_default=True, help="How many reminders to show.")
@click.option("--unsent", is_flag=True, help="Only the reminders not sent yet.")
def list_command(limit: int, unsent: bool) -> None:
    from sqlalchemy import select

    from sir_tracker.core import db
    from sir_tracker.reminders.models import Reminder, ReminderState

    with db.get_database().new_session(write=False) as session:
        query = select(Reminder).order_by(Reminder.created_at.desc(), Reminder.id.desc())
        if unsent:
            query = query.where(Reminder.state != ReminderState.SENT)
        reminders = session.scalars(query.limit(max(limit, 0))).all()
        if not reminders:
            click.echo("No reminders not sent yet." if unsent else "No reminders recorded yet.")
            return
        for reminder in reminders:
            click.echo(f"#{reminder.id} {reminder.kind.label} to {reminder.recipient}")
            click.echo(f"    {reminder.subject}")
            click.echo(f"    {_state(reminder)}")


def _state(reminder: Reminder) -> str:
    from sir_tracker.core.formatting import pacific_datetime
    from sir_tracker.reminders.models import ReminderState

    recorded = f"recorded {pacific_datetime(reminder.created_at)}"
    if reminder.sent_at is not None:
        return f"{recorded} · sent {pacific_datetime(reminder.sent_at)}"
    if reminder.state is ReminderState.UNCERTAIN:
        return f"{recorded} · PERHAPS SENT ({reminder.message_id}): {reminder.last_error}"
    if reminder.attempts == 0:
        return f"{recorded} · not sent yet"
    tries = f"{reminder.attempts} attempt{'' if reminder.attempts == 1 else 's'}"
    if reminder.state is ReminderState.STOPPED:
        return f"{recorded} · STOPPED after {tries}: {reminder.last_error}"
    return f"{recorded} · NOT SENT after {tries} (will retry): {reminder.last_error}"
