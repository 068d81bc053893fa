"""Quarter over quarter on the demo: counts at each quarterly meeting, the changes between them,
stalled actions, plateaus, regressions and findings that no action addresses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.app import create_app
from sir_tracker.core import pacific_time
from sir_tracker.core.pacific_time import at_local
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.demo.content import shipped_demo
from sir_tracker.demo.spec import ActionSpec
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import FrozenStatus, Meeting, MeetingKind
from sir_tracker.monitoring.quarters import (
    CountsDelta,
    MeetingPoint,
    Thresholds,
    actions_changed_between,
    findings_without_action,
    held_quarterly_meetings,
    load_histories,
    missed_quarters,
    plateaus,
    quarterly_progress,
    quarters_since_last_meeting,
    regressions,
    stalled_actions,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import change_status, counts_at_meeting, status_counts
from sir_tracker.reviews.models import (
    Action,
    ActionStatus,
    Component,
    Finding,
    Sir,
    StatusChange,
    SwotCategory,
)
from sir_tracker.reviews.operations import add_action
from sir_tracker.users.models import User
from tests.support import builders

IUSD_MEETINGS = [
    date(2019, 9, 17),
    date(2019, 12, 10),
    date(2020, 3, 10),
    date(2020, 6, 16),
    date(2020, 9, 15),
    date(2020, 12, 8),
    date(2021, 3, 16),
    date(2021, 6, 15),
]
IUSD_COUNTS = [
    (0, 14, 52),
    (2, 27, 37),
    (4, 36, 26),
    (7, 41, 18),
    (9, 44, 13),
    (12, 44, 10),
    (16, 42, 8),
    (19, 41, 6),
]
MESA_LINDA = "Mesa Linda Unified School District"
IUSD = shipped_demo().lea("Inglewood Unified School District")


def triple(counts: StatusCounts) -> tuple[int, int, int]:
    return counts.completed, counts.in_progress, counts.not_started


def status_after(spec: ActionSpec, meeting: int) -> ActionStatus:
    """The demo action's status once meeting ``meeting`` (an index) is over, from the spec."""
    status = ActionStatus.NOT_STARTED
    for step in spec.steps:
        if step.meeting <= meeting:
            status = step.status
    return status


def in_progress_run(spec: ActionSpec) -> int:
    """At how many of IUSD's latest meetings in a row the action was in progress."""
    run = 0
    for meeting in reversed(range(len(IUSD_MEETINGS))):
        if status_after(spec, meeting) is not ActionStatus.IN_PROGRESS:
            break
        run += 1
    return run


def stalled_in_spec(spec: ActionSpec, threshold: int) -> bool:
    """The stall rule read from the demo spec: in progress at each of IUSD's last ``threshold``
    meetings, with neither a status step nor a progress note at any of them."""
    first = len(IUSD_MEETINGS) - threshold
    window = range(first, len(IUSD_MEETINGS))
    return (
        first >= 0
        and all(status_after(spec, m) is ActionStatus.IN_PROGRESS for m in window)
        and not any(step.meeting >= first for step in spec.steps)
        and not any(note.meeting >= first for note in spec.notes)
    )


def sir_of(session: Session, name: str) -> Sir:
    lea = session.scalars(select(Lea).where(Lea.name == name)).one()
    return lea.sirs[-1]


def meeting_on(session: Session, sir: Sir, day: date) -> Meeting:
    return session.scalars(
        select(Meeting).where(Meeting.sir_id == sir.id, Meeting.held_on == day)
    ).one()


def code_of(session: Session, sir: Sir, code: str) -> Action:
    return session.scalars(select(Action).where(Action.sir_id == sir.id, Action.code == code)).one()


# --- Counts and their changes --------------------------------------------------------------------


