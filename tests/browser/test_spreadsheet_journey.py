"""A CCEE lead imports a SIR's actions from a spreadsheet, by clicking from the dashboard:
downloads the template, fills it in, uploads it, reads the dry run, confirms, and sees the new
counts on the SIR page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
from playwright.sync_api import Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.leas.models import CountyOffice, Engagement, EngagementMode, Lea, LeaKind, Pathway
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import Role, User
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible


def an_lea_with_an_empty_sir(live_server: LiveServer, lead: Account) -> str:
    """A new LEA led by ``lead`` with a SIR of no actions yet (the live database is shared)."""
    name = f"Juniper{uuid.uuid4().hex[:6]} Unified"
    database = Database(live_server.database_url)
    try:
        with transaction(database.writers) as session:
            office = session.scalars(select(CountyOffice).order_by(CountyOffice.id)).first()
            user = session.scalars(select(User).where(User.email == lead.email)).one()
            lea = Lea(
                name=name,
                kind=LeaKind.DISTRICT,
                cds_code=f"97{uuid.uuid4().int % 10**5:05d}",
                county_office=office,
            )
            session.add(
                Engagement(
                    lea=lea,
                    pathway=Pathway.PRIMARY,
                    mode=EngagementMode.COLLABORATIVE_PLANNING,
                    started_on=date(2024, 1, 1),
                    ccee_lead=user,
                )
            )
            session.add(Sir(lea=lea, title="Review of 2025"))
    finally:
        database.engine.dispose()
    return name


def filled_in(template: Path, out: Path) -> Path:
    """The template with its example rows replaced by four actions under two themes."""
    book = openpyxl.load_workbook(template)
    themes = book["Themes"]
    themes.delete_rows(2)
    themes.append(["Coherence"])
    themes.append(["Professional learning"])
    findings = book["Findings"]
    findings.delete_rows(2)
    findings.append([9, "weakness", "Coaching reaches a third of the classrooms."])
    actions = book["Actions"]
    actions.delete_rows(2)
    for code, component, text, theme, status in (
        ("1.1", 1, "Adopt a strategic plan.", "Coherence", "completed"),
        ("1.2", 1, "Align school plans to it.", "Coherence", "in progress"),
        ("9.1", 9, "Coach every grade-level team.", "Professional learning", "in progress"),
        ("9.2", 9, "Train coaches in observation.", "Professional learning", ""),
    ):
        actions.append([code, component, text, "Cabinet", theme, "2026-06-30", status, "", "", ""])
    book.save(out)
    return out


def test_a_lead_imports_a_filled_in_template_from_the_sir_page(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account], tmp_path: Path
) -> None:
    lead = make_account(Role.CCEE_LEAD)
    lea_name = an_lea_with_an_empty_sir(live_server, lead)
    sign_in_page(page, live_server, lead)

    page.get_by_role("link", name=lea_name, exact=True).click()
    page.get_by_role("rowheader").get_by_role("link", name="Review of 2025").click()
    expect(page.locator(".sir-headline")).to_contain_text("No recommended actions yet.")
    page.get_by_role("link", name="Import or export (spreadsheet)").click()
    expect(page.get_by_role("heading", name="Spreadsheets of Review of 2025")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="import template (XLSX)").click()
    template = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(template)
    assert template.name == "sir-import-template.xlsx"
    upload = filled_in(template, tmp_path / "review-2025.xlsx")

    page.get_by_label("Spreadsheet to import (XLSX or CSV)").set_input_files(upload)
    page.get_by_role("button", name="See the dry run").click()
    expect(page.get_by_role("heading", name="Dry run: importing review-2025.xlsx")).to_be_visible()
    expect(page.locator("#import-summary")).to_have_text(
        "Importing this file would write: 4 actions to create, 0 to change, 0 left as they are; "
        "2 themes and 1 finding to create."
    )
    expect(page.get_by_role("table").first).to_contain_text("Coaching reaches a third")
    assert_accessible(page)

    page.get_by_role("button", name="Import: create 4 actions, add 2 themes, add 1 finding").click()
    expect(page.get_by_role("heading", name="Review of 2025", level=1)).to_be_visible()
    expect(page.locator(".usa-alert--success")).to_contain_text("Imported review-2025.xlsx")
    expect(page.locator(".sir-headline__counts")).to_have_text(
        "1 completed / 2 in progress / 1 not started"
    )
    assert_accessible(page)
