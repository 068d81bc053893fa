"""What the first pages of a board packet say: one line per LEA and the caseload by mode of
engagement, read in a fixed number of queries whatever the number of LEAs.

Counts come from ``counts_by_sir`` (the dashboard's and the LEA report's count query) and the
flags (missed quarterly meetings, plateau, stalled actions) from the dashboard's own rule
(``monitoring.overview.lea_flags``) over the figures computed as of the packet's date; the
regressions since the previous quarter from ``monitoring.quarters.regressions_since``, the
rule of the LEA and SIR pages' "Regressions".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.caseload.queries import still_eligible
from sir_tracker.core.formatting import long_date, pacific_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, EngagementMode, Lea
from sir_tracker.monitoring.figures import compute_figures
from sir_tracker.monitoring.overview import PLATEAU, lea_flags
from sir_tracker.monitoring.profile import in_dta
from sir_tracker.monitoring.quarters import (
    Thresholds,
    change_since_last_quarter,
    held_quarterly_meetings_of,
    previous_quarter_end,
    regressions_since,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reports.data import Counts
from sir_tracker.reports.models import Audience
from sir_tracker.reviews.queries import current_sir

NO_MODE = "No engagement"
# The dashboard's flags of quarterly meetings not held ("Missed 2025-26 Q2", ...).
MISSED_FLAGS = ("Missed ", "No quarterly meeting")


@dataclass(frozen=True)
class PacketLine:
    lea_id: int
    name: str
    county: str
    mode: str
    counts: Counts
    percent: str  # "91%", or "none" without actions
    change: str  # "+3 / -3 / 0" (completed / in progress / not started) since the last quarter
    quarterly_meetings: int  # held this school year up to the as-of date
    flags: tuple[str, ...]  # the dashboard's flags as of the packet's date
    regressions: int  # actions moved backwards since the end of the previous quarter
    is_demo: bool
    # Whether the Dashboard out on the packet's date makes the LEA eligible for DTA: "yes",
    # "no", "no results" (none held for it that year), "" (no Dashboard results held at all).
    still_eligible: str
    first_page: int = 0  # where the LEA's report starts in the packet, once laid out

    @property
    def plateau(self) -> bool:
        return PLATEAU in self.flags

    @property
    def eligibility_label(self) -> str:
        """The summary's "Still DTA-eligible" cell: "Yes", "No", "No results"."""
        return self.still_eligible.capitalize() if self.still_eligible else "No results held"

    @property
    def missed_meetings(self) -> bool:
        return any(flag.startswith(MISSED_FLAGS) for flag in self.flags)

    @property
    def stalled(self) -> bool:
        return any(flag.endswith(" stalled") for flag in self.flags)

    @property
    def notices(self) -> tuple[str, ...]:
        """What the summary's "To notice" column says: the dashboard's flags, then the
        regressions ("2 regressions")."""
        if not self.regressions:
            return self.flags
        return (*self.flags, f"{self.regressions} regression{'s' if self.regressions != 1 else ''}")


@dataclass(frozen=True)
class Attention:
    reason: str  # "On a plateau"
    leas: tuple[str, ...]


@dataclass(frozen=True)
class ModeLine:
    mode: str
    leas: int
    counts: Counts
    percent: str


@dataclass(frozen=True)
class PacketSummary:
    as_of: date
    as_of_label: str
    audience: Audience
    generated_at: datetime
    school_year: str  # "2020-21"
    previous_quarter_end: str  # "31 March 2021"
    lines: tuple[PacketLine, ...]
    modes: tuple[ModeLine, ...]
    total: Counts
    plateau_threshold: int
    dashboard_year: int | None  # the Dashboard out on the packet's date, if any is held

    @property
    def audience_label(self) -> str:
        return self.audience.label

    @property
    def generated_on(self) -> str:
        return pacific_day(self.generated_at)

    @property
    def headline(self) -> str:
        """Like an LEA's headline, with thousands separated: "1,539 completed / ..."."""
        t = self.total
        return (
            f"{t.completed:,} completed / {t.in_progress:,} in progress / "
            f"{t.not_started:,} not started"
        )

    @property
    def percent(self) -> str:
        return _percent(self.total)

    @property
    def plateaus(self) -> int:
        return sum(line.plateau for line in self.lines)

    @property
    def attention(self) -> tuple[Attention, ...]:
        """The LEAs the board must notice, by reason (reasons without any LEA left out)."""
        reasons = (
            (
                f"No quarterly meeting in the {self.school_year} school year",
                [line for line in self.lines if line.quarterly_meetings == 0],
            ),
            (
                "With quarterly meetings missed",
                [line for line in self.lines if line.missed_meetings],
            ),
            ("On a plateau", [line for line in self.lines if line.plateau]),
            ("With stalled actions", [line for line in self.lines if line.stalled]),
            (
                f"With regressions since {self.previous_quarter_end}",
                [line for line in self.lines if line.regressions],
            ),
        )
        return tuple(
            Attention(reason, tuple(line.name for line in lines))
            for reason, lines in reasons
            if lines
        )

    @property
    def has_demo(self) -> bool:
        return any(line.is_demo for line in self.lines)

    @property
    def title(self) -> str:
        return f"Board packet: Systemic Instructional Review progress as of {self.as_of_label}"

    def with_first_pages(self, first_pages: Sequence[int]) -> PacketSummary:
        """The summary with where each LEA's report starts (in line order)."""
        return replace(
            self,
            lines=tuple(
                replace(line, first_page=page)
                for line, page in zip(self.lines, first_pages, strict=True)
            ),
        )


