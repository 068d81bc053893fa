from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.comments.models import Comment
from sir_tracker.reviews.models import Sir, StatusChange
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import action_by_code, county, post, text_of
from tests.support.auth import make_user, sign_in

REGRESSION_NOTE = "This fall the time was repeatedly used for distance-learning logistics"


def test_the_action_page_shows_the_action_and_its_history_newest_first(
    client: FlaskClient, session: Session, viewer: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    sign_in(client, viewer)
    response = client.get(f"/actions/{action.id}")
    page = response.get_data(as_text=True)
    text = text_of(page)

    assert response.status_code == 200
    assert "Action 9.3" in text
    assert "9. Professional Learning and Coaching" in text
    assert "4. Professional learning" in text  # the theme
    assert "Principals" in text
    assert "30 June 2020" in text  # the target date
    assert "FCMAT" in text  # the cross-walk
    # The regression: completed, then back to in progress, with its note, in California time.
    assert f"completed → in progress {REGRESSION_NOTE}" in text
    assert "8 December 2020, 12:00 pm PST" in text
    assert "15 June 2021, 12:00 pm PDT" in text
    assert text.index("15 June 2021, 12:00") < text.index("8 December 2020, 12:00")
    assert text.index("8 December 2020, 12:00") < text.index("16 June 2020, 12:00")
    assert "Created as not started" in text
    # Evidence links open safely; meetings link to their record.
    assert 'rel="noopener">https://demo.sir-tracker.example/evidence/iusd/plc-protocol.pdf' in page
    assert 'href="/meetings/' in page
    assert "Quarterly progress monitoring, 8 December 2020" in text


def test_readers_see_no_forms_and_county_staff_may_comment(
    client: FlaskClient, session: Session, viewer: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    sign_in(client, viewer)
    as_viewer = client.get(f"/actions/{action.id}").get_data(as_text=True)
    coe = make_user(session, Role.COE_STAFF, county_office=county(session, "Los Angeles"))
    sign_in(client, coe)
    as_coe = client.get(f"/actions/{action.id}").get_data(as_text=True)

    assert "Update the status" not in as_viewer
    assert "Add a comment" not in as_viewer
    assert "Add a comment" in as_coe
    assert "Update the status" not in as_coe


def test_county_office_staff_comment_but_may_not_change_a_status(
    client: FlaskClient, session: Session, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    coe = make_user(
        session, Role.COE_STAFF, county_office=county(session, "Los Angeles"), name="Cora County"
    )
    sign_in(client, coe)
    history_before = session.scalar(select(func.count()).select_from(StatusChange))

    commented = post(
        client,
        f"/actions/{action.id}/comments",
        {"body": "The PLC schedule was discussed at our county network."},
        f"/actions/{action.id}",
    )
    status = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "completed", "version": action.version},
        f"/actions/{action.id}",
    )

    assert commented.status_code == 302
    assert commented.headers["Location"] == f"/actions/{action.id}#comments"
    comment = session.scalars(select(Comment).where(Comment.action_id == action.id)).one()
    assert comment.author_id == coe.id
    audited = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Comment", AuditEvent.record_id == comment.id
        )
    ).one()
    assert (audited.actor_id, audited.lea_id, audited.record_label) == (
        coe.id,
        iusd_sir.lea_id,
        "Comment on action 9.3",
    )
    page = text_of(client.get(f"/actions/{action.id}").get_data(as_text=True))
    assert "Cora County" in page
    assert "The PLC schedule was discussed at our county network." in page
    assert status.status_code == 403
    assert session.scalar(select(func.count()).select_from(StatusChange)) == history_before


def test_a_viewer_may_not_comment(
    client: FlaskClient, session: Session, viewer: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    sign_in(client, viewer)
    before = session.scalar(select(func.count()).select_from(Comment))

    response = post(client, f"/actions/{action.id}/comments", {"body": "Hello"}, "/")

    assert response.status_code == 403
    assert session.scalar(select(func.count()).select_from(Comment)) == before


def test_an_empty_comment_is_refused(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    sign_in(client, lead)

    response = post(client, f"/actions/{action.id}/comments", {"body": "  "}, "/")

    assert response.status_code == 422
    assert "Write a comment before sending it." in response.get_data(as_text=True)
