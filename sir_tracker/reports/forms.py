"""The form that asks for an LEA status report: as of which day, for whom."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, ValidationError

from sir_tracker.pacific_time import today
from sir_tracker.progress.display import long_date
from sir_tracker.progress.forms import ChoiceField, DayField
from sir_tracker.reports.models import Audience

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
        day: date | None = field.data
        if day is not None and day > today():
            raise ValidationError(
                f"{long_date(day)} is in the future; choose today or an earlier day."
            )

    @property
    def chosen_as_of(self) -> date:
        day: date | None = self.as_of.data
        if day is None:
            raise ValueError("The form was not validated.")
        return day

    @property
    def chosen_audience(self) -> Audience:
        return Audience(self.audience.data)
