"""Status updates: one action at a time (inline or on the action page), or many at once."""

from __future__ import annotations

from typing import Any

from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.meetings.models import Meeting
from sir_tracker.progress.operations import EVIDENCE_URL_LIMIT, NOTE_LIMIT
from sir_tracker.reviews.models import ActionStatus
from sir_tracker.web.fields import ChoiceField, DayField, as_choices, version_field, web_link
from sir_tracker.web.forms import CheckedForm

STATUS_CHOICES = [(status.value, status.label.capitalize()) for status in ActionStatus]


class StatusUpdateForm(CheckedForm):
    status = ChoiceField(
        "New status",
        choices=[("", "Choose the new status"), *STATUS_CHOICES],
        invalid="Choose one of: not started, in progress, completed.",
        validators=[InputRequired("Choose the new status.")],
    )
    note = TextAreaField(
        "Note",
        validators=[
            Length(max=NOTE_LIMIT, message=f"Keep the note under {NOTE_LIMIT:,} characters.")
        ],
        description="Required: what changed, and how you know.",
    )
    evidence_url = URLField(
        "Evidence link (optional)",
        validators=[
            Length(max=EVIDENCE_URL_LIMIT, message="The link is too long."),
            web_link,
        ],
    )
    effective_date = DayField(
        "Effective date",
        default=today,
        validators=[Optional()],
        description="The day the change took effect: today, or a past day after the last change.",
    )
    version = version_field()
    next = HiddenField()


class BulkRowForm(Form):
    """One action's row: no CSRF token of its own (the page's form carries one)."""

    action_id = IntegerField(
        widget=HiddenInput(), validators=[InputRequired("This row names no action.")]
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    # Every value is checked by the bulk operation, which reports all rows' problems at once.
    status = ChoiceField(
        "New status",
        choices=[("", "Unchanged"), *STATUS_CHOICES],
        invalid="Choose a status from the list.",
        validate_choice=False,
    )
    note = TextAreaField(
        "Note",
        validators=[
            Length(max=NOTE_LIMIT, message=f"Keep the note under {NOTE_LIMIT:,} characters.")
        ],
    )
    evidence_url = StringField(
        "Evidence link",
        validators=[Length(max=EVIDENCE_URL_LIMIT, message="The link is too long.")],
    )


class BulkStatusForm(CheckedForm):
    rows = FieldList(FormField(BulkRowForm))
    meeting = ChoiceField(
        "Meeting these changes were made at (optional)",
        invalid="Choose one of this LEA's meetings, or none.",
        default="",
        description="Each change is then dated on the meeting's day and linked to its record.",
    )

    def __init__(self, *args: Any, meetings: list[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting.choices = as_choices(
            [("", "No meeting: the changes take effect now")]
            + [(str(m.id), f"{long_date(m.held_on)} · {m.kind.label}") for m in meetings]
        )


class ProgressNoteForm(CheckedForm):
    """A progress note on one action, from its page."""

    note = TextAreaField(
        "Progress note",
        validators=[
            InputRequired("Write the note: what happened on this action."),
            Length(max=NOTE_LIMIT, message=f"Keep the note under {NOTE_LIMIT} characters."),
        ],
        description="What happened, with the status unchanged. Notes cannot be edited once added.",
    )
    evidence_url = URLField(
        "Evidence link (optional)",
        validators=[Length(max=2000, message="The link is too long."), web_link],
    )


class MeetingNoteForm(ProgressNoteForm):
    """A progress note made at a meeting, on one of the actions of its SIR."""

    action = ChoiceField(
        "Action",
        invalid="Choose one of the SIR's current actions.",
        validators=[InputRequired("Choose the action the note is about.")],
    )

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action.choices = as_choices([("", "Choose an action"), *actions])
