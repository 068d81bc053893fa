"""An admin's decisions on the reminders that stopped on their own: send again, or record as
sent one that an interrupted run may have sent (``reminders.models`` says why they stop)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sir_tracker.audit.editing import check_version
from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.core.errors import DomainError
from sir_tracker.reminders.models import WAITING_ON_AN_ADMIN, Reminder, ReminderState
from sir_tracker.users.models import User


class ReminderRefused(DomainError):
    pass


def reminder_label(reminder: Reminder) -> str:
    return f"Reminder to {reminder.recipient}"


def send_again(session: Session, reminder: Reminder, *, version: int | None, by: User) -> None:
    """Put a stopped or uncertain reminder back in the queue, with all its tries again: the
    next ``sir-tracker reminders send`` sends it. Refused with ``EditConflict`` if it changed
    since ``version``, with ``ReminderRefused`` unless it waits on an admin."""
    was = _decidable(session, reminder, version)
    tries = reminder.attempts
    reminder.state = ReminderState.UNSENT
    reminder.attempts = 0
    _audit(session, reminder, by, was, f"To be sent again after {tries} tries.")


def mark_sent(session: Session, reminder: Reminder, *, version: int | None, by: User) -> None:
    """Record as sent an uncertain reminder that the mail server's log shows it accepted (it
    is dated when it was handed over). Refused as ``send_again`` is, and for any reminder
    that was not perhaps sent."""
    was = _decidable(session, reminder, version)
    if was is not ReminderState.UNCERTAIN:
        raise ReminderRefused(
            f"{reminder_label(reminder)} was never handed to the mail server: send it again."
        )
    reminder.state = ReminderState.SENT
    reminder.sent_at = reminder.sending_at
    _audit(session, reminder, by, was, f"Recorded as sent ({reminder.message_id}).")


def _decidable(session: Session, reminder: Reminder, version: int | None) -> ReminderState:
    session.refresh(reminder, with_for_update=True)  # a sending run may be at it
    check_version(session, reminder, version, reminder_label(reminder))
    if reminder.state not in WAITING_ON_AN_ADMIN:
        raise ReminderRefused(
            f"{reminder_label(reminder)} is {reminder.state.label.lower()}: nothing to decide."
        )
    return reminder.state


def _audit(
    session: Session, reminder: Reminder, by: User, was: ReminderState, summary: str
) -> None:
    record_event(
        session,
        actor=by,
        action=AuditAction.UPDATE,
        record=reminder,
        label=reminder_label(reminder),
        lea_id=reminder.lea_id,
        changes={"state": [was.label, reminder.state.label]},
        summary=f"{summary} Last error: {reminder.last_error}"[:2000],
    )
