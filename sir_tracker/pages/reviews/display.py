"""What the SIR page and the action page show, read in a handful of queries and handed to the
templates as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from werkzeug.datastructures import MultiDict

from sir_tracker.comments.models import Comment
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.core.pacific_time import today
from sir_tracker.monitoring.profile import RegressionLine
from sir_tracker.monitoring.quarters import findings_without_action, load_history, regressions
from sir_tracker.pages.reviews.forms import ActionFilterForm
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_component, status_counts
from sir_tracker.reviews.models import (
    Action,
    ActionStatus,
    Component,
    Finding,
    ProgressNote,
    Sir,
    StatusChange,
    SwotCategory,
    Theme,
)
from sir_tracker.reviews.queries import code_key

SWOT_HEADINGS = {
    SwotCategory.STRENGTH: "Strengths",
    SwotCategory.WEAKNESS: "Weaknesses",
    SwotCategory.OPPORTUNITY: "Opportunities",
    SwotCategory.THREAT: "Threats",
}
FILTER_NAMES = ("status", "theme", "component", "q")


def components(session: Session) -> list[Component]:
    return list(session.scalars(select(Component).order_by(Component.number)))


def current_themes(session: Session, sir: Sir) -> list[Theme]:
    return list(
        session.scalars(
            select(Theme)
            .where(Theme.sir_id == sir.id, Theme.archived_at.is_(None))
            .order_by(Theme.number)
        )
    )


def component_heading(component: Component) -> str:
    return f"{component.number}. {component.title}"


def web_link(url: str | None) -> str | None:
    """``url`` if it is a web address that may be shown as a link, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class ActionRow:
    id: int
    code: str
    text: str
    theme: str
    responsible: str
    target_date: str
    status: ActionStatus
    version: int
    past_due: bool  # its target date has passed and it is not completed


@dataclass
class Section:
    anchor: str
    heading: str
    component_id: int
    counts: StatusCounts
    findings: list[tuple[str, list[Finding]]] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)


@dataclass
class SirPage:
    sir: Sir
    counts: StatusCounts
    themes: list[Theme]
    sections: list[Section]
    filters: ActionFilterForm
    matching: int
    total: int
    findings_hidden: bool
    archived_themes: list[Theme]
    archived_findings: list[Finding]
    archived_actions: list[Action]
    filter_values: dict[str, str]
    regressions: list[RegressionLine]  # changes that moved an action backwards, newest first
    uncovered: list[
        tuple[str, list[Finding]]
    ]  # weaknesses and threats with no action, by component

    @property
    def filtered(self) -> bool:
        return bool(self.filters.is_active)

    @property
    def bar(self) -> list[tuple[str, str]]:
        """The status bar's segments: (status, CSS width)."""
        total = self.counts.total or 1
        return [
            (status.value, f"{100 * self.counts.of(status) / total:.1f}%")
            for status in (
                ActionStatus.COMPLETED,
                ActionStatus.IN_PROGRESS,
                ActionStatus.NOT_STARTED,
            )
        ]


def sir_page(
    session: Session, sir: Sir, args: Mapping[str, str], as_of: date | None = None
) -> SirPage:
    """Everything the SIR page shows, filtered by ``args`` (status, theme, component, q), now
    or as of the end of the Pacific day ``as_of``: then the actions counted that day with
    their status then, as the LEA's status report for that day lists them.

    Eight queries whatever the size of the SIR: components, themes, findings, actions, counts,
    counts by component (two), regressions; two more for the history as of a date.
    """
    all_components = components(session)
    themes = list(
        session.scalars(select(Theme).where(Theme.sir_id == sir.id).order_by(Theme.number))
    )
    findings = list(
        session.scalars(select(Finding).where(Finding.sir_id == sir.id).order_by(Finding.id))
    )
    actions = sorted(
        session.scalars(select(Action).where(Action.sir_id == sir.id)),
        key=lambda a: code_key(a.code),
    )
    if as_of is None:
        statuses = {a.id: a.status for a in actions if not a.is_archived}
    else:
        statuses = load_history(session, sir, until=as_of).now()
    by_component = counts_by_component(session, sir, as_of)
    day = as_of or today()
    current_themes = [t for t in themes if not t.is_archived]
    theme_titles = {t.id: t.title for t in themes}

    found = action_filter(args, all_components, current_themes)
    filters, wanted = found.form, found.values
    live_actions = [a for a in actions if a.id in statuses]
    matching = [a for a in live_actions if found.matches(a, statuses[a.id])]
    # Findings describe components, not actions: they stay beside a component filter only.
    findings_hidden = bool(wanted.get("status") or wanted.get("theme") or wanted.get("q"))
    live_findings = [f for f in findings if not f.is_archived]

    # Grouped once: looking each component's rows up in the whole list cost components x rows.
    findings_of: dict[int, list[Finding]] = {}
    for f in live_findings:
        findings_of.setdefault(f.component_id, []).append(f)
    rows_of: dict[int, list[ActionRow]] = {}
    for a in matching:
        rows_of.setdefault(a.component_id, []).append(
            ActionRow(
                id=a.id,
                code=a.code,
                text=a.text,
                theme=theme_titles.get(a.theme_id, "") if a.theme_id else "",
                responsible=a.responsible,
                target_date=long_date(a.target_date),
                status=statuses[a.id],
                version=a.version,
                past_due=a.target_date is not None
                and a.target_date < day
                and statuses[a.id] is not ActionStatus.COMPLETED,
            )
        )
    sections = []
    for component in all_components:
        if wanted.get("component") and str(component.id) != wanted["component"]:
            continue
        section = Section(
            anchor=f"component-{component.number}",
            heading=component_heading(component),
            component_id=component.id,
            counts=by_component[component.number],
        )
        if not findings_hidden:
            mine = findings_of.get(component.id, [])
            section.findings = [
                (heading, [f for f in mine if f.category is category])
                for category, heading in SWOT_HEADINGS.items()
                if any(f.category is category for f in mine)
            ]
        section.actions = rows_of.get(component.id, [])
        if filters.is_active and not section.actions and not section.findings:
            continue
        sections.append(section)

    return SirPage(
        sir=sir,
        counts=status_counts(session, sir, as_of),
        themes=current_themes,
        sections=sections,
        filters=filters,
        matching=len(matching),
        total=len(live_actions),
        findings_hidden=findings_hidden,
        archived_themes=[t for t in themes if t.is_archived],
        archived_findings=[f for f in findings if f.is_archived],
        archived_actions=[a for a in actions if a.is_archived],
        filter_values=wanted,
        regressions=[RegressionLine.of(r) for r in regressions(session, sir, as_of)],
        uncovered=_by_component(findings_without_action(findings, actions), all_components),
    )


