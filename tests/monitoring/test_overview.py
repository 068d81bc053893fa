"""The dashboard's listing worked out by the database (count, summary, sort, page) gives the
rows, in the order and with the counts, that sorting every LEA's row in Python gives: for
every column the database sorts by, both ways, on every page, for every kind of viewer."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import today as pacific_today
from sir_tracker.leas.operations import archive_lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring import overview as overview_module
from sir_tracker.monitoring.overview import DIRECTIONS, SQL_SORTS, Listing, Overview, overview
from sir_tracker.users.models import Role, User
from tests.support import builders
from tests.support.auth import make_user

SAMUEL = "samuel.okafor@demo.sir-tracker.example"
PAGE = 2  # small pages, so that the demo's LEAs fill several


def every_page(session: Session, user: User, listing: Listing, today: date) -> list[Overview]:
    first = overview(session, user, today=today, listing=listing)
    return [first] + [
        overview(
            session,
            user,
            today=today,
            listing=Listing(listing.search, listing.mine, listing.sort, listing.descending, page),
        )
        for page in range(2, first.page_count + 1)
    ]


@pytest.fixture
def varied(session: Session) -> dict[str, User]:
    """The demo with what a sort must place: an LEA with no SIR, with no engagement, one
    archived, a tie on the lead and on the last meeting, and a meeting this quarter."""
    admin = make_user(session, Role.ADMIN)
    # The demo's lead of Harbor Oaks, Mesa Linda and Piedra Azul, leading two more.
    lead = session.scalars(select(User).where(User.email == SAMUEL)).one()
    first = builders.lea_in_dta(session, lead)
    second = builders.lea_in_dta(session, lead, actions=5)
    second.county_office = first.county_office
    for led in (first, second):
        led.engagements[0].ccee_lead = lead
    builders.lea(session, first.county_office)  # no engagement, no SIR
    archive_lea(session, builders.lea_in_dta(session, lead), by=admin)
    session.add(Meeting(lea=second, held_on=pacific_today(), kind=MeetingKind.QUARTERLY))
    session.flush()
    coe = make_user(session, Role.COE_STAFF, county_office=first.county_office)
    # What another request reads: committed, with the figures kept on commit.
    session.commit()
    return {"admin": admin, "lead": lead, "coe": coe, "viewer": make_user(session, Role.VIEWER)}


@pytest.mark.parametrize("who", ["admin", "viewer", "coe", "lead mine", "admin searched"])
def test_the_database_s_listing_is_the_one_sorting_every_row_gives(
    session: Session, varied: dict[str, User], monkeypatch: pytest.MonkeyPatch, who: str
) -> None:
    today = pacific_today()
    user = varied[who.split()[0]]
    for sort in SQL_SORTS:
        for direction in DIRECTIONS:
            listing = Listing.of(
                search="unified" if who.endswith("searched") else "",
                mine=who.endswith("mine"),
                sort=sort,
                direction=direction,
                page=1,
            )
            with monkeypatch.context() as paged:
                every = overview(
                    session, user, today=today, listing=dataclasses.replace(listing, page=None)
                )
                assert every.total > PAGE, "the listing spans several pages"
                paged.setattr(overview_module, "PAGE_SIZE", PAGE)
                pages = every_page(session, user, listing, today)
            where = f"sorted by {sort}, {direction}"
            shown = [row.id for page in pages for row in page.rows]
            assert shown == [row.id for row in every.rows], where
            assert all(len(page.rows) == PAGE for page in pages[:-1]), where
            for page in pages:
                assert (page.total, page.missing_quarterly, page.has_demo) == (
                    every.total,
                    every.missing_quarterly,
                    every.has_demo,
                ), where
                assert [row.id for row in page.archived] == [row.id for row in every.archived]
            if who == "coe":
                assert user.county_office is not None
                counties = {row.county for page in pages for row in page.rows}
                assert counties == {user.county_office.county}, where


def test_a_page_past_the_last_shows_the_last(session: Session, varied: dict[str, User]) -> None:
    today = pacific_today()
    last = overview(session, varied["viewer"], today=today, listing=Listing(page=999))
    every = overview(session, varied["viewer"], today=today, listing=Listing(page=None))
    assert last.page == last.page_count == 1
    assert [row.id for row in last.rows] == [row.id for row in every.rows][: len(last.rows)]
