"""Forms for LEAs and their engagement: creating an LEA, editing it, editing its engagement.

Choices come in through the constructor (county offices, CCEE leads) and from the enums.
Uniqueness of names and CDS codes is checked by the operations, which see every LEA.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from wtforms import DateField, Field, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from sir_tracker.core.pacific_time import today
from sir_tracker.leas.cds import InvalidCdsCode, normalize_cds_code
from sir_tracker.leas.models import CountyOffice, EngagementMode, LeaKind, Pathway, Readiness
from sir_tracker.users.models import User
from sir_tracker.web.fields import DayField
from sir_tracker.web.forms import CheckedForm

E = TypeVar("E", bound=enum.Enum)

NO_READINESS = "Not assessed yet"
NO_LEAD = "No CCEE lead yet"


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _optional(convert: Callable[[str], E]) -> Callable[[Any], E | None]:
    def coerce(value: Any) -> E | None:
        if value is None or value == "":
            return None
        return value if isinstance(value, enum.Enum) else convert(value)  # type: ignore[return-value]

    return coerce


def _optional_id(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _choices(members: type[E]) -> list[SelectChoice]:
    return [SelectChoice(value=m.value, label=m.label) for m in members]  # type: ignore[attr-defined]


class ChoiceField(SelectField):
    """A select that refuses an unknown value with a sentence of ours, said once."""

    def __init__(self, label: str, *, message: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.message = message

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.message) from None

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            return
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(self.message) from None


def _version_field() -> IntegerField:
    return IntegerField(
        "Version",
        widget=HiddenInput(),
        validators=[
            InputRequired("This form is missing its version: reload the page and try again.")
        ],
    )


class LeaFieldsForm(CheckedForm):
    """The LEA's own fields, shared by the create and edit forms."""

    name = StringField(
        "Name",
        filters=[_stripped],
        validators=[
            DataRequired("Enter the LEA's name."),
            Length(max=200, message="An LEA's name has at most 200 characters."),
        ],
    )
    kind = ChoiceField(
        "Kind of LEA",
        choices=_choices(LeaKind),
        coerce=LeaKind,
        message="Choose the kind of LEA from the list.",
    )
    cds_code = StringField(
        "CDS code",
        filters=[_stripped],
        description="7 digits for a district or county office, 14 for a school, e.g. 19 64634.",
    )
    county_office = ChoiceField(
        "County office of education",
        coerce=_optional_id,
        message="Choose the county office of the LEA's county from the list.",
    )

    def __init__(self, *args: Any, county_offices: Sequence[CountyOffice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.county_office.choices = [
            SelectChoice(value="", label="Choose a county office"),
            *(SelectChoice(value=str(office.id), label=office.name) for office in county_offices),
        ]

    def validate_cds_code(self, field: Field) -> None:
        try:
            field.data = normalize_cds_code(field.data or "")
        except InvalidCdsCode as error:
            raise ValidationError(str(error)) from None

    def validate_county_office(self, field: Field) -> None:
        if field.data is None:
            raise ValidationError("Choose the county office of the LEA's county.")


class EngagementFieldsForm(CheckedForm):
    """An engagement's fields; the CCEE lead is left out for those who may not change it."""

    pathway = ChoiceField(
        "Pathway to Direct Technical Assistance",
        coerce=Pathway,
        message="Choose the pathway from the list.",
    )
    mode = ChoiceField(
        "Mode of engagement", coerce=EngagementMode, message="Choose the mode from the list."
    )
    readiness = ChoiceField(
        "Readiness",
        coerce=_optional(Readiness),
        message="Choose the readiness from the list, or leave it not assessed.",
        description="Sets the expected turnaround, e.g. willing and unable: 5-7 years.",
    )
    started_on = DateField("Start date", validators=[InputRequired("Enter the start date.")])
    ccee_lead = ChoiceField(
        "CCEE lead",
        coerce=_optional_id,
        message="Choose the CCEE lead from the list: an active CCEE lead.",
    )

    def __init__(
        self,
        *args: Any,
        ccee_leads: Sequence[User] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pathway.choices = _choices(Pathway)
        self.mode.choices = _choices(EngagementMode)
        self.readiness.choices = [
            SelectChoice(value="", label=NO_READINESS),
            *(
                SelectChoice(
                    value=r.value,
                    label=f"{r.label} ({r.turnaround_years[0]}-{r.turnaround_years[1]} years)",
                )
                for r in Readiness
            ),
        ]
        if ccee_leads is None:
            del self["ccee_lead"]
        else:
            self.ccee_lead.choices = [
                SelectChoice(value="", label=NO_LEAD),
                *(
                    SelectChoice(
                        value=str(lead.id),
                        label=lead.name if lead.is_active else f"{lead.name} (inactive)",
                    )
                    for lead in ccee_leads
                ),
            ]


class NewLeaForm(LeaFieldsForm, EngagementFieldsForm):
    """A new LEA with its first engagement."""

    def __init__(
        self,
        *args: Any,
        county_offices: Sequence[CountyOffice],
        ccee_leads: Sequence[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, county_offices=county_offices, ccee_leads=ccee_leads, **kwargs)


class EditLeaForm(LeaFieldsForm):
    version = _version_field()


class EngagementForm(EngagementFieldsForm):
    exited_on = DateField(
        "Exit date",
        validators=[Optional()],
        description="Leave empty while the LEA is still in Direct Technical Assistance.",
    )
    version = _version_field()

    def validate_exited_on(self, field: Field) -> None:
        started = self.started_on.data
        if field.data is not None and started is not None and field.data < started:
            raise ValidationError(
                f"The exit date cannot be before the start date ({started.day} {started:%B %Y})."
            )


class ChangesSinceForm(CheckedForm):
    """The day the LEA page's list of changes starts after, from the query string (no CSRF: it
    changes nothing)."""

    class Meta:
        csrf = False

    since = DayField(
        "Changes made after",
        validators=[Optional()],
        description="The list shows what was recorded after the end of this day.",
    )

    def validate_since(self, field: DayField) -> None:
        # Nothing is recorded after a day to come (and 9999-12-31 has no day after it).
        if field.data is not None and field.data > today():
            raise ValidationError("Choose today or an earlier day.")
