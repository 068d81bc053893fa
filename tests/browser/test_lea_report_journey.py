"""An LEA status report asked for in the browser: from the dashboard to the LEA page, the job
page that follows the worker and starts the download by itself, the report in the LEA's
archive, and the same report again at once while the LEA's data has not changed.

The worker is ``jobs.work`` in a thread of the test process (tests/support/workers.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from sir_tracker.core.db import Database
from sir_tracker.users.models import Role
from tests.browser.conftest import Account, LiveServer, sign_in_page
from tests.browser.support import assert_accessible
from tests.support import pdfs
from tests.support.workers import worker_thread

IUSD = "Inglewood Unified School District"


def test_a_viewer_asks_for_an_lea_report_and_the_job_page_downloads_it(
    page: Page,
    live_server: LiveServer,
    make_account: Callable[..., Account],
    tmp_path: Path,
) -> None:
    viewer = make_account(Role.VIEWER)
    sign_in_page(page, live_server, viewer)
    page.get_by_role("link", name=IUSD).first.click()
    expect(page.get_by_role("heading", name="Status report", exact=True)).to_be_visible()
    page.get_by_label("As of", exact=True).fill("2021-06-30")
    page.get_by_label("Prepared for").select_option(label="CCEE Governing Board")
    page.get_by_role("button", name="Download status report (PDF)").click()

    expect(page.get_by_role("heading", name="Waiting to start")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Status report of {IUSD} as of 30 June 2021"
    )
    expect(page.get_by_role("button", name="Cancel")).to_be_visible()
    assert_accessible(page)

    # The page follows the job by itself and starts the download once the report is ready.
    database = Database(live_server.database_url)
    with worker_thread(database), page.expect_download(timeout=60_000) as download_info:
        pass
    database.engine.dispose()
    download = download_info.value
    assert download.suggested_filename == (
        "inglewood-unified-school-district-status-report-2021-06-30-board.pdf"
    )
    saved = tmp_path / "report.pdf"
    download.save_as(saved)
    text = pdfs.text(saved.read_bytes())
    assert "19 completed / 41 in progress / 6 not started" in text
    assert "Prepared for the CCEE Governing Board" in text
    expect(page.get_by_role("heading", name="Ready")).to_be_visible()
    expect(page.get_by_role("link", name="Download the status report (PDF)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Status reports", exact=True).click()
    archive = page.locator("table tbody tr")
    expect(archive).to_have_count(1)
    expect(archive.first).to_contain_text(viewer.name)
    expect(archive.first).to_contain_text("30 June 2021")

    # Nothing changed since: the same report downloads at once, without a job.
    page.get_by_label("As of", exact=True).fill("2021-06-30")
    page.get_by_label("Prepared for").select_option(label="CCEE Governing Board")
    with page.expect_download(timeout=10_000) as again_info:
        page.get_by_role("button", name="Download status report (PDF)").click()
    again = tmp_path / "again.pdf"
    again_info.value.save_as(again)
    assert again.read_bytes() == saved.read_bytes()
