"""Pages as of a day, through HTTP: what a day that cannot be shown answers, what a past day
hides, which links keep the day, and that a county office still sees only its county."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import IUSD, text_of
from tests.support.auth import make_user, open_session_for

MESA_LINDA = "Mesa Linda Unified School District"
JUNE_2021 = "2021-06-30"


def _lea(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def _pages(session: Session) -> list[str]:
    lea = _lea(session, IUSD)
    return ["/", f"/leas/{lea.id}", f"/sirs/{lea.sirs[-1].id}"]


@pytest.fixture
def admin(client: FlaskClient, session: Session) -> User:
    user = make_user(session, Role.ADMIN)
    open_session_for(client, session, user)
    return user


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "That is not a day of the calendar"),
        ("banana", "That is not a day of the calendar"),
        ("2021-13-01", "That is not a day of the calendar"),
        ("9999-12-31", "31 December 9999 is in the future; choose today or an earlier day."),
    ],
)
def test_a_day_that_cannot_be_shown_is_refused_on_the_field_with_today_s_figures(
    client: FlaskClient, session: Session, admin: User, value: str, message: str
) -> None:
    for path in _pages(session):
        response = client.get(path, query_string={"as_of": value})
        page = text_of(response.get_data(as_text=True))

        assert response.status_code == 422, path
        assert f"“{value}”: {message}" in page, path
        assert "The figures shown are today's." in page
        assert "Back to today" not in page


def test_tomorrow_is_refused_and_today_is_the_page_as_it_is(
    client: FlaskClient, session: Session, admin: User
) -> None:
    today = pacific_time.today()
    tomorrow = (today + timedelta(days=1)).isoformat()
    for path in _pages(session):
        refused = client.get(path, query_string={"as_of": tomorrow})
        now = client.get(path, query_string={"as_of": today.isoformat()})
        plain = client.get(path)

        assert refused.status_code == 422
        assert "is in the future" in refused.get_data(as_text=True)
        assert now.status_code == plain.status_code == 200
        assert "Back to today" not in now.get_data(as_text=True)
        assert "Show figures as of" in plain.get_data(as_text=True)


def test_a_day_before_anything_was_recorded_shows_empty_figures(
    client: FlaskClient, session: Session, admin: User
) -> None:
    for path in _pages(session):
        response = client.get(path, query_string={"as_of": "0001-01-01"})

        assert response.status_code == 200
        assert "As of 1 January 1." in text_of(response.get_data(as_text=True))
    sir_page = client.get(_pages(session)[2], query_string={"as_of": "0001-01-01"})
    assert "0 completed / 0 in progress / 0 not started" in sir_page.get_data(as_text=True)


def test_a_past_day_is_a_read_view_whose_links_keep_the_day(
    client: FlaskClient, session: Session, admin: User
) -> None:
    lea = _lea(session, IUSD)
    sir = lea.sirs[-1]
    dashboard, lea_page, sir_page = (
        client.get(path, query_string={"as_of": JUNE_2021}).get_data(as_text=True)
        for path in _pages(session)
    )

    assert f'href="/leas/{lea.id}?as_of={JUNE_2021}"' in dashboard
    assert f'href="/sirs/{sir.id}?as_of={JUNE_2021}"' in lea_page
    assert f'href="/leas/{lea.id}?as_of={JUNE_2021}"' in sir_page
    assert f'href="/?as_of={JUNE_2021}"' in lea_page and f'href="/?as_of={JUNE_2021}"' in sir_page
    assert 'href="/">Back to today' in dashboard
    assert f'href="/leas/{lea.id}">Back to today' in lea_page
    assert f'href="/sirs/{sir.id}">Back to today' in sir_page
    # An administrator edits everything today; on a past day nothing offers a change.
    for page, controls in (
        (dashboard, ("Add an LEA", "Record a quarterly meeting")),
        (lea_page, ("Record a quarterly meeting", "Add a SIR", "Edit LEA", "Archive")),
        (sir_page, ("Update many statuses", "Add an action", "Edit SIR", "Archive SIR")),
    ):
        for control in controls:
            assert control not in page, control
    assert sir_page.count('method="post"') == 1  # signing out
    # The LEA page's report form is ready for the same day.
    assert f'value="{JUNE_2021}"' in lea_page
    today_sir = client.get(f"/sirs/{sir.id}").get_data(as_text=True)
    assert "Update many statuses" in today_sir and today_sir.count('method="post"') > 60


def test_the_sir_page_filters_by_the_status_as_of_the_day(
    client: FlaskClient, session: Session, admin: User
) -> None:
    sir = _lea(session, IUSD).sirs[-1]

    june_2020 = client.get(
        f"/sirs/{sir.id}", query_string={"as_of": "2020-06-30", "status": "completed"}
    ).get_data(as_text=True)

    # 7 completed on 30 June 2020 (the report's figure), 19 today.
    assert "7 of 66 actions match." in text_of(june_2020)
    assert '<input type="hidden" name="status" value="completed">' in june_2020
    assert '<input type="hidden" name="as_of" value="2020-06-30">' in june_2020


def test_a_county_office_sees_only_its_county_on_a_past_day(
    client: FlaskClient, session: Session
) -> None:
    iusd, mesa_linda = _lea(session, IUSD), _lea(session, MESA_LINDA)
    office = session.scalars(
        select(CountyOffice).where(CountyOffice.id == iusd.county_office_id)
    ).one()
    open_session_for(client, session, make_user(session, Role.COE_STAFF, county_office=office))

    dashboard = client.get("/", query_string={"as_of": "2024-12-31"}).get_data(as_text=True)

    assert IUSD in dashboard and MESA_LINDA not in dashboard
    for path in (f"/leas/{mesa_linda.id}", f"/sirs/{mesa_linda.sirs[-1].id}"):
        assert client.get(path, query_string={"as_of": "2024-12-31"}).status_code == 404


def test_an_lea_page_before_its_engagement_began_says_so(
    client: FlaskClient, session: Session, admin: User
) -> None:
    lea = _lea(session, "Mirador County Office of Education")  # engaged from 2 June 2025
    before = text_of(client.get(f"/leas/{lea.id}?as_of=2025-06-01").get_data(as_text=True))
    begun = text_of(client.get(f"/leas/{lea.id}?as_of=2025-06-02").get_data(as_text=True))

    assert "No engagement had begun by that day." in before
    assert "Fee for service" not in before
    assert "No engagement had begun" not in begun and "Started 2 June 2025" in begun
