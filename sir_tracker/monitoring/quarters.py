"""Quarter over quarter: a SIR's figures at each quarterly meeting, and what they reveal.

The figures shown for a meeting come from ``counts_at_meeting`` (frozen once the meeting is
signed off). The questions about single actions (which changed between two meetings, which
stayed in progress meeting after meeting) replay the SIR's status history, read once, with
the same rule as ``counts_by_sir``: an action's status as of a day is its latest change made
before that day ended, and an action archived by then no longer counts. A signed-off meeting
answers with its frozen statuses instead.

The held quarterly meetings of a SIR are the LEA's meetings of kind quarterly, not archived,
held on or before today, recorded for that SIR or for no SIR in particular.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Text, and_, func, literal, or_, select, true
from sqlalchemy.orm import Session, contains_eager, joinedload

from sir_tracker.core.pacific_time import PACIFIC, end_of_day
from sir_tracker.core.pacific_time import today as pacific_today
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.meetings.models import FrozenStatus, Meeting, MeetingKind
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir, frozen_counts
from sir_tracker.reviews.models import (
    Action,
    ActionStatus,
    Finding,
    ProgressNote,
    Sir,
    StatusChange,
    SwotCategory,
)
from sir_tracker.reviews.queries import code_key

DEFAULT_STALL_MEETINGS = 3
DEFAULT_PLATEAU_MEETINGS = 2
GAP_CATEGORIES = (SwotCategory.WEAKNESS, SwotCategory.THREAT)
_ORDER = {ActionStatus.NOT_STARTED: 0, ActionStatus.IN_PROGRESS: 1, ActionStatus.COMPLETED: 2}


@dataclass(frozen=True)
class Thresholds:
    """How many quarterly meetings make a stall and a plateau (settings
    STALL_QUARTERLY_MEETINGS and PLATEAU_QUARTERLY_MEETINGS)."""

    stall: int = DEFAULT_STALL_MEETINGS
    plateau: int = DEFAULT_PLATEAU_MEETINGS

    def __post_init__(self) -> None:
        if self.stall < 1:
            raise ValueError("STALL_QUARTERLY_MEETINGS must be at least 1.")
        if self.plateau < 2:
            raise ValueError("PLATEAU_QUARTERLY_MEETINGS must be at least 2.")

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> Thresholds:
        return cls(
            stall=_setting(config, "STALL_QUARTERLY_MEETINGS", DEFAULT_STALL_MEETINGS),
            plateau=_setting(config, "PLATEAU_QUARTERLY_MEETINGS", DEFAULT_PLATEAU_MEETINGS),
        )


def _setting(config: Mapping[str, object], name: str, default: int) -> int:
    value = config.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{name} must be a whole number, not {value!r}.")
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}.") from None


# --- Changes of the counts between meetings -----------------------------------------------------


@dataclass(frozen=True)
class CountsDelta:
    """How the counts moved from one meeting to the next."""

    completed: int = 0
    in_progress: int = 0
    not_started: int = 0

    @classmethod
    def between(cls, before: StatusCounts, after: StatusCounts) -> CountsDelta:
        return cls(
            completed=after.completed - before.completed,
            in_progress=after.in_progress - before.in_progress,
            not_started=after.not_started - before.not_started,
        )

    @property
    def is_zero(self) -> bool:
        return not (self.completed or self.in_progress or self.not_started)

    def __str__(self) -> str:
        """Like "+3 completed, -1 in progress, -2 not started": parts that did not move are
        left out, and "no change" when nothing moved."""
        parts = [
            f"{n:+d} {label}"
            for n, label in (
                (self.completed, "completed"),
                (self.in_progress, "in progress"),
                (self.not_started, "not started"),
            )
            if n
        ]
        return ", ".join(parts) or "no change"

    @property
    def compact(self) -> str:
        """ "+3 / -3 / 0": completed / in progress / not started, as narrow as a table
        column; "No change" when nothing moved."""
        if self.is_zero:
            return "No change"
        return " / ".join(
            f"{n:+d}" if n else "0" for n in (self.completed, self.in_progress, self.not_started)
        )


def previous_quarter_end(as_of: date) -> date:
    """The last day of the school quarter before the one of ``as_of`` (the calendar's first day
    for a day of its first quarter, which has none before it)."""
    first_day = SchoolQuarter.of(as_of).first_day
    return first_day - timedelta(days=1) if first_day > date.min else first_day


def change_since_last_quarter(
    session: Session,
    sir_ids: Sequence[int],
    as_of: date,
    *,
    now: Mapping[int, StatusCounts] | None = None,
) -> dict[int, CountsDelta]:
    """How each SIR's counts moved from the end of the previous school quarter to the end of
    ``as_of``: the "change since last quarter" of the board packet's summary and of the
    dashboard (two grouped queries whatever the number of SIRs; one when the caller has the
    counts of ``as_of`` already, as ``now``)."""
    if now is None:
        now = counts_by_sir(session, sir_ids, as_of)
    before = counts_by_sir(session, sir_ids, previous_quarter_end(as_of))
    return {sir_id: CountsDelta.between(before[sir_id], now[sir_id]) for sir_id in now}


@dataclass(frozen=True)
class QuarterRow:
    """A held quarterly meeting with the SIR's counts as of it."""

    meeting: Meeting
    quarter: SchoolQuarter
    counts: StatusCounts
    change: CountsDelta | None  # since the previous quarterly meeting; None for the first

    @property
    def quarter_label(self) -> str:
        return str(self.quarter)


