"""Forms that more than one page shows: the comment form (actions and meetings), the LEA
report form (the LEA page and its reports page) and the as-of date (dashboard, LEA, SIR)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from sir_tracker.comments.operations import COMMENT_LIMIT
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.reports.models import Audience
from sir_tracker.web.fields import ChoiceField, DayField


class CommentForm(FlaskForm):
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


class LeaReportForm(FlaskForm):
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


class AsOfForm(FlaskForm):
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
