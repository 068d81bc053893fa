"""The caseload pipeline as of a Dashboard year: who is eligible for DTA and not engaged
(intake), engaged and still eligible, engaged and no longer eligible (candidates to exit),
and who exited but is eligible again or still eligible for DA (post-exit watch), by county;
and the caseload, exits and eligible LEAs year by year.

A Dashboard published in the autumn of a year decides the caseload of the year that follows,
so the pipeline as of Dashboard year Y takes engagements as they stand at the end of Y + 1, or
today if that is earlier.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sir_tracker.access.policy import visible_leas
from sir_tracker.caseload.eligibility import Level, YearEligibility, history
from sir_tracker.caseload.queries import dashboard_years, held_results, is_charter
from sir_tracker.leas.models import Engagement, Lea
from sir_tracker.users.models import User


class Stage(enum.StrEnum):
    INTAKE = "intake"
    ENGAGED = "engaged"
    EXIT_CANDIDATE = "exit_candidate"
    WATCH = "watch"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def short_label(self) -> str:
        return _SHORT_LABELS[self]


_STAGE_LABELS = {
    Stage.INTAKE: "Eligible, not engaged (intake)",
    Stage.ENGAGED: "Engaged and still eligible",
    Stage.EXIT_CANDIDATE: "Engaged, no longer eligible (candidates to exit)",
    Stage.WATCH: "Exited, eligible again or still low (post-exit watch)",
}


_SHORT_LABELS = {
    Stage.INTAKE: "Intake",
    Stage.ENGAGED: "Engaged, eligible",
    Stage.EXIT_CANDIDATE: "Candidates to exit",
    Stage.WATCH: "Post-exit watch",
}


@dataclass(frozen=True)
class PipelineLea:
    lea_id: int
    name: str
    county: str
    stage: Stage
    level: Level  # as of the Dashboard year
    reason: str
    engaged_since: date | None  # the engagement under way (or the last, once exited)
    exited_on: date | None
    # Candidates to exit: the first Dashboard year not DTA-eligible after the last that was
    # (None: not eligible in any year held), and how many Dashboard years since, it included.
    out_since: int | None
    years_out: int

    @property
    def out_of_eligibility(self) -> str:
        """ "2 Dashboard years (since 2024)", or "not eligible in any Dashboard year held"."""
        if self.stage is not Stage.EXIT_CANDIDATE:
            return ""
        if self.out_since is None:
            return "Not eligible in any Dashboard year held"
        years = "1 Dashboard year" if self.years_out == 1 else f"{self.years_out} Dashboard years"
        return f"{years} (since {self.out_since})"


@dataclass(frozen=True)
class YearCounts:
    """One calendar year of the caseload: LEAs engaged at some time in it, engagements ended
    in it, and the LEAs that the Dashboard of the year before made eligible for DTA."""

    year: int
    caseload: int
    exits: int
    eligible: int | None  # None: no Dashboard results of the year before


@dataclass
class Pipeline:
    year: int | None  # None: no Dashboard results held
    years: list[int]
    engagements_on: date | None
    stages: dict[Stage, list[PipelineLea]] = field(default_factory=dict)
    no_results: list[str] = field(default_factory=list)  # engaged LEAs without the year's results
    trend: list[YearCounts] = field(default_factory=list)

    @property
    def counties(self) -> list[str]:
        return sorted({lea.county for leas in self.stages.values() for lea in leas})

    def count(self, stage: Stage, county: str | None = None) -> int:
        return sum(1 for lea in self.stages[stage] if county is None or lea.county == county)


def pipeline(
    session: Session, user: User, *, year: int | None, today: date, county: str | None = None
) -> Pipeline:
    """The pipeline of the LEAs ``user`` may see (of ``county`` only, if given) as of
    Dashboard ``year`` (the latest held if None). A handful of queries, however many LEAs."""
    years = dashboard_years(session)
    if year is None and years:
        year = years[-1]
    query = (
        select(Lea)
        .where(visible_leas(user))
        .options(selectinload(Lea.county_office), selectinload(Lea.engagements))
        .order_by(Lea.name)
    )
    leas = [
        lea
        for lea in session.scalars(query)
        if county is None or lea.county_office.county == county
    ]
    held = held_results(session, [lea.id for lea in leas])
    histories = {
        lea.id: history(held.get(lea.id, {}), charter=is_charter(lea), years=years) for lea in leas
    }
    found = Pipeline(year, years, None, {stage: [] for stage in Stage})
    found.trend = _trend(leas, histories, years, today)
    if year is None:
        return found
    day = min(today, date(year + 1, 12, 31))
    found.engagements_on = day
    for lea in leas:
        by_year = {each.year: each for each in histories[lea.id]}
        now = by_year.get(year)
        under_way, last = _engagement_on(lea.engagements, day)
        if now is None:
            continue
        has_results = year in held.get(lea.id, {})
        if under_way is not None and not has_results:
            found.no_results.append(lea.name)
            continue
        stage = _stage(now, under_way, last)
        if stage is None:
            continue
        eligible_before = [each for each in years if each <= year and by_year[each].dta]
        out_since = (
            years[years.index(eligible_before[-1]) + 1]
            if stage is Stage.EXIT_CANDIDATE and eligible_before
            else None
        )
        engagement = under_way or last
        found.stages[stage].append(
            PipelineLea(
                lea_id=lea.id,
                name=lea.name,
                county=lea.county_office.county,
                stage=stage,
                level=now.level,
                reason=now.reason,
                engaged_since=engagement.started_on if engagement else None,
                exited_on=last.exited_on if last is not None and under_way is None else None,
                out_since=out_since,
                years_out=sum(
                    1 for each in years if out_since is not None and out_since <= each <= year
                ),
            )
        )
    for leas_of_stage in found.stages.values():
        leas_of_stage.sort(key=lambda lea: (lea.county, lea.name))
    return found


def _engagement_on(
    engagements: Sequence[Engagement], day: date
) -> tuple[Engagement | None, Engagement | None]:
    """The engagement under way on ``day``, and the latest begun by then."""
    begun = [e for e in engagements if e.started_on <= day]
    last = begun[-1] if begun else None
    if last is not None and (last.exited_on is None or last.exited_on > day):
        return last, last
    return None, last


def _stage(
    now: YearEligibility, under_way: Engagement | None, last: Engagement | None
) -> Stage | None:
    if under_way is not None:
        return Stage.ENGAGED if now.dta else Stage.EXIT_CANDIDATE
    if last is None:
        return Stage.INTAKE if now.dta else None
    return Stage.WATCH if now.level is not Level.NONE else None


def _trend(
    leas: Sequence[Lea],
    histories: dict[int, list[YearEligibility]],
    years: Sequence[int],
    today: date,
) -> list[YearCounts]:
    """From the first year anyone was engaged (or the first Dashboard year's next) to this
    year."""
    engagements = [e for lea in leas for e in lea.engagements]
    starts = [e.started_on.year for e in engagements] + [year + 1 for year in years]
    if not starts:
        return []
    eligible = Counter(each.year + 1 for found in histories.values() for each in found if each.dta)
    counts = []
    for year in range(min(starts), today.year + 1):
        first, last = date(year, 1, 1), date(year, 12, 31)
        engaged = {
            e.lea_id
            for e in engagements
            if e.started_on <= last and (e.exited_on is None or e.exited_on >= first)
        }
        exits = sum(
            1
            for e in engagements
            if e.exited_on is not None and e.exited_on.year == year and e.exited_on <= today
        )
        counts.append(
            YearCounts(
                year,
                len(engaged),
                exits,
                eligible.get(year, 0) if year - 1 in years else None,
            )
        )
    return counts