def held_quarterly_meetings(
    session: Session, sir: Sir, *, today: date | None = None
) -> list[Meeting]:
    """The SIR's held quarterly meetings, oldest first (see the module's docstring)."""
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.lea_id == sir.lea_id,
                Meeting.kind == MeetingKind.QUARTERLY,
                Meeting.archived_at.is_(None),
                Meeting.held_on <= (today or pacific_today()),
                or_(Meeting.sir_id == sir.id, Meeting.sir_id.is_(None)),
            )
            .order_by(Meeting.held_on, Meeting.id)
        )
    )


@dataclass(frozen=True)
class HeldMeeting:
    """A held quarterly meeting of some LEA, as the many-LEA pages need it."""

    point: MeetingPoint
    sir_id: int | None


def held_quarterly_meetings_of(
    session: Session, lea_ids: Sequence[int], today: date
) -> dict[int, list[HeldMeeting]]:
    """The quarterly meetings held by ``today`` of each LEA, oldest first, in one query."""
    held: dict[int, list[HeldMeeting]] = {}
    if not lea_ids:
        return held
    query = (
        select(Meeting.lea_id, Meeting.id, Meeting.held_on, Meeting.sir_id)
        .where(
            Meeting.kind == MeetingKind.QUARTERLY,
            Meeting.lea_id.in_(lea_ids),
            Meeting.archived_at.is_(None),
            Meeting.held_on <= today,
        )
        .order_by(Meeting.held_on, Meeting.id)
    )
    for lea_id, meeting_id, held_on, sir_id in session.execute(query):
        held.setdefault(lea_id, []).append(HeldMeeting(MeetingPoint(meeting_id, held_on), sir_id))
    return held


def quarterly_progress(
    session: Session,
    sir: Sir,
    *,
    today: date | None = None,
    meetings: Sequence[Meeting] | None = None,
    history: StatusHistory | None = None,
) -> list[QuarterRow]:
    """One row per held quarterly meeting of ``sir``, oldest first: the counts as of the
    meeting (``counts_at_meeting``: frozen once signed off; as of its date otherwise, and for a
    meeting recorded without a SIR) and the change since the previous one. ``meetings`` and
    ``history`` save their queries when already loaded; the frozen counts take one more, and
    the others come from the history, however many meetings there are."""
    if meetings is None:
        meetings = held_quarterly_meetings(session, sir, today=today)
    frozen = frozen_counts(
        session,
        [meeting.id for meeting in meetings if meeting.sir_id == sir.id and meeting.is_closed],
    )
    replayed = [meeting for meeting in meetings if meeting.id not in frozen]
    if replayed and history is None:
        history = load_history(session, sir)
    as_of = dict(
        zip(
            (meeting.id for meeting in replayed),
            history.as_of_each([meeting.held_on for meeting in replayed]) if history else [],
            strict=True,
        )
    )
    rows: list[QuarterRow] = []
    for meeting in meetings:
        counts = (
            frozen[meeting.id]
            if meeting.id in frozen
            else StatusCounts.of_statuses(as_of[meeting.id].values())
        )
        change = CountsDelta.between(rows[-1].counts, counts) if rows else None
        rows.append(QuarterRow(meeting, meeting.school_quarter, counts, change))
    return rows


