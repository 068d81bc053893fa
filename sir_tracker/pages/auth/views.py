"""Signing in and out, and changing one's own password."""

from __future__ import annotations

import math
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as cookie
from werkzeug.wrappers import Response

from sir_tracker.auth.accounts import UserRefused, change_own_password
from sir_tracker.auth.models import ApiToken
from sir_tracker.auth.sessions import end_session, start_session
from sir_tracker.auth.throttling import ThrottlePolicy, attempt_sign_in
from sir_tracker.auth.tokens import TokenRefused, create_api_token, revoke_api_token, tokens_of
from sir_tracker.core import db
from sir_tracker.pages.auth.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    RevokeTokenForm,
    SignInForm,
)
from sir_tracker.users.models import User
from sir_tracker.web import current
from sir_tracker.web.current import TOKEN_KEY, sign_in_required
from sir_tracker.web.responses import INVALID_FORM, TOO_MANY, Page

# The same words whether the account exists or not, and whatever was wrong.
NOT_RIGHT = "The email address or the password is not right."

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


def _policy() -> ThrottlePolicy:
    config = current_app.config
    return ThrottlePolicy(
        account_free_failures=int(config["SIGN_IN_ACCOUNT_FREE_FAILURES"]),
        address_free_failures=int(config["SIGN_IN_ADDRESS_FREE_FAILURES"]),
        first_wait=timedelta(seconds=int(config["SIGN_IN_FIRST_WAIT_SECONDS"])),
        lockout=timedelta(seconds=int(config["SIGN_IN_LOCKOUT_SECONDS"])),
    )


def _wait_sentence(wait: timedelta) -> str:
    seconds = math.ceil(wait.total_seconds())
    if seconds <= 90:
        return f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Response | tuple[str, int] | str:
    form = SignInForm()
    if form.validate_on_submit():
        outcome = attempt_sign_in(
            db.session(),
            email=form.email.data or "",
            password=form.password.data or "",
            address=request.remote_addr or "",
            policy=_policy(),
        )
        if outcome.user is not None:
            _open_session(outcome.user)
            return redirect(_safe_next(request.args.get("next")) or url_for("dashboard.index"))
        db.keep_refusal()  # the failure stays counted and audited
        if not outcome.refused_unchecked:
            form.form_errors.append(NOT_RIGHT)
        if outcome.wait is not None:
            form.form_errors.append(
                "Too many failed sign-ins for this account or from this network: wait "
                f"{_wait_sentence(outcome.wait)}, then try again. An administrator can lift "
                "the wait for an account."
            )
        status = TOO_MANY if outcome.refused_unchecked else INVALID_FORM
        return render_template("auth/sign_in.html", form=form), status
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
    form = ChangePasswordForm(owner=user)
    if form.validate_on_submit():
        try:
            change_own_password(
                db.session(),
                user,
                current=form.current_password.data or "",
                new=form.new_password.data or "",
            )
        except UserRefused as refused:
            for field, message in refused.problems:
                getattr(form, field or "current_password").errors.append(message)
        else:
            _open_session(user)
            flash("Your password is changed. Other sessions of yours are signed out.", "success")
            return redirect(url_for("dashboard.index"))
    if form.errors:
        return render_template("auth/change_password.html", form=form), INVALID_FORM
    return render_template("auth/change_password.html", form=form)


def _account_page(form: ApiTokenForm, new_token: str | None = None) -> str:
    user = current.user()
    return render_template(
        "auth/account.html",
        form=form,
        revoke_form=RevokeTokenForm(),
        tokens=tokens_of(db.session(), user),
        new_token=new_token,
    )


@blueprint.get("/account")
@sign_in_required
def account() -> str:
    return _account_page(ApiTokenForm())


@blueprint.post("/account/tokens")
@sign_in_required
def create_token() -> Page:
    form = ApiTokenForm()
    if form.validate_on_submit():
        try:
            _row, token = create_api_token(db.session(), current.user(), form.name.data or "")
        except TokenRefused as refused:
            form.name.errors = [refused.message]
        else:
            # Shown on this answer only: it is never stored, nor put in a flash message.
            return _account_page(ApiTokenForm(formdata=None), new_token=token)
    return _account_page(form), INVALID_FORM


@blueprint.post("/account/tokens/<id:token_id>/revoke")
@sign_in_required
def revoke_token(token_id: int) -> Page:
    user = current.user()
    row = db.session().get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        abort(404)
    if not RevokeTokenForm().validate_on_submit():
        abort(400)
    try:
        revoke_api_token(db.session(), row, by=user)
    except TokenRefused as refused:
        flash(refused.message, "info")
    else:
        flash(f"The token {row.name} is revoked: it no longer opens the API.", "success")
    return redirect(url_for("auth.account"))
