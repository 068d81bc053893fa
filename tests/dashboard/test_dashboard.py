from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.users.models import Role
from tests.support import builders
from tests.support.auth import make_user, sign_in
from tests.support.queries import counted_queries

IUSD = "Inglewood Unified School District"
HARBOR_OAKS = "Harbor Oaks Unified School District"
PIEDRA_AZUL = "Piedra Azul Unified School District"
JUNIPER_CREST = "Juniper Crest Unified School District"
DEMO_LEAS = {
    IUSD,
    HARBOR_OAKS,
    PIEDRA_AZUL,
    JUNIPER_CREST,
    "Riverlight Academy Charter School",
    "Mirador County Office of Education",
    "Mesa Linda Unified School District",
}
NO_MEETING = "No quarterly meeting this quarter"


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def listed_leas(page: str) -> set[str]:
    return set(re.findall(r'<a class="usa-link" href="/leas/\d+">([^<]+)</a>', page))


def row_of(page: str, name: str) -> str:
    rows = [row for row in page.split("<tr") if f">{name}</a>" in row]
    assert len(rows) == 1, f"{name} is not on the page once"
    return rows[0]


def test_the_dashboard_asks_for_sign_in(client: FlaskClient) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_dashboard_lists_leas_with_their_headline_counts(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    response = client.get("/")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    iusd = row_of(page, IUSD)
    assert "19 completed / 41 in progress / 6 not started" in iusd
    assert "91% completed or in progress" in iusd
    assert 'role="img" aria-label="19 completed / 41 in progress / 6 not started"' in iusd
    assert 'class="status-bar__completed width-pct-29"' in iusd
    assert "Embedded partnership" in iusd
    assert "Los Angeles" in iusd
    assert "School district" in iusd
    assert ">demo</span>" in iusd
    assert "usa-alert--info" in page
    assert "Demo data" in page


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CCEE_LEAD, Role.ADMIN])
def test_readers_of_every_lea_see_all_seven_demo_leas(
    client: FlaskClient, session: Session, role: Role
) -> None:
    sign_in(client, make_user(session, role))
    page = client.get("/").get_data(as_text=True)

    assert listed_leas(page) == DEMO_LEAS
    assert "7 LEAs · " in page


def test_county_office_staff_see_their_county_s_leas_only(
    client: FlaskClient, session: Session
) -> None:
    los_angeles = session.scalars(
        select(CountyOffice).where(CountyOffice.county == "Los Angeles")
    ).one()
    sign_in(client, make_user(session, Role.COE_STAFF, county_office=los_angeles))
    page = client.get("/").get_data(as_text=True)

    assert listed_leas(page) == {IUSD, HARBOR_OAKS}
    assert "2 LEAs · " in page


def test_lea_staff_land_on_their_lea_page(client: FlaskClient, session: Session) -> None:
    iusd = lea_named(session, IUSD)
    sign_in(client, make_user(session, Role.LEA_STAFF, lea=iusd))
    response = client.get("/", follow_redirects=True)

    assert response.status_code == 200
    assert response.request.path == f"/leas/{iusd.id}"
    assert f">{IUSD}" in response.get_data(as_text=True)


def test_an_lea_in_dta_without_a_quarterly_meeting_this_quarter_is_flagged(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    session.add(Meeting(lea=lea_named(session, IUSD), held_on=today, kind=MeetingKind.QUARTERLY))
    # A coaching session is not a quarterly meeting: Piedra Azul stays flagged.
    session.add(
        Meeting(
            lea=lea_named(session, PIEDRA_AZUL), held_on=today, kind=MeetingKind.MONTHLY_COACHING
        )
    )
    session.flush()
    sign_in(client, make_user(session, Role.VIEWER))
    page = client.get("/").get_data(as_text=True)

    iusd = row_of(page, IUSD)
    assert NO_MEETING not in iusd
    assert f"{today.day} {today:%B %Y}" in iusd  # its last quarterly meeting
    assert NO_MEETING in row_of(page, PIEDRA_AZUL)
    flagged = sum(NO_MEETING in row_of(page, name) for name in DEMO_LEAS)
    assert f"7 LEAs · {flagged} with no quarterly meeting this quarter" in page


def test_an_exited_lea_is_flagged_exited_and_not_for_missing_meetings(
    client: FlaskClient, session: Session
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    page = client.get("/").get_data(as_text=True)

    juniper = row_of(page, JUNIPER_CREST)
    assert "Exited June 2025" in juniper
    assert '<span class="flag flag--exited">Exited</span>' in juniper
    assert NO_MEETING not in juniper


def test_the_last_quarterly_meeting_is_shown(client: FlaskClient, session: Session) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    page = client.get("/").get_data(as_text=True)

    last = session.scalar(
        select(Meeting.held_on)
        .where(Meeting.lea_id == lea_named(session, IUSD).id, Meeting.kind == MeetingKind.QUARTERLY)
        .order_by(Meeting.held_on.desc())
    )
    assert last is not None
    assert f"{last.day} {last:%B %Y}" in row_of(page, IUSD)


def test_archived_leas_are_listed_apart_for_admins_only(
    client: FlaskClient, app: Flask, session: Session
) -> None:
    archived = builders.lea(session, name="Old Archived USD")
    archived.archived_at = pacific_time.end_of_day(date(2026, 1, 5))
    session.flush()
    viewer = app.test_client()
    sign_in(viewer, make_user(session, Role.VIEWER))
    sign_in(client, make_user(session, Role.ADMIN))

    admin_page = client.get("/").get_data(as_text=True)
    viewer_page = viewer.get("/").get_data(as_text=True)

    assert "Archived LEAs" in admin_page
    assert f'action="/leas/{archived.id}/restore"' in admin_page
    assert "7 LEAs · " in admin_page  # the archived one is not counted
    assert "Old Archived USD" not in viewer_page
    assert "Archived LEAs" not in viewer_page


def test_the_dashboard_makes_the_same_number_of_queries_for_more_leas(
    client: FlaskClient, app: Flask, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER)
    sign_in(client, viewer)
    with counted_queries(app) as before:
        assert client.get("/").status_code == 200

    for _ in range(5):
        builders.lea_in_dta(session, viewer)
    session.commit()  # the figures are kept on commit (a flushed LEA's are computed)
    with counted_queries(app) as after:
        page = client.get("/").get_data(as_text=True)

    assert "12 LEAs" in page
    assert len(after) == len(before)
