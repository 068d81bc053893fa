"""A CCEE lead records a quarterly meeting of Mesa Linda, updates action statuses at it, and
finds its open next step carried onto the agenda of the next meeting."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.core.pacific_time import PACIFIC, at_local
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import Action, ActionStatus, Sir, StatusChange
from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible

MESA_LINDA = "Mesa Linda Unified School District"


def meeting_day() -> date:
    """Today in California, or yesterday before noon there: changes made at a meeting are
    dated at noon of its day, and a change cannot be dated in the future."""
    now = datetime.now(PACIFIC)
    return now.date() if now.hour >= 12 else now.date() - timedelta(days=1)


def mesa_linda(live_server: LiveServer, day: date) -> tuple[int, list[str]]:
    """Mesa Linda's id, and the codes of three actions in progress that last changed before
    noon of ``day`` (the live database is shared: other tests may have changed some since)."""
    database = Database(live_server.database_url)
    try:
        with transaction(database.writers) as session:
            lea = session.scalars(select(Lea).where(Lea.name == MESA_LINDA)).one()
            latest = (
                select(StatusChange.action_id, func.max(StatusChange.changed_at).label("at"))
                .group_by(StatusChange.action_id)
                .subquery()
            )
            codes = session.scalars(
                select(Action.code)
                .join(Sir, Sir.id == Action.sir_id)
                .join(latest, latest.c.action_id == Action.id)
                .where(
                    Sir.lea_id == lea.id,
                    Sir.archived_at.is_(None),
                    Action.archived_at.is_(None),
                    Action.status == ActionStatus.IN_PROGRESS,
                    latest.c.at < at_local(day),
                )
                .order_by(Action.id)
                .limit(3)
            ).all()
            assert len(codes) == 3, "Mesa Linda has actions in progress"
            return lea.id, list(codes)
    finally:
        database.engine.dispose()


def test_a_lead_records_a_quarterly_meeting_and_updates_statuses_at_it(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    day = meeting_day()
    _lea_id, codes = mesa_linda(live_server, day)
    step = f"Share the literacy dashboard with every principal ({uuid.uuid4().hex[:6]})."
    lead = make_account(Role.ADMIN)
    sign_in_page(page, live_server, lead)

    # From the dashboard, by clicking: the first quarterly meeting, with two attendees, a
    # summary, a metric and a next step.
    page.get_by_role("link", name=MESA_LINDA, exact=True).click()
    page.get_by_role("link", name="Record a quarterly meeting").click()
    expect(page.get_by_role("heading", name="Record a meeting")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Meeting date").fill(day.isoformat())
    page.get_by_label("Kind of meeting").select_option(label="Quarterly progress monitoring")
    page.get_by_label("Agenda").fill("Literacy actions; the coaching calendar.")
    page.get_by_label("Attendee 1: name").fill("Gloria Esparza")
    page.get_by_label("Attendee 1: title").fill("Assistant Superintendent, Instruction")
    page.get_by_label("Attendee 1: organisation").select_option(label="LEA")
    page.get_by_label("Attendee 2: name").fill("Roberto Quintana")
    page.get_by_label("Attendee 2: organisation").select_option(label="COE")
    page.get_by_label("Summary").fill("Literacy actions on track; coaching calendar agreed.")
    page.get_by_label("Metric 1: measure").fill("Mid-year literacy assessment completion")
    page.get_by_label("Metric 1: value").fill("85")
    page.get_by_label("Metric 1: unit").fill("%")
    page.get_by_label("Next step 1: text").fill(step)
    page.get_by_label("Next step 1: owner", exact=True).fill("Director of Curriculum")
    page.get_by_label("Next step 1: due date").fill((day + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Record meeting", exact=True).click()

    expect(page.get_by_text(re.compile(r"The meeting of .* is recorded\."))).to_be_visible()
    first_url = page.url
    expect(page.get_by_role("rowheader", name="Gloria Esparza")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Roberto Quintana")).to_be_visible()
    expect(page.get_by_role("cell", name="85%")).to_be_visible()
    expect(page.get_by_role("cell", name=step)).to_be_visible()
    assert_accessible(page)

    # Three statuses updated at the meeting, each with a note.
    page.get_by_role("link", name="Update statuses at this meeting").click()
    expect(page.get_by_label("Meeting these changes were made at")).to_have_value(
        first_url.rsplit("/", 1)[1]
    )
    for code in codes:
        page.get_by_label(f"New status of action {code}", exact=True).select_option(
            label="Completed"
        )
        page.get_by_label(f"Note on action {code}", exact=True).fill(
            f"Shown at the meeting: {code}"
        )
    page.get_by_role("button", name="Save every change").click()
    expect(page.get_by_text(re.compile("3 statuses updated"))).to_be_visible()
    assert page.url == first_url  # back on the meeting
    changed = page.locator("table", has=page.locator("caption", has_text="Status changes"))
    for code in codes:
        expect(changed.get_by_role("link", name=code, exact=True)).to_be_visible()
        expect(changed.get_by_text(f"Shown at the meeting: {code}")).to_be_visible()
    expect(changed.locator("tbody tr")).to_have_count(3)

    # The next quarterly meeting: the open next step is on its agenda by itself.
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name=MESA_LINDA).click()
    page.get_by_role("link", name="Record a quarterly meeting").click()
    carried = page.locator("section", has=page.locator("#carried-heading"))
    expect(carried.get_by_text(step)).to_be_visible()
    page.get_by_label("Meeting date").fill(datetime.now(PACIFIC).date().isoformat())
    page.get_by_label("Attendee 1: name").fill("Gloria Esparza")  # known: her organisation fills in
    page.get_by_label("Attendee 2: name").fill("Roberto Quintana")
    page.get_by_label("Summary").fill("Coaching cycles reviewed.")
    page.get_by_label("Metric 1: measure").fill("Coaching cycles completed")
    page.get_by_label("Metric 1: value").fill("most of them")
    page.get_by_role("button", name="Record meeting", exact=True).click()

    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(
        summary.get_by_role("link", name=re.compile("^Metric 1: enter the value"))
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Metric 1: value").fill("12")
    page.get_by_role("button", name="Record meeting", exact=True).click()

    expect(page.get_by_text(re.compile(r"The meeting of .* is recorded\."))).to_be_visible()
    assert page.url != first_url
    expect(page.get_by_role("rowheader", name="Gloria Esparza")).to_be_visible()
    open_steps = page.locator("table", has=page.locator("caption", has_text="Open next steps"))
    expect(open_steps.get_by_role("cell", name=step, exact=True)).to_be_visible()
    row = open_steps.locator("tbody tr", has_text=step)
    expect(row.get_by_role("button", name=re.compile("Mark done"))).to_be_visible()
    assert_accessible(page)


def test_enter_saves_nothing_and_rows_are_added_in_place(
    page: Page, live_server: LiveServer, make_account: Callable[..., Account]
) -> None:
    lead = make_account(Role.ADMIN)
    sign_in_page(page, live_server, lead)
    page.get_by_role("link", name=MESA_LINDA, exact=True).click()
    page.get_by_role("link", name="Record a quarterly meeting").click()
    form_url = page.url

    name = page.get_by_label("Attendee 1: name")
    name.fill("Gloria Esparza")
    name.press("Enter")
    expect(page.get_by_role("heading", name="Record a meeting")).to_be_visible()
    assert page.url == form_url
    expect(page.get_by_role("alert")).to_have_count(0)  # nothing submitted, nothing refused
    expect(name).to_have_value("Gloria Esparza")

    rows_before = page.locator("table:has(caption:text('Attendees')) tbody tr").count()
    page.get_by_role("button", name="Add more rows for attendees").click()
    attendees = page.locator("table:has(caption:text('Attendees')) tbody tr")
    expect(attendees).to_have_count(rows_before + 3)
    assert page.url == form_url
    expect(name).to_have_value("Gloria Esparza")  # no reload: what was typed stays
    added = page.get_by_label(f"Attendee {rows_before + 1}: name", exact=True)
    expect(added).to_be_focused()
    added.fill("Roberto Quintana")
    page.get_by_label("Summary").fill("Attendance reviewed.")
    page.get_by_role("button", name="Record meeting", exact=True).click()

    expect(page.get_by_text(re.compile(r"The meeting of .* is recorded\."))).to_be_visible()
    expect(page.get_by_role("rowheader", name="Roberto Quintana")).to_be_visible()
    assert_accessible(page)
