"""The trend chart's layout: computed coordinates, axes and the words for screen readers."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.monitoring.charts import (
    QUARTER_LABEL_WIDTH,
    YEAR_LABEL_WIDTH,
    ChartPoint,
    trend_chart,
)
from sir_tracker.progress.counts import StatusCounts

IUSD = [
    (SchoolQuarter(2019, 1), (0, 14, 52)),
    (SchoolQuarter(2019, 2), (2, 27, 37)),
    (SchoolQuarter(2019, 3), (4, 36, 26)),
    (SchoolQuarter(2019, 4), (7, 41, 18)),
    (SchoolQuarter(2020, 1), (9, 44, 13)),
    (SchoolQuarter(2020, 2), (12, 44, 10)),
    (SchoolQuarter(2020, 3), (16, 42, 8)),
    (SchoolQuarter(2020, 4), (19, 41, 6)),
]


def points(data: list[tuple[SchoolQuarter, tuple[int, int, int]]]) -> list[ChartPoint]:
    """A meeting half-way through each quarter."""
    return [
        ChartPoint(quarter, quarter.first_day + timedelta(days=45), StatusCounts(*counts))
        for quarter, counts in data
    ]


def coordinates(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", path)]


def test_no_meeting_no_chart() -> None:
    assert trend_chart([]) is None


def test_the_iusd_chart_has_three_lines_of_eight_points_inside_the_plot() -> None:
    chart = trend_chart(points(IUSD))
    assert chart is not None

    assert [s.label for s in chart.series] == ["Completed", "In progress", "Not started"]
    assert [s.colour for s in chart.series] == ["#00a91c", "#005ea2", "#71767a"]
    for series in chart.series:
        line = coordinates(series.line)
        assert len(line) == 8 == len(series.markers)
        assert all(chart.plot_left < x < chart.plot_right for x, _ in line)
        assert all(chart.plot_top <= y <= chart.plot_bottom for _, y in line)
        assert [x for x, _ in line] == sorted(x for x, _ in line)
    completed = coordinates(chart.series[0].line)
    assert completed[0][1] == chart.plot_bottom  # 0 completed sits on the x axis
    assert completed[-1][1] < completed[0][1]  # higher on screen as the count grows


def test_the_axes_are_labelled_with_round_counts_and_school_quarters() -> None:
    chart = trend_chart(points(IUSD))
    assert chart is not None

    assert [t.label for t in chart.y_ticks] == ["0", "10", "20", "30", "40", "50", "60", "70"]
    assert chart.y_ticks[0].at == chart.plot_bottom
    assert chart.y_ticks[-1].at == chart.plot_top
    assert [t.quarter for t in chart.x_ticks] == ["Q1", "Q2", "Q3", "Q4"] * 2
    assert [t.year for t in chart.x_ticks] == ["2019-20", None, None, None, "2020-21"] + [None] * 3


def test_a_school_year_label_that_would_collide_with_the_next_is_left_out() -> None:
    quarters = [SchoolQuarter(2022, 4)] + [
        SchoolQuarter(2023 + i // 4, i % 4 + 1) for i in range(12)
    ]
    chart = trend_chart(points([(q, (1, 2, 3)) for q in quarters]))
    assert chart is not None

    assert [t.year for t in chart.x_ticks if t.year] == ["2023-24", "2024-25", "2025-26"]


def test_the_chart_is_described_in_words_and_figures() -> None:
    chart = trend_chart(points(IUSD))
    assert chart is not None

    assert chart.title == "Recommended actions by status at each quarterly meeting"
    assert "8 quarterly meetings, from 2019-20 Q1 to 2020-21 Q4" in chart.description
    assert "At the latest: 19 completed, 41 in progress, 6 not started." in chart.description
    assert [(r.quarter, r.completed, r.in_progress, r.not_started) for r in chart.rows][-1] == (
        "2020-21 Q4",
        19,
        41,
        6,
    )
    assert chart.series[0].markers[-1].tooltip == "2020-21 Q4 (16 May 2021): 19 completed"


def test_a_single_meeting_is_a_point_in_the_middle() -> None:
    chart = trend_chart(points(IUSD[:1]))
    assert chart is not None

    (x, _), *_ = coordinates(chart.series[0].line)
    assert x == (chart.plot_left + chart.plot_right) / 2
    assert "At the latest" not in chart.description


def test_a_five_year_gap_is_drawn_as_a_wide_gap_on_a_time_scale() -> None:
    data = points(IUSD)
    data.append(ChartPoint(SchoolQuarter(2026, 2), date(2026, 11, 17), StatusCounts(30, 30, 6)))
    chart = trend_chart(data)
    assert chart is not None

    xs = [x for x, _ in coordinates(chart.series[0].line)]
    days = [point.held_on.toordinal() for point in data]
    per_day = (xs[-1] - xs[0]) / (days[-1] - days[0])
    for x, day in zip(xs, days, strict=True):
        assert x == pytest.approx(xs[0] + (day - days[0]) * per_day, abs=0.1)
    assert xs[-1] - xs[-2] > 2 * (xs[-2] - xs[0])  # five years dwarf the two before them
    assert [t.x for t in chart.x_ticks] == pytest.approx(xs, abs=0.1)


def test_labels_of_meetings_close_together_do_not_run_into_each_other() -> None:
    data = points(IUSD)
    data.append(ChartPoint(SchoolQuarter(2026, 2), date(2026, 11, 17), StatusCounts(30, 30, 6)))
    chart = trend_chart(data)
    assert chart is not None

    quarters = [t for t in chart.x_ticks if t.quarter]
    years = [t for t in chart.x_ticks if t.year]
    assert chart.x_ticks[0].quarter == "Q1"
    assert (chart.x_ticks[-1].quarter, chart.x_ticks[-1].year) == ("Q2", "2026-27")
    assert len(quarters) < len(chart.x_ticks)  # eight quarters in two years are too close
    assert all(b.x - a.x >= QUARTER_LABEL_WIDTH for a, b in pairwise(quarters))
    assert all(b.x - a.x >= YEAR_LABEL_WIDTH for a, b in pairwise(years))
    assert all(t.quarter for t in years)  # a school year is written under a quarter shown


def test_meetings_on_one_day_sit_in_the_middle() -> None:
    day = date(2021, 6, 15)
    chart = trend_chart(
        [ChartPoint(SchoolQuarter.of(day), day, StatusCounts(1, 2, 3)) for _ in range(2)]
    )
    assert chart is not None

    assert {x for x, _ in coordinates(chart.series[0].line)} == {
        (chart.plot_left + chart.plot_right) / 2
    }
