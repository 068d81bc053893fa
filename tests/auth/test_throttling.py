"""Guessing passwords is slowed, then stopped: failures are counted in the database per account
and per client address, answered alike for unknown accounts, audited, and lifted by an admin."""

from __future__ import annotations

import re
import time
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.auth.models import ThrottleScope
from sir_tracker.auth.throttling import ThrottlePolicy
from sir_tracker.users.models import Role, User
from tests.conftest import bound_to_transaction, make_test_app
from tests.support.auth import PASSWORD, csrf_token, make_user, sign_in

PROTECTED = "/account/password"
NOT_RIGHT = "The email address or the password is not right."
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="[^"]+"')


def try_password(client: FlaskClient, email: str, password: str) -> tuple[int, str]:
    response = client.post(
        "/sign-in",
        data={"csrf_token": csrf_token(client, "/sign-in"), "email": email, "password": password},
    )
    # The token differs from one page to the next; everything else should not.
    return response.status_code, _TOKEN.sub("", response.get_data(as_text=True))


def failures_audited(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.record_type == "SignInThrottle", AuditEvent.actor_id.is_(None))
        )
        or 0
    )


def test_five_wrong_passwords_then_even_the_right_one_must_wait(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    answers = [try_password(client, user.email, "not the password")[0] for _ in range(5)]

    status, page = try_password(client, user.email, PASSWORD)

    assert answers == [422] * 5
    assert status == 429
    assert "Too many failed sign-ins" in page
    assert "wait 30 seconds" in page
    assert client.get(PROTECTED).status_code == 302  # not signed in


def test_an_unknown_account_is_answered_exactly_like_a_known_one(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    other = FlaskClient(client.application, use_cookies=True)
    known = [try_password(client, user.email, "not the password") for _ in range(6)]
    unknown = [try_password(other, "nobody@test.example", "not the password") for _ in range(6)]

    assert [status for status, _ in known] == [status for status, _ in unknown]
    # The form shows the address typed again; nothing else may differ.
    assert [page.replace(user.email, "@") for _, page in known] == [
        page.replace("nobody@test.example", "@") for _, page in unknown
    ]
    assert NOT_RIGHT in known[0][1]


def test_every_failure_is_in_the_audit_log(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.VIEWER)
    before = failures_audited(session)

    for password in ("wrong one", "wrong two"):
        try_password(client, user.email, password)
    try_password(client, "nobody@test.example", "wrong three")

    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.record_type == "SignInThrottle")
        .order_by(AuditEvent.id.desc())
        .limit(3)
    ).all()
    assert failures_audited(session) == before + 3
    assert "no account has this email address" in events[0].summary
    assert "wrong password" in events[1].summary
    assert user.email in events[1].record_label
    assert all("127.0.0.1" in event.summary for event in events)
    assert all("wrong" not in event.summary.split(":")[0] for event in events)  # no password


def test_failures_from_one_address_slow_every_account_tried_from_it(
    demo_database_url: str,
) -> None:
    app = make_test_app(demo_database_url, SIGN_IN_ADDRESS_FREE_FAILURES=3)
    with bound_to_transaction(app):
        with app.extensions["sir_tracker.core.db"].new_session(write=True) as session:
            victims = [make_user(session, Role.VIEWER) for _ in range(4)]
            session.commit()
        attacker, elsewhere = app.test_client(), app.test_client()
        attacker.environ_base["REMOTE_ADDR"] = "203.0.113.9"
        elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.1"
        # One guess each: no account reaches its own limit, the address does.
        guesses = [try_password(attacker, victim.email, "Summer2026!")[0] for victim in victims[:3]]

        status, page = try_password(attacker, victims[3].email, PASSWORD)

        assert guesses == [422, 422, 422]
        assert status == 429
        assert "Too many failed sign-ins for this account or from this network" in page
        assert sign_in(elsewhere, victims[3]).status_code == 302


