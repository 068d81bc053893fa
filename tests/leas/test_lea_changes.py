"""Creating, editing, archiving and restoring LEAs through the pages, as each role."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.auth.passwords import hash_password
from sir_tracker.leas.models import (
    Engagement,
    EngagementMode,
    Lea,
    LeaKind,
    Pathway,
    Readiness,
)
from sir_tracker.users.models import Role, User
from tests.leas.conftest import county_office
from tests.support.auth import PASSWORD, csrf_token, make_user, sign_in


def row_counts(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Lea, Engagement, AuditEvent)
    )


def new_lea_form(session: Session, **overrides: Any) -> dict[str, Any]:
    form = {
        "name": "Valle Verde Unified School District",
        "kind": LeaKind.DISTRICT.value,
        "cds_code": "19 99107",
        "county_office": str(county_office(session, "Los Angeles").id),
        "pathway": Pathway.PRIMARY.value,
        "mode": EngagementMode.COLLABORATIVE_PLANNING.value,
        "readiness": Readiness.WILLING_ABLE.value,
        "started_on": "2026-09-01",
        "ccee_lead": "",
    }
    form.update(overrides)
    return form


def signed_in_lead(client: FlaskClient, session: Session, lead: User) -> None:
    lead.password_hash = hash_password(PASSWORD)
    session.flush()
    sign_in(client, lead)


# --- creating -----------------------------------------------------------------------------


def test_an_admin_adds_an_lea_with_its_first_engagement(
    client: FlaskClient, session: Session, iusd_lead: User
) -> None:
    admin = make_user(session, Role.ADMIN)
    sign_in(client, admin)
    token = csrf_token(client, "/leas/new")

    response = client.post(
        "/leas/new",
        data={"csrf_token": token, **new_lea_form(session, ccee_lead=str(iusd_lead.id))},
    )

    lea = session.scalars(
        select(Lea).where(Lea.name == "Valle Verde Unified School District")
    ).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/leas/{lea.id}"
    assert lea.cds_code == "1999107"
    assert lea.county_office.county == "Los Angeles"
    engagement = lea.current_engagement
    assert engagement is not None
    assert engagement.pathway is Pathway.PRIMARY
    assert engagement.readiness is Readiness.WILLING_ABLE
    assert engagement.ccee_lead_id == iusd_lead.id
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.lea_id == lea.id).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.record_type, e.actor_id) for e in events] == [
        (AuditAction.CREATE, "Lea", admin.id),
        (AuditAction.CREATE, "Engagement", admin.id),
    ]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Valle Verde Unified School District is added." in page
    assert "Willing and able: 3-5 years" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cds_code": "12345"}, "A CDS code has 7 digits (a district) or 14 digits (a school)"),
        ({"cds_code": "19A4634"}, "A CDS code contains only digits"),
        ({"cds_code": "19 64634"}, "already belongs to Inglewood Unified School District"),
        ({"name": "Inglewood Unified School District"}, "There is already an LEA named"),
        ({"name": "  "}, "Enter the LEA&#39;s name."),
        ({"started_on": ""}, "Enter the start date."),
        ({"county_office": ""}, "Choose the county office"),
        ({"kind": "galaxy"}, "Choose the kind of LEA from the list."),
        ({"ccee_lead": "99999999"}, "Choose the CCEE lead from the list"),
    ],
)
def test_a_refused_new_lea_changes_nothing_and_says_why(
    client: FlaskClient, session: Session, overrides: dict[str, str], message: str
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    token = csrf_token(client, "/leas/new")
    before = row_counts(session)

    response = client.post(
        "/leas/new", data={"csrf_token": token, **new_lea_form(session, **overrides)}
    )
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "Nothing was saved" in page
    assert 'id="error-summary"' in page
    assert message in page
    assert row_counts(session) == before


@pytest.mark.parametrize("role", [Role.CCEE_LEAD, Role.VIEWER, Role.LEA_STAFF])
def test_only_admins_add_leas(client: FlaskClient, session: Session, role: Role) -> None:
    scope: dict[str, Any] = {}
    if role is Role.LEA_STAFF:
        scope["lea"] = session.scalars(select(Lea)).first()
    sign_in(client, make_user(session, role, **scope))
    token = csrf_token(client, "/account/password")
    before = row_counts(session)

    assert client.get("/leas/new").status_code == 403
    response = client.post("/leas/new", data={"csrf_token": token, **new_lea_form(session)})

    assert response.status_code == 403
    assert row_counts(session) == before


def test_the_dashboard_offers_adding_an_lea_to_admins_only(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    assert "Add an LEA" not in client.get("/").get_data(as_text=True)

    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    sign_in(client, make_user(session, Role.ADMIN))
    assert 'href="/leas/new">Add an LEA' in client.get("/").get_data(as_text=True)


# --- editing the LEA ------------------------------------------------------------------------


def edit_form(client: FlaskClient, lea: Lea, **overrides: str) -> dict[str, str]:
    page = client.get(f"/leas/{lea.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{lea.version}"' in page
    form = {
        "csrf_token": csrf_token(client, f"/leas/{lea.id}/edit"),
        "name": lea.name,
        "kind": lea.kind.value,
        "cds_code": lea.cds_code,
        "county_office": str(lea.county_office_id),
        "version": str(lea.version),
    }
    form.update(overrides)
    return form


def test_the_lea_s_lead_edits_it_and_the_change_is_audited(
    client: FlaskClient, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    signed_in_lead(client, session, iusd_lead)

    response = client.post(
        f"/leas/{iusd.id}/edit", data=edit_form(client, iusd, cds_code="19-64634-0000000")
    )

    assert response.status_code == 302
    session.expire_all()
    assert iusd.cds_code == "19646340000000"
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.record_type == "Lea").order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None
    assert event.action is AuditAction.UPDATE
    assert event.actor_id == iusd_lead.id
    assert event.changes == {"cds_code": ["1964634", "19646340000000"]}


def test_a_cds_code_already_taken_is_refused_on_edit(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    form = edit_form(client, iusd, cds_code="1099101")
    before = row_counts(session)

    response = client.post(f"/leas/{iusd.id}/edit", data=form)

    assert response.status_code == 422
    assert (
        "The CDS code 1099101 already belongs to Piedra Azul Unified School District."
        in response.get_data(as_text=True)
    )
    session.expire_all()
    assert iusd.cds_code == "1964634"
    assert row_counts(session) == before


def test_a_viewer_cannot_edit(client: FlaskClient, session: Session, iusd: Lea) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    token = csrf_token(client, "/account/password")

    assert client.get(f"/leas/{iusd.id}/edit").status_code == 403
    response = client.post(
        f"/leas/{iusd.id}/edit",
        data={
            "csrf_token": token,
            "name": "Renamed",
            "kind": "district",
            "cds_code": "1964634",
            "county_office": str(iusd.county_office_id),
            "version": str(iusd.version),
        },
    )

    assert response.status_code == 403
    session.expire_all()
    assert iusd.name == "Inglewood Unified School District"


def test_another_ccee_lead_cannot_edit(client: FlaskClient, session: Session, iusd: Lea) -> None:
    sign_in(client, make_user(session, Role.CCEE_LEAD))

    assert client.get(f"/leas/{iusd.id}").status_code == 200
    assert client.get(f"/leas/{iusd.id}/edit").status_code == 403
    assert client.get(f"/leas/{iusd.id}/engagement").status_code == 403


def test_a_stale_edit_is_refused_and_shows_the_first_person_s_changes(
    app: Any, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    admin = make_user(session, Role.ADMIN, name="Ada Admin")
    first, second = app.test_client(), app.test_client()
    sign_in(first, admin)
    signed_in_lead(second, session, iusd_lead)
    first_form = edit_form(first, iusd, name="Inglewood USD")
    second_form = edit_form(second, iusd, kind=LeaKind.CHARTER_SCHOOL.value)
    assert first_form["version"] == second_form["version"]

    saved = first.post(f"/leas/{iusd.id}/edit", data=first_form)
    refused = second.post(f"/leas/{iusd.id}/edit", data=second_form)
    page = refused.get_data(as_text=True)

    assert saved.status_code == 302
    assert refused.status_code == 409
    assert "was changed by someone else after you opened it" in page
    assert "Ada Admin changed" in page
    assert "Name: Inglewood Unified School District → Inglewood USD" in page
    # What the second person changed, and not the old name their stale form carried.
    assert "<li>Kind of LEA: Charter school</li>" in page
    assert "<li>Name: Inglewood Unified School District</li>" not in page
    session.expire_all()
    assert iusd.name == "Inglewood USD"
    assert iusd.kind is LeaKind.DISTRICT
    # The refilled form carries the new version: submitting it again saves.
    assert f'name="version" type="hidden" value="{iusd.version}"' in page


def test_an_edit_without_changes_says_nothing_changed(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    before = row_counts(session)

    response = client.post(f"/leas/{iusd.id}/edit", data=edit_form(client, iusd))

    assert response.status_code == 302
    assert "Nothing changed" in client.get(f"/leas/{iusd.id}").get_data(as_text=True)
    assert row_counts(session) == before


# --- editing the engagement -------------------------------------------------------------------


def engagement_form(client: FlaskClient, lea: Lea, **overrides: str) -> dict[str, str]:
    engagement = lea.current_engagement
    assert engagement is not None
    form = {
        "csrf_token": csrf_token(client, f"/leas/{lea.id}/engagement"),
        "pathway": engagement.pathway.value,
        "mode": engagement.mode.value,
        "readiness": engagement.readiness.value if engagement.readiness else "",
        "started_on": engagement.started_on.isoformat(),
        "exited_on": engagement.exited_on.isoformat() if engagement.exited_on else "",
        "version": str(engagement.version),
    }
    form.update(overrides)
    return form


def test_the_lead_changes_the_engagement_but_not_its_lead(
    client: FlaskClient, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    other_lead = make_user(session, Role.CCEE_LEAD)
    signed_in_lead(client, session, iusd_lead)
    page = client.get(f"/leas/{iusd.id}/engagement").get_data(as_text=True)
    assert 'name="ccee_lead"' not in page
    assert "Only an administrator can change the CCEE lead." in page

    response = client.post(
        f"/leas/{iusd.id}/engagement",
        data=engagement_form(
            client,
            iusd,
            mode=EngagementMode.COLLABORATIVE_FACILITATION.value,
            exited_on="2026-06-30",
            ccee_lead=str(other_lead.id),  # not on the form: ignored
        ),
    )

    assert response.status_code == 302
    session.expire_all()
    engagement = iusd.current_engagement
    assert engagement is not None
    assert engagement.mode is EngagementMode.COLLABORATIVE_FACILITATION
    assert engagement.ccee_lead_id == iusd_lead.id
    event = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.record_type == "Engagement")
        .order_by(AuditEvent.id.desc())
    ).first()
    assert event is not None
    assert event.changes == {
        "mode": ["Embedded partnership", "Collaborative facilitation"],
        "exited_on": ["2022-06-30", "2026-06-30"],  # the demo's exit, moved
    }


def test_an_admin_changes_the_ccee_lead(client: FlaskClient, session: Session, iusd: Lea) -> None:
    new_lead = make_user(session, Role.CCEE_LEAD, name="Nia New-Lead")
    sign_in(client, make_user(session, Role.ADMIN))

    response = client.post(
        f"/leas/{iusd.id}/engagement",
        data=engagement_form(client, iusd, ccee_lead=str(new_lead.id)),
    )

    assert response.status_code == 302
    session.expire_all()
    engagement = iusd.current_engagement
    assert engagement is not None
    assert engagement.ccee_lead_id == new_lead.id
    assert "Nia New-Lead" in client.get(f"/leas/{iusd.id}").get_data(as_text=True)


def test_an_exit_before_the_start_is_refused(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    form = engagement_form(client, iusd, exited_on="2018-09-30")
    before = row_counts(session)

    response = client.post(f"/leas/{iusd.id}/engagement", data=form)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "Nothing was saved" in page
    assert "The exit date cannot be before the start date (1 October 2018)." in page
    assert row_counts(session) == before
    session.expire_all()
    engagement = iusd.current_engagement
    assert engagement is not None
    assert engagement.exited_on == date(2022, 6, 30)  # the demo's, unchanged


def test_a_viewer_cannot_edit_the_engagement(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    token = csrf_token(client, "/account/password")

    response = client.post(
        f"/leas/{iusd.id}/engagement",
        data={"csrf_token": token, "pathway": "primary", "mode": "collaborative_planning"},
    )

    assert response.status_code == 403


# --- archiving and restoring ------------------------------------------------------------------


def test_an_admin_archives_and_restores_an_lea(
    app: Any, client: FlaskClient, session: Session, iusd: Lea
) -> None:
    admin = make_user(session, Role.ADMIN)
    viewer = app.test_client()
    sign_in(viewer, make_user(session, Role.VIEWER))
    sign_in(client, admin)

    confirm = client.get(f"/leas/{iusd.id}/archive")
    assert confirm.status_code == 200
    assert "Archive Inglewood Unified School District?" in confirm.get_data(as_text=True)
    archived = client.post(
        f"/leas/{iusd.id}/archive",
        data={"csrf_token": csrf_token(client, f"/leas/{iusd.id}/archive")},
    )

    assert archived.status_code == 302
    session.expire_all()
    assert iusd.archived_at is not None
    assert "Inglewood Unified School District" not in viewer.get("/").get_data(as_text=True)
    assert viewer.get(f"/leas/{iusd.id}").status_code == 404
    admin_dashboard = client.get("/").get_data(as_text=True)
    assert "Archived LEAs" in admin_dashboard
    assert f'action="/leas/{iusd.id}/restore"' in admin_dashboard
    assert "6 LEAs" in admin_dashboard

    restored = client.post(f"/leas/{iusd.id}/restore", data={"csrf_token": csrf_token(client, "/")})

    assert restored.status_code == 302
    session.expire_all()
    assert iusd.archived_at is None
    assert "Inglewood Unified School District" in viewer.get("/").get_data(as_text=True)
    actions = session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.record_type == "Lea", AuditEvent.record_id == iusd.id)
        .order_by(AuditEvent.id)
    ).all()
    assert actions[-2:] == [AuditAction.ARCHIVE, AuditAction.RESTORE]


def test_only_admins_archive_or_restore(
    client: FlaskClient, session: Session, iusd: Lea, iusd_lead: User
) -> None:
    signed_in_lead(client, session, iusd_lead)
    token = csrf_token(client, "/account/password")

    assert client.get(f"/leas/{iusd.id}/archive").status_code == 403
    assert client.post(f"/leas/{iusd.id}/archive", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/leas/{iusd.id}/restore", data={"csrf_token": token}).status_code == 403
    session.expire_all()
    assert iusd.archived_at is None


def test_restoring_an_lea_that_is_not_archived_is_refused(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))
    before = row_counts(session)

    response = client.post(f"/leas/{iusd.id}/restore", data={"csrf_token": csrf_token(client, "/")})

    assert response.status_code == 422
    assert "is not archived" in response.get_data(as_text=True)
    assert row_counts(session) == before
