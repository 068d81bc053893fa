"""A real SMTP server on 127.0.0.1 (aiosmtpd), and the data the reminder tests build around
today: a quarterly meeting five days ahead, an overdue next step, an LEA that missed a quarter."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.meetings.models import Attendee, Meeting, MeetingKind, NextStep, Organisation
from sir_tracker.reminders.models import Reminder
from sir_tracker.users.models import Role, User
from tests.support import builders
from tests.support.auth import make_user

PIEDRA_AZUL = "Piedra Azul Unified School District"
PIEDRA_AZUL_LEAD = "samuel.okafor@demo.sir-tracker.example"
BASE_URL = "https://sir.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class Mailbox:
    """What the server accepted; addresses in ``refuse`` get a 550 at RCPT TO; ``on_data``
    runs once a message is kept, before the server answers that it accepted it."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    on_data: Callable[[], None] | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(cast(EmailMessage, parsed))
        if self.on_data is not None:
            self.on_data()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def subjects_to(self, address: str) -> list[str]:
        return [subject(m) for m in self.to(address)]


def subject(message: EmailMessage) -> str:
    # A long subject is folded onto a continuation line; unfolding leaves a leading space.
    return str(message["Subject"]).strip()


@dataclass
class SmtpServer:
    mailbox: Mailbox
    port: int


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(mailbox, port)
    finally:
        controller.stop()


@pytest.fixture
def mail_app(app: Flask, smtp_server: SmtpServer) -> Flask:
    """The test app, sending reminders to the test server."""
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=smtp_server.port,
        SMTP_TIMEOUT=5,
        MAIL_FROM="SIR Tracker <reminders@sir.example.org>",
        BASE_URL=BASE_URL,
        PRE_READ_DAYS=7,
    )
    return app


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass
class Scenario:
    day: date
    meeting: Meeting  # quarterly, five days ahead, for Piedra Azul
    attendee_email: str
    step: NextStep  # overdue, with an owner's email
    owner_email: str
    missed: Lea  # in DTA for years, never met
    missed_lead: User


@pytest.fixture
def scenario(session: Session) -> Scenario:
    day = today()
    piedra = lea_named(session, PIEDRA_AZUL)
    meeting = Meeting(
        lea=piedra,
        held_on=day + timedelta(days=5),
        kind=MeetingKind.QUARTERLY,
        attendees=[
            Attendee(
                name="Maribel Cortez",
                title="Director of Multilingual Learner Services",
                organisation=Organisation.LEA,
                email="Maribel.Cortez@piedra-azul.example",
            ),
            Attendee(name="Raymond Her", organisation=Organisation.LEA),  # no email: no mail
            Attendee(  # the lead again, listed as an attendee: one pre-read, not two
                name="Samuel Okafor", organisation=Organisation.CCEE, email=PIEDRA_AZUL_LEAD
            ),
        ],
    )
    session.add(meeting)
    held = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == piedra.id, Meeting.held_on < day)
        .order_by(Meeting.held_on.desc())
        .limit(1)
    ).one()
    step = NextStep(
        meeting=held,
        text="Share the\nmid-year literacy results with principals.",
        owner="Owen Gallardo",
        owner_email="owen.gallardo@piedra-azul.example",
        due_on=day - timedelta(days=3),
    )
    session.add(step)
    lead = make_user(session, Role.CCEE_LEAD, name="Morgan Quarter")
    missed = builders.lea(session, name="Missed Quarter Unified School District")
    session.add(
        Engagement(
            lea=missed,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=day - timedelta(days=800),
            ccee_lead=lead,
        )
    )
    session.flush()
    return Scenario(
        day=day,
        meeting=meeting,
        attendee_email="maribel.cortez@piedra-azul.example",
        step=step,
        owner_email="owen.gallardo@piedra-azul.example",
        missed=missed,
        missed_lead=lead,
    )


def reminders(session: Session) -> list[Reminder]:
    """Every reminder, read afresh (the command commits in sessions of its own)."""
    session.expire_all()
    return list(session.scalars(select(Reminder).order_by(Reminder.id)))


@pytest.fixture(autouse=True)
def app_context(app: Flask) -> Iterator[None]:
    """Reminders link to pages by endpoint, which needs the app's URL map (the command that
    sends them runs inside the app, too)."""
    with app.app_context():
        yield
