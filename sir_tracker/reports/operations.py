"""Generating PDF reports and keeping every one generated, byte for byte.

A report takes seconds to render: only the report worker (``reports/jobs.py``) and the commands
lay one out, never a web request.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction
from sir_tracker.audit.operations import record_event
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.budget import LayoutBudget
from sir_tracker.reports.data import lea_report_data
from sir_tracker.reports.models import Audience, GeneratedReport, ReportKind
from sir_tracker.users.models import User


class ReportRefused(DomainError):
    pass


@dataclass(frozen=True)
class RenderedReport:
    """A report rendered but not kept yet (``archive_report`` keeps it)."""

    kind: ReportKind
    lea_id: int | None
    as_of: date
    audience: Audience
    filename: str
    pdf: bytes
    pages: int
    sha256: str
    generated_at: datetime
    lea_ids: tuple[int, ...] = ()  # a board packet's LEAs
    inputs_digest: str | None = None  # a board packet's inputs (packet.inputs_digest)

    @classmethod
    def of(
        cls,
        kind: ReportKind,
        *,
        lea_id: int | None,
        as_of: date,
        audience: Audience,
        filename: str,
        pdf: bytes,
        pages: int,
        generated_at: datetime,
        lea_ids: tuple[int, ...] = (),
        inputs_digest: str | None = None,
    ) -> RenderedReport:
        return cls(
            kind=kind,
            lea_id=lea_id,
            as_of=as_of,
            audience=audience,
            filename=filename,
            pdf=pdf,
            pages=pages,
            sha256=hashlib.sha256(pdf).hexdigest(),
            generated_at=generated_at,
            lea_ids=lea_ids,
            inputs_digest=inputs_digest,
        )


def check_as_of(as_of: date) -> None:
    """A report cannot look ahead of today (Pacific)."""
    if as_of > today():
        raise ReportRefused(
            f"The as-of date {long_date(as_of)} is in the future; choose today or an earlier day.",
            field="as_of",
        )


def render_lea_report(
    session: Session,
    lea: Lea,
    as_of: date,
    audience: Audience,
    *,
    thresholds: Thresholds | None = None,
    budget: LayoutBudget | None = None,
) -> RenderedReport:
    """Render ``lea``'s status report as of ``as_of`` for ``audience``, without keeping it.

    Refused (``ReportRefused`` or ``NothingToReport``) for a date in the future or an LEA
    without a SIR, and (``ReportOverBudget``) past ``budget``.
    """
    check_as_of(as_of)
    generated_at = utcnow()
    data = lea_report_data(
        session, lea, as_of, audience, thresholds=thresholds, generated_at=generated_at
    )
    # WeasyPrint takes 0.6 s to import: only processes that render a report pay for it.
    from sir_tracker.reports.render import lea_report_pdf

    pdf = lea_report_pdf(data, budget)
    return RenderedReport.of(
        ReportKind.LEA,
        lea_id=lea.id,
        as_of=as_of,
        audience=audience,
        filename=report_filename(lea.name, as_of, audience),
        pdf=pdf.data,
        pages=pdf.pages,
        generated_at=generated_at,
    )


def archive_report(
    session: Session, rendered: RenderedReport, *, by: User | None
) -> GeneratedReport:
    """Keep ``rendered`` byte for byte, with who asked for it (None: the command line), and
    audit it. A caller that renders in a read-only session archives in a writing one."""
    report = GeneratedReport(
        kind=rendered.kind,
        lea_id=rendered.lea_id,
        as_of=rendered.as_of,
        audience=rendered.audience,
        generated_by=by,
        generated_at=rendered.generated_at,
        filename=rendered.filename,
        pages=rendered.pages,
        sha256=rendered.sha256,
        pdf=rendered.pdf,
        inputs_digest=rendered.inputs_digest,
    )
    if rendered.lea_ids:
        report.leas = list(session.scalars(select(Lea).where(Lea.id.in_(rendered.lea_ids))))
    session.add(report)
    record_event(
        session,
        actor=by,
        action=AuditAction.CREATE,
        record=report,
        label=f"{rendered.kind.label} as of {long_date(rendered.as_of)}",
        lea_id=rendered.lea_id,
        summary=(
            f"For the {rendered.audience.label}: {rendered.pages} pages, {rendered.filename}."
        ),
    )
    return report


def report_filename(lea_name: str, as_of: date, audience: Audience) -> str:
    """Like "inglewood-unified-school-district-status-report-2021-06-30-board.pdf"."""
    return f"{slug(lea_name)}-status-report-{as_of.isoformat()}-{audience.value}.pdf"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120] or "lea"
