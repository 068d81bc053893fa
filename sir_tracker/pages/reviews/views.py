"""SIR pages: the SIR with its components, findings and actions; the action page; editing."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from sir_tracker.access.policy import can_comment, can_edit_lea, is_admin
from sir_tracker.audit.editing import EditConflict
from sir_tracker.comments import operations as comments
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import long_date
from sir_tracker.pages.reviews import display as pages
from sir_tracker.pages.reviews.forms import (
    ActionForm,
    CrosswalkLinkForm,
    FindingForm,
    SirForm,
    ThemeForm,
)
from sir_tracker.pages.reviews.status_forms import (
    STATUS_CHOICES,
    ProgressNoteForm,
    StatusUpdateForm,
)
from sir_tracker.reviews import operations
from sir_tracker.reviews.models import (
    Action,
    Component,
    CrosswalkLink,
    Finding,
    Sir,
    SirState,
    SwotCategory,
    Theme,
)
from sir_tracker.users.models import User
from sir_tracker.web import current, loaders
from sir_tracker.web.as_of import as_of_from
from sir_tracker.web.conflict import Conflict, conflict_of
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.forms import CommentForm
from sir_tracker.web.refusals import show_refusal
from sir_tracker.web.responses import CONFLICT, INVALID_FORM, Page

blueprint = Blueprint("reviews", __name__)


# --- The SIR page ------------------------------------------------------------------------------


@blueprint.get("/sirs/<id:sir_id>")
@sign_in_required
def sir(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    as_of = as_of_from(request.args)
    page = pages.sir_page(db.session(), found, request.args, as_of.day)
    filters: dict[str, Any] = page.filter_values
    here = url_for("reviews.sir", sir_id=found.id, **filters)
    html = render_template(
        "reviews/sir.html",
        page=page,
        sir=found,
        lea=found.lea,
        report_date=long_date(found.report_date),
        # A past day is a read view: its editing controls are hidden.
        can_edit=can_edit_lea(user, found.lea) and as_of.day is None,
        admin=is_admin(user) and as_of.day is None,
        status_choices=STATUS_CHOICES,
        here=here,
        as_of=as_of,
    )
    return (html, INVALID_FORM) if page.filters.errors or as_of.refused else html


# --- The action page ---------------------------------------------------------------------------


@blueprint.get("/actions/<id:action_id>")
@sign_in_required
def action(action_id: int) -> Page:
    user = current.user()
    return render_action_page(loaders.action_for(user, action_id), user)


def render_action_page(
    found: Action,
    user: User,
    *,
    status_form: StatusUpdateForm | None = None,
    note_form: ProgressNoteForm | None = None,
    comment_form: CommentForm | None = None,
    conflict: Conflict | None = None,
    status_code: int = 200,
) -> Page:
    """The action page; the status update view re-renders it when an update is refused."""
    session = db.session()
    lea = found.sir.lea
    editable = can_edit_lea(user, lea) and not found.is_archived
    if editable and status_form is None:
        status_form = StatusUpdateForm(
            formdata=None, version=found.version, next=url_for("reviews.action", action_id=found.id)
        )
    if editable and note_form is None:
        note_form = ProgressNoteForm(formdata=None)
    commentable = can_comment(user, lea) and not found.is_archived
    if commentable and comment_form is None:
        comment_form = CommentForm(formdata=None)
    html = render_template(
        "reviews/action.html",
        action=found,
        sir=found.sir,
        lea=lea,
        component_heading=pages.component_heading(found.component),
        theme=found.theme,
        target_date=long_date(found.target_date),
        timeline=pages.timeline(session, found),
        comments=pages.comments(session, found),
        can_edit=editable,
        admin=is_admin(user),
        status_form=status_form if editable else None,
        note_form=note_form if editable else None,
        comment_form=comment_form if commentable else None,
        conflict=conflict,
    )
    return html, status_code


@blueprint.post("/actions/<id:action_id>/comments")
@sign_in_required
def add_comment(action_id: int) -> Page:
    user = current.user()
    found = loaders.action_for(user, action_id)
    if not can_comment(user, found.sir.lea):
        abort(403)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comments.add_comment(db.session(), found, body=form.body.data or "", by=user)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash("Your comment is added.", "success")
            return redirect(url_for("reviews.action", action_id=found.id, _anchor="comments"))
    return render_action_page(found, user, comment_form=form, status_code=INVALID_FORM)


# --- SIRs ------------------------------------------------------------------------------------


@blueprint.route("/leas/<id:lea_id>/sirs/new", methods=["GET", "POST"])
@sign_in_required
def new_sir(lea_id: int) -> Page:
    user = current.user()
    lea = loaders.lea_for(user, lea_id)
    loaders.require_edit(user, lea)
    form = SirForm()
    if form.validate_on_submit():
        try:
            created = operations.create_sir(
                db.session(),
                lea,
                title=form.title.data or "",
                report_date=form.report_date.data,
                state=SirState(form.state.data),
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"The SIR “{created.title}” is created.", "success")
            return redirect(url_for("reviews.sir", sir_id=created.id))
    return _form_page(
        form,
        [form.title, form.report_date, form.state],
        title=f"New SIR for {lea.name}",
        submit="Create SIR",
        cancel=url_for("leas.lea", lea_id=lea.id),
        crumbs=[(lea.name, url_for("leas.lea", lea_id=lea.id))],
    )


@blueprint.route("/sirs/<id:sir_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit_sir(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    form = SirForm(obj=found)
    conflict = None
    if form.validate_on_submit():
        values = {
            "title": (form.title.data or "").strip(),
            "report_date": form.report_date.data,
            "state": SirState(form.state.data),
        }
        try:
            operations.update_sir(db.session(), found, values, by=user, version=form.version.data)
        except EditConflict as error:
            current_form = SirForm(formdata=None, obj=found)
            conflict, form = conflict_of(error, form, current_form), current_form
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"The SIR “{found.title}” is saved.", "success")
            return redirect(url_for("reviews.sir", sir_id=found.id))
    return _form_page(
        form,
        [form.title, form.report_date, form.state],
        title=f"Edit {found.title}",
        submit="Save SIR",
        cancel=url_for("reviews.sir", sir_id=found.id),
        crumbs=_sir_crumbs(found),
        conflict=conflict,
    )


@blueprint.post("/sirs/<id:sir_id>/archive")
@sign_in_required
def archive_sir(sir_id: int) -> Response:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_admin(user)
    return _archive(found, user, url_for("reviews.sir", sir_id=found.id))


@blueprint.post("/sirs/<id:sir_id>/restore")
@sign_in_required
def restore_sir(sir_id: int) -> Response:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_admin(user)
    return _restore(found, user, url_for("reviews.sir", sir_id=found.id))


# --- Themes ------------------------------------------------------------------------------------


@blueprint.route("/sirs/<id:sir_id>/themes/new", methods=["GET", "POST"])
@sign_in_required
def new_theme(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            theme = operations.add_theme(db.session(), found, title=form.title.data or "", by=user)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"Theme {theme.number}, “{theme.title}”, is added.", "success")
            return redirect(url_for("reviews.sir", sir_id=found.id, _anchor="themes"))
    return _form_page(
        form,
        [form.title],
        title=f"Add a theme to {found.title}",
        submit="Add theme",
        cancel=url_for("reviews.sir", sir_id=found.id),
        crumbs=_sir_crumbs(found),
    )


@blueprint.route("/themes/<id:theme_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit_theme(theme_id: int) -> Page:
    user = current.user()
    theme = loaders.theme_for(user, theme_id)
    loaders.require_edit(user, theme.sir.lea)
    form = ThemeForm(obj=theme)
    conflict = None
    if form.validate_on_submit():
        try:
            operations.update_theme(
                db.session(), theme, title=form.title.data or "", by=user, version=form.version.data
            )
        except EditConflict as error:
            current_form = ThemeForm(formdata=None, obj=theme)
            conflict, form = conflict_of(error, form, current_form), current_form
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"Theme {theme.number} is saved.", "success")
            return redirect(url_for("reviews.sir", sir_id=theme.sir_id, _anchor="themes"))
    return _form_page(
        form,
        [form.title],
        title=f"Edit theme {theme.number}",
        submit="Save theme",
        cancel=url_for("reviews.sir", sir_id=theme.sir_id),
        crumbs=_sir_crumbs(theme.sir),
        conflict=conflict,
        archive_url=None
        if theme.is_archived
        else url_for("reviews.archive_theme", theme_id=theme.id),
        archive_label="Archive this theme",
        archive_hint="Its actions keep their other details and show no theme in filters.",
    )


@blueprint.post("/themes/<id:theme_id>/archive")
@sign_in_required
def archive_theme(theme_id: int) -> Response:
    user = current.user()
    theme = loaders.theme_for(user, theme_id)
    loaders.require_edit(user, theme.sir.lea)
    return _archive(theme, user, url_for("reviews.sir", sir_id=theme.sir_id))


@blueprint.post("/themes/<id:theme_id>/restore")
@sign_in_required
def restore_theme(theme_id: int) -> Response:
    user = current.user()
    theme = loaders.theme_for(user, theme_id)
    loaders.require_admin(user)
    return _restore(theme, user, url_for("reviews.sir", sir_id=theme.sir_id))


# --- Findings ------------------------------------------------------------------------------------


@blueprint.route("/sirs/<id:sir_id>/findings/new", methods=["GET", "POST"])
@sign_in_required
def new_finding(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    session = db.session()
    choices = pages.components(session)
    form = FindingForm(components=choices, component=request.args.get("component"))
    if form.validate_on_submit():
        component = _component(choices, form.component.data)
        try:
            operations.add_finding(
                session,
                found,
                component=component,
                category=SwotCategory(form.category.data),
                text=form.text.data or "",
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"The finding is added to component {component.number}.", "success")
            return redirect(
                url_for("reviews.sir", sir_id=found.id, _anchor=f"component-{component.number}")
            )
    return _form_page(
        form,
        [form.component, form.category, form.text],
        title=f"Add a finding to {found.title}",
        submit="Add finding",
        cancel=url_for("reviews.sir", sir_id=found.id),
        crumbs=_sir_crumbs(found),
    )


@blueprint.route("/findings/<id:finding_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit_finding(finding_id: int) -> Page:
    user = current.user()
    finding = loaders.finding_for(user, finding_id)
    loaders.require_edit(user, finding.sir.lea)
    session = db.session()
    choices = pages.components(session)
    form = FindingForm(components=choices, data=_finding_data(finding))
    conflict = None
    if form.validate_on_submit():
        values = {
            "component": _component(choices, form.component.data),
            "category": SwotCategory(form.category.data),
            "text": (form.text.data or "").strip(),
        }
        try:
            operations.update_finding(session, finding, values, by=user, version=form.version.data)
        except EditConflict as error:
            current_form = FindingForm(
                formdata=None, components=choices, data=_finding_data(finding)
            )
            conflict, form = conflict_of(error, form, current_form), current_form
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash("The finding is saved.", "success")
            return redirect(
                url_for(
                    "reviews.sir",
                    sir_id=finding.sir_id,
                    _anchor=f"component-{finding.component.number}",
                )
            )
    return _form_page(
        form,
        [form.component, form.category, form.text],
        title="Edit a finding",
        submit="Save finding",
        cancel=url_for("reviews.sir", sir_id=finding.sir_id),
        crumbs=_sir_crumbs(finding.sir),
        conflict=conflict,
        archive_url=None
        if finding.is_archived
        else url_for("reviews.archive_finding", finding_id=finding.id),
        archive_label="Archive this finding",
    )


@blueprint.post("/findings/<id:finding_id>/archive")
@sign_in_required
def archive_finding(finding_id: int) -> Response:
    user = current.user()
    finding = loaders.finding_for(user, finding_id)
    loaders.require_edit(user, finding.sir.lea)
    return _archive(finding, user, url_for("reviews.sir", sir_id=finding.sir_id))


@blueprint.post("/findings/<id:finding_id>/restore")
@sign_in_required
def restore_finding(finding_id: int) -> Response:
    user = current.user()
    finding = loaders.finding_for(user, finding_id)
    loaders.require_admin(user)
    return _restore(finding, user, url_for("reviews.sir", sir_id=finding.sir_id))


# --- Actions ---------------------------------------------------------------------------------


@blueprint.route("/sirs/<id:sir_id>/actions/new", methods=["GET", "POST"])
@sign_in_required
def new_action(sir_id: int) -> Page:
    user = current.user()
    found = loaders.sir_for(user, sir_id)
    loaders.require_edit(user, found.lea)
    session = db.session()
    choices = pages.components(session)
    themes = [t for t in found.themes if not t.is_archived]
    form = ActionForm(components=choices, themes=themes, component=request.args.get("component"))
    if form.validate_on_submit():
        try:
            created = operations.create_action(
                session,
                found,
                code=form.code.data or "",
                text=form.text.data or "",
                component=_component(choices, form.component.data),
                theme=_theme(themes, form.theme.data),
                responsible=form.responsible.data or "",
                target_date=form.target_date.data,
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"Action {created.code} is added, not started.", "success")
            return redirect(url_for("reviews.action", action_id=created.id))
    return _form_page(
        form,
        [form.code, form.component, form.theme, form.responsible, form.target_date, form.text],
        title=f"Add an action to {found.title}",
        submit="Add action",
        cancel=url_for("reviews.sir", sir_id=found.id),
        crumbs=_sir_crumbs(found),
        intro="A new action starts as not started; change its status afterwards.",
    )


@blueprint.route("/actions/<id:action_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit_action(action_id: int) -> Page:
    user = current.user()
    found = loaders.action_for(user, action_id)
    loaders.require_edit(user, found.sir.lea)
    session = db.session()
    choices = pages.components(session)
    themes = [t for t in found.sir.themes if not t.is_archived or t.id == found.theme_id]
    form = ActionForm(components=choices, themes=themes, data=_action_data(found))
    conflict = None
    if form.validate_on_submit():
        values = {
            "code": form.code.data or "",
            "component": _component(choices, form.component.data),
            "theme": _theme(themes, form.theme.data),
            "responsible": (form.responsible.data or "").strip(),
            "target_date": form.target_date.data,
            "text": form.text.data or "",
        }
        try:
            operations.update_action(session, found, values, by=user, version=form.version.data)
        except EditConflict as error:
            current_form = ActionForm(
                formdata=None, components=choices, themes=themes, data=_action_data(found)
            )
            conflict, form = conflict_of(error, form, current_form), current_form
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(f"Action {found.code} is saved.", "success")
            return redirect(url_for("reviews.action", action_id=found.id))
    return _form_page(
        form,
        [form.code, form.component, form.theme, form.responsible, form.target_date, form.text],
        title=f"Edit action {found.code}",
        submit="Save action",
        cancel=url_for("reviews.action", action_id=found.id),
        crumbs=[
            *_sir_crumbs(found.sir),
            (f"Action {found.code}", url_for("reviews.action", action_id=found.id)),
        ],
        conflict=conflict,
        intro="The status changes only through a status update, which keeps its history.",
        template="reviews/action_edit.html",
        action=found,
        link_form=CrosswalkLinkForm(formdata=None),
    )


@blueprint.post("/actions/<id:action_id>/archive")
@sign_in_required
def archive_action(action_id: int) -> Response:
    user = current.user()
    found = loaders.action_for(user, action_id)
    loaders.require_edit(user, found.sir.lea)
    return _archive(found, user, url_for("reviews.sir", sir_id=found.sir_id))


@blueprint.post("/actions/<id:action_id>/restore")
@sign_in_required
def restore_action(action_id: int) -> Response:
    user = current.user()
    found = loaders.action_for(user, action_id)
    loaders.require_admin(user)
    return _restore(found, user, url_for("reviews.sir", sir_id=found.sir_id))


@blueprint.post("/actions/<id:action_id>/crosswalk")
@sign_in_required
def add_crosswalk_link(action_id: int) -> Page:
    user = current.user()
    found = loaders.action_for(user, action_id)
    loaders.require_edit(user, found.sir.lea)
    form = CrosswalkLinkForm()
    if form.validate_on_submit():
        try:
            link = operations.add_crosswalk_link(
                db.session(),
                found,
                plan=form.plan.data or "",
                reference=form.reference.data or "",
                by=user,
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(
                f"Action {found.code} is cross-walked to {link.plan} {link.reference}.", "success"
            )
            return redirect(url_for("reviews.edit_action", action_id=found.id, _anchor="crosswalk"))
    action_form = ActionForm(
        formdata=None,
        components=pages.components(db.session()),
        themes=[t for t in found.sir.themes if not t.is_archived or t.id == found.theme_id],
        data=_action_data(found),
    )
    return _form_page(
        action_form,
        [
            action_form.code,
            action_form.component,
            action_form.theme,
            action_form.responsible,
            action_form.target_date,
            action_form.text,
        ],
        title=f"Edit action {found.code}",
        submit="Save action",
        cancel=url_for("reviews.action", action_id=found.id),
        crumbs=[
            *_sir_crumbs(found.sir),
            (f"Action {found.code}", url_for("reviews.action", action_id=found.id)),
        ],
        template="reviews/action_edit.html",
        action=found,
        link_form=form,
        status_code=INVALID_FORM,
    )


@blueprint.post("/actions/<id:action_id>/crosswalk/<id:link_id>/remove")
@sign_in_required
def remove_crosswalk_link(action_id: int, link_id: int) -> Response:
    user = current.user()
    found = loaders.action_for(user, action_id)
    loaders.require_edit(user, found.sir.lea)
    link = db.session().get(CrosswalkLink, link_id)
    if link is None or link.action_id != found.id:
        abort(404)
    text = f"{link.plan} {link.reference}"
    operations.remove_crosswalk_link(db.session(), link, by=user)
    flash(f"The cross-walk link to {text} is removed from action {found.code}.", "success")
    return redirect(url_for("reviews.edit_action", action_id=found.id, _anchor="crosswalk"))


# --- Shared steps --------------------------------------------------------------------------------


def _form_page(
    form: Any,
    fields: list[Any],
    *,
    title: str,
    submit: str,
    cancel: str,
    crumbs: list[tuple[str, str]],
    conflict: Conflict | None = None,
    intro: str | None = None,
    archive_url: str | None = None,
    archive_label: str = "",
    archive_hint: str = "",
    template: str = "reviews/form.html",
    status_code: int | None = None,
    **extra: Any,
) -> Page:
    html = render_template(
        template,
        form=form,
        fields=fields,
        title=title,
        submit=submit,
        cancel=cancel,
        crumbs=crumbs,
        conflict=conflict,
        intro=intro,
        archive_url=archive_url,
        archive_label=archive_label,
        archive_hint=archive_hint,
        **extra,
    )
    if status_code is not None:
        return html, status_code
    if conflict is not None:
        return html, CONFLICT
    if form.errors:
        return html, INVALID_FORM
    return html


def _sir_crumbs(found: Sir) -> list[tuple[str, str]]:
    return [
        (found.lea.name, url_for("leas.lea", lea_id=found.lea_id)),
        (found.title, url_for("reviews.sir", sir_id=found.id)),
    ]


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "component": str(finding.component_id),
        "category": finding.category.value,
        "text": finding.text,
        "version": finding.version,
    }


def _action_data(found: Action) -> dict[str, Any]:
    return {
        "code": found.code,
        "component": str(found.component_id),
        "theme": str(found.theme_id or ""),
        "responsible": found.responsible,
        "target_date": found.target_date,
        "text": found.text,
        "version": found.version,
    }


def _component(choices: list[Component], value: str | None) -> Component:
    return next(c for c in choices if str(c.id) == value)


def _theme(choices: list[Theme], value: str | None) -> Theme | None:
    return next((t for t in choices if str(t.id) == value), None)


def _archive(record: operations.Archived, user: User, back: str) -> Response:
    label = operations.label_of(record)
    try:
        operations.archive_record(db.session(), record, by=user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(f"{label} is archived. An administrator can restore it.", "success")
    return redirect(back)


def _restore(record: operations.Archived, user: User, back: str) -> Response:
    label = operations.label_of(record)
    try:
        operations.restore_record(db.session(), record, by=user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(f"{label} is restored.", "success")
    return redirect(back)
