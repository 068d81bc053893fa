"""``sir-tracker report lea``, run as an operator runs it, on a database of its own (it
commits the archived report)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sir_tracker import db, migrate
from sir_tracker.database import transaction
from sir_tracker.demo.loader import load_demo
from sir_tracker.reports.models import Audience, GeneratedReport
from tests.support import pdfs
from tests.support.databases import DatabaseServer
from tests.test_cli import sir_tracker

IUSD = "Inglewood Unified School District"


@pytest.fixture(scope="module")
def own_demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = DatabaseServer(tmp_path_factory.mktemp("report-cli"))
    url = server.create()
    migrate.upgrade(url)
    database = db.Database(url)
    with transaction(database.writers) as session:
        load_demo(session)
    database.engine.dispose()
    yield url
    server.drop(url)


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
