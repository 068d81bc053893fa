"""The caseload pipeline: who should be in CCEE's caseload as of a Dashboard year, by county,
with the caseload over the years; and its XLSX export."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from sir_tracker.access.policy import is_admin, visible_leas
from sir_tracker.caseload.eligibility import READING
from sir_tracker.caseload.pipeline import Pipeline, Stage, pipeline
from sir_tracker.caseload.queries import dashboard_years
from sir_tracker.core import db, pacific_time
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.monitoring.charts import caseload_chart
from sir_tracker.pages.caseload.forms import PipelineForm
from sir_tracker.spreadsheets.exports import pipeline_export
from sir_tracker.spreadsheets.writing import XLSX_TYPE, xlsx_bytes
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_pipeline
from sir_tracker.web.responses import INVALID_FORM, Page, attachment

blueprint = Blueprint("caseload", __name__)


@blueprint.get("/caseload/pipeline")
@sign_in_required
def pipeline_page() -> Page:
    user = current.user()
    require_pipeline(user)
    form, found = _pipeline(user)
    html = render_template(
        "caseload/pipeline.html",
        form=form,
        pipeline=found,
        stages=list(Stage),
        chart=caseload_chart(found.trend),
        reading=READING,
        is_admin=is_admin(user),
    )
    return (html, INVALID_FORM) if form.errors else html


@blueprint.get("/caseload/pipeline.xlsx")
@sign_in_required
def pipeline_xlsx() -> Page:
    user = current.user()
    require_pipeline(user)
    form, found = _pipeline(user)
    if form.errors or found.year is None:
        return pipeline_page()
    export = pipeline_export(found)
    return attachment(xlsx_bytes(export.tables), f"{export.basename}.xlsx", XLSX_TYPE)


def _pipeline(user: User) -> tuple[PipelineForm, Pipeline]:
    session = db.session()
    years = dashboard_years(session)
    counties = list(
        session.scalars(
            select(CountyOffice.county)
            .join(Lea, Lea.county_office_id == CountyOffice.id)
            .where(visible_leas(user))
            .distinct()
            .order_by(CountyOffice.county)
        )
    )
    form = PipelineForm(formdata=request.args, years=years, counties=counties)
    if not request.args.get("year") and years:
        form.year.data = str(years[-1])
    if not request.args.get("county"):
        form.county.data = ""
    form.validate()
    found = pipeline(
        session,
        user,
        year=form.chosen_year,
        today=pacific_time.today(),
        county=form.chosen_county,
    )
    return form, found
