"""Passwords are hashed at Argon2's recommended cost outside the tests (which hash cheaply), and
weak ones are refused: common, a run or repetition, the person's own email or name."""

import pytest
from argon2.profiles import get_default_parameters
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.auth.passwords import (
    common_passwords,
    hash_password,
    password_matches,
    password_problem,
)
from sir_tracker.users.models import Role, User
from tests.support.auth import PASSWORD, csrf_token, make_user, sign_in
from tests.support.passwords import PRODUCTION_HASHER, TEST_PARAMETERS


def test_production_hashes_with_argon2_cffis_recommended_parameters() -> None:
    recommended = get_default_parameters()
    assert (
        PRODUCTION_HASHER.time_cost,
        PRODUCTION_HASHER.memory_cost,
        PRODUCTION_HASHER.parallelism,
        PRODUCTION_HASHER.hash_len,
        PRODUCTION_HASHER.salt_len,
        PRODUCTION_HASHER.type,
    ) == (
        recommended.time_cost,
        recommended.memory_cost,
        recommended.parallelism,
        recommended.hash_len,
        recommended.salt_len,
        recommended.type,
    )


def test_a_password_hashed_at_production_cost_is_recognised() -> None:
    stored = PRODUCTION_HASHER.hash("a long test password")

    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert password_matches(stored, "a long test password")
    assert not password_matches(stored, "another long password")


def test_the_tests_hash_cheaply_in_the_same_format() -> None:
    stored = hash_password("a long test password")

    assert stored.startswith(f"$argon2id$v=19$m={TEST_PARAMETERS.memory_cost},t=1,p=1$")
    assert password_matches(stored, "a long test password")


# --- What makes a password acceptable -----------------------------------------------------------

WEAK = [
    ("password1234", "common password"),
    ("iloveyou1234", "common password"),
    ("trustno1trustno1", "shorter one repeated"),
    ("123456789012", "run of consecutive characters"),
    ("aaaaaaaaaaaa", "different characters"),
    ("abababababab", "different characters"),
    ("Qwertyuiop!!", "digits or symbols added"),
    ("Football2026", "digits or symbols added"),
    ("abcdefghijkl", "run of consecutive characters"),
    ("short pass", "at least 12 characters"),
    (" leading space here", "start or end with a space"),
    ("with a NUL \x00 inside", "control characters"),
    ("x" * 257, "at most 256 characters"),
]


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_weak_passwords_are_refused_saying_why(password: str, reason: str) -> None:
    problem = password_problem(password)

    assert problem is not None
    assert reason in problem


def test_the_common_list_holds_the_10000_most_common_passwords() -> None:
    common = common_passwords()

    assert len(common) == 10_000
    assert {"123456", "password", "qwerty", "letmein", "trustno1"} <= common


@pytest.mark.parametrize(
    "password",
    [
        "maria.lopez.garcia@ccee.example",
        "Maria Lopez Garcia",
        "MariaLopezGarcia2026!",
        "maria.lopez.garcia",
    ],
)
def test_the_persons_own_email_or_name_is_refused(password: str) -> None:
    problem = password_problem(
        password, email="Maria.Lopez.Garcia@ccee.example", name="Maria Lopez Garcia"
    )

    assert problem == "A password cannot be the account's email address or name."


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "Schöne Grüße aus dem Süden",
        "日本語のパスフレーズも大丈夫です",
        "Maria Lopez walks to the river at dawn",
        ("a long pass-phrase " * 13).strip(),
    ],
)
def test_long_pass_phrases_with_spaces_and_any_script_are_accepted(password: str) -> None:
    assert password_problem(password, email="maria.lopez@ccee.example", name="Maria Lopez") is None


def test_a_weak_password_is_refused_over_http_and_nothing_changes(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.VIEWER)
    sign_in(client, user)
    before = user.password_hash

    response = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/password"),
            "current_password": PASSWORD,
            "new_password": "password1234",
            "confirm_password": "password1234",
        },
    )

    assert response.status_code == 422
    assert "common password" in response.get_data(as_text=True)
    session.refresh(user)
    assert user.password_hash == before


def test_an_admin_cannot_give_a_new_account_its_own_name_as_password(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.ADMIN))

    response = client.post(
        "/admin/users/new",
        data={
            "csrf_token": csrf_token(client, "/admin/users/new"),
            "name": "Rosa Delgado Quintana",
            "email": "rosa@test.example",
            "role": "viewer",
            "county_office": "",
            "lea": "",
            "password": "Rosa Delgado Quintana",
            "confirm_password": "Rosa Delgado Quintana",
        },
    )

    assert response.status_code == 422
    assert "cannot be the account&#39;s email address or name" in response.get_data(as_text=True)
    assert session.scalar(select(User).where(User.email == "rosa@test.example")) is None
