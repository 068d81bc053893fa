"""Progress-monitoring meetings of an LEA with CCEE and the county office."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Archivable, Base, enum_column, utcnow
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.reviews.models import ActionStatus, SwotCategory

if TYPE_CHECKING:
    from sir_tracker.leas.models import Lea
    from sir_tracker.reviews.models import Sir, StatusChange
    from sir_tracker.users.models import User


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


class Meeting(Archivable, Base):
    """A meeting held, or scheduled when ``held_on`` is still ahead."""

    __tablename__ = "meetings"
    # The dashboard asks of every LEA whether it met this quarter and when it last met: with
    # these four columns the index answers without reading the meetings' rows (their notes).
    __table_args__ = (
        Index("ix_meetings_lea_kind_held", "lea_id", "kind", "held_on", "archived_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"))  # indexed first: __table_args__
    sir_id: Mapped[int | None] = mapped_column(ForeignKey("sirs.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, "meeting_kind"))
    agenda: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    # What the public progress page may show of the meeting: written apart from the internal
    # summary, and shown only while a lead has it published.
    public_summary: Mapped[str] = mapped_column(Text, default="")
    public_summary_published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # Quarterly sign-off: once closed, the figures as of this meeting are frozen
    # (frozen_statuses) and status changes dated up to the end of its quarter are refused.
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    lea: Mapped[Lea] = relationship()
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
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
    sign_offs: Mapped[list[SignOff]] = relationship(back_populates="meeting", order_by="SignOff.id")
    frozen_statuses: Mapped[list[FrozenStatus]] = relationship(back_populates="meeting")

    __mapper_args__ = {"version_id_col": version}

    @property
    def school_quarter(self) -> SchoolQuarter:
        return SchoolQuarter.of(self.held_on)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Attendee(Base):
    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[Organisation] = mapped_column(enum_column(Organisation, "organisation"))
    email: Mapped[str | None] = mapped_column(String(254))  # for reminders
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # when a known user

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
    owner_email: Mapped[str | None] = mapped_column(String(254))  # for reminders when overdue
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    meeting: Mapped[Meeting] = relationship(back_populates="next_steps")


class SignOff(Base):
    """A signature on a closed quarterly meeting, for CCEE, the county office or the LEA."""

    __tablename__ = "meeting_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    organisation: Mapped[Organisation] = mapped_column(enum_column(Organisation, "organisation"))
    name: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[date]

    meeting: Mapped[Meeting] = relationship(back_populates="sign_offs")

    __table_args__ = (UniqueConstraint("meeting_id", "organisation"),)


class FrozenStatus(Base):
    """An action's status as of a closed quarterly meeting, kept as it was signed."""

    __tablename__ = "meeting_frozen_statuses"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus, "frozen_status"))

    meeting: Mapped[Meeting] = relationship(back_populates="frozen_statuses")

    __table_args__ = (UniqueConstraint("meeting_id", "action_id"),)
