"""The meeting page: the record of a quarterly meeting, and comments on it."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.comments.models import Comment
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import ProgressNote, StatusChange
from sir_tracker.users.models import Role, User
from tests.support.auth import csrf_token, make_user, sign_in

IUSD = "Inglewood Unified School District"


def iusd_meeting(session: Session) -> Meeting:
    return session.scalars(
        select(Meeting).join(Lea).where(Lea.name == IUSD, Meeting.held_on == date(2021, 6, 15))
    ).one()


def county(session: Session, name: str) -> CountyOffice:
    return session.scalars(select(CountyOffice).where(CountyOffice.county == name)).one()


def signed_in(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    sign_in(client, user)
    return client


def comment_count(session: Session, meeting: Meeting) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Comment).where(Comment.meeting_id == meeting.id)
        )
        or 0
    )


def test_the_meeting_page_shows_the_record(app: Flask, session: Session) -> None:
    meeting = iusd_meeting(session)
    client = signed_in(app, make_user(session, Role.VIEWER))

    response = client.get(f"/meetings/{meeting.id}")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert f'href="/leas/{meeting.lea_id}"' in page
    assert "15 June 2021" in page
    assert "Quarterly progress monitoring" in page
    assert "2020-21 Q4" in page
    assert "Mid-year literacy assessment completion" in page
    assert ">85%<" in page
    assert ">93%<" in page
    assert "Threats" in page and "plateauing" in page
    assert "Chief Academic Officer" in page and "29 October 2021" in page
    assert (
        '<th scope="row">Helen Ruiz-Tran</th>'
        '<td data-label="Title">Director, Differentiated Assistance, LACOE</td>'
        '<td data-label="Organisation">COE</td>' in page
    )


def test_the_meeting_page_lists_the_actions_changed_at_it(app: Flask, session: Session) -> None:
    meeting = iusd_meeting(session)
    changes = session.scalars(
        select(StatusChange).where(StatusChange.meeting_id == meeting.id)
    ).all()
    assert changes, "the demo changes actions at this meeting"
    client = signed_in(app, make_user(session, Role.VIEWER))

    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)

    section = page.split("Changes recorded at this meeting")[1].split('id="comments"')[0]
    for change in changes:
        assert f'href="/actions/{change.action_id}">{change.action.code}</a>' in section
        assert (
            f'{change.action.code}</a> <span class="changes-table__title">{change.action.text}'
            in section
        )
        assert change.note in section
    notes = session.scalars(select(ProgressNote).where(ProgressNote.meeting_id == meeting.id)).all()
    assert notes, "the demo makes progress notes at this meeting"
    for note in notes:
        assert f'{note.action.code}</a> <span class="changes-table__title">' in section
        assert note.note in section
    assert section.count("<tr>") == len(changes) + len(notes) + 1
    assert section.count(">Progress note</span>") == len(notes)
    assert f"{len(changes)} status changes and {len(notes)} progress notes." in section


@pytest.mark.parametrize("role", [Role.COE_STAFF, Role.LEA_STAFF])
def test_people_outside_the_leas_scope_do_not_find_the_meeting(
    app: Flask, session: Session, role: Role
) -> None:
    meeting = iusd_meeting(session)
    if role is Role.COE_STAFF:
        outsider = make_user(session, role, county_office=county(session, "Fresno"))
    else:
        other_lea = session.scalars(select(Lea).where(Lea.name != IUSD)).first()
        outsider = make_user(session, role, lea=other_lea)
    client = signed_in(app, outsider)

    assert client.get(f"/meetings/{meeting.id}").status_code == 404
    assert client.get("/meetings/99999999").status_code == 404


def test_county_office_staff_comment_and_their_text_is_escaped(
    app: Flask, session: Session
) -> None:
    meeting = iusd_meeting(session)
    client = signed_in(
        app, make_user(session, Role.COE_STAFF, county_office=county(session, "Los Angeles"))
    )
    path = f"/meetings/{meeting.id}"

    response = client.post(
        f"{path}/comments",
        data={"csrf_token": csrf_token(client, path), "body": "Good <b>progress</b> on literacy."},
    )

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{path}#comments")
    comment = session.scalars(select(Comment).where(Comment.meeting_id == meeting.id)).one()
    assert comment.body == "Good <b>progress</b> on literacy."
    page = client.get(path).get_data(as_text=True)
    assert "Good &lt;b&gt;progress&lt;/b&gt; on literacy." in page
    assert "<b>progress</b>" not in page


def test_a_viewer_may_read_but_not_comment(app: Flask, session: Session) -> None:
    meeting = iusd_meeting(session)
    client = signed_in(app, make_user(session, Role.VIEWER))
    path = f"/meetings/{meeting.id}"
    assert "Add comment" not in client.get(path).get_data(as_text=True)

    response = client.post(
        f"{path}/comments", data={"csrf_token": csrf_token(client, path), "body": "Hello"}
    )

    assert response.status_code == 403
    assert comment_count(session, meeting) == 0


def test_an_empty_comment_is_refused(app: Flask, session: Session) -> None:
    meeting = iusd_meeting(session)
    client = signed_in(app, make_user(session, Role.ADMIN))
    path = f"/meetings/{meeting.id}"

    response = client.post(
        f"{path}/comments", data={"csrf_token": csrf_token(client, path), "body": "   "}
    )

    assert response.status_code == 422
    assert "Write a comment before sending it." in response.get_data(as_text=True)
    assert comment_count(session, meeting) == 0


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient, session: Session) -> None:
    response = client.get(f"/meetings/{iusd_meeting(session).id}")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
