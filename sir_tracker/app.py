"""The application factory."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from sir_tracker.config import configure
from sir_tracker.core import db
from sir_tracker.core.paths import resource_dir


def create_app(test_config: Mapping[str, Any] | None = None, *, pages: bool = True) -> Flask:
    """The app: its settings and database, then the web layer and every page, unless
    ``pages`` is false (a command that neither serves nor links to a page)."""
    app = Flask(
        "sir_tracker",
        template_folder=str(resource_dir("templates")),
        instance_relative_config=True,
        # The SQLite database, the secret key and the demo accounts live there; by default
        # Flask's instance/ folder beside the package.
        instance_path=os.environ.get("SIR_TRACKER_INSTANCE_PATH") or None,
    )
    configure(app, test_config)
    db.init_app(app)
    if pages:
        _register_pages(app)
    return app


def _register_pages(app: Flask) -> None:
    # Imported here, not at the top: a command that shows no page (`report lea`, `db upgrade`)
    # is spared a second of imports (the API's models, openpyxl, pikepdf, Flask-Limiter).
    from sir_tracker import web
    from sir_tracker.pages.api.views import blueprint as api_blueprint
    from sir_tracker.pages.audit.views import blueprint as audit_blueprint
    from sir_tracker.pages.auth.views import blueprint as auth_blueprint
    from sir_tracker.pages.caseload.views import blueprint as caseload_blueprint
    from sir_tracker.pages.dashboard.views import blueprint as dashboard_blueprint
    from sir_tracker.pages.distribution.views import blueprint as distribution_blueprint
    from sir_tracker.pages.leas.views import blueprint as leas_blueprint
    from sir_tracker.pages.meetings.signoff_views import blueprint as signoff_blueprint
    from sir_tracker.pages.meetings.views import blueprint as meetings_blueprint
    from sir_tracker.pages.public.views import blueprint as public_blueprint
    from sir_tracker.pages.reminders.views import blueprint as reminders_blueprint
    from sir_tracker.pages.reports.archive_views import blueprint as archive_blueprint
    from sir_tracker.pages.reports.packet_views import blueprint as packets_blueprint
    from sir_tracker.pages.reports.views import blueprint as reports_blueprint
    from sir_tracker.pages.reviews.status_views import blueprint as progress_blueprint
    from sir_tracker.pages.reviews.views import blueprint as reviews_blueprint
    from sir_tracker.pages.spreadsheets.dashboard_views import (
        blueprint as dashboard_results_blueprint,
    )
    from sir_tracker.pages.spreadsheets.views import blueprint as spreadsheets_blueprint
    from sir_tracker.pages.users.views import blueprint as users_blueprint
    from sir_tracker.web import current, limits

    web.init_app(app)
    current.init_app(app)
    app.register_blueprint(auth_blueprint)
    app.register_blueprint(dashboard_blueprint)
    app.register_blueprint(leas_blueprint)
    app.register_blueprint(public_blueprint)
    app.register_blueprint(users_blueprint)
    app.register_blueprint(audit_blueprint)
    app.register_blueprint(reminders_blueprint)
    app.register_blueprint(meetings_blueprint)
    app.register_blueprint(signoff_blueprint)
    app.register_blueprint(reviews_blueprint)
    app.register_blueprint(progress_blueprint)
    app.register_blueprint(reports_blueprint)
    app.register_blueprint(packets_blueprint)
    app.register_blueprint(archive_blueprint)
    app.register_blueprint(distribution_blueprint)
    app.register_blueprint(spreadsheets_blueprint)
    app.register_blueprint(dashboard_results_blueprint)
    app.register_blueprint(caseload_blueprint)
    limits.init_app(app)  # rates the views of the blueprints above

    app.register_blueprint(api_blueprint)
