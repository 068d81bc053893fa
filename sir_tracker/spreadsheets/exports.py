"""The exports, as tables: a SIR's actions as of a day (the import's columns, so the file
imports again), its full status history, the dashboard's caseload and the board packet's
summary. Each reads what the page it comes from reads, for the LEAs the user may see."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.access.policy import can_view_lea
from sir_tracker.caseload.pipeline import Pipeline, Stage
from sir_tracker.core.formatting import long_date
from sir_tracker.core.pacific_time import PACIFIC, end_of_day
from sir_tracker.monitoring.overview import Listing, overview
from sir_tracker.monitoring.quarters import Thresholds
from sir_tracker.reports.models import Audience
from sir_tracker.reports.packet_data import dta_leas, packet_summary
from sir_tracker.reviews.models import Action, Finding, Sir, StatusChange, Theme
from sir_tracker.reviews.queries import code_key
from sir_tracker.spreadsheets.columns import (
    ABOUT_SHEET,
    ACTION_COLUMNS,
    ACTIONS,
    CROSSWALK_SEPARATOR,
    FINDING_COLUMNS,
    FINDINGS,
    THEME_COLUMNS,
    THEMES,
)
from sir_tracker.spreadsheets.writing import Cell, Heading, Table
from sir_tracker.users.models import User


@dataclass(frozen=True)
class Export:
    """Tables to write, and the name of the file they make (without its extension)."""

    basename: str
    tables: list[Table]

    @property
    def main(self) -> Table:
        """The table a CSV holds (a CSV has one)."""
        return self.tables[0]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "export"


def _headings(columns: tuple[object, ...]) -> list[Heading]:
    return [Heading(c.header, c.width) for c in columns]  # type: ignore[attr-defined]


def _pacific(moment: datetime) -> date:
    return moment.astimezone(PACIFIC).date()


def sir_actions(session: Session, sir: Sir, as_of: date, *, exported_at: datetime) -> Export:
    """The SIR's actions counted at the end of ``as_of`` with their status then, its day and
    note; its themes and findings; and an About sheet saying what the file is."""
    cutoff = end_of_day(as_of)
    latest: dict[int, StatusChange] = {}
    for change in session.scalars(
        select(StatusChange)
        .join(Action, Action.id == StatusChange.action_id)
        .where(Action.sir_id == sir.id, StatusChange.changed_at < cutoff)
        .order_by(StatusChange.changed_at, StatusChange.id)
    ):
        latest[change.action_id] = change
    actions = session.scalars(
        select(Action)
        .where(Action.sir_id == sir.id, Action.id.in_(latest))
        .options(
            selectinload(Action.component),
            selectinload(Action.theme),
            selectinload(Action.crosswalk_links),
        )
    ).all()
    counted = [a for a in actions if a.archived_at is None or a.archived_at >= cutoff]
    counted.sort(key=lambda a: (a.component.number, code_key(a.code)))
    rows: list[list[Cell]] = []
    for action in counted:
        change = latest[action.id]
        rows.append(
            [
                action.code,
                action.component.number,
                action.text,
                action.responsible,
                action.theme.title if action.theme else "",
                action.target_date,
                change.to_status.label,
                _pacific(change.changed_at),
                change.note,
                f"{CROSSWALK_SEPARATOR} ".join(
                    f"{link.plan}: {link.reference}" for link in action.crosswalk_links
                ),
            ]
        )
    themes = session.scalars(
        select(Theme)
        .where(Theme.sir_id == sir.id, Theme.archived_at.is_(None))
        .order_by(Theme.number)
    ).all()
    findings = session.scalars(
        select(Finding)
        .where(Finding.sir_id == sir.id, Finding.archived_at.is_(None))
        .options(selectinload(Finding.component))
        .order_by(Finding.id)
    ).all()
    about = Table(
        ABOUT_SHEET,
        [Heading("", 18), Heading("", 60)],
        [
            ["LEA", sir.lea.name],
            ["SIR", sir.title],
            ["Statuses as of", as_of],
            ["Exported", f"{long_date(_pacific(exported_at))}"],
            ["Actions", len(rows)],
        ],
    )
    return Export(
        f"{slug(sir.lea.name)}-actions-{as_of.isoformat()}",
        [
            Table(ACTIONS, _headings(ACTION_COLUMNS), rows),
            Table(THEMES, _headings(THEME_COLUMNS), [[theme.title] for theme in themes]),
            Table(
                FINDINGS,
                _headings(FINDING_COLUMNS),
                [[f.component.number, f.category.label, f.text] for f in findings],
            ),
            about,
        ],
    )


HISTORY_HEADINGS = [
    Heading("Code", 10),
    Heading("Action", 50),
    Heading("Changed on", 14),
    Heading("From", 14),
    Heading("To", 14),
    Heading("Note", 50),
    Heading("Evidence", 30),
    Heading("Quarterly meeting", 16),
    Heading("Changed by", 22),
    Heading("Recorded on", 14),
]


def status_history(session: Session, sir: Sir) -> Export:
    """Every row of the status history of the SIR's actions, archived ones included, by
    action code then in the order the changes took effect."""
    changes = session.scalars(
        select(StatusChange)
        .join(Action, Action.id == StatusChange.action_id)
        .where(Action.sir_id == sir.id)
        .options(
            selectinload(StatusChange.action),
            selectinload(StatusChange.changed_by),
            selectinload(StatusChange.meeting),
        )
        .order_by(StatusChange.changed_at, StatusChange.id)
    ).all()
    ordered = sorted(changes, key=lambda change: code_key(change.action.code))
    rows: list[list[Cell]] = [
        [
            change.action.code,
            change.action.text,
            _pacific(change.changed_at),
            change.from_status.label if change.from_status else "(new action)",
            change.to_status.label,
            change.note,
            change.evidence_url or "",
            change.meeting.held_on if change.meeting else None,
            change.changed_by.name,
            _pacific(change.recorded_at),
        ]
        for change in ordered
    ]
    return Export(
        f"{slug(sir.lea.name)}-status-history", [Table("Status history", HISTORY_HEADINGS, rows)]
    )


CASELOAD_HEADINGS = [
    Heading("LEA", 40),
    Heading("CDS code", 16),
    Heading("County", 16),
    Heading("Kind", 18),
    Heading("Mode of engagement", 24),
    Heading("CCEE lead", 22),
    Heading("SIR", 18),
    Heading("Completed", 11),
    Heading("In progress", 11),
    Heading("Not started", 11),
    Heading("Completed or in progress (%)", 14),
    Heading("Last quarterly meeting", 14),
    Heading("Flags", 40),
    Heading("Exit", 16),
]


def caseload(session: Session, user: User, *, today: date, thresholds: Thresholds) -> Export:
    """The dashboard's rows for ``user`` (every LEA they may see), as the page shows them."""
    rows: list[list[Cell]] = []
    every = Listing(page=None)
    for row in overview(session, user, today=today, thresholds=thresholds, listing=every).rows:
        counts = row.counts
        rows.append(
            [
                row.name,
                row.cds_code,
                row.county,
                row.kind,
                row.mode or "",
                row.lead or "",
                row.sir_note or "No SIR yet",
                counts.completed if counts else None,
                counts.in_progress if counts else None,
                counts.not_started if counts else None,
                row.percent_active,
                row.last_quarterly_on,
                "; ".join(row.flags),
                row.exit_note or "",
            ]
        )
    return Export(f"caseload-{today.isoformat()}", [Table("Caseload", CASELOAD_HEADINGS, rows)])


