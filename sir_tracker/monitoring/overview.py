"""The dashboard's content: one row per visible LEA, a page of them at a time.

Now, the rows come from the figures kept on write (``monitoring/figures.py``): one query loads
the LEAs the search finds with their county office, engagements, leads and figures, and what
the calendar changes (this quarter's meetings, the previous quarter's end, which meeting is
the latest held) is derived from the figures in Python; no history is read. As of a past day,
the same figures are computed from the history of every LEA found (``compute_figures``), in a
fixed number of queries. Either way the number of queries does not grow with the number of
LEAs; "My LEAs", the sort and the page are applied to the rows in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, null, or_, select, true
from sqlalchemy.orm import Session, contains_eager, joinedload

from sir_tracker.access.policy import can_edit_lea, visible_leas
from sir_tracker.core.formatting import day_and_month, long_date, month_year, pacific_day
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import CountyOffice, Engagement, Lea
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring.figures import Figures, LeaFigures, compute_figures
from sir_tracker.monitoring.profile import (
    StatusSummary,
    in_dta,
    missed_quarters_of,
    quarter_label,
)
from sir_tracker.monitoring.quarters import CountsDelta, Thresholds, previous_quarter_end
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.users.models import Role, User

NO_QUARTERLY_MEETING = "No quarterly meeting this quarter"
EXITED = "Exited"
PLATEAU = "Plateau"


SEARCH_LENGTH = 100
PAGE_SIZE = 50


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
DIRECTIONS = ("ascending", "descending")


@dataclass(frozen=True)
class Listing:
    """What the dashboard lists and in which order: a search of LEA names, counties and CDS
    codes, only the LEAs the user leads ("My LEAs"), a column to sort by and its direction,
    and the page of ``PAGE_SIZE`` rows shown (None: every row, as the caseload export has)."""

    search: str = ""
    mine: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False
    page: int | None = 1

    @classmethod
    def of(cls, search: str, mine: bool, sort: str, direction: str, page: int) -> Listing:
        """The listing asked for (its values checked by the dashboard's form); a direction
        without a column sorts by none."""
        known = sort in SORT_KEYS
        return cls(
            search=" ".join(search.split())[:SEARCH_LENGTH],
            mine=mine,
            sort=sort if known else DEFAULT_SORT,
            descending=known and direction == "descending",
            page=max(page, 1),
        )

    @property
    def direction(self) -> str:
        return "descending" if self.descending else "ascending"

    @property
    def args(self) -> dict[str, str]:
        """The query string of this listing but its page, defaults left out."""
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
    """LEAs whose name or county contains ``search`` (any case), or whose CDS code contains
    its digits (written with or without spaces or hyphens, "19 64626" or "19-64626-0000000");
    the query joins ``CountyOffice``."""
    if not search:
        return true()
    by_name = or_(
        Lea.name.icontains(search, autoescape=True),
        CountyOffice.county.icontains(search, autoescape=True),
    )
    digits = re.sub(r"[\s-]", "", search)
    if digits.isdigit():
        return or_(by_name, Lea.cds_code.contains(digits, autoescape=True))
    return by_name


def may_lead(user: User) -> bool:
    """Whether the user has a "My LEAs" view: CCEE leads lead engagements."""
    return user.is_active and user.role is Role.CCEE_LEAD


@dataclass(frozen=True)
class Overview:
    rows: list[LeaRow]  # the page's
    archived: list[LeaRow]  # only admins see archived LEAs
    total: int  # rows on every page
    missing_quarterly: int
    quarter: str  # "2026-27 Q2"
    quarter_span: str  # "1 October to 31 December 2026"
    has_demo: bool
    listing: Listing
    changes_since: date  # the end of the previous school quarter
    page: int = 1
    page_count: int = 1

    @property
    def count_line(self) -> str:
        leas = f"{self.total} LEA{'' if self.total == 1 else 's'}"
        return f"{leas} · {self.missing_quarterly} with no quarterly meeting this quarter"

    @property
    def shown(self) -> str:
        """ "LEAs 51 to 100 of 1,007" when there is more than one page, else empty."""
        if self.page_count <= 1:
            return ""
        first = (self.page - 1) * PAGE_SIZE + 1
        return f"LEAs {first} to {first + len(self.rows) - 1} of {self.total:,}"


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
    then, ``Lea.engagement_on``). A page past the last shows the last."""
    if as_of is not None:
        today = as_of
    quarter = SchoolQuarter.of(today)
    thresholds = thresholds or Thresholds()
    listing = listing or Listing()
    if as_of is None and listing.page is not None and listing.sort in SQL_SORTS:
        return _listed_in_sql(session, user, today, quarter, thresholds, listing)
    found = _found(session, user, listing)
    if listing.mine:
        found = [(lea, kept) for lea, kept in found if _led_by(lea, user)]
    if as_of is not None:
        figures = compute_figures(session, [lea.id for lea, _ in found], today=today, as_of=as_of)
    else:
        figures = _figures_of(session, found, today)

    def row_of(lea: Lea) -> LeaRow:
        engagement = lea.current_engagement if as_of is None else lea.engagement_on(as_of)
        return _row(
            lea,
            engagement,
            figures[lea.id],
            today,
            quarter,
            thresholds,
            may_edit=can_edit_lea(user, lea),
        )

    live = [lea for lea, _ in found if not lea.is_archived]
    ordered = listing.sorted([row_of(lea) for lea in live])
    first = (min(listing.page or 1, _page_count(len(live))) - 1) * PAGE_SIZE
    shown = ordered[first : first + PAGE_SIZE] if listing.page else ordered
    page_count = _page_count(len(live))
    return Overview(
        rows=shown,
        archived=[row_of(lea) for lea, _ in found if lea.is_archived],
        total=len(live),
        missing_quarterly=sum(
            _no_quarterly_meeting(
                lea.current_engagement if as_of is None else lea.engagement_on(as_of),
                figures[lea.id].held_by(today),
                today,
                quarter,
            )
            for lea in live
        ),
        quarter=quarter_label(quarter),
        quarter_span=_quarter_span(quarter),
        has_demo=any(lea.is_demo for lea, _ in found),
        listing=listing,
        changes_since=previous_quarter_end(today),
        page=min(listing.page, page_count) if listing.page else 1,
        page_count=page_count if listing.page else 1,
    )


def _found(
    session: Session, user: User, listing: Listing, ids: Collection[int] | None = None
) -> list[tuple[Lea, LeaFigures | None]]:
    """The visible LEAs the search finds (or those of ``ids``), by name, with their county
    office, engagements, leads and kept figures."""
    return [
        (lea, kept)
        for lea, kept in session.execute(
            select(Lea, LeaFigures)
            .join(Lea.county_office)
            .outerjoin(LeaFigures, LeaFigures.lea_id == Lea.id)
            .options(
                contains_eager(Lea.county_office),
                joinedload(Lea.engagements).joinedload(Engagement.ccee_lead),
            )
            .where(
                visible_leas(user),
                search_filter(listing.search),
                Lea.id.in_(ids) if ids is not None else true(),
            )
            .order_by(Lea.name)
        ).unique()
    ]


def _figures_of(
    session: Session, found: list[tuple[Lea, LeaFigures | None]], today: date
) -> dict[int, Figures]:
    """The kept figures of the LEAs found; those not kept yet (another transaction's write,
    not committed) computed from their history."""
    figures = {lea.id: Figures.of_row(kept) for lea, kept in found if kept is not None}
    missing = [lea.id for lea, _ in found if lea.id not in figures]
    return figures | compute_figures(session, missing, today=today)


def _quarter_span(quarter: SchoolQuarter) -> str:
    return f"{day_and_month(quarter.first_day)} to {long_date(quarter.last_day)}"


# The columns the database sorts by itself: what they sort by is a column or a count, the same
# value ``SORT_KEYS`` gives. The flags and the change since the previous quarter are worked
# out from the kept figures in Python, for every LEA found.
SQL_SORTS = ("lea", "lead", "mode", "actions", "last-meeting")


def _listed_in_sql(
    session: Session,
    user: User,
    today: date,
    quarter: SchoolQuarter,
    thresholds: Thresholds,
    listing: Listing,
) -> Overview:
    """The dashboard now, sorted by a column the database sorts by: the count, the summary
    and the page's LEA ids in two queries over every LEA found, then only the page's LEAs
    loaded, so that a request costs the same at 7 and at 1,000 LEAs."""
    current = (
        select(Engagement.id)
        .where(Engagement.lea_id == Lea.id)
        .order_by(Engagement.started_on.desc(), Engagement.id.desc())
        .limit(1)
        .correlate(Lea)
        .scalar_subquery()
    )
    held = (
        select(Meeting.held_on)
        .where(
            Meeting.lea_id == Lea.id,
            Meeting.kind == MeetingKind.QUARTERLY,
            Meeting.archived_at.is_(None),
            Meeting.held_on <= today,
        )
        .correlate(Lea)
    )
    in_dta_now = and_(
        Engagement.started_on <= today,
        or_(Engagement.exited_on.is_(None), Engagement.exited_on > today),
    )
    met_this_quarter = held.where(Meeting.held_on >= quarter.first_day).exists()
    found = (
        select(Lea.id)
        .join(Lea.county_office)
        .outerjoin(Engagement, Engagement.id == current)
        .where(
            visible_leas(user),
            search_filter(listing.search),
            Engagement.ccee_lead_id == user.id if listing.mine else true(),
        )
    )
    live = found.where(Lea.archived_at.is_(None))
    total, missing, demo = session.execute(
        live.with_only_columns(
            func.count(Lea.id),
            func.coalesce(func.sum(case((and_(in_dta_now, ~met_this_quarter), 1), else_=0)), 0),
            func.max(case((Lea.is_demo, 1), else_=0)),
        ).order_by(None)
    ).one()
    page_count = _page_count(total)
    page = min(listing.page or 1, page_count)
    key = _sql_sort_key(listing.sort, held)
    ordered = live.outerjoin(User, User.id == Engagement.ccee_lead_id).outerjoin(
        LeaFigures, LeaFigures.lea_id == Lea.id
    )
    page_ids = list(
        session.scalars(
            ordered.order_by(
                key.is_(None),
                key.desc() if listing.descending else key.asc(),
                func.lower(Lea.name),
                Lea.id,
            )
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        )
    )
    archived = list(session.scalars(found.where(Lea.archived_at.is_not(None))))
    loaded = _found(session, user, Listing(), [*page_ids, *archived])
    figures = _figures_of(session, loaded, today)
    by_id = {lea.id: lea for lea, _ in loaded}

    def row_of(lea: Lea) -> LeaRow:
        return _row(
            lea,
            lea.current_engagement,
            figures[lea.id],
            today,
            quarter,
            thresholds,
            may_edit=can_edit_lea(user, lea),
        )

    return Overview(
        rows=[row_of(by_id[lea_id]) for lea_id in page_ids if lea_id in by_id],
        archived=[
            row_of(by_id[lea_id])
            for lea_id in sorted(archived, key=lambda i: _name_key(by_id[i]))
            if lea_id in by_id
        ],
        total=total,
        missing_quarterly=missing,
        quarter=quarter_label(quarter),
        quarter_span=_quarter_span(quarter),
        has_demo=bool(demo) or any(by_id[lea_id].is_demo for lea_id in archived if lea_id in by_id),
        listing=listing,
        changes_since=previous_quarter_end(today),
        page=page,
        page_count=page_count,
    )


def _sql_sort_key(sort: str, held: Select[date]) -> ColumnElement[Any]:
    """What ``SORT_KEYS[sort]`` sorts by, as SQL (None, NULL here, sorts last)."""
    if sort == "lead":
        return func.lower(User.name)
    if sort == "mode":
        # A mode's label is its value with spaces for underscores: they sort alike.
        return Engagement.mode.expression
    if sort == "actions":
        total = LeaFigures.completed + LeaFigures.in_progress + LeaFigures.not_started
        active = LeaFigures.completed + LeaFigures.in_progress
        return case(
            (or_(LeaFigures.sir_id.is_(None), total == 0), null()),
            else_=(200 * active + total) / (2 * total),
        )
    if sort == "last-meeting":
        return held.with_only_columns(func.max(Meeting.held_on)).scalar_subquery()
    return func.lower(Lea.name)


def _name_key(lea: Lea) -> str:
    return lea.name.casefold()


def _page_count(rows: int) -> int:
    return max(1, -(-rows // PAGE_SIZE))


def _led_by(lea: Lea, user: User) -> bool:
    engagement = lea.current_engagement
    return engagement is not None and engagement.ccee_lead_id == user.id


def lea_flags(
    lea: Lea,
    engagement: Engagement | None,
    figures: Figures,
    thresholds: Thresholds,
    today: date,
) -> tuple[str, ...]:
    """What the dashboard flags for an LEA as of ``today`` ("No quarterly meeting this
    quarter", "Missed 2025-26 Q2", "Plateau", "3 stalled", "Exited"): the one rule, which the
    board packet's summary shows too. ``figures``: the LEA's, kept or computed as of then."""
    flags = _flags(engagement, figures.held_by(today), today, SchoolQuarter.of(today))
    if figures.counts is not None and not lea.is_archived and in_dta(engagement, today):
        flags += _progress_flags(figures, today, thresholds)
    return tuple(flags)


def _flags(
    engagement: Engagement | None, held: list[date], today: date, quarter: SchoolQuarter
) -> list[str]:
    if engagement is not None and _has_exited(engagement, today):
        return [EXITED]
    if engagement is None or not in_dta(engagement, today):
        return []
    flags = []
    if _no_quarterly_meeting(engagement, held, today, quarter):
        flags.append(NO_QUARTERLY_MEETING)
    run, listed = missed_quarters_of(held, engagement, today)
    if listed:
        flags += [f"Missed {quarter_label(missed)}" for missed in listed]
    elif run:
        flags.append(f"No quarterly meeting for {len(run)} quarters")
    return flags


def _no_quarterly_meeting(
    engagement: Engagement | None, held: list[date], today: date, quarter: SchoolQuarter
) -> bool:
    """The flag "No quarterly meeting this quarter" (``held``: the days held by ``today``)."""
    first, last = quarter.first_day, quarter.last_day
    return in_dta(engagement, today) and not any(first <= day <= last for day in held)


def _progress_flags(figures: Figures, today: date, thresholds: Thresholds) -> list[str]:
    """The flags "Plateau" and "3 stalled" of the LEA's latest SIR, from its figures."""
    window = figures.window(today)
    if window is None:
        return []
    flags = []
    if thresholds.plateau <= len(window.plateau) and window.plateau[thresholds.plateau - 1]:
        flags.append(PLATEAU)
    stalled = window.stalled[thresholds.stall - 1] if thresholds.stall <= len(window.stalled) else 0
    if stalled:
        flags.append(f"{stalled} stalled")
    return flags


def _row(
    lea: Lea,
    engagement: Engagement | None,
    figures: Figures,
    today: date,
    quarter: SchoolQuarter,
    thresholds: Thresholds,
    *,
    may_edit: bool,
) -> LeaRow:
    held = figures.held_by(today)
    counts = figures.counts
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
        sir_note=figures.sir_note,
        status=StatusSummary.of(counts) if counts is not None else None,
        last_quarterly=long_date(held[-1]) if held else None,
        last_quarterly_on=held[-1] if held else None,
        flags=lea_flags(lea, engagement, figures, thresholds, today),
        archived_on=pacific_day(lea.archived_at) if lea.archived_at else None,
        percent_active=counts.percent_active if counts is not None else None,
        change=CountsDelta.between(
            figures.counts_at_quarter_end(previous_quarter_end(today)), counts
        )
        if counts is not None
        else None,
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
