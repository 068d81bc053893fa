"""Quarterly sign-off on the demo's Inglewood Unified: freezing the figures as of a meeting,
and refusing changes dated inside the closed quarter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.pacific_time import at_local, today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import FrozenStatus, Meeting, MeetingKind, Organisation
from sir_tracker.meetings.operations import MeetingRefused, archive_meeting
from sir_tracker.progress.operations import (
    StatusChangeRefused,
    change_status,
    counts_at_meeting,
    status_counts,
)
from sir_tracker.progress.signoff import Signature, close_meeting, figures_seen, sign_off_summary
from sir_tracker.reviews.models import Action, ActionStatus, Sir, StatusChange
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import admin as admin
from tests.reviews.iusd import changed_tables, county, table_counts, text_of
from tests.reviews.iusd import iusd as iusd
from tests.reviews.iusd import iusd_sir as iusd_sir
from tests.reviews.iusd import lead as lead
from tests.support.auth import csrf_token, make_user, open_session_for

JUNE_2021 = "19 completed / 41 in progress / 6 not started"


def meeting_on(session: Session, lea: Lea, day: date) -> Meeting:
    return session.scalars(
        select(Meeting).where(Meeting.lea_id == lea.id, Meeting.held_on == day)
    ).one()


@pytest.fixture
def june_meeting(session: Session, iusd: Lea) -> Meeting:
    return meeting_on(session, iusd, date(2021, 6, 15))


def signed_in(app: Flask, session: Session, user: User) -> FlaskClient:
    client = app.test_client()
    open_session_for(client, session, user)
    return client


def path_of(meeting: Meeting) -> str:
    return f"/meetings/{meeting.id}/sign-off"


def signatures_form(meeting: Meeting, **changes: str) -> dict[str, Any]:
    return {
        "version": str(meeting.version),
        "ccee_name": "Alicia Montoya",
        "ccee_signed_on": "2021-06-18",
        "coe_name": "Helen Ruiz-Tran",
        "coe_signed_on": "2021-06-21",
        "lea_name": "Dr. Erika Ward",
        "lea_signed_on": "2021-06-21",
        "confirm": "y",
        **changes,
    }


def post_sign_off(client: FlaskClient, meeting: Meeting, **changes: str) -> Any:
    token = csrf_token(client, "/account/password")
    return client.post(
        path_of(meeting), data={"csrf_token": token, **signatures_form(meeting, **changes)}
    )


def signatures() -> list[Signature]:
    return [
        Signature(Organisation.CCEE, "Alicia Montoya", date(2021, 6, 18)),
        Signature(Organisation.COE, "Helen Ruiz-Tran", date(2021, 6, 21)),
        Signature(Organisation.LEA, "Dr. Erika Ward", date(2021, 6, 21)),
    ]


def close(session: Session, meeting: Meeting, by: User) -> None:
    close_meeting(
        session,
        meeting,
        signatures(),
        version=meeting.version,
        seen=figures_seen(session, meeting),
        by=by,
        today=today(),
    )


def frozen_count(session: Session, meeting: Meeting) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(FrozenStatus)
            .where(FrozenStatus.meeting_id == meeting.id)
        )
        or 0
    )


def action_last_changed_before(session: Session, sir: Sir, day: date) -> Action:
    """An action of ``sir`` whose history ends before ``day``, so a change dated then fits."""
    latest = (
        select(StatusChange.action_id, func.max(StatusChange.changed_at).label("latest"))
        .group_by(StatusChange.action_id)
        .subquery()
    )
    return session.scalars(
        select(Action)
        .join(latest, latest.c.action_id == Action.id)
        .where(Action.sir_id == sir.id, latest.c.latest < at_local(day, 0, 0))
        .order_by(Action.id)
        .limit(1)
    ).one()


def test_the_form_shows_the_counts_as_of_the_meeting(
    app: Flask, session: Session, june_meeting: Meeting, lead: User
) -> None:
    client = signed_in(app, session, lead)

    response = client.get(path_of(june_meeting))
    page = text_of(response.get_data(as_text=True))

    assert response.status_code == 200
    assert "Sign off the meeting of 15 June 2021" in page
    assert JUNE_2021 in page
    assert "2020-21 Q4" in page and "30 June 2021" in page
    assert "cannot be undone or reopened" in page
    for label in ("signed for CCEE", "signed for the county office (COE)", "signed for the LEA"):
        assert f"Name of the person who {label}" in page


def test_signing_off_freezes_every_status_as_of_the_meeting(
    app: Flask, session: Session, june_meeting: Meeting, iusd_sir: Sir, lead: User
) -> None:
    client = signed_in(app, session, lead)

    response = post_sign_off(client, june_meeting)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{june_meeting.id}"
    session.expire_all()
    assert june_meeting.is_closed and june_meeting.closed_by is lead
    assert frozen_count(session, june_meeting) == 66
    assert counts_at_meeting(session, june_meeting).headline == JUNE_2021
    assert {(s.organisation, s.name, s.signed_on) for s in june_meeting.sign_offs} == {
        (Organisation.CCEE, "Alicia Montoya", date(2021, 6, 18)),
        (Organisation.COE, "Helen Ruiz-Tran", date(2021, 6, 21)),
        (Organisation.LEA, "Dr. Erika Ward", date(2021, 6, 21)),
    }
    # Each frozen status is the action's status as of the meeting.
    frozen = dict(
        session.execute(
            select(FrozenStatus.status, func.count())
            .where(FrozenStatus.meeting_id == june_meeting.id)
            .group_by(FrozenStatus.status)
        ).all()
    )
    assert frozen == {
        ActionStatus.COMPLETED: 19,
        ActionStatus.IN_PROGRESS: 41,
        ActionStatus.NOT_STARTED: 6,
    }
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.record_type == "Meeting", AuditEvent.record_id == june_meeting.id
        )
    ).one()
    assert event.action is AuditAction.UPDATE and event.actor is lead
    assert event.changes == {"sign-off": ["open", "closed"]}
    assert sign_off_summary(june_meeting) == (
        f"Signed off on {today().day} {today():%B %Y} by Alicia Montoya for CCEE, "
        "Helen Ruiz-Tran for the county office and Dr. Erika Ward for the LEA."
    )

    shown = text_of(client.get(path_of(june_meeting)).get_data(as_text=True))
    assert "Frozen statuses as of 15 June 2021" in shown and JUNE_2021 in shown
    assert "Helen Ruiz-Tran" in shown and "21 June 2021" in shown
    assert "Sign off and close the quarter" not in shown


def test_the_frozen_counts_outlast_a_later_change(
    session: Session, june_meeting: Meeting, iusd_sir: Sir, lead: User
) -> None:
    close(session, june_meeting, lead)
    live_before = status_counts(session, iusd_sir)
    action = session.scalars(
        select(Action).where(
            Action.sir_id == iusd_sir.id,
            Action.status == ActionStatus.NOT_STARTED,
            Action.archived_at.is_(None),
        )
    ).first()
    assert action is not None

    change_status(session, action, ActionStatus.IN_PROGRESS, by=lead, note="Started this term.")

    live_after = status_counts(session, iusd_sir)
    assert live_after.not_started == live_before.not_started - 1
    assert live_after.in_progress == live_before.in_progress + 1
    assert counts_at_meeting(session, june_meeting).headline == JUNE_2021


@pytest.mark.parametrize(
    "moment", [at_local(date(2021, 6, 20)), at_local(date(2021, 6, 30), 23, 59)]
)
def test_a_change_dated_inside_the_closed_quarter_is_refused(
    session: Session, june_meeting: Meeting, iusd_sir: Sir, lead: User, moment: Any
) -> None:
    close(session, june_meeting, lead)
    action = action_last_changed_before(session, iusd_sir, date(2021, 6, 1))
    new_status = (
        ActionStatus.IN_PROGRESS
        if action.status is not ActionStatus.IN_PROGRESS
        else ActionStatus.COMPLETED
    )
    before = table_counts(session)

    with pytest.raises(StatusChangeRefused) as refused:
        change_status(session, action, new_status, by=lead, at=moment)

    assert refused.value.message == (
        "The quarter 2020-21 Q4 is closed (signed off); a status change cannot be dated "
        "on or before 30 June 2021."
    )
    assert changed_tables(before, table_counts(session)) == {}
    assert action.status is not new_status


def test_a_change_dated_after_the_closed_quarter_is_accepted(
    session: Session, june_meeting: Meeting, iusd_sir: Sir, lead: User
) -> None:
    close(session, june_meeting, lead)
    action = action_last_changed_before(session, iusd_sir, date(2021, 6, 1))
    new_status = (
        ActionStatus.IN_PROGRESS
        if action.status is not ActionStatus.IN_PROGRESS
        else ActionStatus.COMPLETED
    )

    entry = change_status(session, action, new_status, by=lead, at=at_local(date(2021, 7, 1)))

    assert entry.to_status is new_status and action.status is new_status
    assert counts_at_meeting(session, june_meeting).headline == JUNE_2021


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COE_STAFF, Role.LEA_STAFF])
def test_only_editors_of_the_lea_may_sign_off(
    app: Flask, session: Session, june_meeting: Meeting, iusd: Lea, role: Role
) -> None:
    scope: dict[str, Any] = {}
    if role is Role.COE_STAFF:
        scope["county_office"] = county(session, "Los Angeles")
    if role is Role.LEA_STAFF:
        scope["lea"] = iusd
    client = signed_in(app, session, make_user(session, role, **scope))
    before = table_counts(session)

    assert client.get(path_of(june_meeting)).status_code == 403
    response = post_sign_off(client, june_meeting)

    assert response.status_code == 403
    assert changed_tables(before, table_counts(session)) == {}


def test_a_meeting_out_of_scope_is_not_found(
    app: Flask, session: Session, june_meeting: Meeting
) -> None:
    elsewhere = make_user(session, Role.COE_STAFF, county_office=county(session, "Fresno"))
    client = signed_in(app, session, elsewhere)

    assert client.get(path_of(june_meeting)).status_code == 404
    assert post_sign_off(client, june_meeting).status_code == 404


def test_an_admin_may_sign_off(
    app: Flask, session: Session, june_meeting: Meeting, admin: User
) -> None:
    client = signed_in(app, session, admin)

    assert post_sign_off(client, june_meeting).status_code == 302
    assert frozen_count(session, june_meeting) == 66


def test_a_second_sign_off_is_refused(
    app: Flask, session: Session, june_meeting: Meeting, lead: User
) -> None:
    client = signed_in(app, session, lead)
    assert post_sign_off(client, june_meeting).status_code == 302
    session.expire_all()
    before = table_counts(session)

    again = post_sign_off(client, june_meeting, ccee_name="Someone Else")
    page = text_of(again.get_data(as_text=True))

    assert again.status_code == 422
    assert "This meeting cannot be signed off" in page
    assert "already signed off" in page and "cannot be repeated or reopened" in page
    assert changed_tables(before, table_counts(session)) == {}
    assert {s.name for s in june_meeting.sign_offs} >= {"Alicia Montoya"}
    assert "Someone Else" not in {s.name for s in june_meeting.sign_offs}


def test_a_scheduled_meeting_cannot_be_signed_off(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    ahead = today() + timedelta(days=10)
    scheduled = Meeting(lea=iusd, sir=iusd_sir, held_on=ahead, kind=MeetingKind.QUARTERLY)
    session.add(scheduled)
    session.flush()
    client = signed_in(app, session, lead)
    form_page = text_of(client.get(path_of(scheduled)).get_data(as_text=True))
    before = table_counts(session)

    response = post_sign_off(
        client, scheduled, ccee_signed_on=today().isoformat(), coe_signed_on=today().isoformat()
    )

    assert "can be signed off once it has been held" in form_page
    assert "Sign off and close the quarter" not in form_page
    assert response.status_code == 422
    assert f"scheduled for {ahead.day} {ahead:%B %Y}" in text_of(response.get_data(as_text=True))
    assert changed_tables(before, table_counts(session)) == {}


def test_only_a_quarterly_meeting_can_be_signed_off(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    coaching = Meeting(
        lea=iusd, sir=iusd_sir, held_on=date(2021, 6, 1), kind=MeetingKind.MONTHLY_COACHING
    )
    session.add(coaching)
    session.flush()
    client = signed_in(app, session, lead)

    response = post_sign_off(client, coaching)

    assert response.status_code == 422
    assert "Only a quarterly progress-monitoring meeting can be signed off" in text_of(
        response.get_data(as_text=True)
    )
    assert frozen_count(session, coaching) == 0


def test_an_earlier_meeting_cannot_be_closed_after_a_later_one(
    app: Flask, session: Session, iusd: Lea, june_meeting: Meeting, lead: User
) -> None:
    close(session, june_meeting, lead)
    march = meeting_on(session, iusd, date(2021, 3, 16))
    client = signed_in(app, session, lead)

    response = post_sign_off(client, march, ccee_signed_on="2021-03-16", coe_signed_on="2021-03-16")

    assert response.status_code == 422
    assert (
        "The later quarterly meeting of 15 June 2021 is already signed off, so this earlier "
        "one can no longer be closed."
    ) in text_of(response.get_data(as_text=True))
    assert frozen_count(session, march) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"coe_name": "  "}, "Enter the name of the person who signed for the county office."),
        ({"lea_signed_on": ""}, "Enter the date signed for the LEA."),
        ({"lea_signed_on": "21/06/2021"}, "Enter the date as year-month-day"),
        ({"ccee_signed_on": "2021-06-14"}, "cannot be before the meeting (15 June 2021)"),
        ({"coe_signed_on": "2999-01-01"}, "The date signed for the county office cannot be in"),
        ({"confirm": ""}, "Confirm the signatures to sign off the meeting."),
    ],
)
def test_the_signatures_are_checked(
    app: Flask,
    session: Session,
    june_meeting: Meeting,
    lead: User,
    changes: dict[str, str],
    message: str,
) -> None:
    client = signed_in(app, session, lead)
    before = table_counts(session)

    response = post_sign_off(client, june_meeting, **changes)
    page = text_of(response.get_data(as_text=True))

    assert response.status_code == 422
    assert "Nothing was saved" in page
    assert message in page
    assert changed_tables(before, table_counts(session)) == {}


def test_a_stale_form_is_a_conflict(
    app: Flask, session: Session, june_meeting: Meeting, lead: User
) -> None:
    client = signed_in(app, session, lead)
    stale = str(june_meeting.version - 1) if june_meeting.version > 1 else "0"

    response = post_sign_off(client, june_meeting, version=stale)

    assert response.status_code == 409
    assert "changed by someone else" in text_of(response.get_data(as_text=True))
    assert frozen_count(session, june_meeting) == 0


def test_figures_changed_since_the_page_was_read_are_not_signed(
    app: Flask, session: Session, june_meeting: Meeting, lead: User
) -> None:
    client = signed_in(app, session, lead)
    page = client.get(path_of(june_meeting)).get_data(as_text=True)
    current = figures_seen(session, june_meeting)
    assert current is not None and f'value="{current}"' in page

    # The figures the signers read (the form's hidden "figures") are not the figures now.
    response = post_sign_off(client, june_meeting, figures="0" * 32)

    assert response.status_code == 422
    text = text_of(response.get_data(as_text=True))
    assert "A status as of this meeting changed after this page was opened" in text
    assert frozen_count(session, june_meeting) == 0
    # The page now reads the figures as they are, and signing it again closes the meeting.
    again = response.get_data(as_text=True)
    assert f'value="{current}"' in again
    assert post_sign_off(client, june_meeting, figures=current).status_code == 302
    assert frozen_count(session, june_meeting) > 0


def test_signing_off_before_the_quarter_ends_warns_that_changes_stop(
    app: Flask, session: Session, iusd: Lea, iusd_sir: Sir, june_meeting: Meeting, lead: User
) -> None:
    recent = Meeting(lea=iusd, sir=iusd_sir, held_on=today(), kind=MeetingKind.QUARTERLY)
    session.add(recent)
    session.flush()
    client = signed_in(app, session, lead)

    running = text_of(client.get(path_of(recent)).get_data(as_text=True))
    ended = text_of(client.get(path_of(june_meeting)).get_data(as_text=True))

    assert "The quarter is not over yet" in running
    assert "The quarter is not over yet" not in ended


def test_the_meeting_page_partial_shows_the_sign_off(
    app: Flask, session: Session, june_meeting: Meeting, lead: User
) -> None:
    close(session, june_meeting, lead)

    with app.test_request_context("/"):
        rendered = render_template_string(
            '{% include "meetings/_sign_off.html" %}', meeting=june_meeting
        )

    assert "Signed off on" in rendered and "Dr. Erika Ward for the LEA." in rendered


def test_a_signed_off_meeting_can_no_longer_be_edited_or_archived(
    session: Session, lead: User, june_meeting: Meeting
) -> None:
    close(session, june_meeting, lead)

    with pytest.raises(MeetingRefused, match="signed off"):
        archive_meeting(session, june_meeting, actor=lead)
    assert not june_meeting.is_archived
