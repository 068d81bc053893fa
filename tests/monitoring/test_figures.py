"""The dashboard's kept figures equal what the history gives, after writes of every kind and
when the calendar moves on with no write."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.core.pacific_time import today as pacific_today
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring.figures import Figures, LeaFigures, compute_figures
from sir_tracker.monitoring.overview import Listing, overview
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import StatusToSet, change_status, set_statuses
from sir_tracker.reviews.models import ActionStatus, Component, Sir
from sir_tracker.reviews.operations import add_action, archive_record
from sir_tracker.users.models import Role
from tests.meetings.test_sign_off import close
from tests.reviews.iusd import IUSD, latest_meeting
from tests.support import builders
from tests.support.auth import make_user

EVERY_ROW = Listing(page=None)


def kept(session: Session) -> dict[int, Figures]:
    return {row.lea_id: Figures.of_row(row) for row in session.scalars(select(LeaFigures))}


def test_the_kept_figures_are_those_of_the_history_after_writes_of_every_kind(
    session: Session,
) -> None:
    lead = make_user(session, Role.CCEE_LEAD)
    today = pacific_today()
    new = builders.lea_in_dta(session, lead, actions=5)
    sir = new.sirs[-1]
    actions = list(sir.actions)
    session.commit()
    assert kept(session) == compute_figures(session, kept(session), today=today)

    # A status change, a bulk change, a note, a new action, an archived one, a sign-off, a
    # quarterly meeting today and one next quarter: each in a transaction of its own.
    change_status(session, actions[0], ActionStatus.IN_PROGRESS, by=lead, note="Started.")
    session.commit()
    set_statuses(
        session,
        sir,
        [
            StatusToSet(actions[1], ActionStatus.COMPLETED, "Done."),
            StatusToSet(actions[2], ActionStatus.IN_PROGRESS, "Under way."),
        ],
        by=lead,
    )
    session.commit()
    add_progress_note(session, actions[2], "Coaching began.", by=lead)
    component = session.scalars(select(Component).order_by(Component.number)).first()
    assert component is not None
    add_action(
        session, sir, code="9.1", text="A later action", component=component, by=lead, at=utcnow()
    )
    archive_record(session, actions[4], by=lead)
    session.commit()
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    iusd_sir: Sir = iusd.sirs[-1]
    close(session, latest_meeting(session, iusd_sir), lead)
    session.add(Meeting(lea=new, sir=sir, held_on=today, kind=MeetingKind.QUARTERLY))
    next_quarter = SchoolQuarter.of(today).next()
    later = next_quarter.first_day + timedelta(days=10)
    session.add(Meeting(lea=new, sir=sir, held_on=later, kind=MeetingKind.QUARTERLY))
    session.commit()

    figures = kept(session)
    assert set(figures) == set(session.scalars(select(Lea.id)))
    assert figures == compute_figures(session, figures, today=today)
    assert figures[new.id].counts is not None
    assert figures[new.id].counts.headline == "1 completed / 2 in progress / 2 not started"

    # The calendar moves on with no write: the meeting of next quarter is held, the quarter
    # before it has ended. The kept figures still give what the history gives for that day.
    viewer = make_user(session, Role.VIEWER)
    for thresholds in (Thresholds(), Thresholds(stall=1, plateau=2)):
        for day in (today, later, next_quarter.next().first_day + timedelta(days=3)):
            now = overview(session, viewer, today=day, thresholds=thresholds, listing=EVERY_ROW)
            replayed = overview(
                session, viewer, today=day, thresholds=thresholds, listing=EVERY_ROW, as_of=day
            )
            assert now.rows == replayed.rows, day
            assert now.missing_quarterly == replayed.missing_quarterly
    row = next(row for row in now.rows if row.id == new.id)
    assert "2 stalled" in row.flags  # both actions in progress were at the last meeting
