"""The California School Dashboard results of an LEA, year by year: which student groups did
not meet which LCFF priorities.

An import never overwrites a year: results that differ from those held make a new
``DashboardYear`` and mark the one before as replaced, so what was believed when stays known.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.caseload.eligibility import Priority, StudentGroup
from sir_tracker.core.database import Base, enum_column, utcnow

if TYPE_CHECKING:
    from sir_tracker.leas.models import Lea
    from sir_tracker.users.models import User

FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_SOURCE = 120


class DashboardYear(Base):
    """One LEA's results of one Dashboard year, as one import gave them (no result: every
    group met every priority)."""

    __tablename__ = "dashboard_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"), index=True)
    year: Mapped[int]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(String(MAX_SOURCE))  # the imported file's name
    replaced_at: Mapped[datetime | None]

    lea: Mapped[Lea] = relationship()
    imported_by: Mapped[User] = relationship()
    results: Mapped[list[DashboardResult]] = relationship(
        back_populates="dashboard_year", order_by="DashboardResult.id"
    )

    __table_args__ = (
        CheckConstraint(f"year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}", name="year_plausible"),
        # One current year per LEA; the replaced ones are its history.
        Index(
            "uq_dashboard_years_current",
            "lea_id",
            "year",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )


class DashboardResult(Base):
    """A student group that did not meet an LCFF priority in a Dashboard year."""

    __tablename__ = "dashboard_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    dashboard_year_id: Mapped[int] = mapped_column(ForeignKey("dashboard_years.id"), index=True)
    student_group: Mapped[StudentGroup] = mapped_column(enum_column(StudentGroup, "student_group"))
    priority: Mapped[Priority] = mapped_column(enum_column(Priority, "lcff_priority"))

    dashboard_year: Mapped[DashboardYear] = relationship(back_populates="results")

    __table_args__ = (UniqueConstraint("dashboard_year_id", "student_group", "priority"),)
