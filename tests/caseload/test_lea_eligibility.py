"""An LEA's eligibility on its page and in its report, starting an engagement for an LEA not
engaged, and the board packet summary's column of whether each LEA is still eligible."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import openpyxl
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.data import lea_report_data
from sir_tracker.reports.models import Audience
from sir_tracker.reports.packet_data import PacketCover, dta_leas, packet_summary
from sir_tracker.reports.render import packet_summary_html
from sir_tracker.spreadsheets.dashboard import DASHBOARD_LAYOUT, plan_dashboard_import
from sir_tracker.spreadsheets.operations import import_dashboard_plan
from sir_tracker.spreadsheets.reading import read_upload
from sir_tracker.users.models import User
from tests.reviews.iusd import admin as admin
from tests.spreadsheets.files import csv_text
from tests.support.auth import csrf_token, open_session_for

HEADER = ["CDS code", "Dashboard year", "LEA", "County", "Student group", "Priorities not met"]
GROUPS = ["English learners", "Students with disabilities", "Hispanic"]
MESA_LINDA = "1599102"  # the demo's, in DTA since 2022
NEW = "1900042"


def import_rows(session: Session, admin: User) -> None:
    rows = [
        [code, year, name, "Los Angeles", group, "4; 6"]
        for code, name in ((MESA_LINDA, ""), (NEW, "Sequoia Unified"))
        for year in (2023, 2024, 2025)
        for group in GROUPS
    ]
    read = read_upload("dash.csv", csv_text(rows, header=HEADER).encode(), DASHBOARD_LAYOUT)
    plan = plan_dashboard_import(session, read)
    assert plan.problems == []
    import_dashboard_plan(session, plan, by=admin)


def test_the_lea_page_tells_its_eligibility_year_by_year(
    client: FlaskClient, session: Session, admin: User
) -> None:
    import_rows(session, admin)
    mesa_linda = session.scalars(select(Lea).where(Lea.cds_code == MESA_LINDA)).one()
    open_session_for(client, session, admin)
    html = client.get(f"/leas/{mesa_linda.id}").get_data(as_text=True)
    section = html[html.index('id="eligibility"') :]
    assert section.index(">2025<") < section.index(">2024<") < section.index(">2023<")
    assert (
        "English learners, Students with disabilities and Hispanic: Pupil Achievement and "
        "School Climate in 2023, 2024 and 2025"
    ) in section
    assert "Differentiated assistance" in section  # 2023 and 2024, before three years


def test_an_lea_not_engaged_starts_its_engagement(
    client: FlaskClient, session: Session, admin: User
) -> None:
    import_rows(session, admin)
    sequoia = session.scalars(select(Lea).where(Lea.cds_code == NEW)).one()
    open_session_for(client, session, admin)
    page = f"/leas/{sequoia.id}/engagement/new"
    assert f'href="{page}"' in client.get(f"/leas/{sequoia.id}").get_data(as_text=True)
    form = {
        "csrf_token": csrf_token(client, page),
        "pathway": "continuum_of_support",
        "mode": "collaborative_planning",
        "readiness": "",
        "started_on": "2026-11-02",
        "ccee_lead": "",
    }
    assert client.post(page, data=form).status_code == 302
    session.expire_all()
    assert [e.started_on.isoformat() for e in sequoia.engagements] == ["2026-11-02"]
    again = client.post(page, data=form)
    assert again.status_code == 422
    assert "Sequoia Unified is already engaged" in again.get_data(as_text=True)
    assert len(sequoia.engagements) == 1


def test_the_packet_summary_says_whether_each_lea_is_still_eligible(
    client: FlaskClient, session: Session, admin: User
) -> None:
    import_rows(session, admin)
    open_session_for(client, session, admin)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/board-packets/summary.xlsx?as_of=2026-06-30").data)
    )
    rows = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    column = rows[0].index("Still eligible for DTA (Dashboard 2025)")
    still = {row[0]: row[column] for row in rows[1:]}
    assert still["Mesa Linda Unified School District"] == "yes"
    assert set(still.values()) == {"yes", "no results"}


def test_the_packet_pdf_summary_has_a_still_eligible_column(session: Session, admin: User) -> None:
    import_rows(session, admin)
    as_of = date(2026, 6, 30)
    leas = dta_leas(session, as_of)
    summary = packet_summary(
        session,
        leas,
        as_of,
        Audience.BOARD,
        thresholds=Thresholds(),
        generated_at=datetime(2026, 7, 1, tzinfo=UTC),
    )
    by_name = {line.name: line.eligibility_label for line in summary.lines}
    assert by_name["Mesa Linda Unified School District"] == "Yes"
    assert set(by_name.values()) == {"Yes", "No results"}
    # The first pages' HTML, as the packet lays it out.
    html = packet_summary_html(
        summary.with_first_pages([0] * len(summary.lines)),
        PacketCover(board_meeting="", prepared_by="A Lead", selection="every LEA in DTA"),
    )
    table = html[html.index('class="numbers summary"') :]
    assert "Still DTA-eligible (2025 Dash&shy;board)" in table
    mesa = table[table.index("Mesa Linda Unified School District") :]
    assert mesa[: mesa.index("</tr>")].count("<td>Yes</td>") == 1


def test_the_lea_report_says_what_the_dashboard_out_that_day_makes_it_eligible_for(
    session: Session, admin: User
) -> None:
    import_rows(session, admin)
    mesa_linda = session.scalars(select(Lea).where(Lea.cds_code == MESA_LINDA)).one()
    at = datetime(2026, 7, 1, tzinfo=UTC)
    report = lea_report_data(
        session, mesa_linda, date(2026, 6, 30), Audience.BOARD, generated_at=at
    )
    assert report.eligibility == (
        "Direct Technical Assistance by the 2025 Dashboard. English learners, Students with "
        "disabilities and Hispanic: Pupil Achievement and School Climate in 2023, 2024 and 2025."
    )
    # Before the 2025 Dashboard was out, the 2024 one made it eligible for DA only.
    earlier = lea_report_data(
        session, mesa_linda, date(2025, 6, 30), Audience.BOARD, generated_at=at
    )
    assert earlier.eligibility.startswith("Differentiated assistance by the 2024 Dashboard.")
