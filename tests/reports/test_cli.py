"""``sir-tracker report`` and ``sir-tracker worker``, run as an operator runs them
(tests/support/cli.py), on a database of their own (they commit what they archive)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from sir_tracker.core import db
from sir_tracker.core.database import transaction
from sir_tracker.leas.models import Lea
from sir_tracker.reports.jobs import request_packet
from sir_tracker.reports.models import Audience, GeneratedReport, JobState, ReportJob
from tests.support import pdfs
from tests.support.cli import sir_tracker
from tests.support.databases import DatabaseServer

IUSD = "Inglewood Unified School District"


@pytest.fixture(scope="module")
def own_demo_database(database_server: DatabaseServer, demo_template: str) -> Iterator[str]:
    url = database_server.create(template=demo_template)
    yield url
    database_server.drop(url)


def archived(url: str) -> list[GeneratedReport]:
    database = db.Database(url)
    try:
        with database.new_session(write=False) as session:
            return list(session.scalars(select(GeneratedReport).order_by(GeneratedReport.id)))
    finally:
        database.engine.dispose()


def test_report_lea_writes_and_archives_the_pdf(own_demo_database: str, tmp_path: Path) -> None:
    output = tmp_path / "iusd.pdf"

    result = sir_tracker(
        "report", "lea", "19 64634", "--as-of", "2021-06-30", "--audience", "board",
        "-o", str(output), database_url=own_demo_database,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    pdf = output.read_bytes()
    pages = len(pdfs.reader(pdf).pages)
    assert result.stdout == f"Wrote {output} ({pages} pages)\n"
    text = pdfs.text(pdf)
    assert "19 completed / 41 in progress / 6 not started" in text
    assert "Prepared for the CCEE Governing Board" in text
    (report,) = archived(own_demo_database)
    assert report.pdf == pdf
    assert report.generated_by_id is None  # the command line
    assert (report.audience, report.pages) == (Audience.BOARD, pages)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Nowhere Unified",), "No LEA has the CDS code or name 'Nowhere Unified'"),
        ((IUSD, "--as-of", "30/06/2021"), "'30/06/2021' is not a date written YYYY-MM-DD"),
        ((IUSD, "--as-of", "2999-01-01"), "1 January 2999 is in the future"),
        ((IUSD, "--audience", "press"), "'press' is not one of 'board', 'spi'"),
    ],
)
def test_report_lea_explains_bad_input(
    own_demo_database: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    output = tmp_path / "never.pdf"
    defaults = () if "--audience" in args else ("--audience", "board")

    result = sir_tracker(
        "report", "lea", *args, *defaults, "-o", str(output), database_url=own_demo_database
    )

    assert result.returncode != 0
    assert message in result.stderr
    assert not output.exists()


PIEDRA_AZUL = "Piedra Azul Unified School District"


def test_report_board_writes_archives_and_reuses_sections(
    own_demo_database: str, tmp_path: Path
) -> None:
    output = tmp_path / "packet.pdf"
    args = ("report", "board", "--as-of", "2026-06-30", "--lea", PIEDRA_AZUL, "--lea", "19 64634")

    first = sir_tracker(*args, "-o", str(output), database_url=own_demo_database)
    # Nothing to lay out again: one process is enough (two start in seconds, for nothing).
    again = sir_tracker(
        *args, "--audience", "board", "--processes", "1", "-o", str(output),
        database_url=own_demo_database,
    )  # fmt: skip

    assert first.returncode == 0, first.stderr
    pdf = output.read_bytes()
    pages = len(pdfs.reader(pdf).pages)
    assert first.stdout == (
        f"Wrote {output} ({pages} pages, 2 LEAs: 2 laid out, 0 unchanged since their last packet)\n"
    )
    # Not a terminal: one progress line per LEA report instead of a bar.
    assert "/2 Inglewood Unified School District" in first.stderr
    assert "/2 Piedra Azul Unified School District" in first.stderr
    assert again.returncode == 0, again.stderr
    assert "2 LEAs: 0 laid out, 2 unchanged since their last packet" in again.stdout
    text = pdfs.text(pdf)
    assert "Summary by LEA" in text
    assert "19 completed / 41 in progress / 6 not started" in text
    packets = [r for r in archived(own_demo_database) if r.lea_id is None]
    assert len(packets) == 2
    assert packets[-1].pdf == pdf and packets[-1].generated_by_id is None


def test_report_board_explains_bad_input(own_demo_database: str, tmp_path: Path) -> None:
    output = tmp_path / "never.pdf"
    for args, message in (
        (("--lea", "Nowhere Unified"), "No LEA has the CDS code or name 'Nowhere Unified'"),
        (("--as-of", "2999-01-01"), "1 January 2999 is in the future"),
        (("--as-of", "2000-01-01"), "No LEA was in direct technical assistance on 1 January 2000"),
    ):
        result = sir_tracker(
            "report", "board", *args, "-o", str(output), database_url=own_demo_database
        )
        assert result.returncode != 0
        assert message in result.stderr
    assert not output.exists()


def test_worker_generates_a_packet_asked_for(own_demo_database: str) -> None:
    database = db.Database(own_demo_database)
    try:
        with transaction(database.writers) as session:
            lea_id = session.scalars(select(Lea.id).where(Lea.name == PIEDRA_AZUL)).one()
            job = request_packet(
                session, by=None, lea_ids=[lea_id], as_of=date(2026, 6, 30), audience=Audience.SPI
            )
            job_id = job.id

        # One LEA: one layout process, set as an operator sets it, in the environment.
        result = sir_tracker(
            "worker", "--once", database_url=own_demo_database,
            env={"SIR_TRACKER_REPORT_PROCESSES": "1"},
        )  # fmt: skip

        assert result.returncode == 0, result.stderr
        assert "Worker stopped after 1 job." in result.stdout
        with database.new_session(write=False) as session:
            done = session.get_one(ReportJob, job_id)
            assert done.state is JobState.SUCCEEDED, done.message
            assert (done.sections_done, done.sections_total) == (1, 1)
            assert done.report is not None
            assert [lea.name for lea in done.report.leas] == [PIEDRA_AZUL]
            text = pdfs.text(done.report.pdf)
            assert "Prepared for the State Superintendent of Public Instruction" in text
    finally:
        database.engine.dispose()
