"""What reminders are due on a given day, and recording each of them once.

Three kinds:

- the pre-read, for each scheduled quarterly meeting held within ``PRE_READ_DAYS`` days: to the
  LEA's CCEE lead and to the meeting's attendees that have an email address;
- an overdue next step (open, due before today, with an owner's email): to its owner;
- a missed quarter (an LEA in Direct Technical Assistance for the whole of the last elapsed
  school quarter held no quarterly meeting in it): to the LEA's CCEE lead.

Each reminder carries a key naming what it is about and for whom; a key recorded once is never
recorded again, so running the planning any number of times a day sends each reminder once.
A meeting moved to another day, or a next step given a new due date, gets a new key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, selectinload

from sir_tracker.core.formatting import day_and_month, long_date
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind, NextStep
from sir_tracker.reminders.models import Reminder, ReminderKind
from sir_tracker.reminders.settings import ReminderSettings
from sir_tracker.users.models import User

SUBJECT_LIMIT = 300
# Enough to refuse what cannot be an address (spaces, several addresses, header tricks);
# the mail server judges the rest.
_ADDRESS = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+")
_SIGNATURE = "\n\n-- \nSIR Tracker (an automatic reminder: replies are not read)\n"


@dataclass(frozen=True)
class DueReminder:
    kind: ReminderKind
    key: str
    recipient: str
    subject: str
    body: str
    lea_id: int | None


def last_elapsed_quarter(today: date) -> SchoolQuarter:
    """The school quarter before the one ``today`` is in."""
    return SchoolQuarter.of(SchoolQuarter.of(today).first_day - timedelta(days=1))


def due_reminders(
    session: Session, settings: ReminderSettings, *, today: date
) -> list[DueReminder]:
    """Every reminder due on ``today``, recorded before or not."""
    return [
        *_pre_reads(session, settings, today),
        *_overdue_next_steps(session, settings, today),
        *_missed_quarters(session, settings, today),
    ]


def plan_reminders(session: Session, settings: ReminderSettings, *, today: date) -> list[Reminder]:
    """Record the reminders due on ``today`` whose key was never recorded; flush, never commit.
    Returns the reminders recorded now."""
    due: dict[str, DueReminder] = {}
    for reminder in due_reminders(session, settings, today=today):
        due.setdefault(reminder.key, reminder)
    recorded = set(_recorded_keys(session, list(due)))
    new = [
        Reminder(
            kind=reminder.kind,
            key=reminder.key,
            recipient=reminder.recipient,
            subject=reminder.subject,
            body=reminder.body,
            lea_id=reminder.lea_id,
        )
        for key, reminder in due.items()
        if key not in recorded
    ]
    session.add_all(new)
    session.flush()
    return new


def _recorded_keys(session: Session, keys: list[str]) -> Iterator[str]:
    chunk = 500  # well under every database's limit of bound parameters
    for start in range(0, len(keys), chunk):
        yield from session.scalars(
            select(Reminder.key).where(Reminder.key.in_(keys[start : start + chunk]))
        )


# --- The pre-read ----------------------------------------------------------------------------


def _pre_reads(session: Session, settings: ReminderSettings, today: date) -> Iterator[DueReminder]:
    meetings = session.scalars(
        select(Meeting)
        .join(Meeting.lea)
        .options(
            contains_eager(Meeting.lea)
            .selectinload(Lea.engagements)
            .selectinload(Engagement.ccee_lead),
            selectinload(Meeting.attendees),
        )
        .where(
            Meeting.kind == MeetingKind.QUARTERLY,
            Meeting.archived_at.is_(None),
            Lea.archived_at.is_(None),
            Meeting.held_on > today,
            Meeting.held_on <= today + timedelta(days=settings.pre_read_days),
        )
        .order_by(Meeting.held_on, Meeting.id)
    ).all()
    known_users = _emails_of_users(
        session, {a.user_id for m in meetings for a in m.attendees if a.user_id and not a.email}
    )
    for meeting in meetings:
        lea = meeting.lea
        recipients: dict[str, str] = {}  # address -> why they receive it
        lead = _active_lead(lea)
        if lead is not None:
            recipients[_address(lead.email)] = f"you are CCEE's lead for {lea.name}"
        for attendee in meeting.attendees:
            email = attendee.email or known_users.get(attendee.user_id or 0)
            if email:
                recipients.setdefault(_address(email), "you are expected at this meeting")
        subject = f"Pre-read: {lea.name} quarterly meeting on {long_date(meeting.held_on)}"
        for address, reason in recipients.items():
            if not _plausible(address):
                continue
            yield DueReminder(
                kind=ReminderKind.PRE_READ,
                key=f"pre_read:meeting={meeting.id}:on={meeting.held_on.isoformat()}:to={address}",
                recipient=address,
                subject=_subject(subject),
                body=(
                    f"Hello,\n\n"
                    f"{lea.name} holds its quarterly progress-monitoring meeting on "
                    f"{meeting.held_on:%A} {long_date(meeting.held_on)}.\n\n"
                    "The pre-read: what changed since the last meeting, stalled actions, open "
                    "next steps, last quarter's notes and figures:\n"
                    f"{settings.link('leas.pre_read', lea_id=lea.id)}\n\n"
                    f"The meeting: {settings.link('meetings.show', meeting_id=meeting.id)}\n\n"
                    f"You receive this because {reason}." + _SIGNATURE
                ),
                lea_id=lea.id,
            )


# --- Overdue next steps ----------------------------------------------------------------------


def _overdue_next_steps(
    session: Session, settings: ReminderSettings, today: date
) -> Iterator[DueReminder]:
    steps = session.scalars(
        select(NextStep)
        .join(NextStep.meeting)
        .join(Meeting.lea)
        .options(contains_eager(NextStep.meeting).contains_eager(Meeting.lea))
        .where(
            NextStep.done_on.is_(None),
            NextStep.due_on < today,
            NextStep.owner_email.is_not(None),
            NextStep.owner_email != "",
            Meeting.archived_at.is_(None),
            Lea.archived_at.is_(None),
        )
        .order_by(NextStep.due_on, NextStep.id)
    )
    for step in steps:
        assert step.due_on is not None and step.owner_email is not None
        address = _address(step.owner_email)
        if not _plausible(address):
            continue
        meeting = step.meeting
        lea = meeting.lea
        greeting = f"Hello {step.owner}," if step.owner.strip() else "Hello,"
        yield DueReminder(
            kind=ReminderKind.OVERDUE_NEXT_STEP,
            key=f"overdue:next_step={step.id}:due={step.due_on.isoformat()}:to={address}",
            recipient=address,
            subject=_subject(f"Overdue next step: {lea.name}, due {long_date(step.due_on)}"),
            body=(
                f"{greeting}\n\n"
                f"This next step, agreed at {lea.name}'s meeting of "
                f"{long_date(meeting.held_on)}, was due on {long_date(step.due_on)} and is "
                "still open:\n\n"
                f"    {_one_paragraph(step.text)}\n\n"
                f"The meeting: {settings.link('meetings.show', meeting_id=meeting.id)}\n\n"
                "You receive this because you are its owner. When it is done, let CCEE's lead "
                "know so that it is marked done." + _SIGNATURE
            ),
            lea_id=lea.id,
        )


# --- Missed quarters -------------------------------------------------------------------------


def _missed_quarters(
    session: Session, settings: ReminderSettings, today: date
) -> Iterator[DueReminder]:
    quarter = last_elapsed_quarter(today)
    met = set(
        session.scalars(
            select(Meeting.lea_id).where(
                Meeting.kind == MeetingKind.QUARTERLY,
                Meeting.archived_at.is_(None),
                Meeting.held_on >= quarter.first_day,
                Meeting.held_on <= quarter.last_day,
            )
        )
    )
    leas = session.scalars(
        select(Lea)
        .options(selectinload(Lea.engagements).selectinload(Engagement.ccee_lead))
        .where(Lea.archived_at.is_(None))
        .order_by(Lea.name)
    )
    for lea in leas:
        if lea.id in met or not _in_dta_all_quarter(lea.current_engagement, quarter, today):
            continue
        lead = _active_lead(lea)
        if lead is None or not _plausible(_address(lead.email)):
            continue
        address = _address(lead.email)
        span = f"{day_and_month(quarter.first_day)} to {long_date(quarter.last_day)}"
        yield DueReminder(
            kind=ReminderKind.MISSED_QUARTER,
            key=f"missed_quarter:lea={lea.id}:quarter={quarter}:to={address}",
            recipient=address,
            subject=_subject(f"Missed quarter: {lea.name} held no quarterly meeting in {quarter}"),
            body=(
                f"Hello {lead.name},\n\n"
                f"{lea.name} held no quarterly progress-monitoring meeting in {quarter} "
                f"({span}). The LEA, CCEE and the county office meet at least four times a "
                "year: please schedule the next one, or record the meeting if it was held.\n\n"
                f"The LEA: {settings.link('leas.lea', lea_id=lea.id)}\n\n"
                f"You receive this because you are CCEE's lead for {lea.name}." + _SIGNATURE
            ),
            lea_id=lea.id,
        )


def _in_dta_all_quarter(engagement: Engagement | None, quarter: SchoolQuarter, today: date) -> bool:
    """In Direct Technical Assistance from the quarter's first day and still today: an
    engagement that began during the quarter is not expected to have met in it yet."""
    return (
        engagement is not None
        and engagement.started_on <= quarter.first_day
        and (engagement.exited_on is None or engagement.exited_on > today)
    )


# --- Helpers ---------------------------------------------------------------------------------


def _active_lead(lea: Lea) -> User | None:
    engagement = lea.current_engagement
    lead = engagement.ccee_lead if engagement is not None else None
    return lead if lead is not None and lead.is_active else None


def _emails_of_users(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    ids = list(user_ids)
    if not ids:
        return {}
    return {
        user_id: email
        for user_id, email in session.execute(
            select(User.id, User.email).where(User.id.in_(ids), User.is_active.is_(True))
        )
    }


def _address(email: str) -> str:
    return email.strip().lower()


def _plausible(address: str) -> bool:
    return len(address) <= 254 and _ADDRESS.fullmatch(address) is not None


def _one_paragraph(text: str) -> str:
    return " ".join(text.split())


def _subject(text: str) -> str:
    """One line (a header cannot hold a line break), within the column's length."""
    line = " ".join(text.split())
    return line if len(line) <= SUBJECT_LIMIT else line[: SUBJECT_LIMIT - 1] + "…"
