"""The base of every page's form (``CheckedForm``), and forms that more than one page shows: the
comment form (actions and meetings), the LEA report form (the LEA page and its reports page)
and the as-of date (dashboard, LEA, SIR)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from sir_tracker.comments.operations import COMMENT_LIMIT
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.core.text import text_problem
from sir_tracker.reports.models import Audience
from sir_tracker.web.fields import ChoiceField, DayField

# A text field without a length limit of its own gets this one: nothing typed is unbounded.
DEFAULT_TEXT_LIMIT = 10_000


class CheckedForm(FlaskForm):
    """A form whose every text field, in subforms and lists too, refuses control characters
    (a NUL byte above all) and text longer than its ``Length`` limit or ``DEFAULT_TEXT_LIMIT``,
    each with an error on the field."""

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        return _text_fields_valid(self) and valid


def _text_fields_valid(form: Any) -> bool:
    valid = True
    for field in form:
        if isinstance(field, FormField):
            valid = _text_fields_valid(field.form) and valid
        elif isinstance(field, FieldList):
            for entry in field.entries:
                if isinstance(entry, FormField):
                    valid = _text_fields_valid(entry.form) and valid
                else:
                    valid = _text_valid(entry) and valid
        else:
            valid = _text_valid(field) and valid
    return valid


def _text_valid(field: Field) -> bool:
    if not isinstance(field.data, str) or field.errors:
        return True  # not text, or already refused (its own Length check first)
    # (the WTForms stubs type validators as a protocol that Length's attributes are not on)
    maxima = [getattr(v, "max", -1) for v in field.validators if isinstance(v, Length)]
    limits = [int(maximum) for maximum in maxima if maximum >= 0]
    what = str(field.label.text) if field.label and field.label.text else "This field"
    limit = min(limits, default=DEFAULT_TEXT_LIMIT)
    problem = text_problem(field.data, limit=limit, what=what)
    if problem is None:
        return True
    if len(field.data) > 2 * limit:
        # Far past anything a person types: not shown again, so a refusal echoes no megabytes.
        field.data, field.raw_data = "", [""]
        problem += " It is not shown again."
    field.errors = [*field.errors, problem]
    return False


class CommentForm(CheckedForm):
    body = TextAreaField(
        "Your comment",
        validators=[
            DataRequired("Write a comment before sending it."),
            Length(max=COMMENT_LIMIT, message="A comment can have at most 5,000 characters."),
        ],
    )


def not_in_the_future(day: date | None) -> None:
    """Figures as of a day to come would be guesses: reports and pages refuse them."""
    if day is not None and day > today():
        raise ValidationError(f"{long_date(day)} is in the future; choose today or an earlier day.")


AUDIENCE_CHOICES = [(audience.value, audience.label) for audience in Audience]


class LeaReportForm(CheckedForm):
    as_of = DayField(
        "As of",
        default=today,
        validators=[InputRequired("Enter the as-of date, such as 2021-06-30.")],
    )
    audience = ChoiceField(
        "Prepared for",
        choices=AUDIENCE_CHOICES,
        invalid="Choose the CCEE Governing Board or the State Superintendent.",
        validators=[InputRequired("Choose who the report is for.")],
    )

    def validate_as_of(self, field: Any) -> None:
        not_in_the_future(field.data)

    @property
    def chosen_as_of(self) -> date:
        day: date | None = self.as_of.data
        if day is None:
            raise ValueError("The form was not validated.")
        return day

    @property
    def chosen_audience(self) -> Audience:
        return Audience(self.audience.data)


class AsOfForm(CheckedForm):
    """The day a page shows its figures as of: read from the query string (a GET form, so
    no CSRF token); empty means now."""

    class Meta:
        csrf = False

    as_of = DayField(
        "Show figures as of",
        invalid="That is not a day of the calendar: write year-month-day, such as 2024-02-29.",
        validators=[Optional()],
    )

    def validate_as_of(self, field: Any) -> None:
        not_in_the_future(field.data)
