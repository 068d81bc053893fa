"""Board packets on the web and the job queue behind them: asking (scoped to the LEAs one may
see), the worker's progress, the download, refusals that queue nothing."""

from __future__ import annotations

import re
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.core import db
from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports import jobs
from sir_tracker.reports.models import Audience, JobState, ReportJob
from sir_tracker.users.models import Role
from tests.reviews.iusd import county
from tests.support import pdfs
from tests.support.auth import csrf_token, make_user, open_session_for

PIEDRA_AZUL = "Piedra Azul Unified School District"  # Fresno
IUSD = "Inglewood Unified School District"  # Los Angeles


def database_of(app: Flask) -> db.Database:
    database: db.Database = app.extensions["sir_tracker.core.db"]
    return database


def lea_id(session: Session, name: str) -> int:
    return session.scalars(select(Lea.id).where(Lea.name == name)).one()


def job_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReportJob)) or 0


def offered(page: str) -> list[str]:
    return re.findall(r'<label class="usa-checkbox__label" for="leas-\d+">([^<]+)</label>', page)


def test_county_office_staff_are_offered_only_their_countys_leas(
    client: FlaskClient, session: Session
) -> None:
    fresno = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    open_session_for(client, session, fresno)

    page = client.get("/board-packets").get_data(as_text=True)

    assert offered(page) == [PIEDRA_AZUL]


def test_asking_for_an_lea_out_of_scope_is_refused_and_queues_nothing(
    client: FlaskClient, session: Session
) -> None:
    fresno = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    open_session_for(client, session, fresno)
    before = job_count(session)

    response = client.post(
        "/board-packets",
        data={
            "csrf_token": csrf_token(client, "/board-packets"),
            "as_of": "2026-06-30",
            "audience": "board",
            "leas": [str(lea_id(session, IUSD))],
        },
    )

    assert response.status_code == 422
    assert "Choose among the LEAs listed" in response.get_data(as_text=True)
    assert job_count(session) == before


def test_a_packet_without_leas_or_in_the_future_is_refused(
    client: FlaskClient, session: Session
) -> None:
    open_session_for(client, session, make_user(session, Role.VIEWER))
    token = csrf_token(client, "/board-packets")
    before = job_count(session)

    none_ticked = client.post(
        "/board-packets", data={"csrf_token": token, "as_of": "2026-06-30", "audience": "board"}
    )
    future = client.post(
        "/board-packets",
        data={
            "csrf_token": token,
            "as_of": "2999-01-01",
            "audience": "spi",
            "leas": [str(lea_id(session, IUSD))],
        },
    )

    assert none_ticked.status_code == 422
    assert "Tick at least one LEA for the packet." in none_ticked.get_data(as_text=True)
    assert future.status_code == 422
    assert "1 January 2999 is in the future" in future.get_data(as_text=True)
    assert job_count(session) == before


def test_a_board_meeting_that_is_no_day_or_before_the_as_of_date_is_refused(
    client: FlaskClient, session: Session
) -> None:
    open_session_for(client, session, make_user(session, Role.VIEWER))
    token = csrf_token(client, "/board-packets")
    before = job_count(session)

    def ask(board_meeting: str) -> tuple[int, str]:
        answer = client.post(
            "/board-packets",
            data={
                "csrf_token": token,
                "as_of": "2026-06-30",
                "audience": "board",
                "board_meeting": board_meeting,
                "leas": [str(lea_id(session, IUSD))],
            },
        )
        return answer.status_code, answer.get_data(as_text=True)

    status, page = ask("2026-02-30")
    assert status == 422
    assert "The board meeting is not a day of the calendar" in page
    status, page = ask("2026-06-01")
    assert status == 422
    assert "The board meeting comes before the as-of date" in page
    assert job_count(session) == before


