"""The home page: the LEAs the user may see, each with the headline of its latest SIR."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from sir_tracker.access.policy import is_admin
from sir_tracker.core import db, pacific_time
from sir_tracker.monitoring.overview import overview
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.web import current
from sir_tracker.web.current import sign_in_required

blueprint = Blueprint("dashboard", __name__)


@blueprint.get("/")
@sign_in_required
def index() -> str:
    user = current.user()
    return render_template(
        "dashboard/index.html",
        overview=overview(
            db.session(),
            user,
            today=pacific_time.today(),
            thresholds=Thresholds.from_config(current_app.config),
        ),
        is_admin=is_admin(user),
    )
