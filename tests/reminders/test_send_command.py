"""`sir-tracker reminders send` against a real SMTP server: who gets what, once; failures wait
for the next run; with no SMTP host nothing is sent."""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import Session

from sir_tracker.cli import cli
from sir_tracker.reminders.models import ReminderKind
from sir_tracker.reminders.planning import last_elapsed_quarter
from tests.reminders.conftest import (
    BASE_URL,
    PIEDRA_AZUL,
    PIEDRA_AZUL_LEAD,
    Scenario,
    SmtpServer,
    free_port,
    long_date,
    reminders,
    subject,
)


def send(app: Flask) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(cli, ["reminders", "send"])
    return result.exit_code, result.output


def test_each_reminder_reaches_the_right_people(
    mail_app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    exit_code, output = send(mail_app)

    mailbox = smtp_server.mailbox
    recorded = reminders(session)
    assert exit_code == 0, output
    assert f"{len(recorded)} new reminders recorded." in output
    assert f"{len(recorded)} sent, 0 failed." in output
    assert len(mailbox.messages) == len(recorded)
    assert all(r.sent_at is not None and r.attempts == 1 for r in recorded)

    pre_read = f"Pre-read: {PIEDRA_AZUL} quarterly meeting on {long_date(scenario.meeting.held_on)}"
    link = f"{BASE_URL}/leas/{scenario.meeting.lea_id}/pre-read"
    for address in (PIEDRA_AZUL_LEAD, scenario.attendee_email):
        (message,) = [m for m in mailbox.to(address) if subject(m) == pre_read]
        assert link in message.get_content()
        assert message["From"] == "SIR Tracker <reminders@sir.example.org>"
    assert "Raymond" not in " ".join(str(m["To"]) for m in mailbox.messages)

    (overdue,) = mailbox.to(scenario.owner_email)
    due = long_date(scenario.step.due_on or scenario.day)
    assert subject(overdue) == f"Overdue next step: {PIEDRA_AZUL}, due {due}"
    body = overdue.get_content()
    assert "Hello Owen Gallardo," in body
    assert "Share the mid-year literacy results with principals." in body
    assert f"{BASE_URL}/meetings/{scenario.step.meeting_id}" in body

    quarter = last_elapsed_quarter(scenario.day)
    (missed,) = mailbox.to(scenario.missed_lead.email)
    assert subject(missed) == (
        f"Missed quarter: {scenario.missed.name} held no quarterly meeting in {quarter}"
    )
    assert f"{BASE_URL}/leas/{scenario.missed.id}" in missed.get_content()
    kinds = {r.kind for r in recorded}
    assert kinds == {
        ReminderKind.PRE_READ,
        ReminderKind.OVERDUE_NEXT_STEP,
        ReminderKind.MISSED_QUARTER,
    }


def test_a_second_run_sends_nothing_new(
    mail_app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    send(mail_app)
    first = len(smtp_server.mailbox.messages)

    exit_code, output = send(mail_app)

    assert exit_code == 0, output
    assert "0 new reminders recorded." in output
    assert "0 sent, 0 failed." in output
    assert len(smtp_server.mailbox.messages) == first
    assert len(reminders(session)) == first


def test_a_refused_recipient_is_retried_on_the_next_run(
    mail_app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    mailbox = smtp_server.mailbox
    mailbox.refuse.add(scenario.attendee_email)

    exit_code, output = send(mail_app)

    total = len(reminders(session))
    (refused,) = [r for r in reminders(session) if r.recipient == scenario.attendee_email]
    assert exit_code == 1
    assert f"{total - 1} sent, 1 failed (will retry)." in output
    assert f"Not sent to {scenario.attendee_email}: " in output
    assert refused.sent_at is None and refused.attempts == 1
    assert "550" in refused.last_error and "Mailbox unavailable" in refused.last_error
    assert mailbox.to(scenario.attendee_email) == []
    # The others were not held up by it.
    assert len(mailbox.messages) == total - 1

    mailbox.refuse.clear()
    exit_code, output = send(mail_app)

    assert exit_code == 0, output
    assert "1 sent, 0 failed." in output
    assert len(mailbox.to(scenario.attendee_email)) == 1
    assert len(mailbox.messages) == total
    (retried,) = [r for r in reminders(session) if r.recipient == scenario.attendee_email]
    assert retried.sent_at is not None and retried.attempts == 2

    send(mail_app)
    assert len(mailbox.messages) == total


def test_an_unreachable_server_keeps_every_reminder_for_the_next_run(
    mail_app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    mail_app.config["SMTP_PORT"] = free_port()  # nothing listens there

    exit_code, output = send(mail_app)

    recorded = reminders(session)
    assert exit_code == 1
    assert f"0 sent, {len(recorded)} failed (will retry)." in output
    assert all(r.sent_at is None and r.attempts == 1 for r in recorded)
    assert all(r.last_error.startswith("Could not connect to the mail server") for r in recorded)
    assert smtp_server.mailbox.messages == []

    mail_app.config["SMTP_PORT"] = smtp_server.port
    exit_code, output = send(mail_app)

    assert exit_code == 0, output
    assert f"{len(recorded)} sent, 0 failed." in output
    addressed = [(str(m["To"]), subject(m)) for m in smtp_server.mailbox.messages]
    assert len(addressed) == len(set(addressed)) == len(recorded)


def test_reminders_are_off_without_an_smtp_host(
    app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    app.config["SMTP_HOST"] = ""

    exit_code, output = send(app)

    assert exit_code == 0
    assert output == "Reminders are off (no SIR_TRACKER_SMTP_HOST is set): nothing was sent.\n"
    assert reminders(session) == []
    assert smtp_server.mailbox.messages == []


def test_the_list_shows_what_was_sent_and_what_waits(
    mail_app: Flask, session: Session, smtp_server: SmtpServer, scenario: Scenario
) -> None:
    runner = mail_app.test_cli_runner()
    assert runner.invoke(cli, ["reminders", "list"]).output == "No reminders recorded yet.\n"
    smtp_server.mailbox.refuse.add(scenario.owner_email)
    send(mail_app)

    everything = runner.invoke(cli, ["reminders", "list", "--limit", "100"]).output
    waiting = runner.invoke(cli, ["reminders", "list", "--unsent"]).output

    assert f"Overdue next step to {scenario.owner_email}" in everything
    assert "· sent " in everything
    assert f"Overdue next step to {scenario.owner_email}" in waiting
    assert "NOT SENT after 1 attempt (will retry): " in waiting and "550" in waiting
    assert "· sent " not in waiting
