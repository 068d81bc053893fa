"""What an LEA status report says, as plain frozen values read from the database in a handful
of queries.

Every figure comes from the functions the web pages use: the headline from
``status_counts``, the component and theme tables from ``counts_by_component`` and
``counts_by_theme``, the trend from ``quarters.quarterly_progress``; a report and the page it
mirrors cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.caseload.queries import eligibility_line
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_day
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.monitoring import quarters
from sir_tracker.monitoring.charts import ChartPoint, TrendChart, trend_chart
from sir_tracker.monitoring.profile import plateau_sentence
from sir_tracker.monitoring.quarters import CountsDelta, QuarterRow, Thresholds
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_component, counts_by_theme, status_counts
from sir_tracker.progress.queries import recorded_changes
from sir_tracker.reports.models import Audience
from sir_tracker.reviews.models import Action, ActionStatus, Component, Sir, SwotCategory, Theme
from sir_tracker.reviews.queries import code_key, current_sir

NO_THEME = "Not under a theme"
SWOT_LABELS = {
    SwotCategory.STRENGTH: "Strength",
    SwotCategory.WEAKNESS: "Weakness",
    SwotCategory.OPPORTUNITY: "Opportunity",
    SwotCategory.THREAT: "Threat",
}


class NothingToReport(DomainError):
    pass


@dataclass(frozen=True)
class Counts:
    """One line of counts: the headline, a component, a theme."""

    label: str
    completed: int
    in_progress: int
    not_started: int

    @classmethod
    def of(cls, label: str, counts: StatusCounts) -> Counts:
        return cls(label, counts.completed, counts.in_progress, counts.not_started)

    @property
    def total(self) -> int:
        return self.completed + self.in_progress + self.not_started

    @property
    def bar(self) -> tuple[tuple[str, str], ...]:
        """The segments of a stacked bar: (status value, CSS width), widths adding up to
        exactly 100% (a rounding excess would wrap the last segment); empty without actions."""
        parts = [
            (status.value, count)
            for status, count in (
                (ActionStatus.COMPLETED, self.completed),
                (ActionStatus.IN_PROGRESS, self.in_progress),
                (ActionStatus.NOT_STARTED, self.not_started),
            )
            if count
        ]
        segments, used = [], 0
        for index, (key, count) in enumerate(parts):
            tenths = 1000 - used if index == len(parts) - 1 else 1000 * count // self.total
            used += tenths
            segments.append((key, f"{tenths / 10:.1f}%"))
        return tuple(segments)


@dataclass(frozen=True)
class Headline:
    text: str  # "19 completed / 41 in progress / 6 not started"
    percent: str  # "91% completed or in progress", or "No recommended actions yet"
    counts: Counts


@dataclass(frozen=True)
class QuarterLine:
    quarter: str  # "2020-21 Q4"
    held_on: str  # "15 June 2021"
    counts: Counts
    change: str  # "+3 completed, -3 in progress", or "First quarterly meeting"
    signed_off: bool


@dataclass(frozen=True)
class ChangedAction:
    code: str
    text: str
    from_status: str  # "in progress"; "new action" when it did not exist yet
    to_status: str
    changed_on: str
    note: str


@dataclass(frozen=True)
class ChangeSinceMeeting:
    """How the counts moved between the last two quarterly meetings up to the as-of date, and
    which actions moved; ``after_latest`` is the further change from the latest meeting to the
    as-of date, if any."""

    previous: str  # "16 March 2021"
    latest: str  # "15 June 2021"
    summary: str  # "+3 completed, -3 in progress"
    actions: tuple[ChangedAction, ...]
    after_latest: str | None


@dataclass(frozen=True)
class SwotLine:
    category: str  # "Strength"
    text: str


@dataclass(frozen=True)
class MetricLine:
    label: str
    value: str  # "85%", "12 FTE"


@dataclass(frozen=True)
class QuarterlyUpdate:
    held_on: str
    quarter: str
    summary: str
    swot: tuple[SwotLine, ...]
    metrics: tuple[MetricLine, ...]
    signed_off: bool


@dataclass(frozen=True)
class StalledLine:
    code: str
    text: str
    since: str
    meetings: int


@dataclass(frozen=True)
class ActionLine:
    code: str
    text: str
    theme: str
    status: ActionStatus
    changed_on: str  # the day of its latest change up to the as-of date
    note: str  # that change's note


@dataclass(frozen=True)
class NoteLine:
    code: str
    text: str
    noted_on: str
    who: str
    note: str
    evidence_url: str | None


@dataclass(frozen=True)
class ComponentActions:
    number: int
    title: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class LeaReportData:
    lea_name: str
    cds_code: str
    kind: str
    county: str
    county_office: str
    pathway: str | None
    mode: str | None
    ccee_lead: str | None
    sir_title: str
    sir_report_date: str | None
    as_of: date
    as_of_label: str  # "30 June 2021"
    audience: Audience
    generated_at: datetime
    headline: Headline
    components: tuple[Counts, ...]  # all twelve, in number order
    themes: tuple[Counts, ...]
    quarters: tuple[QuarterLine, ...]  # oldest first
    trend: TrendChart | None
    change: ChangeSinceMeeting | None
    latest_update: QuarterlyUpdate | None
    plateau: str | None
    stall_threshold: int
    stalled: tuple[StalledLine, ...]
    # Progress notes made after the quarterly meeting before the latest (as of the report's
    # day), like the pages' "changes since"; None: since the SIR began.
    notes_since: str | None
    notes: tuple[NoteLine, ...]
    actions: tuple[ComponentActions, ...]  # components with actions, in number order
    is_demo: bool = False  # demo data: marked on every page
    eligibility: str = ""  # by the Dashboard out on the as-of day: "DTA (2025 Dashboard): ..."

    @property
    def audience_label(self) -> str:
        return self.audience.label

    @property
    def generated_on(self) -> str:
        return pacific_day(self.generated_at)

    @property
    def title(self) -> str:
        return f"{self.lea_name}: status report as of {self.as_of_label}"


def report_sir(lea: Lea) -> Sir:
    """The LEA's current SIR, which its reports are about; refused when it has none."""
    sir = current_sir(lea)
    if sir is None:
        raise NothingToReport(f"{lea.name} has no SIR yet: there is nothing to report.")
    return sir


