"""Board packets on the web: ask for one (a job for the worker), follow its progress, download
it when ready. A request only writes the job; ``sir-tracker worker`` lays the packet out."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from sir_tracker.access.policy import is_admin, visible_leas
from sir_tracker.core import db, pacific_time
from sir_tracker.core.errors import DomainError
from sir_tracker.leas.models import Lea
from sir_tracker.monitoring.profile import in_dta
from sir_tracker.pages.reports.forms import BoardPacketForm
from sir_tracker.pages.reports.job_lines import job_lines
from sir_tracker.reports.jobs import request_packet
from sir_tracker.reports.models import ReportJob, ReportKind
from sir_tracker.reports.packet_data import load_leas
from sir_tracker.reviews.queries import current_sir
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import job_for, require_packet
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("packets", __name__)

SEE_OTHER = 303
RECENT_JOBS = 20


@blueprint.get("/board-packets")
@sign_in_required
def index() -> str:
    user = current.user()
    require_packet(user)
    return _page(user, _form(user))


@blueprint.post("/board-packets")
@sign_in_required
def create() -> Response | tuple[str, int]:
    user = current.user()
    require_packet(user)
    form = _form(user)
    if form.validate_on_submit():
        try:
            job = request_packet(
                db.session(),
                by=user,
                lea_ids=form.chosen_leas,
                as_of=form.chosen_as_of,
                audience=form.chosen_audience,
                board_meeting=form.board_meeting.data,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            return redirect(url_for("packets.job", job_id=job.id), SEE_OTHER)
    return _page(user, form), INVALID_FORM


@blueprint.get("/board-packets/jobs/<id:job_id>")
@sign_in_required
def job(job_id: int) -> str:
    found = job_for(current.user(), job_id)
    if found.kind is not ReportKind.BOARD_PACKET:
        abort(404)
    return render_template("reports/board_packet_job.html", job=job_lines([found])[0])


def _form(user: User) -> BoardPacketForm:
    """The form, offering the LEAs with a SIR that ``user`` may see, those in DTA today ticked."""
    today = pacific_time.today()
    leas = [lea for lea in _visible_leas(user) if current_sir(lea) is not None]
    form = BoardPacketForm()
    form.leas.offer([(lea.id, lea.name) for lea in leas])
    if not form.is_submitted():
        form.leas.data = [lea.id for lea in leas if in_dta(lea.engagement_on(today), today)]
    return form


def _visible_leas(user: User) -> list[Lea]:
    return load_leas(db.session(), visible_leas(user), Lea.archived_at.is_(None))


def _page(user: User, form: BoardPacketForm) -> str:
    query = (
        select(ReportJob)
        .where(ReportJob.kind == ReportKind.BOARD_PACKET)
        .order_by(ReportJob.requested_at.desc(), ReportJob.id.desc())
    )
    if not is_admin(user):
        query = query.where(ReportJob.requested_by_id == user.id)
    jobs = db.session().scalars(query.limit(RECENT_JOBS))
    return render_template("reports/board_packets.html", form=form, jobs=job_lines(list(jobs)))