def test_ask_follow_and_download_a_packet(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER, name="Board Clerk")
    open_session_for(client, session, viewer)
    form = client.get("/board-packets").get_data(as_text=True)
    # Every LEA with a SIR is offered; those in DTA today are ticked.
    assert PIEDRA_AZUL in offered(form) and IUSD in offered(form)

    asked = client.post(
        "/board-packets",
        data={
            "csrf_token": csrf_token(client, "/board-packets"),
            "as_of": "2026-06-30",
            "audience": "spi",
            "board_meeting": "2026-07-16",
            "leas": [str(lea_id(session, PIEDRA_AZUL))],
        },
    )

    assert asked.status_code == 303
    job_page = asked.headers["Location"]
    waiting = client.get(job_page).get_data(as_text=True)
    assert "Waiting to start" in waiting
    assert 'data-active="true"' in waiting and "packet-progress.js" in waiting
    assert "0 of 1" in waiting

    ran = jobs.work(database_of(app), thresholds=Thresholds(), processes=1, once=True)

    assert ran == 1
    ready = client.get(job_page).get_data(as_text=True)
    assert "Ready" in ready and 'data-active="false"' in ready
    assert "packet-progress.js" not in ready
    link = re.search(r'href="(/reports/\d+\.pdf)">Download the board packet', ready)
    assert link is not None
    download = client.get(link.group(1))
    assert download.status_code == 200
    assert download.mimetype == "application/pdf"
    text = pdfs.text(download.data)
    assert "Prepared for the State Superintendent of Public Instruction" in text
    assert "16 July 2026" in text  # the board meeting asked for, on the cover
    assert PIEDRA_AZUL in text
    listed = client.get("/board-packets").get_data(as_text=True)
    assert link.group(1) in listed and "Board Clerk" in listed

    # The packet covers a Fresno LEA: Los Angeles staff may not download it; Fresno staff may.
    los_angeles = make_user(session, Role.COE_STAFF, county_office=county(session, "Los Angeles"))
    open_session_for(client, session, los_angeles)
    assert client.get(link.group(1)).status_code == 404
    assert client.get(job_page).status_code == 404  # someone else's job
    fresno = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    open_session_for(client, session, fresno)
    assert client.get(link.group(1)).status_code == 200


def test_a_worker_takes_over_a_job_whose_worker_went_silent(app: Flask, session: Session) -> None:
    database = database_of(app)
    job = jobs.request_packet(
        session, by=None, lea_ids=[lea_id(session, PIEDRA_AZUL)], as_of=date(2026, 6, 30),
        audience=Audience.BOARD,
    )  # fmt: skip
    job.state = JobState.RUNNING
    job.attempts = 1
    job.worker = "gone:1"
    job.heartbeat_at = utcnow() - jobs.STALE_AFTER - timedelta(seconds=1)
    session.flush()

    claimed = jobs.claim_next_job(database, "here:2")

    assert claimed == job.id
    session.refresh(job)
    assert (job.state, job.attempts, job.worker) == (JobState.RUNNING, 2, "here:2")
    # Beating now: nobody else takes it.
    assert jobs.claim_next_job(database, "there:3") is None


def test_a_job_that_keeps_dying_is_given_up(app: Flask, session: Session) -> None:
    database = database_of(app)
    job = jobs.request_packet(
        session, by=None, lea_ids=[lea_id(session, PIEDRA_AZUL)], as_of=date(2026, 6, 30),
        audience=Audience.BOARD,
    )  # fmt: skip
    job.state = JobState.RUNNING
    job.attempts = jobs.MAX_ATTEMPTS
    job.heartbeat_at = utcnow() - jobs.STALE_AFTER - timedelta(seconds=1)
    session.flush()

    assert jobs.claim_next_job(database, "here:2") is None

    session.refresh(job)
    assert job.state is JobState.FAILED
    assert job.message == f"Stopped after {jobs.MAX_ATTEMPTS} attempts."


def test_a_job_whose_lea_has_no_sir_fails_with_the_reason(app: Flask, session: Session) -> None:
    from tests.support import builders

    empty = builders.lea(session)
    job = jobs.request_packet(
        session, by=None, lea_ids=[empty.id], as_of=date(2026, 6, 30), audience=Audience.BOARD
    )
    session.flush()

    state = jobs.run_job(database_of(app), job.id, thresholds=Thresholds(), processes=1)

    assert state is JobState.FAILED
    session.refresh(job)
    assert job.message == f"{empty.name} has no SIR yet: there is nothing to report."
    assert job.report_id is None
