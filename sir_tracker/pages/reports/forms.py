"""The forms that ask for reports: an LEA status report (as of which day, for whom) and a
board packet (the same, and of which LEAs)."""

from __future__ import annotations

from typing import Any

from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from sir_tracker.reports.distribution.models import MESSAGE_LIMIT
from sir_tracker.web.fields import ChoiceField, DayField
from sir_tracker.web.forms import CheckedForm, LeaReportForm


class LeaChoices(SelectMultipleField):
    """LEAs ticked in a list of checkboxes; a value not offered is refused in a sentence."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    offered: tuple[int, ...] = ()

    def offer(self, choices: list[tuple[int, str]]) -> None:
        self.choices = list(choices)
        self.offered = tuple(value for value, _label in choices)

    def pre_validate(self, form: Any) -> None:
        if any(value not in self.offered for value in self.data or []):
            raise ValidationError(
                "Choose among the LEAs listed: one of those sent is not one of them."
            )


def _at_least_one(_form: Any, field: Any) -> None:
    if not field.data:
        raise StopValidation("Tick at least one LEA for the packet.")


class BoardPacketForm(LeaReportForm):
    """A board packet: as of which day, for whom, of which LEAs (choices set by the view)."""

    # Not InputRequired: its "required" attribute on every checkbox would make the browser
    # insist that every LEA be ticked.
    leas = LeaChoices("LEAs in the packet", coerce=int, validators=[_at_least_one])
    board_meeting = DayField(
        "Board meeting",
        description="Printed on the cover; leave it empty if the date is not set yet.",
        invalid="The board meeting is not a day of the calendar: write year-month-day, "
        "such as 2026-07-16.",
        validators=[Optional()],
    )

    def validate_board_meeting(self, field: Any) -> None:
        as_of = self.as_of.data
        if field.data is not None and as_of is not None and field.data < as_of:
            raise ValidationError(
                "The board meeting comes before the as-of date: the board would read figures "
                "of days after its meeting. Check both dates."
            )

    @property
    def chosen_leas(self) -> list[int]:
        """The ticked LEAs, in the order offered."""
        ticked = set(self.leas.data or [])
        return [value for value in self.leas.offered if value in ticked]


class SendForm(CheckedForm):
    """Send an archived report to a distribution list (the lists are set by the view)."""

    list = ChoiceField(
        "Distribution list",
        invalid="Choose one of the distribution lists offered.",
        coerce=int,
        validators=[InputRequired("Choose the list to send the report to.")],
    )
    message = TextAreaField(
        "Message",
        description="Sent above the link or attachment, to every member of the list.",
        validators=[
            Length(
                max=MESSAGE_LIMIT,
                message=f"A message has at most {MESSAGE_LIMIT:,} characters.",
            )
        ],
    )
