"""What the LEA page shows, as plain values: the LEA, its engagements, SIRs and meetings,
and its latest SIR quarter over quarter (counts, trend chart, flags).

Also the small presenters other pages share with it (dates, status bars, lines of stalled
actions and regressions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select, true
from sqlalchemy.orm import Session

from sir_tracker.core.formatting import day_and_month, long_date, pacific_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring import quarters
from sir_tracker.monitoring.changes import ChangesSince, changes_since, default_since
from sir_tracker.monitoring.charts import ChartPoint, TrendChart, trend_chart
from sir_tracker.monitoring.quarters import (
    QuarterRow,
    Regression,
    StalledAction,
    Thresholds,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import ActionStatus, Sir
from sir_tracker.reviews.queries import current_sir, sir_recency

QUARTERLY_MEETINGS_A_YEAR = 4
FEW_MISSED_QUARTERS = 3  # more in a row since the last meeting are counted, not listed


def quarter_label(quarter: SchoolQuarter) -> str:
    """2020-21 Q4."""
    return f"{quarter.school_year} Q{quarter.quarter}"


@dataclass(frozen=True)
class StatusSummary:
    """A SIR's counts ready to show: the headline, the percent and the bar's widths."""

    headline: str
    percent: str  # "91% completed or in progress", or "No actions yet"
    completed_width: str  # CSS percentages, e.g. "28.8%"
    in_progress_width: str
    not_started_width: str

    @classmethod
    def of(cls, counts: StatusCounts) -> StatusSummary:
        total = counts.total or 1
        return cls(
            headline=counts.headline,
            percent=(
                "No actions yet"
                if counts.percent_active is None
                else f"{counts.percent_active}% completed or in progress"
            ),
            completed_width=_width(counts.completed, total),
            in_progress_width=_width(counts.in_progress, total),
            not_started_width=_width(counts.not_started, total),
        )


def _width(part: int, total: int) -> str:
    return f"{100 * part / total:.1f}%"


@dataclass(frozen=True)
class EngagementFacts:
    pathway: str
    mode: str
    readiness: str | None  # "Willing and unable: 5-7 years"
    started_on: str
    exited_on: str | None
    ccee_lead: str | None

    @classmethod
    def of(cls, engagement: Engagement) -> EngagementFacts:
        readiness = None
        if engagement.readiness is not None:
            low, high = engagement.readiness.turnaround_years
            readiness = f"{engagement.readiness.label}: {low}-{high} years"
        return cls(
            pathway=engagement.pathway.label,
            mode=engagement.mode.label,
            readiness=readiness,
            started_on=long_date(engagement.started_on),
            exited_on=long_date(engagement.exited_on) if engagement.exited_on else None,
            ccee_lead=engagement.ccee_lead.name if engagement.ccee_lead else None,
        )


@dataclass(frozen=True)
class SirLine:
    url: str
    title: str
    report_date: str | None
    state: str
    status: StatusSummary
    is_archived: bool


@dataclass(frozen=True)
class MeetingLine:
    url: str
    held_on: str
    kind: str
    quarter: str


@dataclass(frozen=True)
class QuarterLine:
    quarter: str
    url: str
    held_on: str
    completed: int
    in_progress: int
    not_started: int
    change: str | None  # "+3 completed, -1 in progress, -2 not started"; None for the first

    @classmethod
    def of(cls, row: QuarterRow) -> QuarterLine:
        return cls(
            quarter=row.quarter_label,
            url=url_for("meetings.show", meeting_id=row.meeting.id),
            held_on=long_date(row.meeting.held_on),
            completed=row.counts.completed,
            in_progress=row.counts.in_progress,
            not_started=row.counts.not_started,
            change=str(row.change) if row.change is not None else None,
        )


@dataclass(frozen=True)
class StalledLine:
    url: str
    code: str
    text: str
    since: str
    meetings: int  # quarterly meetings in a row

    @classmethod
    def of(cls, stalled: StalledAction) -> StalledLine:
        return cls(
            url=url_for("reviews.action", action_id=stalled.action.id),
            code=stalled.action.code,
            text=stalled.action.text,
            since=long_date(stalled.since),
            meetings=stalled.meetings,
        )


@dataclass(frozen=True)
class RegressionLine:
    url: str
    code: str
    from_status: ActionStatus
    to_status: ActionStatus
    when: str
    who: str
    note: str

    @classmethod
    def of(cls, regression: Regression) -> RegressionLine:
        return cls(
            url=url_for("reviews.action", action_id=regression.action.id),
            code=regression.action.code,
            from_status=regression.from_status,
            to_status=regression.to_status,
            when=long_date(regression.changed_on),
            who=regression.who,
            note=regression.note,
        )


@dataclass(frozen=True)
class QuarterSection:
    """The latest SIR quarter over quarter, with what stands out."""

    sir_title: str
    sir_url: str
    lines: list[QuarterLine]  # newest first, like the list of meetings
    chart: TrendChart | None
    plateau: str | None  # the sentence explaining the plateau, if the LEA plateaus
    stalled: list[StalledLine]
    stall_threshold: int
    regressions: list[RegressionLine]


@dataclass(frozen=True)
class LeaProfile:
    id: int
    name: str
    is_demo: bool
    cds_code: str
    kind: str
    county_office: str
    geo_lead: str | None
    archived_on: str | None
    current: EngagementFacts | None
    earlier: list[EngagementFacts]
    sirs: list[SirLine]
    meetings: list[MeetingLine]
    school_year: str  # "2026-27"
    quarterly_this_year: str  # "2 of 4"
    missed: list[str]  # "Missed 2026-27 Q1: ...", or "No quarterly meeting for 21 ..."
    quarters: QuarterSection | None  # None without a current SIR
    changes: ChangesSince | None  # None without a current SIR


def in_dta(engagement: Engagement | None, today: date) -> bool:
    """Whether the engagement has started and not ended by ``today``."""
    return (
        engagement is not None
        and engagement.started_on <= today
        and not (engagement.exited_on is not None and engagement.exited_on <= today)
    )


def is_held_quarterly(meeting: Meeting, today: date) -> bool:
    return (
        meeting.kind is MeetingKind.QUARTERLY
        and not meeting.is_archived
        and meeting.held_on <= today
    )


def missed_quarters_of(
    held_on: list[date], engagement: Engagement, today: date
) -> tuple[list[SchoolQuarter], list[SchoolQuarter]]:
    """The quarters ended without a quarterly meeting since the last one (across school
    years), and those to name one by one: this school year's missed quarters and that run, while
    the run is at most FEW_MISSED_QUARTERS long (none past that: the run is then counted)."""
    run = quarters.quarters_since_last_meeting(held_on, engagement.started_on, today)
    if len(run) > FEW_MISSED_QUARTERS:
        return run, []
    this_year = quarters.missed_quarters(held_on, engagement.started_on, today)
    return run, sorted(set(this_year) | set(run))


def missed_lines(engagement: Engagement | None, held_on: list[date], today: date) -> list[str]:
    """For an LEA in DTA (``engagement`` under way ``today``): a sentence per quarter ended
    without a quarterly meeting (this school year's, and those since its last meeting) while
    there are at most FEW_MISSED_QUARTERS since that meeting; past that, one sentence counting
    them. Quarters that began before the engagement did are left out."""
    if engagement is None or not in_dta(engagement, today):
        return []
    run, missed = missed_quarters_of(held_on, engagement, today)
    if not missed and run:
        last = max((day for day in held_on if day <= today), default=None)
        since = (
            f"since {long_date(last)}"
            if last is not None
            else f"since the engagement began on {long_date(engagement.started_on)}"
        )
        return [
            f"No quarterly meeting for {len(run)} school quarters, {since} "
            f"({quarter_label(run[0])} to {quarter_label(run[-1])})."
        ]
    return [
        f"Missed {quarter_label(quarter)}: no quarterly meeting was held between "
        f"{day_and_month(quarter.first_day)} and {long_date(quarter.last_day)}."
        for quarter in missed
    ]


def lea_profile(
    session: Session,
    lea: Lea,
    *,
    today: date,
    with_archived: bool,
    thresholds: Thresholds | None = None,
    as_of: date | None = None,
    since: date | None = None,
) -> LeaProfile:
    """Everything the LEA page shows. ``with_archived`` includes archived SIRs and meetings
    (for admins). As of the end of the Pacific day ``as_of``: the counts, meetings, flags and
    engagement of that day, read as the LEA's status report for that day reads them.
    ``since`` starts the list of changes after that day (by default, after the quarterly
    meeting before the latest)."""
    if as_of is not None:
        today = as_of
    sirs = sorted(
        (sir for sir in lea.sirs if with_archived or not sir.is_archived), key=sir_recency
    )
    counts = counts_by_sir(session, [sir.id for sir in sirs], as_of)
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == lea.id, Meeting.held_on <= as_of if as_of else true())
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    ).all()
    held = [meeting for meeting in reversed(meetings) if is_held_quarterly(meeting, today)]
    this_year = SchoolQuarter.of(today).start_year
    quarterly_this_year = sum(
        1 for meeting in held if meeting.school_quarter.start_year == this_year
    )
    under_way = lea.current_engagement if as_of is None else lea.engagement_on(as_of)
    begun = [e for e in lea.engagements if as_of is None or e.started_on <= as_of]
    engagements = [EngagementFacts.of(engagement) for engagement in begun]
    office = lea.county_office
    sir = current_sir(lea)
    return LeaProfile(
        id=lea.id,
        name=lea.name,
        is_demo=lea.is_demo,
        cds_code=lea.cds_code,
        kind=lea.kind.label,
        county_office=office.name,
        geo_lead=office.geo_lead.name if office.geo_lead else None,
        archived_on=pacific_day(lea.archived_at) if lea.archived_at else None,
        current=engagements[-1] if engagements else None,
        earlier=list(reversed(engagements[:-1])),
        sirs=[
            SirLine(
                # The SIR page belongs to the reviews feature; its path is stable.
                url=url_for("reviews.sir", sir_id=sir.id, as_of=as_of),
                title=sir.title,
                report_date=long_date(sir.report_date) if sir.report_date else None,
                state=sir.state.label.capitalize(),
                status=StatusSummary.of(counts.get(sir.id, StatusCounts())),
                is_archived=sir.is_archived,
            )
            for sir in reversed(sirs)
        ],
        meetings=[
            MeetingLine(
                url=url_for("meetings.show", meeting_id=meeting.id),
                held_on=long_date(meeting.held_on),
                kind=meeting.kind.label,
                quarter=quarter_label(meeting.school_quarter),
            )
            for meeting in meetings
            if with_archived or not meeting.is_archived
        ],
        school_year=SchoolQuarter(this_year, 1).school_year,
        quarterly_this_year=f"{quarterly_this_year} of {QUARTERLY_MEETINGS_A_YEAR}",
        missed=missed_lines(under_way, [meeting.held_on for meeting in held], today),
        quarters=quarter_section(
            session,
            sir,
            [m for m in held if m.sir_id in (sir.id, None)],
            counts.get(sir.id, StatusCounts()),
            thresholds or Thresholds(),
            as_of=as_of,
        )
        if sir is not None
        else None,
        changes=_changes_of(session, sir, held, since, until=as_of, with_archived=with_archived)
        if sir is not None
        else None,
    )


def _changes_of(
    session: Session,
    sir: Sir,
    held: list[Meeting],
    since: date | None,
    *,
    until: date | None,
    with_archived: bool,
) -> ChangesSince:
    if since is not None:
        return changes_since(session, sir, since, until=until, with_archived=with_archived)
    default = default_since([m for m in held if m.sir_id in (sir.id, None)])
    return changes_since(
        session,
        sir,
        default,
        since_meeting=default is not None,
        until=until,
        with_archived=with_archived,
    )


def quarter_section(
    session: Session,
    sir: Sir,
    held: list[Meeting],
    current: StatusCounts,
    thresholds: Thresholds,
    *,
    as_of: date | None = None,
) -> QuarterSection:
    """``sir`` over its held quarterly meetings ``held`` (oldest first); ``current``: its
    counts now, or as of the end of the Pacific day ``as_of``."""
    history = quarters.load_history(session, sir, until=as_of)
    rows = quarters.quarterly_progress(session, sir, meetings=held, history=history)
    stalled = quarters.stalled_actions(
        session, sir, thresholds.stall, history=history, meetings=held
    )
    return QuarterSection(
        sir_title=sir.title,
        sir_url=url_for("reviews.sir", sir_id=sir.id, as_of=as_of),
        lines=[QuarterLine.of(row) for row in reversed(rows)],
        chart=trend_chart(
            [ChartPoint(row.quarter, row.meeting.held_on, row.counts) for row in rows]
        ),
        plateau=plateau_sentence(rows, current, thresholds.plateau),
        stalled=[StalledLine.of(action) for action in stalled],
        stall_threshold=thresholds.stall,
        regressions=[RegressionLine.of(r) for r in quarters.regressions(session, sir, as_of)],
    )


def plateau_sentence(rows: list[QuarterRow], current: StatusCounts, threshold: int) -> str | None:
    """Why the SIR plateaus, or None if it does not (``quarters.plateaus``)."""
    completed = [row.counts.completed for row in rows]
    if not quarters.plateaus(completed, current.in_progress, threshold):
        return None
    last, reference = rows[-1], rows[-threshold]
    in_progress = current.in_progress
    return (
        f"The completed count has not risen across the last {threshold} quarterly meetings: "
        f"{last.counts.completed} completed on {long_date(last.meeting.held_on)}, "
        f"against {reference.counts.completed} on {long_date(reference.meeting.held_on)}, "
        f"while {in_progress} action{'' if in_progress == 1 else 's'} "
        f"{'is' if in_progress == 1 else 'are'} in progress."
    )