def counts_at_meetings(session: Session, meetings: Sequence[Meeting]) -> dict[int, StatusCounts]:
    """``counts_at_meeting`` of each of ``meetings`` recorded for a SIR, by meeting id, in a
    fixed number of queries: the frozen counts in one, the others from their SIRs' histories."""
    for_sir = sorted((m for m in meetings if m.sir_id is not None), key=lambda m: m.held_on)
    counts = frozen_counts(session, [meeting.id for meeting in for_sir if meeting.is_closed])
    replayed = [meeting for meeting in for_sir if meeting.id not in counts]
    histories = load_histories(session, {meeting.sir_id for meeting in replayed if meeting.sir_id})
    for sir_id, history in histories.items():
        of_sir = [meeting for meeting in replayed if meeting.sir_id == sir_id]
        for meeting, statuses in zip(
            of_sir, history.as_of_each([m.held_on for m in of_sir]), strict=True
        ):
            counts[meeting.id] = StatusCounts.of_statuses(statuses.values())
    return counts


# --- Replaying a SIR's history -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingPoint:
    """What the replay needs to know of a meeting."""

    id: int
    held_on: date

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingPoint:
        return cls(meeting.id, meeting.held_on)


@dataclass(frozen=True)
class _Change:
    action_id: int
    at: datetime
    status: ActionStatus
    note: str


@dataclass
class StatusHistory:
    """The statuses of one SIR's actions at any moment, replayed from its history.

    ``changes`` are in the order they took effect; ``archived_at`` holds every action of the
    SIR (None when not archived); ``frozen`` the statuses signed off at closed meetings.
    """

    changes: list[_Change] = field(default_factory=list)
    archived_at: dict[int, datetime | None] = field(default_factory=dict)
    frozen: dict[int, dict[int, ActionStatus]] = field(default_factory=dict)
    notes: list[tuple[int, datetime]] = field(default_factory=list)  # (action, noted at)

    def _replay(self, until: datetime | None) -> dict[int, ActionStatus]:
        statuses: dict[int, ActionStatus] = {}
        for change in self.changes:
            if until is not None and change.at >= until:
                break
            statuses[change.action_id] = change.status
        return {
            action_id: status
            for action_id, status in statuses.items()
            if (archived := self.archived_at.get(action_id)) is None
            or (until is not None and archived >= until)
        }

    def as_of(self, day: date) -> dict[int, ActionStatus]:
        """Each counted action's status at the end of the Pacific day ``day``."""
        return self._replay(end_of_day(day))

    def now(self) -> dict[int, ActionStatus]:
        return self._replay(None)

    def until(self, day: date) -> StatusHistory:
        """The history as it stood at the end of the Pacific day ``day``: its ``now`` is the
        statuses as of that day (a report as of a past date asks its questions of this)."""
        cutoff = end_of_day(day)
        return StatusHistory(
            changes=[change for change in self.changes if change.at < cutoff],
            archived_at={
                action_id: archived if archived is not None and archived < cutoff else None
                for action_id, archived in self.archived_at.items()
            },
            frozen=self.frozen,
            notes=[(action_id, at) for action_id, at in self.notes if at < cutoff],
        )

    def at_meeting(self, meeting: MeetingPoint) -> dict[int, ActionStatus]:
        frozen = self.frozen.get(meeting.id)
        return dict(frozen) if frozen is not None else self.as_of(meeting.held_on)

    def at_meetings(self, meetings: Sequence[MeetingPoint]) -> list[dict[int, ActionStatus]]:
        """``at_meeting`` of each of ``meetings`` (oldest first), from one replay."""
        replayed = self.as_of_each([meeting.held_on for meeting in meetings])
        return [
            dict(frozen) if (frozen := self.frozen.get(meeting.id)) is not None else statuses
            for meeting, statuses in zip(meetings, replayed, strict=True)
        ]

    def as_of_each(self, days: Sequence[date]) -> list[dict[int, ActionStatus]]:
        """``as_of`` of each of ``days`` (in order), replaying the history once rather than
        once per day."""
        result: list[dict[int, ActionStatus]] = []
        statuses: dict[int, ActionStatus] = {}
        index = 0
        for day in days:
            cutoff = end_of_day(day)
            while index < len(self.changes) and self.changes[index].at < cutoff:
                statuses[self.changes[index].action_id] = self.changes[index].status
                index += 1
            result.append(
                {
                    action_id: status
                    for action_id, status in statuses.items()
                    if (archived := self.archived_at.get(action_id)) is None or archived >= cutoff
                }
            )
        return result

    def latest_activity(self) -> dict[int, datetime]:
        """Each action's latest status change or progress note."""
        latest: dict[int, datetime] = {}
        for action_id, at in itertools.chain(
            ((change.action_id, change.at) for change in self.changes), self.notes
        ):
            if action_id not in latest or at > latest[action_id]:
                latest[action_id] = at
        return latest

    def initial(self) -> dict[int, ActionStatus]:
        """Each action's first recorded status (its status when it was created)."""
        first: dict[int, ActionStatus] = {}
        for change in self.changes:
            first.setdefault(change.action_id, change.status)
        return first

    def latest_change(self, action_id: int, until: datetime | None = None) -> _Change | None:
        latest = None
        for change in self.changes:
            if until is not None and change.at >= until:
                break
            if change.action_id == action_id:
                latest = change
        return latest


