"""Progress-monitoring meetings of an LEA with CCEE and the county office."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.database import Base, enum_column, utcnow
from sir_tracker.meetings.school_year import SchoolQuarter
from sir_tracker.reviews.models import SwotCategory

if TYPE_CHECKING:
    from sir_tracker.leas.models import Lea
    from sir_tracker.progress.models import StatusChange
    from sir_tracker.reviews.models import Sir


class MeetingKind(enum.StrEnum):
    QUARTERLY = "quarterly"
    MONTHLY_COACHING = "monthly_coaching"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "quarterly": "Quarterly progress monitoring",
            "monthly_coaching": "Monthly coaching",
        }.get(self.value, "Other")


class Organisation(enum.StrEnum):
    LEA = "lea"
    CCEE = "ccee"
    COE = "coe"
    GEO_LEAD = "geo_lead"

    @property
    def label(self) -> str:
        return {"geo_lead": "Geo Lead"}.get(self.value, self.value.upper())


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"), index=True)
    sir_id: Mapped[int | None] = mapped_column(ForeignKey("sirs.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, "meeting_kind"))
    agenda: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lea: Mapped[Lea] = relationship()
    sir: Mapped[Sir | None] = relationship()
    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="meeting", order_by="Attendee.id"
    )
    swot_notes: Mapped[list[SwotNote]] = relationship(
        back_populates="meeting", order_by="SwotNote.id"
    )
    metrics: Mapped[list[Metric]] = relationship(back_populates="meeting", order_by="Metric.id")
    next_steps: Mapped[list[NextStep]] = relationship(
        back_populates="meeting", order_by="NextStep.id"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(back_populates="meeting")

    @property
    def school_quarter(self) -> SchoolQuarter:
        return SchoolQuarter.of(self.held_on)


class Attendee(Base):
    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[Organisation] = mapped_column(enum_column(Organisation, "organisation"))

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")


class SwotNote(Base):
    """A strength, weakness, opportunity or threat seen in the quarter of a meeting."""

    __tablename__ = "meeting_swot_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    category: Mapped[SwotCategory] = mapped_column(enum_column(SwotCategory, "swot_category"))
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="swot_notes")


class Metric(Base):
    """A figure offered as evidence of progress, e.g. 85 % mid-year literacy completion."""

    __tablename__ = "meeting_metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    unit: Mapped[str] = mapped_column(String(40), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="metrics")


class NextStep(Base):
    __tablename__ = "meeting_next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="next_steps")

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
