"""The dashboard's figures of each LEA, kept current on write.

One row per LEA (``lea_figures``) holds what the dashboard shows of its current SIR that no
turn of the calendar changes: the counts now, the counts at the end of each school quarter, the
days of the LEA's quarterly meetings, and the stalled and plateau figures of each quarterly
meeting that is, or will be once its day comes, the latest one held (for every threshold, since
the thresholds are settings). What the calendar does change (which meetings are held by today,
this quarter, the end of the previous one) is derived from these when the page is read.

Whatever writes the rows these figures come from (an action, its history or progress notes, a
SIR, a meeting or its frozen statuses, an LEA: an operation, an import, the demo), the flush
that writes them deletes the figures of their LEAs, and before the transaction commits those
LEAs' figures are computed again from their own rows (``compute_figures``): in the same
transaction, once per LEA however many flushes touched it. A reader that finds no row (another
transaction's write, flushed but not committed) computes that LEA's figures from its history
itself, in the same few queries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, delete, event, insert, select, true, union
from sqlalchemy.orm import Mapped, Session, SessionTransaction, UOWTransaction, mapped_column

from sir_tracker.core.database import Base, utcnow
from sir_tracker.core.formatting import month_year
from sir_tracker.core.pacific_time import PACIFIC
from sir_tracker.core.pacific_time import today as pacific_today
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import FrozenStatus, Meeting, MeetingKind
from sir_tracker.monitoring.quarters import (
    MeetingPoint,
    StatusHistory,
    load_histories,
    plateau_by_threshold,
    stalled_counts,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import CHUNK, counts_by_sir
from sir_tracker.reviews.models import Action, ProgressNote, Sir, StatusChange
from sir_tracker.reviews.queries import current_of


class LeaFigures(Base):
    """The kept figures of one LEA's current SIR (see the module's docstring)."""

    __tablename__ = "lea_figures"

    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"), primary_key=True)
    sir_id: Mapped[int | None] = mapped_column(ForeignKey("sirs.id"))
    sir_note: Mapped[str | None] = mapped_column(String(100))
    completed: Mapped[int]
    in_progress: Mapped[int]
    not_started: Mapped[int]
    # [[day, completed, in progress, not started], ...]: the counts at the end of each school
    # quarter where they differ from the quarter before, oldest first.
    quarter_ends: Mapped[list[Any]] = mapped_column(JSON)
    quarterly_meetings: Mapped[list[Any]] = mapped_column(JSON)  # [day, ...], oldest first
    # [[day, [stalled by threshold], [plateau by threshold]], ...]: see ``Window``.
    windows: Mapped[list[Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Window:
    """The progress flags while the quarterly meeting of ``held_on`` is the latest held."""

    held_on: date
    stalled: tuple[int, ...]  # how many actions are stalled with a threshold of t: item t - 1
    plateau: tuple[bool, ...]  # whether the counts plateau with a threshold of t: item t - 1


@dataclass(frozen=True)
class Figures:
    """An LEA's figures, kept (``LeaFigures``) or computed from history (``compute_figures``)."""

    lea_id: int
    sir_id: int | None
    sir_note: str | None  # "Report April 2019", "Review in progress"
    counts: StatusCounts | None  # None: the LEA has no SIR
    quarter_ends: tuple[tuple[date, StatusCounts], ...]
    quarterly_meetings: tuple[date, ...]
    windows: tuple[Window, ...]

    def held_by(self, today: date) -> list[date]:
        """The days of the quarterly meetings held by ``today``."""
        return [day for day in self.quarterly_meetings if day <= today]

    def counts_at_quarter_end(self, day: date) -> StatusCounts:
        """The counts at the end of ``day``, the last day of a school quarter."""
        found = StatusCounts()
        for end, counts in self.quarter_ends:
            if end > day:
                break
            found = counts
        return found

    def window(self, today: date) -> Window | None:
        """The window of the latest quarterly meeting held by ``today``."""
        held = [window for window in self.windows if window.held_on <= today]
        return held[-1] if held else None

    @classmethod
    def of_row(cls, row: LeaFigures) -> Figures:
        return cls(
            lea_id=row.lea_id,
            sir_id=row.sir_id,
            sir_note=row.sir_note,
            counts=StatusCounts(row.completed, row.in_progress, row.not_started)
            if row.sir_id is not None
            else None,
            quarter_ends=tuple(
                (date.fromisoformat(day), StatusCounts(*counts))
                for day, *counts in row.quarter_ends
            ),
            quarterly_meetings=tuple(date.fromisoformat(day) for day in row.quarterly_meetings),
            windows=tuple(
                Window(date.fromisoformat(day), tuple(stalled), tuple(plateau))
                for day, stalled, plateau in row.windows
            ),
        )

    def row_values(self) -> dict[str, Any]:
        counts = self.counts or StatusCounts()
        return {
            "lea_id": self.lea_id,
            "sir_id": self.sir_id,
            "sir_note": self.sir_note,
            "completed": counts.completed,
            "in_progress": counts.in_progress,
            "not_started": counts.not_started,
            "quarter_ends": [
                [day.isoformat(), c.completed, c.in_progress, c.not_started]
                for day, c in self.quarter_ends
            ],
            "quarterly_meetings": [day.isoformat() for day in self.quarterly_meetings],
            "windows": [
                [window.held_on.isoformat(), list(window.stalled), list(window.plateau)]
                for window in self.windows
            ],
            "computed_at": utcnow(),
        }