def load_histories(
    session: Session, sir_ids: Iterable[int], *, with_notes: bool = False
) -> dict[int, StatusHistory]:
    """The histories of many SIRs in three queries (changes, progress notes, frozen
    statuses)."""
    ids = list(sir_ids)
    histories = {sir_id: StatusHistory() for sir_id in ids}
    if not ids:
        return histories
    # The dashboard needs no notes: it reads many histories at once.
    note = StatusChange.note if with_notes else literal("", Text)
    rows = session.execute(
        select(
            Action.sir_id,
            Action.archived_at,
            StatusChange.action_id,
            StatusChange.changed_at,
            StatusChange.to_status,
            note,
        )
        .join(Action, Action.id == StatusChange.action_id)
        .where(Action.sir_id.in_(ids))
        .order_by(StatusChange.changed_at, StatusChange.id)
    )
    for sir_id, archived_at, action_id, changed_at, to_status, text in rows:
        history = histories[sir_id]
        history.archived_at[action_id] = archived_at
        history.changes.append(_Change(action_id, changed_at, to_status, text))
    notes = session.execute(
        select(Action.sir_id, ProgressNote.action_id, ProgressNote.noted_at)
        .join(Action, Action.id == ProgressNote.action_id)
        .where(Action.sir_id.in_(ids))
        .order_by(ProgressNote.noted_at, ProgressNote.id)
    )
    for sir_id, action_id, noted_at in notes:
        histories[sir_id].notes.append((action_id, noted_at))
    frozen = session.execute(
        select(Meeting.sir_id, FrozenStatus.meeting_id, FrozenStatus.action_id, FrozenStatus.status)
        .join(Meeting, Meeting.id == FrozenStatus.meeting_id)
        .where(Meeting.sir_id.in_(ids), Meeting.closed_at.is_not(None))
    )
    for frozen_sir_id, meeting_id, action_id, status in frozen:
        if frozen_sir_id is None:
            continue
        histories[frozen_sir_id].frozen.setdefault(meeting_id, {})[action_id] = status
    return histories


