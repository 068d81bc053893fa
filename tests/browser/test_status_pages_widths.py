"""The status pages at tablet and phone widths, in a real browser: the SIR page, the bulk status
form (filtered, and with errors), the action page, its edit form and the single status update
page fit the viewport at 768 and 375 px, reached from the dashboard by clicking; and the bulk
form is usable by keyboard, keeps its save bar in view and points at the rows in error."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import VIEWPORT, Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible, assert_no_sideways_scroll
from tests.browser.test_journeys import IUSD

NARROW_WIDTHS = (768, 375)
COMPONENT_1 = "1. Culture, Coherence, and the Planning Process"


def check_widths(page: Page) -> None:
    """The page as it is now, at each narrow width: no sideways scroll; axe clean at the
    phone's, where the tables are stacked and the layout changes most (axe on a 66-row page
    takes a second; the same page at the desktop width is checked by the journeys)."""
    for width in NARROW_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.set_viewport_size(VIEWPORT)


def open_iusd_sir(page: Page, live_server: LiveServer, account: Account) -> None:
    """Sign in, then from the dashboard, by clicking: IUSD's SIR page."""
    sign_in_page(page, live_server, account)
    page.get_by_role("link", name=IUSD).first.click()
    page.get_by_role("link", name=re.compile("Systemic Instructional Review")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Systemic Instructional Review")


def test_the_status_pages_fit_tablets_and_phones(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    open_iusd_sir(page, live_server, make_account(Role.ADMIN))
    check_widths(page)

    # The SIR page's action text gets the whole width once its table is stacked.
    page.set_viewport_size({"width": 768, "height": 900})
    text = page.locator(".sir-actions tbody tr").first.locator("td").first
    box = text.bounding_box()
    assert box is not None and box["width"] > 600
    page.set_viewport_size(VIEWPORT)

    # The single status update page: an update sent from the SIR page without its note.
    first = page.locator(".sir-actions tbody tr").first
    first.locator("summary").click()
    first.get_by_label("New status").select_option(index=1)
    first.get_by_role("button", name="Update", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Update the status of action")
    expect(page.get_by_role("alert").filter(has_text="Nothing was saved")).to_be_visible()
    check_widths(page)

    # The action page and its edit form.
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role(
        "link", name=re.compile(r"^Action ")
    ).click()
    expect(page.get_by_role("heading", name="Update the status")).to_be_visible()
    check_widths(page)
    page.get_by_role("link", name="Edit action").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit action")
    check_widths(page)

    # The bulk form, whole, filtered, and refused with its errors listed.
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role(
        "link", name=re.compile(r"^Action ")
    ).click()
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role(
        "link", name=re.compile("Systemic Instructional Review")
    ).click()
    page.get_by_role("link", name="Update many statuses").click()
    check_widths(page)
    page.get_by_label("Component").select_option(label=COMPONENT_1)
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text(re.compile(r"^\d+ of 66 actions shown\."))).to_be_visible()
    check_widths(page)
    page.get_by_label("New status of action 1.1", exact=True).select_option(label="Completed")
    page.get_by_role("button", name="Save every change").click()
    expect(page.get_by_role("alert").filter(has_text="Nothing was saved")).to_be_visible()
    check_widths(page)


def test_the_bulk_form_walks_row_by_row_keeps_its_save_bar_in_view_and_links_its_errors(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    open_iusd_sir(page, live_server, make_account(Role.ADMIN))
    page.get_by_role("link", name="Update many statuses").click()

    # Tab walks each row's status, then its note (then its evidence link), then the next row.
    page.get_by_label("New status of action 1.1", exact=True).focus()
    walked = []
    for _ in range(4):
        page.keyboard.press("Tab")
        walked.append(page.evaluate("document.activeElement.labels[0].textContent"))
    assert walked == [
        "Note on action 1.1",
        "Evidence link (optional) for action 1.1",
        "New status of action 1.2",
        "Note on action 1.2",
    ]

    # Halfway down the 66 rows, the save button is still on screen, and says what is unsaved.
    page.get_by_label("New status of action 1.2", exact=True).select_option(label="Completed")
    middle = page.get_by_label("Note on action 6.1", exact=True)
    middle.scroll_into_view_if_needed()
    save = page.get_by_role("button", name="Save every change")
    expect(save).to_be_in_viewport()
    expect(page.get_by_text("1 row filled in, not saved yet.")).to_be_in_viewport()

    # Filtering would drop that row: the page asks first, and staying keeps it.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_label("Component").select_option(label=COMPONENT_1)
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_label("New status of action 1.2", exact=True)).to_have_value("completed")
    assert "component=" not in page.url

    # Saved without a note: refused, listed at the top, each link leading to its marked row.
    page.get_by_label("New status of action 6.1", exact=True).select_option(label="Completed")
    save.click()
    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_be_visible()
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    expect(page.locator(".bulk-status__row--error")).to_have_count(2)
    links.nth(1).click()
    target = page.locator(":target")
    expect(target).to_have_accessible_name("New status of action 6.1")
    expect(target).to_be_in_viewport()
    expect(page.locator(".bulk-status__row--error").filter(has=target)).to_have_count(1)
    assert_accessible(page)