def lea_report_data(
    session: Session,
    lea: Lea,
    as_of: date,
    audience: Audience,
    *,
    thresholds: Thresholds | None = None,
    generated_at: datetime,
) -> LeaReportData:
    """Everything the LEA status report shows about ``lea``'s current SIR as of the end of the
    Pacific day ``as_of``."""
    thresholds = thresholds or Thresholds()
    sir = report_sir(lea)
    engagement = lea.engagement_on(as_of)
    counts = status_counts(session, sir, as_of)

    meetings = quarters.held_quarterly_meetings(session, sir, today=as_of)
    history = quarters.load_history(session, sir, until=as_of)
    rows = quarters.quarterly_progress(session, sir, meetings=meetings, history=history)
    stalled = quarters.stalled_actions(
        session, sir, thresholds.stall, history=history, meetings=meetings
    )
    notes_since = meetings[-2].held_on if len(meetings) > 1 else None
    return LeaReportData(
        lea_name=lea.name,
        is_demo=lea.is_demo,
        cds_code=lea.cds_code,
        kind=lea.kind.label,
        county=lea.county_office.county,
        county_office=lea.county_office.name,
        pathway=engagement.pathway.label if engagement else None,
        mode=engagement.mode.label if engagement else None,
        ccee_lead=engagement.ccee_lead.name if engagement and engagement.ccee_lead else None,
        sir_title=sir.title,
        sir_report_date=long_date(sir.report_date) if sir.report_date else None,
        as_of=as_of,
        as_of_label=long_date(as_of),
        audience=audience,
        generated_at=generated_at,
        headline=Headline(
            text=counts.headline,
            percent=(
                f"{counts.percent_active}% completed or in progress"
                if counts.percent_active is not None
                else "No recommended actions yet"
            ),
            counts=Counts.of("All recommended actions", counts),
        ),
        components=_component_counts(session, sir, as_of),
        themes=_theme_counts(session, sir, as_of),
        quarters=tuple(_quarter_line(row) for row in rows),
        trend=trend_chart(
            [ChartPoint(row.quarter, row.meeting.held_on, row.counts) for row in rows]
        ),
        change=_change_since_meeting(session, sir, rows, counts, history),
        latest_update=_latest_update(session, rows[-1].meeting) if rows else None,
        plateau=plateau_sentence(rows, counts, thresholds.plateau) if rows else None,
        stall_threshold=thresholds.stall,
        stalled=tuple(
            StalledLine(s.action.code, s.action.text, long_date(s.since), s.meetings)
            for s in stalled
        ),
        notes_since=long_date(notes_since) if notes_since else None,
        notes=tuple(
            NoteLine(c.code, c.title, pacific_day(c.at), c.who, c.note, c.evidence_url)
            for c in recorded_changes(session, sir.id, after=notes_since, until=as_of)
            if c.is_note
        ),
        actions=_actions_by_component(session, sir, history),
        eligibility=eligibility_line(session, lea, as_of),
    )