def packet_summary(
    session: Session,
    leas: Sequence[Lea],
    as_of: date,
    audience: Audience,
    *,
    thresholds: Thresholds,
    generated_at: datetime,
) -> PacketSummary:
    """The summary of ``leas`` (each with a SIR; in packet order) as of the end of ``as_of``."""
    quarter = SchoolQuarter.of(as_of)
    sirs = {lea.id: _sir_of(lea) for lea in leas}
    sir_ids = [sir_id for sir_id in sirs.values()]
    now = counts_by_sir(session, sir_ids, as_of)
    changes = change_since_last_quarter(session, sir_ids, as_of, now=now)
    held = held_quarterly_meetings_of(session, [lea.id for lea in leas], as_of)
    figures = compute_figures(session, [lea.id for lea in leas], today=as_of, as_of=as_of)
    backwards = regressions_since(session, sir_ids, previous_quarter_end(as_of), as_of)
    dashboard_year, eligible = still_eligible(session, leas, as_of)
    school_year_start = SchoolQuarter(quarter.start_year, 1).first_day

    lines = []
    for lea in leas:
        sir_id = sirs[lea.id]
        counts = now[sir_id]
        meetings = [m for m in held.get(lea.id, []) if m.sir_id in (sir_id, None)]
        engagement = lea.engagement_on(as_of)
        flags = lea_flags(lea, engagement, figures[lea.id], thresholds, as_of)
        lines.append(
            PacketLine(
                lea_id=lea.id,
                name=lea.name,
                county=lea.county_office.county,
                mode=engagement.mode.label if engagement else NO_MODE,
                counts=Counts.of(lea.name, counts),
                percent=_percent(Counts.of(lea.name, counts)),
                change=changes[sir_id].compact,
                quarterly_meetings=sum(m.point.held_on >= school_year_start for m in meetings),
                flags=flags,
                regressions=backwards.get(sir_id, 0),
                is_demo=lea.is_demo,
                still_eligible=eligible.get(lea.id, ""),
            )
        )
    return PacketSummary(
        as_of=as_of,
        as_of_label=long_date(as_of),
        audience=audience,
        generated_at=generated_at,
        school_year=quarter.school_year,
        previous_quarter_end=long_date(previous_quarter_end(as_of)),
        lines=tuple(lines),
        modes=_modes(lines),
        total=_sum("All LEAs", [line.counts for line in lines]),
        plateau_threshold=thresholds.plateau,
        dashboard_year=dashboard_year,
    )


def dta_leas(session: Session, as_of: date) -> list[Lea]:
    """The LEAs in direct technical assistance on ``as_of`` (engaged, not exited, not
    archived) that have a SIR to report on, by name: a board packet's default set."""
    return [
        lea
        for lea in load_leas(session)
        if not lea.is_archived
        and in_dta(lea.engagement_on(as_of), as_of)
        and current_sir(lea) is not None
    ]


def load_leas(session: Session, *where: ColumnElement[bool]) -> list[Lea]:
    """LEAs (those matching ``where``; all without) by name, with what a packet reads of them."""
    return list(
        session.scalars(
            select(Lea)
            .where(*where)
            .options(
                selectinload(Lea.county_office),
                selectinload(Lea.engagements).selectinload(Engagement.ccee_lead),
                selectinload(Lea.sirs),
            )
            .order_by(Lea.name, Lea.id)
        )
    )


def _sir_of(lea: Lea) -> int:
    sir = current_sir(lea)
    if sir is None:
        raise ValueError(f"{lea.name} has no SIR: it cannot be in a board packet.")
    return sir.id


def _modes(lines: Sequence[PacketLine]) -> tuple[ModeLine, ...]:
    order = [mode.label for mode in EngagementMode] + [NO_MODE]
    result = []
    for mode in order:
        members = [line for line in lines if line.mode == mode]
        if members or mode != NO_MODE:
            total = _sum(mode, [line.counts for line in members])
            result.append(ModeLine(mode, len(members), total, _percent(total)))
    return tuple(result)


def _sum(label: str, counts: Sequence[Counts]) -> Counts:
    return Counts(
        label,
        sum(c.completed for c in counts),
        sum(c.in_progress for c in counts),
        sum(c.not_started for c in counts),
    )


def _percent(counts: Counts) -> str:
    active = StatusCounts(counts.completed, counts.in_progress, counts.not_started).percent_active
    return "none" if active is None else f"{active}%"


@dataclass(frozen=True)
class PacketCover:
    """What the packet's cover says besides the summary's figures."""

    board_meeting: str  # "4 June 2026", or "" when the packet was asked for without one
    prepared_by: str
    selection: str  # which LEAs: "every LEA in DTA on 30 June 2026", "chosen LEAs"
    total_pages: int = 0  # the whole packet's, once its sections are laid out
