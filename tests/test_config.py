"""Configuration: in production (SIR_TRACKER_PRODUCTION=true) the app refuses to start with a
generated secret key or without a base URL, and says which settings are missing."""

from __future__ import annotations

import pytest

from sir_tracker.app import create_app
from sir_tracker.config import ConfigurationError


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("SIR_TRACKER_SECRET_KEY", "SIR_TRACKER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SIR_TRACKER_PRODUCTION", "true")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    return monkeypatch


def test_production_refuses_to_start_without_a_secret_key_and_a_base_url(
    production: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigurationError) as refused:
        create_app()

    message = str(refused.value)
    assert message.startswith("SIR Tracker will not start in production without")
    assert "SIR_TRACKER_SECRET_KEY" in message and "SIR_TRACKER_BASE_URL" in message


def test_production_refuses_the_development_base_url(production: pytest.MonkeyPatch) -> None:
    production.setenv("SIR_TRACKER_SECRET_KEY", "k" * 64)
    production.setenv("SIR_TRACKER_BASE_URL", "http://127.0.0.1:5000")

    with pytest.raises(ConfigurationError, match="SIR_TRACKER_BASE_URL") as refused:
        create_app()

    assert "SIR_TRACKER_SECRET_KEY" not in str(refused.value)


def test_production_starts_with_both_and_signs_with_the_key_given(
    production: pytest.MonkeyPatch,
) -> None:
    production.setenv("SIR_TRACKER_SECRET_KEY", "k" * 64)
    production.setenv("SIR_TRACKER_BASE_URL", "https://sir-tracker.ccee.example")

    app = create_app()

    assert app.config["SECRET_KEY"] == "k" * 64
    assert app.config["BASE_URL"] == "https://sir-tracker.ccee.example"


def test_outside_production_a_key_is_generated_in_the_instance_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SIR_TRACKER_PRODUCTION", raising=False)
    monkeypatch.delenv("SIR_TRACKER_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")

    app = create_app()

    assert len(app.config["SECRET_KEY"]) == 64
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]  # kept, not new
