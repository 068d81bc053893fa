"""PDF status reports on the web: ask for one, follow its job, list an LEA's archive, download
an archived report byte for byte; cancel a report job.

No report is laid out here: asking queues a job for ``sir-tracker worker`` (a layout takes
seconds, and a request must never hold the database that long), except when a section laid
out from the LEA's current data is kept, which is archived and answered at once. Asking is a
POST: it writes, and no link, prefetch or other site should start it by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import defer, selectinload
from werkzeug.wrappers import Response

from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.pages.reports.job_lines import job_lines, job_url
from sir_tracker.reports.jobs import cancel_job, request_lea_report
from sir_tracker.reports.models import GeneratedReport, JobState, ReportJob, ReportKind
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.forms import LeaReportForm
from sir_tracker.web.loaders import job_for, lea_for, report_for
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("reports", __name__)

SEE_OTHER = 303


@dataclass(frozen=True)
class ArchivedLine:
    url: str
    filename: str
    generated_at: str
    generated_by: str
    as_of: str
    audience: str
    pages: int
    size: str


@blueprint.post("/leas/<id:lea_id>/report.pdf")
@sign_in_required
def generate(lea_id: int) -> Response | tuple[str, int]:
    user = current.user()
    lea = lea_for(user, lea_id)
    form = LeaReportForm()
    if form.validate_on_submit():
        try:
            asked = request_lea_report(
                db.session(),
                by=user,
                lea=lea,
                as_of=form.chosen_as_of,
                audience=form.chosen_audience,
                thresholds=Thresholds.from_config(current_app.config),
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            if isinstance(asked, GeneratedReport):
                return _pdf(asked)
            return redirect(job_url(asked), SEE_OTHER)
    return _archive_page(lea, form), INVALID_FORM


@blueprint.get("/leas/<id:lea_id>/reports/jobs/<id:job_id>")
@sign_in_required
def job(lea_id: int, job_id: int) -> str:
    user = current.user()
    lea = lea_for(user, lea_id)
    found = job_for(user, job_id)
    if found.kind is not ReportKind.LEA or found.lea_ids != [lea.id]:
        abort(404)
    return render_template("reports/lea_report_job.html", lea=lea, job=job_lines([found])[0])


@blueprint.post("/report-jobs/<id:job_id>/cancel", endpoint="cancel_job")
@sign_in_required
def cancel(job_id: int) -> Response:
    user = current.user()
    found = job_for(user, job_id)
    try:
        cancel_job(db.session(), found, by=user)
    except DomainError as error:
        flash(error.message, "info")
    else:
        flash("The report is cancelled: nothing will be generated.", "success")
    return redirect(job_url(found), SEE_OTHER)


@blueprint.get("/leas/<id:lea_id>/reports")
@sign_in_required
def lea_reports(lea_id: int) -> str:
    lea = lea_for(current.user(), lea_id)
    return _archive_page(lea, LeaReportForm())


@blueprint.get("/reports/<id:report_id>.pdf")
@sign_in_required
def download(report_id: int) -> Response:
    return _pdf(report_for(current.user(), report_id))


def _pdf(report: GeneratedReport) -> Response:
    response = Response(report.pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=report.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _archive_page(lea: Lea, form: LeaReportForm) -> str:
    # The list needs each PDF's size, not its bytes.
    reports = db.session().execute(
        select(GeneratedReport, func.length(GeneratedReport.pdf))
        .where(GeneratedReport.lea_id == lea.id)
        .options(defer(GeneratedReport.pdf), selectinload(GeneratedReport.generated_by))
        .order_by(GeneratedReport.generated_at.desc(), GeneratedReport.id.desc())
    )
    user = current.user()
    waiting = db.session().scalars(
        select(ReportJob)
        .where(
            ReportJob.kind == ReportKind.LEA,
            ReportJob.requested_by_id == user.id,
            ReportJob.state.in_([JobState.QUEUED, JobState.RUNNING]),
        )
        .order_by(ReportJob.requested_at.desc(), ReportJob.id.desc())
    )
    return render_template(
        "reports/lea_reports.html",
        lea=lea,
        form=form,
        jobs=job_lines([job for job in waiting if job.lea_ids == [lea.id]]),
        reports=[
            ArchivedLine(
                url=url_for("reports.download", report_id=report.id),
                filename=report.filename,
                generated_at=pacific_datetime(report.generated_at),
                generated_by=report.generated_by.name if report.generated_by else "Command line",
                as_of=long_date(report.as_of),
                audience=report.audience.label,
                pages=report.pages,
                size=_size(size),
            )
            for report, size in reports
        ],
    )


def _size(length: int) -> str:
    if length < 1024 * 1024:
        return f"{max(1, round(length / 1024))} KB"
    return f"{length / (1024 * 1024):.1f} MB"