def compute_figures(
    session: Session, lea_ids: Collection[int], *, today: date, as_of: date | None = None
) -> dict[int, Figures]:
    """The figures of ``lea_ids`` from their history, in a few queries whatever their number:
    as they are now (the quarterly meetings still to come included, ``today`` telling which
    are held), or as they stood at the end of the Pacific day ``as_of`` (then only what was
    held by that day)."""
    ids = list(lea_ids)
    if not ids:
        return {}
    day = as_of or today
    sirs: dict[int, list[Sir]] = {lea_id: [] for lea_id in ids}
    for loaded in session.scalars(select(Sir).where(Sir.lea_id.in_(ids))):
        sirs[loaded.lea_id].append(loaded)
    current = {lea_id: sir for lea_id in ids if (sir := current_of(sirs[lea_id])) is not None}
    sir_ids = [sir.id for sir in current.values()]
    counts = counts_by_sir(session, sir_ids, as_of)
    histories = load_histories(session, sir_ids)
    if as_of is not None:
        histories = {sir_id: history.until(as_of) for sir_id, history in histories.items()}
    meetings: dict[int, list[tuple[MeetingPoint, int | None]]] = {lea_id: [] for lea_id in ids}
    for lea_id, meeting_id, held_on, sir_id in session.execute(
        select(Meeting.lea_id, Meeting.id, Meeting.held_on, Meeting.sir_id)
        .where(
            Meeting.kind == MeetingKind.QUARTERLY,
            Meeting.lea_id.in_(ids),
            Meeting.archived_at.is_(None),
            Meeting.held_on <= as_of if as_of is not None else true(),
        )
        .order_by(Meeting.held_on, Meeting.id)
    ):
        meetings[lea_id].append((MeetingPoint(meeting_id, held_on), sir_id))
    figures = {}
    for lea_id in ids:
        days = tuple(point.held_on for point, _sir_id in meetings[lea_id])
        monitored = current.get(lea_id)
        if monitored is None:
            figures[lea_id] = Figures(lea_id, None, None, None, (), days, ())
            continue
        history = histories[monitored.id]
        points = [point for point, sir_id in meetings[lea_id] if sir_id in (monitored.id, None)]
        figures[lea_id] = Figures(
            lea_id=lea_id,
            sir_id=monitored.id,
            sir_note=_sir_note(monitored),
            counts=counts[monitored.id],
            quarter_ends=_quarter_ends(history, day),
            quarterly_meetings=days,
            windows=_windows(history, points, counts[monitored.id].in_progress, day),
        )
    return figures


def _windows(
    history: StatusHistory, points: list[MeetingPoint], in_progress_now: int, day: date
) -> tuple[Window, ...]:
    """A window for the latest meeting held by ``day`` and for each meeting after it: the
    calendar only moves forwards, and every write computes them again."""
    held = sum(point.held_on <= day for point in points)
    return tuple(
        Window(
            points[last].held_on,
            stalled_counts(history, points[: last + 1]),
            plateau_by_threshold(history, points[: last + 1], in_progress_now),
        )
        for last in range(max(held - 1, 0), len(points))
    )


