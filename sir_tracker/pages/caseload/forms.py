"""The pipeline's choice of Dashboard year and county (a GET form)."""

from __future__ import annotations

from collections.abc import Sequence

from sir_tracker.web.fields import ChoiceField
from sir_tracker.web.forms import CheckedForm

ALL_COUNTIES = ""


class PipelineForm(CheckedForm):
    class Meta:
        csrf = False

    year = ChoiceField(
        "As of the Dashboard of",
        invalid="Choose a Dashboard year that has results: the list holds them.",
    )
    county = ChoiceField(
        "County", invalid="Choose a county from the list: its LEAs are the ones you may see."
    )

    def __init__(
        self, *args: object, years: Sequence[int], counties: Sequence[str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.year.choices = [(str(year), str(year)) for year in reversed(years)]
        self.county.choices = [(ALL_COUNTIES, "All counties"), *((c, c) for c in counties)]

    @property
    def chosen_year(self) -> int | None:
        return int(self.year.data) if self.year.data and not self.year.errors else None

    @property
    def chosen_county(self) -> str | None:
        return self.county.data or None if not self.county.errors else None
