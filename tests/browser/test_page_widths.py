"""Every signed-in page (but the status pages: the SIR page, the action page, the status update
and bulk forms), the sign-in, error and public pages fit a 768 px tablet and a 375 px phone:
no sideways page scroll, tables reflowed into cards rather than scrolled, axe clean.

One browser context walks the pages once at the phone's width: it opens a missing page, then
moves by clicking only, signed in as an administrator and then as a county office user of Los
Angeles County (IUSD's). Each page reached is checked at the phone's width and, resized, at the
tablet's (a resize applies the media queries as a load at that width does): one walk instead of
one per width, which had loaded every page twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.reports.models import Audience, JobState, ReportJob, ReportKind
from sir_tracker.users.models import Role, User
from tests.browser.conftest import DEFAULT_TIMEOUT_MS, Account, LiveServer
from tests.browser.support import assert_accessible, assert_no_sideways_scroll

IUSD = "Inglewood Unified School District"
# The phone's width first: the walk clicks at it, and axe runs at it.
PHONE, TABLET = 375, 768
HEIGHT = 900


@pytest.fixture
def narrow_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": PHONE, "height": HEIGHT})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def failed_packet_of(live_server: LiveServer, account: Account) -> None:
    """A board packet job that ``account`` asked for and that failed, so that the packets page
    lists one and its job page can be reached. A failed job is never claimed by a worker: the
    packet journey's worker still runs only the job it asks for."""
    database = Database(live_server.database_url)
    try:
        with transaction(database.writers) as session:
            user = session.scalars(select(User).where(User.email == account.email)).one()
            iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
            asked = utcnow() - timedelta(minutes=5)
            session.add(
                ReportJob(
                    kind=ReportKind.BOARD_PACKET,
                    state=JobState.FAILED,
                    as_of=date(2026, 6, 30),
                    audience=Audience.BOARD,
                    lea_ids=[iusd.id],
                    requested_by=user,
                    requested_at=asked,
                    started_at=asked,
                    finished_at=asked,
                    sections_total=1,
                    message="The worker stopped: try again.",
                )
            )
    finally:
        database.engine.dispose()


