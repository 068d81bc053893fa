"""Request rates (Flask-Limiter): sign-in, password change and the API answer 429 past them.

These bound how fast one client address may try at all; the failed sign-ins counted in the
database (sir_tracker/auth/throttling.py) are what stops a slow guessing run. Each app has its
own limiter, storing its counts where RATELIMIT_STORAGE_URI says (memory:// counts in this
process only: use a shared storage such as redis:// when several processes serve the app).
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

WRITES = ["POST", "PUT", "PATCH", "DELETE"]
# endpoint, or a blueprint's name and a dot: (the setting holding its rate, the methods rated;
# None rates every method)
RATED_ENDPOINTS: dict[str, tuple[str, list[str] | None]] = {
    # Only what is sent counts: showing the sign-in page is free.
    "auth.sign_in": ("SIGN_IN_RATE", WRITES),
    "auth.change_password": ("PASSWORD_CHANGE_RATE", WRITES),
    "api.": ("API_RATE", None),
}


def init_app(app: Flask) -> Limiter:
    """Rate the endpoints above; called once every blueprint is registered."""
    limiter = Limiter(get_remote_address, app=app)
    # The rated views hold the limiter weakly, and Flask-Limiter keeps no reference to it when
    # RATELIMIT_ENABLED is false: without this one, every rated page answered 500.
    app.extensions["sir_tracker.limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        for rated, (setting, methods) in RATED_ENDPOINTS.items():
            if endpoint == rated or (rated.endswith(".") and endpoint.startswith(rated)):
                rated_view: Any = limiter.limit(app.config[setting], methods=methods)(view)
                app.view_functions[endpoint] = rated_view
    return limiter
