"""Sending the recorded reminders that are not sent yet, over one SMTP connection per run.

Each reminder is marked "sending" with its Message-ID and committed (``checkpoint``) before it
is handed to the server, and marked sent, committed again, once the server accepted it. A
refusal or an error counts an attempt, keeps the error and leaves it unsent, so the next run
tries it again, until ``max_attempts`` tries have failed: then it stops, for an admin to look
at. One failing reminder does not stop the others, but a lost connection ends the run (the rest
wait for the next one). A reminder still "sending" when a run starts was being handed over by a
run that died: the server may have accepted it, so it is marked "uncertain" and not sent again
(see ``reminders.models``).
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
from sir_tracker.reminders.models import Reminder, ReminderState
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
    stopped: int = 0  # failed for the last time this run
    uncertain: int = 0  # found "sending", left by a run that died

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def summary(self) -> str:
        """The line the command prints: "3 sent, 1 failed (will retry)"."""
        line = f"{self.sent} sent, {self.failed} failed"
        if self.failures and self.stopped < self.failed:
            line += " (will retry)"
        if self.stopped:
            line += f", {self.stopped} stopped after too many failures (see the Reminders page)"
        if self.uncertain:
            line += (
                f", {self.uncertain} perhaps sent by an interrupted run, not sent again "
                "(see the Reminders page)"
            )
        return line


def unsent_reminders(session: Session) -> list[Reminder]:
    return list(
        session.scalars(
            select(Reminder).where(Reminder.state == ReminderState.UNSENT).order_by(Reminder.id)
        )
    )


UNCERTAIN_ERROR = (
    "The run sending it stopped after handing it to the mail server, which may have accepted "
    "it; it was not sent again. Look for its Message-ID in the mail server's log, then send it "
    "again or mark it sent."
)


def _interrupted(session: Session, report: SendReport) -> None:
    """Mark "uncertain" what a run that died left "sending"."""
    for reminder in session.scalars(
        select(Reminder).where(Reminder.state == ReminderState.SENDING).order_by(Reminder.id)
    ):
        reminder.state = ReminderState.UNCERTAIN
        reminder.last_error = UNCERTAIN_ERROR
        report.uncertain += 1
    session.flush()


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
    _interrupted(session, report)
    pending = unsent_reminders(session)
    checkpoint()  # end the reading transaction before waiting on the mail server
    if not pending:
        return report
    try:
        smtp = open_connection(settings)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"Could not connect to the mail server {settings.smtp_host}:{settings.smtp_port}: "
        for reminder in pending:
            _failed(session, reminder, reason + describe(error), report, settings)
            checkpoint()
        return report
    try:
        for position, reminder in enumerate(pending):
            message = message_of(reminder, settings)
            reminder.state = ReminderState.SENDING
            reminder.sending_at = utcnow()
            reminder.message_id = str(message["Message-ID"])
            session.flush()
            checkpoint()  # recorded before the server has it: a crash now never resends it
            try:
                smtp.send_message(message)
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
                if _connection_lost(error):
                    reason = f"The connection to the mail server was lost: {describe(error)}"
                    for waiting in pending[position:]:
                        _failed(session, waiting, reason, report, settings)
                        checkpoint()
                    break
                _failed(session, reminder, describe(error), report, settings)
            else:
                reminder.state = ReminderState.SENT
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


def _failed(
    session: Session,
    reminder: Reminder,
    error: str,
    report: SendReport,
    settings: ReminderSettings,
) -> None:
    reminder.attempts += 1
    reminder.last_error = error[:ERROR_LIMIT]
    if reminder.attempts >= settings.max_attempts:
        reminder.state = ReminderState.STOPPED
        report.stopped += 1
    else:
        reminder.state = ReminderState.UNSENT
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
