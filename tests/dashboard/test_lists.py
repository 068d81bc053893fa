"""The dashboard's list tools: search by name or CDS code, sorting by any column, "My LEAs"
for CCEE leads with the lead of each LEA, and the shortcut to record a quarterly meeting."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import CountyOffice, Engagement, EngagementMode, Pathway
from sir_tracker.users.models import Role, User
from tests.dashboard.test_dashboard import (
    DEMO_LEAS,
    HARBOR_OAKS,
    IUSD,
    JUNIPER_CREST,
    PIEDRA_AZUL,
    counted_queries,
    lea_named,
    listed_leas,
    row_of,
)
from tests.support import builders
from tests.support.auth import make_user, open_session_for, sign_in

MESA_LINDA = "Mesa Linda Unified School District"
MIRADOR = "Mirador County Office of Education"
RIVERLIGHT = "Riverlight Academy Charter School"
SAMUEL = "samuel.okafor@demo.sir-tracker.example"  # leads Harbor Oaks, Mesa Linda, Piedra Azul


def in_order(page: str) -> list[str]:
    return re.findall(r'<a class="usa-link" href="/leas/\d+">([^<]+)</a>', page)


def sorted_header(page: str) -> tuple[str, str]:
    """The label and aria-sort of the one header the table is sorted by."""
    found = re.findall(
        r'<th scope="col" aria-sort="(\w+)">\s*<a class="sort-link" href="[^"]*">([^<]+)<', page
    )
    assert len(found) == 1, found
    direction, label = found[0]
    return label, direction


def demo_lead(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def dashboard(client: FlaskClient, query: str = "") -> str:
    response = client.get(f"/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def viewer(client: FlaskClient, session: Session) -> FlaskClient:
    sign_in(client, make_user(session, Role.VIEWER))
    return client


# --- Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("harbor oaks", {HARBOR_OAKS}),
        ("HARBOR", {HARBOR_OAKS}),
        ("  mesa   linda ", {MESA_LINDA}),
        ("county office", {MIRADOR}),
        ("1964634", {IUSD}),
        ("19 64634", {IUSD}),
        ("34 99103 3400001", {RIVERLIGHT}),
        ("34-99103", {RIVERLIGHT}),
    ],
)
def test_the_search_finds_leas_by_name_in_any_case_or_by_cds_code(
    viewer: FlaskClient, search: str, found: set[str]
) -> None:
    page = dashboard(viewer, f"?q={search}")

    assert listed_leas(page) == found
    assert f'value="{" ".join(search.split())}"' in page  # the search box keeps it
    assert "Clear the search" in page


def test_a_search_that_matches_nothing_says_so(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?q=Atlantis")

    assert listed_leas(page) == set()
    assert "No LEA you can see has “Atlantis” in its name, county or CDS code." in page


@pytest.mark.parametrize("wildcard", ["%", "_", "%25"])
def test_like_wildcards_in_a_search_are_taken_literally(viewer: FlaskClient, wildcard: str) -> None:
    assert listed_leas(dashboard(viewer, f"?q={wildcard}")) == set()


def test_a_county_office_user_s_search_never_finds_another_county_s_lea(
    client: FlaskClient, session: Session
) -> None:
    los_angeles = session.scalars(
        select(CountyOffice).where(CountyOffice.county == "Los Angeles")
    ).one()
    sign_in(client, make_user(session, Role.COE_STAFF, county_office=los_angeles))

    assert listed_leas(dashboard(client, "?q=unified")) == {IUSD, HARBOR_OAKS}
    assert listed_leas(dashboard(client, "?q=Piedra Azul")) == set()
    assert listed_leas(dashboard(client, "?q=10 99101")) == set()  # Piedra Azul's CDS code
    assert listed_leas(dashboard(client, "?q=99")) == {HARBOR_OAKS}
    assert listed_leas(dashboard(client, "?q=&sort=flags&direction=descending")) == {
        IUSD,
        HARBOR_OAKS,
    }


# --- Sorting -----------------------------------------------------------------------------------


def test_the_dashboard_is_sorted_by_lea_name_unless_asked_otherwise(viewer: FlaskClient) -> None:
    page = dashboard(viewer)

    assert in_order(page) == sorted(DEMO_LEAS)
    assert sorted_header(page) == ("LEA", "ascending")


def test_sorting_by_lea_descending_reverses_the_list(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?sort=lea&direction=descending")

    assert in_order(page) == sorted(DEMO_LEAS, reverse=True)
    assert sorted_header(page) == ("LEA", "descending")


def test_sorting_by_lead_groups_each_lead_s_leas_by_name(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?sort=lead")

    # Alicia Montoya, Priya Raman, Samuel Okafor; ties by LEA name.
    assert in_order(page) == [
        IUSD,
        MIRADOR,
        JUNIPER_CREST,
        RIVERLIGHT,
        HARBOR_OAKS,
        MESA_LINDA,
        PIEDRA_AZUL,
    ]
    assert sorted_header(page) == ("CCEE lead", "ascending")


@pytest.mark.parametrize(
    ("sort", "label"),
    [
        ("mode", "Mode of engagement"),
        ("actions", "Recommended actions of the latest SIR"),
        ("last-meeting", "Last quarterly meeting"),
        ("flags", "Flags"),
    ],
)
@pytest.mark.parametrize("direction", ["ascending", "descending"])
def test_every_column_sorts_both_ways(
    viewer: FlaskClient, sort: str, label: str, direction: str
) -> None:
    page = dashboard(viewer, f"?sort={sort}&direction={direction}")

    assert sorted_header(page) == (label, direction)
    assert set(in_order(page)) == DEMO_LEAS


def test_sorting_by_actions_puts_the_most_advanced_first_when_descending(
    viewer: FlaskClient,
) -> None:
    percents = [
        int(percent)
        for percent in re.findall(
            r"(\d+)% completed or in progress",
            dashboard(viewer, "?sort=actions&direction=descending"),
        )
    ]

    assert percents == sorted(percents, reverse=True)


def test_sorting_by_flags_descending_puts_the_most_flagged_first(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?sort=flags&direction=descending")

    flags = [row_of(page, name).count('<span class="flag') for name in in_order(page)]
    assert flags == sorted(flags, reverse=True)
    assert flags[0] > flags[-1]


def test_sorting_by_the_last_meeting_puts_leas_without_one_last(
    viewer: FlaskClient, session: Session
) -> None:
    builders.lea(session, name="Aardvark Never Met USD")

    for direction in ("ascending", "descending"):
        page = dashboard(viewer, f"?sort=last-meeting&direction={direction}")
        met = ["None yet" not in row_of(page, name) for name in in_order(page)]
        assert met == sorted(met, reverse=True), direction
        assert not met[-1]


def test_a_sort_by_no_column_is_by_lea(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?sort=&direction=descending")

    assert in_order(page) == sorted(DEMO_LEAS)
    assert sorted_header(page) == ("LEA", "ascending")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?sort=bogus", "Sort by (“bogus”): That is not a column to sort by"),
        ("?sort=lea&direction=sideways", "The direction of a sort is ascending or descending."),
        ("?sort=%00", "Sort by (“\x00”)"),
        ("?page=0", "Page (“0”): The page is a whole number, 1 or more."),
        ("?page=two", "Page (“two”): The page is a whole number, 1 or more."),
        ("?page=99999999", "Page (“99999999”): No list of LEAs has that many pages."),
        ("?mine=yes", "“mine” is 1 for the LEAs you lead"),
        ("?q=" + "x" * 101, "A search is at most 100 characters."),
    ],
)
def test_a_listing_that_cannot_be_shown_is_refused_with_the_reason_and_the_first_page(
    client: FlaskClient, session: Session, query: str, message: str
) -> None:
    sign_in(client, make_user(session, Role.VIEWER))
    response = client.get(f"/{query}")
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert html.unescape(message) in html.unescape(page)
    assert in_order(page) == sorted(DEMO_LEAS)
    assert sorted_header(page) == ("LEA", "ascending")


def test_header_links_keep_the_search_and_turn_the_sorted_column_around(
    viewer: FlaskClient,
) -> None:
    page = dashboard(viewer, "?q=unified&sort=mode")

    assert 'href="/?q=unified&amp;sort=mode&amp;direction=descending">Mode of engagement' in page
    assert 'href="/?q=unified&amp;sort=flags&amp;direction=ascending">Flags' in page
    # The search form keeps the sort.
    assert '<input type="hidden" name="sort" value="mode">' in page


# --- My LEAs and the lead of each LEA -----------------------------------------------------------


def test_each_row_names_the_lea_s_ccee_lead(viewer: FlaskClient) -> None:
    page = dashboard(viewer)

    assert "Alicia Montoya" in row_of(page, IUSD)
    assert "Samuel Okafor" in row_of(page, HARBOR_OAKS)


def test_a_lead_s_my_leas_lists_the_leas_whose_current_engagement_they_lead(
    client: FlaskClient, session: Session
) -> None:
    open_session_for(client, session, demo_lead(session, SAMUEL))

    everything = dashboard(client)
    mine = dashboard(client, "?mine=1")

    assert listed_leas(everything) == DEMO_LEAS
    assert 'href="/?mine=1">My LEAs</a>' in everything
    assert listed_leas(mine) == {HARBOR_OAKS, MESA_LINDA, PIEDRA_AZUL}
    assert "3 LEAs · " in mine
    assert 'aria-current="page">My LEAs</a>' in mine
    assert listed_leas(dashboard(client, "?mine=1&q=harbor")) == {HARBOR_OAKS}


def test_a_lead_of_no_lea_is_told_so_in_my_leas(client: FlaskClient, session: Session) -> None:
    sign_in(client, make_user(session, Role.CCEE_LEAD))

    page = dashboard(client, "?mine=1")

    assert listed_leas(page) == set()
    assert "You lead no LEA's current engagement." in page


def test_only_leads_have_my_leas(viewer: FlaskClient) -> None:
    page = dashboard(viewer, "?mine=1")

    assert "My LEAs" not in page
    assert listed_leas(page) == DEMO_LEAS


def test_my_leas_follows_the_current_engagement_only(client: FlaskClient, session: Session) -> None:
    lead = make_user(session, Role.CCEE_LEAD)
    lea = builders.lea(session, name="Formerly Led USD")
    session.add_all(
        [
            Engagement(
                lea=lea,
                pathway=Pathway.PRIMARY,
                mode=EngagementMode.COLLABORATIVE_PLANNING,
                readiness=None,
                started_on=date(2022, 1, 1),
                ccee_lead=lead,
            ),
            Engagement(
                lea=lea,
                pathway=Pathway.PRIMARY,
                mode=EngagementMode.EMBEDDED_PARTNERSHIP,
                readiness=None,
                started_on=date(2024, 1, 1),
            ),
        ]
    )
    session.flush()
    sign_in(client, lead)

    assert listed_leas(dashboard(client, "?mine=1")) == set()


# --- Recording a meeting from a row -------------------------------------------------------------


def meeting_link(session: Session, name: str) -> str:
    return f'href="/leas/{lea_named(session, name).id}/meetings/new"'


def test_a_lead_may_record_a_meeting_from_the_rows_of_the_leas_they_lead(
    client: FlaskClient, session: Session
) -> None:
    open_session_for(client, session, demo_lead(session, SAMUEL))
    page = dashboard(client)

    assert meeting_link(session, HARBOR_OAKS) in row_of(page, HARBOR_OAKS)
    assert f'Record a quarterly meeting<span class="usa-sr-only"> of {HARBOR_OAKS}' in page
    assert meeting_link(session, IUSD) not in page
    assert page.count("Record a quarterly meeting") == 3
    response = client.get(f"/leas/{lea_named(session, HARBOR_OAKS).id}/meetings/new")
    assert response.status_code == 200


@pytest.mark.parametrize(("role", "shortcuts"), [(Role.VIEWER, 0), (Role.ADMIN, 7)])
def test_the_meeting_shortcut_is_shown_to_those_who_may_edit_the_lea(
    client: FlaskClient, session: Session, role: Role, shortcuts: int
) -> None:
    sign_in(client, make_user(session, role))

    assert dashboard(client).count("Record a quarterly meeting<span") == shortcuts


# --- Queries -----------------------------------------------------------------------------------


def add_led_lea(session: Session, lead: User, n: int) -> None:
    lea = builders.lea(session, name=f"Led Unified School District {n}")
    session.add(
        Engagement(
            lea=lea,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=date(2024, 1, 1),
            ccee_lead=lead,
        )
    )
    builders.sir_with_actions(session, 2, by=lead, owner=lea)


def test_search_sort_and_my_leas_make_the_same_number_of_queries_for_more_leas(
    client: FlaskClient, app: Flask, session: Session
) -> None:
    lead = make_user(session, Role.CCEE_LEAD)
    add_led_lea(session, lead, 0)
    session.commit()  # the figures are kept on commit (a flushed LEA's are computed)
    sign_in(client, lead)
    query = "/?q=unified&sort=last-meeting&direction=descending&mine=1"
    with counted_queries(app) as before:
        assert "1 LEA · " in client.get(query).get_data(as_text=True)

    for n in range(1, 6):
        add_led_lea(session, lead, n)
    session.commit()
    with counted_queries(app) as after:
        page = client.get(query).get_data(as_text=True)

    assert "6 LEAs · " in page
    assert len(after) == len(before)


# --- Pages -------------------------------------------------------------------------------------


def next_page_link(page: str) -> str:
    found = re.findall(r'<a class="usa-link" href="([^"]+)" rel="next">', page)
    assert len(found) == 1, found
    return html.unescape(found[0])


def paged_county(session: Session, leas: int) -> CountyOffice:
    """A county office with ``leas`` LEAs, committed (their dashboard figures kept)."""
    office = builders.county_office(session, "Paged")
    for n in range(leas):
        builders.lea(session, office, name=f"Paged Unified School District {n:02d}")
    session.commit()
    return office


def test_the_dashboard_shows_fifty_leas_a_page_and_its_page_links_keep_the_listing(
    client: FlaskClient, session: Session
) -> None:
    paged_county(session, 53)
    sign_in(client, make_user(session, Role.VIEWER))

    first = dashboard(client, "?q=paged unified&sort=lea&direction=descending")
    assert "53 LEAs · " in first and "LEAs 1 to 50 of 53" in first
    names = [f"Paged Unified School District {n:02d}" for n in reversed(range(53))]
    assert in_order(first) == names[:50]
    assert 'rel="prev"' not in first
    link = next_page_link(first)
    assert "q=paged+unified" in link and "direction=descending" in link and "page=2" in link

    second = dashboard(client, link.removeprefix("/"))
    assert in_order(second) == names[50:]
    assert "LEAs 51 to 53 of 53" in second and 'rel="next"' not in second
    assert sorted_header(second) == ("LEA", "descending")
    # A page past the last shows the last.
    assert in_order(dashboard(client, "?q=paged unified&page=9")) == sorted(names)[50:]


def test_a_county_office_user_pages_through_their_county_only(
    client: FlaskClient, session: Session
) -> None:
    office = paged_county(session, 52)
    sign_in(client, make_user(session, Role.COE_STAFF, county_office=office))

    first = dashboard(client)
    second = dashboard(client, next_page_link(first).removeprefix("/"))

    listed = in_order(first) + in_order(second)
    assert listed == [f"Paged Unified School District {n:02d}" for n in range(52)]
    assert "52 LEAs · " in first
