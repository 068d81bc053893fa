"""The pre-read of an LEA's next meeting, as plain values: where the actions stand, what changed
since the last quarterly meeting, what is stuck, what was promised, and what the last quarter
noted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.formatting import long_date
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind, NextStep
from sir_tracker.monitoring import quarters
from sir_tracker.monitoring.changes import ChangesSince, changes_since, default_since
from sir_tracker.monitoring.profile import (
    StalledLine,
    StatusSummary,
    is_held_quarterly,
    missed_lines,
    plateau_sentence,
    quarter_label,
)
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.progress.operations import status_counts
from sir_tracker.reviews.models import SwotCategory
from sir_tracker.reviews.queries import current_sir

SWOT_HEADINGS = {
    SwotCategory.STRENGTH: "Strengths",
    SwotCategory.WEAKNESS: "Weaknesses",
    SwotCategory.OPPORTUNITY: "Opportunities",
    SwotCategory.THREAT: "Threats",
}
UNITS_WITHOUT_SPACE = frozenset({"%"})


@dataclass(frozen=True)
class MeetingRef:
    url: str
    held_on: str
    quarter: str


@dataclass(frozen=True)
class OpenStep:
    text: str
    owner: str
    due: str | None
    overdue: bool
    meeting: MeetingRef


@dataclass(frozen=True)
class PreRead:
    lea_id: int
    lea_name: str
    prepared_on: str
    next_meeting: MeetingRef | None  # the next scheduled quarterly meeting
    last_meeting: MeetingRef | None  # the last held quarterly meeting
    sir_title: str | None
    sir_url: str | None
    status: StatusSummary | None
    # Since the quarterly meeting before the last one, so that what was recorded at the last
    # one is there (or since the SIR began, with fewer than two meetings); None without a SIR.
    changes: ChangesSince | None
    stalled: list[StalledLine]
    stall_threshold: int
    plateau: str | None
    missed: list[str]
    next_steps: list[OpenStep]
    swot: list[tuple[str, list[str]]]  # of the last quarterly meeting
    metrics: list[tuple[str, str]]  # (label, "85%")


def pre_read(session: Session, lea: Lea, *, today: date, thresholds: Thresholds) -> PreRead:
    """Everything the pre-read shows, for the people attending the LEA's next meeting."""
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.lea_id == lea.id, Meeting.archived_at.is_(None))
        .order_by(Meeting.held_on, Meeting.id)
    ).all()
    held = [meeting for meeting in meetings if is_held_quarterly(meeting, today)]
    upcoming = [
        meeting
        for meeting in meetings
        if meeting.kind is MeetingKind.QUARTERLY and meeting.held_on > today
    ]
    sir = current_sir(lea)
    changes = None
    stalled: list[StalledLine] = []
    plateau = None
    status = None
    if sir is not None:
        held_for_sir = [meeting for meeting in held if meeting.sir_id in (sir.id, None)]
        history = quarters.load_history(session, sir)
        since = default_since(held_for_sir)
        changes = changes_since(session, sir, since, since_meeting=since is not None)
        stalled = [
            StalledLine.of(action)
            for action in quarters.stalled_actions(
                session, sir, thresholds.stall, history=history, meetings=held_for_sir
            )
        ]
        current = status_counts(session, sir)
        status = StatusSummary.of(current)
        rows = quarters.quarterly_progress(
            session, sir, meetings=held_for_sir[-thresholds.plateau :], history=history
        )
        plateau = plateau_sentence(rows, current, thresholds.plateau)
    last_held = held[-1] if held else None
    return PreRead(
        lea_id=lea.id,
        lea_name=lea.name,
        prepared_on=long_date(today),
        next_meeting=_ref(upcoming[0]) if upcoming else None,
        last_meeting=_ref(last_held) if last_held else None,
        sir_title=sir.title if sir else None,
        sir_url=url_for("reviews.sir", sir_id=sir.id) if sir else None,
        status=status,
        changes=changes,
        stalled=stalled,
        stall_threshold=thresholds.stall,
        plateau=plateau,
        missed=missed_lines(lea.current_engagement, [meeting.held_on for meeting in held], today),
        next_steps=_open_steps(session, meetings, today),
        swot=[
            (heading, [note.text for note in last_held.swot_notes if note.category is category])
            for category, heading in SWOT_HEADINGS.items()
            if any(note.category is category for note in last_held.swot_notes)
        ]
        if last_held
        else [],
        metrics=[(m.label, figure(m.value, m.unit)) for m in last_held.metrics]
        if last_held
        else [],
    )


def _ref(meeting: Meeting) -> MeetingRef:
    return MeetingRef(
        url=url_for("meetings.show", meeting_id=meeting.id),
        held_on=long_date(meeting.held_on),
        quarter=quarter_label(meeting.school_quarter),
    )


def _open_steps(session: Session, meetings: Sequence[Meeting], today: date) -> list[OpenStep]:
    """Open next steps of every meeting of the LEA, the most pressing first."""
    by_id = {meeting.id: meeting for meeting in meetings}
    steps = session.scalars(
        select(NextStep).where(NextStep.meeting_id.in_(by_id), NextStep.done_on.is_(None))
    ).all()
    ordered = sorted(
        steps,
        key=lambda s: (s.due_on is None, s.due_on or date.max, by_id[s.meeting_id].held_on, s.id),
    )
    return [
        OpenStep(
            text=step.text,
            owner=step.owner,
            due=long_date(step.due_on) if step.due_on else None,
            overdue=step.due_on is not None and step.due_on < today,
            meeting=_ref(by_id[step.meeting_id]),
        )
        for step in ordered
    ]


def figure(value: Decimal, unit: str) -> str:
    """85.00 and "%" -> "85%"; 2.50 and "FTE" -> "2.5 FTE"."""
    number = format(value.normalize(), "f")
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit in UNITS_WITHOUT_SPACE else f"{number} {unit}"
