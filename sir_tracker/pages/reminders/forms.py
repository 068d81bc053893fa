from __future__ import annotations

from sir_tracker.web.fields import version_field
from sir_tracker.web.forms import CheckedForm


class ReminderDecisionForm(CheckedForm):
    """Send again, or record as sent: the form carries the version of the reminder shown."""

    version = version_field()
