from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from wtforms import StringField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import ValidationError

from sir_tracker.audit.models import AuditAction
from sir_tracker.leas.models import Lea
from sir_tracker.users.models import User
from sir_tracker.web.fields import NO_CHOICE, optional_id, select_field
from sir_tracker.web.forms import CheckedForm

ANY = "Any"


def optional_action(value: object) -> AuditAction | None:
    if value is None or value == NO_CHOICE:
        return None
    return AuditAction(str(value))


def parse_day(text: str | None, label: str) -> date | None:
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{label} must be a date written YYYY-MM-DD, for example 2021-06-15."
        ) from None


class AuditFilterForm(CheckedForm):
    """The filters of the audit log, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    record_type = select_field(
        "Record type", default=NO_CHOICE, wrong_choice="Choose one of the listed record types."
    )
    action = select_field(
        "Action", coerce=optional_action, wrong_choice="Choose one of the listed actions."
    )
    user = select_field("Who", coerce=optional_id, wrong_choice="Choose one of the listed people.")
    lea = select_field("LEA", coerce=optional_id, wrong_choice="Choose one of the listed LEAs.")
    from_date = StringField("From", render_kw={"type": "date"})
    to_date = StringField("To", render_kw={"type": "date"})

    def __init__(
        self,
        *args: Any,
        record_types: Sequence[tuple[str, str]],
        users: Sequence[User],
        leas: Sequence[Lea],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.record_type.choices = [
            SelectChoice(value=NO_CHOICE, label=ANY),
            *(SelectChoice(value=value, label=label) for value, label in record_types),
        ]
        self.action.choices = [
            SelectChoice(value=NO_CHOICE, label=ANY),
            *(SelectChoice(value=action.value, label=action.label) for action in AuditAction),
        ]
        self.user.choices = [
            SelectChoice(value=NO_CHOICE, label="Anyone"),
            *(SelectChoice(value=str(user.id), label=user.name) for user in users),
        ]
        self.lea.choices = [
            SelectChoice(value=NO_CHOICE, label=ANY),
            *(SelectChoice(value=str(lea.id), label=lea.name) for lea in leas),
        ]

    def validate_from_date(self, field: StringField) -> None:
        parse_day(field.data, "From")

    def validate_to_date(self, field: StringField) -> None:
        until = parse_day(field.data, "To")
        since = _quiet_day(self.from_date.data)
        if since is not None and until is not None and until < since:
            raise ValidationError("To must be the same day as From or later.")

    @property
    def since(self) -> date | None:
        return _quiet_day(self.from_date.data)

    @property
    def until(self) -> date | None:
        return _quiet_day(self.to_date.data)


def _quiet_day(text: str | None) -> date | None:
    try:
        return parse_day(text, "")
    except ValidationError:
        return None
