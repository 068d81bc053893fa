"""Every PDF report generated is kept, byte for byte, with who asked for it and for what date."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.database import Base, enum_column, utcnow
from sir_tracker.users.models import User


class ReportKind(enum.StrEnum):
    LEA = "lea"
    BOARD_PACKET = "board_packet"

    @property
    def label(self) -> str:
        return {"lea": "LEA status report", "board_packet": "Board packet"}[self.value]


class Audience(enum.StrEnum):
    BOARD = "board"
    SPI = "spi"

    @property
    def label(self) -> str:
        return {
            "board": "CCEE Governing Board",
            "spi": "State Superintendent of Public Instruction",
        }[self.value]


class GeneratedReport(Base):
    __tablename__ = "generated_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind, "report_kind"))
    lea_id: Mapped[int | None] = mapped_column(ForeignKey("leas.id"), index=True)
    as_of: Mapped[date]
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "audience"))
    generated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    generated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    filename: Mapped[str] = mapped_column(String(200))
    pages: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)

    generated_by: Mapped[User | None] = relationship()
