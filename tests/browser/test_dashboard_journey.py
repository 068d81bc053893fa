"""A CCEE lead narrows the dashboard: searches it, sorts it by a column, opens "My LEAs"."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import CountyOffice, Engagement, EngagementMode, Lea, LeaKind, Pathway
from sir_tracker.users.models import Role, User
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible


def lead_two_new_leas(live_server: LiveServer, lead: Account, word: str) -> list[str]:
    """Two LEAs named with ``word``, the first led by ``lead`` and the second by nobody (the
    live database is shared: the demo's leads may have changed)."""
    database = Database(live_server.database_url)
    names = [f"{word} Heights Unified", f"{word} Valley Unified"]
    try:
        with transaction(database.writers) as session:
            office = session.scalars(select(CountyOffice).order_by(CountyOffice.id)).first()
            user = session.scalars(select(User).where(User.email == lead.email)).one()
            for n, name in enumerate(names):
                lea = Lea(
                    name=name,
                    kind=LeaKind.DISTRICT,
                    cds_code=f"98{uuid.uuid4().int % 10**5:05d}",
                    county_office=office,
                )
                session.add(
                    Engagement(
                        lea=lea,
                        pathway=Pathway.PRIMARY,
                        mode=EngagementMode.COLLABORATIVE_PLANNING,
                        readiness=None,
                        started_on=date(2024, 1, 1),
                        ccee_lead=user if n == 0 else None,
                    )
                )
    finally:
        database.engine.dispose()
    return names


def test_a_lead_searches_sorts_and_opens_my_leas(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    lead = make_account(Role.CCEE_LEAD)
    word = f"Zephyr{uuid.uuid4().hex[:6]}"
    led, other = lead_two_new_leas(live_server, lead, word)
    sign_in_page(page, live_server, lead)
    table = page.get_by_role("table")

    page.get_by_label("Search by LEA name, county or CDS code").fill(word.lower())
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("2 LEAs ·")).to_be_visible()
    expect(table.get_by_role("link", name=led, exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=other, exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="LEA (sort descending)").click()
    sorted_by = page.get_by_role("columnheader", name="LEA (sort ascending)", exact=True)
    expect(sorted_by).to_have_attribute("aria-sort", "descending")
    names = table.locator("tbody th > a").all_inner_texts()
    assert names == [other, led]
    expect(page.get_by_label("Search by LEA name, county or CDS code")).to_have_value(word.lower())

    page.get_by_role("link", name="My LEAs").click()
    expect(page.get_by_text("1 LEA ·")).to_be_visible()
    expect(table.get_by_role("link", name=led, exact=True)).to_be_visible()
    expect(table.get_by_role("link", name=other, exact=True)).to_have_count(0)
    expect(table.get_by_role("row", name=led)).to_contain_text(lead.name)
    expect(page.get_by_role("link", name=f"Record a quarterly meeting of {led}")).to_be_visible()
    assert_accessible(page)
