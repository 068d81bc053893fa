"""The home page: the LEAs the user may see, each with the headline of its latest SIR;
searched, sorted, narrowed to "My LEAs" and paged by the query string."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from sir_tracker.access.policy import is_admin, only_lea_id
from sir_tracker.core import db
from sir_tracker.monitoring.overview import Listing, may_lead, overview
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.pages.dashboard.forms import ListingForm
from sir_tracker.web import current
from sir_tracker.web.as_of import as_of_from
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.responses import INVALID_FORM, Page

blueprint = Blueprint("dashboard", __name__)


@blueprint.get("/")
@sign_in_required
def index() -> Page | Response:
    user = current.user()
    # A list of one LEA is no use to LEA staff: their LEA's page is their home page.
    lea_id = only_lea_id(user)
    if lea_id is not None:
        return redirect(url_for("leas.lea", lea_id=lea_id, as_of=request.args.get("as_of")))
    as_of = as_of_from(request.args)
    form = ListingForm(formdata=request.args)
    # A refused value shows the first page of every LEA, with the reason, rather than a guess.
    listing = (
        Listing.of(
            search=form.q.data or "",
            mine=may_lead(user) and form.mine.data == "1",
            sort=form.sort.data,
            direction=form.direction.data,
            page=form.page_number,
        )
        if form.validate()
        else Listing()
    )
    html = render_template(
        "dashboard/index.html",
        overview=overview(
            db.session(),
            user,
            today=as_of.today,
            thresholds=Thresholds.from_config(current_app.config),
            listing=listing,
            as_of=as_of.day,
        ),
        listing_form=form,
        # A past day is a read view: no adding, restoring or recording from it.
        is_admin=is_admin(user) and as_of.day is None,
        may_lead=may_lead(user),
        as_of=as_of,
    )
    return (html, INVALID_FORM) if as_of.refused or form.errors else html
