"""Sending archived reports to distribution lists, against the real SMTP server of the
reminder tests: an admin keeps the lists on the web, a report from the archive is sent to one,
``sir-tracker worker`` sends the e-mails, each link downloads the archived bytes until it
expires (the clock moved with freezegun), and the archive shows who was sent what, when."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date, timedelta

import pikepdf
import pytest
from flask import Flask
from flask.testing import FlaskClient
from freezegun import freeze_time
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.cli import cli
from sir_tracker.core import db
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.distribution.models import (
    DeliveryState,
    DistributionList,
    ReportDelivery,
    ReportSending,
)
from sir_tracker.reports.models import Audience, GeneratedReport, ReportKind
from sir_tracker.reports.operations import RenderedReport, archive_report
from sir_tracker.reports.packet import build_packet
from sir_tracker.users.models import Role, User
from tests.reminders.conftest import BASE_URL, SmtpServer
from tests.reminders.conftest import mail_app as mail_app
from tests.reminders.conftest import smtp_server as smtp_server
from tests.support.auth import csrf_token, make_user, open_session_for

BOARD = [
    ("Ana Board", "ana@board.example.org"),
    ("Ben Board", "ben@board.example.org"),
    ("Cy Board", "cy@board.example.org"),
]
LINK = re.compile(re.escape(BASE_URL) + r"(/delivered/[\w.-]+)")


@pytest.fixture
def admin(session: Session, client: FlaskClient) -> User:
    user = make_user(session, Role.ADMIN)
    open_session_for(client, session, user)
    return user


def post(client: FlaskClient, path: str, form_page: str, **data: object) -> tuple[int, str]:
    response = client.post(path, data={"csrf_token": csrf_token(client, form_page), **data})
    return response.status_code, response.get_data(as_text=True)


def make_list(
    client: FlaskClient, session: Session, name: str, members: list[tuple[str, str]]
) -> DistributionList:
    """A list made as an admin makes one: on its page, a member at a time."""
    status, _ = post(client, "/admin/distribution-lists", "/admin/distribution-lists", name=name)
    assert status == 303
    made = session.scalars(select(DistributionList).where(DistributionList.name == name)).one()
    page = f"/admin/distribution-lists/{made.id}"
    for member, email in members:
        session.refresh(made)
        status, _ = post(client, f"{page}/members", page, name=member, email=email,
                         version=made.version)  # fmt: skip
        assert status == 303, member
    session.refresh(made)
    return made


def send(
    client: FlaskClient, report: GeneratedReport, to: DistributionList, message: str
) -> tuple[int, str]:
    page = f"/reports/{report.id}/send"
    return post(client, page, page, list=to.id, message=message)


def small_report(session: Session, by: User, pdf: bytes) -> GeneratedReport:
    """An archived Mesa Linda report of ``pdf`` (its layout is not what these tests are about)."""
    lea = session.scalars(select(Lea).where(Lea.name == "Mesa Linda Unified School District")).one()
    report = archive_report(session, RenderedReport.of(
        ReportKind.LEA, lea_id=lea.id, as_of=date(2026, 6, 30), audience=Audience.SPI,
        filename="mesa-linda.pdf", pdf=pdf, pages=1, generated_at=by.created_at,
    ), by=by)  # fmt: skip
    session.flush()
    return report


def run_worker(app: Flask) -> None:
    result = app.test_cli_runner().invoke(cli, ["worker", "--once"])
    assert result.exit_code == 0, result.output


def test_a_packet_sent_to_a_list_of_three_links_each_member_to_the_archived_bytes_until_expiry(
    mail_app: Flask, session: Session, client: FlaskClient, admin: User, smtp_server: SmtpServer
) -> None:
    mail_app.config["REPORT_ATTACH_MAX_BYTES"] = 0  # every report goes as a link
    riverlight = session.scalars(
        select(Lea.id).where(Lea.name == "Riverlight Academy Charter School")
    ).one()
    database: db.Database = mail_app.extensions["sir_tracker.core.db"]
    built = build_packet(database, [riverlight], date(2026, 6, 30), Audience.BOARD,
                         thresholds=Thresholds(), processes=1)  # fmt: skip
    packet = archive_report(session, built.report, by=admin)
    session.flush()
    board = make_list(client, session, "CCEE Governing Board", BOARD)

    archive = client.get("/reports").get_data(as_text=True)
    assert f'href="/reports/{packet.id}/send"' in archive
    status, _ = send(client, packet, board, "For the meeting of 4 June.")
    assert status == 303
    assert smtp_server.mailbox.messages == []  # sent by the worker, not by the request

    run_worker(mail_app)
    messages = smtp_server.mailbox.messages
    assert sorted(str(m["To"]) for m in messages) == sorted(email for _name, email in BOARD)
    links = []
    for message in messages:
        body = message.get_content()
        assert "For the meeting of 4 June." in body
        assert "Board packet as of 30 June 2026" in str(message["Subject"])
        assert not list(message.iter_attachments())
        found = LINK.search(body)
        assert found is not None
        links.append(found.group(1))
    assert len(set(links)) == 3  # one link per member

    stranger = mail_app.test_client()  # no sign-in
    for link in links:
        response = stranger.get(link)
        assert response.status_code == 200
        assert hashlib.sha256(response.data).hexdigest() == packet.sha256
    assert stranger.get(links[0][:-2] + "xx").status_code == 404  # not a token we signed

    sending = session.scalars(
        select(ReportSending).where(ReportSending.report_id == packet.id)
    ).one()
    with freeze_time(sending.links_expire_at + timedelta(seconds=1)):
        for link in links:
            expired = stranger.get(link)
            assert expired.status_code == 410
            assert "This link has expired" in expired.get_data(as_text=True)
            assert expired.data != packet.pdf

    archive = client.get("/reports").get_data(as_text=True)
    assert (
        f"{admin.name} sent this version to <strong>CCEE Governing Board</strong> "
        "(3 members): 3 sent." in archive
    )
    assert sending.sha256 == packet.sha256 and sending.sent_by_id == admin.id


def test_a_small_report_goes_attached_and_an_address_refused_fails_after_three_tries(
    mail_app: Flask, session: Session, client: FlaskClient, admin: User, smtp_server: SmtpServer
) -> None:
    with pikepdf.Pdf.new() as document:
        document.add_blank_page()
        out = io.BytesIO()
        document.save(out)
    report = small_report(session, admin, out.getvalue())
    spi = make_list(client, session, "SPI's office", BOARD[:2])
    smtp_server.mailbox.refuse.add(BOARD[1][1])
    assert send(client, report, spi, "")[0] == 303

    sending = session.scalars(select(ReportSending)).one()
    start = sending.sent_at
    for minutes in (0, 6, 17):  # each retry waits longer: 5, then 10 minutes
        with freeze_time(start + timedelta(minutes=minutes)):
            run_worker(mail_app)
    (message,) = smtp_server.mailbox.messages
    assert message["To"] == BOARD[0][1]
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "mesa-linda.pdf"
    assert hashlib.sha256(attachment.get_content()).hexdigest() == report.sha256
    deliveries = {d.email: d for d in session.scalars(select(ReportDelivery))}
    for delivery in deliveries.values():
        session.refresh(delivery)
    sent, refused = deliveries[BOARD[0][1]], deliveries[BOARD[1][1]]
    assert (sent.state, sent.attempts, sent.attached) == (DeliveryState.SENT, 1, True)
    assert (refused.state, refused.attempts) == (DeliveryState.FAILED, 3)
    archive = client.get("/reports").get_data(as_text=True)
    assert "1 sent, 1 failed" in archive
    assert (
        f"Not delivered: {BOARD[1][0]} ({BOARD[1][1]}), after 3 tries: {BOARD[1][1]} refused "
        "(550 5.1.1 Mailbox unavailable)"
    ) in archive


def test_lists_are_kept_with_versions_and_every_change_audited(
    app: Flask, session: Session, client: FlaskClient, admin: User
) -> None:
    board = make_list(client, session, "Board", BOARD[:1])
    page = f"/admin/distribution-lists/{board.id}"
    stale = board.version - 1
    status, text = post(client, page, page, name="Renamed", version=stale)
    assert status == 409 and "changed by someone else" in text
    status, text = post(client, f"{page}/members", page, name="Ana again", email=BOARD[0][1],
                        version=board.version)  # fmt: skip
    assert status == 422 and f"{BOARD[0][1]} is on this list already." in text
    status, text = post(client, f"{page}/members", page, name="Nobody", email="not an address",
                        version=board.version)  # fmt: skip
    assert status == 422 and "is not one: write it like name@example.org" in text
    status, text = post(client, page, page, name="x" * 201, version=board.version)
    assert status == 422 and "at most 200 characters" in text

    (member,) = board.current_members
    assert post(client, f"{page}/members/{member.id}/remove", page, version=board.version)[0] == 303
    session.expire_all()
    assert board.current_members == [] and member.removed_at is not None
    assert f"{BOARD[0][0]} ({BOARD[0][1]}, " in client.get(page).get_data(as_text=True)
    assert post(client, page, page, name="Board members", version=board.version)[0] == 303
    events = session.scalars(
        select(AuditEvent.summary).where(AuditEvent.actor_id == admin.id).order_by(AuditEvent.id)
    ).all()
    assert f"{BOARD[0][0]} <{BOARD[0][1]}> added." in events
    assert f"{BOARD[0][0]} <{BOARD[0][1]}> removed." in events
    assert len(events) == 4  # created, added, removed, renamed


def test_sending_is_refused_in_sentences_and_records_nothing(
    app: Flask, session: Session, client: FlaskClient, admin: User
) -> None:
    report = small_report(session, admin, b"%PDF-1.7")
    empty = make_list(client, session, "Nobody yet", [])
    page = f"/reports/{report.id}/send"
    status, text = post(client, page, page, message="Hello")
    assert status == 422 and "Choose the list to send the report to." in text
    status, text = send(client, report, empty, "Hello")
    assert status == 422 and "Nobody yet has no members" in text
    status, text = send(client, report, empty, "x" * 2001)
    assert status == 422 and "at most 2,000 characters" in text
    assert session.scalars(select(ReportSending)).all() == []
