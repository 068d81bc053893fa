"""The board packet: its summary, its sections, and the sections kept between packets.

The demo's packet as of 30 June 2026 (the five LEAs in DTA then) is built once for the module,
on two layout processes, from the committed demo database; tests that change data build
their own small packets inside the test's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from pypdf.generic import Destination
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.progress.operations import change_status, counts_by_sir
from sir_tracker.reports.data import current_sir
from sir_tracker.reports.models import Audience, ReportSection
from sir_tracker.reports.operations import ReportRefused
from sir_tracker.reports.packet import BuiltPacket, build_packet
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role
from tests.support import pdfs
from tests.support.auth import make_user

AS_OF = date(2026, 6, 30)
# Inglewood Unified left DTA on 30 June 2022.
IN_DTA = [
    "Mesa Linda Unified School District",
    "Mirador County Office of Education",
    "Piedra Azul Unified School District",
    "Riverlight Academy Charter School",
]
SMALL = ["Piedra Azul Unified School District", "Riverlight Academy Charter School"]


@pytest.fixture(scope="module")
def packet(demo_database_url: str) -> Iterator[BuiltPacket]:
    database = db.Database(demo_database_url)
    built = build_packet(
        database, None, AS_OF, Audience.BOARD, thresholds=Thresholds(), processes=2
    )
    # The sections it kept are committed: leave the shared demo database as it was.
    with transaction(database.writers) as session:
        session.execute(delete(ReportSection))
    database.engine.dispose()
    yield built


@pytest.fixture(scope="module")
def texts(packet: BuiltPacket) -> list[str]:
    return pdfs.page_texts(packet.report.pdf)


def outline(pdf: bytes) -> list[tuple[str, int]]:
    """The packet's top-level outline: (title, page index)."""
    reader = pdfs.reader(pdf)
    return [
        (item.title, reader.get_destination_page_number(item))
        for item in reader.outline
        if isinstance(item, Destination)
    ]


def lea_ids(session: Session, names: list[str]) -> list[int]:
    return [session.scalars(select(Lea.id).where(Lea.name == name)).one() for name in names]


def database_of(app: Flask) -> db.Database:
    database: db.Database = app.extensions["sir_tracker.core.db"]
    return database


def test_the_default_packet_covers_every_lea_in_dta_on_the_date(
    packet: BuiltPacket, texts: list[str]
) -> None:
    assert packet.laid_out == 4 and packet.reused == 0
    assert [title for title, _page in outline(packet.report.pdf)] == [
        "Board packet: Systemic Instructional Review progress as of 30 June 2026",
        "Summary by LEA",
        *IN_DTA,
    ]
    assert packet.report.pages == len(texts)
    cover = texts[0]
    assert "Board packet" in cover
    assert "Status as of 30 June 2026" in cover
    assert "Prepared for the CCEE Governing Board" in cover


def test_summary_line_of_each_lea_has_the_counts_of_the_count_query(
    packet: BuiltPacket, texts: list[str], session: Session
) -> None:
    summary = texts[1]
    assert "Summary by LEA" in summary
    leas = session.scalars(select(Lea).where(Lea.name.in_(IN_DTA))).all()
    sirs = {lea.name: current_sir(lea).id for lea in leas}
    counts = counts_by_sir(session, sirs.values(), AS_OF)
    for name, sir_id in sirs.items():
        c = counts[sir_id]
        assert f"{name} " in summary
        figures = f"{c.completed} {c.in_progress} {c.not_started} {c.percent_active}%"
        assert figures in summary.split(name, 1)[1][:200], name
    assert "Inglewood Unified School District" not in summary  # exited in 2022
    # Mesa Linda's completed count has not risen across its last two quarterly meetings.
    assert (
        "Mesa Linda Unified School District Kern Embedded partnership 8 17 0 100% "
        "No change 4 Plateau"
    ) in summary
    assert (
        "Piedra Azul Unified School District Fresno Collaborative facilitation 15 6 0 100% "
        "+3 / -3 / 0 4 No"
    ) in summary


