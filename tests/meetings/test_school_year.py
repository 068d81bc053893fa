from datetime import date

import pytest

from sir_tracker.core.school_year import SchoolQuarter


@pytest.mark.parametrize(
    ("day", "school_year", "quarter"),
    [
        (date(2021, 6, 30), "2020-21", 4),
        (date(2021, 7, 1), "2021-22", 1),
        (date(2020, 9, 30), "2020-21", 1),
        (date(2020, 10, 1), "2020-21", 2),
        (date(2020, 12, 31), "2020-21", 2),
        (date(2021, 1, 1), "2020-21", 3),
        (date(2020, 2, 29), "2019-20", 3),
        (date(2020, 4, 1), "2019-20", 4),
        (date(1999, 7, 1), "1999-00", 1),
    ],
)
def test_quarter_of_a_day(day: date, school_year: str, quarter: int) -> None:
    found = SchoolQuarter.of(day)
    assert (found.school_year, found.quarter) == (school_year, quarter)
    assert found.first_day <= day <= found.last_day


def test_quarters_follow_each_other_without_gaps() -> None:
    quarter = SchoolQuarter.of(date(2019, 7, 1))
    for _ in range(12):
        following = quarter.next()
        assert following.first_day.toordinal() == quarter.last_day.toordinal() + 1
        quarter = following
    assert str(quarter) == "2022-23 Q1"


def test_the_leap_day_closes_the_third_quarter() -> None:
    assert SchoolQuarter(2019, 3).last_day == date(2020, 3, 31)
    assert SchoolQuarter.of(date(2024, 2, 29)) == SchoolQuarter(2023, 3)
