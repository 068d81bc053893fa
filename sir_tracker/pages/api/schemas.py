"""What the API answers and accepts, as pydantic models: the views build these, and the
OpenAPI description takes their JSON Schemas, so what is served and what is described are the
same code.

A field that only a signed-in reader (or an API token) may see is ``None`` for everyone else;
the description of each such field says so.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from sir_tracker.leas.models import EngagementMode, LeaKind, Pathway
from sir_tracker.meetings.models import MeetingKind
from sir_tracker.reviews.models import ActionStatus, SirState

MAX_PER_PAGE = 100
SIGNED_IN_ONLY = "Only for a signed-in reader or an API token; null for anyone else."


class Schema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- Query parameters ---------------------------------------------------------------------


class Query(BaseModel):
    """Query parameters: those it does not know are ignored, as HTTP clients expect."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class PageQuery(Query):
    page: int = Field(1, ge=1, le=1_000_000, description="Page of the list, from 1.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description="Rows a page.")


class AsOfQuery(Query):
    as_of: date | None = Field(
        None, description="Counts as of the end of this day in California (today if absent)."
    )


class LeaListQuery(PageQuery, AsOfQuery):
    pass


class NoQuery(Query):
    pass


# --- Answers ------------------------------------------------------------------------------


class Counts(Schema):
    completed: int
    in_progress: int
    not_started: int
    total: int
    percent_completed_or_in_progress: int | None = Field(
        description="Rounded half up; null without actions."
    )
    headline: str = Field(examples=["19 completed / 41 in progress / 6 not started"])


class Engagement(Schema):
    pathway: Pathway
    pathway_label: str
    mode: EngagementMode
    mode_label: str
    started_on: date
    exited_on: date | None


class Lea(Schema):
    id: int
    name: str
    kind: LeaKind
    cds_code: str
    county: str
    in_dta: bool = Field(description="In Direct Technical Assistance today.")
    engagement: Engagement | None = Field(description="The latest engagement with CCEE.")
    current_sir_id: int | None
    as_of: date | None
    counts: Counts | None = Field(description="Of the current SIR, as of ``as_of``.")


class Pagination(Schema):
    page: int
    per_page: int
    total: int
    next: str | None = Field(description="The next page's URL; null on the last page.")
    prev: str | None = Field(description="The previous page's URL; null on the first page.")


class LeaList(Schema):
    items: list[Lea]
    pagination: Pagination


class Component(Schema):
    number: int
    title: str


class ComponentList(Schema):
    items: list[Component]


class Theme(Schema):
    id: int
    number: int
    title: str


class Sir(Schema):
    id: int
    lea_id: int
    title: str
    report_date: date | None
    state: SirState
    is_current: bool
    themes: list[Theme]
    counts: Counts


class SirList(Schema):
    items: list[Sir]


class ComponentCounts(Schema):
    component: Component
    counts: Counts


class ThemeCounts(Schema):
    theme: Theme | None = Field(description="Null: the actions under no theme.")
    counts: Counts


class LeaCounts(Schema):
    lea_id: int
    sir_id: int
    as_of: date | None
    counts: Counts
    by_component: list[ComponentCounts]
    by_theme: list[ThemeCounts]


class Action(Schema):
    id: int
    sir_id: int
    code: str
    component_number: int
    theme_id: int | None
    status: ActionStatus
    text: str | None = Field(description=SIGNED_IN_ONLY)
    responsible: str | None = Field(description=SIGNED_IN_ONLY)
    target_date: date | None


class ActionList(Schema):
    items: list[Action]
    pagination: Pagination


class StatusChange(Schema):
    from_status: ActionStatus | None = Field(description="Null: the action's creation.")
    to_status: ActionStatus
    changed_at: datetime
    meeting_id: int | None
    note: str | None = Field(description=SIGNED_IN_ONLY)
    evidence_url: str | None = Field(description=SIGNED_IN_ONLY)


class ActionDetail(Action):
    history: list[StatusChange] = Field(description="Oldest first.")


class Meeting(Schema):
    id: int
    lea_id: int
    held_on: date
    kind: MeetingKind
    sir_id: int | None
    counts: Counts | None = Field(description="The SIR's counts as of the meeting, if it has one.")
    public_summary: str | None = Field(description="The summary a lead published; else null.")
    summary: str | None = Field(description=SIGNED_IN_ONLY)
    agenda: str | None = Field(description=SIGNED_IN_ONLY)


class MeetingList(Schema):
    items: list[Meeting]
    pagination: Pagination


class ParameterError(Schema):
    parameter: str
    detail: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ParameterError] | None = None
