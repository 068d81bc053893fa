"""The web layer that every page uses: id URLs, error pages, CSRF, template helpers and filters
(here), and form fields, shared forms, the edit-conflict view, refusals, responses, the
signed-in user and the access loaders (the modules beside this one)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from sir_tracker.access import policy
from sir_tracker.core.formatting import DATE_FILTERS
from sir_tracker.web import error_pages
from sir_tracker.web.converters import IdConverter
from sir_tracker.web.current import signed_in_user

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
    csrf.init_app(app)
    error_pages.register(app)
    app.context_processor(_template_helpers)
    for name, function in DATE_FILTERS.items():
        app.add_template_filter(function, name)


def _template_helpers() -> dict[str, Any]:
    return {"me": signed_in_user(), "policy": policy}
