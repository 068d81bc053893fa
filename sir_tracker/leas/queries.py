"""Lookups of LEAs shared by pages and commands."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.cds import InvalidCdsCode, normalize_cds_code
from sir_tracker.leas.models import Lea


def find_lea(session: Session, reference: str) -> Lea | None:
    """The LEA with this CDS code, or else with exactly this name."""
    try:
        code: str | None = normalize_cds_code(reference)
    except InvalidCdsCode:
        code = None
    if code is not None:
        by_code = session.scalar(select(Lea).where(Lea.cds_code == code))
        if by_code is not None:
            return by_code
    return session.scalar(select(Lea).where(Lea.name == reference.strip()))
