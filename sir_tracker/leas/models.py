"""County offices, geographic lead agencies, LEAs and their engagement with CCEE."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from sir_tracker.core.database import Archivable, Base, enum_column
from sir_tracker.leas.cds import normalize_cds_code

if TYPE_CHECKING:
    from sir_tracker.reviews.models import Sir
    from sir_tracker.users.models import User


class LeaKind(enum.StrEnum):
    DISTRICT = "district"
    CHARTER_SCHOOL = "charter_school"
    COUNTY_OFFICE = "county_office"

    @property
    def label(self) -> str:
        return {"district": "School district", "charter_school": "Charter school"}.get(
            self.value, "County office of education"
        )


class Pathway(enum.StrEnum):
    PRIMARY = "primary"
    WRAPAROUND = "wraparound"
    CONTINUUM_OF_SUPPORT = "continuum_of_support"
    SPI_REFERRAL = "spi_referral"
    FEE_FOR_SERVICE = "fee_for_service"
    CHARTER_1 = "charter_1"
    CHARTER_2 = "charter_2"
    CHARTER_3 = "charter_3"
    CHARTER_4 = "charter_4"

    @property
    def label(self) -> str:
        return _PATHWAY_LABELS[self]


_PATHWAY_LABELS = {
    Pathway.PRIMARY: "Primary DTA pathway",
    Pathway.WRAPAROUND: "Wraparound support (AB 1840)",
    Pathway.CONTINUUM_OF_SUPPORT: "Continuum of Support (SIR+)",
    Pathway.SPI_REFERRAL: "State Superintendent referral",
    Pathway.FEE_FOR_SERVICE: "Fee for service",
    Pathway.CHARTER_1: "Charter pathway 1",
    Pathway.CHARTER_2: "Charter pathway 2",
    Pathway.CHARTER_3: "Charter pathway 3",
    Pathway.CHARTER_4: "Charter pathway 4",
}


class EngagementMode(enum.StrEnum):
    COLLABORATIVE_PLANNING = "collaborative_planning"
    COLLABORATIVE_FACILITATION = "collaborative_facilitation"
    EMBEDDED_PARTNERSHIP = "embedded_partnership"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Readiness(enum.StrEnum):
    """Willingness and ability to change, which sets the expected turnaround."""

    WILLING_ABLE = "willing_able"
    WILLING_UNABLE = "willing_unable"
    UNWILLING_ABLE = "unwilling_able"
    UNWILLING_UNABLE = "unwilling_unable"

    @property
    def label(self) -> str:
        willing, able = self.value.split("_")
        return f"{willing.capitalize()} and {able}"

    @property
    def turnaround_years(self) -> tuple[int, int]:
        return _TURNAROUND[self]


_TURNAROUND = {
    Readiness.WILLING_ABLE: (3, 5),
    Readiness.WILLING_UNABLE: (5, 7),
    Readiness.UNWILLING_ABLE: (6, 8),
    Readiness.UNWILLING_UNABLE: (8, 10),
}


class GeoLeadAgency(Base):
    __tablename__ = "geo_lead_agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str] = mapped_column(String(200), default="")

    county_offices: Mapped[list[CountyOffice]] = relationship(back_populates="geo_lead")


class CountyOffice(Base):
    __tablename__ = "county_offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    county: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    geo_lead_id: Mapped[int | None] = mapped_column(ForeignKey("geo_lead_agencies.id"))

    geo_lead: Mapped[GeoLeadAgency | None] = relationship(back_populates="county_offices")
    leas: Mapped[list[Lea]] = relationship(back_populates="county_office")


class Lea(Archivable, Base):
    __tablename__ = "leas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[LeaKind] = mapped_column(enum_column(LeaKind, "lea_kind"))
    cds_code: Mapped[str] = mapped_column(String(14), unique=True)
    county_office_id: Mapped[int] = mapped_column(ForeignKey("county_offices.id"), index=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # CCEE chooses which LEAs' progress appears on the public progress pages.
    is_published: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    county_office: Mapped[CountyOffice] = relationship(back_populates="leas")
    engagements: Mapped[list[Engagement]] = relationship(
        back_populates="lea", order_by="Engagement.started_on"
    )
    sirs: Mapped[list[Sir]] = relationship(back_populates="lea", order_by="Sir.report_date")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (CheckConstraint("length(cds_code) IN (7, 14)", name="cds_code_length"),)

    @validates("cds_code")
    def _validate_cds_code(self, _key: str, value: str) -> str:
        return normalize_cds_code(value)

    @property
    def current_engagement(self) -> Engagement | None:
        return self.engagements[-1] if self.engagements else None

    def engagement_on(self, day: date) -> Engagement | None:
        """The engagement under way on ``day``: the latest begun by then, else the first
        (what a report or a page as of ``day`` says of the LEA's mode and lead)."""
        begun = [e for e in self.engagements if e.started_on <= day]
        if begun:
            return begun[-1]
        return self.engagements[0] if self.engagements else None


class Engagement(Base):
    """A period of Direct Technical Assistance from CCEE to one LEA."""

    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    lea_id: Mapped[int] = mapped_column(ForeignKey("leas.id"))  # indexed first: __table_args__
    pathway: Mapped[Pathway] = mapped_column(enum_column(Pathway, "pathway"))
    mode: Mapped[EngagementMode] = mapped_column(enum_column(EngagementMode, "engagement_mode"))
    readiness: Mapped[Readiness | None] = mapped_column(enum_column(Readiness, "readiness"))
    started_on: Mapped[date]
    exited_on: Mapped[date | None]
    ccee_lead_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)

    lea: Mapped[Lea] = relationship(back_populates="engagements")
    ccee_lead: Mapped[User | None] = relationship(foreign_keys=[ccee_lead_id])

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("exited_on IS NULL OR exited_on >= started_on", name="exit_after_start"),
        # Each LEA's current engagement (its latest begun), read by the dashboard for every
        # LEA, without a sort per LEA.
        Index("ix_engagements_lea_started", "lea_id", "started_on", "id"),
    )
