"""The import of California School Dashboard results (administrators): the page with the
years held and the upload, the dry run, its confirmation, and the template."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from sir_tracker.caseload.eligibility import READING
from sir_tracker.caseload.models import DashboardYear
from sir_tracker.core import db
from sir_tracker.pages.spreadsheets import uploads
from sir_tracker.pages.spreadsheets.forms import ConfirmForm, DashboardUploadForm
from sir_tracker.spreadsheets.dashboard import (
    DASHBOARD_LAYOUT,
    TEMPLATE_FILENAME,
    DashboardPlan,
    dashboard_template_bytes,
    plan_dashboard_import,
)
from sir_tracker.spreadsheets.operations import ImportRefused, import_dashboard_plan
from sir_tracker.spreadsheets.reading import MAX_FILE_BYTES, FileRefused, ReadFile, read_upload
from sir_tracker.spreadsheets.writing import XLSX_TYPE
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_admin
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page, attachment

blueprint = Blueprint("dashboard_results", __name__)

SHOWN_ROWS = 200


@blueprint.get("/dashboard-results")
@sign_in_required
def index() -> Page:
    require_admin(current.user())
    return _page(DashboardUploadForm(formdata=None))


def _page(form: DashboardUploadForm, *, refusal: str | None = None, status: int = 200) -> Page:
    held = db.session().execute(
        select(DashboardYear.year, func.count(DashboardYear.id))
        .where(DashboardYear.replaced_at.is_(None))
        .group_by(DashboardYear.year)
        .order_by(DashboardYear.year.desc())
    )
    html = render_template(
        "spreadsheets/dashboard.html",
        held=held.all(),
        upload_form=form,
        refusal=refusal,
        reading=READING,
        max_megabytes=MAX_FILE_BYTES // (1024 * 1024),
    )
    return html, status


@blueprint.post("/dashboard-results/import")
@sign_in_required
def dry_run() -> Page:
    user = current.user()
    require_admin(user)
    form = DashboardUploadForm()
    if not form.validate_on_submit():
        return _page(form, status=INVALID_FORM)
    upload = form.file.data
    with upload.stream:
        content = upload.stream.read(MAX_FILE_BYTES + 1)
    db.release()  # reading a workbook takes a while; it needs no lock
    read = _read(upload.filename or "upload", content)
    if isinstance(read, str):
        return _page(form, refusal=read, status=INVALID_FORM)
    plan = plan_dashboard_import(db.session(), read)
    token = "" if plan.problems or plan.writes_nothing else uploads.keep(user, content)
    return _dry_run_page(plan, token)


@blueprint.post("/dashboard-results/import/confirm")
@sign_in_required
def confirm() -> Page:
    user = current.user()
    require_admin(user)
    form = ConfirmForm()
    content = uploads.load(user, form.token.data or "0") if form.validate_on_submit() else None
    if content is None:
        return _page(
            DashboardUploadForm(formdata=None),
            refusal="This dry run is no longer available (or its form was incomplete): "
            "nothing was imported. Upload the file again to see its dry run.",
            status=INVALID_FORM,
        )
    token: str = form.token.data or ""
    db.release()
    read = _read(form.filename.data or "", content)
    if isinstance(read, str):
        return _page(DashboardUploadForm(formdata=None), refusal=read, status=INVALID_FORM)
    plan = plan_dashboard_import(db.session(), read)
    if plan.fingerprint != form.fingerprint.data:
        return _dry_run_page(plan, token, changed=True, status=CONFLICT)
    try:
        recorded = import_dashboard_plan(db.session(), plan, by=user)
    except ImportRefused as refused:
        return _dry_run_page(plan, token, refusal=refused.message, status=INVALID_FORM)
    uploads.discard(user, token)
    created = f", {len(plan.new_leas)} LEAs created" if plan.new_leas else ""
    flash(f"Imported {plan.filename}: {recorded} LEA-years recorded{created}.", "success")
    return redirect(url_for("caseload.pipeline_page"))


def _read(filename: str, content: bytes) -> ReadFile | str:
    """The file read, or why it cannot be."""
    try:
        return read_upload(filename, content, DASHBOARD_LAYOUT)
    except FileRefused as refused:
        return refused.message


def _dry_run_page(
    plan: DashboardPlan,
    token: str,
    *,
    changed: bool = False,
    refusal: str | None = None,
    status: int | None = None,
) -> Page:
    confirm_form = ConfirmForm(
        formdata=None, token=token, filename=plan.filename, fingerprint=plan.fingerprint
    )
    html = render_template(
        "spreadsheets/dashboard_dry_run.html",
        plan=plan,
        confirm_form=confirm_form,
        changed=changed,
        refusal=refusal,
        shown=SHOWN_ROWS,
        upload_form=DashboardUploadForm(formdata=None),
    )
    return html, status or (INVALID_FORM if plan.problems else 200)


@blueprint.get("/dashboard-results/template.xlsx")
@sign_in_required
def template() -> Response:
    require_admin(current.user())
    return attachment(dashboard_template_bytes(), TEMPLATE_FILENAME, XLSX_TYPE)
