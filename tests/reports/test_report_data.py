"""What a report says, tested on its data (no rendering): the figures come from the same
counts as the pages, and everything is as of the date asked for."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds, stalled_actions
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.progress.operations import change_status, status_counts
from sir_tracker.reports.data import (
    Counts,
    LeaReportData,
    NothingToReport,
    _metric_value,
    lea_report_data,
)
from sir_tracker.reports.models import Audience
from sir_tracker.reports.operations import ReportRefused, render_lea_report, report_filename
from sir_tracker.reviews.models import Action, ActionStatus, ProgressNote, Sir
from sir_tracker.users.models import User
from tests.reviews.iusd import action_by_code
from tests.support import builders

JUNE_2021 = date(2021, 6, 30)
JUNE_2020 = date(2020, 6, 30)


def data_of(session: Session, lea: Lea, as_of: date, **options: object) -> LeaReportData:
    return lea_report_data(
        session,
        lea,
        as_of,
        Audience.BOARD,
        generated_at=utcnow(),
        **options,  # type: ignore[arg-type]
    )


def status_tally(data: LeaReportData) -> tuple[int, int, int]:
    tally = Counter(a.status for c in data.actions for a in c.actions)
    return (
        tally[ActionStatus.COMPLETED],
        tally[ActionStatus.IN_PROGRESS],
        tally[ActionStatus.NOT_STARTED],
    )


def triple(counts: Counts) -> tuple[int, int, int]:
    return counts.completed, counts.in_progress, counts.not_started


@pytest.mark.parametrize(
    ("as_of", "expected"), [(JUNE_2021, (19, 41, 6)), (JUNE_2020, (7, 41, 18))]
)
def test_every_table_adds_up_to_the_headline(
    session: Session, iusd: Lea, as_of: date, expected: tuple[int, int, int]
) -> None:
    data = data_of(session, iusd, as_of)

    assert triple(data.headline.counts) == expected
    assert len(data.components) == 12
    assert [c.label.split(".")[0] for c in data.components] == [str(n) for n in range(1, 13)]
    for lines in (data.components, data.themes):
        assert tuple(map(sum, zip(*(triple(line) for line in lines), strict=True))) == expected
    # The action list is replayed from history in Python; the headline counted in SQL.
    assert status_tally(data) == expected


def test_the_headline_is_the_status_counts_of_the_pages(
    session: Session, iusd: Lea, iusd_sir: Sir
) -> None:
    data = data_of(session, iusd, JUNE_2021)
    counts = status_counts(session, iusd_sir, JUNE_2021)

    assert data.headline.text == counts.headline == "19 completed / 41 in progress / 6 not started"
    assert data.headline.percent == "91% completed or in progress"


def test_a_change_after_the_as_of_date_is_not_in_the_report_of_that_date(
    session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    action = action_by_code(session, iusd_sir, "12.4")
    assert action.status is ActionStatus.NOT_STARTED
    change_status(session, action, "in progress", by=lead, note="Board policy drafted.")
    session.flush()

    then = data_of(session, iusd, JUNE_2021)
    now = data_of(session, iusd, today())

    assert then.headline.text == "19 completed / 41 in progress / 6 not started"
    line = next(a for c in then.actions for a in c.actions if a.code == "12.4")
    assert (line.status, line.changed_on, line.note) == (
        ActionStatus.NOT_STARTED,
        "26 April 2019",
        "",
    )
    assert now.headline.text == "19 completed / 42 in progress / 5 not started"
    line = next(a for c in now.actions for a in c.actions if a.code == "12.4")
    assert (line.status, line.note) == (ActionStatus.IN_PROGRESS, "Board policy drafted.")


def test_the_last_change_of_each_action_is_its_latest_up_to_the_as_of_date(
    session: Session, iusd: Lea
) -> None:
    data = data_of(session, iusd, JUNE_2020)

    for component in data.actions:
        for line in component.actions:
            day = datetime.strptime(line.changed_on, "%d %B %Y").date()  # noqa: DTZ007 - a day
            assert day <= JUNE_2020, line.code


def test_quarters_change_and_latest_update_stop_at_the_as_of_date(
    session: Session, iusd: Lea
) -> None:
    data = data_of(session, iusd, JUNE_2020)

    assert [q.held_on for q in data.quarters] == [
        "17 September 2019",
        "10 December 2019",
        "10 March 2020",
        "16 June 2020",
    ]
    assert data.trend is not None and len(data.trend.rows) == 4
    assert data.change is not None
    assert (data.change.previous, data.change.latest) == ("10 March 2020", "16 June 2020")
    assert data.change.summary == "+3 completed, +5 in progress, -8 not started"
    assert data.change.after_latest is None
    assert data.latest_update is not None and data.latest_update.held_on == "16 June 2020"


def test_stalled_actions_are_those_stalled_as_of_the_date(
    session: Session, iusd: Lea, iusd_sir: Sir
) -> None:
    june_2021 = data_of(session, iusd, JUNE_2021)
    june_2020 = data_of(session, iusd, JUNE_2020)
    stalled_now = {s.action.code for s in stalled_actions(session, iusd_sir)}

    # Nothing changed after June 2021: the same actions as the LEA page shows today.
    assert {s.code for s in june_2021.stalled} == stalled_now
    # As of June 2020, an action stalled then but completed later still counts as stalled.
    assert june_2020.stalled
    codes_2020 = {s.code for s in june_2020.stalled}
    statuses_2020 = {a.code: a.status for c in june_2020.actions for a in c.actions}
    assert {statuses_2020[code] for code in codes_2020} == {ActionStatus.IN_PROGRESS}
    assert codes_2020 - stalled_now, "some actions stalled in 2020 moved on since"
    assert data_of(session, iusd, JUNE_2020, thresholds=Thresholds(stall=5)).stalled == ()


def test_the_latest_quarterly_update_carries_its_summary_notes_and_metrics(
    session: Session, iusd: Lea
) -> None:
    update = data_of(session, iusd, JUNE_2021).latest_update

    assert update is not None
    assert update.held_on == "15 June 2021" and update.quarter == "2020-21 Q4"
    assert "cycles of inquiry" in update.summary
    assert [s.category for s in update.swot] == ["Strength", "Weakness", "Opportunity", "Threat"]
    assert ("Mid-year literacy assessment completion", "85%") in {
        (m.label, m.value) for m in update.metrics
    }


def test_the_cover_facts(session: Session, iusd: Lea) -> None:
    data = data_of(session, iusd, JUNE_2021)

    assert data.lea_name == "Inglewood Unified School District"
    assert data.county == "Los Angeles"
    assert data.mode == "Embedded partnership"
    assert data.sir_report_date == "26 April 2019"
    assert data.as_of_label == "30 June 2021"
    assert data.audience_label == "CCEE Governing Board"
    assert data.title == "Inglewood Unified School District: status report as of 30 June 2021"


def test_an_lea_without_a_sir_has_nothing_to_report(session: Session) -> None:
    lea = builders.lea(session)

    with pytest.raises(NothingToReport, match="has no SIR yet"):
        data_of(session, lea, JUNE_2021)


def test_a_report_cannot_be_dated_in_the_future(session: Session, iusd: Lea) -> None:
    with pytest.raises(ReportRefused, match="is in the future") as refused:
        render_lea_report(session, iusd, date(2999, 1, 1), Audience.SPI)
    assert refused.value.field == "as_of"


def test_bars_add_up_to_exactly_a_hundred_percent() -> None:
    for counts in (Counts("", 1, 1, 1), Counts("", 19, 41, 6), Counts("", 0, 7, 0)):
        widths = [float(width.rstrip("%")) for _key, width in counts.bar]
        assert round(sum(widths), 1) == 100.0
    assert Counts("", 0, 0, 0).bar == ()


def test_metric_values_read_as_people_write_them() -> None:
    assert _metric_value(Decimal("85.00"), "%") == "85%"
    assert _metric_value(Decimal("12.50"), "FTE") == "12.5 FTE"
    assert _metric_value(Decimal("1234"), "") == "1,234"


def test_report_file_names() -> None:
    assert report_filename("Inglewood Unified School District", JUNE_2021, Audience.BOARD) == (
        "inglewood-unified-school-district-status-report-2021-06-30-board.pdf"
    )
    assert report_filename('Élan / Charter: "Académie"', JUNE_2021, Audience.SPI) == (
        "elan-charter-academie-status-report-2021-06-30-spi.pdf"
    )


def test_progress_notes_since_the_meeting_before_the_latest_up_to_the_as_of_date(
    session: Session, iusd: Lea, iusd_sir: Sir, lead: User
) -> None:
    one_three = action_by_code(session, iusd_sir, "1.3")
    add_progress_note(session, one_three, "Noted after June 2021.", by=lead)
    session.flush()
    demo_notes = session.scalars(
        select(ProgressNote).join(Action).where(Action.sir_id == iusd_sir.id)
    ).all()
    at_june = {n.note for n in demo_notes if n.meeting and n.meeting.held_on == date(2021, 6, 15)}
    at_march = {n.note for n in demo_notes if n.meeting and n.meeting.held_on == date(2021, 3, 16)}
    assert at_june and at_march

    june = data_of(session, iusd, JUNE_2021)
    march = data_of(session, iusd, date(2021, 3, 31))

    # As of 30 June 2021 the latest meeting is 15 June and the one before it 16 March: the
    # notes made at 15 June; a note made later is not in a report of that date.
    assert june.notes_since == "16 March 2021"
    assert {n.note for n in june.notes} == at_june
    assert "Noted after June 2021." not in {n.note for n in june.notes}
    assert {n.code for n in june.notes}.isdisjoint({s.code for s in june.stalled})
    # As of 31 March 2021: the notes made at 16 March, after the meeting of 8 December 2020.
    assert march.notes_since == "8 December 2020"
    assert {n.note for n in march.notes} == at_march
    noted = next(n for n in june.notes if n.evidence_url)
    assert (noted.evidence_url or "").startswith("https://") and noted.who and noted.text
