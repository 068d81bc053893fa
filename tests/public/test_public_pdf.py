"""The public PDF of an LEA's progress: the public page's content as a tagged PDF (PDF/UA-1)
for anyone, laid out once per change of its content."""

from __future__ import annotations

from flask.testing import FlaskClient
from pypdf.generic import BooleanObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from tests.support import pdfs

IUSD = "Inglewood Unified School District"


def test_anyone_downloads_a_published_lea_s_progress_as_a_tagged_pdf(
    client: FlaskClient, session: Session
) -> None:
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    latest = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == iusd.id, Meeting.kind == MeetingKind.QUARTERLY)
        .order_by(Meeting.held_on.desc())
    ).first()
    assert latest is not None
    latest.public_summary = "Families joined the spring literacy night."
    latest.public_summary_published_at = utcnow()
    session.flush()
    page = client.get(f"/progress/{iusd.id}").get_data(as_text=True)
    assert f'href="/progress/{iusd.id}.pdf"' in page

    answer = client.get(f"/progress/{iusd.id}.pdf")

    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    text = pdfs.text(answer.data)
    for expected in (
        "Direct Technical Assistance progress report",
        "19 completed / 41 in progress / 6 not started",
        "Wraparound support (AB 1840)",
        "exited Direct Technical Assistance on 30 June 2022",
        "Families joined the spring literacy night.",
        "By component",
    ):
        assert expected in text, expected
    assert pdfs.embedded_files(answer.data) == []
    catalog = pdfs.reader(answer.data).trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)

    again = client.get(
        f"/progress/{iusd.id}.pdf", headers={"If-None-Match": answer.headers["ETag"]}
    )
    assert again.status_code == 304


def test_an_unpublished_lea_has_no_public_pdf(client: FlaskClient, session: Session) -> None:
    hidden = session.scalars(select(Lea).where(Lea.is_published.is_(False))).first()
    assert hidden is not None
    assert client.get(f"/progress/{hidden.id}.pdf").status_code == 404
