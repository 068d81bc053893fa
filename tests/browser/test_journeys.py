"""The main journeys, in a real browser: an admin sets up a CCEE lead, the lead updates many
statuses after a quarterly meeting, and a county office user of another county is kept out."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

IUSD = "Inglewood Unified School District"
HEADLINE = re.compile(r"(\d+) completed / (\d+) in progress / (\d+) not started")


def iusd_id(live_server: LiveServer) -> int:
    database = Database(live_server.database_url)
    try:
        with transaction(database.writers) as session:
            return session.scalars(select(Lea.id).where(Lea.name == IUSD)).one()
    finally:
        database.engine.dispose()


def counts_on(page: Page, selector: str) -> tuple[int, int, int]:
    found = HEADLINE.search(page.locator(selector).first.inner_text())
    assert found, f"no headline in {selector}"
    completed, in_progress, not_started = (int(n) for n in found.groups())
    return completed, in_progress, not_started


def test_admin_sets_up_a_lead_who_bulk_updates_five_iusd_actions(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    admin = make_account(Role.ADMIN)
    lead_email, lead_password = "jordan.rivera@ccee.example", "quarterly review 2021"

    # The admin creates the CCEE lead's account...
    sign_in_page(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/users/new")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Jordan Rivera")
    page.get_by_label("Email address").fill(lead_email)
    page.get_by_label("Role").select_option(label="CCEE lead")
    page.get_by_label("Initial password", exact=True).fill(lead_password)
    page.get_by_label("Repeat the initial password").fill(lead_password)
    page.get_by_role("button", name=re.compile("Create", re.I)).click()
    expect(page.get_by_text(lead_email).first).to_be_visible()

    # ...and makes them IUSD's lead.
    page.goto(f"{live_server.url}/leas/{iusd_id(live_server)}/engagement")
    page.get_by_label("CCEE lead").select_option(label="Jordan Rivera")
    page.get_by_role("button", name=re.compile("Save", re.I)).click()
    expect(page.get_by_text("Jordan Rivera").first).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # The lead signs in and opens IUSD's SIR from the dashboard.
    sign_in_page(page, live_server, Account(lead_email, lead_password, "Jordan Rivera"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=IUSD).first.click()
    page.get_by_role("link", name=re.compile("Systemic Instructional Review")).first.click()
    before = counts_on(page, ".sir-headline__counts")
    assert_accessible(page)

    # After the quarterly meeting: five actions in progress are now completed, each with a note.
    page.get_by_role("link", name="Update many statuses").click()
    assert_accessible(page)
    rows = page.locator("tbody tr").filter(has=page.locator(".status-tag--in_progress"))
    for n in range(5):
        row = rows.nth(n)
        row.get_by_label(re.compile("New status of action")).select_option(label="Completed")
        row.get_by_label(re.compile("Note on action")).fill(f"Completed: evidence shown, item {n}")
    page.get_by_role("button", name="Save every change").click()

    expect(page.get_by_text(re.compile("5 statuses updated"))).to_be_visible()
    after = counts_on(page, ".sir-headline__counts")
    assert after == (before[0] + 5, before[1] - 5, before[2])

    # The history of a changed action shows the lead's note.
    page.get_by_role("link", name=re.compile(r"^\d+\.\d+$")).first.click()
    assert_accessible(page)


def test_a_county_office_user_of_another_county_is_refused_iusd(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    fresno = make_account(Role.COE_STAFF, county="Fresno")
    sign_in_page(page, live_server, fresno)

    expect(page.get_by_role("link", name="Piedra Azul Unified School District")).to_be_visible()
    expect(page.get_by_role("link", name=IUSD)).to_have_count(0)

    response = page.goto(f"{live_server.url}/leas/{iusd_id(live_server)}")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
