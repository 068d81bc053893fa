"""What happens to a reminder that cannot be delivered: after REMINDER_MAX_ATTEMPTS failures it
stops and waits on the admins' Reminders page; one whose run was killed while the mail server
took it is never sent twice (it is "perhaps sent", with its Message-ID, for an admin)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.reminders.models import Reminder, ReminderKind, ReminderState
from sir_tracker.users.models import Role
from tests.conftest import make_test_app
from tests.reminders.conftest import Scenario, SmtpServer, reminders
from tests.reminders.test_send_command import send
from tests.reviews.iusd import text_of
from tests.support.auth import csrf_token, make_user, open_session_for
from tests.support.cli import sir_tracker


@pytest.fixture(autouse=True)
def app_context() -> Iterator[None]:
    """No app context around the test (the package's conftest pushes one): each page request
    pushes its own, so that one request's signed-in user is not kept for the next."""
    yield


def decide(client: FlaskClient, button: str) -> tuple[int, str]:
    """Click ``button`` on the Reminders page, reached from the header's link."""
    dashboard = client.get("/").get_data(as_text=True)
    assert 'href="/admin/reminders">Reminders</a>' in dashboard
    page = client.get("/admin/reminders").get_data(as_text=True)
    form = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>\s*<input[^>]+>\s*'
        r'<input type="hidden" name="version" value="(\d+)">\s*'
        rf'<button type="submit"[^>]*>{re.escape(button)}</button>',
        page,
    )
    assert form is not None, f"no {button!r} button on the page"
    data = {"csrf_token": csrf_token(client, "/admin/reminders"), "version": form.group(2)}
    answer = client.post(form.group(1), data=data)
    return answer.status_code, form.group(1)


def test_a_reminder_that_keeps_failing_stops_and_an_admin_sends_it_again(
    mail_app: Flask, client: FlaskClient, session: Session, smtp_server: SmtpServer,
    scenario: Scenario,
) -> None:  # fmt: skip
    mail_app.config["REMINDER_MAX_ATTEMPTS"] = 2
    mailbox = smtp_server.mailbox
    mailbox.refuse.add(scenario.attendee_email)

    send(mail_app)
    exit_code, output = send(mail_app)
    (refused,) = [r for r in reminders(session) if r.recipient == scenario.attendee_email]

    assert exit_code == 1
    assert "0 sent, 1 failed, 1 stopped after too many failures" in output
    assert refused.state is ReminderState.STOPPED and refused.attempts == 2
    # No third try on its own.
    assert "0 sent, 0 failed." in send(mail_app)[1]
    assert refused.attempts == 2

    admin = make_user(session, Role.ADMIN)
    open_session_for(client, session, admin)
    page = text_of(client.get("/admin/reminders").get_data(as_text=True))
    assert "Stopped after failing" in page and "550" in page
    assert scenario.attendee_email in page
    status, _ = decide(client, "Send again")
    assert status == 302
    stale = client.post(
        f"/admin/reminders/{refused.id}/send-again",
        data={"csrf_token": csrf_token(client, "/admin/reminders"), "version": "1"},
    )
    assert stale.status_code == 409  # decided already: the page says so, nothing changes
    mailbox.refuse.clear()
    exit_code, output = send(mail_app)

    assert exit_code == 0, output
    assert len(mailbox.to(scenario.attendee_email)) == 1
    session.refresh(refused)
    assert refused.state is ReminderState.SENT
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Reminder", AuditEvent.record_id == refused.id
        )
    ).one()
    assert event.actor_id == admin.id and "after 2 tries" in event.summary


def test_a_send_killed_after_the_server_took_it_is_never_sent_twice(
    own_demo_database_url: str, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    database = Database(own_demo_database_url)
    with transaction(database.writers) as session:
        reminder = Reminder(
            kind=ReminderKind.MISSED_QUARTER, key="fault:kill", recipient="lead@test.example",
            subject="No quarterly meeting last quarter", body="Please schedule one.",
        )  # fmt: skip
        session.add(reminder)
        session.flush()
        reminder_id = reminder.id
    smtp = {
        "SIR_TRACKER_SMTP_HOST": "127.0.0.1",
        "SIR_TRACKER_SMTP_PORT": str(smtp_server.port),
        "SIR_TRACKER_SMTP_TIMEOUT": "5",
    }
    run = subprocess.Popen(
        [str(Path(sys.executable).with_name("sir-tracker")), "reminders", "send"],
        env={**os.environ, "DATABASE_URL": own_demo_database_url, **smtp},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # The server has the message, and the run dies before it hears that it was accepted.
    smtp_server.mailbox.on_data = lambda: os.kill(run.pid, signal.SIGKILL)
    assert run.wait(timeout=60) == -signal.SIGKILL
    smtp_server.mailbox.on_data = None
    (delivered,) = smtp_server.mailbox.to("lead@test.example")

    again = sir_tracker("reminders", "send", database_url=own_demo_database_url, env=smtp)

    assert "1 perhaps sent by an interrupted run, not sent again" in again.stdout
    assert smtp_server.mailbox.to("lead@test.example") == [delivered]
    with database.new_session(write=False) as session:
        uncertain = session.get_one(Reminder, reminder_id)
        assert uncertain.state is ReminderState.UNCERTAIN
        assert uncertain.message_id == delivered["Message-ID"]
    # The admin finds it in the mail server's log by its Message-ID, and records it as sent.
    app = make_test_app(own_demo_database_url)
    client = app.test_client()
    with transaction(database.writers) as session:
        open_session_for(client, session, make_user(session, Role.ADMIN))
    status, _ = decide(client, "It was sent: record it")
    assert status == 302
    with database.new_session(write=False) as session:
        recorded = session.get_one(Reminder, reminder_id)
        assert recorded.state is ReminderState.SENT and recorded.sent_at is not None
    assert sir_tracker("reminders", "send", database_url=own_demo_database_url, env=smtp)
    assert smtp_server.mailbox.to("lead@test.example") == [delivered]
    app.extensions["sir_tracker.core.db"].engine.dispose()
    database.engine.dispose()
