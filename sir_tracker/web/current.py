"""The signed-in user, and the guard that sends everyone else to the sign-in page.

Flask-Login provides the request plumbing; its user is loaded from our server-side session
row on every request (``load_user``), so a copied cookie dies with the row.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, abort, redirect, request, url_for
from flask import session as cookie
from flask_login import LoginManager, current_user

from sir_tracker.auth.sessions import user_for_token
from sir_tracker.core import db
from sir_tracker.users.models import User

TOKEN_KEY = "auth_token"
F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    manager = LoginManager()
    manager.login_view = "auth.sign_in"
    manager.request_loader(_load_user)
    manager.init_app(app)


def _load_user(_request: object) -> User | None:
    token = cookie.get(TOKEN_KEY)
    if not token:
        return None
    return user_for_token(db.session(), token)


def signed_in_user() -> User | None:
    if not current_user.is_authenticated:
        return None
    return cast(User, current_user._get_current_object())


def user() -> User:
    """The signed-in user of a view protected by ``sign_in_required``."""
    found = signed_in_user()
    if found is None:
        abort(401)
    return found


def sign_in_required(view: F) -> F:
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if signed_in_user() is None:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return cast(F, guarded)
