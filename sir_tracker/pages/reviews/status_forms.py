"""Status updates: one action at a time (inline or on the action page), or many at once."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.meetings.models import Meeting
from sir_tracker.reviews.models import ActionStatus

STATUS_CHOICES = [(status.value, status.label.capitalize()) for status in ActionStatus]
NOTE_LIMIT = 5000


def as_choices(pairs: list[tuple[str, str]]) -> list[Any]:
    """(value, label) pairs as the options of a select."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class ChoiceField(SelectField):
    """A select whose refusal of an unknown value is a sentence of our own."""

    def __init__(
        self,
        label: str,
        *,
        invalid: str,
        choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, choices=as_choices(choices or []), **kwargs)
        self.invalid_choice_message = invalid
        self.type = "SelectField"  # rendered like any select (macros/forms.html keys on it)


class DayField(DateField):
    """A date field whose refusal of an unreadable date is a sentence of our own."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.invalid_value_message = "Enter the date as year-month-day, such as 2021-06-15."
        self.type = "DateField"


def web_link(_form: Any, field: Any) -> None:
    value = (field.data or "").strip()
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError("Evidence must be a web link starting with http:// or https://.")


def version_field() -> Any:
    return IntegerField(widget=HiddenInput(), validators=[Optional()])


class StatusUpdateForm(FlaskForm):
    status = ChoiceField(
        "New status",
        choices=[("", "Choose the new status"), *STATUS_CHOICES],
        invalid="Choose one of: not started, in progress, completed.",
        validators=[InputRequired("Choose the new status.")],
    )
    note = TextAreaField(
        "Note",
        validators=[
            Length(max=NOTE_LIMIT, message=f"Keep the note under {NOTE_LIMIT} characters.")
        ],
        description="What changed, and why.",
    )
    evidence_url = URLField(
        "Evidence link (optional)",
        validators=[Length(max=2000, message="The link is too long."), web_link],
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
    note = StringField("Note")
    evidence_url = StringField("Evidence link")


class BulkStatusForm(FlaskForm):
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
