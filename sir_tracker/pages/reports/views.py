"""PDF status reports on the web: generate one (archived as it is answered), list an LEA's
archive, download an archived report byte for byte.

Generating is a POST: it writes the archive row, and a report is seconds of work that no
link, prefetch or other site should start by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import defer, selectinload
from werkzeug.wrappers import Response

from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.models import GeneratedReport
from sir_tracker.reports.operations import generate_lea_report
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.forms import LeaReportForm
from sir_tracker.web.loaders import lea_for, report_for
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("reports", __name__)


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
            report = generate_lea_report(
                db.session(),
                lea,
                form.chosen_as_of,
                form.chosen_audience,
                by=user,
                thresholds=Thresholds.from_config(current_app.config),
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            return _pdf(report)
    return _archive_page(lea, form), INVALID_FORM


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
    return render_template(
        "reports/lea_reports.html",
        lea=lea,
        form=form,
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
