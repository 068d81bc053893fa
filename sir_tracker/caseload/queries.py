"""Reads of Dashboard results, shared by the pipeline, the LEA page and the reports."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.caseload.eligibility import Unmet, YearEligibility, eligibility, history
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


# The state publishes a year's Dashboard in December of that year.
PUBLISHED_MONTH = 12


def dashboard_of(session: Session, day: date) -> int | None:
    """The latest Dashboard year held that was out by ``day``."""
    published = [
        year
        for year in dashboard_years(session)
        if year < day.year or (year == day.year and day.month >= PUBLISHED_MONTH)
    ]
    return published[-1] if published else None


def still_eligible(
    session: Session, leas: Sequence[Lea], day: date
) -> tuple[int | None, dict[int, str]]:
    """The Dashboard year out by ``day`` and, per LEA, whether it makes the LEA eligible for
    DTA: "yes", "no", or "no results" (none held for that LEA in that year)."""
    year = dashboard_of(session, day)
    if year is None:
        return None, {}
    held = held_results(session, [lea.id for lea in leas])
    answers = {}
    for lea in leas:
        results = held.get(lea.id, {})
        if year not in results:
            answers[lea.id] = "no results"
        else:
            answers[lea.id] = (
                "yes" if eligibility(results, year, charter=is_charter(lea)).dta else "no"
            )
    return year, answers


def eligibility_line(session: Session, lea: Lea, day: date) -> str:
    """What the Dashboard out on ``day`` makes the LEA eligible for, and why, in a sentence
    (for its report)."""
    year = dashboard_of(session, day)
    if year is None:
        return "No Dashboard results are held."
    results = held_results(session, [lea.id]).get(lea.id, {})
    found = eligibility(results, year, charter=is_charter(lea))
    return f"{found.level.label} by the {year} Dashboard. {found.reason}".rstrip(".") + "."
