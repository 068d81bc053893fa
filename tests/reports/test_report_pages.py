"""Reports on the web: the form on the LEA page, asking (a job for the worker, or at once when
the LEA's data has not changed since the last one), the LEA's archive and downloading an archived
report unchanged; scoped like every other page."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports import jobs
from sir_tracker.reports.models import Audience, GeneratedReport, ReportKind
from sir_tracker.users.models import Role, User
from tests.reports.test_packet_views import database_of
from tests.reviews.iusd import county, text_of
from tests.support import builders, pdfs
from tests.support.auth import csrf_token, make_user, open_session_for


def reports_of(session: Session, lea: Lea) -> list[GeneratedReport]:
    session.expire_all()
    return list(
        session.scalars(
            select(GeneratedReport)
            .where(GeneratedReport.lea_id == lea.id)
            .order_by(GeneratedReport.id)
        )
    )


def generate(client: FlaskClient, lea: Lea, **data: str) -> object:
    token = csrf_token(client, f"/leas/{lea.id}/reports")
    return client.post(f"/leas/{lea.id}/report.pdf", data={"csrf_token": token, **data})


def test_the_lea_page_offers_the_report_with_today_and_both_audiences(
    client: FlaskClient, session: Session, iusd: Lea, viewer: User
) -> None:
    open_session_for(client, session, viewer)

    page = client.get(f"/leas/{iusd.id}").get_data(as_text=True)

    assert f'action="/leas/{iusd.id}/report.pdf"' in page
    assert 'method="post"' in page
    assert f'value="{today().isoformat()}"' in page
    assert "CCEE Governing Board" in page
    assert "State Superintendent of Public Instruction" in page
    assert "Download status report (PDF)" in page
    assert f'href="/leas/{iusd.id}/reports"' in page


def test_an_lea_staff_member_asks_follows_downloads_and_finds_the_report_again(
    app: Flask, client: FlaskClient, session: Session, iusd: Lea
) -> None:
    staff = make_user(session, Role.LEA_STAFF, lea=iusd, name="Stella Staff")
    open_session_for(client, session, staff)
    before = len(reports_of(session, iusd))

    asked = generate(client, iusd, as_of="2021-06-30", audience="spi")

    # Nothing is laid out in the request: it queues a job and shows its page.
    assert asked.status_code == 303  # type: ignore[attr-defined]
    job_page = asked.headers["Location"]  # type: ignore[attr-defined]
    assert job_page.startswith(f"/leas/{iusd.id}/reports/jobs/")
    assert len(reports_of(session, iusd)) == before
    waiting = text_of(client.get(job_page).get_data(as_text=True))
    assert "Status report of Inglewood Unified School District as of 30 June 2021" in waiting
    assert "Waiting to start" in waiting and "Cancel" in waiting
    listing = text_of(client.get(f"/leas/{iusd.id}/reports").get_data(as_text=True))
    assert "As of 30 June 2021, for the State Superintendent of Public Instruction" in listing

    assert jobs.work(database_of(app), thresholds=Thresholds(), processes=1, once=True) == 1

    ready = client.get(job_page).get_data(as_text=True)
    assert "Ready" in ready and 'data-active="false"' in ready
    link = re.search(r'href="(/reports/\d+\.pdf)" data-download>Download the status report', ready)
    assert link is not None
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    filename = "inglewood-unified-school-district-status-report-2021-06-30-spi.pdf"
    assert response.headers["Content-Disposition"] == f"attachment; filename={filename}"
    pdf = response.get_data()
    text = pdfs.text(pdf)
    assert "19 completed / 41 in progress / 6 not started" in text
    assert "Prepared for the State Superintendent of Public Instruction" in text

    archived = reports_of(session, iusd)
    assert len(archived) == before + 1
    report = archived[-1]
    assert (report.kind, report.as_of, report.audience) == (
        ReportKind.LEA,
        date(2021, 6, 30),
        Audience.SPI,
    )
    assert report.generated_by is not None and report.generated_by.id == staff.id
    assert report.pdf == pdf
    assert report.sha256 == hashlib.sha256(pdf).hexdigest()
    assert report.pages == len(pdfs.reader(pdf).pages)
    assert report.filename == filename
    assert session.scalar(
        select(func.count()).where(
            AuditEvent.record_type == "GeneratedReport", AuditEvent.record_id == report.id
        )
    )

    # IUSD's data has not changed since: asking again downloads at once, archived again.
    again = generate(client, iusd, as_of="2021-06-30", audience="spi")
    assert again.status_code == 200  # type: ignore[attr-defined]
    assert again.get_data() == pdf  # type: ignore[attr-defined]
    assert again.headers["Content-Disposition"] == f"attachment; filename={filename}"  # type: ignore[attr-defined]
    assert len(reports_of(session, iusd)) == before + 2
    assert jobs.work(database_of(app), thresholds=Thresholds(), processes=1, once=True) == 0

    listing = text_of(client.get(f"/leas/{iusd.id}/reports").get_data(as_text=True))
    assert "Stella Staff" in listing
    assert "30 June 2021 State Superintendent of Public Instruction" in listing
    assert f"{report.pages} " in listing and " KB " in listing
    assert "Being generated for you" not in listing

    fresno = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    open_session_for(client, session, fresno)
    assert client.get(f"/reports/{report.id}.pdf").status_code == 404
    assert client.get(f"/leas/{iusd.id}/reports").status_code == 404
    token = csrf_token(client, "/sign-in")
    assert (
        client.post(
            f"/leas/{iusd.id}/report.pdf",
            data={"csrf_token": token, "as_of": "2021-06-30", "audience": "board"},
        ).status_code
        == 404
    )
    assert client.get(job_page).status_code == 404
    assert len(reports_of(session, iusd)) == before + 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"as_of": "30/06/2021", "audience": "board"}, "Enter the date as year-month-day"),
        ({"as_of": "", "audience": "board"}, "Enter the as-of date"),
        ({"as_of": "2999-01-01", "audience": "board"}, "1 January 2999 is in the future"),
        ({"as_of": "2021-06-30", "audience": "press"}, "Choose the CCEE Governing Board or"),
        ({"as_of": "2021-06-30"}, "Choose who the report is for."),
    ],
)
def test_bad_parameters_answer_422_and_generate_nothing(
    client: FlaskClient,
    session: Session,
    iusd: Lea,
    viewer: User,
    data: dict[str, str],
    message: str,
) -> None:
    open_session_for(client, session, viewer)
    before = len(reports_of(session, iusd))

    response = generate(client, iusd, **data)

    assert response.status_code == 422  # type: ignore[attr-defined]
    page = text_of(response.get_data(as_text=True))  # type: ignore[attr-defined]
    assert "Nothing was saved: please correct this" in page
    assert message in page
    assert len(reports_of(session, iusd)) == before


def test_an_lea_without_a_sir_says_so(client: FlaskClient, session: Session, viewer: User) -> None:
    lea = builders.lea(session, name="Sirless Unified School District")
    open_session_for(client, session, viewer)

    assert "A status report needs a SIR." in client.get(f"/leas/{lea.id}").get_data(as_text=True)
    response = generate(client, lea, as_of="2021-06-30", audience="board")

    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Sirless Unified School District has no SIR yet" in text_of(
        response.get_data(as_text=True)  # type: ignore[attr-defined]
    )
    assert reports_of(session, lea) == []


def test_the_archive_lists_nothing_yet_and_reports_of_other_leas_stay_out(
    client: FlaskClient, session: Session, iusd: Lea, viewer: User
) -> None:
    other = builders.lea(session)
    session.add(
        GeneratedReport(
            kind=ReportKind.LEA,
            lea_id=other.id,
            as_of=date(2024, 1, 1),
            audience=Audience.BOARD,
            filename="other.pdf",
            pages=1,
            sha256=hashlib.sha256(b"other").hexdigest(),
            pdf=b"other",
        )
    )
    session.flush()
    open_session_for(client, session, viewer)

    page = text_of(client.get(f"/leas/{iusd.id}/reports").get_data(as_text=True))

    assert "No status report has been generated for Inglewood Unified School District yet." in page
    assert "other.pdf" not in page


def test_a_board_packet_downloads_for_those_who_may_see_every_lea_in_it(
    client: FlaskClient, session: Session, viewer: User, iusd: Lea
) -> None:
    fresno_lea = session.scalars(
        select(Lea).where(Lea.name == "Piedra Azul Unified School District")
    ).one()
    packet = GeneratedReport(
        kind=ReportKind.BOARD_PACKET,
        lea_id=None,
        as_of=date(2021, 6, 30),
        audience=Audience.BOARD,
        filename="board-packet.pdf",
        pages=1,
        sha256=hashlib.sha256(b"packet").hexdigest(),
        pdf=b"packet",
        leas=[iusd, fresno_lea],
    )
    session.add(packet)
    session.flush()
    staff = make_user(session, Role.LEA_STAFF, lea=iusd)
    los_angeles = make_user(session, Role.COE_STAFF, county_office=iusd.county_office)

    open_session_for(client, session, viewer)
    assert client.get(f"/reports/{packet.id}.pdf").get_data() == b"packet"
    for outsider in (staff, los_angeles):  # each sees IUSD, not the Fresno LEA
        open_session_for(client, session, outsider)
        assert client.get(f"/reports/{packet.id}.pdf").status_code == 404
    packet.leas = [iusd]
    session.flush()
    assert client.get(f"/reports/{packet.id}.pdf").get_data() == b"packet"
