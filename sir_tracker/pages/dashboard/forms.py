"""The dashboard's query string, checked: the search, "My LEAs", the sort and the page."""

from __future__ import annotations

from typing import Any

from wtforms import StringField
from wtforms.validators import Length, Optional, ValidationError

from sir_tracker.monitoring.overview import DIRECTIONS, SEARCH_LENGTH, SORT_KEYS
from sir_tracker.web.fields import ChoiceField
from sir_tracker.web.forms import CheckedForm

PAGE_DIGITS = 6


class ListingForm(CheckedForm):
    """Read from the query string (a GET form and links, so no CSRF token); every value may be
    left out."""

    class Meta:
        csrf = False

    q = StringField(
        "Search by LEA name, county or CDS code",
        validators=[
            Optional(),
            Length(max=SEARCH_LENGTH, message=f"A search is at most {SEARCH_LENGTH} characters."),
        ],
    )
    mine = ChoiceField(
        "Which LEAs",
        invalid="“mine” is 1 for the LEAs you lead, or left out for all LEAs.",
        choices=[("", "All LEAs"), ("1", "My LEAs")],
        default="",
    )
    sort = ChoiceField(
        "Sort by",
        invalid=f"That is not a column to sort by: use one of {', '.join(SORT_KEYS)}.",
        choices=[("", "LEA")] + [(key, key) for key in SORT_KEYS],
        default="",
    )
    direction = ChoiceField(
        "Direction",
        invalid="The direction of a sort is ascending or descending.",
        choices=[("", "ascending")] + [(direction, direction) for direction in DIRECTIONS],
        default="",
    )
    page = StringField(
        "Page",
        validators=[
            Optional(),
            Length(max=PAGE_DIGITS, message="No list of LEAs has that many pages."),
        ],
    )

    def validate_page(self, field: Any) -> None:
        value = (field.data or "").strip()
        if value and not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise ValidationError("The page is a whole number, 1 or more.")

    @property
    def page_number(self) -> int:
        return int(self.page.data or 1)
