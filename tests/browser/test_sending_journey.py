"""An admin keeps a distribution list and sends an archived report to it, by clicking from the
dashboard; the archive then records the sending (the e-mails are the worker's, tested in
tests/reports/test_distribution.py)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pikepdf
from playwright.sync_api import Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.leas.models import Lea
from sir_tracker.reports.models import Audience, ReportKind
from sir_tracker.reports.operations import RenderedReport, archive_report
from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

LEA = "Riverlight Academy Charter School"


def archive_a_report(live_server: LiveServer) -> None:
    """A report in the archive, as the worker leaves one (a one-page PDF: its layout is not
    what this journey is about)."""
    with pikepdf.Pdf.new() as document:
        document.add_blank_page()
        out = io.BytesIO()
        document.save(out)
    database = Database(live_server.database_url)
    try:
        with transaction(database.writers) as session:
            lea = session.scalars(select(Lea).where(Lea.name == LEA)).one()
            rendered = RenderedReport.of(
                ReportKind.LEA, lea_id=lea.id, as_of=date(2026, 6, 30), audience=Audience.BOARD,
                filename="riverlight-journey.pdf", pdf=out.getvalue(), pages=1,
                generated_at=utcnow(),
            )  # fmt: skip
            archive_report(session, rendered, by=None)
    finally:
        database.engine.dispose()


def test_an_admin_sends_a_report_from_the_archive_to_a_list_and_sees_it_recorded(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    archive_a_report(live_server)
    admin = make_account(Role.ADMIN)
    sign_in_page(page, live_server, admin)

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Distribution lists"
    ).click()
    page.get_by_label("Name of the list").fill("Board members (journey)")
    page.get_by_role("button", name="Add the list").click()
    expect(page.get_by_role("heading", name="Board members (journey)", level=1)).to_be_visible()
    for name, email in (
        ("Ana Board", "ana@board.example.org"),
        ("Ben Board", "ben@board.example.org"),
    ):
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("E-mail address").fill(email)
        page.get_by_role("button", name="Add the member").click()
        expect(page.get_by_role("cell", name=email)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Report archive").click()
    assert_accessible(page)
    # The newest report first: the one just archived.
    newest = page.locator(".archive-report", has_text=f"LEA status report: {LEA}").first
    newest.get_by_role("link", name="Send to a list").click()
    assert_accessible(page)
    page.get_by_label("Distribution list").select_option(label="Board members (journey)")
    page.get_by_label("Message").fill("For the June meeting.")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_text("goes to Board members (journey) (2 members)")).to_be_visible()
    recorded = page.locator(".archive-report__sendings li", has_text="Board members (journey)")
    expect(recorded.first).to_contain_text(
        f"{admin.name} sent this version to Board members (journey) (2 members): 2 waiting"
    )
