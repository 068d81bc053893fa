"""An operation's refusal (``DomainError``) shown on the form that asked for it."""

from __future__ import annotations

from typing import Any

from sir_tracker.core.errors import DomainError


def show_refusal(form: Any, error: DomainError) -> None:
    """Show an operation's refusal where the person will look: beside its field, else at the
    top of the form."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)
