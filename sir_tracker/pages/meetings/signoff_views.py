"""Signing off a quarterly meeting: the form, and the record of a closed meeting."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from sir_tracker.access.policy import can_edit_lea
from sir_tracker.audit.editing import EditConflict
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.core.pacific_time import today
from sir_tracker.meetings.models import Meeting, Organisation
from sir_tracker.pages.meetings.signoff_forms import SignOffForm
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_at_meeting, status_counts
from sir_tracker.progress.signoff import (
    SIGNING_ORGANISATIONS,
    close_meeting,
    closed_on,
    figures_seen,
    meeting_label,
    ordered_sign_offs,
    sign_off_refusal,
    sign_off_summary,
    signing_for,
)
from sir_tracker.web import current, loaders
from sir_tracker.web.conflict import Conflict, conflict_of
from sir_tracker.web.current import sign_in_required, signed_in_user
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page

blueprint = Blueprint("signoff", __name__)


@blueprint.route("/meetings/<id:meeting_id>/sign-off", methods=["GET", "POST"])
@sign_in_required
def sign_off(meeting_id: int) -> Page:
    user = current.user()
    meeting = loaders.meeting_for(user, meeting_id)
    loaders.require_edit(user, meeting.lea)
    session = db.session()
    day = today()
    refusal = sign_off_refusal(session, meeting, today=day)
    form = _form(meeting, day)
    conflict = None
    if request.method == "POST" and refusal is None and form.validate_on_submit():
        try:
            counts = close_meeting(
                session,
                meeting,
                form.signatures(),
                version=form.version.data,
                seen=form.figures.data or None,
                by=user,
                today=day,
            )
        except EditConflict as error:
            fresh = _form(meeting, day, formdata=None)
            conflict, form = conflict_of(error, form, fresh), fresh
        except DomainError as error:
            show_refusal(form, error)
            # The page now shows the figures as they are: signing it again freezes those.
            form.figures.data = figures_seen(session, meeting)
        else:
            flash(
                f"The meeting of {long_date(meeting.held_on)} is signed off: "
                f"{counts.headline} frozen as of that day.",
                "success",
            )
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    html = render_template("meetings/sign_off.html", **_page(meeting, form, refusal, conflict))
    if request.method != "POST":
        return html
    if conflict is not None:
        return html, CONFLICT
    return html, INVALID_FORM  # refused, or the form has errors: nothing was written


def _form(meeting: Meeting, day: date, **kwargs: Any) -> SignOffForm:
    data = {"version": meeting.version, "figures": figures_seen(db.session(), meeting)}
    return SignOffForm(meeting=meeting, today=day, data=data, **kwargs)


@blueprint.app_template_global("sign_off_summary")
def _summary_global(meeting: Meeting) -> str | None:
    return sign_off_summary(meeting)


@blueprint.app_template_global("sign_off_link")
def sign_off_link(meeting: Meeting) -> str | None:
    """The sign-off page of ``meeting``, for a person who may sign it off now."""
    user = signed_in_user()
    if user is None or not can_edit_lea(user, meeting.lea):
        return None
    if sign_off_refusal(db.session(), meeting, today=today()) is not None:
        return None
    return url_for("signoff.sign_off", meeting_id=meeting.id)


def _page(
    meeting: Meeting, form: SignOffForm, refusal: str | None, conflict: Conflict | None
) -> dict[str, Any]:
    session = db.session()
    quarter = meeting.school_quarter
    counts: StatusCounts | None = None
    if meeting.is_closed:
        counts = counts_at_meeting(session, meeting)
    elif meeting.sir is not None and refusal is None:
        counts = status_counts(session, meeting.sir, meeting.held_on)
    return {
        "meeting": meeting,
        "lea": meeting.lea,
        "title": meeting_label(meeting),
        "held_on": long_date(meeting.held_on),
        "quarter": str(quarter),
        "quarter_end": long_date(quarter.last_day),
        # Closing before the quarter ends also stops today's changes until it ends.
        "quarter_running": quarter.last_day >= today(),
        "counts": counts,
        "bar": _bar(counts),
        # A closed meeting's page shows its sign-off; the refusal only when someone tried again.
        "refusal": refusal if request.method == "POST" or not meeting.is_closed else None,
        "closed": _closed(meeting) if meeting.is_closed else None,
        "form": form,
        "conflict": conflict,
        "fields": [
            {
                "heading": f"For {signing_for(organisation)}",
                "name": form[f"{organisation.value}_name"],
                "signed_on": form[f"{organisation.value}_signed_on"],
                "attendees": _attendees_of(meeting, organisation),
            }
            for organisation in SIGNING_ORGANISATIONS
        ],
        "date_hint": f"On or after {long_date(meeting.held_on)}, and not after today.",
    }


def _closed(meeting: Meeting) -> dict[str, Any]:
    assert meeting.closed_at is not None
    return {
        "summary": sign_off_summary(meeting),
        "on": long_date(closed_on(meeting)),
        "at": pacific_datetime(meeting.closed_at),
        "by": meeting.closed_by.name if meeting.closed_by else "",
        "signatures": [
            {
                "organisation": s.organisation.label,
                "name": s.name,
                "signed_on": long_date(s.signed_on),
            }
            for s in ordered_sign_offs(meeting)
        ],
    }


def _attendees_of(meeting: Meeting, organisation: Organisation) -> str:
    names = [a.name for a in meeting.attendees if a.organisation is organisation]
    return ", ".join(names)


def _bar(counts: StatusCounts | None) -> list[tuple[str, str]]:
    if counts is None or counts.total == 0:
        return []
    return [
        (key, f"{100 * value / counts.total:.1f}%")
        for key, value in (
            ("completed", counts.completed),
            ("in_progress", counts.in_progress),
            ("not_started", counts.not_started),
        )
    ]