def test_iusd_counts_as_of_each_of_its_eight_quarterly_meetings(
    session: Session, iusd_sir: Sir
) -> None:
    rows = quarterly_progress(session, iusd_sir)

    assert [row.meeting.held_on for row in rows] == IUSD_MEETINGS
    assert [triple(row.counts) for row in rows] == IUSD_COUNTS
    assert [row.quarter_label for row in rows] == [
        "2019-20 Q1",
        "2019-20 Q2",
        "2019-20 Q3",
        "2019-20 Q4",
        "2020-21 Q1",
        "2020-21 Q2",
        "2020-21 Q3",
        "2020-21 Q4",
    ]
    assert all(row.counts == counts_at_meeting(session, row.meeting) for row in rows)


def test_each_quarter_shows_its_change_since_the_previous_one(
    session: Session, iusd_sir: Sir
) -> None:
    rows = quarterly_progress(session, iusd_sir)

    assert rows[0].change is None
    assert str(rows[-1].change) == "+3 completed, -1 in progress, -2 not started"
    assert str(rows[5].change) == "+3 completed, -3 not started"  # in progress did not move
    for before, row, (c0, i0, n0), (c1, i1, n1) in zip(
        rows, rows[1:], IUSD_COUNTS, IUSD_COUNTS[1:], strict=False
    ):
        assert row.change == CountsDelta(c1 - c0, i1 - i0, n1 - n0), before.quarter_label


def test_a_change_reads_as_a_sentence_without_the_parts_that_did_not_move() -> None:
    assert str(CountsDelta(3, -2, -1)) == "+3 completed, -2 in progress, -1 not started"
    assert str(CountsDelta(0, 1, -1)) == "+1 in progress, -1 not started"
    assert str(CountsDelta()) == "no change"
    assert CountsDelta.between(StatusCounts(1, 2, 3), StatusCounts(1, 2, 3)).is_zero


def test_scheduled_archived_and_other_meetings_are_not_quarters(
    session: Session, iusd: Lea, iusd_sir: Sir
) -> None:
    today = pacific_time.today()
    archived = Meeting(lea=iusd, sir=iusd_sir, held_on=date(2021, 5, 1), kind=MeetingKind.QUARTERLY)
    archived.archived_at = at_local(today)
    session.add_all(
        [
            Meeting(
                lea=iusd,
                sir=iusd_sir,
                held_on=today + timedelta(days=30),
                kind=MeetingKind.QUARTERLY,
            ),
            Meeting(lea=iusd, sir=iusd_sir, held_on=date(2021, 5, 2), kind=MeetingKind.OTHER),
            archived,
        ]
    )
    session.flush()

    assert [m.held_on for m in held_quarterly_meetings(session, iusd_sir)] == IUSD_MEETINGS


def test_a_quarterly_meeting_recorded_without_a_sir_counts_the_lea_s_sir_as_of_its_date(
    session: Session, iusd: Lea, iusd_sir: Sir
) -> None:
    session.add(Meeting(lea=iusd, held_on=date(2021, 1, 20), kind=MeetingKind.QUARTERLY))
    session.flush()

    rows = quarterly_progress(session, iusd_sir)

    assert [row.meeting.held_on for row in rows][5:7] == [date(2020, 12, 8), date(2021, 1, 20)]
    assert triple(rows[6].counts) == (12, 44, 10)
    assert str(rows[6].change) == "no change"


def test_a_signed_off_meeting_shows_its_frozen_figures(session: Session, iusd_sir: Sir) -> None:
    last = meeting_on(session, iusd_sir, date(2021, 6, 15))
    as_of = load_histories(session, [iusd_sir.id])[iusd_sir.id].at_meeting(MeetingPoint.of(last))
    # Signed with one action still "not started" that history now says is in progress.
    in_progress = sorted(a for a, s in as_of.items() if s is ActionStatus.IN_PROGRESS)
    frozen = {**as_of, in_progress[0]: ActionStatus.NOT_STARTED}
    session.add_all(
        FrozenStatus(meeting_id=last.id, action_id=action_id, status=status)
        for action_id, status in frozen.items()
    )
    last.closed_at = at_local(date(2021, 6, 16))
    session.flush()

    rows = quarterly_progress(session, iusd_sir)
    history = load_histories(session, [iusd_sir.id])[iusd_sir.id]

    assert triple(rows[-1].counts) == (19, 40, 7)
    assert history.at_meeting(MeetingPoint.of(last)) == frozen


