"""The dashboard's content: one row per visible LEA, built with a fixed number of queries.

LEAs come with their county office, engagements and SIRs in one query each (selectinload);
status counts of every latest SIR in one grouped query; the held quarterly meetings of all
LEAs in another; the status histories of the latest SIRs in two more (changes, frozen
statuses), replayed in Python for the plateau and stall flags. The number of queries does not
grow with the number of LEAs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.access.policy import visible_leas
from sir_tracker.core.formatting import long_date, month_year, pacific_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.monitoring.profile import (
    StatusSummary,
    in_dta,
    quarter_label,
)
from sir_tracker.monitoring.quarters import (
    HeldMeeting,
    StatusHistory,
    Thresholds,
    held_quarterly_meetings_of,
    load_histories,
    missed_quarters,
    plateaus_in_history,
    stalled_action_ids,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import Sir
from sir_tracker.reviews.queries import current_sir
from sir_tracker.users.models import User

NO_QUARTERLY_MEETING = "No quarterly meeting this quarter"
EXITED = "Exited"
PLATEAU = "Plateau"


@dataclass(frozen=True)
class LeaRow:
    id: int
    name: str
    is_demo: bool
    county: str
    kind: str
    mode: str | None
    exit_note: str | None  # "Exited June 2025", or "Exits June 2027" for a planned exit
    sir_note: str | None  # "Report April 2019", "Review in progress"
    status: StatusSummary | None
    last_quarterly: str | None
    flags: tuple[str, ...]
    archived_on: str | None


@dataclass(frozen=True)
class Overview:
    rows: list[LeaRow]
    archived: list[LeaRow]  # only admins see archived LEAs
    missing_quarterly: int
    quarter: str  # "2026-27 Q2"
    quarter_span: str  # "1 October to 31 December 2026"
    has_demo: bool

    @property
    def count_line(self) -> str:
        leas = f"{len(self.rows)} LEA{'' if len(self.rows) == 1 else 's'}"
        return f"{leas} · {self.missing_quarterly} with no quarterly meeting this quarter"


def overview(
    session: Session, user: User, *, today: date, thresholds: Thresholds | None = None
) -> Overview:
    quarter = SchoolQuarter.of(today)
    thresholds = thresholds or Thresholds()
    leas = session.scalars(
        select(Lea)
        .options(
            selectinload(Lea.county_office),
            selectinload(Lea.engagements),
            selectinload(Lea.sirs),
        )
        .where(visible_leas(user))
        .order_by(Lea.name)
    ).all()
    latest_sirs = {lea.id: sir for lea in leas if (sir := current_sir(lea)) is not None}
    counts = counts_by_sir(session, [sir.id for sir in latest_sirs.values()])
    meetings = held_quarterly_meetings_of(session, [lea.id for lea in leas], today)
    histories = load_histories(session, [sir.id for sir in latest_sirs.values()])

    rows: list[LeaRow] = []
    archived: list[LeaRow] = []
    for lea in leas:
        sir = latest_sirs.get(lea.id)
        held = meetings.get(lea.id, [])
        flags = _flags(lea, held, today, quarter)
        if sir is not None and not lea.is_archived and in_dta(lea.current_engagement, today):
            flags += _progress_flags(sir, held, histories[sir.id], counts[sir.id], thresholds)
        row = _row(
            lea,
            sir,
            StatusSummary.of(counts[sir.id]) if sir is not None else None,
            held[-1].point.held_on if held else None,
            tuple(flags),
            today,
        )
        (archived if lea.is_archived else rows).append(row)
    return Overview(
        rows=rows,
        archived=archived,
        missing_quarterly=sum(NO_QUARTERLY_MEETING in row.flags for row in rows),
        quarter=quarter_label(quarter),
        quarter_span=f"{quarter.first_day.day} {quarter.first_day:%B} to "
        f"{long_date(quarter.last_day)}",
        has_demo=any(lea.is_demo for lea in leas),
    )


def _flags(lea: Lea, held: list[HeldMeeting], today: date, quarter: SchoolQuarter) -> list[str]:
    engagement = lea.current_engagement
    if engagement is not None and _has_exited(engagement, today):
        return [EXITED]
    if engagement is None or not in_dta(engagement, today):
        return []
    flags = []
    if not any(SchoolQuarter.of(meeting.point.held_on) == quarter for meeting in held):
        flags.append(NO_QUARTERLY_MEETING)
    flags += [
        f"Missed {quarter_label(missed)}"
        for missed in missed_quarters(
            [meeting.point.held_on for meeting in held], engagement.started_on, today
        )
    ]
    return flags


def _progress_flags(
    sir: Sir,
    held: list[HeldMeeting],
    history: StatusHistory,
    current: StatusCounts,
    thresholds: Thresholds,
) -> list[str]:
    """The flags "Plateau" and "3 stalled" of the LEA's latest SIR, from its replayed history."""
    points = [meeting.point for meeting in held if meeting.sir_id in (sir.id, None)]
    flags = []
    if plateaus_in_history(history, points, current.in_progress, thresholds.plateau):
        flags.append(PLATEAU)
    stalled = len(stalled_action_ids(history, points, thresholds.stall))
    if stalled:
        flags.append(f"{stalled} stalled")
    return flags


def _row(
    lea: Lea,
    sir: Sir | None,
    status: StatusSummary | None,
    last_quarterly: date | None,
    flags: tuple[str, ...],
    today: date,
) -> LeaRow:
    engagement = lea.current_engagement
    return LeaRow(
        id=lea.id,
        name=lea.name,
        is_demo=lea.is_demo,
        county=lea.county_office.county,
        kind=lea.kind.label,
        mode=engagement.mode.label if engagement else None,
        exit_note=_exit_note(engagement, today),
        sir_note=_sir_note(sir),
        status=status,
        last_quarterly=long_date(last_quarterly) if last_quarterly else None,
        flags=flags,
        archived_on=pacific_day(lea.archived_at) if lea.archived_at else None,
    )


def _has_exited(engagement: Engagement, today: date) -> bool:
    return engagement.exited_on is not None and engagement.exited_on <= today


def _exit_note(engagement: Engagement | None, today: date) -> str | None:
    if engagement is None or engagement.exited_on is None:
        return None
    verb = "Exited" if _has_exited(engagement, today) else "Exits"
    return f"{verb} {month_year(engagement.exited_on)}"


def _sir_note(sir: Sir | None) -> str | None:
    if sir is None:
        return None
    if sir.report_date is not None:
        return f"Report {month_year(sir.report_date)}"
    return f"Review {sir.state.label}"
