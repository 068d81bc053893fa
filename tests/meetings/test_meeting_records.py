"""Recording a meeting: creating, validating, editing (with stale versions refused),
archiving, restoring, and who may do it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind, Organisation
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import Role, User
from tests.meetings.forms import ATTENDING, meeting_data, meeting_rows, rows, submit
from tests.reviews.iusd import county, text_of
from tests.support.auth import csrf_token, make_user, open_session_for


def client_for(app: Flask, session: Session, user: User) -> FlaskClient:
    client = app.test_client()
    open_session_for(client, session, user)
    return client


def new_path(lea: Lea) -> str:
    return f"/leas/{lea.id}/meetings/new"


def created_meeting(session: Session, lea: Lea, response: object) -> Meeting:
    location = response.headers["Location"]  # type: ignore[attr-defined]
    meeting_id = int(location.rsplit("/", 1)[1])
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None and meeting.lea_id == lea.id
    return meeting


def quarterly_meeting(iusd_sir: Sir) -> dict[str, str]:
    return meeting_data(
        "2024-03-12",
        sir=iusd_sir.id,
        agenda="Literacy actions; the coaching calendar.",
        summary="Coaching cycles are under way in every elementary school.",
        attendees=rows(
            "attendees",
            {"name": "Dr. Erin Caldwell", "title": "Superintendent", "organisation": "lea"},
            {
                "name": "Helen Ruiz-Tran",
                "title": "Director, Differentiated Assistance",
                "organisation": "coe",
                "email": "helen@lacoe.example",
            },
        ),
        notes=rows("notes", {"category": "threat", "text": "Actions stay in progress."}),
        metrics=rows(
            "metrics",
            {"label": "Mid-year literacy assessment completion", "value": "85", "unit": "%"},
        ),
        steps=rows(
            "steps",
            {
                "text": "Share the literacy dashboard with principals.",
                "owner": "Chief Academic Officer",
                "due_on": "2024-04-30",
            },
        ),
    )


def test_a_lead_records_a_quarterly_meeting(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)

    response = submit(client, new_path(iusd), quarterly_meeting(iusd_sir))

    assert response.status_code == 302
    meeting = created_meeting(session, iusd, response)
    assert (meeting.held_on, meeting.kind, meeting.sir_id) == (
        date(2024, 3, 12),
        MeetingKind.QUARTERLY,
        iusd_sir.id,
    )
    assert [(a.name, a.organisation, a.email) for a in meeting.attendees] == [
        ("Dr. Erin Caldwell", Organisation.LEA, None),
        ("Helen Ruiz-Tran", Organisation.COE, "helen@lacoe.example"),
    ]
    assert [(m.label, m.value, m.unit) for m in meeting.metrics] == [
        ("Mid-year literacy assessment completion", Decimal("85.00"), "%")
    ]
    assert [(n.category.value, n.text) for n in meeting.swot_notes] == [
        ("threat", "Actions stay in progress.")
    ]
    [step] = meeting.next_steps
    assert (step.text, step.owner, step.due_on, step.done_on) == (
        "Share the literacy dashboard with principals.",
        "Chief Academic Officer",
        date(2024, 4, 30),
        None,
    )
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Meeting", AuditEvent.record_id == meeting.id
        )
    ).one()
    assert event.action is AuditAction.CREATE
    assert event.actor_id == lead.id and event.lea_id == iusd.id
    assert event.record_label == "Quarterly progress monitoring, 12 March 2024"

    page = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "The meeting of 12 March 2024 is recorded." in page
    for shown in (
        "Meeting of 12 March 2024",
        "2023-24 Q3",
        "Dr. Erin Caldwell Superintendent LEA",
        "Mid-year literacy assessment completion 85%",
        "Share the literacy dashboard with principals. Chief Academic Officer 30 April 2024",
        "Actions stay in progress.",
    ):
        assert shown in page


def test_the_new_meeting_form_offers_known_people_and_defaults_to_the_latest_sir(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)

    page = client.get(new_path(iusd)).get_data(as_text=True)

    assert '<datalist id="known-people">' in page
    assert '<option value="Lena Lead" label="CCEE lead">' in page  # a user
    assert '<option value="Helen Ruiz-Tran"' in page  # an earlier attendee
    assert f'<option selected value="{iusd_sir.id}">' in page
    assert 'list="known-people"' in page
    for name in ("attendees", "notes", "metrics", "steps"):  # three blank rows each
        assert f'name="{name}-2-' in page and f'name="{name}-3-' not in page


def test_a_known_users_name_fills_in_organisation_email_and_link(
    app: Flask, session: Session, iusd: Lea, lead: User
) -> None:
    coe = make_user(session, Role.COE_STAFF, county_office=iusd.county_office, name="Cora Coe")
    client = client_for(app, session, lead)
    data = meeting_data(
        attendees=rows(
            "attendees",
            {"name": "Dana Principal", "organisation": "lea"},
            {"name": "lena  lead"},
            {"name": "Cora Coe", "title": "Director"},
            {"name": "Cora Coe", "organisation": "geo_lead", "email": "cora@elsewhere.example"},
        )
    )

    response = submit(client, new_path(iusd), data)

    assert response.status_code == 302
    meeting = created_meeting(session, iusd, response)
    assert [(a.name, a.organisation, a.email, a.user_id) for a in meeting.attendees] == [
        ("Dana Principal", Organisation.LEA, None, None),
        ("lena lead", Organisation.CCEE, lead.email, lead.id),
        ("Cora Coe", Organisation.COE, coe.email, coe.id),
        ("Cora Coe", Organisation.GEO_LEAD, "cora@elsewhere.example", coe.id),
    ]


def test_blank_rows_are_ignored(app: Flask, session: Session, iusd: Lea, lead: User) -> None:
    client = client_for(app, session, lead)
    before = meeting_rows(session)

    data = meeting_data(kind="monthly_coaching", attendees=rows("attendees"), summary="")

    response = submit(client, new_path(iusd), data)

    assert response.status_code == 302
    meeting = created_meeting(session, iusd, response)
    assert meeting.kind is MeetingKind.MONTHLY_COACHING
    assert not (meeting.attendees or meeting.metrics or meeting.swot_notes or meeting.next_steps)
    assert meeting_rows(session) == {**before, "meetings": before["meetings"] + 1}


def test_add_more_rows_shows_three_more_and_saves_nothing(
    app: Flask, session: Session, iusd: Lea, lead: User
) -> None:
    client = client_for(app, session, lead)
    before = meeting_rows(session)
    data = meeting_data(attendees=rows("attendees", {"name": "Someone Typed"}), more="attendees")

    response = submit(client, new_path(iusd), data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Someone Typed"' in page
    assert 'name="attendees-6-name"' in page and 'name="attendees-7-name"' not in page
    assert 'name="metrics-2-label"' in page and 'name="metrics-3-label"' not in page
    assert "Nothing was saved" not in page
    assert meeting_rows(session) == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"metrics": rows("metrics", {"label": "Literacy", "value": "eighty-five"})},
            "Metric 1: enter the value as a number, such as 85 or 2.5",
        ),
        (
            {
                "attendees": rows(
                    "attendees",
                    {"name": "Dr. Erin Caldwell", "organisation": "lea"},
                    {"name": "Pat Nobody", "title": "Observer"},
                )
            },
            "Attendee 2: choose the organisation.",
        ),
        ({"held_on": ""}, "Meeting date: Enter the date of the meeting."),
        (
            {"steps": rows("steps", {"owner": "Superintendent", "due_on": "2024-02-30"})},
            "Next step 1: write the next step.",
        ),
        (
            {"notes": rows("notes", {"text": "No category"})},
            "SWOT note 1: choose strength, weakness, opportunity or threat.",
        ),
    ],
)
def test_refusals_name_the_row_and_write_nothing(
    app: Flask, session: Session, iusd: Lea, lead: User, fields: dict[str, str], message: str
) -> None:
    client = client_for(app, session, lead)
    before = meeting_rows(session)
    data = {**meeting_data(), **fields} if "held_on" in fields else meeting_data(**fields)

    response = submit(client, new_path(iusd), data)

    page = text_of(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Nothing was saved: please correct" in page
    assert message in page
    assert meeting_rows(session) == before


def test_an_unreadable_due_date_is_refused_with_its_row(
    app: Flask, session: Session, iusd: Lea, lead: User
) -> None:
    client = client_for(app, session, lead)
    data = meeting_data(steps=rows("steps", {}, {"text": "Plan", "due_on": "2024-02-30"}, blank=0))

    response = submit(client, new_path(iusd), data)

    assert response.status_code == 422
    assert "Next step 2: enter the date as year-month-day" in text_of(
        response.get_data(as_text=True)
    )


# --- Editing -------------------------------------------------------------------------------------


def record(client: FlaskClient, lea: Lea, data: dict[str, str]) -> int:
    response = submit(client, new_path(lea), data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_an_edit_replaces_the_rows_and_audits_their_counts(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, quarterly_meeting(iusd_sir))
    edit_path = f"/meetings/{meeting_id}/edit"
    form = client.get(edit_path).get_data(as_text=True)
    assert 'value="Helen Ruiz-Tran"' in form and 'name="attendees-4-name"' in form
    data = quarterly_meeting(iusd_sir) | {"version": "1", "summary": "Revised."}
    data |= rows(
        "attendees",
        {"name": "Dr. Erin Caldwell", "title": "Superintendent", "organisation": "lea"},
        {
            "name": "Helen Ruiz-Tran",
            "title": "Director, Differentiated Assistance",
            "organisation": "coe",
            "email": "helen@lacoe.example",
        },
        {"name": "Kim Geo", "organisation": "geo_lead"},
    )
    data |= rows(
        "steps",
        {
            "text": "Share the literacy dashboard with principals.",
            "owner": "Chief Academic Officer",
            "due_on": "2024-04-30",
            "done": "y",
        },
    )

    response = submit(client, edit_path, data)

    assert response.status_code == 302
    session.expire_all()
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    assert meeting.version == 2
    assert [a.name for a in meeting.attendees] == [
        "Dr. Erin Caldwell",
        "Helen Ruiz-Tran",
        "Kim Geo",
    ]
    assert meeting.next_steps[0].done_on == date(2024, 3, 12)  # done at the meeting
    assert len(meeting.metrics) == 1 and len(meeting.swot_notes) == 1
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Meeting",
            AuditEvent.record_id == meeting_id,
            AuditEvent.action == AuditAction.UPDATE,
        )
    ).one()
    assert event.changes == {
        "summary": ["Coaching cycles are under way in every elementary school.", "Revised."],
        "attendees": ["2", "3"],
        "next_steps": ["1", "1 (edited)"],
    }
    assert event.record_version == 2


def test_saving_an_unchanged_meeting_records_no_change(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, quarterly_meeting(iusd_sir))

    response = submit(
        client, f"/meetings/{meeting_id}/edit", quarterly_meeting(iusd_sir) | {"version": "1"}
    )

    assert response.status_code == 302
    events = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Meeting", AuditEvent.record_id == meeting_id
        )
    ).all()
    assert [e.action for e in events] == [AuditAction.CREATE]
    assert session.get(Meeting, meeting_id).version == 1  # type: ignore[union-attr]


def test_a_stale_edit_is_refused_with_the_other_persons_changes(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User, admin: User
) -> None:
    lead_client = client_for(app, session, lead)
    meeting_id = record(lead_client, iusd, quarterly_meeting(iusd_sir))
    edit_path = f"/meetings/{meeting_id}/edit"
    admin_client = client_for(app, session, admin)
    first = quarterly_meeting(iusd_sir) | {"version": "1", "agenda": "The admin's agenda."}
    assert submit(admin_client, edit_path, first).status_code == 302

    stale = quarterly_meeting(iusd_sir) | {"version": "1", "summary": "The lead's summary."}
    response = submit(lead_client, edit_path, stale)

    page = text_of(response.get_data(as_text=True))
    assert response.status_code == 409
    assert "Someone else changed this first" in page
    assert "Ada Admin changed" in page and "Agenda: " in page and "→ The admin's agenda." in page
    assert "Summary: The lead's summary." in page  # what the lead entered, not saved
    session.expire_all()
    meeting = session.get(Meeting, meeting_id)
    assert meeting is not None
    assert (meeting.agenda, meeting.version) == ("The admin's agenda.", 2)
    assert meeting.summary != "The lead's summary."
    assert 'name="version" type="hidden" value="2"' in response.get_data(as_text=True)


# --- Who may record meetings ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COE_STAFF, Role.VIEWER, Role.LEA_STAFF, Role.CCEE_LEAD])
def test_people_who_may_not_edit_the_lea_are_refused(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, role: Role
) -> None:
    user = make_user(
        session,
        role,
        county_office=iusd.county_office if role is Role.COE_STAFF else None,
        lea=iusd if role is Role.LEA_STAFF else None,
    )
    client = client_for(app, session, user)
    meeting = session.scalars(select(Meeting).where(Meeting.lea_id == iusd.id)).first()
    assert meeting is not None
    before = meeting_rows(session)
    token = csrf_token(client, f"/meetings/{meeting.id}")

    assert client.get(new_path(iusd)).status_code == 403
    created = client.post(new_path(iusd), data={"csrf_token": token, **meeting_data()})
    assert created.status_code == 403
    edited = client.post(
        f"/meetings/{meeting.id}/edit", data={"csrf_token": token, **meeting_data()}
    )
    assert edited.status_code == 403
    archived = client.post(f"/meetings/{meeting.id}/archive", data={"csrf_token": token})
    assert archived.status_code == 403
    assert meeting_rows(session) == before
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Edit meeting" not in page and "Update statuses at this meeting" not in page


def test_county_office_staff_of_another_county_find_nothing(
    app: Flask, session: Session, iusd: Lea
) -> None:
    fresno = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    client = client_for(app, session, fresno)
    meeting = session.scalars(select(Meeting).where(Meeting.lea_id == iusd.id)).first()
    assert meeting is not None

    assert client.get(new_path(iusd)).status_code == 404
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 404
    token = csrf_token(client, "/account/password")
    assert client.post(new_path(iusd), data={"csrf_token": token}).status_code == 404
    archived = client.post(f"/meetings/{meeting.id}/archive", data={"csrf_token": token})
    assert archived.status_code == 404


# --- Archiving and restoring ---------------------------------------------------------------------


def test_a_lead_archives_a_meeting_and_an_admin_restores_it(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User, admin: User
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, quarterly_meeting(iusd_sir))
    path = f"/meetings/{meeting_id}"

    response = client.post(f"{path}/archive", data={"csrf_token": csrf_token(client, path)})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/leas/{iusd.id}"
    session.expire_all()
    assert session.get(Meeting, meeting_id).is_archived  # type: ignore[union-attr]
    assert client.get(path).status_code == 404
    token = csrf_token(client, f"/leas/{iusd.id}")
    assert client.post(f"{path}/restore", data={"csrf_token": token}).status_code == 404

    admin_client = client_for(app, session, admin)
    archived_page = admin_client.get(path).get_data(as_text=True)
    assert "This meeting is archived" in archived_page and "Restore meeting" in archived_page
    restored = admin_client.post(
        f"{path}/restore", data={"csrf_token": csrf_token(admin_client, path)}
    )
    assert restored.status_code == 302
    session.expire_all()
    assert not session.get(Meeting, meeting_id).is_archived  # type: ignore[union-attr]
    actions = session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.record_type == "Meeting", AuditEvent.record_id == meeting_id)
        .order_by(AuditEvent.id)
    ).all()
    assert actions == [AuditAction.CREATE, AuditAction.ARCHIVE, AuditAction.RESTORE]
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("attendees", "summary", "expected"),
    [
        ((), "", ["needs its attendees", "needs a summary"]),
        (
            ({"name": "Dana Principal", "organisation": "lea"},),
            "Reviewed.",
            ["needs its attendees"],
        ),
        (({"name": "Casey Coach", "organisation": "ccee"},), "Reviewed.", ["needs its attendees"]),
        (ATTENDING, "   ", ["needs a summary"]),
    ],
)
def test_an_empty_quarterly_meeting_is_refused_and_nothing_is_saved(
    app: Flask,
    session: Session,
    iusd: Lea,
    lead: User,
    attendees: tuple[dict[str, str], ...],
    summary: str,
    expected: list[str],
) -> None:
    client = client_for(app, session, lead)
    before = meeting_rows(session)
    audit_before = session.scalar(select(func.count()).select_from(AuditEvent))

    data = meeting_data(attendees=rows("attendees", *attendees), summary=summary)
    response = submit(client, new_path(iusd), data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for words in expected:
        assert f"A quarterly meeting {words}" in page
    assert meeting_rows(session) == before
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == audit_before


def test_a_scheduled_quarterly_meeting_needs_only_its_date(
    app: Flask, session: Session, iusd: Lea, lead: User
) -> None:
    client = client_for(app, session, lead)
    coming = (today() + timedelta(days=14)).isoformat()

    data = meeting_data(coming, attendees=rows("attendees"), summary="")
    response = submit(client, new_path(iusd), data)

    assert response.status_code == 302


def test_archiving_a_meeting_is_asked_first_and_the_question_changes_nothing(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    client = client_for(app, session, lead)
    meeting_id = record(client, iusd, quarterly_meeting(iusd_sir))
    path = f"/meetings/{meeting_id}"
    assert f'href="{path}/archive"' in client.get(path).get_data(as_text=True)

    question = client.get(f"{path}/archive")

    assert question.status_code == 200
    page = text_of(question.get_data(as_text=True))
    assert "Archive the meeting of 12 March 2024?" in page and "Cancel" in page
    session.expire_all()
    assert not session.get(Meeting, meeting_id).is_archived  # type: ignore[union-attr]
