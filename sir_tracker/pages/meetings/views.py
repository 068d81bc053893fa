"""Progress-monitoring meetings: the meeting page with its comments; recording, editing,
archiving and restoring a meeting; marking an earlier meeting's next step done."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from sir_tracker.access.policy import can_comment, can_edit_lea, is_admin
from sir_tracker.audit.editing import EditConflict
from sir_tracker.comments import operations as comments
from sir_tracker.comments.models import Comment
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date, pacific_datetime
from sir_tracker.core.pacific_time import today
from sir_tracker.leas.models import Lea
from sir_tracker.meetings import operations
from sir_tracker.meetings.models import Meeting, MeetingKind, NextStep
from sir_tracker.meetings.operations import (
    KnownPerson,
    MeetingRefused,
    MeetingValues,
    meeting_label,
)
from sir_tracker.monitoring.changes import changes_at_meeting, counts_line
from sir_tracker.pages.meetings.forms import (
    MAX_ROWS,
    ROW_LISTS,
    MeetingForm,
    PublicSummaryForm,
    row_data,
)
from sir_tracker.reviews.models import Sir, SwotCategory
from sir_tracker.reviews.queries import sir_recency
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.conflict import Conflict, conflict_of, shown
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.forms import CommentForm
from sir_tracker.web.loaders import lea_for, meeting_for, require_admin, require_edit
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page

blueprint = Blueprint("meetings", __name__)

# Units written straight after the number; others take a space ("3 FTE").
UNITS_WITHOUT_SPACE = frozenset({"%"})
SWOT_HEADINGS = {
    SwotCategory.STRENGTH: "Strengths",
    SwotCategory.WEAKNESS: "Weaknesses",
    SwotCategory.OPPORTUNITY: "Opportunities",
    SwotCategory.THREAT: "Threats",
}
ROW_HEADINGS = {
    "attendees": "Attendees",
    "notes": "This quarter's SWOT notes",
    "metrics": "Evidence metrics",
    "steps": "Next steps",
}
MEETING_FIELDS = ("held_on", "kind", "sir", "agenda", "summary")
RECORD_ID = re.compile(r"[1-9][0-9]{0,17}")


def metric_value(value: Decimal, unit: str) -> str:
    """85.00 and "%" -> "85%"; 2.50 and "FTE" -> "2.5 FTE"."""
    number = format(value.normalize(), "f")
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit in UNITS_WITHOUT_SPACE else f"{number} {unit}"


def _page(meeting: Meeting, user: User, form: CommentForm) -> dict[str, Any]:
    session = db.session()
    changes = changes_at_meeting(session, meeting, with_archived=is_admin(user))
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
    now = today()
    editable = can_edit_lea(user, meeting.lea) and not meeting.is_archived
    sir = meeting.sir if meeting.sir and (not meeting.sir.is_archived or is_admin(user)) else None
    may_update_statuses = (
        editable
        and sir is not None
        and not sir.is_archived
        and meeting.held_on <= now
        and not meeting.is_closed
    )
    carried = operations.carried_over_steps(session, meeting.lea_id, meeting.held_on, meeting.id)
    return {
        "meeting": meeting,
        "lea": meeting.lea,
        "held_on": long_date(meeting.held_on),
        "quarter": str(meeting.school_quarter),
        "scheduled": meeting.held_on > now,
        "sir": sir,
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
                "due": long_date(step.due_on) if step.due_on else "",
                "done": long_date(step.done_on) if step.done_on else None,
                "overdue": step.done_on is None and step.due_on is not None and step.due_on < now,
            }
            for step in meeting.next_steps
        ],
        "carried_over": [_carried_step(step, now) for step in carried],
        "changes": changes,
        "changes_counts": counts_line(changes),
        "comments": [
            {
                "author": comment.author.name,
                "when": pacific_datetime(comment.created_at),
                "body": comment.body,
            }
            for comment in comments
        ],
        "may_comment": can_comment(user, meeting.lea),
        "may_edit": editable,
        "may_restore": meeting.is_archived and is_admin(user),
        "bulk_url": url_for("progress.bulk_status", sir_id=sir.id, meeting=meeting.id)
        if may_update_statuses and sir is not None
        else None,
        "note_url": url_for("progress.meeting_note", meeting_id=meeting.id)
        if may_update_statuses
        else None,
        "form": form,
    }


def _carried_step(step: NextStep, now: date) -> dict[str, Any]:
    return {
        "id": step.id,
        "text": step.text,
        "owner": step.owner,
        "due": long_date(step.due_on),
        "overdue": step.done_on is None and step.due_on is not None and step.due_on < now,
        "done": long_date(step.done_on) if step.done_on else None,
        "from": long_date(step.meeting.held_on),
        "from_url": url_for("meetings.show", meeting_id=step.meeting_id),
    }


@blueprint.get("/meetings/<id:meeting_id>")
@sign_in_required
def show(meeting_id: int) -> str:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    return render_template("meetings/show.html", **_page(meeting, user, CommentForm()))


@blueprint.post("/meetings/<id:meeting_id>/comments")
@sign_in_required
def add_comment(meeting_id: int) -> Response | tuple[str, int]:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    if not can_comment(user, meeting.lea):
        abort(403)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comments.add_comment(db.session(), meeting, body=form.body.data or "", by=user)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash("Your comment is added.", "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="comments"))
    return render_template("meetings/show.html", **_page(meeting, user, form)), INVALID_FORM


# --- Recording and editing a meeting -------------------------------------------------------------


@blueprint.route("/leas/<id:lea_id>/meetings/new", methods=["GET", "POST"])
@sign_in_required
def new(lea_id: int) -> Page:
    user = current.user()
    lea = lea_for(user, lea_id)
    require_edit(user, lea)
    return _meeting_form(lea, None, user)


@blueprint.route("/meetings/<id:meeting_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit(meeting_id: int) -> Page:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    require_edit(user, meeting.lea)
    if meeting.is_archived:
        flash("This meeting is archived; restore it before editing it.", "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return _meeting_form(meeting.lea, meeting, user)


def _meeting_form(lea: Lea, meeting: Meeting | None, user: User) -> Page:
    session = db.session()
    sirs = _sir_choices(lea, meeting)
    known = operations.known_people(session, lea)
    if request.method != "POST":
        form = _form_from_record(lea, meeting, sirs, known)
        return _form_page(lea, meeting, form, known)

    form = MeetingForm(sirs=sirs, known=known)
    more = request.form.get("more", "")
    if more in ROW_LISTS:  # "Add more rows": show the form again, saving nothing
        form.add_blank_rows(more)
        return _form_page(lea, meeting, form, known)
    if form.validate_on_submit():
        held_on = form.held_on.data
        assert held_on is not None, "the form refuses an empty date"
        values = MeetingValues(
            held_on=held_on,
            kind=MeetingKind(form.kind.data),
            sir=next((sir for sir in sirs if str(sir.id) == form.sir.data), None),
            agenda=form.agenda.data or "",
            summary=form.summary.data or "",
            attendees=form.attendee_values(),
            notes=form.note_values(),
            metrics=form.metric_values(),
            next_steps=form.step_values(),
        )
        try:
            saved = operations.save_meeting(
                session, lea, meeting, values, actor=user, version=form.version.data
            )
        except EditConflict as error:
            fresh = _form_from_record(lea, meeting, sirs, known)
            conflict = conflict_of(error, form, fresh, also_unsaved=_unsaved_rows(form, fresh))
            return _form_page(lea, meeting, fresh, known, conflict=conflict, status=CONFLICT)
        except DomainError as error:
            _attach(form, error)
        else:
            when = "scheduled" if saved.held_on > today() else "recorded"
            verb = when if meeting is None else "saved"
            flash(f"The meeting of {long_date(saved.held_on)} is {verb}.", "success")
            return redirect(url_for("meetings.show", meeting_id=saved.id))
    return _form_page(lea, meeting, form, known, status=INVALID_FORM)


def _sir_choices(lea: Lea, meeting: Meeting | None) -> list[Sir]:
    """The LEA's current SIRs, latest first (and the meeting's own SIR, even if archived)."""
    sirs = [sir for sir in lea.sirs if not sir.is_archived or (meeting and meeting.sir is sir)]
    return sorted(sirs, key=sir_recency, reverse=True)


def _form_from_record(
    lea: Lea, meeting: Meeting | None, sirs: list[Sir], known: dict[str, KnownPerson]
) -> MeetingForm:
    if meeting is None:
        data: dict[str, Any] = {
            "held_on": today(),
            "kind": MeetingKind.QUARTERLY.value,
            "sir": str(sirs[0].id) if sirs else "",
        }
    else:
        data = {
            "held_on": meeting.held_on,
            "kind": meeting.kind.value,
            "sir": str(meeting.sir_id or ""),
            "agenda": meeting.agenda,
            "summary": meeting.summary,
            "version": meeting.version,
            "attendees": row_data("attendees", meeting.attendees),
            "notes": row_data("notes", meeting.swot_notes),
            "metrics": row_data("metrics", meeting.metrics),
            "steps": row_data("steps", meeting.next_steps),
        }
    form = MeetingForm(formdata=None, data=data, sirs=sirs, known=known)
    form.add_blank_rows()
    return form


def _form_page(
    lea: Lea,
    meeting: Meeting | None,
    form: MeetingForm,
    known: dict[str, KnownPerson],
    *,
    conflict: Conflict | None = None,
    status: int = 200,
) -> tuple[str, int]:
    held_on = form.held_on.data if isinstance(form.held_on.data, date) else None
    if held_on is None:
        held_on = meeting.held_on if meeting else today()
    carried = operations.carried_over_steps(
        db.session(), lea.id, held_on, meeting.id if meeting else None
    )
    now = today()
    if meeting is None:
        title, crumbs = "Record a meeting", [(lea.name, url_for("leas.lea", lea_id=lea.id))]
        cancel = url_for("leas.lea", lea_id=lea.id)
    else:
        title = f"Edit the meeting of {long_date(meeting.held_on)}"
        cancel = url_for("meetings.show", meeting_id=meeting.id)
        crumbs = [
            (lea.name, url_for("leas.lea", lea_id=lea.id)),
            (f"Meeting of {long_date(meeting.held_on)}", cancel),
        ]
    people = sorted(known.values(), key=lambda person: person.name.casefold())
    html = render_template(
        "meetings/form.html",
        form=form,
        lea=lea,
        title=title,
        crumbs=crumbs,
        cancel=cancel,
        submit="Save meeting" if meeting else "Record meeting",
        conflict=conflict,
        problems=form.problems(),
        people=[{"name": p.name, "description": p.description} for p in people],
        carried_over=[_carried_step(step, now) for step in carried],
        carried_as_of=long_date(held_on),
        headings=ROW_HEADINGS,
        max_rows=MAX_ROWS,
    )
    return html, status


def _attach(form: MeetingForm, error: DomainError) -> None:
    also = error.also if isinstance(error, MeetingRefused) else ()
    for refusal in (error, *also):
        if refusal.field in MEETING_FIELDS:
            form[refusal.field].errors = [*form[refusal.field].errors, refusal.message]
        else:
            form.form_errors.append(refusal.message)


def _unsaved_rows(submitted: MeetingForm, fresh: MeetingForm) -> list[str]:
    """The row lists (attendees, notes, metrics, next steps) entered differently from the
    record as it is now."""
    lines = []
    for name, heading in ROW_HEADINGS.items():
        mine_rows = [_row_text(name, row.form) for row in submitted.filled_rows(name)]
        if mine_rows != [_row_text(name, row.form) for row in fresh.filled_rows(name)]:
            lines.append(f"{heading}: {'; '.join(mine_rows) or '(none)'}")
    return lines


def _row_text(name: str, row: Any) -> str:
    if name == "attendees":
        return " ".join(p for p in (shown(row.name), f"({shown(row.organisation)})") if p)
    if name == "notes":
        return f"{shown(row.category)}: {shown(row.text)}"
    if name == "metrics":
        return " ".join(p for p in (shown(row.label), shown(row.value), shown(row.unit)) if p)
    done = " (done)" if row.done.data else ""
    return f"{shown(row.text)}{done}"


# --- Archiving, restoring, next steps done -------------------------------------------------------


@blueprint.route("/meetings/<id:meeting_id>/archive", methods=["GET", "POST"])
@sign_in_required
def archive(meeting_id: int) -> Page:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    require_edit(user, meeting.lea)
    label = meeting_label(meeting.kind, meeting.held_on)
    if request.method == "GET":  # asked first: archiving takes the meeting out of the counts
        return render_template(
            "meetings/archive.html", meeting=meeting, lea=meeting.lea, label=label
        )
    try:
        operations.archive_meeting(db.session(), meeting, actor=user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    flash(f"The meeting “{label}” is archived. An administrator can restore it.", "success")
    return redirect(url_for("leas.lea", lea_id=meeting.lea_id))


@blueprint.route("/meetings/<id:meeting_id>/public-summary", methods=["GET", "POST"])
@sign_in_required
def public_summary(meeting_id: int) -> Page:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    require_edit(user, meeting.lea)
    form = PublicSummaryForm(
        data={
            "public_summary": meeting.public_summary,
            "published": meeting.public_summary_published_at is not None,
            "version": meeting.version,
        }
    )
    conflict = None
    if form.validate_on_submit():
        try:
            operations.publish_public_summary(
                db.session(),
                meeting,
                form.public_summary.data or "",
                published=bool(form.published.data),
                actor=user,
                version=form.version.data,
            )
        except EditConflict as error:
            fresh = PublicSummaryForm(
                formdata=None,
                data={
                    "public_summary": meeting.public_summary,
                    "published": meeting.public_summary_published_at is not None,
                    "version": meeting.version,
                },
            )
            conflict = conflict_of(error, form, fresh)
            form = fresh
        except DomainError as error:
            getattr(form, error.field or "public_summary").errors = [error.message]
        else:
            flash(
                "The public summary is published."
                if form.published.data
                else "The public summary is saved as a draft: the public does not see it.",
                "success",
            )
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    page = render_template(
        "meetings/public_summary.html",
        form=form,
        meeting=meeting,
        lea=meeting.lea,
        conflict=conflict,
    )
    if conflict is not None:
        return page, CONFLICT
    return (page, INVALID_FORM) if form.errors else page


@blueprint.post("/meetings/<id:meeting_id>/restore")
@sign_in_required
def restore(meeting_id: int) -> Response:
    user = current.user()
    meeting = meeting_for(user, meeting_id)
    require_admin(user)
    label = meeting_label(meeting.kind, meeting.held_on)
    try:
        operations.restore_meeting(db.session(), meeting, actor=user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(f"The meeting “{label}” is restored.", "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@blueprint.post("/next-steps/<id:step_id>/done")
@sign_in_required
def mark_step_done(step_id: int) -> Response:
    """Mark an earlier meeting's next step done at the later meeting named in the form."""
    user = current.user()
    step = db.session().get(NextStep, step_id)
    if step is None:
        abort(404)
    owner = meeting_for(user, step.meeting_id)
    require_edit(user, owner.lea)
    later_id = request.form.get("meeting", "")
    if not RECORD_ID.fullmatch(later_id):
        flash("Mark a next step done from the page of the later meeting it was done at.", "error")
        return redirect(url_for("meetings.show", meeting_id=owner.id))
    later = meeting_for(user, int(later_id))
    require_edit(user, later.lea)
    try:
        done_on = operations.mark_step_done(db.session(), step, later, actor=user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(f"The next step “{step.text}” is marked done on {long_date(done_on)}.", "success")
    return redirect(url_for("meetings.show", meeting_id=later.id, _anchor="carried-over"))
