"""``sir-tracker report``: PDF status reports from the command line, archived like the web's;
``sir-tracker worker``: the process that generates the LEA reports and board packets asked for
on the web."""

from __future__ import annotations

import logging
import signal
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import AppGroup

from sir_tracker.core import pacific_time
from sir_tracker.reports.audiences import Audience

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    from click._termui_impl import ProgressBar
    from flask import Flask

    from sir_tracker.reports.packet import PacketProgress


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


# The options every report command takes.
AS_OF = click.option(
    "--as-of", callback=_day, metavar="YYYY-MM-DD", help="Statuses at the end of this day [today]."
)
OUTPUT = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="The PDF file to write.",
)
AUDIENCES = [audience.value for audience in Audience]
AUDIENCE_HELP = "board: the CCEE Governing Board; spi: the State Superintendent."


@report_group.command("lea", help="Write an LEA's status report (LEA: CDS code or exact name).")
@click.argument("lea")
@AS_OF
@click.option(
    "--audience",
    required=True,
    type=click.Choice(AUDIENCES),
    help=AUDIENCE_HELP,
)
@OUTPUT
def lea_command(lea: str, as_of: date, audience: str, output: Path) -> None:
    from sir_tracker.core import db
    from sir_tracker.core.database import transaction
    from sir_tracker.core.errors import DomainError
    from sir_tracker.leas.queries import find_lea
    from sir_tracker.monitoring.quarters import Thresholds
    from sir_tracker.reports.budget import LayoutBudget
    from sir_tracker.reports.operations import archive_report, render_lea_report

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
                budget=LayoutBudget.from_config(current_app.config),
            )
        except DomainError as refusal:
            raise click.ClickException(refusal.message) from None
    with transaction(database.writers) as session:
        archive_report(session, rendered, by=None)
    output.write_bytes(rendered.pdf)
    click.echo(f"Wrote {output} ({rendered.pages} pages)")


@report_group.command(
    "board", help="Write a board packet: a summary, then each LEA's status report."
)
@AS_OF
@click.option(
    "--audience",
    default=Audience.BOARD.value,
    show_default=True,
    type=click.Choice(AUDIENCES),
    help=AUDIENCE_HELP,
)
@click.option(
    "--lea",
    "leas",
    multiple=True,
    metavar="LEA",
    help="An LEA to include (CDS code or exact name; repeat). [every LEA in DTA on the date]",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 16),
    help="Processes laying out sections side by side. [REPORT_PROCESSES, 2]",
)
@click.option(
    "--board-meeting",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The board meeting the packet is for, printed on its cover.",
)
@OUTPUT
def board_command(
    as_of: date,
    audience: str,
    leas: tuple[str, ...],
    processes: int | None,
    board_meeting: datetime | None,
    output: Path,
) -> None:
    from sir_tracker.core import db
    from sir_tracker.core.database import transaction
    from sir_tracker.core.errors import DomainError
    from sir_tracker.leas.queries import find_lea
    from sir_tracker.monitoring.quarters import Thresholds
    from sir_tracker.reports.budget import LayoutBudget
    from sir_tracker.reports.operations import archive_report
    from sir_tracker.reports.packet import build_packet

    database = db.get_database()
    lea_ids: list[int] | None = None
    if leas:
        with database.new_session(write=False) as session:
            lea_ids = []
            for name in leas:
                found = find_lea(session, name)
                if found is None:
                    raise click.ClickException(f"No LEA has the CDS code or name {name!r}.")
                lea_ids.append(found.id)
    bar: ProgressBar[int]
    with click.progressbar(length=1, label="LEA reports", show_pos=True, file=sys.stderr) as bar:

        def progress(step: PacketProgress) -> None:
            if bar.length != step.total:
                bar.length = step.total
            bar.update(step.done - bar.pos)
            if sys.stderr.isatty() or not step.latest:
                return
            # Not a terminal (a log, CI): click draws no bar; one line per section instead.
            click.echo(f"  {step.done}/{step.total} {step.latest}", err=True)

        try:
            built = build_packet(
                database,
                lea_ids,
                as_of,
                Audience(audience),
                thresholds=Thresholds.from_config(current_app.config),
                processes=processes or current_app.config["REPORT_PROCESSES"],
                progress=progress,
                budget=LayoutBudget.from_config(current_app.config),
                board_meeting=board_meeting.date() if board_meeting else None,
            )
        except DomainError as refusal:
            raise click.ClickException(refusal.message) from None
    with transaction(database.writers) as session:
        archive_report(session, built.report, by=None)
    output.write_bytes(built.report.pdf)
    click.echo(
        f"Wrote {output} ({built.report.pages} pages, {_leas(len(built.report.lea_ids))}: "
        f"{built.laid_out} laid out, {built.reused} unchanged since their last packet)"
    )


def _leas(count: int) -> str:
    return f"{count} LEA{'' if count == 1 else 's'}"


@click.command("worker", help="Generate the reports and packets asked for on the web.")
@click.option("--once", is_flag=True, help="Run the waiting jobs, then stop.")
@click.option("--poll", default=2.0, show_default=True, help="Seconds between looks at the queue.")
def worker_command(once: bool, poll: float) -> None:
    from sir_tracker.core import db
    from sir_tracker.monitoring.quarters import Thresholds
    from sir_tracker.reports import jobs
    from sir_tracker.reports.budget import LayoutBudget
    from sir_tracker.reports.parallel import run_below_the_web

    run_below_the_web()  # its layout processes too: they inherit it
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    # WeasyPrint and fontTools narrate every step at INFO: keep their warnings only.
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    stopping = False

    def stop(_signal: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True  # finish the job under way, then stop

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ran = jobs.work(
        db.get_database(),
        thresholds=Thresholds.from_config(current_app.config),
        processes=current_app.config["REPORT_PROCESSES"],
        poll_seconds=poll,
        once=once,
        should_stop=lambda: stopping,
        between_jobs=report_sender(current_app),
        budget=LayoutBudget.from_config(current_app.config),
    )
    click.echo(f"Worker stopped after {ran} job{'' if ran == 1 else 's'}.")


def report_sender(app: Flask) -> Callable[[], None]:
    """What the worker does between jobs: send the reports sent to lists on the web."""
    from sir_tracker.core import db
    from sir_tracker.reminders.settings import ReminderSettings
    from sir_tracker.reports.distribution.delivery import DistributionSettings, deliver_waiting
    from sir_tracker.reports.distribution.links import DeliveryLinks

    mail = ReminderSettings.from_config(app.config)
    settings = DistributionSettings.from_config(app.config)
    links = DeliveryLinks(app.config["SECRET_KEY"])

    def send() -> None:
        log = logging.getLogger(__name__)
        try:
            sent = deliver_waiting(
                db.get_database(),
                mail,
                settings,
                lambda delivery_id: mail.link("archive.delivered", token=links.token(delivery_id)),
            )
        except Exception:
            # Sending must never hold up the reports: log it, and try again on the next pass.
            log.exception("Sending reports to distribution lists failed; trying again later.")
            return
        if sent:
            log.info("Sent %s reports to distribution lists.", sent)

    return send
