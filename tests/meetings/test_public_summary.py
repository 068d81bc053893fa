"""A lead writes a meeting's public summary and publishes it; the public page shows it only
while it is published; a stale form is a visible conflict; bad input changes nothing."""

from __future__ import annotations

import re
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.users.models import Role
from tests.support.auth import make_user, sign_in

IUSD = "Inglewood Unified School District"
_VERSION = re.compile(r'name="version"[^>]*value="(\d+)"')
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def latest_quarterly(session: Session) -> Meeting:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    found = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == iusd.id, Meeting.kind == MeetingKind.QUARTERLY)
        .order_by(Meeting.held_on.desc())
    ).first()
    assert found is not None
    return found


def form_fields(client: FlaskClient, path: str) -> dict[str, str]:
    page = client.get(path).get_data(as_text=True)
    version, csrf = _VERSION.search(page), _CSRF.search(page)
    assert version and csrf, page
    return {"version": version.group(1), "csrf_token": csrf.group(1)}


def test_a_lead_publishes_then_withdraws_a_public_summary(
    client: FlaskClient, session: Session
) -> None:
    meeting = latest_quarterly(session)
    sign_in(client, make_user(session, Role.ADMIN))
    path = f"/meetings/{meeting.id}/public-summary"
    public = f"/progress/{meeting.lea_id}"

    draft = client.post(
        path, data={**form_fields(client, path), "public_summary": "Coaching began in March."}
    )
    assert draft.status_code == 302
    assert "Coaching began" not in client.get(public).get_data(as_text=True)

    published = client.post(
        path,
        data={
            **form_fields(client, path),
            "public_summary": "Coaching began in March.",
            "published": "y",
        },
    )
    assert published.status_code == 302
    assert "Coaching began in March." in client.get(public).get_data(as_text=True)

    client.post(
        path, data={**form_fields(client, path), "public_summary": "Coaching began in March."}
    )
    assert "Coaching began" not in client.get(public).get_data(as_text=True)


def test_a_stale_form_is_a_conflict_and_saves_nothing(
    client: FlaskClient, session: Session
) -> None:
    meeting = latest_quarterly(session)
    sign_in(client, make_user(session, Role.ADMIN))
    path = f"/meetings/{meeting.id}/public-summary"
    stale = form_fields(client, path)
    client.post(path, data={**form_fields(client, path), "public_summary": "First words."})

    answer = client.post(path, data={**stale, "public_summary": "Second words.", "published": "y"})

    assert answer.status_code == 409
    assert "changed by someone else" in answer.get_data(as_text=True)
    session.refresh(meeting)
    assert meeting.public_summary == "First words."
    assert meeting.public_summary_published_at is None


def test_publishing_needs_text_and_a_held_quarterly_meeting(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    meeting = latest_quarterly(session)
    path = f"/meetings/{meeting.id}/public-summary"

    empty = client.post(path, data={**form_fields(client, path), "published": "y"})
    assert empty.status_code == 422
    assert "Write the public summary before publishing it." in empty.get_data(as_text=True)

    too_long = client.post(
        path, data={**form_fields(client, path), "public_summary": "x" * 3001, "published": "y"}
    )
    assert too_long.status_code == 422
    session.refresh(meeting)
    assert meeting.public_summary_published_at is None

    coaching = Meeting(lea=meeting.lea, held_on=date(2021, 5, 4), kind=MeetingKind.MONTHLY_COACHING)
    session.add(coaching)
    session.flush()
    other = f"/meetings/{coaching.id}/public-summary"
    refused = client.post(
        other, data={**form_fields(client, other), "public_summary": "Hi.", "published": "y"}
    )
    assert refused.status_code == 422
    assert "Only a quarterly meeting" in refused.get_data(as_text=True)
