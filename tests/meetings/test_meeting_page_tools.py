"""The meeting page for editors: statuses updated at the meeting, the school quarter, a
scheduled meeting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import PACIFIC, today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import Action, ActionStatus, Sir, StatusChange
from sir_tracker.users.models import User
from tests.meetings.forms import meeting_data, submit
from tests.reviews.iusd import text_of
from tests.support.auth import csrf_token, open_session_for


def client_for(app: Flask, session: Session, user: User) -> FlaskClient:
    client = app.test_client()
    open_session_for(client, session, user)
    return client


def record(client: FlaskClient, lea: Lea, held_on: str, sir: Sir | None = None) -> int:
    data = meeting_data(held_on, sir=sir.id if sir else "")
    response = submit(client, f"/leas/{lea.id}/meetings/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_statuses_updated_at_the_meeting_are_listed_on_it(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, "2024-03-12", iusd_sir)
    page = client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    bulk = f"/sirs/{iusd_sir.id}/bulk-status?meeting={meeting_id}"
    assert f'href="{bulk}">Update statuses at this meeting</a>' in page

    form = client.get(bulk).get_data(as_text=True)
    assert f'<option selected value="{meeting_id}">12 March 2024' in form
    actions = list(
        session.scalars(
            select(Action)
            .where(Action.sir_id == iusd_sir.id, Action.status == ActionStatus.IN_PROGRESS)
            .order_by(Action.id)
            .limit(3)
        )
    )
    data = {"meeting": str(meeting_id), "csrf_token": csrf_token(client, bulk)}
    for i, action in enumerate(actions):
        data |= {
            f"rows-{i}-action_id": str(action.id),
            f"rows-{i}-version": str(action.version),
            f"rows-{i}-status": "completed",
            f"rows-{i}-note": f"Evidence shown at the meeting, {i}.",
            f"rows-{i}-evidence_url": "",
        }
    assert client.post(bulk.split("?")[0], data=data).status_code == 302

    changes = session.scalars(
        select(StatusChange).where(StatusChange.meeting_id == meeting_id)
    ).all()
    assert {c.action_id for c in changes} == {a.id for a in actions}
    assert {c.changed_at.astimezone(PACIFIC).date() for c in changes} == {date(2024, 3, 12)}
    shown = text_of(client.get(f"/meetings/{meeting_id}").get_data(as_text=True))
    listed = shown.split("Changes recorded at this meeting")[1].split("Comments")[0]
    for i, action in enumerate(actions):
        assert f"{action.code} {action.text} in progress → to completed 12 March 2024" in listed
        assert f"Evidence shown at the meeting, {i}." in listed


def test_the_bulk_page_ignores_a_meeting_of_another_lea(
    app: Flask, session: Session, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    foreign = session.scalars(select(Meeting).where(Meeting.lea_id != iusd_sir.lea_id)).first()
    assert foreign is not None

    form = client.get(f"/sirs/{iusd_sir.id}/bulk-status?meeting={foreign.id}").get_data(
        as_text=True
    )

    choices = form.split('id="meeting"')[1].split("</select>")[0]
    assert '<option selected value="">No meeting' in choices
    assert f'value="{foreign.id}"' not in choices


@pytest.mark.parametrize(
    ("held_on", "quarter"),
    [("2021-06-30", "2020-21 Q4"), ("2021-07-01", "2021-22 Q1"), ("2020-12-31", "2020-21 Q2")],
)
def test_the_page_names_the_school_year_and_quarter(
    app: Flask, session: Session, iusd: Lea, lead: User, held_on: str, quarter: str
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, held_on)

    page = text_of(client.get(f"/meetings/{meeting_id}").get_data(as_text=True))

    assert f"School year and quarter {quarter}" in page


def test_a_meeting_ahead_is_scheduled(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    ahead = today() + timedelta(days=30)
    response = submit(
        client,
        f"/leas/{iusd.id}/meetings/new",
        meeting_data(ahead.isoformat(), sir=iusd_sir.id),
    )
    assert response.status_code == 302

    page = text_of(client.get(response.headers["Location"]).get_data(as_text=True))

    assert f"The meeting of {ahead.day} {ahead:%B %Y} is scheduled." in page
    assert f"Meeting of {ahead.day} {ahead:%B %Y} Scheduled" in page
    # Statuses cannot change on a day still ahead.
    assert "Update statuses at this meeting" not in page
