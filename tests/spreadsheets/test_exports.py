"""Exports: what the pages show, for the LEAs the user may see, as XLSX (date cells, widths, a
frozen header) and CSV, with formula starts neutralised; an export of a SIR imports again."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import openpyxl
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.progress.operations import counts_by_component, status_counts
from sir_tracker.reviews.models import Action, Sir, StatusChange
from sir_tracker.users.models import Role, User
from tests.support.auth import csrf_token, make_user, open_session_for

AS_OF = "2021-06-30"


def cells(content: bytes, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for row in book[sheet].iter_rows()]


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def download(client: FlaskClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return response.data


def import_through_the_pages(client: FlaskClient, sir: Sir, filename: str, content: bytes) -> str:
    """Upload on the SIR's spreadsheets page, then confirm the dry run as shown."""
    page = f"/sirs/{sir.id}/spreadsheets"
    dry_run = client.post(
        f"/sirs/{sir.id}/import",
        data={"csrf_token": csrf_token(client, page), "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )
    assert dry_run.status_code == 200, dry_run.get_data(as_text=True)
    form = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', dry_run.get_data(as_text=True)))
    confirmed = client.post(
        f"/sirs/{sir.id}/import/confirm",
        data={key: form[key] for key in ("csrf_token", "token", "filename", "fingerprint")},
    )
    assert confirmed.status_code == 302, confirmed.get_data(as_text=True)
    return dry_run.get_data(as_text=True)


def test_round_trip_iusd_exported_imported_into_a_new_sir_and_exported_again(
    client: FlaskClient, session: Session, iusd_sir: Sir, empty_sir: Sir, admin: User
) -> None:
    open_session_for(client, session, admin)
    first = download(client, f"/sirs/{iusd_sir.id}/actions.xlsx?as_of={AS_OF}")

    import_through_the_pages(client, empty_sir, "iusd.xlsx", first)

    as_of = date(2021, 6, 30)
    assert status_counts(session, empty_sir, as_of) == status_counts(session, iusd_sir, as_of)
    assert status_counts(session, empty_sir).headline == (
        "19 completed / 41 in progress / 6 not started"
    )
    assert counts_by_component(session, empty_sir, as_of) == counts_by_component(
        session, iusd_sir, as_of
    )
    second = download(client, f"/sirs/{empty_sir.id}/actions.xlsx?as_of={AS_OF}")
    for sheet in ("Actions", "Themes", "Findings"):
        assert cells(second, sheet) == cells(first, sheet), sheet
    assert len(cells(first, "Actions")) == 67


def test_the_actions_export_is_as_of_the_day_chosen(
    client: FlaskClient, session: Session, iusd_sir: Sir, admin: User
) -> None:
    open_session_for(client, session, admin)
    rows = csv_rows(download(client, f"/sirs/{iusd_sir.id}/actions.csv?as_of=2019-12-31"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Code", "Component", "Action"]
    statuses = [row[header.index("Status")] for row in body]
    expected = status_counts(session, iusd_sir, date(2019, 12, 31))
    assert statuses.count("completed") == expected.completed
    assert statuses.count("in progress") == expected.in_progress
    assert len(body) == expected.total
    assert all(row[header.index("Last change")] <= "2019-12-31" for row in body)


def test_xlsx_exports_have_date_cells_widths_and_a_frozen_header(
    client: FlaskClient, session: Session, iusd_sir: Sir, admin: User
) -> None:
    open_session_for(client, session, admin)
    book = openpyxl.load_workbook(
        io.BytesIO(download(client, f"/sirs/{iusd_sir.id}/actions.xlsx?as_of={AS_OF}"))
    )
    sheet = book["Actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 60
    assert sheet["A1"].font.bold
    target, last_change = sheet["F2"], sheet["H2"]
    assert target.is_date and last_change.is_date
    assert last_change.value.date() <= date(2021, 6, 30)


def test_text_that_a_spreadsheet_would_run_is_neutralised_and_imports_back_as_it_was(
    client: FlaskClient, session: Session, empty_sir: Sir, admin: User
) -> None:
    from sir_tracker.reviews.models import Component
    from sir_tracker.reviews.operations import create_action

    component = session.scalars(select(Component).where(Component.number == 2)).one()
    texts = ['=HYPERLINK("http://evil.example","Click")', "+1 555 0100", "-3 pupils", "@SUM(A1)"]
    for n, text in enumerate(texts, start=1):
        create_action(session, empty_sir, code=f"2.{n}", text=text, component=component, by=admin)
    open_session_for(client, session, admin)

    content = download(client, f"/sirs/{empty_sir.id}/actions.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    column = [cell for (cell,) in book["Actions"].iter_rows(min_row=2, min_col=3, max_col=3)]
    assert [cell.value for cell in column] == ["'" + text for text in texts]
    assert {cell.data_type for cell in column} == {"s"}
    exported_csv = csv_rows(download(client, f"/sirs/{empty_sir.id}/actions.csv"))
    assert [row[2] for row in exported_csv[1:]] == ["'" + text for text in texts]

    dry_run = client.post(
        f"/sirs/{empty_sir.id}/import",
        data={
            "csrf_token": csrf_token(client, f"/sirs/{empty_sir.id}/spreadsheets"),
            "file": (io.BytesIO(content), "again.xlsx"),
        },
        content_type="multipart/form-data",
    )
    assert "Importing this file would change nothing" in dry_run.get_data(as_text=True)


def test_the_status_history_export_has_every_change(
    client: FlaskClient, session: Session, iusd_sir: Sir, admin: User
) -> None:
    open_session_for(client, session, admin)
    rows = cells(download(client, f"/sirs/{iusd_sir.id}/history.xlsx"), "Status history")
    changes = session.scalar(
        select(func.count())
        .select_from(StatusChange)
        .join(Action, Action.id == StatusChange.action_id)
        .where(Action.sir_id == iusd_sir.id)
    )
    assert rows[0][:5] == ["Code", "Action", "Changed on", "From", "To"]
    assert len(rows) - 1 == changes
    first = rows[1]
    assert first[0] == "1.1" and first[3] == "(new action)"
    assert len(csv_rows(download(client, f"/sirs/{iusd_sir.id}/history.csv"))) - 1 == changes


def _county_user(session: Session, county: str) -> User:
    office = session.scalars(select(CountyOffice).where(CountyOffice.county == county)).one()
    return make_user(session, Role.COE_STAFF, county_office=office)


def test_a_county_office_exports_only_its_countys_leas(
    client: FlaskClient, session: Session
) -> None:
    user = _county_user(session, "Los Angeles")
    open_session_for(client, session, user)
    la_leas = set(
        session.scalars(
            select(Lea.name)
            .join(CountyOffice)
            .where(CountyOffice.county == "Los Angeles", Lea.archived_at.is_(None))
        )
    )
    others = set(session.scalars(select(Lea.name))) - la_leas
    assert la_leas and others

    caseload = cells(download(client, "/caseload.xlsx"), "Caseload")
    assert {row[0] for row in caseload[1:]} == la_leas
    assert {row[2] for row in caseload[1:]} == {"Los Angeles"}
    caseload_csv = csv_rows(download(client, "/caseload.csv"))
    assert {row[0] for row in caseload_csv[1:]} == la_leas

    summary = cells(download(client, f"/board-packets/summary.xlsx?as_of={AS_OF}"), "Summary")
    assert summary[1:] and {row[0] for row in summary[1:]} <= la_leas
    assert not {row[0] for row in summary[1:]} & others
    for path in ("/caseload.csv", f"/board-packets/summary.csv?as_of={AS_OF}"):
        text = download(client, path).decode("utf-8-sig")
        assert not any(name in text for name in others), path


def test_the_caseload_export_matches_the_dashboard(
    client: FlaskClient, session: Session, admin: User, iusd_sir: Sir
) -> None:
    open_session_for(client, session, admin)
    rows = cells(download(client, "/caseload.xlsx"), "Caseload")
    header = rows[0]
    iusd = next(row for row in rows if row[0] == "Inglewood Unified School District")
    counts = status_counts(session, iusd_sir)
    assert [iusd[header.index(h)] for h in ("Completed", "In progress", "Not started")] == [
        counts.completed,
        counts.in_progress,
        counts.not_started,
    ]
    assert iusd[header.index("CDS code")] == iusd_sir.lea.cds_code
    dashboard = client.get("/").get_data(as_text=True)
    assert all(row[0] in dashboard for row in rows[1:])


def test_the_packet_summary_export_has_the_packets_lines(
    client: FlaskClient, session: Session, admin: User
) -> None:
    open_session_for(client, session, admin)
    book = openpyxl.load_workbook(
        io.BytesIO(download(client, "/board-packets/summary.xlsx?as_of=2026-06-30"))
    )
    summary = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    assert summary[0][:3] == ["LEA", "County", "Mode of engagement"]
    assert len(summary) - 1 == 4  # the demo's packet as of 30 June 2026 has 4 LEAs
    # What the packet's summary flags, as the PDF says it.
    flags = {row[0]: row[-1] for row in summary[1:]}
    assert flags["Mesa Linda Unified School District"] == "Plateau; 13 stalled"
    assert flags["Riverlight Academy Charter School"] == "Missed 2025-26 Q3"
    modes = [[c.value for c in row] for row in book["Caseload by mode"].iter_rows()]
    assert sum(row[1] for row in modes[1:]) == 4


def test_a_bad_as_of_day_is_refused_on_the_page(
    client: FlaskClient, session: Session, iusd_sir: Sir, admin: User
) -> None:
    open_session_for(client, session, admin)
    for path in (
        f"/sirs/{iusd_sir.id}/actions.xlsx?as_of=30/06/2021",
        f"/sirs/{iusd_sir.id}/actions.csv?as_of=2999-01-01",
        "/board-packets/summary.xlsx?as_of=someday",
    ):
        response = client.get(path)
        assert response.status_code == 422, path
        assert "usa-alert--error" in response.get_data(as_text=True)


def test_tab_and_carriage_return_starts_are_neutralised_too() -> None:
    # Operations strip what people type, so these reach an export only from other sources.
    from sir_tracker.spreadsheets.writing import Heading, Table, csv_bytes, xlsx_bytes

    table = Table("Cells", [Heading("Text")], [["\tTab"], ["\rReturn"], ["plain"], [-3]])
    assert csv_rows(csv_bytes(table)) == [["Text"], ["'\tTab"], ["'\rReturn"], ["plain"], ["-3"]]
    assert cells(xlsx_bytes([table]), "Cells") == [
        ["Text"],
        ["'\tTab"],
        ["'\rReturn"],
        ["plain"],
        [-3],
    ]