def packet_summary_table(
    session: Session,
    user: User,
    as_of: date,
    *,
    thresholds: Thresholds,
    generated_at: datetime,
) -> Export:
    """The summary table of a board packet of every LEA in DTA on ``as_of`` that ``user`` may
    see (the packet's default set), and its caseload by mode of engagement."""
    leas = [lea for lea in dta_leas(session, as_of) if can_view_lea(user, lea)]
    summary = packet_summary(
        session, leas, as_of, Audience.BOARD, thresholds=thresholds, generated_at=generated_at
    )
    change = f"Change since {summary.previous_quarter_end} (completed / in progress / not started)"
    lines: list[list[Cell]] = [
        [
            line.name,
            line.county,
            line.mode,
            line.counts.completed,
            line.counts.in_progress,
            line.counts.not_started,
            _number(line.percent),
            line.change,
            line.quarterly_meetings,
            "yes" if line.plateau else "no",
            line.still_eligible,
            "; ".join(line.notices),
        ]
        for line in summary.lines
    ]
    modes: list[list[Cell]] = [
        [
            mode.mode,
            mode.leas,
            mode.counts.completed,
            mode.counts.in_progress,
            mode.counts.not_started,
            _number(mode.percent),
        ]
        for mode in summary.modes
    ]
    counts = [Heading("Completed", 11), Heading("In progress", 11), Heading("Not started", 11)]
    percent = Heading("Completed or in progress (%)", 14)
    return Export(
        f"board-packet-summary-{as_of.isoformat()}",
        [
            Table(
                "Summary",
                [
                    Heading("LEA", 40),
                    Heading("County", 16),
                    Heading("Mode of engagement", 24),
                    *counts,
                    percent,
                    Heading(change, 24),
                    Heading(f"Quarterly meetings {summary.school_year}", 14),
                    Heading("Plateau", 10),
                    Heading(
                        f"Still eligible for DTA (Dashboard {summary.dashboard_year})"
                        if summary.dashboard_year
                        else "Still eligible for DTA (no Dashboard results held)",
                        16,
                    ),
                    Heading("To notice (the packet's flags)", 40),
                ],
                lines,
            ),
            Table(
                "Caseload by mode",
                [Heading("Mode of engagement", 28), Heading("LEAs", 8), *counts, percent],
                modes,
            ),
        ],
    )


