"""The web layer that every page uses: id URLs, error pages, CSRF, template helpers and filters
(here), and form fields, shared forms, the edit-conflict view, refusals, responses, the
signed-in user and the access loaders (the modules beside this one)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import OperationalError

from sir_tracker.access import policy
from sir_tracker.core.formatting import DATE_FILTERS
from sir_tracker.web import error_pages, security
from sir_tracker.web.converters import IdConverter
from sir_tracker.web.current import signed_in_user

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
    security.init_app(app)  # before CSRF, which reads the body
    csrf.init_app(app)
    error_pages.register(app)
    app.context_processor(_template_helpers)
    for name, function in DATE_FILTERS.items():
        app.add_template_filter(function, name)
    app.add_template_filter(width_class, "width_class")


def width_class(percent: str | float) -> str:
    """The class giving a bar segment its width ("28.8%" -> "width-pct-29"): a style attribute
    would need the Content Security Policy to allow inline styles."""
    value = float(str(percent).rstrip("%"))
    return f"width-pct-{min(100, max(0, round(value)))}"


def _template_helpers() -> dict[str, Any]:
    try:
        me = signed_in_user()
    except OperationalError:  # the 503 page itself, with the database down: shown signed out
        me = None
    return {"me": me, "policy": policy}
