"""Quarter over quarter in a real browser: IUSD's LEA page with its trend chart, its pre-read
(on screen and as printed), and the dashboard's flags pass axe-core."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible
from tests.browser.test_journeys import IUSD, iusd_id


def test_a_viewer_reads_iusd_quarter_over_quarter_and_its_pre_read(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    sign_in_page(page, live_server, make_account(Role.VIEWER))
    assert_accessible(page)  # the dashboard, with its flags
    expect(page.locator(".flag", has_text="stalled").first).to_be_visible()

    page.get_by_role("link", name=IUSD).first.click()
    expect(page.get_by_role("heading", name="Quarter over quarter")).to_be_visible()
    chart = page.get_by_role("img", name="Recommended actions by status at each quarterly meeting")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150
    expect(
        page.get_by_role("cell", name="+3 completed, -1 in progress, -2 not started")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Pre-read for the next meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pre-read: {IUSD}")
    expect(page.get_by_text("Mid-year literacy assessment completion")).to_be_visible()
    expect(page.get_by_text("85%", exact=True).first).to_be_visible()
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".usa-breadcrumb")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url == f"{live_server.url}/leas/{iusd_id(live_server)}/pre-read"