def _quarter_ends(history: StatusHistory, day: date) -> tuple[tuple[date, StatusCounts], ...]:
    """The counts at the end of each school quarter from the first change's to ``day``'s
    (whose end, still to come, has today's counts: a later change computes them again)."""
    if not history.changes:
        return ()
    quarter = SchoolQuarter.of(history.changes[0].at.astimezone(PACIFIC).date())
    last = SchoolQuarter.of(day)
    ends = []
    while not last < quarter:
        ends.append(quarter.last_day)
        quarter = quarter.next()
    kept: list[tuple[date, StatusCounts]] = []
    for end, statuses in zip(ends, history.as_of_each(ends), strict=True):
        counts = StatusCounts.of_statuses(statuses.values())
        if not kept or kept[-1][1] != counts:
            kept.append((end, counts))
    return tuple(kept)


def _sir_note(sir: Sir) -> str:
    if sir.report_date is not None:
        return f"Report {month_year(sir.report_date)}"
    return f"Review {sir.state.label}"


def keep_figures(session: Session, lea_ids: Collection[int]) -> None:
    """Compute the figures of ``lea_ids`` from their history and keep them."""
    existing = list(session.scalars(select(Lea.id).where(Lea.id.in_(list(lea_ids)))))
    ids = sorted(existing)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        computed = compute_figures(session, chunk, today=pacific_today())
        session.execute(delete(LeaFigures).where(LeaFigures.lea_id.in_(chunk)))
        if computed:
            session.execute(insert(LeaFigures), [f.row_values() for f in computed.values()])


# --- Keeping them current ------------------------------------------------------------------------

_TOUCHED = "sir_tracker.monitoring.figures.touched"


def _touched_lea_ids(session: Session) -> set[int]:
    lea_ids: set[int] = set()
    sir_ids: set[int] = set()
    action_ids: set[int] = set()
    meeting_ids: set[int] = set()
    for record in (*session.new, *session.dirty, *session.deleted):
        if isinstance(record, Lea):
            lea_ids.add(record.id)
        elif isinstance(record, Sir | Meeting):
            lea_ids.add(record.lea_id)
        elif isinstance(record, Action):
            sir_ids.add(record.sir_id)
        elif isinstance(record, StatusChange | ProgressNote):
            action_ids.add(record.action_id)
        elif isinstance(record, FrozenStatus):
            meeting_ids.add(record.meeting_id)
    queries = [
        select(Sir.lea_id).where(Sir.id.in_(sir_ids)) if sir_ids else None,
        select(Sir.lea_id).join(Action).where(Action.id.in_(action_ids)) if action_ids else None,
        select(Meeting.lea_id).where(Meeting.id.in_(meeting_ids)) if meeting_ids else None,
    ]
    asked = [query for query in queries if query is not None]
    if asked:
        lea_ids.update(session.connection().scalars(union(*asked)))
    return lea_ids


def _forget_touched(session: Session, _context: UOWTransaction) -> None:
    """After a flush: the figures of the LEAs it wrote about are out of date."""
    touched = _touched_lea_ids(session)
    if touched:
        session.connection().execute(delete(LeaFigures).where(LeaFigures.lea_id.in_(touched)))
        session.info.setdefault(_TOUCHED, set()).update(touched)


def _keep_touched(session: Session) -> None:
    """Before a commit: compute again the figures of the LEAs this transaction wrote about."""
    session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if touched:
        keep_figures(session, touched)


def _drop_touched(session: Session, previous: SessionTransaction) -> None:
    """After the rollback of the whole transaction, nothing is left to compute."""
    if previous.parent is None:
        session.info.pop(_TOUCHED, None)


# On every session, as the history's own guards are (``reviews.models``): a write that went
# around the operations must not leave the figures stale either.
event.listen(Session, "after_flush", _forget_touched)
event.listen(Session, "before_commit", _keep_touched)
event.listen(Session, "after_soft_rollback", _drop_touched)
