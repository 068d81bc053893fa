import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from sir_tracker.reviews.models import ActionStatus, Sir
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import county, text_of
from tests.support.auth import make_user, sign_in

COMPONENTS = [
    "1. Culture, Coherence, and the Planning Process",
    "2. Curriculum, Learning, and Support",
    "3. Instructional Practice and Strategies",
    "4. Social-Emotional and Behavioral Health and Development",
    "5. Assessment and Accountability",
    "6. Student and Family Engagement",
    "7. School-based Instructional Leadership Teams (ILTs)",
    "8. Administrative Coaching and Leadership",
    "9. Professional Learning and Coaching",
    "10. Data Management and Use and Student Information Systems",
    "11. District and Leadership Capacity",
    "12. Governance Support with Instruction",
]
ACTION_ROW = re.compile(r'<tr id="action-\d+">')


def component_headings(page: str) -> list[str]:
    return [
        text_of(heading)
        for heading in re.findall(r'<h2 id="component-\d+-heading">(.*?)</h2>', page, re.S)
    ]


def test_the_sir_page_shows_the_twelve_components_and_the_headline(
    client: FlaskClient, viewer: User, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)
    response = client.get(f"/sirs/{iusd_sir.id}")
    page = response.get_data(as_text=True)
    text = text_of(page)

    assert response.status_code == 200
    assert component_headings(page) == COMPONENTS
    assert "19 completed / 41 in progress / 6 not started" in text
    assert "91% completed or in progress" in text
    assert len(ACTION_ROW.findall(page)) == 66
    assert "Dashboard Inglewood Unified School District " in text  # the breadcrumb
    assert f'href="/leas/{iusd_sir.lea_id}"' in page
    assert "26 April 2019" in text
    assert "Culture, coherence, and systemness" in text  # a theme
    assert "Strengths" in text  # findings, grouped by category


def test_a_reader_gets_no_edit_controls(client: FlaskClient, viewer: User, iusd_sir: Sir) -> None:
    sign_in(client, viewer)
    page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)

    assert "Update many statuses" not in page
    assert "/status" not in page
    assert "Add an action" not in page


def test_an_editor_gets_inline_status_updates_and_the_tools(
    client: FlaskClient, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)
    page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)

    assert page.count('name="version"') == 66
    for tool in ("Update many statuses", "Add an action", "Add a finding", "Add a theme"):
        assert tool in page
    assert "Edit SIR" in page
    assert "Archive SIR" not in page  # administrators only


def test_filtering_by_status_shows_exactly_the_six_not_started_actions(
    client: FlaskClient, viewer: User, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)
    page = client.get(f"/sirs/{iusd_sir.id}?status=not_started").get_data(as_text=True)

    assert len(ACTION_ROW.findall(page)) == 6
    assert page.count("status-tag--not_started") == 6
    assert "6 of 66 actions match" in text_of(page)
    # Components with nothing left are hidden; the headline still counts every action.
    assert len(component_headings(page)) < 12
    assert "19 completed / 41 in progress / 6 not started" in text_of(page)


def test_filters_combine_and_text_matches_code_or_text_without_case(
    client: FlaskClient, viewer: User, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)
    by_text = client.get(f"/sirs/{iusd_sir.id}?q=COLLABORATION+TIME").get_data(as_text=True)
    by_code = client.get(f"/sirs/{iusd_sir.id}?q=9.3").get_data(as_text=True)
    nine = next(c for c in iusd_sir.actions if c.code == "9.3").component_id
    component = client.get(f"/sirs/{iusd_sir.id}?component={nine}").get_data(as_text=True)
    both = client.get(f"/sirs/{iusd_sir.id}?component={nine}&status=completed").get_data(
        as_text=True
    )

    assert ">9.3</a>" in by_text
    assert ">9.3</a>" in by_code
    assert len(ACTION_ROW.findall(by_code)) == 1
    assert component_headings(component) == ["9. Professional Learning and Coaching"]
    assert "Findings" in text_of(component)  # a component filter keeps its findings
    assert 0 < len(ACTION_ROW.findall(both)) < len(ACTION_ROW.findall(component))
    assert "status-tag--in_progress" not in both.split("Recommended actions", 1)[1]


def test_an_unknown_filter_value_is_reported_and_ignored(
    client: FlaskClient, viewer: User, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)
    response = client.get(f"/sirs/{iusd_sir.id}?status=finished")

    assert response.status_code == 422
    assert "This filter is not applied" in response.get_data(as_text=True)
    assert len(ACTION_ROW.findall(response.get_data(as_text=True))) == 66


def test_the_page_takes_a_handful_of_queries_whatever_the_number_of_actions(
    app: Flask, client: FlaskClient, lead: User, iusd_sir: Sir
) -> None:
    sign_in(client, lead)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engine = app.extensions["sir_tracker.core.db"].engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(f"/sirs/{iusd_sir.id}")
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert response.status_code == 200
    # Sign-in session and user, SIR, LEA, engagements, components, themes, findings, actions,
    # counts, counts by component (and their components): no query per action (66 of them).
    assert len(statements) <= 16, "\n".join(statements)


def test_county_office_staff_of_another_county_cannot_see_the_sir(
    client: FlaskClient, session: Session, iusd_sir: Sir
) -> None:
    sign_in(client, make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno")))

    assert client.get(f"/sirs/{iusd_sir.id}").status_code == 404
    assert client.get(f"/actions/{iusd_sir.actions[0].id}").status_code == 404


def test_an_unknown_sir_is_not_found(client: FlaskClient, viewer: User) -> None:
    sign_in(client, viewer)

    assert client.get("/sirs/99999999").status_code == 404


def test_past_target_dates_of_unfinished_actions_are_flagged(
    client: FlaskClient, session: Session, viewer: User, iusd_sir: Sir
) -> None:
    # IUSD's targets fell in 2019-2021: every action not completed is past due today.
    unfinished = [a for a in iusd_sir.actions if a.status is not ActionStatus.COMPLETED]
    completed = [a for a in iusd_sir.actions if a.status is ActionStatus.COMPLETED]
    assert all(a.target_date is not None for a in iusd_sir.actions)
    sign_in(client, viewer)

    page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)

    rows = dict(re.findall(r'<tr id="action-(\d+)">(.*?)</tr>', page, flags=re.S))
    assert all("Past due" in rows[str(a.id)] for a in unfinished)
    assert not any("Past due" in rows[str(a.id)] for a in completed)
    assert text_of(page).count("Past due") == len(unfinished) == 47
