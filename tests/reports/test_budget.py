"""The layout budget: a report past its pages or seconds is refused, its job ends "Refused"
with the reason on its page, and nothing is archived (reports/budget.py)."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.app import create_app
from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports import jobs
from sir_tracker.reports.budget import LayoutBudget, ReportOverBudget
from sir_tracker.reports.data import lea_report_data
from sir_tracker.reports.models import Audience, GeneratedReport, JobState, ReportSection
from sir_tracker.reports.render import html_to_pdf, lea_report_html
from sir_tracker.users.models import Role
from tests.conftest import bound_to_transaction, make_test_app
from tests.reports.test_packet_views import database_of
from tests.reviews.iusd import IUSD, post, text_of
from tests.support.auth import make_user, open_session_for

HARBOR_OAKS = "Harbor Oaks Unified School District"  # the demo's shortest report
AS_OF = date(2026, 6, 30)


@pytest.fixture
def app(demo_database_url: str) -> Iterator[Flask]:
    """The demo app with a budget of 2 pages a report, as an operator would set it."""
    app = make_test_app(demo_database_url, REPORT_PAGE_LIMIT=2)
    with bound_to_transaction(app):
        yield app


def archived(session: Session) -> tuple[int, int]:
    reports = session.scalar(select(func.count()).select_from(GeneratedReport)) or 0
    sections = session.scalar(select(func.count()).select_from(ReportSection)) or 0
    return reports, sections


def test_a_report_past_the_page_limit_is_refused_on_its_page_and_nothing_is_archived(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER, name="Vera Viewer")
    open_session_for(client, session, viewer)
    lea = session.scalars(select(Lea).where(Lea.name == HARBOR_OAKS)).one()
    before = archived(session)
    asked = post(
        client, f"/leas/{lea.id}/report.pdf", {"as_of": AS_OF.isoformat(), "audience": "board"},
        f"/leas/{lea.id}/reports",
    )  # fmt: skip
    assert asked.status_code == 303

    ran = jobs.work(
        database_of(app), thresholds=Thresholds(), processes=1, once=True,
        budget=LayoutBudget.from_config(app.config),
    )  # fmt: skip

    assert ran == 1
    page = text_of(client.get(asked.headers["Location"]).get_data(as_text=True))
    assert "Refused" in page
    refused = re.search(r"Refused The report would be (\d+) pages, over the limit of 2\.", page)
    assert refused is not None and int(refused.group(1)) > 2
    assert "Download the status report" not in page
    assert archived(session) == before


def test_more_text_than_the_pages_can_hold_is_refused_before_layout(
    app: Flask, session: Session
) -> None:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    before = archived(session)
    job = jobs.request_packet(
        session, by=None, lea_ids=[iusd.id], as_of=AS_OF, audience=Audience.BOARD
    )
    session.flush()

    state = jobs.run_job(
        database_of(app), job.id, thresholds=Thresholds(), processes=1,
        budget=LayoutBudget(pages=2),
    )  # fmt: skip

    assert state is JobState.REFUSED
    session.refresh(job)
    # "At least": counted from the text, before any layout (IUSD's report is longer).
    at_least = re.match(r"The report would be at least (\d+) pages, over the limit of 2\.",
                        job.message)  # fmt: skip
    assert at_least is not None and int(at_least.group(1)) > 2
    assert job.report_id is None
    assert archived(session) == before


def test_a_layout_past_the_time_limit_is_stopped_and_the_next_one_runs(
    session: Session,
) -> None:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    data = lea_report_data(
        session, iusd, AS_OF, Audience.BOARD, thresholds=Thresholds(), generated_at=utcnow()
    )
    html = lea_report_html(data)
    handler = signal.getsignal(signal.SIGALRM)

    # On the main thread an alarm stops the layout; elsewhere the time is checked after it.
    with pytest.raises(ReportOverBudget, match=r"longer than the limit of 0\.05 seconds"):
        html_to_pdf(html, LayoutBudget(seconds=0.05))
    refused: list[ReportOverBudget] = []

    def elsewhere() -> None:
        try:
            html_to_pdf(html, LayoutBudget(seconds=0.05))
        except ReportOverBudget as refusal:
            refused.append(refusal)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()

    assert len(refused) == 1
    assert signal.getsignal(signal.SIGALRM) is handler
    assert html_to_pdf(html, LayoutBudget()).pages > 7  # within the budget: laid out


@pytest.mark.parametrize("setting", [{"REPORT_PAGE_LIMIT": 0}, {"REPORT_SECONDS_LIMIT": "soon"}])
def test_a_budget_that_is_not_a_positive_number_stops_the_app_at_start(
    setting: dict[str, object],
) -> None:
    with pytest.raises(ValueError, match="SIR_TRACKER_REPORT_PAGE_LIMIT"):
        create_app({"TESTING": True, "SECRET_KEY": "test", **setting})
