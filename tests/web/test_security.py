"""Every answer carries the security headers; a forged Host and oversize bodies are refused."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from sir_tracker.comments.models import Comment
from sir_tracker.leas.models import Lea
from sir_tracker.users.models import Role
from sir_tracker.web.serving import QuietRequestHandler
from tests.conftest import make_test_app
from tests.support.auth import csrf_token, make_user, sign_in

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


def assert_security_headers(response: TestResponse | http.client.HTTPResponse) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def inglewood(session: Session) -> Lea:
    return session.scalars(select(Lea).where(Lea.name.like("Inglewood%"))).one()


def test_every_kind_of_answer_carries_the_headers(client: FlaskClient, session: Session) -> None:
    lea = inglewood(session)
    user = make_user(session, Role.ADMIN)
    sign_in(client, user)
    answers = {
        "page": client.get(f"/leas/{lea.id}"),
        "not found": client.get("/no-such-page"),
        "static": client.get("/static/app.css"),
        "public": client.get("/progress"),
        "redirect": client.get("/sign-in"),
        "refused form": client.post("/account/password", data={}),
    }
    for response in answers.values():
        response.close()  # the static file's
        assert_security_headers(response)
    assert answers["page"].status_code == 200
    assert answers["not found"].status_code == 404
    assert answers["refused form"].status_code == 400  # no CSRF token


def test_pages_behind_sign_in_are_never_cached_but_static_files_may_be(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))

    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.get("/no-such-page").headers["Cache-Control"] == "no-store"
    with client.get("/static/app.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_hsts_only_over_https(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    secure = client.get("/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_forged_host_is_refused(client: FlaskClient) -> None:
    response = client.get("/sign-in", headers={"Host": "evil.example"})

    assert response.status_code == 400
    assert "does not answer for that host" in response.get_data(as_text=True)
    assert_security_headers(response)


def test_the_trusted_hosts_come_from_the_base_url(demo_database_url: str) -> None:
    app = make_test_app(demo_database_url, BASE_URL="https://sir.ccee.example")
    client = app.test_client()

    assert client.get("/sign-in", base_url="https://sir.ccee.example").status_code == 200
    assert client.get("/sign-in", base_url="https://localhost").status_code == 400
    assert app.config["SESSION_COOKIE_SECURE"] is True
    app.extensions["sir_tracker.core.db"].engine.dispose()


def test_session_cookies_are_secure_except_on_a_local_http_base_url(
    demo_database_url: str,
) -> None:
    local = make_test_app(demo_database_url)
    listed = make_test_app(
        demo_database_url, TRUSTED_HOSTS="a.example, b.example", SESSION_COOKIE_SECURE=False
    )
    assert local.config["SESSION_COOKIE_SECURE"] is False
    assert listed.config["TRUSTED_HOSTS"] == ["a.example", "b.example"]
    assert listed.config["SESSION_COOKIE_SECURE"] is False
    for app in (local, listed):
        app.extensions["sir_tracker.core.db"].engine.dispose()


def test_an_oversize_form_post_is_refused_unread_and_nothing_is_saved(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    lea = inglewood(session)
    sign_in(client, make_user(session, Role.ADMIN))
    action = lea.sirs[0].actions[0]
    token = csrf_token(client, f"/actions/{action.id}")
    before = session.scalar(select(func.count()).select_from(Comment))
    huge = "x" * (app.config["MAX_FORM_MEMORY_SIZE"] + 1)

    response = client.post(
        f"/actions/{action.id}/comments", data={"csrf_token": token, "body": huge}
    )

    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    assert "xxxxxxxxxx" not in page
    assert len(page) < 20_000
    assert session.scalar(select(func.count()).select_from(Comment)) == before


@pytest.fixture
def served(demo_database_url: str) -> Iterator[str]:
    """The app on Werkzeug's HTTP server, as ``sir-tracker run`` serves it."""
    app = make_test_app(demo_database_url)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["sir_tracker.core.db"].engine.dispose()


def test_a_served_answer_has_the_headers_and_names_no_versions(served: str) -> None:
    connection = http.client.HTTPConnection(served, timeout=10)
    try:
        connection.request("GET", "/sign-in")
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()

    assert response.status == 200
    assert_security_headers(response)
    assert response.headers["Server"] == "SIR Tracker"
    assert "Werkzeug" not in str(response.headers)
    assert "Python" not in str(response.headers)


def test_an_unreachable_database_answers_503_saying_nothing_was_saved(tmp_path: Path) -> None:
    app = make_test_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite'}")
    client = app.test_client()
    token = csrf_token(client, "/sign-in")  # the sign-in page itself needs no database

    response = client.post(
        "/sign-in", data={"csrf_token": token, "email": "a@test.example", "password": "x" * 12}
    )

    assert response.status_code == 503
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "10"
    assert_security_headers(response)
    # A reader sent nothing: the page says that what was saved before is not lost.
    read = client.get("/progress")
    assert read.status_code == 503
    page = read.get_data(as_text=True)
    assert "This page cannot be shown just now. Nothing you saved before is lost." in page
    assert "Nothing was saved" not in page
    app.extensions["sir_tracker.core.db"].engine.dispose()
