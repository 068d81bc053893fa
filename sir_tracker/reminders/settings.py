"""The reminder settings, read from the app's configuration (defaults in sir_tracker.config).

Values set as SIR_TRACKER_<NAME> arrive parsed as JSON when they look like JSON (a port as a
number, ``true`` as a boolean, a numeric password as a number): each is coerced back here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class ReminderSettings:
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_timeout: int = 30
    mail_from: str = "sir-tracker@localhost"
    base_url: str = "http://127.0.0.1:5000"
    pre_read_days: int = 7
    max_attempts: int = 5

    @property
    def enabled(self) -> bool:
        """Reminders are off until an SMTP host is set."""
        return bool(self.smtp_host)

    def link(self, endpoint: str, **values: Any) -> str:
        """An absolute link to a page of the app at BASE_URL, for a message read elsewhere.

        Built from the URL map alone: no request is pretended, so the link does not depend on
        whether BASE_URL's host is among the hosts the app answers for."""
        base = urlsplit(self.base_url)
        adapter = current_app.url_map.bind(
            base.netloc, script_name=base.path or "/", url_scheme=base.scheme
        )
        return adapter.build(endpoint, values, force_external=True)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> ReminderSettings:
        return cls(
            smtp_host=_text(config.get("SMTP_HOST")),
            smtp_port=whole_number(config, "SMTP_PORT", 25, minimum=1),
            smtp_username=_text(config.get("SMTP_USERNAME")),
            smtp_password=_text(config.get("SMTP_PASSWORD")),
            smtp_starttls=_flag(config, "SMTP_STARTTLS"),
            smtp_timeout=whole_number(config, "SMTP_TIMEOUT", 30, minimum=1),
            mail_from=_text(config.get("MAIL_FROM")) or "sir-tracker@localhost",
            base_url=_text(config.get("BASE_URL")) or "http://127.0.0.1:5000",
            pre_read_days=whole_number(config, "PRE_READ_DAYS", 7, minimum=0),
            max_attempts=whole_number(config, "REMINDER_MAX_ATTEMPTS", 5, minimum=1),
        )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def whole_number(config: Mapping[str, Any], name: str, default: int, *, minimum: int) -> int:
    """The setting ``name`` as a whole number of at least ``minimum`` (``default`` unset)."""
    value = config.get(name, default)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SettingsError(f"SIR_TRACKER_{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise SettingsError(f"SIR_TRACKER_{name} must be at least {minimum}, not {number}.")
    return number


def _flag(config: Mapping[str, Any], name: str) -> bool:
    value = config.get(name, False)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"SIR_TRACKER_{name} must be true or false, not {value!r}.")
