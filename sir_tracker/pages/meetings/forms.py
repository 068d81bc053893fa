"""The meeting form: the meeting, then rows of attendees, SWOT notes, metrics and next steps.

Rows left blank are ignored. Every message about a row names it ("Attendee 2: choose the
organisation."), so the error summary at the top of a long form says where to look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import today
from sir_tracker.meetings.models import MeetingKind, Organisation
from sir_tracker.meetings.operations import (
    PUBLIC_SUMMARY_LIMIT,
    AttendeeValues,
    KnownPerson,
    MetricValues,
    NextStepValues,
    NoteValues,
    name_key,
)
from sir_tracker.reviews.models import Sir, SwotCategory
from sir_tracker.web.fields import ChoiceField, DayField, as_choices, version_field
from sir_tracker.web.forms import CheckedForm

KIND_CHOICES = [(kind.value, kind.label) for kind in MeetingKind]
ORGANISATION_CHOICES = [(o.value, o.label) for o in Organisation]
CATEGORY_CHOICES = [(c.value, c.label.capitalize()) for c in SwotCategory]
BLANK_ROWS = 3
MAX_ROWS = 200
TEXT_LIMIT = 20_000
EARLIEST_YEAR = 2000
YEARS_AHEAD = 2
# A metric's value fits Numeric(14, 2).
METRIC_LIMIT = Decimal("1e12")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AttendeeRow(Form):
    name = StringField("Name")
    title = StringField("Title")
    organisation = ChoiceField(
        "Organisation",
        choices=[("", "Choose"), *ORGANISATION_CHOICES],
        invalid="Choose LEA, CCEE, COE or Geo Lead.",
    )
    email = StringField("Email (optional)")


class NoteRow(Form):
    category = ChoiceField(
        "Category",
        choices=[("", "Choose"), *CATEGORY_CHOICES],
        invalid="Choose strength, weakness, opportunity or threat.",
    )
    text = StringField("Note")


class MetricRow(Form):
    label = StringField("Measure")
    value = StringField("Value")
    unit = StringField("Unit")


class NextStepRow(Form):
    text = StringField("Next step")
    owner = StringField("Owner")
    owner_email = StringField("Owner's email (optional)")
    due_on = DayField("Due date (optional)", validators=[Optional()])
    done = BooleanField("Done")
    done_on = HiddenField()  # when it was done, so that saving again keeps the day


# (the FieldList's name, how a row is named in messages, the fields that make a row non-blank)
ROW_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "attendees": ("Attendee", ("name", "title", "organisation", "email")),
    "notes": ("SWOT note", ("category", "text")),
    "metrics": ("Metric", ("label", "value", "unit")),
    "steps": ("Next step", ("text", "owner", "owner_email", "due_on", "done")),
}


class MeetingForm(CheckedForm):
    held_on = DayField(
        "Meeting date",
        validators=[InputRequired("Enter the date of the meeting.")],
        description="A date after today records a scheduled meeting.",
    )
    kind = ChoiceField(
        "Kind of meeting",
        choices=KIND_CHOICES,
        invalid="Choose quarterly progress monitoring, monthly coaching or other.",
    )
    sir = ChoiceField(
        "SIR reviewed",
        invalid="Choose one of this LEA's SIRs, or none.",
        description="The review whose actions this meeting follows.",
    )
    agenda = TextAreaField(
        "Agenda",
        validators=[Length(max=TEXT_LIMIT, message="Keep the agenda under 20,000 characters.")],
    )
    summary = TextAreaField(
        "Summary",
        validators=[Length(max=TEXT_LIMIT, message="Keep the summary under 20,000 characters.")],
        description="What was discussed and decided; progress made, with its evidence.",
    )
    attendees = FieldList(FormField(AttendeeRow), max_entries=MAX_ROWS)
    notes = FieldList(FormField(NoteRow), max_entries=MAX_ROWS)
    metrics = FieldList(FormField(MetricRow), max_entries=MAX_ROWS)
    steps = FieldList(FormField(NextStepRow), max_entries=MAX_ROWS)
    version = version_field()

    def __init__(
        self,
        *args: Any,
        sirs: list[Sir],
        known: Mapping[str, KnownPerson],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sirs = sirs
        self.known = known
        self.sir.choices = as_choices(
            [(str(sir.id), _sir_choice(sir)) for sir in sirs] + [("", "None")]
        )
        self._parsed_values: dict[int, tuple[Decimal, str]] = {}  # metric rows: value, unit

    def add_blank_rows(self, *names: str, count: int = BLANK_ROWS) -> None:
        for name in names or tuple(ROW_LISTS):
            rows = self[name]
            for _ in range(min(count, MAX_ROWS - len(rows.entries))):
                rows.append_entry()

    def validate_held_on(self, field: Any) -> None:
        day: date | None = field.data
        last_year = today().year + YEARS_AHEAD
        if day is not None and not EARLIEST_YEAR <= day.year <= last_year:
            raise ValidationError(
                f"Enter a date from 1 January {EARLIEST_YEAR} to 31 December {last_year}."
            )

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        checks: dict[str, Callable[[Any], None]] = {
            "attendees": self._check_attendee,
            "notes": _check_note,
            "metrics": self._check_metric,
            "steps": _check_step,
        }
        for name, (noun, _fields) in ROW_LISTS.items():
            rows = self[name]
            for number, row in enumerate(rows.entries, 1):
                if is_blank(name, row):
                    for subfield in row.form:
                        subfield.errors = []
                    continue
                checks[name](row)
                for subfield in row.form:
                    subfield.errors = [_row_message(noun, number, m) for m in subfield.errors]
            errors = [row.errors for row in rows.entries]
            rows.errors = errors if any(errors) else []
        return not self.problems()

    def _check_attendee(self, row: Any) -> None:
        f = row.form
        _check_length(f.name, 200, "the name")
        _check_length(f.title, 200, "the title")
        _check_length(f.email, 254, "the email")
        name = (f.name.data or "").strip()
        if not name:
            f.name.errors.append("Enter the name.")
        person = self.known.get(name_key(name)) if name else None
        if not f.organisation.data and not (person and person.organisation):
            f.organisation.errors.append("Choose the organisation.")
        email = (f.email.data or "").strip()
        if email and not EMAIL.fullmatch(email):
            f.email.errors.append("Enter the email as name@example.org, or leave it empty.")

    def _check_metric(self, row: Any) -> None:
        f = row.form
        _check_length(f.label, 300, "the measure")
        _check_length(f.unit, 40, "the unit")
        if not (f.label.data or "").strip():
            f.label.errors.append("Name the measure, such as “Mid-year literacy assessment”.")
        raw = (f.value.data or "").strip().replace(",", "")
        unit = (f.unit.data or "").strip()
        if raw.endswith("%") and unit in ("", "%"):  # "85%" typed in one box
            raw, unit = raw[:-1].strip(), "%"
        if not raw:
            f.value.errors.append("Enter the value, such as 85.")
            return
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            f.value.errors.append(
                "Enter the value as a number, such as 85 or 2.5 (the unit goes in its own box)."
            )
        elif abs(value) >= METRIC_LIMIT:
            f.value.errors.append("Enter a value below one trillion.")
        else:
            self._parsed_values[id(row)] = (value.quantize(Decimal("0.01"), ROUND_HALF_UP), unit)

    def problems(self) -> list[tuple[str, str]]:
        """Every message, in the order of the page: (the id of the field, the message)."""
        lines: list[tuple[str, str]] = []
        for name, field in self._fields.items():
            if name in ROW_LISTS:
                for row in field.entries:
                    lines += [(sub.id, m) for sub in row.form for m in sub.errors]
            elif name == "csrf_token":
                lines += [("", m) for m in field.errors]
            else:
                lines += [(field.id, f"{field.label.text}: {m}") for m in field.errors]
        return [("", m) for m in self.form_errors] + lines

    # --- The submitted values, once valid ------------------------------------------------------

    def attendee_values(self) -> list[AttendeeValues]:
        return [
            AttendeeValues(
                name=row.form.name.data or "",
                title=row.form.title.data or "",
                organisation=Organisation(row.form.organisation.data)
                if row.form.organisation.data
                else None,
                email=row.form.email.data or "",
            )
            for row in self.filled_rows("attendees")
        ]

    def note_values(self) -> list[NoteValues]:
        return [
            NoteValues(SwotCategory(row.form.category.data), row.form.text.data or "")
            for row in self.filled_rows("notes")
        ]

    def metric_values(self) -> list[MetricValues]:
        return [
            MetricValues(row.form.label.data or "", *self._parsed_values[id(row)])
            for row in self.filled_rows("metrics")
        ]

    def step_values(self) -> list[NextStepValues]:
        return [
            NextStepValues(
                text=row.form.text.data or "",
                owner=row.form.owner.data or "",
                owner_email=row.form.owner_email.data or "",
                due_on=row.form.due_on.data,
                done=bool(row.form.done.data),
                done_on=_day_or_none(row.form.done_on.data),
            )
            for row in self.filled_rows("steps")
        ]

    def filled_rows(self, name: str) -> list[Any]:
        return [row for row in self[name].entries if not is_blank(name, row)]


def is_blank(name: str, row: Any) -> bool:
    fields = ROW_LISTS[name][1]
    for field_name in fields:
        field = row.form[field_name]
        if field.type == "BooleanField":
            if field.data:
                return False
        elif field.raw_data is not None:
            if any(str(value).strip() for value in field.raw_data):
                return False
        elif field.data not in (None, "", False):
            return False
    return True


def _check_note(row: Any) -> None:
    f = row.form
    if not f.category.data:
        f.category.errors.append("Choose strength, weakness, opportunity or threat.")
    text = (f.text.data or "").strip()
    if not text:
        f.text.errors.append("Write the note.")
    _check_length(f.text, 5000, "the note")


def _check_step(row: Any) -> None:
    f = row.form
    if not (f.text.data or "").strip():
        f.text.errors.append("Write the next step.")
    _check_length(f.text, 5000, "the next step")
    _check_length(f.owner, 200, "the owner")
    _check_length(f.owner_email, 254, "the owner's email")
    email = (f.owner_email.data or "").strip()
    if email and not EMAIL.fullmatch(email):
        f.owner_email.errors.append(
            "Enter the owner's email as name@example.org, or leave it empty."
        )


def _check_length(field: Any, limit: int, what: str) -> None:
    if len((field.data or "").strip()) > limit:
        field.errors.append(f"Keep {what} under {limit:,} characters.")


def _row_message(noun: str, number: int, message: str) -> str:
    prefix = f"{noun} {number}: "
    if message.startswith(prefix):
        return message
    return prefix + message[:1].lower() + message[1:]


def _sir_choice(sir: Sir) -> str:
    dated = f" ({long_date(sir.report_date)})" if sir.report_date else ""
    return f"{sir.title}{dated}"


def _day_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def row_data(name: str, records: list[Any]) -> list[dict[str, Any]]:
    """Rows of a FieldList filled from saved child records."""
    if name == "attendees":
        return [
            {
                "name": a.name,
                "title": a.title,
                "organisation": a.organisation.value,
                "email": a.email or "",
            }
            for a in records
        ]
    if name == "notes":
        return [{"category": n.category.value, "text": n.text} for n in records]
    if name == "metrics":
        return [
            {"label": m.label, "value": format(Decimal(m.value).normalize(), "f"), "unit": m.unit}
            for m in records
        ]
    return [
        {
            "text": s.text,
            "owner": s.owner,
            "owner_email": s.owner_email or "",
            "due_on": s.due_on,
            "done": s.done_on is not None,
            "done_on": s.done_on.isoformat() if s.done_on else "",
        }
        for s in records
    ]


class PublicSummaryForm(CheckedForm):
    public_summary = TextAreaField(
        "Public summary",
        validators=[
            Length(
                max=PUBLIC_SUMMARY_LIMIT,
                message="A public summary has at most 3,000 characters.",
            )
        ],
        description=(
            "Written for CCEE's website: no names, e-mails or internal notes. "
            "The internal summary is never shown publicly."
        ),
    )
    published = BooleanField("Publish it on the LEA's public progress page")
    version = version_field()
