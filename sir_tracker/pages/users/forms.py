from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wtforms import EmailField, PasswordField, StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import DataRequired, EqualTo, Optional

from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role
from sir_tracker.web.fields import (
    NO_CHOICE,
    PASSWORD_HINT,
    acceptable_password,
    optional_id,
    select_field,
    version_field,
)
from sir_tracker.web.forms import CheckedForm


def role_choices() -> list[Any]:
    return [SelectChoice(value=role.value, label=role.label) for role in Role]


class UserForm(CheckedForm):
    """The details of an account; ``county_offices`` and ``leas`` are the scopes offered."""

    name = StringField("Name", validators=[DataRequired("Enter the person's name.")])
    email = EmailField("Email address", validators=[DataRequired("Enter an email address.")])
    role = select_field("Role", coerce=Role, wrong_choice="Choose one of the listed roles.")
    county_office = select_field(
        "County office",
        coerce=optional_id,
        description="Only for county office staff: they see the LEAs of this county.",
        wrong_choice="Choose one of the listed county offices.",
    )
    lea = select_field(
        "LEA",
        coerce=optional_id,
        description="Only for LEA staff: they see this LEA.",
        wrong_choice="Choose one of the listed LEAs.",
    )

    def __init__(
        self, *args: Any, county_offices: Sequence[CountyOffice], leas: Sequence[Lea], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
        self.county_office.choices = [
            SelectChoice(value=NO_CHOICE, label="None"),
            *(SelectChoice(value=str(o.id), label=o.name) for o in county_offices),
        ]
        self.lea.choices = [
            SelectChoice(value=NO_CHOICE, label="None"),
            *(
                SelectChoice(value=str(lea.id), label=f"{lea.name} ({lea.county_office.county})")
                for lea in leas
            ),
        ]

    def password_owner(self) -> tuple[str, str]:
        return self.email.data or "", self.name.data or ""


class NewUserForm(UserForm):
    password = PasswordField(
        "Initial password",
        validators=[DataRequired("Choose an initial password."), acceptable_password],
        description=f"{PASSWORD_HINT} Give it to the person privately.",
    )
    confirm_password = PasswordField(
        "Repeat the initial password",
        validators=[
            DataRequired("Repeat the initial password."),
            EqualTo("password", "The two passwords are not the same."),
        ],
    )


class EditUserForm(UserForm):
    version = version_field()
    password = PasswordField(
        "New password (optional)",
        validators=[Optional(), acceptable_password],
        description=(
            f"Leave empty to keep the current password. {PASSWORD_HINT} Setting one signs the "
            "person out everywhere."
        ),
    )
    confirm_password = PasswordField(
        "Repeat the new password",
        validators=[EqualTo("password", "The two passwords are not the same.")],
    )
