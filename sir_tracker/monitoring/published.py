"""What the public progress pages show of an LEA, shaped like CCEE's published DTA progress
reports: background, themes, action implementation status (headline, per component, per
theme), the quarterly meetings, the published summary of the latest one, and the trend.

Only published content is read here: no action text, note, finding, person or internal
summary. The figures come from the functions every page and report uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.monitoring.charts import ChartPoint, TrendChart, trend_chart
from sir_tracker.monitoring.profile import in_dta
from sir_tracker.monitoring.quarters import held_quarterly_meetings, quarterly_progress
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_component, counts_by_theme, status_counts
from sir_tracker.reviews.models import Component, Sir
from sir_tracker.reviews.queries import current_sir

NO_THEME = "Not under a theme"


@dataclass(frozen=True)
class CountsLine:
    label: str
    counts: StatusCounts


@dataclass(frozen=True)
class PublishedSummary:
    held_on: date
    text: str


@dataclass(frozen=True)
class PublicProfile:
    lea: Lea
    engagement: Engagement | None
    in_dta: bool
    sir: Sir | None
    counts: StatusCounts | None
    components: list[CountsLine]
    themes: list[CountsLine]
    quarterly_meetings: list[date]  # newest first
    latest_summary: PublishedSummary | None  # the latest quarterly meeting's, if published
    chart: TrendChart | None


def has_exited(engagement: Engagement | None, today: date) -> bool:
    return (
        engagement is not None
        and engagement.exited_on is not None
        and engagement.exited_on <= today
    )


def public_profile(session: Session, lea: Lea, *, today: date) -> PublicProfile:
    engagement = lea.current_engagement
    sir = current_sir(lea)
    if sir is None:
        return PublicProfile(
            lea, engagement, in_dta(engagement, today), None, None, [], [], [], None, None
        )
    titles = dict(session.execute(select(Component.number, Component.title)).all())
    themes = [theme for theme in sir.themes if not theme.is_archived]
    meetings = held_quarterly_meetings(session, sir, today=today)
    rows = quarterly_progress(session, sir, today=today, meetings=meetings)
    latest = meetings[-1] if meetings else None
    summary = (
        PublishedSummary(latest.held_on, latest.public_summary)
        if latest is not None
        and latest.public_summary_published_at is not None
        and latest.public_summary
        else None
    )
    by_theme = counts_by_theme(session, sir)
    return PublicProfile(
        lea=lea,
        engagement=engagement,
        in_dta=in_dta(engagement, today),
        sir=sir,
        counts=status_counts(session, sir),
        components=[
            CountsLine(f"{number}. {titles[number]}", counts)
            for number, counts in counts_by_component(session, sir).items()
            if counts.total
        ],
        themes=[
            CountsLine(theme.title, by_theme[theme.id]) for theme in themes if theme.id in by_theme
        ]
        + ([CountsLine(NO_THEME, by_theme[None])] if None in by_theme else []),
        quarterly_meetings=[meeting.held_on for meeting in reversed(meetings)],
        latest_summary=summary,
        chart=trend_chart(
            [ChartPoint(row.quarter, row.meeting.held_on, row.counts) for row in rows]
        ),
    )
