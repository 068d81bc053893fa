"""The JSON API through the app's test client: scope, tokens, pagination, ETags, errors, and
query counts that do not grow with the number of LEAs."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.access.policy import visible_leas
from sir_tracker.auth.tokens import create_api_token
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role, User
from tests.support import builders
from tests.support.auth import csrf_token, make_user, sign_in
from tests.support.queries import counted_queries

IUSD = "Inglewood Unified School District"
UNPUBLISHED = "Mesa Linda Unified School District"
_TOKEN = re.compile(r'id="new-token">([^<]+)<')


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def office_of(session: Session, county: str) -> CountyOffice:
    return session.scalars(select(CountyOffice).where(CountyOffice.county == county)).one()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def all_lea_names(client: FlaskClient, headers: dict[str, str] | None = None) -> list[str]:
    """Every LEA the API lists, following its next links."""
    names: list[str] = []
    url: str | None = "/api/v1/leas?per_page=2"
    while url:
        answer = client.get(url, headers=headers or {}).get_json()
        names += [item["name"] for item in answer["items"]]
        url = answer["pagination"]["next"]
    return names


def token_through_the_account_page(client: FlaskClient, user: User, name: str) -> str:
    sign_in(client, user)
    response = client.post(
        "/account/tokens", data={"csrf_token": csrf_token(client, "/account"), "name": name}
    )
    found = _TOKEN.search(response.get_data(as_text=True))
    assert response.status_code == 200 and found, response.get_data(as_text=True)
    return found.group(1)


def test_the_public_sees_the_published_leas_only(client: FlaskClient, session: Session) -> None:
    published = sorted(
        session.scalars(select(Lea.name).where(Lea.is_published, Lea.archived_at.is_(None))).all()
    )
    unpublished = lea_named(session, UNPUBLISHED)

    assert sorted(all_lea_names(client)) == published
    assert UNPUBLISHED not in published
    answer = client.get(f"/api/v1/leas/{unpublished.id}")
    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["status"] == 404


def test_a_county_office_token_reaches_only_its_county(
    client: FlaskClient, session: Session
) -> None:
    user = make_user(session, Role.COE_STAFF, county_office=office_of(session, "Los Angeles"))
    other_county = session.scalars(
        select(Lea).where(Lea.county_office_id != user.county_office_id)
    ).first()
    assert other_county is not None
    _row, token = create_api_token(session, user, "County dashboard")
    expected = sorted(session.scalars(select(Lea.name).where(visible_leas(user))).all())
    fresh = client.application.test_client()  # no cookie: the token alone

    listed = all_lea_names(fresh, bearer(token))

    assert sorted(listed) == expected
    assert other_county.name not in listed
    assert fresh.get(f"/api/v1/leas/{other_county.id}", headers=bearer(token)).status_code == 404
    other_sir = other_county.sirs[-1]
    assert fresh.get(f"/api/v1/sirs/{other_sir.id}", headers=bearer(token)).status_code == 404
    assert fresh.get(f"/api/v1/sirs/{other_sir.id}").status_code in (200, 404)


def test_a_token_shows_full_data_the_public_does_not(client: FlaskClient, session: Session) -> None:
    iusd = lea_named(session, IUSD)
    action = session.scalars(
        select(Action).where(Action.sir_id == iusd.sirs[-1].id).order_by(Action.id)
    ).first()
    assert action is not None
    _row, token = create_api_token(session, make_user(session, Role.VIEWER), "Research")

    public = client.get(f"/api/v1/actions/{action.id}").get_json()
    full = client.get(f"/api/v1/actions/{action.id}", headers=bearer(token)).get_json()

    assert public["text"] is None and public["responsible"] is None
    assert full["text"] == action.text
    assert [change["to_status"] for change in public["history"]] == [
        change.to_status.value for change in action.history
    ]
    assert all(change["note"] is None for change in public["history"])
    assert [change["note"] for change in full["history"]] == [c.note for c in action.history]


def test_a_revoked_token_answers_401(client: FlaskClient, session: Session) -> None:
    user = make_user(session, Role.CCEE_LEAD)
    token = token_through_the_account_page(client, user, "Old laptop")
    api = client.application.test_client()
    assert api.get("/api/v1/leas", headers=bearer(token)).status_code == 200

    page = client.get("/account").get_data(as_text=True)
    assert "Old laptop" in page and token not in page  # shown once, never again
    revoke = re.search(r'action="(/account/tokens/\d+/revoke)"', page)
    assert revoke
    client.post(revoke.group(1), data={"csrf_token": csrf_token(client, "/account")})

    answer = api.get("/api/v1/leas", headers=bearer(token))
    assert answer.status_code == 401
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Revoked" in client.get("/account").get_data(as_text=True)
    assert api.get("/api/v1/leas", headers=bearer("sirt_made-up")).status_code == 401


def test_nobody_revokes_another_persons_token(client: FlaskClient, session: Session) -> None:
    row, token = create_api_token(session, make_user(session, Role.VIEWER), "Mine")
    sign_in(client, make_user(session, Role.ADMIN))

    answer = client.post(
        f"/account/tokens/{row.id}/revoke", data={"csrf_token": csrf_token(client, "/account")}
    )

    assert answer.status_code == 404
    assert client.get("/api/v1/leas", headers=bearer(token)).status_code == 200


def test_a_token_needs_a_name(client: FlaskClient, session: Session) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    answer = client.post(
        "/account/tokens", data={"csrf_token": csrf_token(client, "/account"), "name": "  "}
    )
    assert answer.status_code == 422
    assert "Give the token a name" in answer.get_data(as_text=True)
    assert "new-token" not in answer.get_data(as_text=True)


def test_counts_as_of_a_date(client: FlaskClient, session: Session) -> None:
    iusd = lea_named(session, IUSD)
    path = f"/api/v1/leas/{iusd.id}/counts"

    june = client.get(f"{path}?as_of=2021-06-30").get_json()
    march = client.get(f"{path}?as_of=2021-03-16").get_json()

    assert june["counts"]["headline"] == "19 completed / 41 in progress / 6 not started"
    assert june["counts"]["percent_completed_or_in_progress"] == 91
    assert march["counts"]["headline"] == "16 completed / 42 in progress / 8 not started"
    assert [row["component"]["number"] for row in june["by_component"]] == list(range(1, 13))
    assert sum(row["counts"]["total"] for row in june["by_component"]) == 66
    assert sum(row["counts"]["total"] for row in june["by_theme"]) == 66


def test_meetings_show_their_date_and_counts(client: FlaskClient, session: Session) -> None:
    iusd = lea_named(session, IUSD)
    answer = client.get(f"/api/v1/leas/{iusd.id}/meetings").get_json()
    latest = answer["items"][0]

    assert latest["held_on"] == "2021-06-15"
    assert latest["counts"]["headline"] == "19 completed / 41 in progress / 6 not started"
    assert {item["kind"] for item in answer["items"]} == {"quarterly"}


def test_bad_parameters_are_problems_that_name_the_parameter(client: FlaskClient) -> None:
    for query, parameter in (
        ("page=0", "page"),
        ("per_page=101", "per_page"),
        ("as_of=30%2F06%2F2021", "as_of"),
        ("page=two", "page"),
    ):
        answer = client.get(f"/api/v1/leas?{query}")
        assert answer.status_code == 422, query
        assert answer.mimetype == "application/problem+json"
        assert [error["parameter"] for error in answer.get_json()["errors"]] == [parameter]


def test_nothing_writes(client: FlaskClient, session: Session) -> None:
    iusd = lea_named(session, IUSD)
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/api/v1/leas", f"/api/v1/leas/{iusd.id}"):
            answer = client.open(path, method=method)
            assert answer.status_code == 405, (method, path)
            assert answer.mimetype == "application/problem+json"
    assert client.get("/api/v1/no-such-thing").mimetype == "application/problem+json"


def test_an_unchanged_answer_is_a_304_and_a_change_makes_a_new_etag(
    client: FlaskClient, session: Session
) -> None:
    iusd = lea_named(session, IUSD)
    path = f"/api/v1/leas/{iusd.id}"
    first = client.get(path)
    etag = first.headers["ETag"]

    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""

    action = session.scalars(
        select(Action).where(
            Action.sir_id == iusd.sirs[-1].id, Action.status == ActionStatus.NOT_STARTED
        )
    ).first()
    assert action is not None
    change_status(session, action, "in_progress", by=make_user(session, Role.ADMIN), note="Begun")
    session.flush()

    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.get_json()["counts"]["in_progress"] == 42


def test_pages_hold_every_lea_once(client: FlaskClient, session: Session) -> None:
    names = all_lea_names(client)
    assert len(names) == len(set(names))
    assert client.get("/api/v1/leas?page=999").get_json()["items"] == []


def test_list_queries_do_not_grow_with_the_number_of_leas(
    client: FlaskClient, app: Flask, session: Session
) -> None:
    admin = make_user(session, Role.ADMIN)
    _row, token = create_api_token(session, admin, "Counting")
    for headers in ({}, bearer(token)):
        with counted_queries(app) as before:
            assert client.get("/api/v1/leas", headers=headers).status_code == 200
        for _ in range(6):
            builders.lea_in_dta(session, admin, published=True)
        with counted_queries(app) as after:
            listed = client.get("/api/v1/leas", headers=headers).get_json()
        assert listed["pagination"]["total"] >= 6
        assert len(after) == len(before), (len(before), len(after))
