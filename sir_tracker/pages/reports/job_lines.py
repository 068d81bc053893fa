"""Report jobs as the pages show them: an LEA report's or a board packet's progress."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from sir_tracker.core import db
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.reports.models import GeneratedReport, JobState, ReportJob, ReportKind


@dataclass(frozen=True)
class JobLine:
    id: int
    url: str
    cancel_url: str
    requested_at: str
    requested_by: str
    as_of: str
    audience: str
    leas: int
    state: JobState
    state_label: str
    done: int
    total: int
    reused: int
    message: str
    download_url: str | None
    pages: int | None

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)


def job_url(job: ReportJob) -> str:
    """The page that follows ``job``: under its LEA for an LEA report."""
    if job.kind is ReportKind.LEA:
        return url_for("reports.job", lea_id=job.lea_ids[0], job_id=job.id)
    return url_for("packets.job", job_id=job.id)


def job_lines(jobs: list[ReportJob]) -> list[JobLine]:
    # The reports' page counts, not their bytes.
    pages = dict(
        db.session()
        .execute(
            select(GeneratedReport.id, GeneratedReport.pages).where(
                GeneratedReport.id.in_([job.report_id for job in jobs if job.report_id])
            )
        )
        .all()
    )
    return [_line(job, pages.get(job.report_id) if job.report_id else None) for job in jobs]


def _line(job: ReportJob, pages: int | None) -> JobLine:
    return JobLine(
        id=job.id,
        url=job_url(job),
        cancel_url=url_for("reports.cancel_job", job_id=job.id),
        requested_at=pacific_datetime(job.requested_at),
        requested_by=job.requested_by.name if job.requested_by else "Command line",
        as_of=long_date(job.as_of),
        audience=job.audience.label,
        leas=len(job.lea_ids),
        state=job.state,
        state_label=job.state.label,
        done=job.sections_done,
        total=job.sections_total,
        reused=job.sections_reused,
        message=job.message,
        download_url=url_for("reports.download", report_id=job.report_id)
        if job.report_id
        else None,
        pages=pages,
    )