def test_the_lockout_is_lifted_after_its_wait(demo_database_url: str) -> None:
    app = make_test_app(
        demo_database_url, SIGN_IN_FIRST_WAIT_SECONDS=1, SIGN_IN_ACCOUNT_FREE_FAILURES=2
    )
    with bound_to_transaction(app):
        with app.extensions["sir_tracker.core.db"].new_session(write=True) as session:
            user = make_user(session, Role.VIEWER)
            session.commit()
        client = app.test_client()
        for _ in range(2):
            try_password(client, user.email, "not the password")
        assert try_password(client, user.email, PASSWORD)[0] == 429

        time.sleep(1.1)

        assert sign_in(client, user).status_code == 302
        assert client.get(PROTECTED).status_code == 200


def test_an_admin_lifts_a_lockout_from_the_users_pages(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    for _ in range(6):
        try_password(client, user.email, "not the password")
    admin_client = app.test_client()
    sign_in(admin_client, make_user(session, Role.ADMIN))

    listed = admin_client.get("/admin/users").get_data(as_text=True)
    edit_page = admin_client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    lifted = admin_client.post(
        f"/admin/users/{user.id}/lift-lockout",
        data={"csrf_token": csrf_token(admin_client, f"/admin/users/{user.id}/edit")},
        follow_redirects=True,
    )

    assert "sign-in locked" in listed
    assert "5 failed sign-ins in a row" in edit_page  # the 6th was refused unchecked
    assert "Lift the sign-in lockout" in edit_page
    assert lifted.status_code == 200
    assert "can sign in again at once" in lifted.get_data(as_text=True)
    assert sign_in(client, user).status_code == 302
    lift = session.scalars(
        select(AuditEvent).where(AuditEvent.summary == "Sign-in lockout lifted.")
    ).all()
    assert len(lift) == 1


def test_a_success_clears_the_accounts_failures(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.VIEWER)
    for _ in range(4):
        try_password(client, user.email, "not the password")
    assert sign_in(client, user).status_code == 302
    client.post("/sign-out", data={"csrf_token": csrf_token(client, PROTECTED)})

    for _ in range(4):
        assert try_password(client, user.email, "not the password")[0] == 422
    assert sign_in(client, user).status_code == 302


def test_the_waits_double_up_to_the_lockout() -> None:
    policy = ThrottlePolicy()
    waits = [policy.wait_after(ThrottleScope.ACCOUNT, failures) for failures in range(3, 12)]

    assert waits[:2] == [None, None]
    assert [wait.total_seconds() for wait in waits[2:] if wait] == [30, 60, 120, 240, 480, 900, 900]
    assert policy.wait_after(ThrottleScope.ACCOUNT, 10**9) == timedelta(minutes=15)
    assert policy.wait_after(ThrottleScope.ADDRESS, 19) is None


def test_sign_in_posts_are_rate_limited_per_address(demo_database_url: str) -> None:
    app = make_test_app(demo_database_url, SIGN_IN_RATE="3 per minute")
    with bound_to_transaction(app):
        client = app.test_client()
        answers = [try_password(client, "x@test.example", "wrong")[0] for _ in range(4)]
        shown = client.get("/sign-in").status_code

    assert answers == [422, 422, 422, 429]
    assert shown == 200  # reading the page is not rated


def test_sign_in_works_with_the_rates_turned_off(demo_database_url: str) -> None:
    app = make_test_app(demo_database_url, RATELIMIT_ENABLED=False, SIGN_IN_RATE="1 per minute")
    with bound_to_transaction(app):
        client = app.test_client()
        answers = [try_password(client, "x@test.example", "wrong")[0] for _ in range(3)]

    assert answers == [422, 422, 422]


def test_a_password_change_needs_the_current_password_and_is_audited(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)
    new = "a brand new pass phrase"

    wrong = client.post(
        PROTECTED,
        data={
            "csrf_token": csrf_token(client, PROTECTED),
            "current_password": "not it",
            "new_password": new,
            "confirm_password": new,
        },
    )
    right = client.post(
        PROTECTED,
        data={
            "csrf_token": csrf_token(client, PROTECTED),
            "current_password": PASSWORD,
            "new_password": new,
            "confirm_password": new,
        },
    )

    assert wrong.status_code == 422
    assert "Your current password is not right." in wrong.get_data(as_text=True)
    assert right.status_code == 302
    changed = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == User.__name__, AuditEvent.record_id == user.id
        )
    ).all()
    assert [event.summary for event in changed] == [
        "Password changed by its owner: signed out everywhere else."
    ]
