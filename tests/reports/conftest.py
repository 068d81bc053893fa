"""Reports take seconds to render: each distinct PDF is rendered once per module, from the
committed demo database, without archiving (the web and CLI tests archive their own)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import delete, select

from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.models import Audience, ReportSection
from sir_tracker.reports.operations import RenderedReport, render_lea_report
from sir_tracker.reports.packet import BuiltPacket, build_packet
from tests.reviews.iusd import IUSD
from tests.reviews.iusd import admin as admin
from tests.reviews.iusd import iusd as iusd
from tests.reviews.iusd import iusd_sir as iusd_sir
from tests.reviews.iusd import lead as lead
from tests.reviews.iusd import viewer as viewer
from tests.support import pdfs


class DemoReports:
    """IUSD's reports rendered from the demo database, each (date, audience) once; what
    WeasyPrint logged meanwhile is kept in ``logged`` (it reports problems by logging)."""

    def __init__(self, database: db.Database) -> None:
        self.database = database
        self.rendered: dict[tuple[date, Audience], RenderedReport] = {}
        self.pages: dict[tuple[date, Audience], list[str]] = {}
        self.logged: list[logging.LogRecord] = []

    def page_texts(self, as_of: date, audience: Audience) -> list[str]:
        """The text of each page (``pdfs.page_texts``), extracted once: pypdf takes seconds."""
        if (as_of, audience) not in self.pages:
            self.pages[as_of, audience] = pdfs.page_texts(self.get(as_of, audience).pdf)
        return self.pages[as_of, audience]

    def text(self, as_of: date, audience: Audience) -> str:
        return " ".join(self.page_texts(as_of, audience))

    def get(self, as_of: date, audience: Audience) -> RenderedReport:
        if (as_of, audience) not in self.rendered:
            handler = _Collect(self.logged)
            logger = logging.getLogger("weasyprint")
            logger.addHandler(handler)
            try:
                with self.database.new_session(write=False) as session:
                    lea = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
                    self.rendered[as_of, audience] = render_lea_report(
                        session, lea, as_of, audience
                    )
            finally:
                logger.removeHandler(handler)
        return self.rendered[as_of, audience]


class _Collect(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def demo_reports(demo_database_url: str) -> Iterator[DemoReports]:
    database = db.Database(demo_database_url)
    yield DemoReports(database)
    database.engine.dispose()


# The demo's board packet: the LEAs in DTA on this date.
PACKET_AS_OF = date(2026, 6, 30)
BOARD_MEETING = date(2026, 8, 27)


@pytest.fixture(scope="session")
def demo_packet(demo_database_url: str) -> Iterator[BuiltPacket]:
    """The demo's packet as of 30 June 2026 (the four LEAs in DTA then), built once for every
    module that reads it, in this process (the test workers keep both cores busy), from the
    shared demo database."""
    database = db.Database(demo_database_url)
    built = build_packet(
        database, None, PACKET_AS_OF, Audience.BOARD, thresholds=Thresholds(), processes=1,
        board_meeting=BOARD_MEETING, prepared_by="Dana Whitfield, CCEE",
    )  # fmt: skip
    # The sections it kept are committed: leave the shared demo database as it was.
    with transaction(database.writers) as session:
        session.execute(delete(ReportSection))
    database.engine.dispose()
    yield built
