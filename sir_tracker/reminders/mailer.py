"""Sending the recorded reminders that are not sent yet, over one SMTP connection per run.

A reminder is marked sent only once the server accepted it; a refusal or an error counts an
attempt, keeps the error and leaves it unsent, so the next run tries it again. One failing
reminder does not stop the others, but a lost connection ends the run (the rest wait for the
next one). ``checkpoint`` (the command's commit) runs after each reminder, so a crash mid-run
loses no record of what was sent and nothing is sent twice.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.reminders.models import Reminder
from sir_tracker.reminders.settings import ReminderSettings

ERROR_LIMIT = 2000
SERVICE_NOT_AVAILABLE = 421  # the server is closing the connection


@dataclass(frozen=True)
class Failure:
    reminder_id: int
    recipient: str
    error: str


@dataclass
class SendReport:
    sent: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def summary(self) -> str:
        """The line the command prints: "3 sent, 1 failed (will retry)"."""
        if not self.failures:
            return f"{self.sent} sent, 0 failed"
        return f"{self.sent} sent, {self.failed} failed (will retry)"


def unsent_reminders(session: Session) -> list[Reminder]:
    return list(
        session.scalars(select(Reminder).where(Reminder.sent_at.is_(None)).order_by(Reminder.id))
    )


def send_unsent(
    session: Session,
    settings: ReminderSettings,
    *,
    checkpoint: Callable[[], None],
) -> SendReport:
    """Send every unsent reminder; call ``checkpoint`` after reading them and after each one.

    Flushes, never commits: ``checkpoint`` is where the caller commits.
    """
    report = SendReport()
    pending = unsent_reminders(session)
    checkpoint()  # end the reading transaction before waiting on the mail server
    if not pending:
        return report
    try:
        smtp = open_connection(settings)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"Could not connect to the mail server {settings.smtp_host}:{settings.smtp_port}: "
        for reminder in pending:
            _failed(session, reminder, reason + describe(error), report)
            checkpoint()
        return report
    try:
        for position, reminder in enumerate(pending):
            try:
                smtp.send_message(message_of(reminder, settings))
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
                if _connection_lost(error):
                    reason = f"The connection to the mail server was lost: {describe(error)}"
                    for waiting in pending[position:]:
                        _failed(session, waiting, reason, report)
                        checkpoint()
                    break
                _failed(session, reminder, describe(error), report)
            else:
                reminder.sent_at = utcnow()
                reminder.attempts += 1
                session.flush()
                report.sent += 1
            checkpoint()
    finally:
        _close(smtp)
    return report


def open_connection(settings: ReminderSettings) -> smtplib.SMTP:
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
    except BaseException:
        _close(smtp)
        raise
    return smtp


def message_of(reminder: Reminder, settings: ReminderSettings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = reminder.recipient
    message["Subject"] = reminder.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=_domain_of(settings.mail_from))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    message.set_content(reminder.body)
    return message


def describe(error: BaseException) -> str:
    """An SMTP error as a line a person can act on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = [
            f"{address} refused ({code} {_text(reply)})"
            for address, (code, reply) in error.recipients.items()
        ]
        return "; ".join(refusals) or "recipient refused"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _connection_lost(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == SERVICE_NOT_AVAILABLE
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _failed(session: Session, reminder: Reminder, error: str, report: SendReport) -> None:
    reminder.attempts += 1
    reminder.last_error = error[:ERROR_LIMIT]
    session.flush()
    report.failures.append(Failure(reminder.id, reminder.recipient, reminder.last_error))


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


def _domain_of(address: str) -> str | None:
    domain = address.rsplit("@", 1)[-1].strip(" >") if "@" in address else ""
    return domain or None
