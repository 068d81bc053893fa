"""Who may see and change what. Every view, download and report asks here.

- admin: everything, including users and LEAs;
- CCEE lead: reads every LEA, edits the LEAs whose current engagement they lead;
- COE staff: reads the LEAs of their own county; comments on their actions and meetings;
- LEA staff: reads their own LEA;
- viewer (board, SPI office): reads every LEA, changes nothing.
Archived records are seen by admins only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, false, true

from sir_tracker.leas.models import Lea
from sir_tracker.users.models import Role, User

if TYPE_CHECKING:
    from sir_tracker.reports.models import GeneratedReport, ReportJob

READ_ALL = frozenset({Role.ADMIN, Role.CCEE_LEAD, Role.VIEWER})


def visible_leas(user: User) -> ColumnElement[bool]:
    """A filter on ``Lea`` selecting the LEAs ``user`` may see."""
    if not user.is_active:
        return false()
    not_archived = Lea.archived_at.is_(None) if user.role is not Role.ADMIN else true()
    if user.role in READ_ALL:
        return not_archived
    if user.role is Role.COE_STAFF:
        return and_(not_archived, Lea.county_office_id == user.county_office_id)
    if user.role is Role.LEA_STAFF:
        return and_(not_archived, Lea.id == user.lea_id)
    return false()


def only_lea_id(user: User) -> int | None:
    """The one LEA that is all a user may see (LEA staff), whose page is their home page."""
    if user.role is not Role.LEA_STAFF or user.lea is None or not can_view_lea(user, user.lea):
        return None
    return user.lea.id


def published_leas() -> ColumnElement[bool]:
    """A filter on ``Lea`` selecting what anyone may read, signed in or not: the LEAs whose
    progress CCEE publishes."""
    return and_(Lea.is_published, Lea.archived_at.is_(None))


def readable_leas(user: User | None) -> ColumnElement[bool]:
    """The LEAs a reader of the public pages or the API may see: the published ones for an
    anonymous reader, the user's scope for a signed-in one (or one with an API token)."""
    return published_leas() if user is None else visible_leas(user)


def can_view_lea(user: User, lea: Lea) -> bool:
    if not user.is_active or (lea.is_archived and user.role is not Role.ADMIN):
        return False
    if user.role in READ_ALL:
        return True
    if user.role is Role.COE_STAFF:
        return lea.county_office_id == user.county_office_id
    if user.role is Role.LEA_STAFF:
        return lea.id == user.lea_id
    return False


def can_edit_lea(user: User, lea: Lea) -> bool:
    """Change the LEA's records: engagement, SIRs, findings, actions, statuses, meetings."""
    if not can_view_lea(user, lea):
        return False
    if user.role is Role.ADMIN:
        return True
    engagement = lea.current_engagement
    return (
        user.role is Role.CCEE_LEAD
        and engagement is not None
        and engagement.ccee_lead_id == user.id
    )


def can_comment(user: User, lea: Lea) -> bool:
    return can_edit_lea(user, lea) or (user.role is Role.COE_STAFF and can_view_lea(user, lea))


def can_view_report(user: User, report: GeneratedReport, lea: Lea | None) -> bool:
    """An LEA's archived report: whoever may see the LEA (``lea``, the report's). A board
    packet: whoever may see every LEA in it."""
    if report.lea_id is None:
        return bool(report.leas) and all(can_view_lea(user, member) for member in report.leas)
    return lea is not None and can_view_lea(user, lea)


# Board packets summarise many LEAs: LEA staff, who see one, have no use for them.
PACKET_ROLES = frozenset({Role.ADMIN, Role.CCEE_LEAD, Role.VIEWER, Role.COE_STAFF})


def can_request_packet(user: User) -> bool:
    """Ask for a board packet of the LEAs one may see."""
    return user.is_active and user.role in PACKET_ROLES


# Reports are sent to the board and the SPI's office by CCEE: admins and CCEE leads send what
# they may read. County office and LEA staff and viewers receive reports; they send none.
SENDING_ROLES = frozenset({Role.ADMIN, Role.CCEE_LEAD})


def can_send_reports(user: User) -> bool:
    """Send archived reports (those one may read) to a distribution list."""
    return user.is_active and user.role in SENDING_ROLES


def can_view_pipeline(user: User) -> bool:
    """The caseload pipeline spans LEAs, as packets do: for those who see more than one."""
    return user.is_active and user.role in PACKET_ROLES


def can_view_job(user: User, job: ReportJob) -> bool:
    """A packet's progress: whoever asked for it, and admins."""
    return user.is_active and (job.requested_by_id == user.id or user.role is Role.ADMIN)


def is_admin(user: User) -> bool:
    return user.is_active and user.role is Role.ADMIN
