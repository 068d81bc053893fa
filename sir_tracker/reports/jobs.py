"""Reports in the background: a job row per LEA report or board packet asked for on the web,
run by ``sir-tracker worker`` processes that share the database with the web.

A web request only writes the job (milliseconds), or hands over at once an LEA report whose
section is already laid out from the LEA's current data. A worker claims the oldest waiting
job (LEA reports before packets: seconds of work should not wait behind minutes), writes its
progress section by section, archives the report and links it to the job. Nothing is laid out
inside a write transaction: on SQLite that would hold the one write lock for seconds, and
every other user's change would wait for it, then fail.

Several workers (on one machine or several) can share the queue: claiming is one short write
transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite serialises writers). A job whose
worker stopped beating for ``STALE_AFTER`` is claimed again, up to ``MAX_ATTEMPTS`` times. A
worker that cannot use the database (locked, unreachable) waits and tries again; it never exits
on its own.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, or_, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from sir_tracker.core.database import transaction, utcnow
from sir_tracker.core.db import Database
from sir_tracker.core.errors import DomainError
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.assembly import numbered
from sir_tracker.reports.budget import LayoutBudget, ReportOverBudget
from sir_tracker.reports.data import lea_report_data, report_sir
from sir_tracker.reports.models import Audience, GeneratedReport, JobState, ReportJob, ReportKind
from sir_tracker.reports.operations import (
    RenderedReport,
    ReportRefused,
    archive_report,
    check_as_of,
    report_filename,
)
from sir_tracker.reports.packet import CCEE, PacketProgress, build_packet
from sir_tracker.reports.sections import (
    SectionPdf,
    cached_sections,
    data_versions,
    keep_section,
    prune_sections,
)
from sir_tracker.users.models import User

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
ACTIVE = frozenset({JobState.QUEUED, JobState.RUNNING})
# What a locked (SQLite, past its busy timeout) or unreachable database raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# The longest a worker waits between two tries at a database it cannot use.
LONGEST_WAIT_SECONDS = 30.0


class JobCancelled(Exception):
    """The job was cancelled while a worker ran it."""


def request_packet(
    session: Session,
    *,
    by: User | None,
    lea_ids: Sequence[int],
    as_of: date,
    audience: Audience,
    board_meeting: date | None = None,
) -> ReportJob:
    """Queue a board packet of ``lea_ids`` (already scoped to what ``by`` may see), or join
    the job ``by`` already has waiting for the same packet."""
    check_as_of(as_of)
    if not lea_ids:
        raise ReportRefused("Choose at least one LEA for the board packet.", field="leas")
    return _queue(session, ReportKind.BOARD_PACKET, by=by, lea_ids=lea_ids, as_of=as_of,
                  audience=audience, board_meeting=board_meeting)  # fmt: skip


def request_lea_report(
    session: Session,
    *,
    by: User,
    lea: Lea,
    as_of: date,
    audience: Audience,
    thresholds: Thresholds,
) -> GeneratedReport | ReportJob:
    """``lea``'s status report at once, archived for ``by``, when a section laid out from the
    LEA's current data is kept for that date and audience; otherwise a job for the worker (or
    the one ``by`` already has waiting for the same report).

    Refused (``ReportRefused``, ``NothingToReport``) for a date in the future or an LEA
    without a SIR, before anything is queued.
    """
    check_as_of(as_of)
    report_sir(lea)
    versions = data_versions(session, [lea.id], thresholds)
    kept = cached_sections(session, versions, as_of, audience).get(lea.id)
    if kept is not None:
        return archive_report(session, _lea_report(lea.name, kept, as_of, audience), by=by)
    return _queue(session, ReportKind.LEA, by=by, lea_ids=[lea.id], as_of=as_of,
                  audience=audience)  # fmt: skip


def cancel_job(session: Session, job: ReportJob, *, by: User) -> None:
    """Cancel a waiting or running job; a worker running it stops at its next step and
    archives nothing. Refused once the job has finished."""
    if job.state not in ACTIVE:
        raise ReportRefused(f"This job had already finished ({job.state.label.lower()}).")
    _finish(job, JobState.CANCELLED, f"Cancelled by {by.name}.")
    session.flush()


def _queue(
    session: Session,
    kind: ReportKind,
    *,
    by: User | None,
    lea_ids: Sequence[int],
    as_of: date,
    audience: Audience,
    board_meeting: date | None = None,
) -> ReportJob:
    # Asking again while the same job still waits (a second click, a reload) joins it.
    if by is not None:
        waiting = session.scalars(
            select(ReportJob)
            .where(
                ReportJob.kind == kind,
                ReportJob.state == JobState.QUEUED,
                ReportJob.requested_by_id == by.id,
                ReportJob.as_of == as_of,
                ReportJob.audience == audience,
                ReportJob.board_meeting.is_(None)
                if board_meeting is None
                else ReportJob.board_meeting == board_meeting,
            )
            .order_by(ReportJob.id)
        )
        for job in waiting:
            if [int(lea_id) for lea_id in job.lea_ids] == list(lea_ids):
                return job
    job = ReportJob(
        kind=kind,
        state=JobState.QUEUED,
        as_of=as_of,
        audience=audience,
        lea_ids=list(lea_ids),
        board_meeting=board_meeting,
        requested_by=by,
        sections_total=len(lea_ids),
    )
    session.add(job)
    session.flush()
    return job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next_job(database: Database, worker: str) -> int | None:
    """Take the oldest waiting job, LEA reports first (or one whose worker went silent); None
    if there is none."""
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
                .order_by(
                    case((ReportJob.kind == ReportKind.LEA, 0), else_=1),
                    ReportJob.requested_at,
                    ReportJob.id,
                )
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


@dataclass(frozen=True)
class _Order:
    """What a job asks for, read once so that no session stays open while it runs."""

    kind: ReportKind
    lea_ids: list[int]
    as_of: date
    audience: Audience
    by_id: int | None
    by_name: str  # who asked: the packet's cover says it was prepared by them
    board_meeting: date | None


def run_job(
    database: Database,
    job_id: int,
    *,
    thresholds: Thresholds,
    processes: int = 2,
    budget: LayoutBudget | None = None,
) -> JobState:
    """Generate the job's report, reporting progress on the job; archive it and link it.

    A report past ``budget`` ends the job refused, with the reason, and archives nothing. A
    database that cannot be used raises (``DATABASE_UNAVAILABLE``): the job stays claimed and
    is taken again once its heartbeat is stale."""
    with database.new_session(write=False) as session:
        job = session.get(ReportJob, job_id)
        if job is None:
            raise LookupError(f"No report job {job_id}.")
        by = job.requested_by
        order = _Order(
            job.kind,
            [int(i) for i in job.lea_ids],
            job.as_of,
            job.audience,
            job.requested_by_id,
            f"{by.name}, {CCEE}" if by is not None else CCEE,
            job.board_meeting,
        )
    same_as: int | None = None
    try:
        if order.kind is ReportKind.LEA:
            rendered, laid_out = _lay_out_lea_report(database, order, thresholds, budget)
        else:
            built = build_packet(
                database,
                order.lea_ids,
                order.as_of,
                order.audience,
                thresholds=thresholds,
                processes=processes,
                progress=_progress_of(database, job_id),
                budget=budget,
                prepared_by=order.by_name,
                board_meeting=order.board_meeting,
            )
            rendered, laid_out = built.report, built.laid_out
            if built.same_as is not None:
                same_as = built.same_as
    except JobCancelled:
        log.info("Report job %s was cancelled while it ran.", job_id)
        return JobState.CANCELLED
    except ReportOverBudget as refusal:
        log.info("Report job %s: %s", job_id, refusal.message)
        return _fail(database, job_id, refusal.message, JobState.REFUSED)
    except DomainError as refusal:
        return _fail(database, job_id, refusal.message)
    except DATABASE_UNAVAILABLE:
        raise
    except Exception:
        log.exception("Report job %s failed.", job_id)
        return _fail(database, job_id, "The report could not be generated; see the worker's log.")
    with transaction(database.writers) as session:
        job = session.get_one(ReportJob, job_id)
        if job.state not in ACTIVE:  # cancelled meanwhile: nothing to archive
            return job.state
        by = session.get(User, order.by_id) if order.by_id is not None else None
        job.report = archive_report(session, rendered, by=by)
        job.sections_done = job.sections_total
        done = f"{rendered.pages} pages"
        if same_as is not None:  # nothing changed since: the same bytes, archived again
            done += f", the same as archived report #{same_as}"
        _finish(job, JobState.SUCCEEDED, done)
    # "Board packet job 7: ...", "LEA status report job 8: ..."
    log.info(
        "%s job %s: %s pages, %s sections laid out.",
        order.kind.label,
        job_id,
        rendered.pages,
        laid_out,
    )
    return JobState.SUCCEEDED


def _lay_out_lea_report(
    database: Database, order: _Order, thresholds: Thresholds, budget: LayoutBudget | None
) -> tuple[RenderedReport, int]:
    """The LEA's report, from its kept section if still good, else laid out in this process
    (kept as a section, so that asking again, or a packet, re-uses it)."""
    (lea_id,) = order.lea_ids
    check_as_of(order.as_of)
    generated_at = utcnow()
    # The version is read before the data: a change committed in between makes the kept
    # section look stale (laid out again later), never a stale section look current.
    with database.new_session(write=False) as session:
        lea = session.get(Lea, lea_id)
        if lea is None:
            raise ReportRefused("The LEA of this report no longer exists.")
        name = lea.name
        versions = data_versions(session, [lea_id], thresholds)
        kept = cached_sections(session, versions, order.as_of, order.audience).get(lea_id)
        data = None
        if kept is None:
            data = lea_report_data(session, lea, order.as_of, order.audience,
                                   thresholds=thresholds, generated_at=generated_at)  # fmt: skip
    if data is None:
        assert kept is not None
        return _lea_report(name, kept, order.as_of, order.audience), 0
    from sir_tracker.reports.render import lea_report_section  # WeasyPrint: where it runs

    pdf = lea_report_section(data, budget)
    section = SectionPdf(lea_id, pdf.data, pdf.pages)
    keep_section(database, section, versions, order.as_of, order.audience)
    return _lea_report(name, section, order.as_of, order.audience, generated_at), 1


def _lea_report(
    name: str,
    section: SectionPdf,
    as_of: date,
    audience: Audience,
    generated_at: datetime | None = None,
) -> RenderedReport:
    return RenderedReport.of(
        ReportKind.LEA,
        lea_id=section.lea_id,
        as_of=as_of,
        audience=audience,
        filename=report_filename(name, as_of, audience),
        pdf=numbered(section.pdf),
        pages=section.pages,
        generated_at=generated_at or utcnow(),
    )


def _progress_of(database: Database, job_id: int) -> Callable[[PacketProgress], None]:
    def progress(step: PacketProgress) -> None:
        try:
            with transaction(database.writers) as session:
                running = session.get_one(ReportJob, job_id)
                if running.state is JobState.CANCELLED:
                    raise JobCancelled
                running.sections_total = step.total
                running.sections_done = step.done
                running.sections_reused = step.reused
                running.heartbeat_at = utcnow()
        except DATABASE_UNAVAILABLE as error:
            # Progress is for the reader's eyes: the packet goes on without it.
            log.warning("Report job %s: progress not written (%s).", job_id, error.orig)

    return progress


def work(
    database: Database,
    *,
    thresholds: Thresholds,
    processes: int = 2,
    poll_seconds: float = 2.0,
    once: bool = False,
    should_stop: Callable[[], bool] = lambda: False,
    between_jobs: Callable[[], None] = lambda: None,
    budget: LayoutBudget | None = None,
) -> int:
    """Run jobs until ``should_stop`` (or, with ``once``, until none is waiting); the number
    of jobs run; ``between_jobs`` runs before each look at the queue (sending reports). A
    database error or a failing job never ends the loop: the worker waits, longer each time
    up to ``LONGEST_WAIT_SECONDS``, and tries again."""
    worker = worker_name()
    ran = 0
    wait = poll_seconds
    while not should_stop():
        try:
            between_jobs()
            job_id = claim_next_job(database, worker)
            if job_id is None:
                if once:
                    break
                _pause(poll_seconds, should_stop)
                continue
            log.info("Worker %s runs report job %s.", worker, job_id)
            run_job(database, job_id, thresholds=thresholds, processes=processes, budget=budget)
            ran += 1
            pruned = prune_sections(database, thresholds)
            if pruned:
                log.info("Pruned %s laid-out sections that no report can use any more.", pruned)
            wait = poll_seconds
        except DATABASE_UNAVAILABLE as error:
            log.warning(
                "Worker %s cannot use the database (%s); trying again in %.0f s.",
                worker,
                str(error.orig).splitlines()[0] if error.orig else error,
                wait,
            )
            _pause(wait, should_stop)
            wait = min(wait * 2, LONGEST_WAIT_SECONDS)
        except Exception:
            log.exception("Worker %s: unexpected error; going on in %.0f s.", worker, wait)
            _pause(wait, should_stop)
            wait = min(wait * 2, LONGEST_WAIT_SECONDS)
    return ran


def _pause(seconds: float, should_stop: Callable[[], bool]) -> None:
    """Sleep ``seconds``, waking early when asked to stop."""
    deadline = time.monotonic() + seconds
    while not should_stop() and (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.2))


def _fail(
    database: Database, job_id: int, message: str, state: JobState = JobState.FAILED
) -> JobState:
    with transaction(database.writers) as session:
        job = session.get_one(ReportJob, job_id)
        if job.state not in ACTIVE:  # cancelled meanwhile
            return job.state
        _finish(job, state, message)
    return state


def _finish(job: ReportJob, state: JobState, message: str) -> None:
    job.state = state
    job.message = message
    job.finished_at = utcnow()
