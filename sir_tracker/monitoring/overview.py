"""The dashboard's content: one row per visible LEA, built with a fixed number of queries.

LEAs come with their county office, engagements (and their leads) and SIRs in one query each
(selectinload), already narrowed by the search; status counts of every latest SIR in one
grouped query, and as of today and of the end of the previous school quarter in two more (the
change since last quarter); the held quarterly meetings of all LEAs in another; the status
histories of the latest SIRs in three more (changes, progress notes, frozen statuses), replayed
in Python for the plateau and stall flags. The number of queries does not grow with the number
of LEAs. "My LEAs" and the sort are applied to the rows in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select, true
from sqlalchemy.orm import Session, selectinload

from sir_tracker.access.policy import can_edit_lea, visible_leas
from sir_tracker.core.formatting import day_and_month, long_date, month_year, pacific_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.monitoring.profile import (
    StatusSummary,
    in_dta,
    missed_quarters_of,
    quarter_label,
)
from sir_tracker.monitoring.quarters import (
    CountsDelta,
    HeldMeeting,
    StatusHistory,
    Thresholds,
    change_since_last_quarter,
    held_quarterly_meetings_of,
    load_histories,
    plateaus_in_history,
    previous_quarter_end,
    stalled_action_ids,
)
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import counts_by_sir
from sir_tracker.reviews.models import Sir
from sir_tracker.reviews.queries import current_sir
from sir_tracker.users.models import Role, User

NO_QUARTERLY_MEETING = "No quarterly meeting this quarter"
EXITED = "Exited"
PLATEAU = "Plateau"


SEARCH_LENGTH = 100


@dataclass(frozen=True)
class LeaRow:
    id: int
    name: str
    is_demo: bool
    county: str
    kind: str
    mode: str | None
    lead: str | None  # the CCEE lead of the current engagement
    may_edit: bool  # the user may record a meeting of this LEA
    exit_note: str | None  # "Exited June 2025", or "Exits June 2027" for a planned exit
    sir_note: str | None  # "Report April 2019", "Review in progress"
    status: StatusSummary | None
    last_quarterly: str | None
    last_quarterly_on: date | None
    flags: tuple[str, ...]
    archived_on: str | None
    percent_active: int | None
    # The counts' change since the end of the previous school quarter (the board packet's
    # column); the LEA page lists the changes since that day (``Overview.changes_since``).
    change: CountsDelta | None = None
    # What the caseload export has beside what the page shows.
    cds_code: str = ""
    counts: StatusCounts | None = None


def _text_key(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


# The dashboard's columns, by the name of their sort in the URL: each gives the value a row is
# sorted by (None sorts last in either direction).
SORT_KEYS: dict[str, Callable[[LeaRow], Any]] = {
    "lea": lambda row: row.name.casefold(),
    "lead": lambda row: _text_key(row.lead),
    "mode": lambda row: _text_key(row.mode),
    "actions": lambda row: row.percent_active,
    "last-meeting": lambda row: row.last_quarterly_on,
    "flags": lambda row: len(row.flags),
    "change": lambda row: (
        (row.change.completed, row.change.in_progress, row.change.not_started)
        if row.change is not None
        else None
    ),
}
DEFAULT_SORT = "lea"


@dataclass(frozen=True)
class Listing:
    """What the dashboard lists and in which order: a search of LEA names and CDS codes, only
    the LEAs the user leads ("My LEAs"), a column to sort by and its direction."""

    search: str = ""
    mine: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False

    @classmethod
    def of(cls, search: str, mine: bool, sort: str, direction: str) -> Listing:
        """The listing asked for; an unknown sort or direction is ignored, not refused."""
        known = sort in SORT_KEYS
        return cls(
            search=" ".join(search.split())[:SEARCH_LENGTH],
            mine=mine,
            sort=sort if known else DEFAULT_SORT,
            descending=known and direction == "descending",
        )

    @property
    def direction(self) -> str:
        return "descending" if self.descending else "ascending"

    @property
    def args(self) -> dict[str, str]:
        """The query string of this listing, defaults left out."""
        args = {"q": self.search, "mine": "1" if self.mine else ""}
        if self.sort != DEFAULT_SORT or self.descending:
            args |= {"sort": self.sort, "direction": self.direction}
        return {name: value for name, value in args.items() if value}

    def sorted(self, rows: list[LeaRow]) -> list[LeaRow]:
        key = SORT_KEYS[self.sort]
        by_name = sorted(rows, key=SORT_KEYS[DEFAULT_SORT])
        present = [row for row in by_name if key(row) is not None]
        missing = [row for row in by_name if key(row) is None]
        return sorted(present, key=key, reverse=self.descending) + missing


def search_filter(search: str) -> ColumnElement[bool]:
    """LEAs whose name contains ``search`` (any case), or whose CDS code contains its digits
    (written with or without spaces or hyphens, "19 64626" or "19-64626-0000000")."""
    if not search:
        return true()
    by_name = Lea.name.icontains(search, autoescape=True)
    digits = re.sub(r"[\s-]", "", search)
    if digits.isdigit():
        return or_(by_name, Lea.cds_code.contains(digits, autoescape=True))
    return by_name


def may_lead(user: User) -> bool:
    """Whether the user has a "My LEAs" view: CCEE leads lead engagements."""
    return user.is_active and user.role is Role.CCEE_LEAD


@dataclass(frozen=True)
class Overview:
    rows: list[LeaRow]
    archived: list[LeaRow]  # only admins see archived LEAs
    missing_quarterly: int
    quarter: str  # "2026-27 Q2"
    quarter_span: str  # "1 October to 31 December 2026"
    has_demo: bool
    listing: Listing
    changes_since: date  # the end of the previous school quarter

    @property
    def count_line(self) -> str:
        leas = f"{len(self.rows)} LEA{'' if len(self.rows) == 1 else 's'}"
        return f"{leas} · {self.missing_quarterly} with no quarterly meeting this quarter"


def overview(
    session: Session,
    user: User,
    *,
    today: date,
    thresholds: Thresholds | None = None,
    listing: Listing | None = None,
    as_of: date | None = None,
) -> Overview:
    """The dashboard now, or as of the end of the Pacific day ``as_of``: then each LEA's
    counts, meetings, flags and engagement are those the LEA's status report as of that day
    gives (the same functions: ``counts_by_sir``, the held meetings and the history up to
    then, ``Lea.engagement_on``)."""
    if as_of is not None:
        today = as_of
    quarter = SchoolQuarter.of(today)
    thresholds = thresholds or Thresholds()
    listing = listing or Listing()
    leas = session.scalars(
        select(Lea)
        .options(
            selectinload(Lea.county_office),
            selectinload(Lea.engagements).selectinload(Engagement.ccee_lead),
            selectinload(Lea.sirs),
        )
        .where(visible_leas(user), search_filter(listing.search))
        .order_by(Lea.name)
    ).all()
    if listing.mine:
        leas = [lea for lea in leas if _led_by(lea, user)]
    latest_sirs = {lea.id: sir for lea in leas if (sir := current_sir(lea)) is not None}
    counts = counts_by_sir(session, [sir.id for sir in latest_sirs.values()], as_of)
    meetings = held_quarterly_meetings_of(session, [lea.id for lea in leas], today)
    histories = load_histories(session, [sir.id for sir in latest_sirs.values()])
    if as_of is not None:
        histories = {sir_id: history.until(as_of) for sir_id, history in histories.items()}

    changes = change_since_last_quarter(
        session, [sir.id for sir in latest_sirs.values()], today, now=counts
    )

    rows: list[LeaRow] = []
    archived: list[LeaRow] = []
    for lea in leas:
        sir = latest_sirs.get(lea.id)
        held = meetings.get(lea.id, [])
        engagement = lea.current_engagement if as_of is None else lea.engagement_on(as_of)
        flags = lea_flags(
            lea,
            engagement,
            sir,
            held,
            histories[sir.id] if sir is not None else None,
            counts[sir.id] if sir is not None else None,
            thresholds,
            today,
        )
        row = _row(
            lea,
            engagement,
            sir,
            counts[sir.id] if sir is not None else None,
            held[-1].point.held_on if held else None,
            flags,
            today,
            may_edit=can_edit_lea(user, lea),
        )
        if sir is not None:
            row = replace(row, change=changes[sir.id])
        (archived if lea.is_archived else rows).append(row)
    return Overview(
        rows=listing.sorted(rows),
        archived=archived,
        missing_quarterly=sum(NO_QUARTERLY_MEETING in row.flags for row in rows),
        quarter=quarter_label(quarter),
        quarter_span=f"{day_and_month(quarter.first_day)} to {long_date(quarter.last_day)}",
        has_demo=any(lea.is_demo for lea in leas),
        listing=listing,
        changes_since=previous_quarter_end(today),
    )


def _led_by(lea: Lea, user: User) -> bool:
    engagement = lea.current_engagement
    return engagement is not None and engagement.ccee_lead_id == user.id


def lea_flags(
    lea: Lea,
    engagement: Engagement | None,
    sir: Sir | None,
    held: list[HeldMeeting],
    history: StatusHistory | None,
    counts: StatusCounts | None,
    thresholds: Thresholds,
    today: date,
) -> tuple[str, ...]:
    """What the dashboard flags for an LEA as of ``today`` ("No quarterly meeting this
    quarter", "Missed 2025-26 Q2", "Plateau", "3 stalled", "Exited"): the one rule, which the
    board packet's summary shows too. ``held``: the LEA's held quarterly meetings by then;
    ``history`` and ``counts``: its current SIR's, as of ``today``."""
    flags = _flags(engagement, held, today, SchoolQuarter.of(today))
    if (
        sir is not None
        and history is not None
        and counts is not None
        and not lea.is_archived
        and in_dta(engagement, today)
    ):
        flags += _progress_flags(sir, held, history, counts, thresholds)
    return tuple(flags)


def _flags(
    engagement: Engagement | None, held: list[HeldMeeting], today: date, quarter: SchoolQuarter
) -> list[str]:
    if engagement is not None and _has_exited(engagement, today):
        return [EXITED]
    if engagement is None or not in_dta(engagement, today):
        return []
    flags = []
    if not any(SchoolQuarter.of(meeting.point.held_on) == quarter for meeting in held):
        flags.append(NO_QUARTERLY_MEETING)
    run, listed = missed_quarters_of([meeting.point.held_on for meeting in held], engagement, today)
    if listed:
        flags += [f"Missed {quarter_label(missed)}" for missed in listed]
    elif run:
        flags.append(f"No quarterly meeting for {len(run)} quarters")
    return flags


def _progress_flags(
    sir: Sir,
    held: list[HeldMeeting],
    history: StatusHistory,
    current: StatusCounts,
    thresholds: Thresholds,
) -> list[str]:
    """The flags "Plateau" and "3 stalled" of the LEA's latest SIR, from its replayed history."""
    points = [meeting.point for meeting in held if meeting.sir_id in (sir.id, None)]
    flags = []
    if plateaus_in_history(history, points, current.in_progress, thresholds.plateau):
        flags.append(PLATEAU)
    stalled = len(stalled_action_ids(history, points, thresholds.stall))
    if stalled:
        flags.append(f"{stalled} stalled")
    return flags


def _row(
    lea: Lea,
    engagement: Engagement | None,
    sir: Sir | None,
    counts: StatusCounts | None,
    last_quarterly: date | None,
    flags: tuple[str, ...],
    today: date,
    *,
    may_edit: bool,
) -> LeaRow:
    lead = engagement.ccee_lead if engagement else None
    return LeaRow(
        id=lea.id,
        name=lea.name,
        is_demo=lea.is_demo,
        county=lea.county_office.county,
        kind=lea.kind.label,
        mode=engagement.mode.label if engagement else None,
        lead=lead.name if lead else None,
        may_edit=may_edit,
        exit_note=_exit_note(engagement, today),
        sir_note=_sir_note(sir),
        status=StatusSummary.of(counts) if counts is not None else None,
        last_quarterly=long_date(last_quarterly) if last_quarterly else None,
        last_quarterly_on=last_quarterly,
        flags=flags,
        archived_on=pacific_day(lea.archived_at) if lea.archived_at else None,
        percent_active=counts.percent_active if counts is not None else None,
        cds_code=lea.cds_code,
        counts=counts,
    )


def _has_exited(engagement: Engagement, today: date) -> bool:
    return engagement.exited_on is not None and engagement.exited_on <= today


def _exit_note(engagement: Engagement | None, today: date) -> str | None:
    if engagement is None or engagement.exited_on is None:
        return None
    verb = "Exited" if _has_exited(engagement, today) else "Exits"
    return f"{verb} {month_year(engagement.exited_on)}"


def _sir_note(sir: Sir | None) -> str | None:
    if sir is None:
        return None
    if sir.report_date is not None:
        return f"Report {month_year(sir.report_date)}"
    return f"Review {sir.state.label}"