def load_history(session: Session, sir: Sir, *, until: date | None = None) -> StatusHistory:
    """The SIR's history with its notes; ``until``: as it stood at the end of that Pacific
    day (``StatusHistory.until``), the one way pages and reports as of a date read statuses."""
    history = load_histories(session, [sir.id], with_notes=True)[sir.id]
    return history if until is None else history.until(until)


# --- Actions that changed between two meetings ---------------------------------------------------


@dataclass(frozen=True)
class ActionChange:
    action: Action
    from_status: ActionStatus | None  # None: the action did not exist yet
    to_status: ActionStatus
    changed_on: date  # the Pacific day of its latest change in the interval
    note: str  # the note of that latest change


def actions_changed_between(
    session: Session,
    sir: Sir,
    earlier: Meeting | None,
    later: Meeting | None = None,
    *,
    history: StatusHistory | None = None,
) -> list[ActionChange]:
    """The actions whose status as of ``later`` differs from their status as of ``earlier``,
    in code order. ``earlier`` None compares with each action's status when it was created;
    ``later`` None means now. Two queries (the history) and one for the actions."""
    if history is None:
        history = load_history(session, sir)
    before = history.initial() if earlier is None else history.at_meeting(MeetingPoint.of(earlier))
    if later is None:
        after, until = history.now(), None
    else:
        after, until = history.at_meeting(MeetingPoint.of(later)), end_of_day(later.held_on)
    changed = {
        action_id: status for action_id, status in after.items() if before.get(action_id) != status
    }
    if not changed:
        return []
    actions = session.scalars(select(Action).where(Action.id.in_(changed))).all()
    result = []
    for action in sorted(actions, key=lambda a: code_key(a.code)):
        latest = history.latest_change(action.id, until)
        result.append(
            ActionChange(
                action=action,
                from_status=before.get(action.id),
                to_status=changed[action.id],
                changed_on=_pacific_day(latest.at) if latest else _pacific_day(action.created_at),
                note=latest.note if latest else "",
            )
        )
    return result


# --- Stalled actions and plateaus ---------------------------------------------------------------


@dataclass(frozen=True)
class StalledAction:
    action: Action
    since: date  # the Pacific day it last became "in progress"
    meetings: int  # consecutive latest quarterly meetings at which it was in progress


def stalled_action_ids(
    history: StatusHistory, meetings: Sequence[MeetingPoint], threshold: int
) -> dict[int, int]:
    """The one rule of a stall, for every page, pre-read, dashboard and report: actions in
    progress now that were in progress as of each of the last ``threshold`` meetings
    (``meetings`` oldest first) with neither a status change nor a progress note from the day
    of the first of those meetings on, with how many of the latest meetings in a row found them
    in progress. Fewer meetings than the threshold: nothing is stalled."""
    if threshold < 1:
        raise ValueError("A stall takes at least one quarterly meeting.")
    if len(meetings) < threshold:
        return {}
    runs = _in_progress_runs(history, meetings)
    latest = history.latest_activity()
    return {
        action_id: run
        for action_id, run in runs.items()
        if _stalls(action_id, run, latest, meetings, threshold)
    }


def stalled_counts(history: StatusHistory, meetings: Sequence[MeetingPoint]) -> tuple[int, ...]:
    """How many actions ``stalled_action_ids`` finds with each threshold from 1 to the number
    of ``meetings`` (item ``t - 1`` for threshold ``t``), from one replay: what the dashboard
    keeps, so that its thresholds stay settings."""
    runs = _in_progress_runs(history, meetings)
    latest = history.latest_activity()
    return tuple(
        sum(_stalls(action_id, run, latest, meetings, threshold) for action_id, run in runs.items())
        for threshold in range(1, len(meetings) + 1)
    )


