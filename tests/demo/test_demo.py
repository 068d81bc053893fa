"""The demo data set: the IUSD example's figures, and consistent history everywhere."""

from datetime import date
from itertools import pairwise

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.demo.content import shipped_demo
from sir_tracker.demo.loader import DemoRefused, load_demo
from sir_tracker.leas.models import EngagementMode, Lea, LeaKind
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir, status_counts
from sir_tracker.reviews.models import Action, ActionStatus, Sir

IUSD_NAME = "Inglewood Unified School District"
IUSD = shipped_demo().lea(IUSD_NAME)

# Counts after each IUSD quarterly meeting, as the demo's history tells them.
IUSD_QUARTERS = [
    (date(2019, 9, 17), (0, 14, 52)),
    (date(2019, 12, 10), (2, 27, 37)),
    (date(2020, 3, 10), (4, 36, 26)),
    (date(2020, 6, 16), (7, 41, 18)),
    (date(2020, 9, 15), (9, 44, 13)),
    (date(2020, 12, 8), (12, 44, 10)),
    (date(2021, 3, 16), (16, 42, 8)),
    (date(2021, 6, 15), (19, 41, 6)),
]


@pytest.fixture
def iusd_sir(session: Session) -> Sir:
    lea = session.scalars(select(Lea).where(Lea.name == IUSD_NAME)).one()
    return lea.sirs[-1]


def test_iusd_headline_today_and_as_of_june_2021(session: Session, iusd_sir: Sir) -> None:
    for counts in (
        status_counts(session, iusd_sir),
        status_counts(session, iusd_sir, date(2021, 6, 30)),
    ):
        assert counts.headline == "19 completed / 41 in progress / 6 not started"
        assert counts.total == 66
        assert counts.percent_active == 91
        assert counts.summary == (
            "19 completed / 41 in progress / 6 not started (91% completed or in progress)"
        )


def test_iusd_as_of_30_june_2020_differs_and_matches_the_history(
    session: Session, iusd_sir: Sir
) -> None:
    june_2020 = status_counts(session, iusd_sir, date(2020, 6, 30))

    assert (june_2020.completed, june_2020.in_progress, june_2020.not_started) == (7, 41, 18)
    assert june_2020 != status_counts(session, iusd_sir, date(2021, 6, 30))
    assert june_2020 == replayed_from_demo_spec(date(2020, 6, 30))


@pytest.mark.parametrize(("held_on", "expected"), IUSD_QUARTERS)
def test_iusd_counts_as_of_each_quarterly_meeting(
    session: Session, iusd_sir: Sir, held_on: date, expected: tuple[int, int, int]
) -> None:
    counts = status_counts(session, iusd_sir, held_on)
    assert (counts.completed, counts.in_progress, counts.not_started) == expected
    assert counts == replayed_from_demo_spec(held_on)


def test_iusd_before_and_just_after_its_report(session: Session, iusd_sir: Sir) -> None:
    assert status_counts(session, iusd_sir, date(2019, 4, 25)).total == 0
    assert status_counts(session, iusd_sir, date(2019, 4, 26)).headline == (
        "0 completed / 0 in progress / 66 not started"
    )


def replayed_from_demo_spec(as_of: date) -> StatusCounts:
    """The counts as of a day, computed from the demo's own description, not the database."""
    meetings = IUSD.meetings
    tally = {status: 0 for status in ActionStatus}
    for action in IUSD.sir.actions if IUSD.sir else ():
        status = ActionStatus.NOT_STARTED
        for step in action.steps:
            if meetings[step.meeting].held_on <= as_of:
                status = step.status
        tally[status] += 1
    return StatusCounts.from_mapping(tally)


def test_iusd_structure(session: Session, iusd_sir: Sir) -> None:
    actions = iusd_sir.actions
    assert len(actions) == 66
    assert {action.component.number for action in actions} == set(range(1, 13))
    assert [theme.title for theme in iusd_sir.themes] == [
        "Culture, coherence, and systemness",
        "Curriculum, instruction, and assessment",
        "Accountability",
        "Professional learning",
    ]
    assert iusd_sir.report_date == date(2019, 4, 26)
    assert iusd_sir.lea.county_office.county == "Los Angeles"
    assert any(link.plan == "FCMAT" for action in actions for link in action.crosswalk_links)
    assert {finding.component.number for finding in iusd_sir.findings} == set(range(1, 13))


def test_iusd_june_2021_meeting_carries_its_evidence(session: Session, iusd_sir: Sir) -> None:
    meeting = session.scalars(
        select(Meeting).where(
            Meeting.lea_id == iusd_sir.lea_id, Meeting.held_on == date(2021, 6, 15)
        )
    ).one()
    figures = {(metric.label, int(metric.value), metric.unit) for metric in meeting.metrics}

    assert meeting.kind is MeetingKind.QUARTERLY
    assert str(meeting.school_quarter) == "2020-21 Q4"
    assert ("Mid-year literacy assessment completion", 85, "%") in figures
    assert any(label.startswith("Smarter Balanced") and value == 93 for label, value, _ in figures)
    assert len(meeting.status_changes) > 0
    assert all(change.meeting_id == meeting.id for change in meeting.status_changes)


def test_history_is_consistent_for_every_demo_action(session: Session) -> None:
    actions = session.scalars(select(Action).options(selectinload(Action.history))).all()
    assert actions

    for action in actions:
        history = action.history
        assert history[0].from_status is None, action.code
        assert history[0].to_status is ActionStatus.NOT_STARTED
        for earlier, later in pairwise(history):
            assert later.from_status == earlier.to_status, action.code
            assert later.changed_at >= earlier.changed_at
        assert action.status == history[-1].to_status, action.code


def test_current_counts_equal_counts_replayed_from_history_today(session: Session) -> None:
    sir_ids = list(session.scalars(select(Sir.id)))
    assert counts_by_sir(session, sir_ids) == counts_by_sir(session, sir_ids, date(2100, 1, 1))


def test_the_demo_is_varied_and_marked(session: Session) -> None:
    leas = session.scalars(select(Lea)).all()

    assert len(leas) == len(shipped_demo().leas) >= 6
    assert all(lea.is_demo for lea in leas)
    assert {lea.kind for lea in leas} == set(LeaKind)
    assert len({lea.county_office_id for lea in leas}) >= 4
    modes = {lea.current_engagement.mode for lea in leas if lea.current_engagement}
    assert modes == set(EngagementMode)
    assert any(e.exited_on for lea in leas for e in lea.engagements)
    assert any(
        not lea.sirs or not lea.sirs[-1].actions or lea.sirs[-1].report_date is None for lea in leas
    )


def test_the_demo_loads_only_into_an_empty_database(session: Session) -> None:
    with pytest.raises(DemoRefused, match="empty database"):
        load_demo(session)
