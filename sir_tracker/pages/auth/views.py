"""Signing in and out, and changing one's own password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask import session as cookie
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from sir_tracker.auth.passwords import hash_password, password_matches
from sir_tracker.auth.sessions import end_all_sessions, end_session, start_session
from sir_tracker.core import db
from sir_tracker.pages.auth.forms import ChangePasswordForm, SignInForm
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import TOKEN_KEY, sign_in_required
from sir_tracker.web.responses import INVALID_FORM

blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never redirect a signed-in user elsewhere."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _open_session(user: User) -> None:
    token = start_session(db.session(), user)
    cookie.clear()
    cookie[TOKEN_KEY] = token
    cookie.permanent = True


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    form = SignInForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        user = db.session().scalar(select(User).where(func.lower(User.email) == email))
        if (
            user is not None
            and user.is_active
            and password_matches(user.password_hash, form.password.data or "")
        ):
            _open_session(user)
            return redirect(_safe_next(request.args.get("next")) or url_for("dashboard.index"))
        form.form_errors.append("The email address or the password is not right.")
    if form.errors:
        return render_template("auth/sign_in.html", form=form), INVALID_FORM
    return render_template("auth/sign_in.html", form=form)


@blueprint.post("/sign-out")
def sign_out() -> Response:
    token = cookie.get(TOKEN_KEY)
    if token:
        end_session(db.session(), token)
    cookie.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/account/password", methods=["GET", "POST"])
@sign_in_required
def change_password() -> Response | tuple[str, int] | str:
    user = current.user()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not password_matches(user.password_hash, form.current_password.data or ""):
            form.current_password.errors = ["Your current password is not right."]
        else:
            user.password_hash = hash_password(form.new_password.data or "")
            end_all_sessions(db.session(), user)
            _open_session(user)
            flash("Your password is changed. Other sessions of yours are signed out.", "success")
            return redirect(url_for("dashboard.index"))
    if form.errors:
        return render_template("auth/change_password.html", form=form), INVALID_FORM
    return render_template("auth/change_password.html", form=form)