def _in_progress_runs(history: StatusHistory, meetings: Sequence[MeetingPoint]) -> dict[int, int]:
    """For each action in progress now, at how many of the latest meetings in a row it was."""
    runs = {a: 0 for a, status in history.now().items() if status is ActionStatus.IN_PROGRESS}
    open_runs = set(runs)
    for statuses in reversed(history.at_meetings(meetings)):
        if not open_runs:
            break
        for action_id in list(open_runs):
            if statuses.get(action_id) is ActionStatus.IN_PROGRESS:
                runs[action_id] += 1
            else:
                open_runs.discard(action_id)
    return runs


def _stalls(
    action_id: int,
    run: int,
    latest: Mapping[int, datetime],
    meetings: Sequence[MeetingPoint],
    threshold: int,
) -> bool:
    if run < threshold:
        return False
    # A note or a change made at the first meeting of the window is progress across it.
    window_start = end_of_day(meetings[-threshold].held_on - timedelta(days=1))
    last = latest.get(action_id)
    return last is None or last < window_start


def stalled_actions(
    session: Session,
    sir: Sir,
    threshold: int = DEFAULT_STALL_MEETINGS,
    *,
    today: date | None = None,
    history: StatusHistory | None = None,
    meetings: Sequence[Meeting] | None = None,
) -> list[StalledAction]:
    """The SIR's stalled actions (``stalled_action_ids``) over its held quarterly meetings, in
    code order, with since when."""
    if history is None:
        history = load_history(session, sir)
    if meetings is None:
        meetings = held_quarterly_meetings(session, sir, today=today)
    runs = stalled_action_ids(history, [MeetingPoint.of(m) for m in meetings], threshold)
    if not runs:
        return []
    actions = session.scalars(select(Action).where(Action.id.in_(runs))).all()
    result = []
    for action in sorted(actions, key=lambda a: code_key(a.code)):
        latest = history.latest_change(action.id)
        since = _pacific_day(latest.at) if latest else _pacific_day(action.created_at)
        result.append(StalledAction(action, since, runs[action.id]))
    return result


def plateaus(completed: Sequence[int], in_progress_now: int, threshold: int) -> bool:
    """Whether completed counts at successive quarterly meetings (oldest first) plateau.

    With threshold ``n``, the completed count has not risen across the last ``n`` meetings:
    the count at the last meeting is no higher than at the ``n``-th last one (``n`` = 2: the
    last meeting against the one before it), while at least one action is in progress now.
    Fewer than ``n`` meetings, or nothing in progress: no plateau.
    """
    if threshold < 2:
        raise ValueError("A plateau compares at least two quarterly meetings.")
    if in_progress_now <= 0 or len(completed) < threshold:
        return False
    return completed[-1] <= completed[-threshold]


def plateau_by_threshold(
    history: StatusHistory, points: Sequence[MeetingPoint], in_progress_now: int
) -> tuple[bool, ...]:
    """``plateaus`` of the completed counts at ``points`` (held quarterly meetings, oldest
    first; frozen figures where signed off) with each threshold from 1 to their number (item
    ``t - 1`` for threshold ``t``; a threshold of 1 is no plateau), from one replay."""
    completed = _completed_at(history, points)
    return tuple(
        threshold >= 2 and plateaus(completed, in_progress_now, threshold)
        for threshold in range(1, len(points) + 1)
    )


def _completed_at(history: StatusHistory, points: Sequence[MeetingPoint]) -> list[int]:
    return [
        sum(status is ActionStatus.COMPLETED for status in statuses.values())
        for statuses in history.at_meetings(points)
    ]


# --- Regressions and gaps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Regression:
    """A change that moved an action backwards (completed -> in progress, say)."""

    change: StatusChange
    action: Action
    from_status: ActionStatus
    to_status: ActionStatus
    changed_on: date
    who: str
    note: str


def _moved_backwards(as_of: date | None) -> ColumnElement[bool]:
    """The one rule of a regression: a change of a current action that moved it backwards
    (completed to in progress or not started, in progress to not started), made by the end of
    the Pacific day ``as_of`` (any time without)."""
    completed, in_progress, not_started = (
        ActionStatus.COMPLETED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.NOT_STARTED,
    )
    return and_(
        Action.archived_at.is_(None),
        or_(
            and_(
                StatusChange.from_status == completed,
                StatusChange.to_status.in_([in_progress, not_started]),
            ),
            and_(StatusChange.from_status == in_progress, StatusChange.to_status == not_started),
        ),
        StatusChange.changed_at < end_of_day(as_of) if as_of else true(),
    )


