"""LEA pages: the LEA itself, creating and editing it, its engagement, archiving and restoring."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select

from sir_tracker.access.policy import can_edit_lea, is_admin
from sir_tracker.audit.editing import EditConflict
from sir_tracker.caseload.eligibility import READING
from sir_tracker.caseload.queries import eligibility_history
from sir_tracker.core import db, pacific_time
from sir_tracker.core.errors import DomainError
from sir_tracker.leas import operations
from sir_tracker.leas.models import CountyOffice, Engagement, Lea
from sir_tracker.leas.operations import EngagementValues, LeaValues
from sir_tracker.monitoring.pre_read import pre_read as pre_read_of
from sir_tracker.monitoring.profile import lea_profile
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.pages.leas.forms import (
    ChangesSinceForm,
    EditLeaForm,
    EngagementFieldsForm,
    EngagementForm,
    NewLeaForm,
)
from sir_tracker.users.models import Role, User
from sir_tracker.web import current
from sir_tracker.web.as_of import as_of_from
from sir_tracker.web.conflict import conflict_of
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.forms import LeaReportForm
from sir_tracker.web.loaders import lea_for, require_admin, require_edit
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page

blueprint = Blueprint("leas", __name__)


@blueprint.get("/leas/<id:lea_id>")
@sign_in_required
def lea(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    as_of = as_of_from(request.args)
    # ?since=YYYY-MM-DD: the changes listed are those recorded after that day.
    since_form = ChangesSinceForm(formdata=request.args)
    valid = since_form.validate()
    profile = lea_profile(
        db.session(),
        record,
        today=as_of.today,
        with_archived=is_admin(user),
        thresholds=Thresholds.from_config(current_app.config),
        as_of=as_of.day,
        since=since_form.since.data if valid else None,
    )
    if profile.changes is not None and not since_form.since.data:
        since_form.since.data = profile.changes.since
    # A past day is a read view: its editing controls are hidden.
    editable = can_edit_lea(user, record) and as_of.day is None
    html = render_template(
        "leas/lea.html",
        lea=profile,
        since_form=since_form,
        can_edit=editable,
        can_edit_engagement=editable and record.current_engagement is not None,
        can_start_engagement=editable and not record.is_archived and _not_engaged(record),
        eligibility=eligibility_history(db.session(), record),
        eligibility_reading=READING,
        is_admin=is_admin(user) and as_of.day is None,
        report_form=(
            LeaReportForm(formdata=None, as_of=as_of.day or as_of.today)
            if any(not sir.is_archived for sir in record.sirs)
            else None
        ),
        as_of=as_of,
    )
    return (html, INVALID_FORM) if as_of.refused or not valid else html


@blueprint.get("/leas/<id:lea_id>/pre-read")
@sign_in_required
def pre_read(lea_id: int) -> str:
    user = current.user()
    record = lea_for(user, lea_id)
    return render_template(
        "progress/pre_read.html",
        pre_read=pre_read_of(
            db.session(),
            record,
            today=pacific_time.today(),
            thresholds=Thresholds.from_config(current_app.config),
        ),
    )


@blueprint.route("/leas/new", methods=["GET", "POST"])
@sign_in_required
def new() -> Page:
    user = current.user()
    require_admin(user)
    offices, leads = _county_offices(), _ccee_leads(keep=None)
    form = NewLeaForm(county_offices=offices, ccee_leads=leads)
    if form.validate_on_submit():
        try:
            created = operations.create_lea(
                db.session(),
                _lea_values(form, offices),
                _engagement_values(form, leads, keep=None),
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"{created.name} is added.", "success")
            return redirect(url_for("leas.lea", lea_id=created.id))
    return _form_page("leas/new.html", form)


@blueprint.route("/leas/<id:lea_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    require_edit(user, record)
    offices = _county_offices()
    form = EditLeaForm(data=_lea_data(record), county_offices=offices)
    if form.validate_on_submit():
        try:
            changes = operations.update_lea(
                db.session(),
                record,
                _lea_values(form, offices),
                by=user,
                version=form.version.data,
            )
        except EditConflict as conflict:
            fresh = EditLeaForm(formdata=None, data=_lea_data(record), county_offices=offices)
            return _conflict_page("leas/edit.html", fresh, conflict, form, lea=record)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(_saved_message(record.name, changes), "success")
            return redirect(url_for("leas.lea", lea_id=record.id))
    return _form_page("leas/edit.html", form, lea=record)


@blueprint.route("/leas/<id:lea_id>/engagement", methods=["GET", "POST"])
@sign_in_required
def edit_engagement(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    require_edit(user, record)
    engagement = record.current_engagement
    if engagement is None:
        abort(404)
    leads = _ccee_leads(keep=engagement.ccee_lead) if is_admin(user) else None
    form = EngagementForm(data=_engagement_data(engagement), ccee_leads=leads)
    if form.validate_on_submit():
        try:
            changes = operations.update_engagement(
                db.session(),
                engagement,
                _engagement_values(form, leads or [], keep=engagement.ccee_lead),
                by=user,
                version=form.version.data,
            )
        except EditConflict as conflict:
            fresh = EngagementForm(
                formdata=None, data=_engagement_data(engagement), ccee_leads=leads
            )
            return _conflict_page(
                "leas/engagement.html", fresh, conflict, form, lea=record, engagement=engagement
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(_saved_message(f"The engagement of {record.name}", changes), "success")
            return redirect(url_for("leas.lea", lea_id=record.id))
    return _form_page("leas/engagement.html", form, lea=record, engagement=engagement)


@blueprint.route("/leas/<id:lea_id>/engagement/new", methods=["GET", "POST"])
@sign_in_required
def start_engagement(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    require_edit(user, record)
    leads = _ccee_leads(keep=None) if is_admin(user) else None
    form = EngagementFieldsForm(
        data={"started_on": pacific_time.today()} if request.method == "GET" else None,
        ccee_leads=leads,
    )
    if form.validate_on_submit():
        try:
            operations.start_engagement(
                db.session(),
                record,
                _engagement_values(form, leads or [], keep=None),
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"The engagement of {record.name} has started.", "success")
            return redirect(url_for("leas.lea", lea_id=record.id))
    return _form_page("leas/start_engagement.html", form, lea=record)


@blueprint.route("/leas/<id:lea_id>/archive", methods=["GET", "POST"])
@sign_in_required
def archive(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    require_admin(user)
    if record.is_archived:
        flash(f"{record.name} is already archived.", "info")
        return redirect(url_for("leas.lea", lea_id=record.id))
    if request.method == "POST":
        try:
            operations.archive_lea(db.session(), record, by=user)
        except DomainError as error:
            return render_template("leas/archive.html", lea=record, error=error.message), 422
        flash(f"{record.name} is archived. An administrator can restore it.", "success")
        return redirect(url_for("dashboard.index"))
    return render_template("leas/archive.html", lea=record, error=None)


@blueprint.post("/leas/<id:lea_id>/restore")
@sign_in_required
def restore(lea_id: int) -> Page:
    user = current.user()
    record = lea_for(user, lea_id)
    require_admin(user)
    try:
        operations.restore_lea(db.session(), record, by=user)
    except DomainError as error:
        return render_template(
            "errors/error.html",
            code=INVALID_FORM,
            title="Nothing to restore",
            message=error.message,
        ), INVALID_FORM
    flash(f"{record.name} is restored.", "success")
    return redirect(url_for("leas.lea", lea_id=record.id))


# --- helpers -------------------------------------------------------------------------------


def _not_engaged(lea: Lea) -> bool:
    """No engagement under way today: one may start."""
    current = lea.current_engagement
    return current is None or (
        current.exited_on is not None and current.exited_on <= pacific_time.today()
    )


def _county_offices() -> Sequence[CountyOffice]:
    return db.session().scalars(select(CountyOffice).order_by(CountyOffice.county)).all()


def _ccee_leads(*, keep: User | None) -> list[User]:
    """Active CCEE leads to choose from, and the engagement's own lead even if inactive."""
    leads = list(
        db.session().scalars(
            select(User)
            .where(User.role == Role.CCEE_LEAD, User.is_active.is_(True))
            .order_by(User.name)
        )
    )
    if keep is not None and keep not in leads:
        leads.append(keep)
    return leads


