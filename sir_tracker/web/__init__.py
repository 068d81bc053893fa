"""Web plumbing shared by every page: id URLs, error pages, CSRF, template helpers."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from sir_tracker.access import policy
from sir_tracker.core.errors import DomainError
from sir_tracker.core.formatting import DATE_FILTERS
from sir_tracker.web.current import signed_in_user


class IdConverter(BaseConverter):
    """Database ids in URLs: at most 18 digits, so every match fits a 64-bit integer and an
    absurd id answers 404 instead of overflowing the database driver."""

    regex = r"[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(int(value))


csrf = CSRFProtect()

ERROR_TITLES = {
    400: "The request could not be used",
    401: "Please sign in",
    403: "You do not have access to this",
    404: "Page not found",
    405: "That is not allowed here",
    409: "Someone else changed this first",
    500: "Something went wrong on our side",
}


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
    csrf.init_app(app)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(StaleDataError, _stale_data)
    app.context_processor(_template_helpers)
    for name, function in DATE_FILTERS.items():
        app.add_template_filter(function, name)


def _http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    return render_template(
        "errors/error.html",
        code=code,
        title=ERROR_TITLES.get(code, error.name),
        message=error.description if code in (400, 409) else None,
    ), code


def _csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_template(
        "errors/error.html",
        code=400,
        title="This form has expired",
        message="Nothing was saved. Go back, reload the page and submit the form again.",
    ), 400


def _stale_data(_error: StaleDataError) -> tuple[str, int]:
    # Two saves of the same record raced within the same instant; the loser lands here.
    return render_template(
        "errors/error.html",
        code=409,
        title=ERROR_TITLES[409],
        message="Nothing was saved. Reload the page to see the latest version and try again.",
    ), 409


def _template_helpers() -> dict[str, Any]:
    return {"me": signed_in_user(), "policy": policy}


def show_refusal(form: Any, error: DomainError) -> None:
    """Show an operation's refusal where the person will look: beside its field, else at the
    top of the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)
