"""Signing test users in through the real sign-in form, CSRF token included."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from sir_tracker.auth.passwords import hash_password
from sir_tracker.auth.sessions import start_session
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role, User
from sir_tracker.web.current import TOKEN_KEY

PASSWORD = "a long test password"
# Hashed once: Argon2 is slow on purpose, and tests create many users.
_PASSWORD_HASH = hash_password(PASSWORD)
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_counter = iter(range(1, 1_000_000))


def make_user(
    session: Session,
    role: Role,
    *,
    county_office: CountyOffice | None = None,
    lea: Lea | None = None,
    name: str | None = None,
    active: bool = True,
) -> User:
    n = next(_counter)
    user = User(
        email=f"{role.value}.{n}@test.example",
        name=name or f"Test {role.label} {n}",
        role=role,
        county_office=county_office,
        lea=lea,
        password_hash=_PASSWORD_HASH,
        is_active=active,
    )
    session.add(user)
    session.flush()
    return user


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on ``path``, as a browser would find it."""
    page = client.get(path).get_data(as_text=True)
    found = _CSRF.search(page)
    assert found, f"no CSRF token in the form at {path}"
    return found.group(1)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD) -> TestResponse:
    token = csrf_token(client, "/sign-in")
    return client.post(
        "/sign-in", data={"csrf_token": token, "email": user.email, "password": password}
    )


def open_session_for(client: FlaskClient, session: Session, user: User) -> None:
    """Sign ``user`` in without the form: a real server-side session row and cookie, minus
    the deliberate slowness of checking an Argon2 password (for tests that sign in often)."""
    token = start_session(session, user)
    session.flush()
    with client.session_transaction() as cookie:
        cookie[TOKEN_KEY] = token
