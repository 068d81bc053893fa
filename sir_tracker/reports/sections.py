"""Board packet sections kept between packets: one LEA's rendered report per as-of date and
audience, with the version of the data it was rendered from.

The data version of an LEA is the id of its latest audit event that can change what its
report says (every status change, edit, meeting, sign-off is audited with the LEA), with the
latest change to any user account (the CCEE lead's name is on the cover) and a fingerprint of
the report's templates, styles, code and thresholds. Reading the versions of every LEA is one
grouped query, so a packet knows in milliseconds which sections are still good.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditEvent
from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.paths import resource_dir
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.models import Audience, ReportSection

log = logging.getLogger(__name__)

# Audited records with an LEA that no report shows.
NOT_IN_REPORTS = ("GeneratedReport", "Reminder", "ReportJob")
# Files of reports/ that only the packet's summary uses.
_SUMMARY_ONLY = frozenset({"board_packet.html", "packet.css"})
# The code that decides what a section says, besides the templates of reports/.
_REPORT_CODE = ("data.py", "charts.py", "render.py")


@dataclass(frozen=True)
class SectionPdf:
    """One LEA's report as rendered for a packet."""

    lea_id: int
    pdf: bytes
    pages: int


def data_versions(
    session: Session, lea_ids: Sequence[int], thresholds: Thresholds
) -> dict[int, str]:
    """The data version of each LEA (see the module's docstring)."""
    latest = dict(
        session.execute(
            select(AuditEvent.lea_id, func.max(AuditEvent.id))
            .where(AuditEvent.lea_id.in_(lea_ids), AuditEvent.record_type.not_in(NOT_IN_REPORTS))
            .group_by(AuditEvent.lea_id)
        ).all()
    )
    users = session.scalar(select(func.max(AuditEvent.id)).where(AuditEvent.record_type == "User"))
    prefix = f"{render_fingerprint()}:t{thresholds.stall}.{thresholds.plateau}:u{users or 0}"
    return {lea_id: f"{prefix}:e{latest.get(lea_id) or 0}" for lea_id in lea_ids}


@cache
def render_fingerprint() -> str:
    """A short hash of what turns data into a section: templates, stylesheet, fonts, code."""
    digest = hashlib.sha256()
    reports = resource_dir("reports")
    code = Path(__file__).parent
    files = sorted(p for p in reports.rglob("*") if p.is_file() and p.name not in _SUMMARY_ONLY)
    files += [code / name for name in _REPORT_CODE]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_sections(
    session: Session, versions: dict[int, str], as_of: date, audience: Audience
) -> dict[int, SectionPdf]:
    """The kept sections still good for ``versions`` (LEA id to data version)."""
    current = session.execute(
        select(ReportSection.id, ReportSection.lea_id, ReportSection.data_version).where(
            ReportSection.lea_id.in_(versions),
            ReportSection.as_of == as_of,
            ReportSection.audience == audience,
        )
    ).all()
    good = [row.id for row in current if versions.get(row.lea_id) == row.data_version]
    if not good:
        return {}
    rows = session.execute(
        select(ReportSection.lea_id, ReportSection.pdf, ReportSection.pages).where(
            ReportSection.id.in_(good)
        )
    )
    return {lea_id: SectionPdf(lea_id, pdf, pages) for lea_id, pdf, pages in rows}


def keep_sections(
    session: Session,
    sections: Iterable[SectionPdf],
    versions: dict[int, str],
    as_of: date,
    audience: Audience,
) -> None:
    """Keep freshly rendered sections, replacing what was kept for the same LEA and date."""
    for section in sections:
        kept = session.scalars(
            select(ReportSection).where(
                ReportSection.lea_id == section.lea_id,
                ReportSection.as_of == as_of,
                ReportSection.audience == audience,
            )
        ).one_or_none()
        if kept is None:
            kept = ReportSection(lea_id=section.lea_id, as_of=as_of, audience=audience)
            session.add(kept)
        kept.data_version = versions[section.lea_id]
        kept.pdf = section.pdf
        kept.pages = section.pages
        kept.rendered_at = utcnow()
    session.flush()


def keep_section(
    database: Database,
    section: SectionPdf,
    versions: dict[int, str],
    as_of: date,
    audience: Audience,
) -> None:
    """Keep one freshly laid-out section in a transaction of its own (milliseconds)."""
    try:
        with transaction(database.writers) as session:
            keep_sections(session, [section], versions, as_of, audience)
    except IntegrityError:
        # Another job kept the same section at the same moment: theirs is as good.
        log.info("Section of LEA %s was kept by another job meanwhile.", section.lea_id)


def prune_sections(database: Database, thresholds: Thresholds) -> int:
    """Delete the kept sections that no report can use any more (their LEA's data, the users
    or the report code changed since they were laid out: versions only move forward); the
    number deleted. Sections still current are kept, whatever their date.

    What is stale is found in a read transaction; the write deletes only rows still holding
    the stale version (one kept again meanwhile stays), and lasts milliseconds."""
    with database.new_session(write=False) as session:
        kept = session.execute(
            select(ReportSection.id, ReportSection.lea_id, ReportSection.data_version)
        ).all()
        if not kept:
            return 0
        versions = data_versions(session, sorted({row.lea_id for row in kept}), thresholds)
    stale = [row for row in kept if versions[row.lea_id] != row.data_version]
    if not stale:
        return 0
    with transaction(database.writers) as session:
        deleted = session.execute(
            delete(ReportSection).where(
                ReportSection.id.in_([row.id for row in stale]),
                ReportSection.data_version.in_({row.data_version for row in stale}),
            )
        )
        return int(deleted.rowcount)  # type: ignore[attr-defined]
