"""Load a record for the signed-in user, or answer 404 when it is outside their scope.

Out of scope and nonexistent look the same from outside: neither reveals the record.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort

from sir_tracker.access.policy import (
    can_edit_lea,
    can_request_packet,
    can_view_job,
    can_view_lea,
    can_view_pipeline,
    can_view_report,
    is_admin,
)
from sir_tracker.core import db
from sir_tracker.core.database import Archivable, Base
from sir_tracker.leas.models import Lea
from sir_tracker.meetings.models import Meeting
from sir_tracker.reports.models import GeneratedReport, ReportJob
from sir_tracker.reviews.models import Action, Finding, Sir, Theme
from sir_tracker.users.models import User

R = TypeVar("R", bound=Base)


def _get(model: type[R], record_id: int) -> R:
    record = db.session().get(model, record_id)
    if record is None:
        abort(404)
    return record


def _visible(user: User, lea: Lea, *records: object) -> None:
    if not can_view_lea(user, lea):
        abort(404)
    archived = any(isinstance(r, Archivable) and r.is_archived for r in records)
    if archived and not is_admin(user):
        abort(404)


def lea_for(user: User, lea_id: int) -> Lea:
    lea = _get(Lea, lea_id)
    _visible(user, lea)
    return lea


def sir_for(user: User, sir_id: int) -> Sir:
    sir = _get(Sir, sir_id)
    _visible(user, sir.lea, sir)
    return sir


def action_for(user: User, action_id: int) -> Action:
    action = _get(Action, action_id)
    _visible(user, action.sir.lea, action.sir, action)
    return action


def finding_for(user: User, finding_id: int) -> Finding:
    finding = _get(Finding, finding_id)
    _visible(user, finding.sir.lea, finding.sir, finding)
    return finding


def theme_for(user: User, theme_id: int) -> Theme:
    theme = _get(Theme, theme_id)
    _visible(user, theme.sir.lea, theme.sir, theme)
    return theme


def meeting_for(user: User, meeting_id: int) -> Meeting:
    meeting = _get(Meeting, meeting_id)
    _visible(user, meeting.lea, meeting)
    return meeting


def report_for(user: User, report_id: int) -> GeneratedReport:
    report = _get(GeneratedReport, report_id)
    lea = db.session().get(Lea, report.lea_id) if report.lea_id is not None else None
    if not can_view_report(user, report, lea):
        abort(404)
    return report


def job_for(user: User, job_id: int) -> ReportJob:
    job = _get(ReportJob, job_id)
    if not can_view_job(user, job):
        abort(404)
    return job


def require_packet(user: User) -> None:
    """403 for a user who may not ask for board packets."""
    if not can_request_packet(user):
        abort(403)


def require_edit(user: User, lea: Lea) -> None:
    """403 for a user who may see ``lea`` but not change it."""
    if not can_edit_lea(user, lea):
        abort(403)


def require_admin(user: User) -> None:
    if not is_admin(user):
        abort(403)


def require_pipeline(user: User) -> None:
    """403 for a user who sees one LEA only (LEA staff)."""
    if not can_view_pipeline(user):
        abort(403)