def _component_counts(session: Session, sir: Sir, as_of: date) -> tuple[Counts, ...]:
    titles = dict(session.execute(select(Component.number, Component.title)).all())
    return tuple(
        Counts.of(f"{number}. {titles[number]}", counts)
        for number, counts in counts_by_component(session, sir, as_of).items()
    )


def _theme_counts(session: Session, sir: Sir, as_of: date) -> tuple[Counts, ...]:
    by_theme = counts_by_theme(session, sir, as_of)
    themes = session.scalars(select(Theme).where(Theme.sir_id == sir.id).order_by(Theme.number))
    lines = [
        Counts.of(f"{theme.number}. {theme.title}", by_theme.get(theme.id, StatusCounts()))
        for theme in themes
        if not theme.is_archived or theme.id in by_theme
    ]
    if None in by_theme:
        lines.append(Counts.of(NO_THEME, by_theme[None]))
    return tuple(lines)


def _quarter_line(row: QuarterRow) -> QuarterLine:
    return QuarterLine(
        quarter=row.quarter_label,
        held_on=long_date(row.meeting.held_on),
        counts=Counts.of(row.quarter_label, row.counts),
        change=str(row.change) if row.change is not None else "First quarterly meeting",
        signed_off=row.meeting.is_closed,
    )


def _change_since_meeting(
    session: Session,
    sir: Sir,
    rows: Sequence[QuarterRow],
    counts: StatusCounts,
    history: quarters.StatusHistory,
) -> ChangeSinceMeeting | None:
    if len(rows) < 2:
        return None
    previous, latest = rows[-2], rows[-1]
    moved = quarters.actions_changed_between(
        session, sir, previous.meeting, latest.meeting, history=history
    )
    after = CountsDelta.between(latest.counts, counts)
    return ChangeSinceMeeting(
        previous=long_date(previous.meeting.held_on),
        latest=long_date(latest.meeting.held_on),
        summary=str(latest.change),
        actions=tuple(
            ChangedAction(
                code=change.action.code,
                text=change.action.text,
                from_status=change.from_status.label if change.from_status else "new action",
                to_status=change.to_status.label,
                changed_on=long_date(change.changed_on),
                note=change.note,
            )
            for change in moved
        ),
        after_latest=None if after.is_zero else str(after),
    )


def _latest_update(session: Session, meeting: Meeting) -> QuarterlyUpdate:
    loaded = session.scalars(
        select(Meeting)
        .where(Meeting.id == meeting.id)
        .options(selectinload(Meeting.swot_notes), selectinload(Meeting.metrics))
    ).one()
    order = list(SwotCategory)
    return QuarterlyUpdate(
        held_on=long_date(loaded.held_on),
        quarter=str(loaded.school_quarter),
        summary=loaded.summary,
        swot=tuple(
            SwotLine(SWOT_LABELS[note.category], note.text)
            for note in sorted(loaded.swot_notes, key=lambda n: (order.index(n.category), n.id))
        ),
        metrics=tuple(
            MetricLine(metric.label, _metric_value(metric.value, metric.unit))
            for metric in loaded.metrics
        ),
        signed_off=loaded.is_closed,
    )


def _metric_value(value: Decimal, unit: str) -> str:
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _actions_by_component(
    session: Session, sir: Sir, history: quarters.StatusHistory
) -> tuple[ComponentActions, ...]:
    """The actions counted as of the history's end, by component then code, each with its
    status then and its latest change up to then (history read once, not per action)."""
    statuses = history.now()
    latest: dict[int, tuple[datetime, str]] = {}  # when and why each action last changed
    for change in history.changes:
        latest[change.action_id] = (change.at, change.note)
    actions = session.scalars(
        select(Action)
        .where(Action.sir_id == sir.id, Action.id.in_(statuses))
        .options(selectinload(Action.component), selectinload(Action.theme))
    ).all()
    grouped: dict[int, list[Action]] = {}
    for action in actions:
        grouped.setdefault(action.component.number, []).append(action)
    return tuple(
        ComponentActions(
            number=number,
            title=members[0].component.title,
            actions=tuple(
                ActionLine(
                    code=action.code,
                    text=action.text,
                    theme=action.theme.title if action.theme else "",
                    status=statuses[action.id],
                    changed_on=pacific_day(latest[action.id][0]),
                    note=latest[action.id][1],
                )
                for action in sorted(members, key=lambda a: code_key(a.code))
            ),
        )
        for number, members in sorted(grouped.items())
    )
