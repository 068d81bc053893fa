"""People who use SIR Tracker, each with one role and, for some roles, a scope."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sir_tracker.core.database import Base, enum_column, utcnow

# Role lives apart from the model so that a command's --role choices need no SQLAlchemy.
from sir_tracker.users.roles import Role as Role

if TYPE_CHECKING:
    from sir_tracker.leas.models import CountyOffice, Lea


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    county_office_id: Mapped[int | None] = mapped_column(ForeignKey("county_offices.id"))
    lea_id: Mapped[int | None] = mapped_column(ForeignKey("leas.id"))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Like every edited record: two admins saving the same account conflict visibly.
    version: Mapped[int] = mapped_column(default=1)

    county_office: Mapped[CountyOffice | None] = relationship()
    lea: Mapped[Lea | None] = relationship(foreign_keys=[lea_id])

    # What Flask-Login asks of a user object (is_active is the column above).
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return str(self.id)

    __mapper_args__ = {"version_id_col": version}

    # The scope belongs to the role: COE staff see one county, LEA staff one LEA, others none.
    __table_args__ = (
        CheckConstraint(
            "(role = 'coe_staff') = (county_office_id IS NOT NULL)", name="county_scope_for_coe"
        ),
        CheckConstraint("(role = 'lea_staff') = (lea_id IS NOT NULL)", name="lea_scope_for_lea"),
    )
