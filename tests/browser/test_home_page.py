from collections.abc import Callable

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

IUSD = "Inglewood Unified School District"


def test_home_page_shows_iusd_headline_counts(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    sign_in_page(page, live_server, make_account(Role.VIEWER))
    response = page.goto(f"{live_server.url}/")

    assert response is not None and response.ok
    iusd_row = page.get_by_role("row").filter(has_text=IUSD)
    expect(iusd_row).to_have_count(1)
    expect(iusd_row).to_contain_text("19 completed / 41 in progress / 6 not started")
    assert_accessible(page)
