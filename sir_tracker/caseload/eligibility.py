"""Who is eligible for differentiated assistance (DA) and for CCEE's Direct Technical
Assistance (DTA), Dashboard year by Dashboard year, and why, in words.

The rule, as Education Code 52072(b)(1) and 52064.5(g) word it for school districts (and
47607.3 for charter schools, as CCEE's charter pathway page reads it):

- A student group is *identified* in a Dashboard year when it did not meet two or more LCFF
  priorities that year.
- **DA** (districts and county offices): one or more identified groups in the year.
  **DA for a charter school**: one or more identified groups in two consecutive years (the
  year and the one before it).
- **DTA** (everyone, charters included): three or more identified groups in three of the four
  consecutive years ending with the year. A year with no Dashboard results counts as a year
  without identified groups.

The wording allows two readings of DTA: must the *same* three groups be identified in each of
the three years, or three groups each year, whichever they are? This module implements the
second: **three or more groups in each of three years, not necessarily the same groups**. The
statute counts the subgroups that did not make progress year by year, the state identifies LEAs
for assistance from each year's Dashboard on its own, and the first reading would let an LEA
leave intensive support because different groups failed in different years, which is the
picture of a system in distress rather than of one recovering. Likewise the priorities a group
did not meet may differ from year to year.

Pure functions over plain data: no database, no request.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

DTA_GROUPS = 3  # identified student groups in a year
DTA_YEARS = 3  # years with that many groups ...
DTA_WINDOW = 4  # ... among this many consecutive years
PRIORITIES = 2  # priorities not met that identify a group
CHARTER_DA_YEARS = 2  # consecutive years a charter school needs an identified group

READING = (
    "DTA eligibility counts three or more student groups in each of three of four consecutive "
    "years; the groups need not be the same from year to year."
)


class StudentGroup(enum.StrEnum):
    """The student groups of the California School Dashboard, in its order."""

    ALL_STUDENTS = "all_students"
    ENGLISH_LEARNERS = "english_learners"
    LONG_TERM_ENGLISH_LEARNERS = "long_term_english_learners"
    FOSTER_YOUTH = "foster_youth"
    HOMELESS_YOUTH = "homeless_youth"
    SOCIOECONOMICALLY_DISADVANTAGED = "socioeconomically_disadvantaged"
    STUDENTS_WITH_DISABILITIES = "students_with_disabilities"
    AFRICAN_AMERICAN = "african_american"
    AMERICAN_INDIAN = "american_indian"
    ASIAN = "asian"
    FILIPINO = "filipino"
    HISPANIC = "hispanic"
    PACIFIC_ISLANDER = "pacific_islander"
    TWO_OR_MORE_RACES = "two_or_more_races"
    WHITE = "white"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    StudentGroup.ALL_STUDENTS: "All students",
    StudentGroup.ENGLISH_LEARNERS: "English learners",
    StudentGroup.LONG_TERM_ENGLISH_LEARNERS: "Long-term English learners",
    StudentGroup.FOSTER_YOUTH: "Foster youth",
    StudentGroup.HOMELESS_YOUTH: "Homeless youth",
    StudentGroup.SOCIOECONOMICALLY_DISADVANTAGED: "Socioeconomically disadvantaged",
    StudentGroup.STUDENTS_WITH_DISABILITIES: "Students with disabilities",
    StudentGroup.AFRICAN_AMERICAN: "African American",
    StudentGroup.AMERICAN_INDIAN: "American Indian or Alaska Native",
    StudentGroup.ASIAN: "Asian",
    StudentGroup.FILIPINO: "Filipino",
    StudentGroup.HISPANIC: "Hispanic",
    StudentGroup.PACIFIC_ISLANDER: "Pacific Islander",
    StudentGroup.TWO_OR_MORE_RACES: "Two or more races",
    StudentGroup.WHITE: "White",
}


class Priority(enum.StrEnum):
    """The eight state priorities of the Local Control Funding Formula, by number."""

    BASIC_SERVICES = "1"
    STATE_STANDARDS = "2"
    PARENT_INVOLVEMENT = "3"
    PUPIL_ACHIEVEMENT = "4"
    PUPIL_ENGAGEMENT = "5"
    SCHOOL_CLIMATE = "6"
    COURSE_ACCESS = "7"
    OTHER_PUPIL_OUTCOMES = "8"

    @property
    def label(self) -> str:
        return _PRIORITY_LABELS[self]


_PRIORITY_LABELS = {
    Priority.BASIC_SERVICES: "Basic Services",
    Priority.STATE_STANDARDS: "Implementation of State Standards",
    Priority.PARENT_INVOLVEMENT: "Parent Involvement",
    Priority.PUPIL_ACHIEVEMENT: "Pupil Achievement",
    Priority.PUPIL_ENGAGEMENT: "Pupil Engagement",
    Priority.SCHOOL_CLIMATE: "School Climate",
    Priority.COURSE_ACCESS: "Course Access",
    Priority.OTHER_PUPIL_OUTCOMES: "Other Pupil Outcomes",
}


class Level(enum.StrEnum):
    NONE = "none"
    DA = "da"
    DTA = "dta"

    @property
    def label(self) -> str:
        return {"none": "Not eligible", "da": "Differentiated assistance"}.get(
            self.value, "Direct Technical Assistance"
        )


Unmet = tuple[StudentGroup, Priority]
# Per Dashboard year, the (student group, priority) pairs not met that year.
Results = Mapping[int, Collection[Unmet]]


@dataclass(frozen=True)
class YearEligibility:
    year: int
    da: bool
    dta: bool
    identified: tuple[StudentGroup, ...]  # this year's groups not meeting 2+ priorities
    da_reason: str  # "" when not eligible
    dta_reason: str
    has_results: bool = True  # False: no results of this year (none of its groups count)

    @property
    def level(self) -> Level:
        return Level.DTA if self.dta else Level.DA if self.da else Level.NONE

    @property
    def reason(self) -> str:
        """Why the LEA is at its level, or why not."""
        if self.dta:
            return self.dta_reason
        if self.da:
            return self.da_reason
        if not self.identified and not self.has_results:
            return f"No results of the {self.year} Dashboard are held."
        if not self.identified:
            return f"No student group missed {PRIORITIES} or more priorities in {self.year}."
        return self.da_reason or self.dta_reason


def identified_groups(unmet: Iterable[Unmet]) -> dict[StudentGroup, tuple[Priority, ...]]:
    """The groups that did not meet two or more priorities, each with those priorities (in
    the Dashboard's order of groups and priorities)."""
    missed: dict[StudentGroup, set[Priority]] = {}
    for group, priority in unmet:
        missed.setdefault(group, set()).add(priority)
    return {
        group: tuple(sorted(missed[group], key=_priority_order))
        for group in sorted(missed, key=_group_order)
        if len(missed[group]) >= PRIORITIES
    }


def eligibility(results: Results, year: int, *, charter: bool) -> YearEligibility:
    """The LEA's eligibility as of Dashboard ``year``, from its results of that year and the
    three before it (later years are not read)."""
    return _eligibility(_Identified(results), year, charter=charter)


def history(results: Results, *, charter: bool, years: Iterable[int]) -> list[YearEligibility]:
    """Eligibility in each of ``years`` (oldest first); each year's groups are worked out
    once, however many windows they fall in."""
    identified = _Identified(results)
    return [_eligibility(identified, year, charter=charter) for year in sorted(set(years))]


class _Identified(dict[int, dict[StudentGroup, tuple[Priority, ...]]]):
    """Each year's identified groups, worked out when first asked for."""

    def __init__(self, results: Results) -> None:
        super().__init__()
        self.results = results

    def __missing__(self, year: int) -> dict[StudentGroup, tuple[Priority, ...]]:
        found = self[year] = identified_groups(self.results.get(year, ()))
        return found


def _eligibility(identified: _Identified, year: int, *, charter: bool) -> YearEligibility:
    window = {each: identified[each] for each in range(year - DTA_WINDOW + 1, year + 1)}
    da, da_reason = _da(window, year, charter=charter)
    heavy = [each for each in sorted(window) if len(window[each]) >= DTA_GROUPS]
    dta = len(heavy) >= DTA_YEARS
    if dta:
        dta_reason = describe({each: window[each] for each in heavy})
    elif heavy:
        dta_reason = (
            f"{DTA_GROUPS} or more groups missed {PRIORITIES} or more priorities in "
            f"{_count_years(len(heavy))} of {year - DTA_WINDOW + 1}-{year}: "
            f"{_and(map(str, heavy))} ({DTA_YEARS} are needed for DTA)."
        )
    else:
        dta_reason = ""
    return YearEligibility(
        year,
        da,
        dta,
        tuple(window[year]),
        da_reason,
        dta_reason,
        has_results=year in identified.results,
    )


def _da(
    identified: Mapping[int, Mapping[StudentGroup, Sequence[Priority]]],
    year: int,
    *,
    charter: bool,
) -> tuple[bool, str]:
    if not identified[year]:
        return False, ""
    if not charter:
        return True, describe({year: identified[year]})
    if identified[year - 1]:
        return True, describe({year - 1: identified[year - 1], year: identified[year]})
    return False, (
        f"A charter school needs an identified group in {CHARTER_DA_YEARS} consecutive years; "
        f"{year - 1} had none."
    )


def describe(years: Mapping[int, Mapping[StudentGroup, Sequence[Priority]]]) -> str:
    """ "English learners, Students with disabilities and Hispanic: Pupil Achievement and
    School Climate in 2022, 2023 and 2025": the years with the same groups and priorities
    told once, each other combination in a clause of its own."""
    clauses: dict[tuple[tuple[StudentGroup, ...], tuple[Priority, ...]], list[int]] = {}
    for year in sorted(years):
        groups = years[year]
        priorities = sorted({p for missed in groups.values() for p in missed}, key=_priority_order)
        clauses.setdefault((tuple(groups), tuple(priorities)), []).append(year)
    return "; ".join(
        f"{_and(g.label for g in groups)}: {_and(p.label for p in priorities)} in "
        f"{_and(map(str, in_years))}"
        for (groups, priorities), in_years in clauses.items()
    )


def _and(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _count_years(n: int) -> str:
    return "1 year" if n == 1 else f"{n} years"


_GROUP_ORDER = {group: n for n, group in enumerate(StudentGroup)}
_PRIORITY_ORDER = {priority: n for n, priority in enumerate(Priority)}
_group_order = _GROUP_ORDER.__getitem__
_priority_order = _PRIORITY_ORDER.__getitem__
