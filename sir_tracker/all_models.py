"""Imports every model so that ``Base.metadata`` is complete (Alembic, tests)."""

from sir_tracker.audit.models import AuditEvent
from sir_tracker.auth.models import ApiToken, SignInThrottle, UserSession
from sir_tracker.caseload.models import DashboardResult, DashboardYear
from sir_tracker.comments.models import Comment
from sir_tracker.core.database import Base
from sir_tracker.leas.models import CountyOffice, Engagement, GeoLeadAgency, Lea
from sir_tracker.meetings.models import (
    Attendee,
    FrozenStatus,
    Meeting,
    Metric,
    NextStep,
    SignOff,
    SwotNote,
)
from sir_tracker.monitoring.figures import LeaFigures
from sir_tracker.reminders.models import Reminder
from sir_tracker.reports.distribution.models import (
    DistributionList,
    DistributionMember,
    ReportDelivery,
    ReportSending,
)
from sir_tracker.reports.models import GeneratedReport, ReportJob, ReportSection
from sir_tracker.reviews.models import (
    Action,
    Component,
    CrosswalkLink,
    Finding,
    ProgressNote,
    Sir,
    StatusChange,
    Theme,
)
from sir_tracker.users.models import User

__all__ = [
    "Action",
    "ApiToken",
    "Attendee",
    "AuditEvent",
    "Base",
    "Comment",
    "Component",
    "CountyOffice",
    "CrosswalkLink",
    "DashboardResult",
    "DashboardYear",
    "DistributionList",
    "DistributionMember",
    "Engagement",
    "Finding",
    "FrozenStatus",
    "GeneratedReport",
    "GeoLeadAgency",
    "Lea",
    "LeaFigures",
    "Meeting",
    "Metric",
    "NextStep",
    "ProgressNote",
    "Reminder",
    "ReportDelivery",
    "ReportJob",
    "ReportSection",
    "ReportSending",
    "SignInThrottle",
    "SignOff",
    "Sir",
    "StatusChange",
    "SwotNote",
    "Theme",
    "User",
    "UserSession",
]
