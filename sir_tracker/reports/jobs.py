"""Board packets in the background: a job row per packet asked for, run by ``sir-tracker
worker`` processes that share the database with the web.

A web request only writes the job (milliseconds); a worker claims the oldest waiting job,
writes its progress section by section, archives the packet and links it to the job. Several
workers (on one machine or several) can share the queue: claiming is one short write
transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers). A job whose
worker stopped beating for ``STALE_AFTER`` is claimed again, up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.errors import DomainError
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.models import Audience, JobState, ReportJob, ReportKind
from sir_tracker.reports.operations import ReportRefused, archive_report, check_as_of
from sir_tracker.reports.packet import PacketProgress, build_packet
from sir_tracker.users.models import User

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3


def request_packet(
    session: Session, *, by: User | None, lea_ids: Sequence[int], as_of: date, audience: Audience
) -> ReportJob:
    """Queue a board packet of ``lea_ids`` (already scoped to what ``by`` may see)."""
    check_as_of(as_of)
    if not lea_ids:
        raise ReportRefused("Choose at least one LEA for the board packet.", field="leas")
    job = ReportJob(
        kind=ReportKind.BOARD_PACKET,
        state=JobState.QUEUED,
        as_of=as_of,
        audience=audience,
        lea_ids=list(lea_ids),
        requested_by=by,
        sections_total=len(lea_ids),
    )
    session.add(job)
    session.flush()
    return job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next_job(database: Database, worker: str) -> int | None:
    """Take the oldest waiting job (or one whose worker went silent); None if there is none."""
    with transaction(database.writers) as session:
        now = utcnow()
        while True:
            job = session.scalars(
                select(ReportJob)
                .where(
                    or_(
                        ReportJob.state == JobState.QUEUED,
                        and_(
                            ReportJob.state == JobState.RUNNING,
                            ReportJob.heartbeat_at < now - STALE_AFTER,
                        ),
                    )
                )
                .order_by(ReportJob.requested_at, ReportJob.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if job is None:
                return None
            if job.attempts >= MAX_ATTEMPTS:
                _finish(job, JobState.FAILED, f"Stopped after {job.attempts} attempts.")
                session.flush()
                continue
            job.state = JobState.RUNNING
            job.attempts += 1
            job.worker = worker
            job.started_at = job.heartbeat_at = now
            job.sections_done = job.sections_reused = 0
            job.message = ""
            return job.id


def run_job(
    database: Database, job_id: int, *, thresholds: Thresholds, processes: int = 2
) -> JobState:
    """Generate the job's packet, reporting progress on the job; archive it and link it."""
    with database.new_session(write=False) as session:
        job = session.get(ReportJob, job_id)
        if job is None:
            raise LookupError(f"No report job {job_id}.")
        lea_ids = [int(lea_id) for lea_id in job.lea_ids]
        as_of, audience, by_id = job.as_of, job.audience, job.requested_by_id

    def progress(step: PacketProgress) -> None:
        with transaction(database.writers) as session:
            running = session.get_one(ReportJob, job_id)
            running.sections_total = step.total
            running.sections_done = step.done
            running.sections_reused = step.reused
            running.heartbeat_at = utcnow()

    try:
        built = build_packet(
            database,
            lea_ids,
            as_of,
            audience,
            thresholds=thresholds,
            processes=processes,
            progress=progress,
        )
    except DomainError as refusal:
        return _fail(database, job_id, refusal.message)
    except Exception:
        log.exception("Board packet job %s failed.", job_id)
        return _fail(database, job_id, "The packet could not be generated; see the worker's log.")
    with transaction(database.writers) as session:
        by = session.get(User, by_id) if by_id is not None else None
        report = archive_report(session, built.report, by=by)
        job = session.get_one(ReportJob, job_id)
        job.report = report
        job.sections_done = job.sections_total
        _finish(job, JobState.SUCCEEDED, f"{built.report.pages} pages")
    log.info(
        "Board packet job %s: %s pages, %s sections laid out, %s reused.",
        job_id,
        built.report.pages,
        built.laid_out,
        built.reused,
    )
    return JobState.SUCCEEDED


def work(
    database: Database,
    *,
    thresholds: Thresholds,
    processes: int = 2,
    poll_seconds: float = 2.0,
    once: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Run jobs until ``should_stop`` (or, with ``once``, until none is waiting); the number
    of jobs run."""
    worker = worker_name()
    ran = 0
    while not should_stop():
        job_id = claim_next_job(database, worker)
        if job_id is None:
            if once:
                break
            time.sleep(poll_seconds)
            continue
        log.info("Worker %s runs board packet job %s.", worker, job_id)
        run_job(database, job_id, thresholds=thresholds, processes=processes)
        ran += 1
    return ran


def _fail(database: Database, job_id: int, message: str) -> JobState:
    with transaction(database.writers) as session:
        _finish(session.get_one(ReportJob, job_id), JobState.FAILED, message)
    return JobState.FAILED


def _finish(job: ReportJob, state: JobState, message: str) -> None:
    job.state = state
    job.message = message
    job.finished_at = utcnow()
