"""Reads of Dashboard results, shared by the pipeline, the LEA page and the reports."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.caseload.eligibility import Unmet, YearEligibility, history
from sir_tracker.caseload.models import DashboardResult, DashboardYear
from sir_tracker.leas.models import Lea, LeaKind

# Per LEA id, per Dashboard year, the pairs not met.
HeldResults = dict[int, dict[int, set[Unmet]]]


def held_results(session: Session, lea_ids: Collection[int] | None = None) -> HeldResults:
    """The current results of the LEAs (of every LEA without ``lea_ids``), in two queries."""
    years = select(DashboardYear.id, DashboardYear.lea_id, DashboardYear.year).where(
        DashboardYear.replaced_at.is_(None)
    )
    if lea_ids is not None:
        years = years.where(DashboardYear.lea_id.in_(lea_ids))
    held: HeldResults = {}
    by_id: dict[int, set[Unmet]] = {}
    for year_id, lea_id, year in session.execute(years):
        by_id[year_id] = held.setdefault(lea_id, {}).setdefault(year, set())
    pairs = select(
        DashboardResult.dashboard_year_id, DashboardResult.student_group, DashboardResult.priority
    ).join(DashboardYear)
    pairs = pairs.where(DashboardYear.replaced_at.is_(None))
    if lea_ids is not None:
        pairs = pairs.where(DashboardYear.lea_id.in_(lea_ids))
    for year_id, group, priority in session.execute(pairs):
        by_id[year_id].add((group, priority))
    return held


def dashboard_years(session: Session) -> list[int]:
    """Every Dashboard year with results held, oldest first."""
    return list(
        session.scalars(
            select(DashboardYear.year)
            .where(DashboardYear.replaced_at.is_(None))
            .distinct()
            .order_by(DashboardYear.year)
        )
    )


def is_charter(lea: Lea) -> bool:
    return lea.kind is LeaKind.CHARTER_SCHOOL


def eligibility_history(session: Session, lea: Lea) -> list[YearEligibility]:
    """The LEA's eligibility in each Dashboard year held for any LEA, oldest first."""
    results = held_results(session, [lea.id]).get(lea.id, {})
    return history(results, charter=is_charter(lea), years=dashboard_years(session))