def test_caseload_by_mode_adds_up_to_the_packet(texts: list[str]) -> None:
    cover = texts[0]
    assert "4 LEAs: recommended actions as of 30 June 2026" in cover
    assert "24 completed / 35 in progress / 9 not started" in cover
    assert "Collaborative planning 2 1 12 9 59%" in cover
    assert "Collaborative facilitation 1 15 6 0 100%" in cover
    assert "Embedded partnership 1 8 17 0 100%" in cover
    assert "All modes 4 24 35 9 87%" in cover
    assert "1 LEA on a plateau" in cover


def test_each_report_starts_on_the_page_the_summary_gives(
    packet: BuiltPacket, texts: list[str]
) -> None:
    summary = texts[1]
    for title, index in outline(packet.report.pdf)[2:]:
        # A line ends with the plateau flag ("No" or "Plateau") and the page.
        found = re.search(re.escape(title) + r" .*? (?:No|Plateau) (\d+)\b", summary)
        assert found is not None, title
        assert int(found.group(1)) == index + 1, title
        first = texts[index]
        assert title in first and "Status as of 30 June 2026" in first


def test_sections_are_the_lea_reports(packet: BuiltPacket, texts: list[str]) -> None:
    starts = dict(outline(packet.report.pdf))
    mesa_linda = " ".join(texts[starts[IN_DTA[0]] : starts[IN_DTA[1]]])
    assert "8 completed / 17 in progress / 0 not started" in mesa_linda
    assert "100% completed or in progress" in mesa_linda
    assert "Progress by component" in mesa_linda


def test_packet_is_titled_and_in_english(packet: BuiltPacket) -> None:
    reader = pdfs.reader(packet.report.pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Board packet: Systemic Instructional Review progress as of 30 June 2026"
    )
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_regenerating_lays_out_only_the_leas_that_changed(app: Flask, session: Session) -> None:
    database = database_of(app)
    chosen = lea_ids(session, SMALL)

    def build() -> BuiltPacket:
        return build_packet(
            database, chosen, AS_OF, Audience.SPI, thresholds=Thresholds(), processes=1
        )

    first = build()
    again = build()
    assert (first.laid_out, first.reused) == (2, 0)
    assert (again.laid_out, again.reused) == (0, 2)
    assert pdfs.page_texts(again.report.pdf)[2:] == pdfs.page_texts(first.report.pdf)[2:]

    piedra = session.get_one(Lea, chosen[0])
    action = session.scalars(
        select(Action)
        .where(Action.sir_id == current_sir(piedra).id, Action.status == ActionStatus.IN_PROGRESS)
        .order_by(Action.id)
    ).first()
    assert action is not None
    change_status(
        session, action, ActionStatus.COMPLETED, by=make_user(session, Role.ADMIN),
        note="Done", at=None,
    )  # fmt: skip
    session.flush()

    after = build()
    assert (after.laid_out, after.reused) == (1, 1)
    text = pdfs.text(after.report.pdf)
    # Counted now (after 30 June 2026), so the as-of figures do not move; the section was laid
    # out again all the same, because Piedra Azul's data changed.
    assert "15 completed / 6 in progress / 0 not started" in text


def test_a_packet_needs_leas_and_a_past_date(app: Flask, session: Session) -> None:
    database = database_of(app)
    with pytest.raises(ReportRefused, match="at least one LEA"):
        build_packet(database, [], AS_OF, Audience.BOARD, thresholds=Thresholds(), processes=1)
    with pytest.raises(ReportRefused, match="in the future"):
        build_packet(
            database, None, date(2999, 1, 1), Audience.BOARD, thresholds=Thresholds(),
            processes=1,
        )  # fmt: skip
    with pytest.raises(ReportRefused, match="No LEA was in direct technical assistance"):
        build_packet(
            database, None, date(2000, 1, 1), Audience.BOARD, thresholds=Thresholds(),
            processes=1,
        )  # fmt: skip
    assert session.scalars(select(ReportSection)).all() == []
