"""A Systemic Instructional Review: components, themes, SWOT findings, recommended actions."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from sir_tracker.core.database import Archivable, Base, enum_column, utcnow

if TYPE_CHECKING:
    from sir_tracker.leas.models import Lea
    from sir_tracker.meetings.models import Meeting
    from sir_tracker.users.models import User


class ActionStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class SirState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    FINAL = "final"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class SwotCategory(enum.StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"

    @property
    def label(self) -> str:
        return self.value


class Component(Base):
    """One of the twelve fixed SIR components; rows are created by a migration."""

    __tablename__ = "components"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)


class Sir(Archivable, Base):
    __tablename__ = "sirs"

    id: Mapped[int] = mapped_column(primary_key=True)
    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    report_date: Mapped[date | None]
    state: Mapped[SirState] = mapped_column(
        enum_column(SirState, "sir_state"), default=SirState.IN_PROGRESS
    )
    version: Mapped[int] = mapped_column(default=1)

    lea: Mapped[Lea] = relationship(back_populates="sirs")
    themes: Mapped[list[Theme]] = relationship(back_populates="sir", order_by="Theme.number")
    findings: Mapped[list[Finding]] = relationship(back_populates="sir", order_by="Finding.id")
    actions: Mapped[list[Action]] = relationship(back_populates="sir", order_by="Action.id")

    __mapper_args__ = {"version_id_col": version}


class Theme(Archivable, Base):
    """A cross-cutting theme that groups actions across components."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    sir_id: Mapped[int] = mapped_column(ForeignKey("sirs.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=1)

    sir: Mapped[Sir] = relationship(back_populates="themes")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("sir_id", "number"),
        UniqueConstraint("sir_id", "title"),
    )


class Finding(Archivable, Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    sir_id: Mapped[int] = mapped_column(ForeignKey("sirs.id"), index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id"))
    category: Mapped[SwotCategory] = mapped_column(enum_column(SwotCategory, "swot_category"))
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    sir: Mapped[Sir] = relationship(back_populates="findings")
    component: Mapped[Component] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Action(Archivable, Base):
    """A recommended action. ``status`` is the latest row of its status history, kept here
    so that current counts are one aggregate query; only ``progress.operations`` changes it."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sir_id: Mapped[int] = mapped_column(ForeignKey("sirs.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    component_id: Mapped[int] = mapped_column(ForeignKey("components.id"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"), index=True)
    responsible: Mapped[str] = mapped_column(String(200), default="")
    target_date: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.NOT_STARTED
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    sir: Mapped[Sir] = relationship(back_populates="actions")
    component: Mapped[Component] = relationship()
    theme: Mapped[Theme | None] = relationship()
    crosswalk_links: Mapped[list[CrosswalkLink]] = relationship(
        back_populates="action", order_by="CrosswalkLink.id"
    )
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="action",
        order_by="(StatusChange.changed_at, StatusChange.id)",
        foreign_keys="StatusChange.action_id",
    )
    progress_notes: Mapped[list[ProgressNote]] = relationship(
        back_populates="action", order_by="(ProgressNote.noted_at, ProgressNote.id)"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("sir_id", "code"),)


class CrosswalkLink(Base):
    """An item of another plan (FCMAT review, LCAP...) that an action is aligned to."""

    __tablename__ = "crosswalk_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    plan: Mapped[str] = mapped_column(String(100))
    reference: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    action: Mapped[Action] = relationship(back_populates="crosswalk_links")

    __table_args__ = (UniqueConstraint("action_id", "plan", "reference"),)


# --- The append-only status history of an action (changed by sir_tracker.progress) ---------


class StatusChange(Base):
    """One change of an action's status. Rows are only ever inserted: database triggers refuse
    UPDATE and DELETE. The first row of an action records its creation (``from_status`` empty).

    ``changed_at`` is when the change took effect (a meeting's date, say) and decides as-of
    counts; ``recorded_at`` is when it was entered.
    """

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    from_status: Mapped[ActionStatus | None] = mapped_column(
        enum_column(ActionStatus, "from_status")
    )
    to_status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus, "to_status"))
    changed_at: Mapped[datetime]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)

    action: Mapped[Action] = relationship(back_populates="history", foreign_keys=[action_id])
    changed_by: Mapped[User] = relationship()
    meeting: Mapped[Meeting | None] = relationship(back_populates="status_changes")

    __table_args__ = (
        CheckConstraint(
            "from_status IS NULL OR from_status <> to_status", name="status_actually_changes"
        ),
        Index("ix_status_changes_action_id_changed_at", "action_id", "changed_at"),
    )


class ProgressNote(Base):
    """What happened on an action without a change of its status ("still in progress: the
    coaching cycle reached every school"). Append-only like ``StatusChange``, with which it
    makes up the action's history; a note at a meeting is dated on the meeting's day.

    ``noted_at`` is when the progress happened (decides "since" lists and stalls);
    ``recorded_at`` is when it was entered.
    """

    __tablename__ = "progress_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    noted_at: Mapped[datetime]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    noted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)

    action: Mapped[Action] = relationship(back_populates="progress_notes")
    noted_by: Mapped[User] = relationship()
    meeting: Mapped[Meeting | None] = relationship()

    __table_args__ = (
        CheckConstraint("note <> ''", name="note_not_empty"),
        Index("ix_progress_notes_action_id_noted_at", "action_id", "noted_at"),
    )


class HistoryIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_history_edits(session: Session, _context: object, _instances: object) -> None:
    # The database triggers refuse these too; failing here gives a clearer error earlier.
    for entry in (*session.dirty, *session.deleted):
        if isinstance(entry, StatusChange | ProgressNote) and (
            entry in session.deleted or session.is_modified(entry, include_collections=False)
        ):
            raise HistoryIsAppendOnly(
                "Status history and progress notes are append-only: rows cannot change."
            )