def _by_component(
    findings: list[Finding], all_components: list[Component]
) -> list[tuple[str, list[Finding]]]:
    return [
        (component_heading(component), mine)
        for component in all_components
        if (mine := [f for f in findings if f.component_id == component.id])
    ]


@dataclass(frozen=True)
class ActionFilter:
    """The action filters read from a query string: the form (with a message for each value that
    is not one of its choices) and the valid values given."""

    form: ActionFilterForm
    values: dict[str, str]  # name -> value, only the filters given with a valid value

    def matches(self, action: Action, status: ActionStatus) -> bool:
        """Whether the action, whose status (today or on the day shown) is ``status``, is kept."""
        wanted, text = self.values, self.values.get("q", "").lower()
        return (
            (not wanted.get("status") or status.value == wanted["status"])
            and (not wanted.get("theme") or str(action.theme_id) == wanted["theme"])
            and (not wanted.get("component") or str(action.component_id) == wanted["component"])
            and (not text or text in action.code.lower() or text in action.text.lower())
        )


def action_filter(
    args: Mapping[str, str], all_components: list[Component], themes: list[Theme]
) -> ActionFilter:
    """The SIR page's and the bulk status form's filters (status, theme, component, q); a value
    that is not one of the choices is reported by the form and not applied."""
    given = {name: str(args.get(name, "")).strip() for name in FILTER_NAMES}
    form = ActionFilterForm(MultiDict(given), components=all_components, themes=themes)
    form.validate()
    values = {name: given[name] for name in FILTER_NAMES if given[name] and not form[name].errors}
    return ActionFilter(form=form, values=values)


@dataclass(frozen=True)
class TimelineEntry:
    when: str
    who: str
    from_status: ActionStatus | None
    to_status: ActionStatus | None  # None: a progress note, the status unchanged
    note: str
    evidence_url: str | None
    evidence_text: str | None  # an evidence value that is not a web link, shown as text
    meeting_id: int | None
    meeting: str


@dataclass(frozen=True)
class CommentEntry:
    author: str
    when: str
    body: str


def timeline(session: Session, action: Action) -> list[TimelineEntry]:
    """The action's history, newest first: its status changes and progress notes, with who
    recorded each and where."""
    changes = session.scalars(
        select(StatusChange)
        .where(StatusChange.action_id == action.id)
        .options(selectinload(StatusChange.changed_by), selectinload(StatusChange.meeting))
    )
    notes = session.scalars(
        select(ProgressNote)
        .where(ProgressNote.action_id == action.id)
        .options(selectinload(ProgressNote.noted_by), selectinload(ProgressNote.meeting))
    )
    entries = [
        (change.changed_at, 0, change.id, change.changed_by, change, change.meeting)
        for change in changes
    ] + [(note.noted_at, 1, note.id, note.noted_by, note, note.meeting) for note in notes]
    entries.sort(key=lambda entry: entry[:3], reverse=True)
    return [
        TimelineEntry(
            when=pacific_datetime(at),
            who=who.name,
            from_status=record.from_status if isinstance(record, StatusChange) else None,
            to_status=record.to_status if isinstance(record, StatusChange) else None,
            note=record.note,
            evidence_url=web_link(record.evidence_url),
            evidence_text=None if web_link(record.evidence_url) else record.evidence_url,
            meeting_id=meeting.id if meeting else None,
            meeting=f"{meeting.kind.label}, {long_date(meeting.held_on)}" if meeting else "",
        )
        for at, _kind, _id, who, record, meeting in entries
    ]


def comments(session: Session, action: Action) -> list[CommentEntry]:
    found = session.scalars(
        select(Comment)
        .where(Comment.action_id == action.id)
        .options(selectinload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    )
    return [
        CommentEntry(author=c.author.name, when=pacific_datetime(c.created_at), body=c.body)
        for c in found
    ]
