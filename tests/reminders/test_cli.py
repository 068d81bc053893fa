"""The reminder commands as cron runs them (tests/support/cli.py): settings from the
environment, commits of their own, on a database of their own."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select

from sir_tracker.core import db
from sir_tracker.reminders.models import Reminder
from tests.reminders.conftest import SmtpServer
from tests.support.cli import Ran, sir_tracker

# Mail settings from the environment of the test run do not reach the command.
_MAIL_SETTINGS = ("SIR_TRACKER_SMTP_", "SIR_TRACKER_MAIL_", "SIR_TRACKER_BASE_")


def reminders_command(url: str, *args: str, **settings: str) -> Ran:
    environment: dict[str, str | None] = {
        name: None for name in os.environ if name.startswith(_MAIL_SETTINGS)
    }
    environment |= {f"SIR_TRACKER_{k}": v for k, v in settings.items()}
    return sir_tracker("reminders", *args, database_url=url, env=environment)


@pytest.fixture
def fresh_demo(own_demo_database_url: str) -> str:
    return own_demo_database_url


def stored(url: str) -> tuple[int, int]:
    """(reminders recorded, reminders sent), read from the database itself."""
    database = db.Database(url)
    try:
        with database.new_session(write=False) as session:
            total = session.scalar(select(func.count()).select_from(Reminder)) or 0
            sent = (
                session.scalar(
                    select(func.count()).select_from(Reminder).where(Reminder.sent_at.is_not(None))
                )
                or 0
            )
    finally:
        database.engine.dispose()
    return total, sent


def test_cron_sends_the_demo_reminders_once(fresh_demo: str, smtp_server: SmtpServer) -> None:
    settings = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_server.port)}

    off = reminders_command(fresh_demo, "send")
    first = reminders_command(fresh_demo, "send", **settings)
    second = reminders_command(fresh_demo, "send", **settings)
    listed = reminders_command(fresh_demo, "list", **settings)

    assert off.returncode == 0, off.stderr
    assert "Reminders are off" in off.stdout
    total, sent = stored(fresh_demo)
    assert first.returncode == 0, first.stderr
    # Mesa Linda has been in DTA since 2022 and met last in June 2026: a missed quarter.
    assert total >= 1 and sent == total
    assert f"{total} sent, 0 failed." in first.stdout
    assert len(smtp_server.mailbox.messages) == total
    assert any(
        "Mesa Linda Unified School District held no quarterly meeting" in str(m["Subject"])
        for m in smtp_server.mailbox.messages
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout == "0 new reminders recorded.\n0 sent, 0 failed.\n"
    assert len(smtp_server.mailbox.messages) == total
    assert "Missed quarterly meeting to samuel.okafor@demo.sir-tracker.example" in listed.stdout
