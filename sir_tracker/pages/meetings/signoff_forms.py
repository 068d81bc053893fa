"""The sign-off form of a quarterly meeting: who signed for CCEE, the county office and the LEA,
and when."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms import BooleanField, HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from sir_tracker.meetings.models import Meeting, Organisation
from sir_tracker.progress.signoff import (
    SIGNING_ORGANISATIONS,
    Signature,
    date_problem,
    name_problem,
    signing_for,
)
from sir_tracker.web.fields import DayField
from sir_tracker.web.forms import CheckedForm

_SIGNING_FOR_TITLE = {
    Organisation.CCEE: "CCEE",
    Organisation.COE: "the county office (COE)",
    Organisation.LEA: "the LEA",
}


def _name_field(organisation: Organisation) -> StringField:
    return StringField(
        f"Name of the person who signed for {_SIGNING_FOR_TITLE[organisation]}",
        validators=[
            InputRequired(
                f"Enter the name of the person who signed for {signing_for(organisation)}."
            )
        ],
    )


def _date_field(organisation: Organisation) -> DayField:
    return DayField(
        f"Date signed for {_SIGNING_FOR_TITLE[organisation]}",
        validators=[InputRequired(f"Enter the date signed for {signing_for(organisation)}.")],
    )


class SignOffForm(CheckedForm):
    ccee_name = _name_field(Organisation.CCEE)
    ccee_signed_on = _date_field(Organisation.CCEE)
    coe_name = _name_field(Organisation.COE)
    coe_signed_on = _date_field(Organisation.COE)
    lea_name = _name_field(Organisation.LEA)
    lea_signed_on = _date_field(Organisation.LEA)
    confirm = BooleanField(
        "I confirm the three signatures and that the quarter closes for good",
        validators=[InputRequired("Confirm the signatures to sign off the meeting.")],
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    # What the page showed the signers (progress.signoff.figures_seen).
    figures = HiddenField(validators=[Optional(), Length(max=64)])

    def __init__(self, *args: Any, meeting: Meeting, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.today = today

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        for organisation in SIGNING_ORGANISATIONS:
            name = self[f"{organisation.value}_name"]
            if not name.errors and (problem := name_problem(organisation, name.data or "")):
                name.errors.append(problem)
                valid = False
            signed_on = self[f"{organisation.value}_signed_on"]
            if signed_on.errors or signed_on.data is None:
                continue
            problem = date_problem(organisation, signed_on.data, self.meeting, today=self.today)
            if problem:
                signed_on.errors.append(problem)
                valid = False
        return valid

    def signatures(self) -> list[Signature]:
        return [
            Signature(
                organisation=organisation,
                name=(self[f"{organisation.value}_name"].data or "").strip(),
                signed_on=self[f"{organisation.value}_signed_on"].data,
            )
            for organisation in SIGNING_ORGANISATIONS
        ]
