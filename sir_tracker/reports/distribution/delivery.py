"""Sending the waiting deliveries of report sendings, from the report worker's loop.

What to send is read in a read transaction; the messages go over one SMTP connection outside
any transaction; each outcome is written in a transaction of its own (milliseconds). A
delivery that fails is tried again on a later pass, ``RETRY_AFTER`` times its attempts later,
and shows as failed, with the server's answer, after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.reminders.mailer import ERROR_LIMIT, describe, open_connection
from sir_tracker.reminders.settings import ReminderSettings, whole_number
from sir_tracker.reports.distribution.models import DeliveryState, ReportDelivery, ReportSending
from sir_tracker.reports.models import GeneratedReport

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=5)
DEFAULT_ATTACH_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_LINK_DAYS = 14


@dataclass(frozen=True)
class DistributionSettings:
    """REPORT_ATTACH_MAX_BYTES: a report this small or smaller goes attached, a bigger one as a
    download link; REPORT_LINK_DAYS: how long such a link works."""

    attach_max_bytes: int = DEFAULT_ATTACH_MAX_BYTES
    link_days: int = DEFAULT_LINK_DAYS

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> DistributionSettings:
        return cls(
            attach_max_bytes=whole_number(
                config, "REPORT_ATTACH_MAX_BYTES", DEFAULT_ATTACH_MAX_BYTES, minimum=0
            ),
            link_days=whole_number(config, "REPORT_LINK_DAYS", DEFAULT_LINK_DAYS, minimum=1),
        )


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    message: EmailMessage
    attached: bool


def deliver_waiting(
    database: Database,
    mail: ReminderSettings,
    settings: DistributionSettings,
    link: Callable[[int], str],
) -> int:
    """Send the deliveries due now (``link``: the download address of a delivery); the number
    sent. Nothing is tried while no SMTP host is set: the deliveries wait."""
    if not mail.enabled:
        return 0
    with database.new_session(write=False) as session:
        outgoing = [
            _outgoing(delivery, size, pdf, mail, settings, link)
            for delivery, size, pdf in _due(session, settings)
        ]
    if not outgoing:
        return 0
    try:
        smtp = open_connection(mail)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"Could not connect to the mail server {mail.smtp_host}:{mail.smtp_port}: "
        for item in outgoing:
            _record(database, item, reason + describe(error))
        return 0
    sent = 0
    try:
        for item in outgoing:
            try:
                smtp.send_message(item.message)
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
                _record(database, item, describe(error))
            else:
                _record(database, item, None)
                sent += 1
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return sent


def _due(session: Any, settings: DistributionSettings) -> list[tuple[ReportDelivery, int, bytes]]:
    now = utcnow()
    rows = session.execute(
        select(ReportDelivery, func.length(GeneratedReport.pdf))
        .join(ReportSending, ReportSending.id == ReportDelivery.sending_id)
        .join(GeneratedReport, GeneratedReport.id == ReportSending.report_id)
        .options(
            joinedload(ReportDelivery.sending).joinedload(ReportSending.sent_by),
            joinedload(ReportDelivery.sending).joinedload(ReportSending.report),
        )
        .where(
            ReportDelivery.state == DeliveryState.WAITING,
            or_(
                ReportDelivery.last_attempt_at.is_(None),
                ReportDelivery.last_attempt_at < now - RETRY_AFTER,
            ),
        )
        .order_by(ReportDelivery.id)
    ).all()
    due = []
    for delivery, size in rows:
        # Each failure waits longer before the next try: 5, then 10 minutes.
        tried = delivery.last_attempt_at
        if tried is not None and tried > now - RETRY_AFTER * delivery.attempts:
            continue
        # The bytes are read only for the reports that go attached.
        pdf = delivery.sending.report.pdf if size <= settings.attach_max_bytes else b""
        due.append((delivery, int(size), pdf))
    return due


def _outgoing(
    delivery: ReportDelivery,
    size: int,
    pdf: bytes,
    mail: ReminderSettings,
    settings: DistributionSettings,
    link: Callable[[int], str],
) -> Outgoing:
    sending = delivery.sending
    report = sending.report
    what = f"{report.kind.label} as of {long_date(report.as_of)}"
    attached = size <= settings.attach_max_bytes
    lines = [
        f"Hello {delivery.name},",
        "",
        f"{sending.sent_by.name} sends you the {what}, prepared for the "
        f"{report.audience.label} ({report.pages} pages).",
    ]
    if sending.message:
        lines += ["", sending.message]
    lines.append("")
    if attached:
        lines.append(f"The PDF is attached: {report.filename}.")
    else:
        lines += [
            f"Download the PDF ({_megabytes(size)}): {link(delivery.id)}",
            "This link is yours alone and works until "
            f"{pacific_datetime(sending.links_expire_at)}.",
        ]
    lines += ["", f"The file's SHA-256 checksum is {sending.sha256}.", "", "SIR Tracker, CCEE"]
    message = EmailMessage()
    message["From"] = mail.mail_from
    message["To"] = delivery.email
    message["Subject"] = f"{what}: {report.filename}"
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid()
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines))
    if attached:
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=report.filename)
    return Outgoing(delivery.id, message, attached)


def _record(database: Database, item: Outgoing, error: str | None) -> None:
    with transaction(database.writers) as session:
        delivery = session.get_one(ReportDelivery, item.delivery_id)
        delivery.attempts += 1
        delivery.last_attempt_at = utcnow()
        if error is None:
            delivery.state = DeliveryState.SENT
            delivery.delivered_at = delivery.last_attempt_at
            delivery.attached = item.attached
            return
        delivery.last_error = error[:ERROR_LIMIT]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = DeliveryState.FAILED
        log.warning("Report delivery %s to %s failed: %s", delivery.id, delivery.email, error)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
