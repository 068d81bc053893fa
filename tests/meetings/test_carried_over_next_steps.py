"""Open next steps of a meeting appear by themselves on every later meeting of the LEA until
they are done; an editor marks one done from the later meeting's page."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, NextStep
from sir_tracker.users.models import Role, User
from tests.meetings.forms import meeting_data, rows, submit
from tests.reviews.iusd import text_of
from tests.support import builders
from tests.support.auth import csrf_token, make_user, open_session_for

STEP = "Publish the coaching calendar."


def record(client: FlaskClient, lea: Lea, held_on: str, *steps: dict[str, str]) -> int:
    data = meeting_data(held_on, steps=rows("steps", *steps))
    response = submit(client, f"/leas/{lea.id}/meetings/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def carried_section(page: str) -> str:
    return text_of(page.split('id="carried-over"')[1].split("<h2")[0])


def setup(app: Flask, session: Session) -> tuple[FlaskClient, Lea, User]:
    lea = builders.lea(session)
    admin = make_user(session, Role.ADMIN, name="Ada Admin")
    client = app.test_client()
    open_session_for(client, session, admin)
    return client, lea, admin


def test_an_open_step_is_carried_over_until_marked_done(app: Flask, session: Session) -> None:
    client, lea, admin = setup(app, session)
    first = record(
        client,
        lea,
        "2024-01-16",
        {"text": STEP, "owner": "Director of Curriculum", "due_on": "2024-02-01"},
        {"text": "Already done at the meeting.", "done": "y"},
    )
    second = record(client, lea, "2024-04-16")
    third = record(client, lea, "2024-07-16")

    # The first meeting's own page lists it as its next step, not as carried over.
    assert STEP not in carried_section(client.get(f"/meetings/{first}").get_data(as_text=True))
    for later in (second, third):
        section = carried_section(client.get(f"/meetings/{later}").get_data(as_text=True))
        assert f"{STEP} Director of Curriculum 1 February 2024 Overdue 16 January 2024" in section
        assert "Already done at the meeting." not in section
    new_form = client.get(f"/leas/{lea.id}/meetings/new").get_data(as_text=True)
    listed = text_of(new_form.split('id="carried-heading"')[1].split('for="agenda"')[0])
    assert STEP in listed and "due 1 February 2024" in listed
    assert new_form.index(STEP) < new_form.index('id="agenda"')  # above the agenda

    step = session.scalars(select(NextStep).where(NextStep.text == STEP)).one()
    second_path = f"/meetings/{second}"
    response = client.post(
        f"/next-steps/{step.id}/done",
        data={"csrf_token": csrf_token(client, second_path), "meeting": str(second)},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"{second_path}#carried-over"
    session.expire_all()
    assert step.done_on == date(2024, 4, 16)  # the later meeting's day
    assert STEP not in carried_section(client.get(second_path).get_data(as_text=True))
    assert STEP not in carried_section(client.get(f"/meetings/{third}").get_data(as_text=True))
    assert STEP not in client.get(f"/leas/{lea.id}/meetings/new").get_data(as_text=True)
    first_page = text_of(client.get(f"/meetings/{first}").get_data(as_text=True))
    assert f"{STEP} Director of Curriculum 1 February 2024 done 16 April 2024" in first_page

    owner = session.get(Meeting, first)
    assert owner is not None and owner.version == 2  # an edit form opened before is now stale
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Meeting",
            AuditEvent.record_id == first,
            AuditEvent.action == AuditAction.UPDATE,
        )
    ).one()
    assert event.actor_id == admin.id and event.record_version == 2
    assert event.changes == {
        "next step": [f"{STEP} (open)", f"{STEP} (done 16 April 2024)"],
    }


def test_a_meeting_held_between_shows_a_step_done_later_as_done_then(
    app: Flask, session: Session
) -> None:
    client, lea, _admin = setup(app, session)
    record(client, lea, "2024-01-16", {"text": STEP})
    between = record(client, lea, "2024-04-16")
    third = record(client, lea, "2024-07-16")
    step = session.scalars(select(NextStep).where(NextStep.text == STEP)).one()
    token = csrf_token(client, f"/meetings/{third}")
    client.post(f"/next-steps/{step.id}/done", data={"csrf_token": token, "meeting": str(third)})

    section = carried_section(client.get(f"/meetings/{between}").get_data(as_text=True))

    assert f"{STEP}" in section and "done 16 July 2024" in section
    assert "Mark done" not in section


def test_a_step_is_marked_done_only_at_a_later_meeting_of_the_same_lea(
    app: Flask, session: Session
) -> None:
    client, lea, _admin = setup(app, session)
    first = record(client, lea, "2024-04-16", {"text": STEP})
    earlier = record(client, lea, "2024-01-16")
    other = record(client, builders.lea(session), "2024-07-16")
    step = session.scalars(select(NextStep).where(NextStep.text == STEP)).one()

    for meeting, message in (
        (first, "A next step can only be marked done at a later meeting."),
        (earlier, "A next step can only be marked done at a later meeting."),
        (other, "That next step is not one of this LEA's."),
    ):
        token = csrf_token(client, f"/meetings/{meeting}")
        response = client.post(
            f"/next-steps/{step.id}/done",
            data={"csrf_token": token, "meeting": str(meeting)},
            follow_redirects=True,
        )
        assert message in text_of(response.get_data(as_text=True))
    session.expire_all()
    assert step.done_on is None
    token = csrf_token(client, f"/meetings/{first}")
    response = client.post(f"/next-steps/{step.id}/done", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{first}"
    session.expire_all()
    assert step.done_on is None


def test_only_editors_mark_steps_done(app: Flask, session: Session) -> None:
    client, lea, _admin = setup(app, session)
    record(client, lea, "2024-01-16", {"text": STEP})
    later = record(client, lea, "2024-04-16")
    step = session.scalars(select(NextStep).where(NextStep.text == STEP)).one()
    coe = make_user(session, Role.COE_STAFF, county_office=lea.county_office)
    coe_client = app.test_client()
    open_session_for(coe_client, session, coe)
    page = coe_client.get(f"/meetings/{later}").get_data(as_text=True)
    assert STEP in carried_section(page) and "Mark done" not in page

    response = coe_client.post(
        f"/next-steps/{step.id}/done",
        data={"csrf_token": csrf_token(coe_client, f"/meetings/{later}"), "meeting": str(later)},
    )

    assert response.status_code == 403
    session.expire_all()
    assert step.done_on is None


def test_a_step_done_in_the_form_is_dated_on_the_meeting_or_today(
    app: Flask, session: Session
) -> None:
    client, lea, _admin = setup(app, session)
    past = record(client, lea, "2024-01-16", {"text": "Past", "done": "y"})
    ahead = date(today().year + 1, 1, 5).isoformat()
    scheduled = record(client, lea, ahead, {"text": "Ahead", "done": "y"})

    assert session.get(Meeting, past).next_steps[0].done_on == date(2024, 1, 16)  # type: ignore[union-attr]
    assert session.get(Meeting, scheduled).next_steps[0].done_on == today()  # type: ignore[union-attr]
