"""Administration of user accounts: list, create, edit, deactivate and reactivate, and lift a
sign-in lockout."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from sir_tracker.audit.editing import EditConflict
from sir_tracker.audit.models import AuditEvent
from sir_tracker.auth.accounts import (
    UserRefused,
    account_problems,
    create_user,
    deactivate_user,
    normalized_email,
    reactivate_user,
    set_password,
    update_user,
)
from sir_tracker.auth.throttling import account_throttles, lift_lockout
from sir_tracker.core import db
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import pacific_day
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.pages.users.forms import EditUserForm, NewUserForm, UserForm
from sir_tracker.users.models import Role, User
from sir_tracker.web import current
from sir_tracker.web.conflict import Conflict, conflict_of
from sir_tracker.web.current import sign_in_required
from sir_tracker.web.loaders import require_admin
from sir_tracker.web.responses import CONFLICT, INVALID_FORM

blueprint = Blueprint("users", __name__, url_prefix="/admin/users")


def _admin() -> User:
    user = current.user()
    require_admin(user)
    return user


def _user_or_404(user_id: int) -> User:
    user = db.session().get(User, user_id)
    if user is None:
        abort(404)
    return user


def _scopes() -> dict[str, Any]:
    session = db.session()
    return {
        "county_offices": session.scalars(select(CountyOffice).order_by(CountyOffice.name)).all(),
        "leas": session.scalars(
            select(Lea).options(selectinload(Lea.county_office)).order_by(Lea.name)
        ).all(),
    }


def _scope_values(form: UserForm) -> dict[str, Any]:
    session = db.session()
    office_id, lea_id = form.county_office.data, form.lea.data
    return {
        "county_office": session.get(CountyOffice, office_id) if office_id else None,
        "lea": session.get(Lea, lea_id) if lea_id else None,
    }


def _show_problems(form: UserForm, problems: list[tuple[str | None, str]]) -> None:
    for field, message in problems:
        if field and field in form:
            if message not in form[field].errors:
                form[field].errors = [*form[field].errors, message]
        else:
            form.form_errors.append(message)


def _show_refusal(form: UserForm, refusal: DomainError) -> None:
    if isinstance(refusal, UserRefused):
        _show_problems(form, refusal.problems)
    else:
        _show_problems(form, [(refusal.field, refusal.message)])


def _check_details(form: UserForm, user: User | None) -> None:
    """After the form's own checks failed, add the account's, so that all show at once."""
    if form.role.errors:
        return
    problems = account_problems(
        db.session(),
        user=user,
        email=normalized_email(form.email.data or ""),
        name=(form.name.data or "").strip(),
        role=form.role.data,
        **_scope_values(form),
    )
    _show_problems(form, [(f, m) for f, m in problems if not (f and form[f].errors)])


def scope_label(user: User) -> str:
    if user.county_office is not None:
        return f"{user.county_office.county} County"
    if user.lea is not None:
        return user.lea.name
    return "All LEAs" if user.role in (Role.ADMIN, Role.CCEE_LEAD, Role.VIEWER) else ""


@blueprint.get("")
@sign_in_required
def index() -> str:
    _admin()
    session = db.session()
    users = session.scalars(
        select(User)
        .options(selectinload(User.county_office), selectinload(User.lea))
        .order_by(User.is_active.desc(), func.lower(User.name))
    ).all()
    last_changes = {
        record_id: moment
        for record_id, moment in session.execute(
            select(AuditEvent.record_id, func.max(AuditEvent.occurred_at))
            .where(AuditEvent.record_type == User.__name__)
            .group_by(AuditEvent.record_id)
        )
    }
    throttles = account_throttles(session, users)
    rows = [
        {
            "user": user,
            "scope": scope_label(user),
            "last_change": pacific_day(last_changes.get(user.id) or user.created_at),
            "throttle": throttles.get(user.id),
        }
        for user in users
    ]
    return render_template("users/index.html", rows=rows)


@blueprint.route("/new", methods=["GET", "POST"])
@sign_in_required
def new() -> Response | str | tuple[str, int]:
    admin = _admin()
    form = NewUserForm(**_scopes())
    if form.validate_on_submit():
        try:
            created = create_user(
                db.session(),
                actor=admin,
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data,
                password=form.password.data or "",
                **_scope_values(form),
            )
        except DomainError as refusal:
            _show_refusal(form, refusal)
        else:
            flash(f"Account created for {created.name}. They can sign in now.", "success")
            return redirect(url_for("users.index"))
    elif form.is_submitted():
        _check_details(form, None)
    if form.errors:
        return render_template("users/form.html", form=form, user=None), INVALID_FORM
    return render_template("users/form.html", form=form, user=None)


@blueprint.route("/<id:user_id>/edit", methods=["GET", "POST"])
@sign_in_required
def edit(user_id: int) -> Response | str | tuple[str, int]:
    admin = _admin()
    user = _user_or_404(user_id)
    form = _edit_form(user, admin)
    is_me = user.id == admin.id
    if form.validate_on_submit():
        session = db.session()
        new_password = None if is_me else form.password.data
        try:
            changes = update_user(
                session,
                user,
                actor=admin,
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data,
                # A form without the version it was opened at is treated as stale.
                version=form.version.data or 0,
                **_scope_values(form),
            )
            if new_password:
                set_password(session, user, new_password, actor=admin)
        except EditConflict as conflict:
            fresh = _edit_form(user, admin, formdata=None)
            shown = conflict_of(conflict, form, fresh)
            return _edit_page(fresh, user, is_me, CONFLICT, conflict=shown)
        except DomainError as refusal:
            _show_refusal(form, refusal)
        else:
            if changes or new_password:
                flash(f"{user.name}'s account is saved.", "success")
            else:
                flash("Nothing was changed.", "info")
            return redirect(url_for("users.index"))
    elif form.is_submitted():
        _check_details(form, user)
    return _edit_page(form, user, is_me, INVALID_FORM if form.errors else 200)


def _edit_form(user: User, admin: User, **options: Any) -> EditUserForm:
    """The account's form, filled from the record (and from the request unless formdata=None);
    no password fields on one's own account, which changes its password on its own page."""
    form = EditUserForm(
        obj=None,
        data={
            "name": user.name,
            "email": user.email,
            "role": user.role,
            "county_office": user.county_office_id,
            "lea": user.lea_id,
            "version": user.version,
        },
        **_scopes(),
        **options,
    )
    if user.id == admin.id:
        del form.password
        del form.confirm_password
    return form


