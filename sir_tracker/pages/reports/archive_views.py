"""The report archive: every archived LEA report and board packet one may read, newest first,
with whom each was sent to; "Send to a list"; and the download links those e-mails carry.

Sending only records the sending (milliseconds): ``sir-tracker worker`` sends the e-mails. A
download link needs no sign-in: it is signed, names one recipient's delivery, and works until
the sending's links expire; then it answers 410 with a page saying so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import defer, selectinload
from werkzeug.wrappers import Response

from sir_tracker.access.policy import can_send_reports, can_view_report
from sir_tracker.core import db
from sir_tracker.core.database import utcnow
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.leas.models import Lea
from sir_tracker.pages.reports.forms import SendForm
from sir_tracker.reports.distribution.delivery import DistributionSettings
from sir_tracker.reports.distribution.links import DeliveryLinks
from sir_tracker.reports.distribution.models import (
    DeliveryState,
    DistributionList,
    ReportDelivery,
    ReportSending,
)
from sir_tracker.reports.distribution.operations import send_report
from sir_tracker.reports.models import GeneratedReport
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import report_for
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("archive", __name__)

SEE_OTHER = 303
GONE = 410
RECENT_REPORTS = 50


@dataclass(frozen=True)
class SendingLine:
    sent_at: str
    sent_by: str
    list_name: str
    recipients: int
    outcome: str  # "3 sent", "2 sent, 1 waiting"
    failures: tuple[str, ...]  # "Ana (ana@example.org), after 3 tries: ... 550 ..."
    links_until: str
    message: str


@dataclass(frozen=True)
class ArchiveLine:
    id: int
    title: str  # "Board packet (4 LEAs)", "LEA status report: Mesa Linda Unified School District"
    generated_at: str
    generated_by: str
    as_of: str
    audience: str
    pages: int
    sha256: str
    download_url: str
    send_url: str | None
    sendings: tuple[SendingLine, ...]


@blueprint.get("/reports")
@sign_in_required
def index() -> str:
    user = current.user()
    session = db.session()
    reports = session.scalars(
        select(GeneratedReport)
        .options(
            defer(GeneratedReport.pdf),
            selectinload(GeneratedReport.generated_by),
            selectinload(GeneratedReport.leas).selectinload(Lea.county_office),
        )
        .order_by(GeneratedReport.generated_at.desc(), GeneratedReport.id.desc())
        # Scoping is decided per report: read a few more than are shown, for the readers who
        # may not read every one (a county office reads its county's).
        .limit(RECENT_REPORTS * 4)
    ).all()
    lea_ids = {report.lea_id for report in reports if report.lea_id is not None}
    leas = {lea.id: lea for lea in session.scalars(select(Lea).where(Lea.id.in_(lea_ids)))}
    readable = [
        report
        for report in reports
        if can_view_report(user, report, leas.get(report.lea_id) if report.lea_id else None)
    ][:RECENT_REPORTS]
    sendings = _sendings_of([report.id for report in readable])
    may_send = can_send_reports(user)
    return render_template(
        "reports/archive.html",
        lines=[
            _line(report, leas, sendings.get(report.id, []), may_send=may_send)
            for report in readable
        ],
    )


@blueprint.route("/reports/<id:report_id>/send", methods=["GET", "POST"])
@sign_in_required
def send(report_id: int) -> Response | str | tuple[str, int]:
    user = current.user()
    report = report_for(user, report_id)
    if not can_send_reports(user):
        abort(403)
    form = _send_form()
    if form.validate_on_submit():
        distribution = db.session().get(DistributionList, form.list.data)
        try:
            if distribution is None:
                raise DomainError("That list no longer exists: choose another.", field="list")
            sending = send_report(
                db.session(), report, distribution, form.message.data or "", by=user,
                link_days=DistributionSettings.from_config(current_app.config).link_days,
            )  # fmt: skip
        except DomainError as refusal:
            show_refusal(form, refusal)
        else:
            count = len(sending.deliveries)
            flash(
                f"{report.filename} goes to {sending.list_name} ({count} member"
                f"{'s' if count != 1 else ''}): the e-mails leave within a minute or two.",
                "success",
            )
            return redirect(url_for("archive.index", _anchor=f"report-{report.id}"), SEE_OTHER)
    page = render_template(
        "reports/send.html", report=report, line=_line(report, {}, [], may_send=True), form=form
    )
    return (page, INVALID_FORM) if form.is_submitted() else page


@blueprint.get("/delivered/<token>")
def delivered(token: str) -> Response | tuple[str, int]:
    delivery_id = DeliveryLinks(current_app.config["SECRET_KEY"]).delivery_id(token)
    delivery = db.session().get(ReportDelivery, delivery_id) if delivery_id is not None else None
    if delivery is None:
        abort(404)
    sending = delivery.sending
    if utcnow() >= sending.links_expire_at:
        return render_template(
            "reports/link_expired.html",
            expired_at=pacific_datetime(sending.links_expire_at),
            sender=sending.sent_by.name,
        ), GONE
    report = sending.report
    response = Response(report.pdf, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=report.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _send_form() -> SendForm:
    form = SendForm()
    lists = db.session().scalars(
        select(DistributionList).order_by(func.lower(DistributionList.name))
    )
    form.list.choices = [(found.id, found.name) for found in lists]
    return form


def _sendings_of(report_ids: list[int]) -> dict[int, list[ReportSending]]:
    found: dict[int, list[ReportSending]] = {}
    if not report_ids:
        return found
    sendings = db.session().scalars(
        select(ReportSending)
        .where(ReportSending.report_id.in_(report_ids))
        .options(selectinload(ReportSending.deliveries), selectinload(ReportSending.sent_by))
        .order_by(ReportSending.sent_at.desc(), ReportSending.id.desc())
    )
    for sending in sendings:
        found.setdefault(sending.report_id, []).append(sending)
    return found


def _line(
    report: GeneratedReport, leas: dict[int, Lea], sendings: list[ReportSending], *, may_send: bool
) -> ArchiveLine:
    if report.lea_id is None:
        title = (
            f"{report.kind.label} ({len(report.leas)} LEA{'s' if len(report.leas) != 1 else ''})"
        )
    else:
        lea = leas.get(report.lea_id) or db.session().get(Lea, report.lea_id)
        title = f"{report.kind.label}: {lea.name if lea else ''}"
    return ArchiveLine(
        id=report.id,
        title=title,
        generated_at=pacific_datetime(report.generated_at),
        generated_by=report.generated_by.name if report.generated_by else "Command line",
        as_of=long_date(report.as_of),
        audience=report.audience.label,
        pages=report.pages,
        sha256=report.sha256,
        download_url=url_for("reports.download", report_id=report.id),
        send_url=url_for("archive.send", report_id=report.id) if may_send else None,
        sendings=tuple(_sending_line(sending) for sending in sendings),
    )


def _sending_line(sending: ReportSending) -> SendingLine:
    states = Counter(delivery.state for delivery in sending.deliveries)
    outcome = ", ".join(
        f"{states[state]} {state.label}" for state in DeliveryState if states[state]
    )
    return SendingLine(
        sent_at=pacific_datetime(sending.sent_at),
        sent_by=sending.sent_by.name,
        list_name=sending.list_name,
        recipients=len(sending.deliveries),
        outcome=outcome,
        failures=tuple(
            f"{delivery.name} ({delivery.email}), after {delivery.attempts} tries: "
            f"{delivery.last_error}"
            for delivery in sending.deliveries
            if delivery.state is DeliveryState.FAILED
        ),
        links_until=pacific_datetime(sending.links_expire_at),
        message=sending.message,
    )
