"""The import on the web: upload, dry run, confirmation; refusals are pages that say what is
wrong (422), never a 500; a confirmation writes exactly what its dry run showed."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.test import TestResponse, encode_multipart

from sir_tracker.progress.operations import change_status, status_counts
from sir_tracker.reviews.models import Action, ActionStatus, Sir
from sir_tracker.users.models import User
from tests.reviews.iusd import changed_tables, table_counts, text_of
from tests.spreadsheets.files import action_rows, xlsx
from tests.support.auth import csrf_token, open_session_for


def upload(client: FlaskClient, sir: Sir, filename: str, content: bytes) -> TestResponse:
    # Encoded here, in memory: the test client spools a large body to a temporary file that
    # it never closes.
    boundary, body = encode_multipart(
        {
            "csrf_token": csrf_token(client, f"/sirs/{sir.id}/spreadsheets"),
            "file": FileStorage(io.BytesIO(content), filename),
        }
    )
    return client.post(
        f"/sirs/{sir.id}/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def confirmation(page: TestResponse) -> dict[str, Any]:
    fields = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', page.get_data(as_text=True)))
    return {key: fields[key] for key in ("csrf_token", "token", "filename", "fingerprint")}


def confirm(client: FlaskClient, sir: Sir, data: dict[str, Any]) -> TestResponse:
    return client.post(f"/sirs/{sir.id}/import/confirm", data=data)


def test_upload_shows_the_dry_run_and_confirming_writes_it(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    before = table_counts(session)

    dry_run = upload(client, empty_sir, "actions.xlsx", xlsx(action_rows(6)))

    assert dry_run.status_code == 200
    page = text_of(dry_run.get_data(as_text=True))
    assert "Importing this file would write: 6 actions to create, 0 to change" in page
    assert "Actions to create (6)" in page
    assert changed_tables(before, table_counts(session)) == {}  # a dry run writes nothing

    done = confirm(client, empty_sir, confirmation(dry_run))
    assert done.status_code == 302
    assert done.headers["Location"] == f"/sirs/{empty_sir.id}"
    sir_page = text_of(client.get(done.headers["Location"]).get_data(as_text=True))
    assert "Imported actions.xlsx: 6 actions created" in sir_page
    assert "2 completed / 2 in progress / 2 not started" in sir_page
    assert status_counts(session, empty_sir).total == 6


def test_a_file_with_problems_shows_each_and_offers_no_confirmation(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    rows = action_rows(60)
    rows[35][6] = "done"
    before = table_counts(session)

    response = upload(client, empty_sir, "actions.xlsx", xlsx(rows))

    assert response.status_code == 422
    page = text_of(response.get_data(as_text=True))
    assert "Nothing can be imported: 1 problem to correct in the file" in page
    assert (
        "Actions, row 37, status: 'done' is not one of not started, in progress, completed."
    ) in page
    assert "/import/confirm" not in response.get_data(as_text=True)
    assert changed_tables(before, table_counts(session)) == {}


def test_a_refused_file_is_said_on_the_spreadsheets_page(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    for filename, content, message in (
        ("actions.xls", b"\xd0\xcf\x11\xe0", "actions.xls is not an XLSX or CSV file."),
        ("actions.xlsx", b"Code;Component\n", "actions.xlsx is not an XLSX workbook"),
        ("big.csv", b"x" * (5 * 1024 * 1024 + 1), "big.csv is larger than 5.0 MB"),
    ):
        response = upload(client, empty_sir, filename, content)
        assert response.status_code == 422, filename
        assert message in text_of(response.get_data(as_text=True))


def test_no_file_is_a_form_error(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    response = client.post(
        f"/sirs/{empty_sir.id}/import",
        data={"csrf_token": csrf_token(client, f"/sirs/{empty_sir.id}/spreadsheets")},
    )
    assert response.status_code == 422
    assert "Choose the file to import." in response.get_data(as_text=True)


def test_an_upload_over_the_request_limit_answers_413(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    response = upload(client, empty_sir, "huge.xlsx", b"PK\x03\x04" + b"\0" * (17 * 1024 * 1024))
    assert response.status_code == 413
    assert "That was too much to send" in response.get_data(as_text=True)


def test_a_sir_changed_after_the_dry_run_shows_the_dry_run_again(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    rows = action_rows(3)
    confirm(client, empty_sir, confirmation(upload(client, empty_sir, "a.xlsx", xlsx(rows))))
    rows[0][6] = "in progress"  # 3.1: completed -> in progress
    dry_run = upload(client, empty_sir, "a.xlsx", xlsx(rows))
    assert "Status: completed → in progress" in text_of(dry_run.get_data(as_text=True))
    first = session.scalars(
        select(Action).where(Action.sir_id == empty_sir.id, Action.code == "3.1")
    ).one()
    change_status(session, first, ActionStatus.IN_PROGRESS, by=importer, note="At a meeting.")
    session.flush()
    before = table_counts(session)

    stale = confirm(client, empty_sir, confirmation(dry_run))

    assert stale.status_code == 409
    page = text_of(stale.get_data(as_text=True))
    assert "The SIR changed since the dry run you confirmed" in page
    assert "Importing this file would change nothing" in page
    assert changed_tables(before, table_counts(session)) == {}


def test_a_confirmation_without_its_upload_imports_nothing(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    data = {
        "csrf_token": csrf_token(client, f"/sirs/{empty_sir.id}/spreadsheets"),
        "token": "0" * 64,
        "filename": "actions.xlsx",
        "fingerprint": "0" * 64,
    }
    response = confirm(client, empty_sir, data)
    assert response.status_code == 422
    assert "This dry run is no longer available" in text_of(response.get_data(as_text=True))


def test_another_users_upload_cannot_be_confirmed(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User, admin: User
) -> None:
    open_session_for(client, session, importer)
    data = confirmation(upload(client, empty_sir, "a.xlsx", xlsx(action_rows(2))))
    open_session_for(client, session, admin)
    data["csrf_token"] = csrf_token(client, f"/sirs/{empty_sir.id}/spreadsheets")
    assert confirm(client, empty_sir, data).status_code == 422
    assert status_counts(session, empty_sir).total == 0


def test_readers_see_the_exports_and_editors_the_import(
    client: FlaskClient, session: Session, iusd_sir: Sir, lead: User, viewer: User
) -> None:
    open_session_for(client, session, viewer)
    sir_page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)
    assert f'href="/sirs/{iusd_sir.id}/spreadsheets">Export (spreadsheet)' in sir_page
    page = client.get(f"/sirs/{iusd_sir.id}/spreadsheets").get_data(as_text=True)
    assert "Download actions (XLSX)" in page and "See the dry run" not in page
    open_session_for(client, session, lead)
    page = client.get(f"/sirs/{iusd_sir.id}/spreadsheets").get_data(as_text=True)
    assert "See the dry run" in page and 'href="/spreadsheets/template.xlsx"' in page


def test_the_template_has_the_columns_an_example_lists_and_explanations(
    client: FlaskClient, session: Session, lead: User
) -> None:
    open_session_for(client, session, lead)
    response = client.get("/spreadsheets/template.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Actions", "Themes", "Findings", "Columns"]
    actions = book["Actions"]
    header = [cell.value for cell in actions[1]]
    assert header[:3] == ["Code", "Component", "Action"] and "Status" in header
    assert actions["A2"].value == "1.1" and actions.max_row == 2  # one example row
    lists = {str(v.sqref)[0]: v.formula1 for v in actions.data_validations.dataValidation}
    assert lists["B"] == '"1,2,3,4,5,6,7,8,9,10,11,12"'
    assert lists["G"] == '"not started,in progress,completed"'
    category = book["Findings"].data_validations.dataValidation
    assert '"strength,weakness,opportunity,threat"' in {v.formula1 for v in category}
    explained = {(row[0].value, row[1].value) for row in book["Columns"].iter_rows(min_row=2)}
    assert {("Actions", h) for h in header} <= explained
    titles = [row[3].value for row in book["Columns"].iter_rows() if isinstance(row[1].value, int)]
    assert "Governance Support with Instruction" in titles


def test_the_template_filled_in_imports(
    client: FlaskClient, session: Session, empty_sir: Sir, importer: User
) -> None:
    open_session_for(client, session, importer)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/spreadsheets/template.xlsx").data))
    out = io.BytesIO()
    book.save(out)
    dry_run = upload(client, empty_sir, "template.xlsx", out.getvalue())
    assert dry_run.status_code == 200
    assert "1 action to create" in text_of(dry_run.get_data(as_text=True))
    assert "1 theme and 1 finding to create" in text_of(dry_run.get_data(as_text=True))
