"""No text with a control character reaches the database, on SQLite or PostgreSQL, whatever
path it comes by; forms say so on the field first."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.comments.models import Comment
from sir_tracker.core.text import ControlCharactersRefused, text_problem
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import Action
from sir_tracker.users.models import Role
from tests.support.auth import csrf_token, make_user, sign_in


def an_action(session: Session) -> Action:
    lea = session.scalars(select(Lea).where(Lea.name.like("Inglewood%"))).one()
    return lea.sirs[0].actions[0]


def comment_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Comment)) or 0


def test_tabs_and_line_breaks_are_text_other_control_characters_are_not() -> None:
    assert text_problem("Line one\r\n\tLine two", limit=100, what="The note") is None
    for character in ("\x00", "\x07", "\x1b", "\x7f"):
        problem = text_problem(f"a{character}b", limit=100, what="The note")
        assert problem is not None and "control character" in problem


def test_a_record_with_a_nul_byte_is_never_written(session: Session) -> None:
    author = make_user(session, Role.ADMIN)
    before = comment_count(session)
    session.add(Comment(author=author, body="Nul\x00 byte", action_id=an_action(session).id))

    with pytest.raises(ControlCharactersRefused) as refused:
        session.flush()

    assert refused.value.field == "body"
    session.rollback()
    assert comment_count(session) == before


def test_a_comment_with_a_nul_byte_gets_a_field_error_and_nothing_is_saved(
    client: FlaskClient, session: Session
) -> None:
    action = an_action(session)
    sign_in(client, make_user(session, Role.ADMIN))
    before = comment_count(session)

    response = client.post(
        f"/actions/{action.id}/comments",
        data={"csrf_token": csrf_token(client, f"/actions/{action.id}"), "body": "Hi\x00there"},
    )

    assert response.status_code == 422
    assert "contains a control character" in response.get_data(as_text=True)
    assert comment_count(session) == before


def test_a_field_far_past_its_limit_is_refused_without_being_echoed(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    huge = "q" * 25_000  # the sign-in email has no limit of its own: the default, 10,000

    response = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/password"),
            "current_password": huge,
            "new_password": "a long enough new pass phrase",
            "confirm_password": "a long enough new pass phrase",
        },
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "can have at most 10,000 characters; this one has 25,000." in page
    assert "qqqqqqqqqq" not in page
