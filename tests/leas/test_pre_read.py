"""The pre-read of an LEA's next meeting: what changed since the last quarterly meeting, stalled
actions, open next steps, and the last quarter's SWOT notes and metrics; printable."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind, NextStep
from sir_tracker.monitoring.quarters import stalled_actions
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Action, ProgressNote, StatusChange
from sir_tracker.users.models import Role, User
from tests.leas.conftest import county_office
from tests.reviews.iusd import text_of
from tests.support import builders
from tests.support.auth import make_user, sign_in

MESA_LINDA = "Mesa Linda Unified School District"


def pre_read(client: FlaskClient, session: Session, lea: Lea, role: Role = Role.VIEWER) -> str:
    sign_in(client, make_user(session, role))
    response = client.get(f"/leas/{lea.id}/pre-read")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def part(page: str, heading_id: str) -> str:
    found = re.search(rf'<h2 id="{heading_id}">.*?</section>', page, re.S)
    assert found, heading_id
    return text_of(found.group(0))


def test_the_iusd_pre_read_shows_the_last_quarter_s_swot_notes_and_metrics(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    page = pre_read(client, session, iusd)
    swot = part(page, "swot-heading")
    metrics = part(page, "metrics-heading")

    assert "<h1" in page and "Pre-read: Inglewood Unified School District" in page
    assert "Actions are plateauing in progress: without a clear multi-tiered" in swot
    assert "Cycles of inquiry are used at central office and by principals" in swot
    assert [h for h in ("Strengths", "Weaknesses", "Opportunities", "Threats") if h in swot] == [
        "Strengths",
        "Weaknesses",
        "Opportunities",
        "Threats",
    ]
    assert "Mid-year literacy assessment completion 85%" in metrics
    assert "Smarter Balanced Assessment completion (2021, virtual) 93%" in metrics


def test_the_pre_read_header_current_counts_and_what_changed(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    page = pre_read(client, session, iusd)
    words = text_of(page)
    last = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd.id).order_by(Meeting.held_on.desc())
    ).first()
    assert last is not None

    assert "Next quarterly meeting Next meeting not scheduled" in words
    assert "Last quarterly meeting 15 June 2021 (2020-21 Q4)" in words
    assert f'href="/meetings/{last.id}">15 June 2021</a>' in page
    assert "19 completed / 41 in progress / 6 not started" in words
    assert "91% completed or in progress" in words
    # Right after a meeting, what was changed at it is listed: "since then" starts at the
    # quarterly meeting before it.
    changes = part(page, "changes-heading")
    assert "Changes since the quarterly meeting of 16 March 2021" in changes
    assert "with what was recorded at the last quarterly meeting (15 June 2021)" in changes
    made_at_last = session.scalars(
        select(StatusChange).where(StatusChange.meeting_id == last.id)
    ).all()
    noted_at_last = session.scalars(
        select(ProgressNote).where(ProgressNote.meeting_id == last.id)
    ).all()
    assert made_at_last, "the demo changes statuses at IUSD's last meeting"
    assert noted_at_last, "the demo makes progress notes at IUSD's last meeting"
    for entry in [*made_at_last, *noted_at_last]:
        assert f'href="/actions/{entry.action_id}">{entry.action.code}</a>' in page
        assert f"{entry.action.code} {entry.action.text}" in changes
        assert entry.note in changes
    assert f"{len(made_at_last)} status changes and {len(noted_at_last)} progress notes" in changes
    # Nothing recorded at the meeting of 16 March 2021 or before is listed.
    at_march = session.scalars(
        select(StatusChange).join(Meeting).where(Meeting.held_on == date(2021, 3, 16))
    ).all()
    assert at_march
    assert not any(change.note in changes for change in at_march)


def test_a_change_after_the_last_meeting_is_listed_with_its_note(
    client: FlaskClient, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    action = session.scalars(
        select(Action).where(Action.sir_id == iusd.sirs[-1].id, Action.code == "1.1")
    ).one()
    change_status(session, action, "completed", by=iusd_lead, note="Vision adopted by the board.")
    session.flush()

    page = pre_read(client, session, iusd)
    changes = part(page, "changes-heading")

    assert "Changes since the quarterly meeting of 16 March 2021" in changes
    assert "1.1 Articulate a district-wide instructional vision" in changes
    assert "in progress → to completed" in changes
    assert "Vision adopted by the board." in changes
    assert f'href="/actions/{action.id}">1.1</a>' in page
    assert "19 completed" not in text_of(page)  # 20 now
    assert "20 completed / 40 in progress / 6 not started" in text_of(page)


def test_the_next_scheduled_quarterly_meeting_is_named(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    soon = pacific_time.today() + timedelta(days=10)
    later = soon + timedelta(days=80)
    session.add_all(
        [
            Meeting(lea=iusd, held_on=later, kind=MeetingKind.QUARTERLY),
            Meeting(lea=iusd, held_on=soon, kind=MeetingKind.QUARTERLY),
            Meeting(lea=iusd, held_on=soon - timedelta(days=5), kind=MeetingKind.MONTHLY_COACHING),
        ]
    )
    session.flush()

    words = text_of(pre_read(client, session, iusd))

    assert f"Next quarterly meeting {soon.day} {soon:%B %Y}" in words
    assert "Next meeting not scheduled" not in words


def test_open_next_steps_of_every_meeting_are_listed_with_overdue_ones_tagged(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    today = pacific_time.today()
    first = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd.id).order_by(Meeting.held_on)
    ).first()
    assert first is not None
    session.add_all(
        [
            NextStep(
                meeting=first,
                text="Send the board the annual report.",
                owner="CCEE Lead",
                due_on=today + timedelta(days=20),
            ),
            NextStep(
                meeting=first,
                text="An old step, done.",
                owner="CCEE Lead",
                due_on=date(2020, 1, 1),
                done_on=date(2020, 1, 2),
            ),
        ]
    )
    session.flush()

    steps = part(pre_read(client, session, iusd), "steps-heading")

    # The three open steps of June 2021 are overdue; the new one is not; done steps are left out.
    assert steps.count("overdue") == 3
    assert "Draft the MTSS-based instructional action plan" in steps
    assert "Chief Academic Officer 29 October 2021 overdue 15 June 2021" in steps
    assert "Send the board the annual report. CCEE Lead" in steps
    assert "An old step, done." not in steps
    assert "Present the literacy framework to the board" not in steps  # done in 2019


def test_stalled_actions_and_the_plateau_are_flagged(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    mesa_linda = session.scalars(select(Lea).where(Lea.name == MESA_LINDA)).one()
    stalled = stalled_actions(session, mesa_linda.sirs[-1])

    page = pre_read(client, session, mesa_linda)
    words = text_of(page)

    assert (
        "Plateau. The completed count has not risen across the last 2 quarterly meetings" in words
    )
    assert f"{len(stalled)} stalled actions" in words
    listed = part(page, "stalled-heading")
    for s in stalled:
        assert f"{s.action.code} {s.action.text}" in listed
    assert "Plateau" not in text_of(pre_read(client, session, iusd))


def test_an_lea_without_a_sir_or_meetings_has_a_short_pre_read(
    client: FlaskClient, session: Session
) -> None:
    lea = builders.lea(session)

    words = text_of(pre_read(client, session, lea))

    assert "Next meeting not scheduled" in words
    assert "Last quarterly meeting None held yet" in words
    assert "No SIR yet." in words
    assert "Every next step agreed at a meeting is done." in words


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CCEE_LEAD, Role.ADMIN])
def test_readers_of_every_lea_may_open_it(
    client: FlaskClient, session: Session, iusd: Lea, role: Role
) -> None:
    pre_read(client, session, iusd, role)


def test_county_office_and_lea_staff_see_their_own_leas_pre_read_only(
    app: Flask, client: FlaskClient, session: Session, iusd: Lea
) -> None:
    fresno = county_office(session, "Fresno")
    los_angeles = county_office(session, "Los Angeles")
    readers = {
        make_user(session, Role.COE_STAFF, county_office=fresno): 404,
        make_user(session, Role.COE_STAFF, county_office=los_angeles): 200,
        make_user(session, Role.LEA_STAFF, lea=iusd): 200,
        make_user(session, Role.LEA_STAFF, lea=builders.lea(session)): 404,
    }
    for user, status in readers.items():
        browser = app.test_client()
        sign_in(browser, user)
        assert browser.get(f"/leas/{iusd.id}/pre-read").status_code == status, user.email


def test_the_pre_read_needs_sign_in_and_an_existing_lea(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    response = client.get(f"/leas/{iusd.id}/pre-read")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")

    sign_in(client, make_user(session, Role.VIEWER))
    assert client.get("/leas/99999999/pre-read").status_code == 404


def test_the_lea_page_links_to_the_pre_read(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.LEA_STAFF, lea=iusd))
    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    assert f'href="/leas/{iusd.id}/pre-read">Pre-read for the next meeting</a>' in page


def test_the_stylesheet_prints_without_navigation_or_buttons(client: FlaskClient) -> None:
    with client.get("/static/app.css") as response:
        css = response.get_data(as_text=True)
    printing = css.split("@media print", 1)[1]

    for hidden in (".site-header", ".site-footer", ".usa-button", ".usa-breadcrumb"):
        assert hidden in printing.split("display: none")[0]
    assert "break-inside: avoid" in printing


def test_the_pre_read_offers_a_print_button_run_by_a_script(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    page = pre_read(client, session, iusd)

    # Hidden until the script shows it, so nobody without it meets a dead button.
    assert '<button type="button" class="usa-button usa-button--outline margin-right-1" ' in page
    assert "data-print hidden>Print the pre-read</button>" in page
    assert '<script src="/static/print-button.js" defer></script>' in page
    with client.get("/static/print-button.js") as script:  # a file response: close it
        assert script.status_code == 200 and b"window.print()" in script.data
