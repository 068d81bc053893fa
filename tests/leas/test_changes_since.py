"""The LEA page's "changes since" view: every status change and progress note after a day
(by default the quarterly meeting before the latest), the "since" field and its refusals, the
dashboard's change column that leads to it, and who sees it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.monitoring.quarters import (
    Thresholds,
    change_since_last_quarter,
    previous_quarter_end,
)
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import change_status
from sir_tracker.reports.models import Audience
from sir_tracker.reports.packet_data import packet_summary
from sir_tracker.reviews.models import Action, ProgressNote, StatusChange
from sir_tracker.users.models import Role, User
from tests.leas.conftest import county_office
from tests.reviews.iusd import text_of
from tests.support.auth import make_user, sign_in

PIEDRA_AZUL = "Piedra Azul Unified School District"  # in Fresno County


def changes_section(page: str) -> str:
    found = re.search(r'<section class="lea-changes".*?</section>', page, re.S)
    assert found, "no changes section"
    return found.group(0)


def lea_page(client: FlaskClient, lea: Lea, query: str = "") -> tuple[int, str]:
    response = client.get(f"/leas/{lea.id}{query}")
    return response.status_code, response.get_data(as_text=True)


def iusd_meetings(session: Session, iusd: Lea) -> list[Meeting]:
    return list(
        session.scalars(select(Meeting).where(Meeting.lea_id == iusd.id).order_by(Meeting.held_on))
    )


def test_by_default_the_changes_since_the_meeting_before_the_latest_are_listed(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    last = iusd_meetings(session, iusd)[-1]
    changes = session.scalars(select(StatusChange).where(StatusChange.meeting_id == last.id)).all()
    notes = session.scalars(select(ProgressNote).where(ProgressNote.meeting_id == last.id)).all()

    status, page = lea_page(client, iusd)
    section = changes_section(page)
    words = text_of(section)

    assert status == 200
    assert "Changes since the quarterly meeting of 16 March 2021" in words
    assert f"{len(changes)} status changes and {len(notes)} progress notes" in words
    assert 'value="2021-03-16"' in section  # the field shows the day the list starts after
    for entry in [*changes, *notes]:
        assert f"{entry.action.code} {entry.action.text}" in words
        assert entry.note in words
    assert words.count("Progress note") >= len(notes)
    assert "15 June 2021" in words and "Alicia Montoya" in words  # when and who


def test_a_chosen_day_lists_what_was_recorded_after_it(
    client: FlaskClient, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    action = session.scalars(
        select(Action).where(Action.sir_id == iusd.sirs[-1].id, Action.code == "1.1")
    ).one()
    change_status(session, action, "completed", by=iusd_lead, note="Vision adopted by the board.")
    add_progress_note(
        session,
        action,
        "Board resolution published.",
        by=iusd_lead,
        evidence_url="https://example.org/resolution.pdf",
    )
    session.flush()
    sign_in(client, make_user(session, Role.VIEWER))
    yesterday = date.fromordinal(today().toordinal() - 1)

    status, page = lea_page(client, iusd, f"?since={yesterday.isoformat()}")
    section = changes_section(page)
    words = text_of(section)

    assert status == 200
    assert "1 status change and 1 progress note" in words
    assert "Vision adopted by the board." in words
    assert "Board resolution published." in words
    assert 'href="https://example.org/resolution.pdf"' in section
    assert "in progress → to completed" in words
    assert iusd_lead.name in words


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("yesterday", "Enter the date as year-month-day, such as 2021-06-15."),
        ("2021-02-30", "Enter the date as year-month-day, such as 2021-06-15."),
        ("2021-06-15T00:00", "Enter the date as year-month-day, such as 2021-06-15."),
        ("99999-01-01", "Enter the date as year-month-day, such as 2021-06-15."),
        ("9999-12-31", "Choose today or an earlier day."),
        ("", None),
    ],
)
def test_a_bad_since_is_refused_with_a_clear_message_and_the_default_list(
    client: FlaskClient, session: Session, iusd: Lea, since: str, message: str | None
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))

    status, page = lea_page(client, iusd, f"?since={since}")
    section = changes_section(page)

    if message is None:  # an empty field is the default, not a mistake
        assert status == 200
        assert 'class="usa-error-message"' not in section
    else:
        assert status == 422
        assert message in text_of(section)
        assert 'class="usa-error-message"' in section
    assert "Changes since the quarterly meeting of 16 March 2021" in text_of(section)


def test_a_county_office_sees_its_lea_s_changes_and_not_another_county_s(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    coe = make_user(session, Role.COE_STAFF, county_office=county_office(session, "Los Angeles"))
    fresno_lea = session.scalars(select(Lea).where(Lea.name == PIEDRA_AZUL)).one()
    sign_in(client, coe)

    status, page = lea_page(client, iusd)
    assert status == 200
    assert "Changes since the quarterly meeting of 16 March 2021" in text_of(changes_section(page))
    assert lea_page(client, fresno_lea)[0] == 404
    assert lea_page(client, fresno_lea, "?since=2020-01-01")[0] == 404
    assert client.get("/admin/audit").status_code == 403  # this view is their list of changes


def test_the_dashboard_change_column_is_the_packet_s_and_leads_to_the_changes(
    client: FlaskClient, session: Session
) -> None:
    coe = make_user(session, Role.COE_STAFF, county_office=county_office(session, "Fresno"))
    lea = session.scalars(select(Lea).where(Lea.name == PIEDRA_AZUL)).one()
    sir = lea.sirs[-1]
    action = session.scalars(
        select(Action).where(Action.sir_id == sir.id, Action.status == "in_progress")
    ).first()
    assert action is not None
    lead = make_user(session, Role.CCEE_LEAD)
    change_status(session, action, "completed", by=lead, note="Finished this quarter.")
    session.flush()
    sign_in(client, coe)

    dashboard = client.get("/").get_data(as_text=True)
    row = dashboard.split(f">{lea.name}</a>")[1].split("</tr>")[0]
    packet = packet_summary(
        session,
        [lea],
        today(),
        Audience.BOARD,
        thresholds=Thresholds(),
        generated_at=utcnow(),
    )

    assert change_since_last_quarter(session, [sir.id], today())[sir.id].completed == 1
    assert f">{packet.lines[0].change}<" in row
    assert packet.lines[0].change.startswith("+1 / -1")
    since = previous_quarter_end(today()).isoformat()
    link = f'href="/leas/{lea.id}?since={since}#changes"'
    assert link in row
    # One click on that link: the changes since the end of the last quarter, with the one made.
    page = client.get(f"/leas/{lea.id}?since={since}").get_data(as_text=True)
    words = text_of(changes_section(page))
    assert f"{action.code} {action.text}" in words and "Finished this quarter." in words
