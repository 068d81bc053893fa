"""Sign-in sessions live on the server: ending them ends every copy of the cookie."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from sir_tracker.auth.sessions import end_all_sessions
from sir_tracker.users.models import Role
from tests.support.auth import PASSWORD, csrf_token, make_user, sign_in

PROTECTED = "/account/password"


def copy_cookies(source: FlaskClient, app: Flask) -> FlaskClient:
    thief = app.test_client()
    for cookie in source._cookies.values():
        thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return thief


def test_sign_in_with_the_right_password(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.VIEWER)

    response = sign_in(client, user)

    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)

    response = sign_in(client, user, password="not the password")

    assert response.status_code == 422
    assert "The email address or the password is not right." in response.get_data(as_text=True)
    assert client.get(PROTECTED).status_code == 302


def test_a_deactivated_user_cannot_sign_in(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.VIEWER, active=False)

    assert sign_in(client, user).status_code == 422


def test_signing_out_kills_a_copied_cookie(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)
    thief = copy_cookies(client, app)
    assert thief.get(PROTECTED).status_code == 200

    client.post("/sign-out", data={"csrf_token": csrf_token(client, PROTECTED)})

    assert client.get(PROTECTED).status_code == 302
    assert thief.get(PROTECTED).status_code == 302


def test_ending_all_sessions_signs_the_user_out_everywhere(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)
    other_device = app.test_client()
    sign_in(other_device, user)

    end_all_sessions(session, user)
    session.flush()

    assert client.get(PROTECTED).status_code == 302
    assert other_device.get(PROTECTED).status_code == 302


def test_changing_the_password_signs_out_other_sessions_but_not_this_one(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)
    other_device = app.test_client()
    sign_in(other_device, user)

    response = client.post(
        PROTECTED,
        data={
            "csrf_token": csrf_token(client, PROTECTED),
            "current_password": PASSWORD,
            "new_password": "an even longer new password",
            "confirm_password": "an even longer new password",
        },
    )

    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200
    assert other_device.get(PROTECTED).status_code == 302


def test_a_short_new_password_is_refused_with_the_reason(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)

    response = client.post(
        PROTECTED,
        data={
            "csrf_token": csrf_token(client, PROTECTED),
            "current_password": PASSWORD,
            "new_password": "short",
            "confirm_password": "short",
        },
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "at least 12 characters" in page
    assert 'id="error-summary"' in page


def test_a_post_without_csrf_token_is_refused(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)

    response = client.post(
        PROTECTED,
        data={
            "current_password": PASSWORD,
            "new_password": "an even longer new password",
            "confirm_password": "an even longer new password",
        },
    )

    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": csrf_token(client, PROTECTED)})
    assert sign_in(client, user).status_code == 302  # the old password still works
