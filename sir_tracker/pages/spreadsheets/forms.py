"""The forms of the spreadsheet pages: the day an export is as of, the upload, the
confirmation of a dry run."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf.file import FileField, FileRequired
from wtforms import Form, HiddenField
from wtforms.validators import DataRequired, Optional, Regexp, ValidationError

from sir_tracker.core import pacific_time
from sir_tracker.web.fields import DayField
from sir_tracker.web.forms import CheckedForm

TOKEN = r"^[0-9a-f]{64}$"


class ExportForm(Form):
    """``?as_of=2021-06-30`` of an export link (a GET form: no CSRF token)."""

    as_of = DayField(
        "Statuses as of",
        validators=[Optional()],
        description="Each action's status, last change and note at the end of this day "
        "(today if empty).",
    )

    def validate_as_of(self, field: Any) -> None:
        if field.data is not None and field.data > pacific_time.today():
            raise ValidationError("Choose today or a day in the past.")

    @property
    def chosen_as_of(self) -> date:
        day: date | None = self.as_of.data
        return day or pacific_time.today()


class PacketSummaryForm(ExportForm):
    as_of = DayField(
        "As of",
        validators=[Optional()],
        description="The packet's day: counts at the end of it (today if empty).",
    )


class UploadForm(CheckedForm):
    file = FileField(
        "Spreadsheet to import (XLSX or CSV)",
        validators=[FileRequired("Choose the file to import.")],
        description="The template's columns: code, component, action and the optional ones. "
        "Nothing is written until you have seen the dry run and confirmed it.",
    )


class ConfirmForm(CheckedForm):
    """What the dry run showed, sent back to write it."""

    token = HiddenField(validators=[DataRequired(), Regexp(TOKEN)])
    filename = HiddenField(validators=[DataRequired()])
    fingerprint = HiddenField(validators=[DataRequired(), Regexp(TOKEN)])


class DashboardUploadForm(CheckedForm):
    file = FileField(
        "Dashboard results to import (XLSX or CSV)",
        validators=[FileRequired("Choose the file to import.")],
        description="The template's columns: CDS code, Dashboard year, student group and the "
        "priorities it did not meet. Nothing is written until you have seen the dry run and "
        "confirmed it.",
    )
