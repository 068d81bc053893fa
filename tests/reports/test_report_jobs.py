"""The report job queue beyond a packet's progress: asking twice joins the waiting job,
whoever asked may cancel, LEA reports go before packets, laid-out sections that no report can
use any more are pruned."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.progress.operations import change_status
from sir_tracker.reports import jobs
from sir_tracker.reports.models import Audience, JobState, ReportJob, ReportSection
from sir_tracker.reports.sections import SectionPdf, data_versions, keep_sections, prune_sections
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role, User
from tests.reports.test_packet_views import IUSD, PIEDRA_AZUL, database_of, lea_id
from tests.reviews.iusd import post, text_of
from tests.support.auth import make_user, open_session_for

AS_OF = date(2026, 6, 30)


def ask_packet(
    session: Session, by: User, *names: str, audience: Audience = Audience.BOARD
) -> ReportJob:
    return jobs.request_packet(
        session, by=by, lea_ids=[lea_id(session, name) for name in names], as_of=AS_OF,
        audience=audience,
    )  # fmt: skip


def test_asking_twice_for_a_waiting_packet_joins_its_job(session: Session) -> None:
    viewer = make_user(session, Role.VIEWER)
    other = make_user(session, Role.VIEWER)

    first = ask_packet(session, viewer, IUSD, PIEDRA_AZUL)
    again = ask_packet(session, viewer, IUSD, PIEDRA_AZUL)

    assert again.id == first.id
    # Anything else asked is a job of its own: other LEAs, order, audience, person.
    assert ask_packet(session, viewer, IUSD).id != first.id
    assert ask_packet(session, viewer, PIEDRA_AZUL, IUSD).id != first.id
    assert ask_packet(session, viewer, IUSD, PIEDRA_AZUL, audience=Audience.SPI).id != first.id
    assert ask_packet(session, other, IUSD, PIEDRA_AZUL).id != first.id
    # Once it has started, asking again queues a new one (the data may have changed).
    first.state = JobState.RUNNING
    session.flush()
    assert ask_packet(session, viewer, IUSD, PIEDRA_AZUL).id != first.id


def test_asking_twice_for_the_same_lea_report_on_the_web_joins_the_waiting_job(
    client: FlaskClient, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER)
    open_session_for(client, session, viewer)
    iusd = lea_id(session, IUSD)
    data = {"as_of": "2021-06-30", "audience": "board"}

    first = post(client, f"/leas/{iusd}/report.pdf", data, f"/leas/{iusd}/reports")
    second = post(client, f"/leas/{iusd}/report.pdf", data, f"/leas/{iusd}/reports")

    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]


def test_whoever_asked_cancels_a_waiting_report_and_no_worker_runs_it(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER, name="Vera Viewer")
    open_session_for(client, session, viewer)
    iusd = lea_id(session, IUSD)
    asked = post(
        client, f"/leas/{iusd}/report.pdf", {"as_of": "2021-06-30", "audience": "board"},
        f"/leas/{iusd}/reports",
    )  # fmt: skip
    job_page = asked.headers["Location"]
    job_id = int(job_page.rsplit("/", 1)[1])

    cancelled = post(client, f"/report-jobs/{job_id}/cancel", {}, job_page)

    assert cancelled.status_code == 303 and cancelled.headers["Location"] == job_page
    page = text_of(client.get(job_page).get_data(as_text=True))
    assert "The report is cancelled: nothing will be generated." in page
    assert "Cancelled by Vera Viewer." in page and "Ask again" in page
    assert jobs.work(database_of(app), thresholds=Thresholds(), processes=1, once=True) == 0
    # Cancelling what has finished says so and changes nothing.
    again = post(client, f"/report-jobs/{job_id}/cancel", {}, job_page)
    assert again.status_code == 303
    page = text_of(client.get(job_page).get_data(as_text=True))
    assert "This job had already finished (cancelled)." in page
    session.expire_all()
    assert session.get_one(ReportJob, job_id).message == "Cancelled by Vera Viewer."


def test_a_packet_cancelled_while_it_runs_stops_and_archives_nothing(
    app: Flask, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER)
    job = ask_packet(session, viewer, IUSD, PIEDRA_AZUL)
    database = database_of(app)
    assert jobs.claim_next_job(database, "here:1") == job.id
    jobs.cancel_job(session, job, by=viewer)

    state = jobs.run_job(database, job.id, thresholds=Thresholds(), processes=1)

    assert state is JobState.CANCELLED
    session.refresh(job)
    assert (job.state, job.report_id, job.sections_done) == (JobState.CANCELLED, None, 0)


def test_an_lea_report_cancelled_while_it_is_laid_out_is_not_archived(
    app: Flask, session: Session
) -> None:
    viewer = make_user(session, Role.VIEWER)
    iusd = session.get_one(Lea, lea_id(session, IUSD))
    job = jobs.request_lea_report(
        session, by=viewer, lea=iusd, as_of=AS_OF, audience=Audience.SPI, thresholds=Thresholds()
    )
    assert isinstance(job, ReportJob)
    database = database_of(app)
    assert jobs.claim_next_job(database, "here:1") == job.id
    jobs.cancel_job(session, job, by=viewer)

    assert jobs.run_job(database, job.id, thresholds=Thresholds()) is JobState.CANCELLED

    session.refresh(job)
    assert job.report_id is None


def test_lea_reports_are_taken_before_packets_asked_earlier(app: Flask, session: Session) -> None:
    viewer = make_user(session, Role.VIEWER)
    packet = ask_packet(session, viewer, IUSD, PIEDRA_AZUL)
    report = jobs.request_lea_report(
        session, by=viewer, lea=session.get_one(Lea, lea_id(session, IUSD)), as_of=AS_OF,
        audience=Audience.BOARD, thresholds=Thresholds(),
    )  # fmt: skip
    database = database_of(app)

    assert jobs.claim_next_job(database, "here:1") == report.id
    assert jobs.claim_next_job(database, "here:1") == packet.id


def test_sections_no_report_can_use_any_more_are_pruned(app: Flask, session: Session) -> None:
    thresholds = Thresholds()
    iusd, piedra = lea_id(session, IUSD), lea_id(session, PIEDRA_AZUL)
    versions = data_versions(session, [iusd, piedra], thresholds)
    for day in (date(2021, 6, 30), AS_OF):
        keep_sections(
            session, [SectionPdf(iusd, b"%PDF iusd", 1), SectionPdf(piedra, b"%PDF pa", 1)],
            versions, day, Audience.BOARD,
        )  # fmt: skip
    kept = lambda: sorted(  # noqa: E731
        (row.lea_id, row.as_of)
        for row in session.execute(select(ReportSection.lea_id, ReportSection.as_of))
    )
    everything = kept()

    assert prune_sections(database_of(app), thresholds) == 0  # all current, whatever their date
    assert kept() == everything

    lead = make_user(session, Role.ADMIN)
    action = session.scalars(
        select(Action)
        .join(Action.sir)
        .where(Action.status == ActionStatus.NOT_STARTED, Action.sir.has(lea_id=iusd))
        .order_by(Action.id)
    ).first()
    assert action is not None
    change_status(session, action, ActionStatus.IN_PROGRESS, by=lead, note="Started.")
    session.flush()

    assert prune_sections(database_of(app), thresholds) == 2
    assert kept() == [(piedra, date(2021, 6, 30)), (piedra, AS_OF)]