def regressions(session: Session, sir: Sir, as_of: date | None = None) -> list[Regression]:
    """Every change of the SIR's current actions that moved one backwards, newest first
    (one query); with ``as_of``, those made by the end of that Pacific day."""
    changes = session.scalars(
        select(StatusChange)
        .join(StatusChange.action)
        .options(contains_eager(StatusChange.action), joinedload(StatusChange.changed_by))
        .where(Action.sir_id == sir.id, _moved_backwards(as_of))
        .order_by(StatusChange.changed_at.desc(), StatusChange.id.desc())
    ).all()
    return [
        Regression(
            change=change,
            action=change.action,
            from_status=change.from_status,
            to_status=change.to_status,
            changed_on=_pacific_day(change.changed_at),
            who=change.changed_by.name,
            note=change.note,
        )
        for change in changes
        if change.from_status is not None
    ]


def regressions_since(
    session: Session, sir_ids: Sequence[int], since: date, as_of: date
) -> dict[int, int]:
    """How many regressions (``regressions``) each SIR had after the end of the Pacific day
    ``since`` and by the end of ``as_of``, in one grouped query (SIRs without any left out)."""
    if not sir_ids:
        return {}
    rows = session.execute(
        select(Action.sir_id, func.count(StatusChange.id))
        .join(Action, Action.id == StatusChange.action_id)
        .where(
            Action.sir_id.in_(sir_ids),
            _moved_backwards(as_of),
            StatusChange.changed_at >= end_of_day(since),
        )
        .group_by(Action.sir_id)
    )
    return {sir_id: count for sir_id, count in rows}


def findings_without_action(
    findings: Iterable[Finding], actions: Iterable[Action]
) -> list[Finding]:
    """The current weaknesses and threats among ``findings`` whose component has no current
    action among ``actions`` (both of one SIR), in the order given."""
    covered = {action.component_id for action in actions if not action.is_archived}
    return [
        finding
        for finding in findings
        if not finding.is_archived
        and finding.category in GAP_CATEGORIES
        and finding.component_id not in covered
    ]


# --- Missed quarters ---------------------------------------------------------------------------


def missed_quarters(
    held_on: Iterable[date], engagement_started_on: date, today: date
) -> list[SchoolQuarter]:
    """The quarters of the current school year that have ended without a quarterly meeting
    (``held_on``: the days of the LEA's quarterly meetings), leaving out those that began
    before the engagement did. Whether the LEA is in DTA is the caller's question."""
    current = SchoolQuarter.of(today)
    held = {SchoolQuarter.of(day) for day in held_on}
    missed = []
    quarter = SchoolQuarter(current.start_year, 1)
    while quarter < current:
        if engagement_started_on <= quarter.first_day and quarter not in held:
            missed.append(quarter)
        quarter = quarter.next()
    return missed


def quarters_since_last_meeting(
    held_on: Iterable[date], engagement_started_on: date, today: date
) -> list[SchoolQuarter]:
    """The quarters that have ended since the quarter of the LEA's last quarterly meeting
    (``held_on``: the days of its quarterly meetings, by ``today``), across school years,
    leaving out those that began before the engagement did: the LEA's current run without a
    quarterly meeting, oldest first."""
    current = SchoolQuarter.of(today)
    last = max((day for day in held_on if day <= today), default=None)
    quarter = SchoolQuarter.of(engagement_started_on)
    if quarter.first_day < engagement_started_on:
        quarter = quarter.next()
    if last is not None:
        quarter = max(quarter, SchoolQuarter.of(last).next())
    run = []
    while quarter < current:
        run.append(quarter)
        quarter = quarter.next()
    return run


# --- Shared helpers ------------------------------------------------------------------------------


def _pacific_day(moment: datetime) -> date:
    return moment.astimezone(PACIFIC).date()
