"""The home page: the LEAs the user may see, each with the headline of its latest SIR;
searched, sorted and narrowed to "My LEAs" by the query string."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from sir_tracker.access.policy import is_admin
from sir_tracker.core import db, pacific_time
from sir_tracker.monitoring.overview import Listing, may_lead, overview
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required

blueprint = Blueprint("dashboard", __name__)


@blueprint.get("/")
@sign_in_required
def index() -> str:
    user = current.user()
    listing = Listing.of(
        search=request.args.get("q", ""),
        mine=may_lead(user) and request.args.get("mine") == "1",
        sort=request.args.get("sort", ""),
        direction=request.args.get("direction", ""),
    )
    return render_template(
        "dashboard/index.html",
        overview=overview(
            db.session(),
            user,
            today=pacific_time.today(),
            thresholds=Thresholds.from_config(current_app.config),
            listing=listing,
        ),
        is_admin=is_admin(user),
        may_lead=may_lead(user),
    )
