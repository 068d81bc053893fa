"""Progress notes through the pages: on the action page and at a meeting, refused with a 422
and nothing written, read-only for county offices, shown in the action's history and on the
meeting page."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.notes import NOTE_LIMIT
from sir_tracker.reviews.models import Action, ActionStatus, ProgressNote, Sir
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import (
    changed_tables,
    county,
    first_in_progress,
    latest_meeting,
    post,
    table_counts,
    text_of,
)
from tests.support.auth import make_user, sign_in


def test_a_lead_adds_a_note_on_the_action_page_and_sees_it_in_the_history(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = first_in_progress(session, iusd_sir)
    page = f"/actions/{action.id}"
    sign_in(client, lead)
    assert "Add a progress note" in client.get(page).get_data(as_text=True)
    before = table_counts(session)

    response = post(
        client,
        f"/actions/{action.id}/progress-notes",
        {"note": "Second coaching cycle done.", "evidence_url": "https://example.org/log.pdf"},
        page,
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"{page}#history-heading"
    assert changed_tables(before, table_counts(session)) == {"progress_notes": 1, "audit_events": 1}
    shown = client.get(page).get_data(as_text=True)
    history = text_of(shown.split('id="history-heading"')[1].split('id="comments"')[0])
    assert history.index("Progress note") < history.index("Created as")  # newest first
    assert "Second coaching cycle done." in history
    assert f"· {lead.name}" in history
    assert "Evidence: https://example.org/log.pdf" in history
    assert "your progress note is added" in shown
    assert action.status is ActionStatus.IN_PROGRESS


def test_an_empty_or_overlong_note_is_refused_with_422_and_nothing_saved(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = first_in_progress(session, iusd_sir)
    page = f"/actions/{action.id}"
    sign_in(client, lead)
    before = table_counts(session)

    empty = post(client, f"/actions/{action.id}/progress-notes", {"note": "  "}, page)
    long = post(
        client, f"/actions/{action.id}/progress-notes", {"note": "x" * (NOTE_LIMIT + 1)}, page
    )
    bad_link = post(
        client,
        f"/actions/{action.id}/progress-notes",
        {"note": "Fine.", "evidence_url": "javascript:alert(1)"},
        page,
    )

    assert (empty.status_code, long.status_code, bad_link.status_code) == (422, 422, 422)
    assert "Write the note" in text_of(empty.get_data(as_text=True))
    assert f"Keep the note under {NOTE_LIMIT} characters." in text_of(long.get_data(as_text=True))
    assert "Evidence must be a web link" in text_of(bad_link.get_data(as_text=True))
    assert changed_tables(before, table_counts(session)) == {}


def test_a_county_office_may_read_but_not_add_a_note(
    client: FlaskClient, session: Session, iusd_sir: Sir
) -> None:
    action = first_in_progress(session, iusd_sir)
    meeting = latest_meeting(session, iusd_sir)
    coe = make_user(session, Role.COE_STAFF, county_office=county(session, "Los Angeles"))
    sign_in(client, coe)
    before = table_counts(session)

    action_page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    refused = post(client, f"/actions/{action.id}/progress-notes", {"note": "Hi."}, "/sign-in")
    at_meeting = client.get(f"/meetings/{meeting.id}/progress-notes")
    posted_at_meeting = post(
        client,
        f"/meetings/{meeting.id}/progress-notes",
        {"action": str(action.id), "note": "Hi."},
        "/sign-in",
    )

    assert "Add a progress note" not in action_page
    assert "Add a progress note" not in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert (refused.status_code, at_meeting.status_code, posted_at_meeting.status_code) == (
        403,
        403,
        403,
    )
    assert changed_tables(before, table_counts(session)) == {}


def test_a_note_at_a_meeting_lands_back_on_the_meeting_which_lists_it_with_its_title(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = first_in_progress(session, iusd_sir)
    meeting = latest_meeting(session, iusd_sir)
    form_path = f"/meetings/{meeting.id}/progress-notes"
    sign_in(client, lead)
    meeting_page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'href="{form_path}"' in meeting_page
    form = client.get(form_path).get_data(as_text=True)
    assert f'<option value="{action.id}">{action.code} (in progress):' in form

    response = post(
        client, form_path, {"action": str(action.id), "note": "Reported at the meeting."}, form_path
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}#changes"
    note = session.scalars(select(ProgressNote).order_by(ProgressNote.id.desc())).first()
    assert note is not None and note.meeting_id == meeting.id
    shown = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    listed = text_of(shown.split('id="changes"')[1].split('id="comments"')[0])
    assert f"{action.code} {action.text} Progress note" in listed
    assert "Reported at the meeting." in listed


def test_a_meeting_note_names_its_problems(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    meeting = latest_meeting(session, iusd_sir)
    other_sir_action = session.scalars(select(Action).where(Action.sir_id != iusd_sir.id)).first()
    assert other_sir_action is not None
    form_path = f"/meetings/{meeting.id}/progress-notes"
    sign_in(client, lead)
    before = table_counts(session)

    no_action = post(client, form_path, {"action": "", "note": "Something."}, form_path)
    foreign = post(
        client, form_path, {"action": str(other_sir_action.id), "note": "Sneaky."}, form_path
    )
    no_note = post(
        client, form_path, {"action": str(first_in_progress(session, iusd_sir).id)}, form_path
    )

    assert (no_action.status_code, foreign.status_code, no_note.status_code) == (422, 422, 422)
    assert "Choose the action the note is about." in text_of(no_action.get_data(as_text=True))
    assert "Choose one of the SIR's current actions." in text_of(foreign.get_data(as_text=True))
    assert "Write the note" in text_of(no_note.get_data(as_text=True))
    assert changed_tables(before, table_counts(session)) == {}


def test_a_meeting_without_a_sir_offers_no_note(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    meeting = Meeting(
        lea=iusd_sir.lea,
        held_on=latest_meeting(session, iusd_sir).held_on,
        kind=MeetingKind.QUARTERLY,
    )
    session.add(meeting)
    session.flush()
    sign_in(client, lead)

    assert client.get(f"/meetings/{meeting.id}/progress-notes").status_code == 404
    assert "Add a progress note" not in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
