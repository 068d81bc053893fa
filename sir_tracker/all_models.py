"""Imports every model so that ``Base.metadata`` is complete (Alembic, tests)."""

from sir_tracker.database import Base
from sir_tracker.leas.models import CountyOffice, Engagement, GeoLeadAgency, Lea
from sir_tracker.meetings.models import Attendee, Meeting, Metric, NextStep, SwotNote
from sir_tracker.progress.models import StatusChange
from sir_tracker.reviews.models import Action, Component, CrosswalkLink, Finding, Sir, Theme
from sir_tracker.users.models import User

__all__ = [
    "Action",
    "Attendee",
    "Base",
    "Component",
    "CountyOffice",
    "CrosswalkLink",
    "Engagement",
    "Finding",
    "GeoLeadAgency",
    "Lea",
    "Meeting",
    "Metric",
    "NextStep",
    "Sir",
    "StatusChange",
    "SwotNote",
    "Theme",
    "User",
]
