"""A progress-monitoring meeting as recorded, read-only, with its comments."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from sir_tracker import db
from sir_tracker.access.loaders import meeting_for
from sir_tracker.access.policy import can_comment, is_admin
from sir_tracker.auth import current
from sir_tracker.auth.current import sign_in_required
from sir_tracker.comments.models import Comment
from sir_tracker.meetings.models import Meeting
from sir_tracker.pacific_time import PACIFIC
from sir_tracker.progress.models import StatusChange
from sir_tracker.reviews.models import Action, SwotCategory
from sir_tracker.users.models import User

blueprint = Blueprint("meetings", __name__, url_prefix="/meetings")

INVALID_FORM = 422
COMMENT_MAX_LENGTH = 5000
# Units written straight after the number; others take a space ("3 FTE").
UNITS_WITHOUT_SPACE = frozenset({"%"})
SWOT_HEADINGS = {
    SwotCategory.STRENGTH: "Strengths",
    SwotCategory.WEAKNESS: "Weaknesses",
    SwotCategory.OPPORTUNITY: "Opportunities",
    SwotCategory.THREAT: "Threats",
}


class CommentForm(FlaskForm):  # type: ignore[misc]
    body = TextAreaField(
        "Your comment",
        validators=[
            DataRequired("Write your comment before adding it."),
            Length(max=COMMENT_MAX_LENGTH, message="A comment can have at most 5,000 characters."),
        ],
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _moment(moment: datetime) -> str:
    local = moment.astimezone(PACIFIC)
    hour = local.hour % 12 or 12
    return f"{_day(local.date())}, {hour}:{local:%M} {'am' if local.hour < 12 else 'pm'}"


def metric_value(value: Decimal, unit: str) -> str:
    """85.00 and "%" -> "85%"; 2.50 and "FTE" -> "2.5 FTE"."""
    number = format(value.normalize(), "f")
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit in UNITS_WITHOUT_SPACE else f"{number} {unit}"


def _code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\s]", code)
    )


def _page(meeting: Meeting, user: User, form: CommentForm) -> dict[str, Any]:
    session = db.session()
    changes = session.scalars(
        select(StatusChange)
        .join(Action, Action.id == StatusChange.action_id)
        .options(selectinload(StatusChange.action))
        .where(StatusChange.meeting_id == meeting.id)
    ).all()
    visible = [c for c in changes if is_admin(user) or not c.action.is_archived]
    visible.sort(key=lambda c: (_code_order(c.action.code), c.changed_at, c.id))
    comments = session.scalars(
        select(Comment)
        .options(selectinload(Comment.author))
        .where(Comment.meeting_id == meeting.id)
        .order_by(Comment.created_at, Comment.id)
    ).all()
    notes_by_category = [
        (SWOT_HEADINGS[category], [n.text for n in meeting.swot_notes if n.category is category])
        for category in SwotCategory
    ]
    quarter = meeting.school_quarter
    return {
        "meeting": meeting,
        "lea": meeting.lea,
        "held_on": _day(meeting.held_on),
        "quarter": str(quarter),
        "attendees": meeting.attendees,
        "swot": [(heading, notes) for heading, notes in notes_by_category if notes],
        "metrics": [
            {"label": metric.label, "value": metric_value(metric.value, metric.unit)}
            for metric in meeting.metrics
        ],
        "next_steps": [
            {
                "text": step.text,
                "owner": step.owner,
                "due": _day(step.due_on) if step.due_on else "",
                "done": _day(step.done_on) if step.done_on else None,
            }
            for step in meeting.next_steps
        ],
        "status_changes": [
            {
                "action_id": change.action_id,
                "code": change.action.code,
                "from": change.from_status,
                "to": change.to_status,
                "note": change.note,
            }
            for change in visible
        ],
        "comments": [
            {
                "author": comment.author.name,
                "when": _moment(comment.created_at),
                "body": comment.body,
            }
            for comment in comments
        ],
        "may_comment": can_comment(user, meeting.lea),
        "form": form,
    }


@blueprint.get("/<id:meeting_id>")
@sign_in_required
def show(meeting_id: int) -> str:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    return render_template("meetings/show.html", **_page(meeting, user, CommentForm()))


@blueprint.post("/<id:meeting_id>/comments")
@sign_in_required
def add_comment(meeting_id: int) -> Response | tuple[str, int]:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    if not can_comment(user, meeting.lea):
        abort(403)
    form = CommentForm()
    if not form.validate_on_submit():
        return render_template("meetings/show.html", **_page(meeting, user, form)), INVALID_FORM
    # Comments are append-only notes, not tracked records: no version, no audit event.
    session = db.session()
    session.add(Comment(author=user, meeting_id=meeting.id, body=(form.body.data or "").strip()))
    session.flush()
    flash("Your comment is added.", "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="comments"))
