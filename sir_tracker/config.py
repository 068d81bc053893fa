"""Configuration: defaults, then the environment, then a test mapping."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from sir_tracker.auth.sessions import SESSION_LIFETIME
from sir_tracker.monitoring.quarters import (
    DEFAULT_PLATEAU_MEETINGS,
    DEFAULT_STALL_MEETINGS,
    Thresholds,
)
from sir_tracker.reports.budget import DEFAULT_PAGE_LIMIT, DEFAULT_SECONDS_LIMIT, LayoutBudget
from sir_tracker.reports.distribution.delivery import DistributionSettings

# --- Email reminders (`sir-tracker reminders send`, see sir_tracker/reminders) ----------------
# Each can be set as SIR_TRACKER_<NAME>; an empty SMTP_HOST turns reminders off.
REMINDER_DEFAULTS: dict[str, Any] = {
    "SMTP_HOST": "",
    "SMTP_PORT": 25,
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "SMTP_STARTTLS": False,
    "SMTP_TIMEOUT": 30,  # seconds
    "MAIL_FROM": "sir-tracker@localhost",
    "BASE_URL": "http://127.0.0.1:5000",  # where the links in reminders point
    "PRE_READ_DAYS": 7,  # the pre-read goes out this many days before a quarterly meeting
    "REMINDER_MAX_ATTEMPTS": 5,  # failed sends of one reminder before it stops being retried
}
# --- end of email reminders --------------------------------------------------------------------

# --- Hardening (issue 14): hosts, cookies, body sizes, sign-in throttling ---------------------
SECURITY_DEFAULTS: dict[str, Any] = {
    # None: the host of BASE_URL (and localhost's names when that is a loopback address).
    "TRUSTED_HOSTS": None,
    # None: Secure cookies unless BASE_URL is plain http on a loopback address (development).
    "SESSION_COOKIE_SECURE": None,
    "TRUSTED_PROXIES": 0,  # proxies in front whose X-Forwarded-For/-Proto are believed
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,  # any request body, file uploads included
    "MAX_FORM_MEMORY_SIZE": 256 * 1024,  # a form post's body, and one text part of an upload
    "MAX_FORM_PARTS": 1000,
    # Failed sign-ins (counted in the database, see sir_tracker/auth/throttling.py).
    "SIGN_IN_ACCOUNT_FREE_FAILURES": 5,
    "SIGN_IN_ADDRESS_FREE_FAILURES": 20,
    "SIGN_IN_FIRST_WAIT_SECONDS": 30,
    "SIGN_IN_LOCKOUT_SECONDS": 15 * 60,
    # Request rates per client address (Flask-Limiter's notation), and where they are counted.
    "SIGN_IN_RATE": "20 per minute",
    "PASSWORD_CHANGE_RATE": "10 per minute",
    "API_RATE": "300 per minute",
    "RATELIMIT_STORAGE_URI": "memory://",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# --- end of hardening -------------------------------------------------------------------------


class ConfigurationError(RuntimeError):
    """A setting that the app cannot run without is missing: it refuses to start."""


def configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{instance / 'sir_tracker.sqlite'}",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        WTF_CSRF_TIME_LIMIT=None,  # a token lives as long as the sign-in session
        # An action is stalled once "in progress" at this many consecutive quarterly meetings
        # with neither a status change nor a progress note across them;
        # an LEA plateaus when its completed count has not risen across this many.
        STALL_QUARTERLY_MEETINGS=DEFAULT_STALL_MEETINGS,
        PLATEAU_QUARTERLY_MEETINGS=DEFAULT_PLATEAU_MEETINGS,
        # Processes that lay out board packet sections side by side: one per core.
        REPORT_PROCESSES=2,
        # The layout budget of one LEA report (a packet's section too): past it, refused.
        REPORT_PAGE_LIMIT=DEFAULT_PAGE_LIMIT,
        REPORT_SECONDS_LIMIT=DEFAULT_SECONDS_LIMIT,
        # SIR_TRACKER_PRODUCTION=true: refuse to start without a secret key and a base URL.
        PRODUCTION=False,
    )
    app.config.from_mapping(REMINDER_DEFAULTS)
    app.config.from_mapping(SECURITY_DEFAULTS)
    if "DATABASE_URL" in os.environ:
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    # SIR_TRACKER_SECRET_KEY, SIR_TRACKER_SESSION_COOKIE_SECURE=true, ...
    app.config.from_prefixed_env("SIR_TRACKER")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config["DATABASE_URL"] = normalize_database_url(app.config["DATABASE_URL"])
    _derive_security_settings(app.config)
    Thresholds.from_config(app.config)  # a bad threshold fails at start, not on a page
    DistributionSettings.from_config(app.config)  # and so does a bad sending setting
    LayoutBudget.from_config(app.config)
    if app.config.get("PRODUCTION"):
        _check_production(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance)


def _check_production(config: Mapping[str, Any]) -> None:
    """SIR_TRACKER_PRODUCTION=true: refuse to start without the settings that a development
    machine can do without. A key generated in each instance folder would differ between
    machines (each refusing the others' sessions); a default base URL would put links to
    127.0.0.1 in reminders."""
    missing = []
    if not config.get("SECRET_KEY"):
        missing.append("SIR_TRACKER_SECRET_KEY (a long random string, the same on every machine)")
    if config.get("BASE_URL") in ("", REMINDER_DEFAULTS["BASE_URL"]):
        missing.append("SIR_TRACKER_BASE_URL (the address people use, e.g. https://sir.example)")
    if missing:
        raise ConfigurationError(
            "SIR Tracker will not start in production without " + " and ".join(missing) + "."
        )


def _derive_security_settings(config: dict[str, Any]) -> None:
    base = urlsplit(str(config["BASE_URL"]))
    host = base.hostname or "localhost"
    development = base.scheme == "http" and host in LOOPBACK_HOSTS
    trusted = config["TRUSTED_HOSTS"]
    if trusted is None:
        trusted = list(LOOPBACK_HOSTS) if host in LOOPBACK_HOSTS else [host]
    elif isinstance(trusted, str):  # SIR_TRACKER_TRUSTED_HOSTS=a.example,b.example
        trusted = [name.strip() for name in trusted.split(",") if name.strip()]
    config["TRUSTED_HOSTS"] = trusted
    if config["SESSION_COOKIE_SECURE"] is None:
        config["SESSION_COOKIE_SECURE"] = not development


def normalize_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written without a driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _instance_secret_key(instance: Path) -> str:
    """A key kept in the instance folder, so sessions survive restarts without any setup."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
