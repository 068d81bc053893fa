from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import PACIFIC, today
from sir_tracker.reviews.models import Action, ActionStatus, Sir, StatusChange
from sir_tracker.users.models import User
from tests.reviews.iusd import action_by_code, changed_tables, post, table_counts, text_of
from tests.support.auth import sign_in


def not_started(session: Session, sir: Sir) -> Action:
    found = session.scalars(
        select(Action)
        .where(Action.sir_id == sir.id, Action.status == ActionStatus.NOT_STARTED)
        .order_by(Action.id)
    ).first()
    assert found is not None
    return found


def history(session: Session, action: Action) -> list[StatusChange]:
    return list(
        session.scalars(
            select(StatusChange)
            .where(StatusChange.action_id == action.id)
            .order_by(StatusChange.id)
        )
    )


def test_an_inline_update_appends_one_history_row_and_the_counts_follow(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = not_started(session, iusd_sir)
    filtered = f"/sirs/{iusd_sir.id}?status=not_started"
    sign_in(client, lead)
    before = table_counts(session)

    response = post(
        client,
        f"/actions/{action.id}/status",
        {
            "status": "in_progress",
            "note": "Kick-off held with principals.",
            "evidence_url": "https://example.org/agenda.pdf",
            "version": str(action.version),
            "next": filtered,
        },
        filtered,
    )

    assert response.status_code == 302
    assert response.headers["Location"] == filtered  # back to the page, filters kept
    assert changed_tables(before, table_counts(session)) == {"status_changes": 1, "audit_events": 1}
    latest = history(session, action)[-1]
    assert (latest.from_status, latest.to_status) == (
        ActionStatus.NOT_STARTED,
        ActionStatus.IN_PROGRESS,
    )
    assert (latest.note, latest.evidence_url, latest.changed_by_id) == (
        "Kick-off held with principals.",
        "https://example.org/agenda.pdf",
        lead.id,
    )
    page = text_of(client.get(filtered).get_data(as_text=True))
    assert f"Action {action.code}: not started → in progress." in page  # the flash
    assert "19 completed / 42 in progress / 5 not started" in page
    assert "5 of 66 actions match" in page


def test_a_stale_inline_update_is_refused_and_writes_nothing(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    seen = action.version
    sign_in(client, lead)
    path = f"/sirs/{iusd_sir.id}"
    first = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "in_progress", "note": "Protocol lapsed again.", "version": str(seen)},
        path,
    )
    before = table_counts(session)

    stale = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "not_started", "note": "Paused.", "version": str(seen), "next": path},
        path,
    )

    assert first.status_code == 302
    assert stale.status_code == 409
    page = text_of(stale.get_data(as_text=True))
    assert "Someone else changed this first" in page
    assert "Lena Lead" in page and "New status: completed → in progress" in page
    assert table_counts(session) == before
    session.refresh(action)
    assert action.status is ActionStatus.IN_PROGRESS


def test_an_update_to_the_current_status_is_refused(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = not_started(session, iusd_sir)
    sign_in(client, lead)
    before = table_counts(session)

    response = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "not_started", "note": "Back to the start.", "version": str(action.version)},
        "/",
    )

    assert response.status_code == 422
    assert "is already not started; nothing to change." in response.get_data(as_text=True)
    assert table_counts(session) == before


def test_the_effective_date_dates_the_change_and_refuses_the_future(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "9.3")
    page = f"/actions/{action.id}"
    sign_in(client, lead)
    future = (today() + timedelta(days=2)).isoformat()
    too_early = "2020-01-15"  # before the action's last change (15 June 2021)
    common = {
        "status": "in_progress",
        "note": "Begun.",
        "version": str(action.version),
        "next": page,
    }

    in_future = post(client, f"{page}/status", {**common, "effective_date": future}, page)
    before_last = post(client, f"{page}/status", {**common, "effective_date": too_early}, page)
    dated = post(client, f"{page}/status", {**common, "effective_date": "2021-07-01"}, page)

    assert in_future.status_code == 422
    assert "A status change cannot be dated in the future." in in_future.get_data(as_text=True)
    assert 'id="effective_date-error"' in in_future.get_data(as_text=True)  # beside the field
    assert before_last.status_code == 422
    assert "a new change cannot be dated before that" in before_last.get_data(as_text=True)
    assert dated.status_code == 302
    assert dated.headers["Location"] == page
    latest = history(session, action)[-1]
    assert latest.changed_at.astimezone(PACIFIC).date().isoformat() == "2021-07-01"


def test_an_archived_action_takes_no_status_change(
    client: FlaskClient, session: Session, admin: User, iusd_sir: Sir
) -> None:
    action = not_started(session, iusd_sir)
    sign_in(client, admin)
    assert post(client, f"/actions/{action.id}/archive", {}, "/").status_code == 302
    session.refresh(action)

    response = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "completed", "note": "Done.", "version": str(action.version)},
        "/",
    )

    assert response.status_code == 422
    assert "is archived" in response.get_data(as_text=True)


def test_the_return_address_stays_on_this_site(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = not_started(session, iusd_sir)
    sign_in(client, lead)

    response = post(
        client,
        f"/actions/{action.id}/status",
        {
            "status": "completed",
            "note": "Done.",
            "version": str(action.version),
            "next": "https://evil.example/",
        },
        "/",
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"/sirs/{iusd_sir.id}"


def test_a_change_without_a_note_is_refused_and_writes_nothing(
    client: FlaskClient, session: Session, lead: User, iusd_sir: Sir
) -> None:
    action = not_started(session, iusd_sir)
    sign_in(client, lead)
    before = table_counts(session)

    response = post(
        client,
        f"/actions/{action.id}/status",
        {"status": "in_progress", "note": "  ", "version": str(action.version)},
        f"/actions/{action.id}",
    )

    assert response.status_code == 422
    assert "Write a note: what changed, and how you know" in text_of(
        response.get_data(as_text=True)
    )
    assert table_counts(session) == before
