"""The error pages: every refusal and failure answers with a page that says what happened."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from sir_tracker.core.text import ControlCharactersRefused
from sir_tracker.web.problems import problem, wants_problem


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(StaleDataError, stale_data)
    app.register_error_handler(ControlCharactersRefused, control_characters)
    app.register_error_handler(OperationalError, database_unavailable)


ERROR_TITLES = {
    400: "The request could not be used",
    401: "Please sign in",
    403: "You do not have access to this",
    404: "Page not found",
    405: "That is not allowed here",
    413: "That was too much to send",
    429: "Too many attempts",
    409: "Someone else changed this first",
    503: "The database is not answering",
    500: "Something went wrong on our side",
}


ERROR_MESSAGES = {
    413: "Nothing was saved: what was sent is larger than this server accepts. Shorten the "
    "longest text, or send a smaller file.",
    429: "Nothing was saved. Wait a minute, then try again.",
}


def http_error(error: HTTPException) -> tuple[str, int] | Response:
    code = error.code or 500
    if wants_problem():
        headers = dict(error.get_headers())
        headers.pop("Content-Type", None)
        detail = error.description or ""
        return problem(code, ERROR_TITLES.get(code, error.name), detail, headers=headers)
    return render_template(
        "errors/error.html",
        code=code,
        title=ERROR_TITLES.get(code, error.name),
        message=ERROR_MESSAGES.get(code) or (error.description if code in (400, 409) else None),
    ), code


def csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_template(
        "errors/error.html",
        code=400,
        title="This form has expired",
        message="Nothing was saved. Go back, reload the page and submit the form again.",
    ), 400


def stale_data(_error: StaleDataError) -> tuple[str, int]:
    # Two saves of the same record raced within the same instant; the loser lands here.
    return render_template(
        "errors/error.html",
        code=409,
        title=ERROR_TITLES[409],
        message="Nothing was saved. Reload the page to see the latest version and try again.",
    ), 409


def control_characters(error: ControlCharactersRefused) -> tuple[str, int]:
    # The forms refuse these on the field first; this answers a path that has no form check.
    return render_template(
        "errors/error.html", code=422, title="That text cannot be saved", message=error.message
    ), 422


def database_unavailable(_error: OperationalError) -> tuple[str, int, dict[str, str]]:
    # Locked past its busy timeout, or unreachable. Whatever the request was writing is rolled
    # back (core/db commits only a successful answer, and a failed commit saved nothing), so
    # "nothing was saved" is true. The page is shown signed out: finding who is signed in
    # needs the database (Flask-Login's template context would ask it again, and fail).
    g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
    if request.method in ("GET", "HEAD"):
        # A reader sent nothing to save: say what is true for them.
        message = (
            "This page cannot be shown just now. Nothing you saved before is lost. Wait a "
            "moment, then reload the page; if it goes on, tell your administrator."
        )
    else:
        message = (
            "Nothing was saved. Wait a moment, then try again; if it goes on, tell your "
            "administrator."
        )
    return (
        render_template("errors/error.html", code=503, title=ERROR_TITLES[503], message=message),
        503,
        {"Retry-After": "10"},
    )