def test_the_replayed_history_agrees_with_the_counts_of_every_demo_meeting(
    session: Session,
) -> None:
    sirs = session.scalars(select(Sir)).all()
    histories = load_histories(session, [sir.id for sir in sirs])
    checked = 0
    for sir in sirs:
        for meeting in held_quarterly_meetings(session, sir):
            replayed = histories[sir.id].at_meeting(MeetingPoint.of(meeting))
            counts = StatusCounts.from_mapping(
                {status: list(replayed.values()).count(status) for status in ActionStatus}
            )
            assert counts == counts_at_meeting(session, meeting), (sir.title, meeting.held_on)
            checked += 1
        now = histories[sir.id].now()
        assert len(now) == status_counts(session, sir).total
    assert checked >= 40


# --- Actions changed between two meetings -------------------------------------------------------


def test_the_actions_changed_between_the_last_two_iusd_meetings_are_those_changed_at_the_last(
    session: Session, iusd_sir: Sir
) -> None:
    march = meeting_on(session, iusd_sir, date(2021, 3, 16))
    june = meeting_on(session, iusd_sir, date(2021, 6, 15))
    at_june = session.scalars(select(StatusChange).where(StatusChange.meeting_id == june.id)).all()

    changes = actions_changed_between(session, iusd_sir, march, june)

    assert {c.action.id: (c.from_status, c.to_status, c.note) for c in changes} == {
        row.action_id: (row.from_status, row.to_status, row.note) for row in at_june
    }
    assert all(c.changed_on == date(2021, 6, 15) for c in changes)
    codes = [c.action.code for c in changes]
    assert codes == sorted(codes, key=lambda code: [int(part) for part in code.split(".")])


