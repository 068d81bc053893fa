"""A board member sets the dashboard's date to a past day and clicks through to an LEA and its
SIR, which stay as of that day, then goes back to today."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

IUSD = "Inglewood Unified School District"
# The figures of IUSD's status report as of 30 June 2020 (tests/reports/test_lea_report.py).
JUNE_2020 = "7 completed / 41 in progress / 18 not started"
BANNER = "As of 30 June 2020."


def test_a_viewer_sets_a_past_day_and_clicks_through_to_the_sir(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    sign_in_page(page, live_server, make_account(Role.VIEWER))

    page.get_by_label("Show figures as of").fill("2020-06-30")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(IUSD))).to_contain_text(JUNE_2020)
    expect(page.get_by_label("Show figures as of")).to_have_value("2020-06-30")
    assert_accessible(page)

    page.get_by_role("table").get_by_role("link", name=IUSD, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(IUSD)
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("Systemic Instructional Review"))
    ).to_contain_text(JUNE_2020)
    assert_accessible(page)

    page.get_by_role("link", name=f"{IUSD} Systemic Instructional Review").first.click()
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_visible()
    expect(page.locator(".sir-headline__counts")).to_have_text(JUNE_2020)
    assert "as_of=2020-06-30" in page.url
    assert_accessible(page)

    page.get_by_role("link", name="Back to today").click()
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_have_count(0)
    expect(page.locator(".sir-headline__counts")).not_to_have_text(JUNE_2020)
    assert "as_of" not in page.url
