"""The dashboard's content: one row per visible LEA, built with a fixed number of queries.

LEAs come with their county office, engagements and SIRs in one query each (selectinload);
status counts of every latest SIR in one grouped query; quarterly meetings in another. The
number of queries does not grow with the number of LEAs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.access.policy import visible_leas
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.leas.profile import StatusSummary, long_date, quarter_label, sir_recency
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.meetings.school_year import SchoolQuarter
from sir_tracker.pacific_time import PACIFIC
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import User

NO_QUARTERLY_MEETING = "No quarterly meeting this quarter"
EXITED = "Exited"


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


@dataclass(frozen=True)
class _QuarterlyMeetings:
    last_held_on: date | None
    this_quarter: int


def overview(session: Session, user: User, *, today: date) -> Overview:
    quarter = SchoolQuarter.of(today)
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
    latest_sirs = {lea.id: sir for lea in leas if (sir := _latest_sir(lea)) is not None}
    counts = counts_by_sir(session, [sir.id for sir in latest_sirs.values()])
    meetings = _quarterly_meetings(session, [lea.id for lea in leas], quarter, today)

    rows: list[LeaRow] = []
    archived: list[LeaRow] = []
    for lea in leas:
        sir = latest_sirs.get(lea.id)
        row = _row(
            lea,
            sir,
            StatusSummary.of(counts[sir.id]) if sir is not None else None,
            meetings.get(lea.id, _QuarterlyMeetings(None, 0)),
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


def _latest_sir(lea: Lea) -> Sir | None:
    sirs = [sir for sir in lea.sirs if not sir.is_archived]
    return max(sirs, key=sir_recency) if sirs else None


def _quarterly_meetings(
    session: Session, lea_ids: list[int], quarter: SchoolQuarter, today: date
) -> dict[int, _QuarterlyMeetings]:
    """The last quarterly meeting held by today, and how many were held this quarter, per LEA."""
    if not lea_ids:
        return {}
    held = Meeting.held_on <= today
    this_quarter = and_(held, Meeting.held_on >= quarter.first_day)
    query = (
        select(
            Meeting.lea_id,
            func.max(case((held, Meeting.held_on))),
            func.count(case((this_quarter, 1))),
        )
        .where(Meeting.kind == MeetingKind.QUARTERLY, Meeting.lea_id.in_(lea_ids))
        .group_by(Meeting.lea_id)
    )
    return {
        lea_id: _QuarterlyMeetings(_as_date(last), count)
        for lea_id, last, count in session.execute(query)
    }


def _as_date(value: date | str | None) -> date | None:
    # SQLite hands back an aggregate of dates as text; PostgreSQL as a date.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _row(
    lea: Lea,
    sir: Sir | None,
    status: StatusSummary | None,
    meetings: _QuarterlyMeetings,
    today: date,
) -> LeaRow:
    engagement = lea.current_engagement
    flags: list[str] = []
    if engagement is not None and _has_exited(engagement, today):
        flags.append(EXITED)
    elif _in_dta(engagement, today) and meetings.this_quarter == 0:
        flags.append(NO_QUARTERLY_MEETING)
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
        last_quarterly=long_date(meetings.last_held_on) if meetings.last_held_on else None,
        flags=tuple(flags),
        archived_on=long_date(lea.archived_at.astimezone(PACIFIC).date())
        if lea.archived_at
        else None,
    )


def _has_exited(engagement: Engagement, today: date) -> bool:
    return engagement.exited_on is not None and engagement.exited_on <= today


def _in_dta(engagement: Engagement | None, today: date) -> bool:
    return (
        engagement is not None
        and engagement.started_on <= today
        and not _has_exited(engagement, today)
    )


def _exit_note(engagement: Engagement | None, today: date) -> str | None:
    if engagement is None or engagement.exited_on is None:
        return None
    verb = "Exited" if _has_exited(engagement, today) else "Exits"
    return f"{verb} {engagement.exited_on:%B %Y}"


def _sir_note(sir: Sir | None) -> str | None:
    if sir is None:
        return None
    if sir.report_date is not None:
        return f"Report {sir.report_date:%B %Y}"
    return f"Review {sir.state.label}"
