"""The current SIR of an LEA, one rule for every page, command and report: the latest SIR that
is not archived, one still under way (no report date yet) counting as the latest. Runs on
SQLite and on PostgreSQL, which order a missing report date differently."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy.orm import Session

from sir_tracker.cli import cli
from sir_tracker.core.database import utcnow
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import ActionStatus, Sir, SirState
from sir_tracker.reviews.queries import current_sir
from tests.support import builders


def _status(app: Flask, lea_name: str) -> str:
    result = app.test_cli_runner().invoke(cli, ["status", lea_name])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_an_archived_later_sir_is_not_current(app: Flask, session: Session) -> None:
    lead = builders.user(session)
    owner = builders.lea(session)
    older, actions = builders.sir_with_actions(session, 2, by=lead, owner=owner)
    change_status(session, actions[0], ActionStatus.COMPLETED, by=lead, note="Done.")
    archived, _ = builders.sir_with_actions(session, 5, by=lead, owner=owner)
    archived.report_date = date(2025, 3, 1)
    archived.archived_at = utcnow()
    session.flush()
    session.expire(owner)

    assert current_sir(owner) is older
    assert _status(app, owner.name).startswith("1 completed / 0 in progress / 1 not started")


def test_a_sir_under_way_is_current_over_an_earlier_reported_one(
    app: Flask, session: Session
) -> None:
    lead = builders.user(session)
    owner = builders.lea(session)
    builders.sir_with_actions(session, 2, by=lead, owner=owner)  # reported January 2024
    under_way, _ = builders.sir_with_actions(session, 3, by=lead, owner=owner)
    under_way.report_date = None
    under_way.state = SirState.IN_PROGRESS
    session.flush()
    session.expire(owner)

    assert current_sir(owner) is under_way
    assert _status(app, owner.name).startswith("0 completed / 0 in progress / 3 not started")


def test_an_lea_whose_only_sir_is_archived_has_none(app: Flask, session: Session) -> None:
    lead = builders.user(session)
    owner = builders.lea(session)
    sir, _ = builders.sir_with_actions(session, 1, by=lead, owner=owner)
    sir.archived_at = utcnow()
    session.flush()
    session.expire(owner)

    assert current_sir(owner) is None
    result = app.test_cli_runner().invoke(cli, ["status", owner.name])
    assert result.exit_code == 1
    assert f"{owner.name} has no SIR yet." in result.output


def test_the_pages_and_reports_use_the_same_rule() -> None:
    # Each of these imports the one rule rather than keeping its own.
    from sir_tracker.monitoring.profile import current_sir as in_profile
    from sir_tracker.pages.public.views import current_sir as in_public
    from sir_tracker.reports.data import current_sir as in_reports

    assert in_profile is in_public is in_reports is current_sir
    assert Sir.__tablename__ == "sirs"
