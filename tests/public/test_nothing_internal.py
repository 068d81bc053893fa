"""What anyone may read (the public progress pages, their PDFs, the API without credentials)
shows nothing of an unpublished LEA and no internal field of a published one: a marker is
planted in every text column that is not public, in every row, and every public answer is
searched for it.

A new text column is internal until it is named in PUBLIC_COLUMNS, so this test covers it.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask.testing import FlaskClient
from sqlalchemy import Enum, String, Text, select, text, update
from sqlalchemy.orm import Session

from sir_tracker.all_models import Base
from sir_tracker.auth.tokens import create_api_token
from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Action, ActionStatus
from sir_tracker.users.models import Role
from tests.support import pdfs
from tests.support.auth import make_user

MARKER = "QZXMARK"
UNPUBLISHED_MARKER = "QZXHIDDENLEA"
PUBLISHED_SUMMARY = "The district shared its literacy results with families."
PUBLIC_COLUMNS = {
    "leas.name",
    "leas.cds_code",
    "county_offices.county",
    "county_offices.name",
    "sirs.title",
    "themes.title",
    "components.title",
    "actions.code",
    # Shown only once a lead publishes it (set apart below).
    "meetings.public_summary",
}
# Append-only tables (their triggers refuse UPDATE): new rows carry the marker instead.
APPEND_ONLY = {"status_changes", "progress_notes", "audit_events"}


def internal_text_columns() -> Iterator[tuple[str, str, int | None]]:
    for table in Base.metadata.sorted_tables:
        if table.name in APPEND_ONLY:
            continue
        for column in table.columns:
            kind = column.type
            if isinstance(kind, Enum) or not isinstance(kind, String | Text):
                continue
            if f"{table.name}.{column.name}" in PUBLIC_COLUMNS or column.foreign_keys:
                continue
            yield table.name, column.name, getattr(kind, "length", None)


def plant_markers(session: Session) -> None:
    for table, column, length in internal_text_columns():
        room = f", 1, {length - len(MARKER)}" if length else ""
        session.execute(
            text(
                f"UPDATE {table} SET {column} = :marker || "
                f"substr(COALESCE({column}, ''){room or ', 1'})"
            ),
            {"marker": MARKER},
        )
    # Every meeting's public summary is written but not published; one is published below.
    session.execute(
        update(Meeting).values(public_summary=MARKER + " draft", public_summary_published_at=None)
    )
    admin = make_user(session, Role.ADMIN)
    for action in session.scalars(select(Action).where(Action.archived_at.is_(None))):
        target = (
            ActionStatus.COMPLETED
            if action.status is not ActionStatus.COMPLETED
            else ActionStatus.IN_PROGRESS
        )
        change_status(
            session,
            action,
            target,
            by=admin,
            note=f"{MARKER} note",
            evidence_url=f"https://evidence.example/{MARKER}",
        )
        add_progress_note(
            session,
            action,
            f"{MARKER} progress note",
            by=admin,
            evidence_url=f"https://evidence.example/{MARKER}/note",
        )
    for lea in session.scalars(select(Lea).where(Lea.is_published.is_(False))):
        lea.name = f"{UNPUBLISHED_MARKER} {lea.id}"
        for sir in lea.sirs:
            sir.title = f"{UNPUBLISHED_MARKER} SIR {sir.id}"
    session.flush()


def pdf_contents(client: FlaskClient, path: str) -> str:
    """A PDF's text and every stream inflated: what a reader or a tool could get out of it."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert pdfs.embedded_files(response.data) == []
    streams = b" ".join(pdfs.inflated_streams(response.data)).decode("latin-1")
    return pdfs.text(response.data) + " " + streams


def public_answers(client: FlaskClient) -> Iterator[tuple[str, str]]:
    """(path, body) of every public page and public API answer."""
    visited: set[str] = set()

    def get(path: str) -> str:
        visited.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        return response.get_data(as_text=True)

    yield "/progress", get("/progress")
    for path in ("/api/v1/openapi.json", "/api/v1/docs", "/api/v1/components"):
        yield path, get(path)
    url: str | None = "/api/v1/leas?per_page=100"
    leas = []
    while url:
        body = get(url)
        yield url, body
        answer = client.get(url).get_json()
        leas += answer["items"]
        url = answer["pagination"]["next"]
    assert leas, "the demo publishes LEAs"
    for lea in leas:
        lea_id = lea["id"]
        yield f"/progress/{lea_id}", get(f"/progress/{lea_id}")
        yield f"/progress/{lea_id}.pdf", pdf_contents(client, f"/progress/{lea_id}.pdf")
        for part in ("", "/counts", "/sirs", "/meetings?per_page=100"):
            path = f"/api/v1/leas/{lea_id}{part}"
            yield path, get(path)
        for sir in client.get(f"/api/v1/leas/{lea_id}/sirs").get_json()["items"]:
            yield f"/api/v1/sirs/{sir['id']}", get(f"/api/v1/sirs/{sir['id']}")
            actions_path = f"/api/v1/sirs/{sir['id']}/actions?per_page=100"
            yield actions_path, get(actions_path)
            for action in client.get(actions_path).get_json()["items"]:
                yield f"/api/v1/actions/{action['id']}", get(f"/api/v1/actions/{action['id']}")


def test_no_public_answer_shows_an_internal_field_or_an_unpublished_lea(
    client: FlaskClient, session: Session
) -> None:
    plant_markers(session)
    published = session.scalars(
        select(Meeting)
        .join(Lea, Lea.id == Meeting.lea_id)
        .where(Lea.is_published, Meeting.kind == MeetingKind.QUARTERLY)
        .order_by(Meeting.held_on.desc())
    ).first()
    assert published is not None
    published.public_summary = PUBLISHED_SUMMARY
    published.public_summary_published_at = utcnow()
    session.flush()

    answers = dict(public_answers(client))

    leaks = {path for path, body in answers.items() if MARKER in body}
    hidden = {path for path, body in answers.items() if UNPUBLISHED_MARKER in body}
    assert leaks == set()
    assert hidden == set()
    assert len(answers) > 100
    # The published summary is public: the marker test would pass on pages showing nothing.
    assert any(PUBLISHED_SUMMARY in body for path, body in answers.items() if "/api/" in path)
    assert any(PUBLISHED_SUMMARY in body for path, body in answers.items() if ".pdf" in path)


def test_the_markers_reach_what_signed_in_readers_see(
    client: FlaskClient, session: Session
) -> None:
    """The planting works: a reader with credentials does see the marked fields."""
    plant_markers(session)
    _row, token = create_api_token(session, make_user(session, Role.VIEWER), "Check")
    action = session.scalars(select(Action).where(Action.archived_at.is_(None))).first()
    assert action is not None

    body = client.get(
        f"/api/v1/actions/{action.id}", headers={"Authorization": f"Bearer {token}"}
    ).get_data(as_text=True)

    assert MARKER in body
