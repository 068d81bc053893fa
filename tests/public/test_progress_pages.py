"""The public progress pages: published LEAs only, figures only, no sign-in."""

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
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


def test_exited_leas_are_listed_apart_with_their_exit_date(client: FlaskClient) -> None:
    page = client.get("/progress").get_data(as_text=True)
    current, _, exited = page.partition("Exited Direct Technical Assistance")

    assert IUSD in exited and IUSD not in current
    assert "30 June 2022" in exited  # IUSD's exit
    assert "Piedra Azul Unified School District" in current


def test_a_published_lea_page_reads_like_a_dta_progress_report(
    client: FlaskClient, session: Session
) -> None:
    iusd = lea_named(session, IUSD)
    page = client.get(f"/progress/{iusd.id}").get_data(as_text=True)

    for expected in (
        "School district",
        "Los Angeles",
        "Wraparound support (AB 1840)",
        "Embedded partnership",
        "Completed April 2019",
        "Culture, coherence, and systemness",  # a theme
        "12. Governance Support with Instruction",  # a component's line
        "exited Direct Technical Assistance on 30 June 2022",
        "17 September 2019",  # the first quarterly review
        "Trend over the quarters",
    ):
        assert expected in page, expected


def test_only_a_published_summary_of_the_latest_review_shows(
    client: FlaskClient, session: Session
) -> None:
    iusd = lea_named(session, IUSD)
    latest = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == iusd.id, Meeting.kind == MeetingKind.QUARTERLY)
        .order_by(Meeting.held_on.desc())
    ).first()
    assert latest is not None
    latest.public_summary = "Families joined the spring literacy night."
    session.flush()
    assert "Families joined" not in client.get(f"/progress/{iusd.id}").get_data(as_text=True)

    latest.public_summary_published_at = utcnow()
    session.flush()
    page = client.get(f"/progress/{iusd.id}").get_data(as_text=True)
    assert "Summary of the review of 15 June 2021" in page
    assert "Families joined the spring literacy night." in page
    assert latest.summary not in page  # the internal summary never


def test_the_public_header_offers_sign_in(client: FlaskClient) -> None:
    page = client.get("/progress").get_data(as_text=True)
    assert 'href="/sign-in"' in page
