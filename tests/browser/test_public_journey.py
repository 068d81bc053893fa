"""The public pages and the account's API tokens in a real browser, by clicking only: a lead
publishes the public summary of IUSD's latest quarterly review and reads it on the public page
as a visitor would; makes an API token on the account page; every page passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible
from tests.browser.test_journeys import IUSD

SUMMARY = "Inglewood shared its spring literacy results with families."


def test_a_visitor_reads_the_published_progress(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/progress")
    expect(page.get_by_role("heading", name="Exited Direct Technical Assistance")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=IUSD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IUSD)
    expect(page.get_by_role("heading", name="Action implementation status")).to_be_visible()
    expect(page.get_by_text("exited Direct Technical Assistance on 30 June 2022")).to_be_visible()
    assert_accessible(page)
    for width in (1280, 768, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(
        page.get_by_role("heading", name="Estado de implementación de las acciones")
    ).to_be_visible()
    # The live database is shared by the browser tests, some of which change IUSD's statuses.
    headline = re.compile(r"^\d+ completadas / \d+ en curso / \d+ sin iniciar$")
    expect(page.locator(".headline")).to_have_text(headline)
    assert_accessible(page)
    page.get_by_role("link", name="Progreso publicado").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Progreso de las LEA en Asistencia Técnica Directa"
    )
    expect(page.get_by_text("30 de junio de 2022")).to_be_visible()
    for width in (1280, 768, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_lead_publishes_a_summary_and_makes_an_api_token(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    sign_in_page(page, live_server, make_account(Role.ADMIN))
    page.get_by_role("link", name=IUSD).first.click()
    page.get_by_role("link", name="15 June 2021").last.click()  # in the meetings list
    page.get_by_role("link", name="Public summary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Public summary")
    assert_accessible(page)
    page.get_by_label("Public summary").fill(SUMMARY)
    # USWDS draws the box on the label; the input itself is visually hidden.
    page.locator("label", has_text="Publish it on the LEA's public progress page").click()
    expect(page.get_by_label("Publish it on the LEA's public progress page")).to_be_checked()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The public summary is published.")).to_be_visible()

    page.get_by_role("link", name="Published progress").first.click()
    page.get_by_role("link", name=IUSD).click()
    expect(page.get_by_text(SUMMARY)).to_be_visible()

    page.get_by_role("link", name="Account").click()
    expect(page.get_by_label("Name of the token")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name of the token").fill("County dashboard")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("sirt_")
    assert_accessible(page)
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("row", name="County dashboard")).to_be_visible()
    assert token not in page.content()
    page.get_by_role("button", name="Revoke County dashboard").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    page.get_by_role("link", name="SIR Tracker API").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("SIR Tracker API")
    assert_accessible(page)
