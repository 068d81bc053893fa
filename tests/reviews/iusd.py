"""Fixtures and helpers over the demo's Inglewood Unified SIR, shared by the reviews and
progress tests (each conftest re-exports the fixtures)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.core.database import Base
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import Action, ActionStatus, Sir
from sir_tracker.users.models import Role, User
from tests.support.auth import csrf_token, make_user

IUSD = "Inglewood Unified School District"


@pytest.fixture
def iusd(session: Session) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == IUSD)).one()


@pytest.fixture
def iusd_sir(iusd: Lea) -> Sir:
    return iusd.sirs[-1]


@pytest.fixture
def lead(session: Session, iusd: Lea) -> User:
    """A CCEE lead who leads IUSD's current engagement (the demo's lead has no password here)."""
    user = make_user(session, Role.CCEE_LEAD, name="Lena Lead")
    engagement = iusd.current_engagement
    assert engagement is not None
    engagement.ccee_lead = user
    session.flush()
    return user


@pytest.fixture
def admin(session: Session) -> User:
    return make_user(session, Role.ADMIN, name="Ada Admin")


@pytest.fixture
def viewer(session: Session) -> User:
    return make_user(session, Role.VIEWER)


def county(session: Session, name: str) -> CountyOffice:
    return session.scalars(select(CountyOffice).where(CountyOffice.county == name)).one()


def action_by_code(session: Session, sir: Sir, code: str) -> Action:
    return session.scalars(select(Action).where(Action.sir_id == sir.id, Action.code == code)).one()


def first_in_progress(session: Session, sir: Sir) -> Action:
    found = session.scalars(
        select(Action)
        .where(Action.sir_id == sir.id, Action.status == ActionStatus.IN_PROGRESS)
        .order_by(Action.id)
    ).first()
    assert found is not None
    return found


def latest_meeting(session: Session, sir: Sir) -> Meeting:
    found = session.scalars(
        select(Meeting).where(Meeting.lea_id == sir.lea_id).order_by(Meeting.held_on.desc())
    ).first()
    assert found is not None
    return found


def text_of(page: str) -> str:
    """What a person reads: tags dropped, entities decoded, whitespace collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def table_counts(session: Session) -> dict[str, int]:
    """Rows in every table, read through the session; but the dashboard's figures, a cache
    of the others that a flush deletes and a commit computes again (tests/monitoring)."""
    session.expire_all()
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
        if table.name != "lea_figures"
    }


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


def post(client: FlaskClient, path: str, data: dict[str, Any], form_path: str) -> Any:
    """POST ``data`` with the CSRF token a browser would have from ``form_path``."""
    return client.post(path, data={"csrf_token": csrf_token(client, form_path), **data})
