"""What the LEA page shows, as plain values: the LEA, its engagements, SIRs and meetings.

Also the small presenters the dashboard shares with it (dates, status bars).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.meetings.school_year import SchoolQuarter
from sir_tracker.pacific_time import PACIFIC
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import Sir

QUARTERLY_MEETINGS_A_YEAR = 4


def long_date(day: date) -> str:
    """15 June 2021."""
    return f"{day.day} {day:%B %Y}"


def long_time(moment: datetime) -> str:
    """15 June 2021 at 14:05, in California time."""
    local = moment.astimezone(PACIFIC)
    return f"{long_date(local.date())} at {local:%H:%M}"


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


def sir_recency(sir: Sir) -> tuple[date, int]:
    """Orders SIRs oldest first; one without a report date is still under way, so newest."""
    return (sir.report_date or date.max, sir.id)


def lea_profile(session: Session, lea: Lea, *, today: date, with_archived: bool) -> LeaProfile:
    """Everything the LEA page shows. ``with_archived`` includes archived SIRs (for admins)."""
    sirs = sorted(
        (sir for sir in lea.sirs if with_archived or not sir.is_archived), key=sir_recency
    )
    counts = counts_by_sir(session, [sir.id for sir in sirs])
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == lea.id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    ).all()
    this_year = SchoolQuarter.of(today).start_year
    quarterly_this_year = sum(
        1
        for meeting in meetings
        if meeting.kind is MeetingKind.QUARTERLY
        and meeting.held_on <= today
        and meeting.school_quarter.start_year == this_year
    )
    engagements = [EngagementFacts.of(engagement) for engagement in lea.engagements]
    office = lea.county_office
    return LeaProfile(
        id=lea.id,
        name=lea.name,
        is_demo=lea.is_demo,
        cds_code=lea.cds_code,
        kind=lea.kind.label,
        county_office=office.name,
        geo_lead=office.geo_lead.name if office.geo_lead else None,
        archived_on=long_date(lea.archived_at.astimezone(PACIFIC).date())
        if lea.archived_at
        else None,
        current=engagements[-1] if engagements else None,
        earlier=list(reversed(engagements[:-1])),
        sirs=[
            SirLine(
                # The SIR page belongs to the reviews feature; its path is stable.
                url=f"/sirs/{sir.id}",
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
                url=f"/meetings/{meeting.id}",
                held_on=long_date(meeting.held_on),
                kind=meeting.kind.label,
                quarter=quarter_label(meeting.school_quarter),
            )
            for meeting in meetings
        ],
        school_year=SchoolQuarter(this_year, 1).school_year,
        quarterly_this_year=f"{quarterly_this_year} of {QUARTERLY_MEETINGS_A_YEAR}",
    )
