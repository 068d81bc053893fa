"""The quarterly cycle by clicking only: a CCEE lead records a quarterly meeting from the LEA
page, updates ten statuses at it with notes, adds two progress notes and lands back on the
meeting, which lists all twelve with their titles; then the county office reaches those
changes from its dashboard in one click."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.core.pacific_time import at_local
from sir_tracker.leas.models import CountyOffice, Engagement, EngagementMode, Lea, LeaKind, Pathway
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Component, Sir
from sir_tracker.reviews.operations import add_action
from sir_tracker.users.models import Role, User
from tests.browser.conftest import VIEWPORT, Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible
from tests.browser.test_meeting_journey import meeting_day

COUNTY = "Fresno"
TITLES = [
    "Adopt a districtwide literacy framework for TK-3",
    "Publish pacing guides for English language arts",
    "Train every TK-3 teacher in foundational skills",
    "Set a common formative assessment calendar",
    "Form an instructional leadership team at each school",
    "Hold monthly data chats with principals",
    "Launch a family literacy night at every school",
    "Coach new principals through observation cycles",
    "Align intervention blocks across elementary schools",
    "Report literacy progress to the board each quarter",
    "Move attendance records into the student information system",
    "Run board study sessions on the instructional vision",
]


def new_lea_led_by(live_server: LiveServer, lead: Account, day: date) -> str:
    """An LEA of its own (the live database is shared) in the county office's county, led by
    ``lead``, with a SIR of twelve actions (the last two in progress) and a quarterly meeting
    last quarter."""
    database = Database(live_server.database_url)
    name = f"Sierra {uuid.uuid4().hex[:5].upper()} Unified School District"
    try:
        with transaction(database.writers) as session:
            user = session.scalars(select(User).where(User.email == lead.email)).one()
            office = session.scalars(
                select(CountyOffice).where(CountyOffice.county == COUNTY)
            ).one()
            lea = Lea(
                name=name,
                kind=LeaKind.DISTRICT,
                cds_code=f"10{uuid.uuid4().int % 10**5:05d}",
                county_office=office,
            )
            session.add(
                Engagement(
                    lea=lea,
                    pathway=Pathway.PRIMARY,
                    mode=EngagementMode.COLLABORATIVE_PLANNING,
                    readiness=None,
                    started_on=date(2024, 1, 1),
                    ccee_lead=user,
                )
            )
            sir = Sir(lea=lea, title="Sierra SIR 2024", report_date=date(2024, 1, 15))
            session.add(sir)
            component = session.scalars(select(Component).order_by(Component.number)).first()
            assert component is not None
            actions = [
                add_action(
                    session,
                    sir,
                    code=f"1.{n}",
                    text=text,
                    component=component,
                    by=user,
                    at=at_local(date(2024, 1, 15)),
                )
                for n, text in enumerate(TITLES, 1)
            ]
            for action in actions[10:]:
                change_status(
                    session,
                    action,
                    "in_progress",
                    by=user,
                    note="Started.",
                    at=at_local(date(2024, 2, 1)),
                )
            session.add(
                Meeting(
                    lea=lea,
                    sir=sir,
                    kind=MeetingKind.QUARTERLY,
                    held_on=day - timedelta(days=91),
                    summary="Last quarter's review.",
                )
            )
    finally:
        database.engine.dispose()
    return name


def test_a_lead_records_the_quarter_and_the_county_office_sees_what_changed(
    page: Page, browser: Browser, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    day = meeting_day()
    lead = make_account(Role.CCEE_LEAD)
    lea_name = new_lea_led_by(live_server, lead, day)
    sign_in_page(page, live_server, lead)

    # From the dashboard to the LEA page, and its main button.
    page.get_by_role("link", name=lea_name, exact=True).click()
    page.get_by_role("link", name="Record a quarterly meeting").first.click()
    page.get_by_label("Meeting date").fill(day.isoformat())
    page.get_by_label("Kind of meeting").select_option(label="Quarterly progress monitoring")
    page.get_by_label("Attendee 1: name").fill("Marisol Vega")
    page.get_by_label("Attendee 1: title").fill("Superintendent")
    page.get_by_label("Attendee 1: organisation").select_option(label="LEA")
    page.get_by_label("Attendee 2: name").fill("Dana Whitfield")
    page.get_by_label("Attendee 2: organisation").select_option(label="COE")
    page.get_by_label("Summary").fill("Ten actions started; two reported progress.")
    page.get_by_role("button", name="Record meeting", exact=True).click()
    expect(page.get_by_text(re.compile(r"The meeting of .* is recorded\."))).to_be_visible()
    meeting_url = page.url

    # Ten statuses, each with a note, on the bulk form opened from the meeting.
    page.get_by_role("link", name="Update statuses at this meeting").click()
    for n in range(1, 11):
        page.get_by_label(f"New status of action 1.{n}", exact=True).select_option(
            label="In progress"
        )
        page.get_by_label(f"Note on action 1.{n}", exact=True).fill(f"Kick-off held for 1.{n}.")
    page.get_by_role("button", name="Save every change").click()
    expect(page.get_by_text(re.compile("10 statuses updated"))).to_be_visible()
    assert page.url == meeting_url

    # Two progress notes, each from the meeting's "Add a progress note".
    for code, note in (
        ("1.11", "Attendance records for 2 of 9 schools are migrated."),
        ("1.12", "First study session held in October."),
    ):
        page.get_by_role("link", name="Add a progress note").click()
        expect(page.get_by_role("heading", name="Add a progress note")).to_be_visible()
        assert_accessible(page)
        title = TITLES[int(code.split(".")[1]) - 1]
        page.get_by_label("Action", exact=True).select_option(
            label=f"{code} (in progress): {title}"
        )
        page.get_by_label("Progress note").fill(note)
        page.get_by_role("button", name="Add the note").click()
        expect(page.get_by_text(f"Action {code}: your progress note is added.")).to_be_visible()
        assert page.url.split("#")[0] == meeting_url

    listed = page.locator("table", has=page.locator("caption", has_text="recorded at this meeting"))
    expect(listed.locator("tbody tr")).to_have_count(12)
    for n, title in enumerate(TITLES, 1):
        row = listed.locator("tbody tr", has=page.get_by_role("link", name=f"1.{n}", exact=True))
        expect(row).to_contain_text(title)
    expect(listed.get_by_text("Progress note", exact=True)).to_have_count(2)
    expect(page.get_by_text("10 status changes and 2 progress notes.")).to_be_visible()
    assert_accessible(page)

    # The county office: from its dashboard, one click to the changes since last quarter.
    coe_context = browser.new_context(viewport=VIEWPORT)
    try:
        coe_page = coe_context.new_page()
        sign_in_page(coe_page, live_server, make_account(Role.COE_STAFF, county=COUNTY))
        coe_page.get_by_role("link", name=lea_name, exact=True).click()
        changes = coe_page.locator("section", has=coe_page.locator("#changes"))
        expect(
            changes.get_by_role("heading", name=re.compile("^Changes since the quarterly"))
        ).to_be_visible()
        table = changes.locator("table")
        for n in range(1, 11):
            row = table.locator(
                "tbody tr", has=coe_page.get_by_role("link", name=f"1.{n}", exact=True)
            )
            expect(row).to_contain_text(TITLES[n - 1])
            expect(row).to_contain_text(f"Kick-off held for 1.{n}.")
        expect(table.locator("tbody tr")).to_have_count(12)
        expect(coe_page.get_by_role("link", name="Add a progress note")).to_have_count(0)
        assert_accessible(coe_page)
    finally:
        coe_context.close()
