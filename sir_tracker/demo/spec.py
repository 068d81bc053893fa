"""Plain data describing the demo: what the loader turns into rows, as read from the TOML files
of ``data/`` by ``content.py``.

Meetings are listed in date order; a status step names the index of the meeting at which the
change was made (``MeetingSpec`` list of the LEA), so every demo change is linked to a meeting
and dated on its day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sir_tracker.leas.models import EngagementMode, LeaKind, Pathway, Readiness
from sir_tracker.meetings.models import MeetingKind, Organisation
from sir_tracker.reviews.models import ActionStatus, SirState, SwotCategory


@dataclass(frozen=True)
class StatusStep:
    meeting: int  # index into LeaSpec.meetings
    status: ActionStatus
    note: str
    evidence_url: str | None = None


@dataclass(frozen=True)
class NoteStep:
    """A progress note made at a meeting (an index into LeaSpec.meetings), status unchanged."""

    meeting: int
    note: str
    evidence_url: str | None = None


@dataclass(frozen=True)
class ActionSpec:
    code: str  # "3.4": the fourth action of component 3
    component: int  # 1-12
    text: str
    responsible: str
    theme: int | None = None  # 1-based index into SirSpec.themes
    target_date: date | None = None
    steps: tuple[StatusStep, ...] = ()  # in meeting order; every action starts "not started"
    crosswalk: tuple[tuple[str, str], ...] = ()  # (plan, item reference), e.g. ("FCMAT", "PA-4")
    notes: tuple[NoteStep, ...] = ()  # progress notes, in meeting order


@dataclass(frozen=True)
class FindingSpec:
    component: int
    category: SwotCategory
    text: str


@dataclass(frozen=True)
class SirSpec:
    title: str
    report_date: date | None
    state: SirState
    themes: tuple[str, ...]
    findings: tuple[FindingSpec, ...]
    actions: tuple[ActionSpec, ...]


@dataclass(frozen=True)
class AttendeeSpec:
    name: str
    title: str
    organisation: Organisation


@dataclass(frozen=True)
class NextStepSpec:
    text: str
    owner: str
    due_on: date | None
    done_on: date | None = None


@dataclass(frozen=True)
class MeetingSpec:
    held_on: date
    kind: MeetingKind
    summary: str
    attendees: tuple[AttendeeSpec, ...] = ()
    agenda: str = ""
    swot_notes: tuple[tuple[SwotCategory, str], ...] = ()
    metrics: tuple[tuple[str, Decimal, str], ...] = ()  # (label, value, unit)
    next_steps: tuple[NextStepSpec, ...] = ()


@dataclass(frozen=True)
class EngagementSpec:
    pathway: Pathway
    mode: EngagementMode
    readiness: Readiness | None
    started_on: date
    exited_on: date | None = None


@dataclass(frozen=True)
class LeaSpec:
    name: str
    kind: LeaKind
    cds_code: str
    county: str  # must name a county of DemoSpec.counties
    engagement: EngagementSpec
    ccee_lead: str  # email of one of DemoSpec.ccee_leads
    sir: SirSpec | None
    meetings: tuple[MeetingSpec, ...] = ()
    published: bool = False  # shown on the public progress pages


@dataclass(frozen=True)
class CountySpec:
    county: str  # "Los Angeles"
    office: str  # "Los Angeles County Office of Education"
    geo_lead: str | None = None


@dataclass(frozen=True)
class PersonSpec:
    name: str
    email: str


@dataclass(frozen=True)
class DemoSpec:
    counties: tuple[CountySpec, ...]
    ccee_leads: tuple[PersonSpec, ...]
    leas: tuple[LeaSpec, ...]  # in the order they are loaded

    def lea(self, name: str) -> LeaSpec:
        for lea in self.leas:
            if lea.name == name:
                return lea
        raise KeyError(f"no demo LEA is named {name!r}")
