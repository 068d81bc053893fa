"""The public progress pages: published LEAs only, figures only, no sign-in."""

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.reviews.models import StatusChange

IUSD = "Inglewood Unified School District"


def lea_named(session: Session, name: str) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == name)).one()


def test_anyone_can_read_the_list_of_published_leas(client: FlaskClient, session: Session) -> None:
    response = client.get("/progress")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert IUSD in page
    assert "19 completed / 41 in progress / 6 not started" in page
    assert "Mesa Linda Unified School District" not in page  # not published


def test_a_published_lea_shows_its_headline_and_no_notes(
    client: FlaskClient, session: Session
) -> None:
    iusd = lea_named(session, IUSD)
    a_note = session.scalars(select(StatusChange.note).where(StatusChange.note != "")).first()

    page = client.get(f"/progress/{iusd.id}").get_data(as_text=True)

    assert "19 completed / 41 in progress / 6 not started" in page
    assert "91% of the 66 recommended actions are completed or in progress" in page
    assert "15 June 2021" in page  # the last quarterly review
    assert a_note and a_note not in page


def test_unpublished_archived_and_unknown_leas_are_not_found(
    client: FlaskClient, session: Session
) -> None:
    unpublished = lea_named(session, "Mesa Linda Unified School District")
    archived = lea_named(session, IUSD)
    archived.archived_at = utcnow()
    session.flush()

    for path in (
        f"/progress/{unpublished.id}",
        f"/progress/{archived.id}",
        "/progress/999999",
        "/progress/99999999999999999999999",
    ):
        assert client.get(path).status_code == 404, path
