# Used, though vulture cannot see it (read by scripts/dead-code.py, never imported).
# ruff: noqa
from sir_tracker.core.db import Database
from sir_tracker.leas.models import EngagementMode, LeaKind
from sir_tracker.meetings.models import Meeting, MeetingKind, Organisation
from sir_tracker.pages.api import schemas
from sir_tracker.pages.meetings.signoff_forms import SignOffForm
from sir_tracker.reports.models import Audience
from sir_tracker.reviews.models import Action, SirState

# Enum members stored in the database and named in the demo's TOML files by value.
LeaKind.DISTRICT, LeaKind.CHARTER_SCHOOL, LeaKind.COUNTY_OFFICE
EngagementMode.COLLABORATIVE_PLANNING, EngagementMode.COLLABORATIVE_FACILITATION
EngagementMode.EMBEDDED_PARTNERSHIP
MeetingKind.MONTHLY_COACHING, Organisation.GEO_LEAD, Audience.SPI, SirState.FINAL

# Relationships that complete the other side's back_populates.
Meeting.frozen_statuses, Meeting.status_changes, Action.progress_notes

# Sign-off form fields rendered by the form macro's loop over the form.
SignOffForm.ccee_name, SignOffForm.ccee_signed_on, SignOffForm.coe_name
SignOffForm.coe_signed_on, SignOffForm.lea_signed_on

# The test suite runs every test inside one rolled-back connection through this.
Database.bind_to

# Werkzeug's request handler calls it for the Server header.
from sir_tracker.web.serving import QuietRequestHandler

QuietRequestHandler.version_string

# openpyxl reads these attributes of cells and sheets when it saves a workbook.
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

Cell.alignment, Cell.number_format, Worksheet.freeze_panes

# Fields of the API's answers: set by keyword, read by pydantic when it writes the JSON.
schemas.Counts.percent_completed_or_in_progress, schemas.Engagement.pathway_label
schemas.Engagement.mode_label, schemas.Pagination.prev, schemas.LeaList.pagination
schemas.LeaCounts.by_component, schemas.Action.component_number
schemas.ActionList.pagination, schemas.MeetingList.pagination

# Flask-Login reads the signed-in user from g._login_user; the 503 page sets it (signed out).
from flask import g

g._login_user

# Set by keyword when a year is recorded (imported_by), and the other side of a relationship
# (back_populates) that the ORM keeps in step.
from sir_tracker.caseload.models import DashboardResult, DashboardYear

DashboardYear.imported_by, DashboardResult.dashboard_year

# fontTools reads the flavor when it saves the footer font (None: plain TrueType).
from fontTools.ttLib import TTFont

TTFont.flavor

# Read by the packet tests and the benchmark: a packet with nothing stale starts no process.
from sir_tracker.reports.packet import BuiltPacket

BuiltPacket.layout_processes

# click calls them to list and find the console script's commands.
from sir_tracker.cli import LazyFlaskGroup

LazyFlaskGroup.list_commands, LazyFlaskGroup.get_command

# Werkzeug calls it when a client hangs up.
from sir_tracker.web.serving import QuietRequestHandler

QuietRequestHandler.connection_dropped
