from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.auth.passwords import hash_password
from sir_tracker.core import pacific_time
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import Role, User
from tests.leas.conftest import county_office
from tests.support import builders
from tests.support.auth import PASSWORD, make_user, sign_in


def test_the_lea_page_shows_the_lea_its_engagement_sirs_and_meetings(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    sir = session.scalars(select(Sir).where(Sir.lea_id == iusd.id)).one()

    response = client.get(f"/leas/{iusd.id}")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    for text in (
        "<h1",
        "Inglewood Unified School District",
        "CDS code <strong>1964634</strong>",
        "School district",
        "Los Angeles County Office of Education",
        "Geo Lead: Region 11 Geographic Lead Agency",
        "Wraparound support (AB 1840)",
        "Embedded partnership",
        "Willing and unable: 5-7 years",
        "1 October 2018",
        "Alicia Montoya",
        f'href="/sirs/{sir.id}"',
        "26 April 2019",
        "19 completed / 41 in progress / 6 not started",
        "91% completed or in progress",
        "Quarterly progress monitoring",
        "2020-21 Q4",
    ):
        assert text in page, text


def test_meetings_are_listed_newest_first_with_links(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    meetings = session.scalars(
        select(Meeting).where(Meeting.lea_id == iusd.id).order_by(Meeting.held_on)
    ).all()
    assert len(meetings) >= 2

    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    newest, oldest = meetings[-1], meetings[0]
    assert f'href="/meetings/{newest.id}"' in page
    assert page.index(f'href="/meetings/{newest.id}"') < page.index(f'href="/meetings/{oldest.id}"')


def test_quarterly_meetings_held_this_school_year_are_counted_out_of_four(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    today = pacific_time.today()
    first_day_of_year = SchoolQuarter(SchoolQuarter.of(today).start_year, 1).first_day
    for held_on in (first_day_of_year, today):
        session.add(Meeting(lea=iusd, held_on=held_on, kind=MeetingKind.QUARTERLY))
    session.add(Meeting(lea=iusd, held_on=today, kind=MeetingKind.MONTHLY_COACHING))
    session.flush()
    sign_in(client, make_user(session, Role.VIEWER))

    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    assert f"this school year ({SchoolQuarter.of(today).school_year})" in page
    assert "<strong>2 of 4</strong>" in page


@pytest.mark.parametrize(
    ("role", "buttons", "absent"),
    [
        (Role.VIEWER, [], ["Edit LEA", "Edit engagement", "Add a SIR", "Archive"]),
        (Role.ADMIN, ["Edit LEA", "Edit engagement", "Add a SIR", "Archive"], []),
    ],
)
def test_buttons_are_shown_only_to_those_allowed(
    client: FlaskClient,
    session: Session,
    iusd: Lea,
    role: Role,
    buttons: list[str],
    absent: list[str],
) -> None:
    sign_in(client, make_user(session, role))
    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    for text in buttons:
        assert f">{text}</a>" in page, text
    for text in absent:
        assert f">{text}</a>" not in page, text


def test_the_lea_s_ccee_lead_may_edit_but_not_archive(
    client: FlaskClient, iusd: Lea, iusd_lead: User, session: Session
) -> None:
    iusd_lead.password_hash = hash_password(PASSWORD)
    session.flush()
    sign_in(client, iusd_lead)

    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    assert ">Edit LEA</a>" in page
    assert ">Edit engagement</a>" in page
    assert f'href="/leas/{iusd.id}/sirs/new"' in page
    assert ">Archive</a>" not in page


def test_county_office_staff_see_only_their_county_s_leas(
    client: FlaskClient, session: Session, iusd: Lea
) -> None:
    sign_in(
        client, make_user(session, Role.COE_STAFF, county_office=county_office(session, "Fresno"))
    )

    assert client.get(f"/leas/{iusd.id}").status_code == 404
    assert client.get(f"/leas/{iusd.id}/edit").status_code == 404


def test_lea_staff_see_their_own_lea_only(client: FlaskClient, session: Session, iusd: Lea) -> None:
    harbor_oaks = session.scalars(
        select(Lea).where(Lea.name == "Harbor Oaks Unified School District")
    ).one()
    sign_in(client, make_user(session, Role.LEA_STAFF, lea=iusd))

    assert client.get(f"/leas/{iusd.id}").status_code == 200
    assert client.get(f"/leas/{harbor_oaks.id}").status_code == 404


def test_an_unknown_lea_answers_404(client: FlaskClient, session: Session) -> None:
    sign_in(client, make_user(session, Role.ADMIN))

    assert client.get("/leas/99999999").status_code == 404


def test_the_lea_page_asks_for_sign_in(client: FlaskClient, iusd: Lea) -> None:
    response = client.get(f"/leas/{iusd.id}")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_an_lea_without_sir_or_meetings_says_so(client: FlaskClient, session: Session) -> None:
    lea = builders.lea(session)
    sign_in(client, make_user(session, Role.VIEWER))

    page = client.get(f"/leas/{lea.id}").get_data(as_text=True)

    assert "No SIR yet." in page
    assert "No meetings recorded yet." in page
    assert "No engagement is recorded." in page


def test_html_in_an_lea_name_is_shown_as_text(client: FlaskClient, session: Session) -> None:
    lea = builders.lea(session, name="<script>alert('x')</script> USD")
    sign_in(client, make_user(session, Role.VIEWER))

    for path in ("/", f"/leas/{lea.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "&lt;script&gt;" in page, path
        assert "<script>alert" not in page, path


def test_earlier_engagements_are_listed(client: FlaskClient, session: Session, iusd: Lea) -> None:
    session.add(
        Engagement(
            lea=iusd,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=date(2016, 1, 4),
            exited_on=date(2017, 6, 30),
        )
    )
    session.flush()
    sign_in(client, make_user(session, Role.VIEWER))

    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    assert "Earlier engagements" in page
    assert "4 January 2016" in page
    assert "30 June 2017" in page
    # The current engagement is still the later one.
    assert page.index("Wraparound support (AB 1840)") < page.index("Earlier engagements")
