"""Form fields and helpers that every page's forms share: refusals written as sentences."""

from __future__ import annotations

from typing import Any

from wtforms import DateField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import HiddenInput

from sir_tracker.auth.passwords import MIN_LENGTH, password_problem

NO_CHOICE = ""


def optional_id(value: object) -> int | None:
    if value is None or value == NO_CHOICE:
        return None
    return int(str(value))


def select_field(label: str, *, wrong_choice: str, **options: Any) -> SelectField:
    """A select whose refused values read as a sentence (the WTForms stubs lack these options)."""
    options |= {"invalid_value_message": wrong_choice, "invalid_choice_message": wrong_choice}
    return SelectField(label, **options)


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

    def __init__(
        self,
        label: str,
        *,
        invalid: str = "Enter the date as year-month-day, such as 2021-06-15.",
        **kwargs: Any,
    ) -> None:
        super().__init__(label, **kwargs)
        self.invalid_value_message = invalid
        self.type = "DateField"


def web_link(_form: Any, field: Any) -> None:
    value = (field.data or "").strip()
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError("Evidence must be a web link starting with http:// or https://.")


def version_field() -> Any:
    return IntegerField(widget=HiddenInput(), validators=[Optional()])


PASSWORD_HINT = (
    f"At least {MIN_LENGTH} characters; not a common password, nor the account's name or email "
    "address. A few words with spaces make a strong one."
)


def acceptable_password(form: Any, field: Any) -> None:
    """A password field's check: the form says whose password it is (``password_owner()``,
    their email address and name), which the password may not contain."""
    if field.data:
        email, name = form.password_owner()
        problem = password_problem(field.data, email=email, name=name)
        if problem:
            raise ValidationError(problem)
