"""Forms for SIRs, themes, findings, actions, cross-walk links, comments and the action filter."""

from __future__ import annotations

from typing import Any

from wtforms import Form, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from sir_tracker.pages.reviews.status_forms import STATUS_CHOICES
from sir_tracker.reviews.models import Component, SirState, SwotCategory, Theme
from sir_tracker.web.fields import ChoiceField, DayField, as_choices, version_field
from sir_tracker.web.forms import CheckedForm

SIR_STATE_CHOICES = [(state.value, state.label.capitalize()) for state in SirState]
CATEGORY_CHOICES = [(c.value, c.label.capitalize()) for c in SwotCategory]


def component_choices(components: list[Component]) -> list[tuple[str, str]]:
    return [(str(c.id), f"{c.number}. {c.title}") for c in components]


def theme_choices(themes: list[Theme]) -> list[tuple[str, str]]:
    return [(str(t.id), f"{t.number}. {t.title}") for t in themes]


def _date_field(label: str, description: str) -> Any:
    return DayField(
        label,
        validators=[Optional()],
        description=description,
    )


class SirForm(CheckedForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give the SIR a title."),
            Length(max=300, message="Keep the title under 300 characters."),
        ],
    )
    report_date = _date_field("Report date (optional)", "Leave empty until the report is dated.")
    state = ChoiceField("State", choices=SIR_STATE_CHOICES, invalid="Choose in progress or final.")
    version = version_field()


class ThemeForm(CheckedForm):
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give the theme a title."),
            Length(max=200, message="Keep the title under 200 characters."),
        ],
    )
    version = version_field()


class FindingForm(CheckedForm):
    component = ChoiceField("Component", invalid="Choose one of the twelve components.")
    category = ChoiceField(
        "Category",
        choices=CATEGORY_CHOICES,
        invalid="Choose strength, weakness, opportunity or threat.",
    )
    text = TextAreaField("Finding", validators=[DataRequired("Write the finding.")])
    version = version_field()

    def __init__(self, *args: Any, components: list[Component], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.component.choices = as_choices(component_choices(components))


class ActionForm(CheckedForm):
    code = StringField(
        "Code",
        validators=[
            DataRequired("Give the action a code, such as 3.4."),
            Length(max=20, message="Keep the code under 20 characters."),
        ],
        description="Unique within this SIR, such as 3.4 (the fourth action of component 3).",
    )
    component = ChoiceField("Component", invalid="Choose one of the twelve components.")
    theme = ChoiceField(
        "Theme (optional)", invalid="Choose one of this SIR's themes, or none.", default=""
    )
    responsible = StringField(
        "Responsible",
        validators=[Length(max=200, message="Keep this under 200 characters.")],
        description="Who carries the action out, such as Assistant Superintendent.",
    )
    target_date = _date_field("Target date (optional)", "When the action should be completed.")
    text = TextAreaField("Recommended action", validators=[DataRequired("Write the action.")])
    version = version_field()

    def __init__(
        self, *args: Any, components: list[Component], themes: list[Theme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.component.choices = as_choices(component_choices(components))
        self.theme.choices = as_choices([("", "No theme"), *theme_choices(themes)])


class CrosswalkLinkForm(CheckedForm):
    plan = StringField(
        "Plan",
        validators=[
            DataRequired("Name the plan, such as FCMAT or LCAP."),
            Length(max=100, message="Keep the plan's name under 100 characters."),
        ],
    )
    reference = StringField(
        "Item of that plan",
        validators=[
            DataRequired("Give the item of that plan, such as PA-4."),
            Length(max=200, message="Keep the reference under 200 characters."),
        ],
    )


class ActionFilterForm(Form):
    """The SIR page's filters, read from the query string (a GET form: no CSRF token)."""

    status = ChoiceField(
        "Status",
        choices=[("", "Any status"), *STATUS_CHOICES],
        invalid="Choose a status from the list.",
    )
    theme = ChoiceField("Theme", invalid="Choose a theme from the list.")
    component = ChoiceField("Component", invalid="Choose a component from the list.")
    q = StringField("Code or text contains")

    def __init__(
        self, *args: Any, components: list[Component], themes: list[Theme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.theme.choices = as_choices([("", "Any theme"), *theme_choices(themes)])
        self.component.choices = as_choices([("", "Any component"), *component_choices(components)])

    @property
    def is_active(self) -> bool:
        return any((self.status.data, self.theme.data, self.component.data, self.q.data))
