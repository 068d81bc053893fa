"""Status updates: one action (inline on the SIR page, or on the action page) or many at once;
progress notes, on the action page or at a meeting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from sir_tracker.audit.editing import EditConflict
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.meetings.models import Meeting
from sir_tracker.pages.reviews.display import (
    action_filter,
    component_heading,
    components,
    current_themes,
)
from sir_tracker.pages.reviews.status_forms import (
    BulkStatusForm,
    MeetingNoteForm,
    ProgressNoteForm,
    StatusUpdateForm,
)
from sir_tracker.pages.reviews.views import render_action_page
from sir_tracker.progress import operations
from sir_tracker.progress.notes import add_progress_note
from sir_tracker.reviews.models import Action, Sir
from sir_tracker.reviews.queries import code_key
from sir_tracker.web import current, loaders
from sir_tracker.web.conflict import conflict_of
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page

blueprint = Blueprint("progress", __name__)

NOTE_CHOICE_TEXT = 90  # an option of a select is one line


@blueprint.route("/actions/<id:action_id>/status", methods=["GET", "POST"])
@sign_in_required
def update_status(action_id: int) -> Page:
    user = current.user()
    action = loaders.action_for(user, action_id)
    loaders.require_edit(user, action.sir.lea)
    back = _back(request.values.get("next"), action)
    form = StatusUpdateForm(data={"version": action.version, "next": back})
    conflict = None
    if form.validate_on_submit():
        before = action.status
        try:
            entry = operations.update_status(
                db.session(),
                action,
                form.status.data or "",
                version=form.version.data,
                by=user,
                note=form.note.data or "",
                evidence_url=form.evidence_url.data,
                effective_on=form.effective_date.data,
            )
        except EditConflict as error:
            current_form = StatusUpdateForm(
                formdata=None, data={"version": action.version, "next": back}
            )
            conflict, form = conflict_of(error, form, current_form), current_form
        except DomainError as error:
            _attach(form, error)
        else:
            flash(
                f"Action {action.code}: {before.label} → {entry.to_status.label}.",
                "success",
            )
            return redirect(back)
    status_code = CONFLICT if conflict else (INVALID_FORM if form.errors else 200)
    if status_code != 200 and back == url_for("reviews.action", action_id=action.id):
        return render_action_page(
            action, user, status_form=form, conflict=conflict, status_code=status_code
        )
    html = render_template(
        "progress/update.html",
        form=form,
        action=action,
        sir=action.sir,
        back=back,
        conflict=conflict,
    )
    return html, status_code


@dataclass(frozen=True)
class BulkRow:
    fields: Any  # the row's subform
    code: str
    text: str
    component: str
    theme: str
    status_label: str
    status_value: str
    problem: str | None


@blueprint.route("/sirs/<id:sir_id>/bulk-status", methods=["GET", "POST"])
@sign_in_required
def bulk_status(sir_id: int) -> Page:
    user = current.user()
    sir = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, sir.lea)
    session = db.session()
    meetings = list(
        session.scalars(
            select(Meeting)
            .where(Meeting.lea_id == sir.lea_id)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        )
    )
    # ?meeting=<id>: opened from that meeting's page ("Update statuses at this meeting").
    chosen = request.args.get("meeting", "")
    chosen = chosen if any(str(m.id) == chosen for m in meetings) else ""
    all_components = components(session)
    themes = current_themes(session, sir)
    found = action_filter(request.args, all_components, themes)
    actions = _current_actions(sir)
    if request.method == "POST":
        # The rows posted are the rows that were shown, filtered or not.
        form = BulkStatusForm(meetings=meetings)
    else:
        shown = [a for a in actions if found.matches(a, a.status)]
        initial = [{"action_id": a.id, "version": a.version} for a in shown]
        form = BulkStatusForm(meetings=meetings, data={"rows": initial, "meeting": chosen})

    problems: dict[int, str] = {}
    if form.validate_on_submit():
        requested = [
            operations.RequestedChange(
                action_id=row.action_id.data,
                version=row.version.data,
                status=row.status.data or "",
                note=row.note.data or "",
                evidence_url=row.evidence_url.data or "",
            )
            for row in form.rows
        ]
        meeting = next((m for m in meetings if str(m.id) == form.meeting.data), None)
        try:
            entries = operations.change_statuses(session, sir, requested, by=user, meeting=meeting)
        except operations.BulkChangeRefused as refused:
            problems = refused.problems
            _attach(form, refused)
        else:
            counts = operations.status_counts(session, sir)
            count = len(entries)
            noun = "status" if count == 1 else "statuses"
            flash(f"{count} {noun} updated: {counts.headline}", "success")
            if meeting is not None:  # back to the meeting the changes were made at
                return redirect(url_for("meetings.show", meeting_id=meeting.id))
            return redirect(url_for("reviews.sir", sir_id=sir.id))

    by_id = {a.id: a for a in actions}
    headings = {c.id: component_heading(c) for c in all_components}
    theme_titles = {t.id: f"{t.number}. {t.title}" for t in themes}
    rows = [
        _bulk_row(row, by_id.get(row.action_id.data), problems, headings, theme_titles)
        for row in form.rows
    ]
    summary = _summary(form, rows)
    html = render_template(
        "progress/bulk.html",
        form=form,
        filters=found.form,
        filtered=bool(found.values),
        meeting=chosen,
        total=len(actions),
        sir=sir,
        lea=sir.lea,
        rows=rows,
        summary=summary,
    )
    return (html, INVALID_FORM) if summary or found.form.errors else html


def _current_actions(sir: Sir) -> list[Action]:
    found = db.session().scalars(
        select(Action).where(Action.sir_id == sir.id, Action.archived_at.is_(None))
    )
    return sorted(found, key=lambda a: (a.component_id, code_key(a.code)))


def _bulk_row(
    row: Any,
    action: Action | None,
    problems: dict[int, str],
    headings: dict[int, str],
    theme_titles: dict[int, str],
) -> BulkRow:
    errors = [message for messages in row.errors.values() for message in messages]
    problem = problems.get(row.action_id.data) or (" ".join(errors) if errors else None)
    if action is None:
        return BulkRow(
            fields=row,
            code="?",
            text="",
            component="",
            theme="",
            status_label="",
            status_value="",
            problem=problem or "This action is not one of this SIR's current actions.",
        )
    return BulkRow(
        fields=row,
        code=action.code,
        text=action.text,
        component=headings[action.component_id],
        theme=theme_titles.get(action.theme_id, "") if action.theme_id else "",
        status_label=action.status.label,
        status_value=action.status.value,
        problem=problem,
    )


def _summary(form: BulkStatusForm, rows: list[BulkRow]) -> list[tuple[str | None, str]]:
    """The error summary: (the id of the field to jump to, the message)."""
    lines: list[tuple[str | None, str]] = [(None, m) for m in form.form_errors]
    lines += [(form.meeting.id, f"Meeting: {m}") for m in form.meeting.errors]
    lines += [(None, m) for m in form.errors.get("csrf_token", [])]
    lines += [
        (row.fields.status.id, f"Action {row.code}: {row.problem}") for row in rows if row.problem
    ]
    return lines


def _back(target: str | None, action: Action) -> str:
    """Where to go after the update: the SIR page (with its filters) or the action page, never
    another site."""
    default = url_for("reviews.sir", sir_id=action.sir_id)
    if not target:
        return default
    parts = urlsplit(target)
    allowed = (
        url_for("reviews.sir", sir_id=action.sir_id),
        url_for("reviews.action", action_id=action.id),
    )
    if parts.scheme or parts.netloc or parts.path not in allowed:
        return default
    return target


@blueprint.post("/actions/<id:action_id>/progress-notes")
@sign_in_required
def add_note(action_id: int) -> Page:
    user = current.user()
    action = loaders.action_for(user, action_id)
    loaders.require_edit(user, action.sir.lea)
    form = ProgressNoteForm()
    if form.validate_on_submit():
        try:
            add_progress_note(
                db.session(),
                action,
                form.note.data or "",
                by=user,
                evidence_url=form.evidence_url.data,
            )
        except DomainError as error:
            _attach(form, error)
        else:
            flash(f"Action {action.code}: your progress note is added.", "success")
            return redirect(
                url_for("reviews.action", action_id=action.id, _anchor="history-heading")
            )
    return render_action_page(action, user, note_form=form, status_code=INVALID_FORM)


@blueprint.route("/meetings/<id:meeting_id>/progress-notes", methods=["GET", "POST"])
@sign_in_required
def meeting_note(meeting_id: int) -> Page:
    user = current.user()
    meeting = loaders.meeting_for(user, meeting_id)
    loaders.require_edit(user, meeting.lea)
    sir = meeting.sir
    if sir is None or sir.is_archived or meeting.is_archived:
        abort(404)  # the meeting page offers no note then
    actions = _current_actions_in_code_order(sir)
    form = MeetingNoteForm(
        actions=[(str(a.id), f"{a.code} ({a.status.label}): {_short(a.text)}") for a in actions]
    )
    if form.validate_on_submit():
        action = next(a for a in actions if str(a.id) == form.action.data)
        try:
            add_progress_note(
                db.session(),
                action,
                form.note.data or "",
                by=user,
                evidence_url=form.evidence_url.data,
                meeting=meeting,
            )
        except DomainError as error:
            _attach(form, error)
        else:
            flash(f"Action {action.code}: your progress note is added.", "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="changes"))
    html = render_template("progress/meeting_note.html", form=form, meeting=meeting, sir=sir)
    return (html, INVALID_FORM) if form.errors else html


def _current_actions_in_code_order(sir: Sir) -> list[Action]:
    return sorted(_current_actions(sir), key=lambda a: code_key(a.code))


def _short(text: str) -> str:
    """The action's text cut at a word to fit a line of the list of actions."""
    if len(text) <= NOTE_CHOICE_TEXT:
        return text
    return text[:NOTE_CHOICE_TEXT].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _attach(form: Any, error: DomainError) -> None:
    name = {"at": "effective_date"}.get(error.field or "", error.field)
    if name and name in form:
        form[name].errors = [*form[name].errors, error.message]
    else:
        form.form_errors.append(error.message)
