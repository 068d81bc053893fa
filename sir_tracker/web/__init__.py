"""The web layer that every page uses: id URLs, error pages, CSRF, template helpers and filters
(here), and form fields, shared forms, the edit-conflict view, refusals, responses, the
signed-in user and the access loaders (the modules beside this one)."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import Babel, get_locale
from flask_wtf.csrf import CSRFProtect
from markupsafe import Markup
from sqlalchemy.exc import OperationalError

from sir_tracker.access import policy
from sir_tracker.core.formatting import DATE_FILTERS, long_date, month_year
from sir_tracker.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATIONS, known_language
from sir_tracker.core.urls import RowUrl
from sir_tracker.reviews.models import ActionStatus
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
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=_language)
    for name, function in DATE_FILTERS.items():
        app.add_template_filter(function, name)
    # Dates in the page's language: English everywhere but on the public pages in Spanish.
    app.add_template_filter(lambda day: long_date(day, language()), "long_date")
    app.add_template_filter(lambda day: month_year(day, language()), "month_year")
    app.add_template_filter(width_class, "width_class")
    app.add_template_filter(status_tag, "status_tag")
    # {% set action_url = row_url("reviews.action", "action_id") %} once, then action_url(id).
    app.add_template_global(RowUrl, "row_url")


def width_class(percent: str | float) -> str:
    """The class giving a bar segment its width ("28.8%" -> "width-pct-29"): a style attribute
    would need the Content Security Policy to allow inline styles."""
    value = float(str(percent).rstrip("%"))
    return f"width-pct-{min(100, max(0, round(value)))}"


# A filter, not a macro: tables show one a row, and a macro call costs ten times a lookup.
_STATUS_TAGS = {
    status: Markup('<span class="status-tag status-tag--{}">{}</span>').format(
        status.value, status.label
    )
    for status in ActionStatus
}


def status_tag(status: ActionStatus) -> Markup:
    """An action's status as its coloured tag."""
    return _STATUS_TAGS[status]


# The blueprints whose pages anyone reads, in English or Spanish.
PUBLIC_BLUEPRINTS = frozenset({"public"})


def _language() -> str:
    """``?lang=`` if it names a language, else the browser's preference, on public pages."""
    if request.blueprint not in PUBLIC_BLUEPRINTS:
        return DEFAULT_LANGUAGE
    chosen = known_language(request.args.get("lang"))
    return chosen or request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def language() -> str:
    """The language of the page being answered ("en" or "es")."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def public_url(endpoint: str, **values: Any) -> str:
    """``url_for`` that keeps the reader's language on the public pages."""
    current = language()
    if current != DEFAULT_LANGUAGE:
        values.setdefault("lang", current)
    return url_for(endpoint, **values)


def _language_links() -> list[tuple[str, str, str]]:
    """(language, its name, the current page in it), for the language switch."""
    args = {**request.args.to_dict(), **(request.view_args or {})}
    return [
        (code, name, url_for(str(request.endpoint), **{**args, "lang": code}))
        for code, name in LANGUAGES.items()
    ]


def _template_helpers() -> dict[str, Any]:
    try:
        me = signed_in_user()
    except OperationalError:  # the 503 page itself, with the database down: shown signed out
        me = None
    return {
        "me": me,
        "policy": policy,
        "language": language(),
        "public_url": public_url,
        "language_links": _language_links,
    }
