"""Spreadsheets on the web: a SIR's import (upload, dry run, confirmation) and exports, the
import template, and the exports of the dashboard's caseload and the board packet summary."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from sir_tracker.access.policy import can_edit_lea
from sir_tracker.core import db, pacific_time
from sir_tracker.core.database import utcnow
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.pages.spreadsheets import uploads
from sir_tracker.pages.spreadsheets.forms import (
    ConfirmForm,
    ExportForm,
    PacketSummaryForm,
    UploadForm,
)
from sir_tracker.reviews.models import Sir
from sir_tracker.spreadsheets import exports
from sir_tracker.spreadsheets.operations import ImportRefused, import_plan
from sir_tracker.spreadsheets.planning import ImportPlan, plan_import
from sir_tracker.spreadsheets.reading import MAX_FILE_BYTES, FileRefused, read_upload
from sir_tracker.spreadsheets.template import TEMPLATE_FILENAME, template_bytes
from sir_tracker.spreadsheets.writing import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_bytes
from sir_tracker.users.models import User
from sir_tracker.web import current, loaders
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page, attachment

blueprint = Blueprint("spreadsheets", __name__)

KINDS = "any(xlsx, csv)"
# Rows of each list a dry run page shows; the counts are always complete.
SHOWN_ROWS = 200


# --- A SIR's spreadsheets page: export, and import for its editors ----------------------------


@blueprint.get("/sirs/<id:sir_id>/spreadsheets")
@sign_in_required
def sir_spreadsheets(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    return _sir_page(found, user, ExportForm(request.args))


def _sir_page(
    sir: Sir,
    user: User,
    export_form: ExportForm,
    *,
    upload_form: UploadForm | None = None,
    refusal: str | None = None,
    status: int = 200,
) -> Page:
    editable = can_edit_lea(user, sir.lea)
    if editable and upload_form is None:
        upload_form = UploadForm(formdata=None)
    html = render_template(
        "spreadsheets/sir.html",
        sir=sir,
        lea=sir.lea,
        export_form=export_form,
        upload_form=upload_form if editable else None,
        refusal=refusal,
        max_megabytes=MAX_FILE_BYTES // (1024 * 1024),
    )
    return html, status


@blueprint.get(f"/sirs/<id:sir_id>/actions.<{KINDS}:kind>")
@sign_in_required
def sir_actions(sir_id: int, kind: str) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    form = ExportForm(request.args)
    if not form.validate():
        return _sir_page(found, user, form, status=INVALID_FORM)
    export = exports.sir_actions(db.session(), found, form.chosen_as_of, exported_at=utcnow())
    return _download(export, kind)


@blueprint.get(f"/sirs/<id:sir_id>/history.<{KINDS}:kind>")
@sign_in_required
def history(sir_id: int, kind: str) -> Response:
    found = loaders.sir_for(current.user(), sir_id)
    return _download(exports.status_history(db.session(), found), kind)


# --- Import: upload, dry run, confirmation -----------------------------------------------------


@blueprint.post("/sirs/<id:sir_id>/import")
@sign_in_required
def dry_run(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    form = UploadForm()
    if not form.validate_on_submit():
        return _sir_page(found, user, ExportForm(), upload_form=form, status=INVALID_FORM)
    upload = form.file.data
    with upload.stream:  # a large upload is spooled to a temporary file: close it now
        content = upload.stream.read(MAX_FILE_BYTES + 1)
    filename = upload.filename or "upload"
    db.release()  # reading a workbook takes a while; it needs no lock
    try:
        read = read_upload(filename, content)
    except FileRefused as refused:
        return _sir_page(
            found,
            user,
            ExportForm(),
            upload_form=form,
            refusal=refused.message,
            status=INVALID_FORM,
        )
    plan = plan_import(db.session(), found, read)
    # Kept only when there is something to confirm.
    token = "" if plan.problems or plan.writes_nothing else uploads.keep(user, content)
    return _dry_run_page(found, plan, token)


@blueprint.post("/sirs/<id:sir_id>/import/confirm")
@sign_in_required
def confirm(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    form = ConfirmForm()
    content = uploads.load(user, form.token.data or "0") if form.validate_on_submit() else None
    if content is None:
        return _sir_page(
            found,
            user,
            ExportForm(),
            refusal="This dry run is no longer available (or its form was incomplete): "
            "nothing was imported. Upload the file again to see its dry run.",
            status=INVALID_FORM,
        )
    token: str = form.token.data or ""
    db.release()
    try:
        read = read_upload(form.filename.data or "", content)
    except FileRefused as refused:
        return _sir_page(found, user, ExportForm(), refusal=refused.message, status=INVALID_FORM)
    plan = plan_import(db.session(), found, read)
    if plan.fingerprint != form.fingerprint.data:
        return _dry_run_page(found, plan, token, changed=True, status=CONFLICT)
    try:
        result = import_plan(db.session(), found, plan, by=user)
    except ImportRefused as refused:
        return _dry_run_page(found, plan, token, refusal=refused.message, status=INVALID_FORM)
    uploads.discard(user, token)
    flash(f"Imported {plan.filename}: {result.summary}.", "success")
    return redirect(url_for("reviews.sir", sir_id=found.id))


def _dry_run_page(
    sir: Sir,
    plan: ImportPlan,
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
        "spreadsheets/dry_run.html",
        sir=sir,
        lea=sir.lea,
        plan=plan,
        confirm_form=confirm_form,
        changed=changed,
        refusal=refusal,
        shown=SHOWN_ROWS,
        upload_form=UploadForm(formdata=None),
    )
    return html, status or (INVALID_FORM if plan.problems else 200)


@blueprint.get("/spreadsheets/template.xlsx")
@sign_in_required
def template() -> Response:
    return attachment(template_bytes(db.session()), TEMPLATE_FILENAME, XLSX_TYPE)


# --- The dashboard's caseload and the board packet summary ------------------------------------


@blueprint.get(f"/caseload.<{KINDS}:kind>")
@sign_in_required
def caseload(kind: str) -> Response:
    export = exports.caseload(
        db.session(),
        current.user(),
        today=pacific_time.today(),
        thresholds=Thresholds.from_config(current_app.config),
    )
    return _download(export, kind)


@blueprint.get("/board-packets/summary")
@sign_in_required
def packet_summary_page() -> Page:
    loaders.require_packet(current.user())
    form = PacketSummaryForm(request.args)
    return render_template("spreadsheets/packet_summary.html", form=form)


@blueprint.get(f"/board-packets/summary.<{KINDS}:kind>")
@sign_in_required
def packet_summary(kind: str) -> Page:
    user = current.user()
    loaders.require_packet(user)
    form = PacketSummaryForm(request.args)
    if not form.validate():
        return render_template("spreadsheets/packet_summary.html", form=form), INVALID_FORM
    export = exports.packet_summary_table(
        db.session(),
        user,
        form.chosen_as_of,
        thresholds=Thresholds.from_config(current_app.config),
        generated_at=utcnow(),
    )
    return _download(export, kind)


def _download(export: exports.Export, kind: str) -> Response:
    if kind == "csv":
        return attachment(csv_bytes(export.main), f"{export.basename}.csv", CSV_TYPE)
    return attachment(xlsx_bytes(export.tables), f"{export.basename}.xlsx", XLSX_TYPE)
