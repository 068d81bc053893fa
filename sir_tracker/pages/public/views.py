"""Public progress pages: the LEAs whose progress CCEE chose to publish, readable by anyone.

They show what a lead chose to publish (figures, dates, component and theme titles, the
published summary of the latest quarterly meeting); notes, findings, action texts and people
stay behind sign-in.
"""

from __future__ import annotations

import hashlib
from datetime import date

from flask import Blueprint, abort, render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from sir_tracker.access.policy import published_leas
from sir_tracker.core import db
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring.published import (
    NO_THEME,
    PublicProfile,
    has_exited,
    public_profile,
)
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.queries import current_sir
from sir_tracker.web import language

blueprint = Blueprint("public", __name__, url_prefix="/progress")


def _published() -> list[Lea]:
    return list(
        db.session().scalars(
            select(Lea)
            .where(published_leas())
            .options(
                selectinload(Lea.sirs),
                selectinload(Lea.county_office),
                selectinload(Lea.engagements),
            )
            .order_by(Lea.name)
        )
    )


def _rows(leas: list[Lea]) -> list[dict[str, object]]:
    session = db.session()
    latest = {lea.id: sir for lea in leas if (sir := current_sir(lea)) is not None}
    counts = counts_by_sir(session, [sir.id for sir in latest.values()])
    last_quarterly: dict[int, date] = dict(
        session.execute(
            select(Meeting.lea_id, func.max(Meeting.held_on))
            .where(
                Meeting.lea_id.in_([lea.id for lea in leas]),
                Meeting.kind == MeetingKind.QUARTERLY,
                Meeting.archived_at.is_(None),
                Meeting.held_on <= today(),
            )
            .group_by(Meeting.lea_id)
        ).all()
    )
    return [
        {
            "lea": lea,
            "engagement": lea.current_engagement,
            "sir": latest.get(lea.id),
            "counts": counts.get(latest[lea.id].id) if lea.id in latest else None,
            "last_quarterly": last_quarterly.get(lea.id),
        }
        for lea in leas
    ]


@blueprint.get("")
def index() -> str:
    rows = _rows(_published())
    day = today()
    exited = [row for row in rows if has_exited(row["engagement"], day)]  # type: ignore[arg-type]
    current = [row for row in rows if row not in exited]
    return render_template("public/index.html", rows=current, exited=exited)


def _profile(lea_id: int) -> PublicProfile:
    found = db.session().scalar(
        select(Lea)
        .where(published_leas(), Lea.id == lea_id)
        .options(selectinload(Lea.sirs), selectinload(Lea.engagements))
    )
    if found is None:
        abort(404)
    return public_profile(db.session(), found, today=today())


@blueprint.get("/<id:lea_id>")
def lea(lea_id: int) -> str:
    return render_template("public/lea.html", profile=_profile(lea_id), no_theme=NO_THEME)


# Rendered PDFs by the SHA-256 of their HTML: a public report is laid out once per change of
# what it shows (a layout takes a second or more), not once per reader.
_RENDERED: dict[str, bytes] = {}
_RENDERED_KEPT = 32


@blueprint.get("/<id:lea_id>.pdf")
def lea_pdf(lea_id: int) -> Response:
    from sir_tracker.reports.render import html_to_pdf, public_report_html

    profile = _profile(lea_id)
    html = public_report_html(profile, generated_on=today(), language=language())
    key = hashlib.sha256(html.encode()).hexdigest()
    response = Response(mimetype="application/pdf")
    response.set_etag(key)
    if request.if_none_match.contains(key):
        return response.make_conditional(request)
    if key not in _RENDERED:
        if len(_RENDERED) >= _RENDERED_KEPT:
            _RENDERED.pop(next(iter(_RENDERED)))
        _RENDERED[key] = html_to_pdf(html).data
    response.set_data(_RENDERED[key])
    filename = f"{profile.lea.cds_code}-progress.pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response.make_conditional(request)
