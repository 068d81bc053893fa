"""Creating, editing, archiving and restoring LEAs and their engagements.

Every change is audited through ``sir_tracker.audit.editing``. Operations flush but never
commit, and refuse with ``DomainError`` (naming the field at fault) before writing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit import editing
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.leas.cds import InvalidCdsCode, normalize_cds_code
from sir_tracker.leas.models import (
    CountyOffice,
    Engagement,
    EngagementMode,
    Lea,
    LeaKind,
    Pathway,
    Readiness,
)
from sir_tracker.users.models import Role, User


@dataclass(frozen=True)
class LeaValues:
    name: str
    kind: LeaKind
    cds_code: str
    county_office: CountyOffice


@dataclass(frozen=True)
class EngagementValues:
    pathway: Pathway
    mode: EngagementMode
    readiness: Readiness | None
    started_on: date
    ccee_lead: User | None
    exited_on: date | None = None


def engagement_label(lea: Lea) -> str:
    return f"Engagement of {lea.name}"


def create_lea(
    session: Session, values: LeaValues, engagement: EngagementValues, *, by: User
) -> Lea:
    """Create an LEA with its first engagement; both are audited."""
    _checked_lea_values(session, values, lea=None)
    _check_engagement(engagement, previous_lead=None, by=by)
    lea = add_lea(session, values, by=by)
    _add_engagement(session, lea, engagement, by=by)
    return lea


def add_lea(session: Session, values: LeaValues, *, by: User) -> Lea:
    """Create an LEA that CCEE does not (yet) engage with: one that the Dashboard results
    name, say. Audited."""
    cds_code = _checked_lea_values(session, values, lea=None)
    lea = Lea(
        name=values.name.strip(),
        kind=values.kind,
        cds_code=cds_code,
        county_office=values.county_office,
    )
    session.add(lea)
    session.flush()
    editing.record_creation(session, lea, actor=by, label=lea.name, lea_id=lea.id)
    return lea


def start_engagement(
    session: Session, lea: Lea, values: EngagementValues, *, by: User
) -> Engagement:
    """Begin a period of DTA for an LEA that has none under way (never engaged, or exited):
    the engagements before it stay as they were. Audited."""
    current = lea.current_engagement
    if current is not None and (current.exited_on is None or current.exited_on > values.started_on):
        raise DomainError(
            f"{lea.name} is already engaged"
            + (f" until {long_date(current.exited_on)}" if current.exited_on else "")
            + ": change that engagement instead.",
            field="started_on",
        )
    _check_engagement(values, previous_lead=None, by=by)
    return _add_engagement(session, lea, values, by=by)


def _add_engagement(
    session: Session, lea: Lea, values: EngagementValues, *, by: User
) -> Engagement:
    engagement = Engagement(
        lea=lea,
        pathway=values.pathway,
        mode=values.mode,
        readiness=values.readiness,
        started_on=values.started_on,
        exited_on=values.exited_on,
        ccee_lead=values.ccee_lead,
    )
    editing.record_creation(
        session, engagement, actor=by, label=engagement_label(lea), lea_id=lea.id
    )
    return engagement


def update_lea(
    session: Session, lea: Lea, values: LeaValues, *, by: User, version: int | None
) -> dict[str, list[str]]:
    """Change the LEA's own fields if ``version`` is current; return what changed."""
    editing.check_version(session, lea, version, lea.name)
    cds_code = _checked_lea_values(session, values, lea=lea)
    changes: dict[str, Any] = {
        "name": values.name,
        "kind": values.kind,
        "cds_code": cds_code,
        "county_office": values.county_office,
    }
    return editing.update_record(
        session, lea, changes, actor=by, label=lea.name, lea_id=lea.id, version=version
    )


def update_engagement(
    session: Session,
    engagement: Engagement,
    values: EngagementValues,
    *,
    by: User,
    version: int | None,
) -> dict[str, list[str]]:
    """Change an engagement if ``version`` is current. Only an admin may change its CCEE lead;
    the exit date cannot come before the start."""
    label = engagement_label(engagement.lea)
    editing.check_version(session, engagement, version, label)
    _check_engagement(values, previous_lead=engagement.ccee_lead, by=by)
    changes: dict[str, Any] = {
        "pathway": values.pathway,
        "mode": values.mode,
        "readiness": values.readiness,
        "started_on": values.started_on,
        "exited_on": values.exited_on,
        "ccee_lead": values.ccee_lead,
    }
    return editing.update_record(
        session,
        engagement,
        changes,
        actor=by,
        label=label,
        lea_id=engagement.lea_id,
        version=version,
    )


def archive_lea(session: Session, lea: Lea, *, by: User) -> None:
    """Archive the LEA: it leaves every list but the admins'. Nothing is deleted."""
    editing.archive(session, lea, actor=by, label=lea.name, lea_id=lea.id)


def restore_lea(session: Session, lea: Lea, *, by: User) -> None:
    editing.restore(session, lea, actor=by, label=lea.name, lea_id=lea.id)


def _checked_lea_values(session: Session, values: LeaValues, *, lea: Lea | None) -> str:
    """The normalized CDS code, once the name and the code are known to be free."""
    name = values.name.strip()
    if not name:
        raise DomainError("Enter the LEA's name.", field="name")
    try:
        cds_code = normalize_cds_code(values.cds_code)
    except InvalidCdsCode as error:
        raise DomainError(str(error), field="cds_code") from None
    others = select(Lea).where(Lea.id != lea.id) if lea is not None else select(Lea)
    holder = session.scalars(others.where(Lea.cds_code == cds_code)).first()
    if holder is not None:
        raise DomainError(
            f"The CDS code {cds_code} already belongs to {holder.name}"
            f"{' (archived)' if holder.is_archived else ''}.",
            field="cds_code",
        )
    namesake = session.scalars(others.where(Lea.name == name)).first()
    if namesake is not None:
        raise DomainError(
            f"There is already an LEA named {name}"
            f"{' (archived)' if namesake.is_archived else ''}; choose another name.",
            field="name",
        )
    return cds_code


def _check_engagement(values: EngagementValues, *, previous_lead: User | None, by: User) -> None:
    if values.exited_on is not None and values.exited_on < values.started_on:
        raise DomainError(
            f"The exit date cannot be before the start date ({long_date(values.started_on)}).",
            field="exited_on",
        )
    lead = values.ccee_lead
    if lead is previous_lead:
        return
    if by.role is not Role.ADMIN:
        raise DomainError("Only an administrator can change the CCEE lead.", field="ccee_lead")
    if lead is not None and (lead.role is not Role.CCEE_LEAD or not lead.is_active):
        raise DomainError(f"{lead.name} is not an active CCEE lead.", field="ccee_lead")