def _lea_data(lea: Lea) -> dict[str, Any]:
    return {
        "name": lea.name,
        "kind": lea.kind,
        "cds_code": lea.cds_code,
        "county_office": lea.county_office_id,
        "version": lea.version,
    }


def _engagement_data(engagement: Engagement) -> dict[str, Any]:
    return {
        "pathway": engagement.pathway,
        "mode": engagement.mode,
        "readiness": engagement.readiness,
        "started_on": engagement.started_on,
        "exited_on": engagement.exited_on,
        "ccee_lead": engagement.ccee_lead_id,
        "version": engagement.version,
    }


def _lea_values(form: Any, offices: Sequence[CountyOffice]) -> LeaValues:
    office = {o.id: o for o in offices}[form.county_office.data]
    return LeaValues(
        name=form.name.data,
        kind=form.kind.data,
        cds_code=form.cds_code.data,
        county_office=office,
    )


def _engagement_values(form: Any, leads: Sequence[User], *, keep: User | None) -> EngagementValues:
    lead = keep
    if "ccee_lead" in form:
        lead = {u.id: u for u in leads}.get(form.ccee_lead.data)
    return EngagementValues(
        pathway=form.pathway.data,
        mode=form.mode.data,
        readiness=form.readiness.data,
        started_on=form.started_on.data,
        exited_on=form.exited_on.data if "exited_on" in form else None,
        ccee_lead=lead,
    )


def _form_page(template: str, form: Any, **context: Any) -> Page:
    page = render_template(template, form=form, conflict=None, **context)
    return (page, INVALID_FORM) if form.errors else page


def _conflict_page(
    template: str, fresh: Any, error: EditConflict, submitted: Any, **context: Any
) -> Page:
    """The form refilled from the stored record, what others changed, and what was not saved."""
    conflict = conflict_of(error, submitted, fresh)
    return render_template(template, form=fresh, conflict=conflict, **context), CONFLICT


def _saved_message(subject: str, changes: Mapping[str, Any]) -> str:
    if not changes:
        return f"Nothing changed: {subject} is as it was."
    return f"{subject} is saved."
