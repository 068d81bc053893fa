"""Every page's SQL statements, counted at two sizes: pages of one LEA (LEA, pre-read, SIR,
action, meeting, public page, API) for a small LEA and for one with ten times the actions and
six times the quarterly meetings and history; list pages (dashboard, public list, API list) for
the demo and for the demo with more LEAs. A page costs the same number of queries at both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from sir_tracker.auth.tokens import create_api_token
from sir_tracker.core.pacific_time import at_local
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import ActionStatus
from sir_tracker.users.models import Role, User
from tests.support import builders
from tests.support.auth import make_user, sign_in
from tests.support.queries import counted_queries


@dataclass(frozen=True)
class Built:
    lea_id: int
    sir_id: int
    action_id: int
    meeting_id: int


def built_lea(session: Session, by: User, *, actions: int, meetings: int) -> Built:
    """A published LEA in DTA whose SIR has ``actions`` actions, each changed twice and
    noted once, and ``meetings`` quarterly meetings, one a school quarter from March 2024."""
    lea = builders.lea_in_dta(session, by, published=True, actions=actions)
    sir = lea.sirs[-1]
    every = sir.actions
    for action in every:
        change_status(session, action, ActionStatus.IN_PROGRESS, by=by, note="Begun.", at=_on(4))
        change_status(session, action, ActionStatus.COMPLETED, by=by, note="Done.", at=_on(10))
        add_progress_note(session, action, "Checked.", by=by, at=_on(11))
    held = [date(2024 + (3 + 3 * n) // 12, 1 + (2 + 3 * n) % 12, 1) for n in range(meetings)]
    recorded = [Meeting(lea=lea, sir=sir, held_on=day, kind=MeetingKind.QUARTERLY) for day in held]
    session.add_all(recorded)
    session.commit()  # the dashboard's figures are kept on commit
    return Built(lea.id, sir.id, every[0].id, recorded[-1].id)


def _on(month: int) -> datetime:
    return at_local(date(2024, month, 2))


PAGES_OF_ONE_LEA: dict[str, Callable[[Built], str]] = {
    "LEA page": lambda built: f"/leas/{built.lea_id}",
    "LEA page, changes since": lambda built: f"/leas/{built.lea_id}?since=2024-01-01",
    "LEA page as of a day": lambda built: f"/leas/{built.lea_id}?as_of=2025-01-15",
    "pre-read": lambda built: f"/leas/{built.lea_id}/pre-read",
    "SIR page": lambda built: f"/sirs/{built.sir_id}",
    "action page": lambda built: f"/actions/{built.action_id}",
    "meeting page": lambda built: f"/meetings/{built.meeting_id}",
    "public page": lambda built: f"/progress/{built.lea_id}",
    "API LEA": lambda built: f"/api/v1/leas/{built.lea_id}",
    "API counts": lambda built: f"/api/v1/leas/{built.lea_id}/counts",
    "API SIR": lambda built: f"/api/v1/sirs/{built.sir_id}",
    "API actions": lambda built: f"/api/v1/sirs/{built.sir_id}/actions",
    "API meetings": lambda built: f"/api/v1/leas/{built.lea_id}/meetings",
}

LIST_PAGES = {
    "dashboard": "/",
    "dashboard searched and sorted": "/?q=unified&sort=flags&direction=descending",
    "dashboard as of a day": "/?as_of=2025-06-30&sort=change",
    "public list": "/progress",
    "API list": "/api/v1/leas",
}


@pytest.fixture
def admin(client: FlaskClient, session: Session) -> User:
    admin = make_user(session, Role.ADMIN)
    sign_in(client, admin)
    return admin


def counted(app: Flask, client: FlaskClient, path: str) -> list[str]:
    with counted_queries(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return statements


def test_a_page_of_one_lea_costs_the_same_for_a_small_and_a_large_lea(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    small = built_lea(session, admin, actions=3, meetings=1)
    large = built_lea(session, admin, actions=30, meetings=6)

    grown = {
        name: (len(counted(app, client, path(small))), len(counted(app, client, path(large))))
        for name, path in PAGES_OF_ONE_LEA.items()
    }

    assert {name: few for name, (few, _) in grown.items()} == {
        name: many for name, (_, many) in grown.items()
    }


def test_a_list_page_costs_the_same_for_the_demo_and_for_more_leas(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    _row, token = create_api_token(session, admin, "Counting")
    session.commit()
    before = {name: len(counted(app, client, path)) for name, path in LIST_PAGES.items()}
    with counted_queries(app) as api_before:
        client.get("/api/v1/leas", headers={"Authorization": f"Bearer {token}"})

    for _ in range(4):
        built_lea(session, admin, actions=4, meetings=3)
    after = {name: len(counted(app, client, path)) for name, path in LIST_PAGES.items()}
    with counted_queries(app) as api_after:
        client.get("/api/v1/leas", headers={"Authorization": f"Bearer {token}"})

    assert after == before
    assert len(api_after) == len(api_before)
