"""Recording LEAs' Dashboard results. Audited; flushes, never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session, selectinload

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import new_event
from sir_tracker.caseload.eligibility import Unmet
from sir_tracker.caseload.models import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SOURCE,
    DashboardResult,
    DashboardYear,
)
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.leas.models import Lea
from sir_tracker.users.models import User


@dataclass(frozen=True)
class YearResults:
    lea: Lea
    year: int
    unmet: Collection[Unmet]  # every pair not met that year; empty: all met


def record_dashboard_years(
    session: Session, entries: Sequence[YearResults], *, by: User, source: str
) -> list[DashboardYear]:
    """Hold each entry as its LEA's results of its Dashboard year. Results equal to those
    held change nothing; different ones replace them, and those replaced stay as history.
    Returns the years recorded (a few queries and flushes, however many entries)."""
    for entry in entries:
        if not FIRST_YEAR <= entry.year <= LAST_YEAR:
            raise DomainError(
                f"{entry.year} is not a Dashboard year ({FIRST_YEAR} to {LAST_YEAR}).",
                field="year",
            )
    keys = {(entry.lea.id, entry.year) for entry in entries}
    if len(keys) != len(entries):
        raise DomainError("An LEA's results of a year are given twice.", field="year")
    source = source.strip()[:MAX_SOURCE] or "an import"
    held = {
        (year.lea_id, year.year): year
        for year in session.scalars(
            select(DashboardYear)
            .where(
                DashboardYear.replaced_at.is_(None),
                tuple_(DashboardYear.lea_id, DashboardYear.year).in_(keys),
            )
            .options(selectinload(DashboardYear.results))
        )
    }
    now = utcnow()
    recorded: list[tuple[DashboardYear, frozenset[Unmet], DashboardYear | None]] = []
    for entry in entries:
        wanted = frozenset(entry.unmet)
        before = held.get((entry.lea.id, entry.year))
        if before is not None:
            if {(r.student_group, r.priority) for r in before.results} == wanted:
                continue
            before.replaced_at = now
        year = DashboardYear(lea=entry.lea, year=entry.year, imported_by=by, source=source)
        recorded.append((year, wanted, before))
    session.flush()  # the replaced first: the partial unique index allows one current year
    session.add_all(year for year, _, _ in recorded)
    session.flush()
    # Thousands of rows: one executemany, not an object each (the import holds the lock).
    rows = [
        {"dashboard_year_id": year.id, "student_group": group, "priority": priority}
        for year, wanted, _ in recorded
        for group, priority in sorted(wanted)
    ]
    if rows:
        session.execute(insert(DashboardResult), rows)
    for year, _, _ in recorded:
        session.expire(year, ["results"])
    session.add_all(
        new_event(
            actor=by,
            action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
            record=year,
            label=f"Dashboard {year.year} results of {year.lea.name}",
            lea_id=year.lea.id,
            summary=f"From {source}: {_pairs(len(wanted))}"
            + ("" if before is None else f" (replacing {_pairs(len(before.results))})"),
        )
        for year, wanted, before in recorded
    )
    session.flush()
    return [year for year, _, _ in recorded]


def _pairs(n: int) -> str:
    return f"{n} priorit{'y' if n == 1 else 'ies'} not met by a student group"
