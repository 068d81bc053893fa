"""The home page: every LEA with the headline counts of its latest SIR."""

from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sir_tracker import db
from sir_tracker.access.policy import visible_leas
from sir_tracker.auth import current
from sir_tracker.auth.current import sign_in_required
from sir_tracker.leas.models import Lea
from sir_tracker.progress.operations import counts_by_sir

blueprint = Blueprint("dashboard", __name__)


@blueprint.get("/")
@sign_in_required
def index() -> str:
    session = db.session()
    user = current.user()
    leas = session.scalars(
        select(Lea)
        .options(
            selectinload(Lea.sirs),
            selectinload(Lea.county_office),
            selectinload(Lea.engagements),
        )
        .where(visible_leas(user))
        .order_by(Lea.name)
    ).all()
    latest_sirs = {lea.id: lea.sirs[-1] for lea in leas if lea.sirs}
    counts = counts_by_sir(session, [sir.id for sir in latest_sirs.values()])
    rows = [
        {
            "lea": lea,
            "sir": latest_sirs.get(lea.id),
            "engagement": lea.current_engagement,
            "counts": counts.get(latest_sirs[lea.id].id) if lea.id in latest_sirs else None,
        }
        for lea in leas
    ]
    return render_template(
        "dashboard/index.html", rows=rows, has_demo=any(lea.is_demo for lea in leas)
    )
