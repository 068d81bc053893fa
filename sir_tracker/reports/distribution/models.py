"""Distribution lists (board members, the SPI's office, ...) and the sendings of archived
reports to them.

A list's members are never deleted: removing one dates it, so the list's past stays readable.
A sending is appended once per "Send to a list", with one delivery per member of the list at
that moment; a delivery changes only as the worker tries it (sent, or failed after its tries).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Base, enum_column, utcnow
from sir_tracker.reports.models import GeneratedReport
from sir_tracker.users.models import User

NAME_LIMIT = 200
EMAIL_LIMIT = 254  # RFC 5321's longest path, less its angle brackets
MESSAGE_LIMIT = 2000


class DistributionList(Base):
    __tablename__ = "distribution_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LIMIT), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    members: Mapped[list[DistributionMember]] = relationship(
        back_populates="list", order_by="DistributionMember.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def current_members(self) -> list[DistributionMember]:
        return [member for member in self.members if member.removed_at is None]


class DistributionMember(Base):
    __tablename__ = "distribution_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("distribution_lists.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LIMIT))
    email: Mapped[str] = mapped_column(String(EMAIL_LIMIT))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    list: Mapped[DistributionList] = relationship(back_populates="members")


class DeliveryState(enum.StrEnum):
    WAITING = "waiting"
    SENT = "sent"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"waiting": "waiting", "sent": "sent", "failed": "failed"}[self.value]


class ReportSending(Base):
    """One "Send to a list" of an archived report: who sent which version, to whom, when."""

    __tablename__ = "report_sendings"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("generated_reports.id"), index=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("distribution_lists.id"))
    list_name: Mapped[str] = mapped_column(String(NAME_LIMIT))  # as it was called then
    sent_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    # The version sent: the archived bytes' digest, as it was when sent.
    sha256: Mapped[str] = mapped_column(String(64))
    links_expire_at: Mapped[datetime]

    report: Mapped[GeneratedReport] = relationship()
    sent_by: Mapped[User] = relationship()
    deliveries: Mapped[list[ReportDelivery]] = relationship(
        back_populates="sending", order_by="ReportDelivery.id"
    )


class ReportDelivery(Base):
    """One member's message of a sending, tried by the worker until sent or out of tries."""

    __tablename__ = "report_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    sending_id: Mapped[int] = mapped_column(ForeignKey("report_sendings.id"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LIMIT))
    email: Mapped[str] = mapped_column(String(EMAIL_LIMIT))
    state: Mapped[DeliveryState] = mapped_column(
        enum_column(DeliveryState, "delivery_state"), default=DeliveryState.WAITING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    attached: Mapped[bool] = mapped_column(default=False)  # the PDF went with the message
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]

    sending: Mapped[ReportSending] = relationship(back_populates="deliveries")
