"""The eligibility rule on constructed cases: the statute's wording worked through, and its
edges (exactly three groups, non-consecutive years, a group recovering in the middle year, a
charter, a fifth year)."""

from __future__ import annotations

from sir_tracker.caseload.eligibility import (
    Level,
    Priority,
    Results,
    StudentGroup,
    Unmet,
    eligibility,
    history,
    identified_groups,
)

EL = StudentGroup.ENGLISH_LEARNERS
SWD = StudentGroup.STUDENTS_WITH_DISABILITIES
HI = StudentGroup.HISPANIC
FY = StudentGroup.FOSTER_YOUTH
ACHIEVEMENT = Priority.PUPIL_ACHIEVEMENT
CLIMATE = Priority.SCHOOL_CLIMATE
ENGAGEMENT = Priority.PUPIL_ENGAGEMENT


def missed(groups: list[StudentGroup], *priorities: Priority) -> list[Unmet]:
    return [(group, priority) for group in groups for priority in priorities]


THREE_GROUPS = missed([EL, SWD, HI], ACHIEVEMENT, CLIMATE)


def test_a_group_is_identified_by_two_priorities_not_one() -> None:
    unmet = [(EL, ACHIEVEMENT), (EL, CLIMATE), (SWD, ACHIEVEMENT), (HI, CLIMATE)]
    assert identified_groups(unmet) == {EL: (ACHIEVEMENT, CLIMATE)}


def test_the_statute_worked_example_three_groups_in_three_of_four_years() -> None:
    # "three or more student groups not meeting two or more LCFF priorities for three of four
    # consecutive years": 2022, 2023 and 2025 out of 2022-2025 (2024 below three groups).
    results: Results = {
        2022: THREE_GROUPS,
        2023: THREE_GROUPS,
        2024: missed([EL, SWD], ACHIEVEMENT, CLIMATE),
        2025: THREE_GROUPS,
    }
    found = eligibility(results, 2025, charter=False)
    assert found.dta and found.da and found.level is Level.DTA
    assert found.reason == (
        "English learners, Students with disabilities and Hispanic: Pupil Achievement and "
        "School Climate in 2022, 2023 and 2025"
    )


def test_exactly_three_groups_qualify_and_two_do_not() -> None:
    three = {year: THREE_GROUPS for year in (2023, 2024, 2025)}
    assert eligibility(three, 2025, charter=False).dta
    two = {year: missed([EL, SWD], ACHIEVEMENT, CLIMATE) for year in (2023, 2024, 2025)}
    found = eligibility(two, 2025, charter=False)
    assert not found.dta
    assert found.level is Level.DA
    assert found.reason == (
        "English learners and Students with disabilities: Pupil Achievement and School "
        "Climate in 2025"
    )


def test_three_non_consecutive_years_out_of_four_count() -> None:
    results = {2022: THREE_GROUPS, 2024: THREE_GROUPS, 2025: THREE_GROUPS}
    assert eligibility(results, 2025, charter=False).dta
    # ... but not once the window of four has moved past the first of them.
    results[2026] = []
    later = eligibility(results, 2026, charter=False)
    assert not later.dta and not later.da
    assert "2 years of 2023-2026: 2024 and 2025" in later.dta_reason


def test_a_group_meeting_a_priority_in_the_middle_year_leaves_that_year_short() -> None:
    # Hispanic students met School Climate in 2024: only two groups are identified that year.
    middle = [*missed([EL, SWD], ACHIEVEMENT, CLIMATE), (HI, ACHIEVEMENT)]
    results = {2023: THREE_GROUPS, 2024: middle, 2025: THREE_GROUPS}
    found = eligibility(results, 2025, charter=False)
    assert not found.dta
    assert found.da
    assert eligibility(results, 2024, charter=False).identified == (EL, SWD)


def test_the_groups_need_not_be_the_same_each_year() -> None:
    # The reading this module implements: three groups each year, whichever they are.
    results = {
        2023: THREE_GROUPS,
        2024: missed([EL, SWD, FY], ACHIEVEMENT, ENGAGEMENT),
        2025: THREE_GROUPS,
    }
    found = eligibility(results, 2025, charter=False)
    assert found.dta
    assert found.reason == (
        "English learners, Students with disabilities and Hispanic: Pupil Achievement and "
        "School Climate in 2023 and 2025; English learners, Foster youth and Students with "
        "disabilities: Pupil Achievement and Pupil Engagement in 2024"
    )


def test_a_charter_needs_two_consecutive_years_for_da_and_three_of_four_for_dta() -> None:
    one_group = missed([EL], ACHIEVEMENT, CLIMATE)
    single_year = {2025: one_group}
    assert eligibility(single_year, 2025, charter=False).da
    charter = eligibility(single_year, 2025, charter=True)
    assert not charter.da
    assert charter.reason == (
        "A charter school needs an identified group in 2 consecutive years; 2024 had none."
    )
    two_years = {2024: one_group, 2025: one_group}
    assert eligibility(two_years, 2025, charter=True).da
    dta = {2022: THREE_GROUPS, 2023: THREE_GROUPS, 2025: THREE_GROUPS}
    assert eligibility(dta, 2025, charter=True).dta


def test_a_fifth_year_drops_the_oldest() -> None:
    results = {2021: THREE_GROUPS, 2022: THREE_GROUPS, 2023: THREE_GROUPS, 2024: [], 2025: []}
    by_year = {found.year: found for found in history(results, charter=False, years=results)}
    assert by_year[2023].dta and by_year[2024].dta
    assert not by_year[2025].dta  # 2022-2025 holds only two such years
    assert [found.level for found in by_year.values()] == [
        Level.DA,
        Level.DA,
        Level.DTA,
        Level.DTA,
        Level.NONE,
    ]


def test_no_results_is_not_eligible_and_says_so() -> None:
    found = eligibility({}, 2025, charter=False)
    assert found.level is Level.NONE
    assert found.reason == "No results of the 2025 Dashboard are held."
    met_everything = eligibility({2025: []}, 2025, charter=False)
    assert met_everything.reason == "No student group missed 2 or more priorities in 2025."