def _edit_page(
    form: EditUserForm, user: User, is_me: bool, status: int, conflict: Conflict | None = None
) -> tuple[str, int]:
    throttle = account_throttles(db.session(), [user]).get(user.id)
    return render_template(
        "users/form.html",
        form=form,
        user=user,
        is_me=is_me,
        throttle=throttle,
        conflict=conflict,
    ), status


@blueprint.post("/<id:user_id>/deactivate")
@sign_in_required
def deactivate(user_id: int) -> Response | tuple[str, int]:
    admin = _admin()
    user = _user_or_404(user_id)
    try:
        deactivate_user(db.session(), user, actor=admin)
    except DomainError as refusal:
        return _refused(user, refusal)
    flash(f"{user.name}'s account is deactivated and signed out everywhere.", "success")
    return redirect(url_for("users.index"))


@blueprint.post("/<id:user_id>/reactivate")
@sign_in_required
def reactivate(user_id: int) -> Response | tuple[str, int]:
    admin = _admin()
    user = _user_or_404(user_id)
    try:
        reactivate_user(db.session(), user, actor=admin)
    except DomainError as refusal:
        return _refused(user, refusal)
    flash(f"{user.name}'s account is active again.", "success")
    return redirect(url_for("users.index"))


@blueprint.post("/<id:user_id>/lift-lockout")
@sign_in_required
def unlock(user_id: int) -> Response:
    admin = _admin()
    user = _user_or_404(user_id)
    if lift_lockout(db.session(), user, actor=admin):
        flash(
            f"{user.name} can sign in again at once: their failed sign-ins are forgotten.",
            "success",
        )
    else:
        flash(f"{user.name} had no failed sign-ins to forget.", "info")
    return redirect(url_for("users.edit", user_id=user.id))


def _refused(user: User, refusal: DomainError) -> tuple[str, int]:
    """Show the edit page again with the reason the account's state was not changed."""
    admin = current.user()
    form = _edit_form(user, admin, formdata=None)
    form.form_errors.append(refusal.message)
    return _edit_page(form, user, user.id == admin.id, INVALID_FORM)
