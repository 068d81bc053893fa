"""The WSGI entry point of production servers: ``gunicorn sir_tracker.wsgi:app``.

Each gunicorn worker process imports this module once and serves requests from the app built
here; settings come from the environment (see README.md, "Running it for real").
"""

from sir_tracker.app import create_app

app = create_app()
