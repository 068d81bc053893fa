"""The LEA status report as its readers get it: the PDF's text read back, and what makes it
an accessible document."""

from __future__ import annotations

import html
import logging
import re
from datetime import date

from flask.testing import FlaskClient
from pypdf.generic import BooleanObject, DictionaryObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.reports.models import Audience
from sir_tracker.reviews.models import Action, ActionStatus, Component, Sir
from tests.reports.conftest import DemoReports
from tests.support import pdfs
from tests.support.auth import open_session_for

JUNE_2021 = date(2021, 6, 30)
JUNE_2020 = date(2020, 6, 30)


def test_the_june_2021_report_has_the_published_headline(demo_reports: DemoReports) -> None:
    report = demo_reports.get(JUNE_2021, Audience.BOARD)
    text = demo_reports.text(JUNE_2021, Audience.BOARD)

    assert "19 completed / 41 in progress / 6 not started" in text
    assert "91% completed or in progress" in text
    assert "Inglewood Unified School District" in text
    assert "Status as of 30 June 2021" in text
    assert "Prepared for the CCEE Governing Board" in text
    assert "State Superintendent" not in text
    assert report.filename == (
        "inglewood-unified-school-district-status-report-2021-06-30-board.pdf"
    )


def test_the_twelve_components_have_the_counts_of_the_database(
    demo_reports: DemoReports, session: Session, iusd_sir: Sir
) -> None:
    # The demo's statuses have not changed since June 2021: current statuses are the expected.
    expected: dict[int, dict[ActionStatus, int]] = {}
    for number, status in session.execute(
        select(Component.number, Action.status)
        .join(Component, Component.id == Action.component_id)
        .where(Action.sir_id == iusd_sir.id, Action.archived_at.is_(None))
    ):
        expected.setdefault(number, {}).setdefault(status, 0)
        expected[number][status] += 1
    components = session.scalars(select(Component).order_by(Component.number)).all()

    text = demo_reports.text(JUNE_2021, Audience.BOARD)

    assert len(components) == 12
    positions = []
    for component in components:
        counts = expected.get(component.number, {})
        done, doing, todo = (
            counts.get(ActionStatus.COMPLETED, 0),
            counts.get(ActionStatus.IN_PROGRESS, 0),
            counts.get(ActionStatus.NOT_STARTED, 0),
        )
        row = f"{component.number}. {component.title} {done} {doing} {todo} {done + doing + todo}"
        assert row in text, row
        positions.append(text.index(row))
    assert positions == sorted(positions), "components in number order"
    assert sum(sum(counts.values()) for counts in expected.values()) == 66
    assert "All recommended actions 19 41 6 66" in text


def test_the_report_says_what_the_sir_page_says(
    demo_reports: DemoReports,
    client: FlaskClient,
    session: Session,
    iusd_sir: Sir,
    viewer: object,
) -> None:
    open_session_for(client, session, viewer)  # type: ignore[arg-type]
    page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)
    headline = re.search(r'class="sir-headline__counts">([^<]+)<', page)
    percent = re.search(r'class="sir-headline__percent">(\d+%)', page)
    assert headline and percent

    text = demo_reports.text(JUNE_2021, Audience.BOARD)

    assert html.unescape(headline.group(1)) in text
    assert f"{percent.group(1)} completed or in progress" in text


def test_the_quarters_the_change_and_the_latest_update(demo_reports: DemoReports) -> None:
    text = demo_reports.text(JUNE_2021, Audience.BOARD)

    assert "2019-20 Q1 17 September 2019 0 14 52 First quarterly meeting" in text
    assert "2020-21 Q4 15 June 2021 19 41 6 +3 completed, -1 in progress, -2 not started" in text
    assert (
        "From the meeting of 16 March 2021 to the meeting of 15 June 2021: "
        "+3 completed, -1 in progress, -2 not started." in text
    )
    assert "Quarterly progress-monitoring meeting of 15 June 2021 (2020-21 Q4)" in text
    assert "Mid-year literacy assessment completion 85%" in text
    assert "Threat Actions are plateauing in progress" in text
    assert "In progress at each of the last 3 quarterly meetings up to 30 June 2021" in text
    assert "All recommended actions" in text


def test_as_of_june_2020_for_the_state_superintendent(demo_reports: DemoReports) -> None:
    text = demo_reports.text(JUNE_2020, Audience.SPI)

    assert "7 completed / 41 in progress / 18 not started" in text
    assert "73% completed or in progress" in text
    assert "Prepared for the State Superintendent of Public Instruction" in text
    assert "CCEE Governing Board" not in text
    # Nothing after the as-of date: the last quarterly meeting shown is June 2020's.
    assert "16 June 2020" in text
    assert "15 September 2020" not in text


def test_the_report_is_a_tagged_pdf_with_language_and_title(demo_reports: DemoReports) -> None:
    report = demo_reports.get(JUNE_2021, Audience.BOARD)
    document = pdfs.reader(report.pdf)
    catalog = document.trailer["/Root"]

    assert catalog["/Lang"] == "en"
    assert "/StructTreeRoot" in catalog
    mark_info = catalog["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject)
    assert mark_info["/Marked"] == BooleanObject(True)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert document.metadata is not None
    assert document.metadata.title == (
        "Inglewood Unified School District: status report as of 30 June 2021"
    )
    assert document.pdf_header == "%PDF-1.7"
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp  # declares PDF/UA-1
    assert len(document.pages) == report.pages


def test_every_page_after_the_cover_has_the_running_header_and_footer(
    demo_reports: DemoReports,
) -> None:
    report = demo_reports.get(JUNE_2021, Audience.BOARD)
    pages = demo_reports.page_texts(JUNE_2021, Audience.BOARD)

    assert len(pages) == report.pages
    assert f"Page 1 of {report.pages}" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert "Inglewood Unified School District" in text
        assert "Status report as of 30 June 2021" in text
        assert f"Page {number} of {report.pages}" in text
        assert "· For the CCEE Governing Board" in text
        assert "Generated " in text


def test_rendering_logged_no_problem(demo_reports: DemoReports) -> None:
    demo_reports.get(JUNE_2021, Audience.BOARD)

    problems = [r.getMessage() for r in demo_reports.logged if r.levelno >= logging.WARNING]
    assert problems == []
