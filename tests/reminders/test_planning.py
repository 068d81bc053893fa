"""What is due on a given day, and each reminder recorded once (the planning on its own, with
a fixed "today")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.meetings.models import Attendee, Meeting, MeetingKind, NextStep, Organisation
from sir_tracker.reminders.models import ReminderKind
from sir_tracker.reminders.planning import due_reminders, last_elapsed_quarter, plan_reminders
from sir_tracker.reminders.settings import ReminderSettings, SettingsError
from sir_tracker.users.models import Role, User
from tests.reminders.conftest import PIEDRA_AZUL, lea_named
from tests.support import builders
from tests.support.auth import make_user

DAY = date(2031, 11, 12)  # 2031-32 Q2: the last elapsed quarter is 2031-32 Q1 (Jul-Sep 2031)
SETTINGS = ReminderSettings(smtp_host="mail.example.org", base_url="https://sir.example.org/")


def keys(session: Session, day: date = DAY) -> set[str]:
    return {reminder.key for reminder in due_reminders(session, SETTINGS, today=day)}


def quarterly(
    lea: Lea, day: date, *emails: str, kind: MeetingKind = MeetingKind.QUARTERLY
) -> Meeting:
    return Meeting(
        lea=lea,
        held_on=day,
        kind=kind,
        attendees=[
            Attendee(name=f"Person {n}", organisation=Organisation.LEA, email=email)
            for n, email in enumerate(emails)
        ],
    )


def engaged_lea(
    session: Session, lead: User, started_on: date, exited_on: date | None = None
) -> Lea:
    lea = builders.lea(session)
    session.add(
        Engagement(
            lea=lea,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=started_on,
            exited_on=exited_on,
            ccee_lead=lead,
        )
    )
    session.flush()
    return lea


def test_the_last_elapsed_quarter() -> None:
    assert last_elapsed_quarter(date(2031, 11, 12)) == SchoolQuarter(2031, 1)
    assert last_elapsed_quarter(date(2031, 10, 1)) == SchoolQuarter(2031, 1)
    assert last_elapsed_quarter(date(2031, 7, 1)) == SchoolQuarter(2030, 4)
    assert last_elapsed_quarter(date(2032, 1, 2)) == SchoolQuarter(2031, 2)


@pytest.mark.parametrize(
    ("days_ahead", "kind", "expected"),
    [
        (1, MeetingKind.QUARTERLY, True),
        (7, MeetingKind.QUARTERLY, True),
        (8, MeetingKind.QUARTERLY, False),
        (0, MeetingKind.QUARTERLY, False),  # held today: too late for a pre-read
        (3, MeetingKind.MONTHLY_COACHING, False),
    ],
)
def test_the_pre_read_goes_out_in_the_week_before_a_quarterly_meeting(
    session: Session, days_ahead: int, kind: MeetingKind, expected: bool
) -> None:
    piedra = lea_named(session, PIEDRA_AZUL)
    meeting = quarterly(piedra, DAY + timedelta(days=days_ahead), "ana@example.org", kind=kind)
    session.add(meeting)
    session.flush()

    key = f"pre_read:meeting={meeting.id}:on={meeting.held_on.isoformat()}:to=ana@example.org"
    assert (key in keys(session)) is expected


def test_an_archived_meeting_gets_no_pre_read(session: Session) -> None:
    meeting = quarterly(lea_named(session, PIEDRA_AZUL), DAY + timedelta(days=2), "a@example.org")
    session.add(meeting)
    session.flush()
    meeting.archived_at = meeting.created_at

    assert not any(k.startswith(f"pre_read:meeting={meeting.id}:") for k in keys(session))


def test_the_pre_read_goes_to_the_lead_and_to_attendees_with_a_plausible_address(
    session: Session,
) -> None:
    piedra = lea_named(session, PIEDRA_AZUL)
    meeting = quarterly(
        piedra,
        DAY + timedelta(days=4),
        "Ana.Lopez@Example.org",
        "",
        "not an address",
        "two@example.org, three@example.org",
    )
    session.add(meeting)
    session.flush()

    recipients = {
        r.recipient
        for r in due_reminders(session, SETTINGS, today=DAY)
        if r.key.startswith(f"pre_read:meeting={meeting.id}:")
    }

    assert recipients == {"samuel.okafor@demo.sir-tracker.example", "ana.lopez@example.org"}
    (reminder,) = [
        r
        for r in due_reminders(session, SETTINGS, today=DAY)
        if r.key.startswith(f"pre_read:meeting={meeting.id}:") and r.recipient.startswith("ana")
    ]
    assert reminder.kind is ReminderKind.PRE_READ
    assert reminder.lea_id == piedra.id
    assert f"https://sir.example.org/leas/{piedra.id}/pre-read" in reminder.body
    assert "Sunday 16 November 2031" in reminder.body
    assert "you are expected at this meeting" in reminder.body


def test_an_open_next_step_is_reminded_once_past_its_due_date(session: Session) -> None:
    piedra = lea_named(session, PIEDRA_AZUL)
    meeting = quarterly(piedra, DAY - timedelta(days=60))
    overdue = NextStep(text="Overdue", owner_email="o@example.org", due_on=DAY - timedelta(days=1))
    due_today = NextStep(text="Due today", owner_email="t@example.org", due_on=DAY)
    done = NextStep(
        text="Done", owner_email="d@example.org", due_on=DAY - timedelta(days=9), done_on=DAY
    )
    no_email = NextStep(text="No email", owner="Someone", due_on=DAY - timedelta(days=9))
    meeting.next_steps = [overdue, due_today, done, no_email]
    session.add(meeting)
    session.flush()

    found = {k for k in keys(session) if k.startswith("overdue:")}

    assert found == {f"overdue:next_step={overdue.id}:due=2031-11-11:to=o@example.org"}


def test_a_missed_quarter_is_told_to_the_lead_of_an_lea_in_dta_all_quarter(
    session: Session,
) -> None:
    lead = make_user(session, Role.CCEE_LEAD)
    missed = engaged_lea(session, lead, date(2030, 1, 6))
    met = engaged_lea(session, lead, date(2030, 1, 6))
    session.add(quarterly(met, date(2031, 9, 30)))
    coached_only = engaged_lea(session, lead, date(2030, 1, 6))
    session.add(quarterly(coached_only, date(2031, 8, 5), kind=MeetingKind.MONTHLY_COACHING))
    started_in_the_quarter = engaged_lea(session, lead, date(2031, 7, 2))
    exited = engaged_lea(session, lead, date(2030, 1, 6), exited_on=date(2031, 10, 1))
    exits_later = engaged_lea(session, lead, date(2030, 1, 6), exited_on=date(2032, 6, 30))
    session.flush()

    found = {k for k in keys(session) if k.startswith("missed_quarter:") and lead.email in k}

    assert found == {
        f"missed_quarter:lea={lea.id}:quarter=2031-32 Q1:to={lead.email}"
        for lea in (missed, coached_only, exits_later)
    }
    assert not {started_in_the_quarter.id, exited.id, met.id} & {
        r.lea_id for r in due_reminders(session, SETTINGS, today=DAY) if lead.email in r.key
    }


def test_an_inactive_lead_is_not_written_to(session: Session) -> None:
    lead = make_user(session, Role.CCEE_LEAD, active=False)
    engaged_lea(session, lead, date(2030, 1, 6))

    assert not any(lead.email in k for k in keys(session))


def test_each_reminder_is_recorded_once(session: Session) -> None:
    lead = make_user(session, Role.CCEE_LEAD)
    engaged_lea(session, lead, date(2030, 1, 6))
    session.add(
        quarterly(lea_named(session, PIEDRA_AZUL), DAY + timedelta(days=2), "a@example.org")
    )
    session.flush()

    first = plan_reminders(session, SETTINGS, today=DAY)
    again = plan_reminders(session, SETTINGS, today=DAY)
    next_day = plan_reminders(session, SETTINGS, today=DAY + timedelta(days=1))

    assert {r.key for r in first} == keys(session)
    assert all(r.sent_at is None and r.attempts == 0 for r in first)
    assert again == []
    assert next_day == []


def test_a_meeting_moved_to_another_day_gets_a_new_pre_read(session: Session) -> None:
    meeting = quarterly(lea_named(session, PIEDRA_AZUL), DAY + timedelta(days=2), "a@example.org")
    session.add(meeting)
    session.flush()
    plan_reminders(session, SETTINGS, today=DAY)

    meeting.held_on = DAY + timedelta(days=5)
    session.flush()
    moved = plan_reminders(session, SETTINGS, today=DAY)

    assert {r.recipient for r in moved} == {
        "a@example.org",
        "samuel.okafor@demo.sir-tracker.example",
    }
    assert all(":on=2031-11-17:" in r.key for r in moved)


def test_settings_from_the_environment_are_coerced() -> None:
    settings = ReminderSettings.from_config(
        {
            "SMTP_HOST": " mail.example.org ",
            "SMTP_PORT": "587",
            "SMTP_PASSWORD": 123456,  # what SIR_TRACKER_SMTP_PASSWORD=123456 becomes
            "SMTP_STARTTLS": "true",
            "PRE_READ_DAYS": 10,
        }
    )

    assert settings.enabled and settings.smtp_host == "mail.example.org"
    assert (settings.smtp_port, settings.smtp_password, settings.smtp_starttls) == (
        587,
        "123456",
        True,
    )
    assert settings.pre_read_days == 10 and settings.smtp_timeout == 30
    assert not ReminderSettings.from_config({"SMTP_HOST": ""}).enabled
    with pytest.raises(SettingsError, match="SIR_TRACKER_SMTP_PORT must be a whole number"):
        ReminderSettings.from_config({"SMTP_PORT": "smtp"})
    with pytest.raises(SettingsError, match="SIR_TRACKER_SMTP_STARTTLS must be true or false"):
        ReminderSettings.from_config({"SMTP_STARTTLS": "maybe"})
