"""The audit log page: what administrators see of who changed what."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Lea
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Action, ActionStatus, Sir
from sir_tracker.users.models import Role, User
from tests.support.auth import csrf_token, make_user, sign_in

NOTE = "Audit page test: the literacy plan is adopted"
IUSD = "Inglewood Unified School District"


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def action_in_progress(session: Session, lea: Lea) -> Action:
    found = session.scalars(
        select(Action)
        .join(Sir)
        .where(Sir.lea_id == lea.id, Action.status == ActionStatus.IN_PROGRESS)
        .order_by(Action.id)
    ).first()
    assert found is not None, "the demo has actions in progress"
    return found


@pytest.fixture
def admin(client: FlaskClient, session: Session) -> User:
    user = make_user(session, Role.ADMIN)
    sign_in(client, user)
    return user


@pytest.fixture
def completed(session: Session) -> Action:
    lead = make_user(session, Role.CCEE_LEAD, name="Lena Lead")
    action = action_in_progress(session, lea_named(session, IUSD))
    change_status(session, action, ActionStatus.COMPLETED, by=lead, note=NOTE)
    session.flush()
    return action


def test_the_log_shows_a_status_change_first(
    client: FlaskClient, completed: Action, admin: User
) -> None:
    response = client.get("/admin/audit")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    first_row = page.split("<tbody>")[1].split("</tr>")[0]
    assert "Lena Lead" in first_row
    assert "status change" in first_row
    assert f'href="/actions/{completed.id}"' in first_row
    assert f"Action {completed.code}" in first_row
    assert IUSD in first_row
    assert "status: in progress → completed" in first_row
    assert NOTE in first_row


def test_filtering_by_lea(
    client: FlaskClient, session: Session, completed: Action, admin: User
) -> None:
    iusd = lea_named(session, IUSD)
    other = session.scalars(select(Lea).where(Lea.id != iusd.id)).first()
    assert other is not None

    mine = client.get(f"/admin/audit?lea={iusd.id}").get_data(as_text=True)
    theirs = client.get(f"/admin/audit?lea={other.id}").get_data(as_text=True)

    assert NOTE in mine
    assert NOTE not in theirs


def test_filtering_by_action_and_by_who(
    client: FlaskClient, session: Session, completed: Action, admin: User
) -> None:
    lead = session.scalars(select(User).where(User.name == "Lena Lead")).one()

    assert NOTE in client.get("/admin/audit?action=status_change").get_data(as_text=True)
    assert NOTE not in client.get("/admin/audit?action=create").get_data(as_text=True)
    assert NOTE in client.get(f"/admin/audit?user={lead.id}").get_data(as_text=True)
    assert NOTE not in client.get(f"/admin/audit?user={admin.id}").get_data(as_text=True)
    assert NOTE in client.get("/admin/audit?record_type=Action").get_data(as_text=True)
    assert NOTE not in client.get("/admin/audit?record_type=Meeting").get_data(as_text=True)


def test_filtering_by_dates_in_california(
    client: FlaskClient, completed: Action, admin: User
) -> None:
    assert NOTE in client.get("/admin/audit?from_date=2021-06-15").get_data(as_text=True)
    assert NOTE not in client.get("/admin/audit?to_date=2021-06-15").get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from_date=15/06/2021", "From must be a date written YYYY-MM-DD"),
        ("to_date=2021-02-30", "To must be a date written YYYY-MM-DD"),
        ("from_date=2021-06-15&to_date=2021-06-01", "To must be the same day as From or later"),
        ("action=delete", "Choose one of the listed actions."),
        ("lea=abc", "Choose one of the listed LEAs."),
        ("user=99999999", "Choose one of the listed people."),
        ("record_type=Nothing", "Choose one of the listed record types."),
        ("page=0", "The page number must be a whole number, 1 or more."),
    ],
)
def test_a_bad_filter_is_explained(
    client: FlaskClient, admin: User, query: str, message: str
) -> None:
    response = client.get(f"/admin/audit?{query}")

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_pages_of_fifty_go_back_in_time(
    client: FlaskClient, completed: Action, admin: User
) -> None:
    first = client.get("/admin/audit?action=status_change").get_data(as_text=True)
    assert first.count("<tr>") == 51  # the heading row and fifty events
    assert "Newer" not in first
    assert 'href="/admin/audit?action=status_change&amp;page=2"' in first

    second = client.get("/admin/audit?action=status_change&page=2").get_data(as_text=True)
    assert NOTE not in second
    assert "Newer" in second
    assert 'href="/admin/audit?action=status_change"' in second


def test_deactivating_a_user_reads_as_such(
    client: FlaskClient, session: Session, admin: User
) -> None:
    target = make_user(session, Role.VIEWER, name="Gone Soon")
    client.post(
        f"/admin/users/{target.id}/deactivate",
        data={"csrf_token": csrf_token(client, "/admin/users")},
    )

    page = client.get("/admin/audit?record_type=User").get_data(as_text=True)

    assert "deactivate" in page
    assert "Gone Soon" in page
    assert "account: active → inactive" in page