def test_an_action_changed_twice_between_meetings_shows_its_net_change_and_latest_note(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    june = meeting_on(session, iusd_sir, date(2021, 6, 15))
    action = code_of(session, iusd_sir, "9.3")  # completed at the June meeting
    change_status(session, action, "in progress", by=lead, note="Reopened.")
    change_status(session, action, "not started", by=lead, note="Paused for the summer.")
    session.flush()

    changes = actions_changed_between(session, iusd_sir, june)  # up to now

    assert [(c.action.code, c.from_status, c.to_status) for c in changes] == [
        ("9.3", ActionStatus.COMPLETED, ActionStatus.NOT_STARTED)
    ]
    assert changes[0].note == "Paused for the summer."
    assert changes[0].changed_on == pacific_time.today()


def test_nothing_changed_since_the_last_iusd_meeting(session: Session, iusd_sir: Sir) -> None:
    june = meeting_on(session, iusd_sir, date(2021, 6, 15))

    assert actions_changed_between(session, iusd_sir, june) == []


def test_without_an_earlier_meeting_changes_count_from_each_action_s_creation(
    session: Session, iusd_sir: Sir
) -> None:
    first = meeting_on(session, iusd_sir, date(2019, 9, 17))

    changes = actions_changed_between(session, iusd_sir, None, first)

    assert len(changes) == 14
    assert {c.from_status for c in changes} == {ActionStatus.NOT_STARTED}
    assert {c.to_status for c in changes} == {ActionStatus.IN_PROGRESS}


# --- Stalled actions ---------------------------------------------------------------------------


def test_iusd_s_stalled_actions_under_the_default_threshold_follow_the_demo_spec(
    session: Session, iusd_sir: Sir
) -> None:
    assert IUSD.sir is not None
    expected = {spec.code for spec in IUSD.sir.actions if stalled_in_spec(spec, 3)}
    in_progress_throughout = {
        spec.code
        for spec in IUSD.sir.actions
        if all(status_after(spec, m) is ActionStatus.IN_PROGRESS for m in (5, 6, 7))
    }

    stalled = stalled_actions(session, iusd_sir)

    assert {s.action.code for s in stalled} == expected
    assert {s.action.status for s in stalled} == {ActionStatus.IN_PROGRESS}  # and still now
    assert len(expected) > 10
    # The demo's progress notes at the last meetings keep their actions from stalling.
    noted = {
        spec.code for spec in IUSD.sir.actions if any(note.meeting >= 5 for note in spec.notes)
    }
    assert noted & in_progress_throughout
    assert not noted & expected
    by_code = {s.action.code: s for s in stalled}
    for spec in IUSD.sir.actions:
        if spec.code in by_code:
            became = max(step.meeting for step in spec.steps)
            assert by_code[spec.code].since == IUSD_MEETINGS[became], spec.code
            assert by_code[spec.code].meetings == in_progress_run(spec), spec.code


def test_the_stall_threshold_changes_which_actions_are_stalled(
    session: Session, iusd_sir: Sir
) -> None:
    assert IUSD.sir is not None
    found = {
        threshold: {s.action.code for s in stalled_actions(session, iusd_sir, threshold)}
        for threshold in range(1, 10)
    }

    for threshold in range(1, 9):
        expected = {spec.code for spec in IUSD.sir.actions if stalled_in_spec(spec, threshold)}
        assert found[threshold] == expected, threshold
    assert found[9] == set()  # only eight meetings held
    # Every action became "in progress" at one of the eight meetings: a change in the window.
    assert found[8] == set()
    # A longer window only ever stalls fewer actions.
    assert all(found[n + 1] <= found[n] for n in range(1, 9))
    assert len(found[1]) > len(found[3]) > 0


def test_an_action_that_moves_is_no_longer_stalled(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    stalled = stalled_actions(session, iusd_sir)
    first = stalled[0].action
    change_status(session, first, "completed", by=lead, note="Done at last.")
    session.flush()

    assert first.code not in {s.action.code for s in stalled_actions(session, iusd_sir)}
    assert len(stalled_actions(session, iusd_sir)) == len(stalled) - 1


def test_a_progress_note_since_the_window_began_unstalls_an_action_and_one_before_does_not(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    stalled = stalled_actions(session, iusd_sir)
    before, noted = stalled[0].action, stalled[1].action
    meetings = held_quarterly_meetings(session, iusd_sir)
    # A note at the meeting before the window (the fourth last) changes nothing...
    add_progress_note(session, before, "Still under way.", by=lead, meeting=meetings[-4])
    # ...one at the first meeting of the window counts as progress across it.
    add_progress_note(
        session, noted, "Coaching reached every school.", by=lead, meeting=meetings[-3]
    )
    session.flush()

    now_stalled = {s.action.code for s in stalled_actions(session, iusd_sir)}
    assert before.code in now_stalled
    assert noted.code not in now_stalled
    assert len(now_stalled) == len(stalled) - 1
    assert noted.status is ActionStatus.IN_PROGRESS  # a note leaves the status as it was


# --- Plateaus ----------------------------------------------------------------------------------


def test_mesa_linda_plateaus_and_iusd_does_not(session: Session, iusd_sir: Sir) -> None:
    mesa_linda = sir_of(session, MESA_LINDA)

    assert is_plateauing(session, mesa_linda)
    assert not is_plateauing(session, iusd_sir)
    assert [row.counts.completed for row in quarterly_progress(session, mesa_linda)][-4:] == [
        8,
        8,
        8,
        8,
    ]


def test_the_plateau_threshold_changes_the_result(session: Session, iusd_sir: Sir) -> None:
    mesa_linda = sir_of(session, MESA_LINDA)

    # Completed stays at 8 over the last four meetings and was 7 at the fifth last.
    assert is_plateauing(session, mesa_linda, 4)
    assert not is_plateauing(session, mesa_linda, 5)
    assert not any(is_plateauing(session, iusd_sir, n) for n in range(2, 10))


def test_a_plateau_compares_the_last_meeting_with_the_nth_last_while_actions_are_in_progress() -> (
    None
):
    assert plateaus([3, 5, 5], in_progress_now=4, threshold=2)
    assert plateaus([3, 5, 4], in_progress_now=4, threshold=2)  # fell back: still no rise
    assert not plateaus([3, 5, 6], in_progress_now=4, threshold=2)
    assert plateaus([5, 6, 5], in_progress_now=4, threshold=3)
    assert not plateaus([4, 6, 5], in_progress_now=4, threshold=3)
    assert not plateaus([5, 5], in_progress_now=0, threshold=2)  # nothing left in progress
    assert not plateaus([5], in_progress_now=4, threshold=2)  # too few meetings
    with pytest.raises(ValueError):
        plateaus([5, 5], in_progress_now=4, threshold=1)


def test_thresholds_come_from_the_settings_and_bad_ones_stop_the_app(
    demo_database_url: str,
) -> None:
    assert Thresholds.from_config({}) == Thresholds(stall=3, plateau=2)
    assert Thresholds.from_config(
        {"STALL_QUARTERLY_MEETINGS": "4", "PLATEAU_QUARTERLY_MEETINGS": 3}
    ) == Thresholds(stall=4, plateau=3)
    for bad in (
        {"STALL_QUARTERLY_MEETINGS": 0},
        {"PLATEAU_QUARTERLY_MEETINGS": 1},
        {"STALL_QUARTERLY_MEETINGS": "three"},
    ):
        with pytest.raises(ValueError):
            create_app({"TESTING": True, "DATABASE_URL": demo_database_url, **bad})


# --- Regressions and gaps ---------------------------------------------------------------------


def test_iusd_s_one_regression_is_action_9_3_with_its_note(session: Session, iusd_sir: Sir) -> None:
    assert IUSD.sir is not None
    spec = next(action for action in IUSD.sir.actions if action.code == "9.3")
    backwards_step = spec.steps[2]

    found = regressions(session, iusd_sir)

    assert len(found) == 1
    regression = found[0]
    assert regression.action.code == "9.3"
    assert (regression.from_status, regression.to_status) == (
        ActionStatus.COMPLETED,
        ActionStatus.IN_PROGRESS,
    )
    assert regression.changed_on == date(2020, 12, 8)
    assert regression.note == backwards_step.note
    assert regression.who == "Alicia Montoya"


def test_every_backward_move_is_a_regression_and_forward_ones_are_not(
    session: Session, lead: User
) -> None:
    sir, actions = builders.sir_with_actions(session, 3, by=lead)
    a, b, c = actions
    change_status(session, a, "in progress", by=lead, note="Started.")
    change_status(session, a, "not started", by=lead, note="Lead left.")
    change_status(session, b, "completed", by=lead)
    change_status(session, b, "not started", by=lead, note="Redo from scratch.")
    change_status(session, c, "completed", by=lead)
    session.flush()

    moves = {
        (r.action.code, r.from_status.value, r.to_status.value) for r in regressions(session, sir)
    }

    assert moves == {("1.1", "in_progress", "not_started"), ("1.2", "completed", "not_started")}


def test_a_threat_on_a_component_without_an_action_is_uncovered_until_an_action_is_added(
    session: Session, lead: User
) -> None:
    sir, _ = builders.sir_with_actions(session, 2, by=lead)  # on component 1
    components = {c.number: c for c in session.scalars(select(Component))}
    threat = Finding(
        sir=sir, component=components[2], category=SwotCategory.THREAT, text="Budget cuts."
    )
    session.add_all(
        [
            threat,
            Finding(sir=sir, component=components[1], category=SwotCategory.WEAKNESS, text="w"),
            Finding(sir=sir, component=components[3], category=SwotCategory.STRENGTH, text="s"),
            Finding(sir=sir, component=components[4], category=SwotCategory.OPPORTUNITY, text="o"),
        ]
    )
    session.flush()

    assert uncovered_findings(sir) == [threat]

    added = add_action(
        session,
        sir,
        code="2.1",
        text="Plan the budget.",
        component=components[2],
        by=lead,
        at=at_local(date(2024, 2, 1)),
    )
    session.flush()
    session.refresh(sir)
    assert uncovered_findings(sir) == []

    added.archived_at = at_local(pacific_time.today())  # an archived action addresses nothing
    session.flush()
    session.refresh(sir)
    assert uncovered_findings(sir) == [threat]


def test_every_iusd_weakness_and_threat_has_an_action(session: Session, iusd_sir: Sir) -> None:
    assert uncovered_findings(iusd_sir) == []


# --- Missed quarters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "held", "started", "missed"),
    [
        (date(2026, 11, 23), [], date(2020, 1, 1), ["2026-27 Q1"]),
        (date(2026, 11, 23), [date(2026, 9, 30)], date(2020, 1, 1), []),
        (date(2026, 11, 23), [date(2026, 6, 30)], date(2020, 1, 1), ["2026-27 Q1"]),
        (date(2026, 11, 23), [], date(2026, 7, 1), ["2026-27 Q1"]),  # started on its first day
        (date(2026, 11, 23), [], date(2026, 7, 2), []),  # started during the quarter
        (date(2026, 8, 1), [], date(2020, 1, 1), []),  # Q1: nothing has elapsed yet
        (date(2027, 6, 1), [date(2026, 12, 1)], date(2020, 1, 1), ["2026-27 Q1", "2026-27 Q3"]),
    ],
)
def test_missed_quarters_are_the_elapsed_quarters_of_this_school_year_without_a_meeting(
    today: date, held: list[date], started: date, missed: list[str]
) -> None:
    assert [str(q) for q in missed_quarters(held, started, today)] == missed
    assert all(q < SchoolQuarter.of(today) for q in missed_quarters(held, started, today))


@pytest.mark.parametrize(
    ("today", "held", "started", "run"),
    [
        (date(2026, 11, 23), [date(2021, 6, 15)], date(2018, 10, 1), 21),  # 2021-22 Q1 on
        (date(2026, 11, 23), [], date(2018, 10, 1), 32),  # 2018-19 Q2, its first full quarter
        (date(2026, 11, 23), [date(2026, 7, 1)], date(2018, 10, 1), 0),
        (date(2026, 8, 1), [date(2025, 12, 1)], date(2018, 10, 1), 2),  # across school years
        (date(2026, 11, 23), [date(2027, 1, 5)], date(2018, 10, 1), 32),  # not held yet
    ],
)
def test_the_quarters_since_the_last_meeting_run_across_school_years(
    today: date, held: list[date], started: date, run: int
) -> None:
    quarters = quarters_since_last_meeting(held, started, today)

    assert len(quarters) == run
    assert all(q < SchoolQuarter.of(today) for q in quarters)
    assert quarters == sorted(quarters)
    if run and held and held[0] <= today:
        assert quarters[0] == SchoolQuarter.of(held[0]).next()


def is_plateauing(session: Session, sir: Sir, threshold: int = Thresholds().plateau) -> bool:
    """The plateau rule over the SIR's held quarterly meetings and its counts now, as the
    dashboard and the reports apply it."""
    rows = quarterly_progress(session, sir)
    completed = [row.counts.completed for row in rows]
    return plateaus(completed, status_counts(session, sir).in_progress, threshold)


def uncovered_findings(sir: Sir) -> list[Finding]:
    """The SIR's weaknesses and threats without a current action, as its page shows them."""
    return findings_without_action(sir.findings, sir.actions)
