"""Administering accounts through the pages, as an administrator would."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role, User
from tests.support.auth import csrf_token, make_user, sign_in

NEW = "/admin/users/new"
NEW_PASSWORD = "a brand new long password"
PROTECTED = "/account/password"


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def county(session: Session, name: str) -> CountyOffice:
    return session.scalars(select(CountyOffice).where(CountyOffice.county == name)).one()


def iusd(session: Session) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == "Inglewood Unified School District")).one()


@pytest.fixture
def admin(client: FlaskClient, session: Session) -> User:
    user = make_user(session, Role.ADMIN, name="Ada Admin")
    sign_in(client, user)
    return user


def new_user_form(client: FlaskClient, **fields: str) -> dict[str, str]:
    return {
        "csrf_token": csrf_token(client, NEW),
        "name": "Nora Newcomer",
        "email": "nora.newcomer@test.example",
        "role": Role.VIEWER.value,
        "county_office": "",
        "lea": "",
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
        **fields,
    }


def test_an_admin_creates_an_account_that_can_sign_in(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    office = county(session, "Los Angeles")

    response = client.post(
        NEW,
        data=new_user_form(
            client,
            role=Role.COE_STAFF.value,
            county_office=str(office.id),
            email="Nora@Test.Example",
        ),
    )

    assert response.status_code == 302
    created = session.scalars(select(User).where(User.email == "nora@test.example")).one()
    assert (created.name, created.role, created.county_office_id) == (
        "Nora Newcomer",
        Role.COE_STAFF,
        office.id,
    )
    assert created.is_active
    newcomer = app.test_client()
    assert sign_in(newcomer, created, NEW_PASSWORD).status_code == 302
    assert newcomer.get("/").status_code == 200

    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "User", AuditEvent.record_id == created.id
        )
    ).one()
    assert event.action is AuditAction.CREATE
    assert event.actor_id == admin.id
    assert event.lea_id is None
    assert event.changes["role"] == ["", "County office staff"]
    logged = json.dumps(event.changes) + event.summary + event.record_label
    assert NEW_PASSWORD not in logged
    assert "password" not in logged.lower()
    assert created.password_hash is not None and created.password_hash not in logged


def test_the_list_shows_each_account_with_role_scope_and_state(
    client: FlaskClient, session: Session, admin: User
) -> None:
    make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"), name="Fay Fresno")
    make_user(session, Role.LEA_STAFF, lea=iusd(session), name="Ian Inglewood")
    make_user(session, Role.VIEWER, name="Vic Gone", active=False)

    page = client.get("/admin/users").get_data(as_text=True)

    assert "Fay Fresno" in page and "Fresno County" in page
    assert "Ian Inglewood" in page and "Inglewood Unified School District" in page
    assert "County office staff" in page and "LEA staff" in page
    assert "Vic Gone" in page and ">inactive<" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "TAKEN@test.example"}, "Another account already uses the email address"),
        ({"email": "not an address"}, "is not an email address"),
        ({"name": ""}, "Enter the person"),
        ({"role": Role.COE_STAFF.value}, "County office staff need a county office"),
        ({"role": Role.LEA_STAFF.value}, "LEA staff need an LEA"),
        ({"password": "short", "confirm_password": "short"}, "at least 12 characters"),
        ({"confirm_password": "something else entirely"}, "The two passwords are not the same"),
    ],
)
def test_a_refused_account_changes_nothing_and_says_why(
    client: FlaskClient, session: Session, admin: User, fields: dict[str, str], message: str
) -> None:
    taken = make_user(session, Role.VIEWER)
    taken.email = "taken@test.example"
    session.flush()
    before = user_count(session)

    response = client.post(NEW, data=new_user_form(client, **fields))

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert 'id="error-summary"' in page
    assert user_count(session) == before


def test_a_viewer_with_a_county_office_is_refused_with_the_field_named(
    client: FlaskClient, session: Session, admin: User
) -> None:
    before = user_count(session)
    office = county(session, "Fresno")

    response = client.post(NEW, data=new_user_form(client, county_office=str(office.id)))

    assert response.status_code == 422
    assert "A viewer has no county office: leave it empty." in response.get_data(as_text=True)
    assert user_count(session) == before


def other_roles(session: Session) -> list[User]:
    return [
        make_user(session, Role.CCEE_LEAD),
        make_user(session, Role.COE_STAFF, county_office=county(session, "Los Angeles")),
        make_user(session, Role.LEA_STAFF, lea=iusd(session)),
        make_user(session, Role.VIEWER),
    ]


@pytest.mark.parametrize("path", ["/admin/users", NEW, "/admin/users/{id}/edit", "/admin/audit"])
@pytest.mark.parametrize("role_index", range(4))
def test_only_admins_reach_the_admin_pages(
    app: Flask, session: Session, path: str, role_index: int
) -> None:
    user = other_roles(session)[role_index]
    client = app.test_client()
    sign_in(client, user)

    response = client.get(path.format(id=user.id))

    assert response.status_code == 403
    assert "Users" not in client.get("/").get_data(as_text=True).split("<main")[0]


@pytest.mark.parametrize("action", ["deactivate", "reactivate"])
def test_other_roles_cannot_change_an_account(app: Flask, session: Session, action: str) -> None:
    target = make_user(session, Role.VIEWER)
    for user in other_roles(session):
        client = app.test_client()
        sign_in(client, user)
        response = client.post(
            f"/admin/users/{target.id}/{action}",
            data={"csrf_token": csrf_token(client, PROTECTED)},
        )
        assert response.status_code == 403, user.role
    assert target.is_active


@pytest.mark.parametrize("path", ["/admin/users", NEW, "/admin/audit"])
def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_admins_see_the_admin_links(client: FlaskClient, admin: User) -> None:
    page = client.get("/").get_data(as_text=True)

    assert 'href="/admin/users"' in page
    assert 'href="/admin/audit"' in page


def test_an_unknown_user_is_not_found(client: FlaskClient, admin: User) -> None:
    assert client.get("/admin/users/99999999/edit").status_code == 404
    token = csrf_token(client, NEW)
    assert (
        client.post("/admin/users/99999999/deactivate", data={"csrf_token": token}).status_code
        == 404
    )


def test_deactivating_ends_the_sessions_and_blocks_sign_in(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER)
    elsewhere = app.test_client()
    sign_in(elsewhere, target)
    assert elsewhere.get("/").status_code == 200
    path = f"/admin/users/{target.id}/edit"

    response = client.post(
        f"/admin/users/{target.id}/deactivate", data={"csrf_token": csrf_token(client, path)}
    )

    assert response.status_code == 302
    following = elsewhere.get("/")
    assert following.status_code == 302
    assert following.headers["Location"].startswith("/sign-in")
    assert sign_in(app.test_client(), target).status_code == 422
    session.refresh(target)
    assert not target.is_active
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "User", AuditEvent.record_id == target.id
        )
    ).one()
    assert event.action is AuditAction.ARCHIVE


def test_reactivating_lets_the_user_sign_in_again(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER, active=False)
    path = f"/admin/users/{target.id}/edit"
    assert "Reactivate" in client.get(path).get_data(as_text=True)

    response = client.post(
        f"/admin/users/{target.id}/reactivate", data={"csrf_token": csrf_token(client, path)}
    )

    assert response.status_code == 302
    assert sign_in(app.test_client(), target).status_code == 302


def test_an_admin_cannot_deactivate_themselves(
    client: FlaskClient, session: Session, admin: User
) -> None:
    response = client.post(
        f"/admin/users/{admin.id}/deactivate", data={"csrf_token": csrf_token(client, NEW)}
    )

    assert response.status_code == 422
    assert "You cannot deactivate your own account" in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.is_active
    assert client.get("/admin/users").status_code == 200


def edit_form(client: FlaskClient, user: User, **fields: str) -> dict[str, str]:
    return {
        "csrf_token": csrf_token(client, f"/admin/users/{user.id}/edit"),
        "name": user.name,
        "email": user.email,
        "role": user.role.value,
        "county_office": str(user.county_office_id or ""),
        "lea": str(user.lea_id or ""),
        "password": "",
        "confirm_password": "",
        "version": str(user.version),
        **fields,
    }


def test_two_admins_saving_one_account_conflict_visibly(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER, name="Pat Original")
    other_admin = app.test_client()
    sign_in(other_admin, make_user(session, Role.ADMIN))
    mine = edit_form(client, target, name="Pat Mine")  # both open the form at one version
    theirs = edit_form(other_admin, target, name="Pat Theirs")

    first = other_admin.post(f"/admin/users/{target.id}/edit", data=theirs)
    second = client.post(f"/admin/users/{target.id}/edit", data=mine)

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Someone else changed this first" in page
    assert "Pat Theirs" in page  # their change, and the form refilled from the record
    assert "Name: Pat Mine" in page  # what was not saved
    session.refresh(target)
    assert target.name == "Pat Theirs"


def test_editing_details_is_audited_and_keeps_the_session(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER, name="Old Name")
    elsewhere = app.test_client()
    sign_in(elsewhere, target)

    response = client.post(
        f"/admin/users/{target.id}/edit", data=edit_form(client, target, name="New Name")
    )

    assert response.status_code == 302
    session.refresh(target)
    assert target.name == "New Name"
    assert elsewhere.get("/").status_code == 200
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "User", AuditEvent.record_id == target.id
        )
    ).one()
    assert (event.action, event.changes) == (AuditAction.UPDATE, {"name": ["Old Name", "New Name"]})


def test_a_new_role_and_scope_sign_the_user_out(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER)
    elsewhere = app.test_client()
    sign_in(elsewhere, target)
    office = county(session, "Fresno")

    response = client.post(
        f"/admin/users/{target.id}/edit",
        data=edit_form(client, target, role=Role.COE_STAFF.value, county_office=str(office.id)),
    )

    assert response.status_code == 302
    assert elsewhere.get("/").status_code == 302
    session.refresh(target)
    assert (target.role, target.county_office_id) == (Role.COE_STAFF, office.id)


def test_an_admin_sets_a_new_password(
    app: Flask, client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER)
    elsewhere = app.test_client()
    sign_in(elsewhere, target)

    response = client.post(
        f"/admin/users/{target.id}/edit",
        data=edit_form(client, target, password=NEW_PASSWORD, confirm_password=NEW_PASSWORD),
    )

    assert response.status_code == 302
    assert elsewhere.get("/").status_code == 302
    assert sign_in(app.test_client(), target).status_code == 422
    assert sign_in(app.test_client(), target, NEW_PASSWORD).status_code == 302
    events = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "User", AuditEvent.record_id == target.id
        )
    ).all()
    assert [e.summary for e in events] == [
        "Password set by an administrator: signed out everywhere."
    ]
    assert all(NEW_PASSWORD not in json.dumps(e.changes) for e in events)


def test_an_admin_cannot_change_their_own_role(
    client: FlaskClient, session: Session, admin: User
) -> None:
    response = client.post(
        f"/admin/users/{admin.id}/edit", data=edit_form(client, admin, role=Role.VIEWER.value)
    )

    assert response.status_code == 422
    assert "You cannot change your own role" in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.role is Role.ADMIN


def test_an_edit_cannot_take_another_accounts_email(
    client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER)
    before = target.email

    response = client.post(
        f"/admin/users/{target.id}/edit", data=edit_form(client, target, email=admin.email.upper())
    )

    assert response.status_code == 422
    assert "Another account already uses the email address" in response.get_data(as_text=True)
    session.refresh(target)
    assert target.email == before