def fits(page: Page, heading: str, *, reflows: bool = False) -> None:
    """The page reached has ``heading`` (in any case) in its title and does not scroll
    sideways at the phone's width nor at the tablet's. A page whose tables reflow at these
    widths is also axe clean at the phone's, where its layout changes most (axe takes most of
    this test's time; the other pages, and the wider layouts, are checked by the other browser
    tests)."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile(re.escape(heading), re.IGNORECASE)
    )
    assert_no_sideways_scroll(page)
    if reflows:
        assert_accessible(page)
    page.set_viewport_size({"width": TABLET, "height": HEIGHT})
    try:
        assert_no_sideways_scroll(page)
    finally:
        page.set_viewport_size({"width": PHONE, "height": HEIGHT})


def click(target: Locator) -> None:
    target.click()
    target.page.wait_for_load_state()


def sign_in(page: Page, account: Account) -> None:
    page.get_by_label("Email address").fill(account.email)
    page.get_by_label("Password").fill(account.password)
    click(page.get_by_role("button", name="Sign in"))


def nav(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def walk_as_admin(page: Page) -> None:
    link = page.get_by_role("link")
    button = page.get_by_role("button")
    fits(page, "LEAs and their recommended actions", reflows=True)

    click(link.filter(has_text="Board packet (PDF)"))
    fits(page, "Board packets", reflows=True)
    jobs = page.get_by_role("table").filter(has_text="Prepared for")
    click(jobs.get_by_role("rowheader").first.get_by_role("link"))
    fits(page, "Board packet")
    click(nav(page, "Dashboard"))

    click(page.get_by_role("link", name="Add an LEA"))
    fits(page, "Add an LEA")
    click(page.get_by_role("link", name="Cancel"))

    click(page.get_by_role("link", name=IUSD, exact=True))
    fits(page, IUSD, reflows=True)
    for button_name, heading in [
        ("Edit LEA", "Edit"),
        ("Edit engagement", "engagement"),
        ("Archive", "Archive"),
        ("Add a SIR", "SIR"),
        ("Record a quarterly meeting", "meeting"),
    ]:
        click(page.get_by_role("link", name=button_name, exact=True).first)
        fits(page, heading)
        click(page.get_by_role("link", name="Cancel"))

    click(page.get_by_role("link", name=f"Status reports generated for {IUSD}"))
    fits(page, "Status reports", reflows=True)
    click(page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name=IUSD))

    click(page.get_by_role("link", name="Pre-read for the next meeting"))
    fits(page, "Pre-read", reflows=True)
    click(page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name=IUSD))

    meetings = page.get_by_role("table").filter(has_text="School quarter").last
    click(meetings.get_by_role("rowheader").first.get_by_role("link"))
    fits(page, "Meeting of", reflows=True)
    click(page.get_by_role("link", name="Edit meeting"))
    fits(page, "meeting", reflows=True)
    click(page.get_by_role("link", name="Cancel"))
    click(page.get_by_role("link", name="Archive meeting…"))
    fits(page, "Archive")
    click(page.get_by_role("link", name="Cancel"))
    click(page.locator("#sign-off").get_by_role("link"))
    fits(page, "Sign", reflows=True)
    click(page.get_by_role("link", name=re.compile("^(Cancel|Back to the meeting)$")).first)
    click(page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name=IUSD))

    # The SIR page itself is another page's business; the forms it leads to are checked here.
    sirs = page.get_by_role("table").filter(has_text="Report date")
    click(sirs.get_by_role("rowheader").first.get_by_role("link"))
    click(page.get_by_role("link", name="Edit SIR"))
    fits(page, "Edit")
    click(page.get_by_role("link", name="Cancel"))
    click(page.get_by_role("link", name="Add an action", exact=True).first)
    fits(page, "action")
    click(page.get_by_role("link", name="Cancel"))
    click(page.locator(".sir-actions").first.get_by_role("link").first)
    click(page.get_by_role("link", name="Edit action"))
    fits(page, "action", reflows=True)

    click(nav(page, "Users"))
    fits(page, "Users", reflows=True)
    click(page.get_by_role("link", name="Add a user"))
    fits(page, "user")
    click(page.get_by_role("link", name="Cancel"))
    users = page.get_by_role("table")
    click(users.get_by_role("rowheader").first.get_by_role("link"))
    fits(page, "Edit")

    click(nav(page, "Audit log"))
    fits(page, "Audit log", reflows=True)

    click(page.get_by_role("banner").get_by_role("link", name="Account"))
    fits(page, "Account")
    click(page.get_by_role("link", name="Change your password"))
    fits(page, "password")

    click(page.get_by_role("contentinfo").get_by_role("link", name="Published progress"))
    fits(page, "Progress of LEAs", reflows=True)
    published = page.get_by_role("table").get_by_role("rowheader").first.get_by_role("link")
    name = published.inner_text()
    click(published)
    fits(page, name)

    click(button.filter(has_text="Sign out"))


def walk_as_county_office(page: Page) -> None:
    fits(page, "LEAs and their recommended actions")
    # Only the county's LEAs: Inglewood is in Los Angeles County, Piedra Azul in Fresno.
    expect(page.get_by_role("link", name="Piedra Azul Unified School District")).to_have_count(0)

    click(page.get_by_role("link", name=IUSD, exact=True))
    fits(page, IUSD)
    click(page.get_by_role("link", name="Pre-read for the next meeting"))
    fits(page, "Pre-read")
    click(page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name=IUSD))
    meetings = page.get_by_role("table").filter(has_text="School quarter").last
    click(meetings.get_by_role("rowheader").first.get_by_role("link"))
    fits(page, "Meeting of")

    click(nav(page, "Dashboard"))
    click(page.get_by_role("link", name="Board packet (PDF)"))
    fits(page, "Board packets")
    jobs = page.get_by_role("table").filter(has_text="Prepared for")
    click(jobs.get_by_role("rowheader").first.get_by_role("link"))
    fits(page, "Board packet")


def test_no_page_scrolls_sideways_on_a_tablet_or_a_phone(
    narrow_page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    page = narrow_page
    admin = make_account(Role.ADMIN)
    county = make_account(Role.COE_STAFF, county="Los Angeles")
    failed_packet_of(live_server, county)

    page.goto(f"{live_server.url}/no-such-page")
    fits(page, "Page not found")
    click(page.get_by_role("link", name="Back to the dashboard"))
    fits(page, "Sign in")

    sign_in(page, admin)
    walk_as_admin(page)
    fits(page, "Sign in")

    sign_in(page, county)
    walk_as_county_office(page)