def _number(percent: str) -> int | None:
    """ "91%" as 91; "none" (no actions) as an empty cell."""
    return int(percent.rstrip("%")) if percent.endswith("%") else None


def pipeline_export(found: Pipeline) -> Export:
    """The pipeline page as a workbook: every LEA listed with its stage, the counts by county,
    and the caseload year by year."""
    lines: list[list[Cell]] = [
        [
            stage.label,
            lea.county,
            lea.name,
            lea.level.label,
            lea.reason,
            lea.engaged_since,
            lea.exited_on,
            lea.out_of_eligibility,
        ]
        for stage, leas in found.stages.items()
        for lea in leas
    ]
    by_county: list[list[Cell]] = [
        [county, *(found.count(stage, county) for stage in Stage)] for county in found.counties
    ]
    trend: list[list[Cell]] = [
        [year.year, year.caseload, year.exits, year.eligible] for year in found.trend
    ]
    return Export(
        f"caseload-pipeline-dashboard-{found.year}",
        [
            Table(
                "Pipeline",
                [
                    Heading("Stage", 44),
                    Heading("County", 16),
                    Heading("LEA", 40),
                    Heading(f"Eligibility, Dashboard {found.year}", 24),
                    Heading("Why", 80),
                    Heading("Engaged since", 14),
                    Heading("Exited", 14),
                    Heading("Out of DTA eligibility", 24),
                ],
                lines,
            ),
            Table(
                "By county",
                [Heading("County", 18), *(Heading(stage.label, 22) for stage in Stage)],
                by_county,
            ),
            Table(
                "Over the years",
                [
                    Heading("Year", 8),
                    Heading("LEAs in the caseload", 14),
                    Heading("Exits", 10),
                    Heading("Eligible for DTA (Dashboard of the year before)", 20),
                ],
                trend,
            ),
        ],
    )
