"""The trend chart's layout: computed coordinates, axes and the words for screen readers."""

from __future__ import annotations

import re

from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.monitoring.charts import ChartPoint, trend_chart
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
    return [
        ChartPoint(quarter, f"day {i}", StatusCounts(*counts))
        for i, (quarter, counts) in enumerate(data)
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
    assert chart.series[0].markers[-1].tooltip == "2020-21 Q4 (day 7): 19 completed"


def test_a_single_meeting_is_a_point_in_the_middle() -> None:
    chart = trend_chart(points(IUSD[:1]))
    assert chart is not None

    (x, _), *_ = coordinates(chart.series[0].line)
    assert x == (chart.plot_left + chart.plot_right) / 2
    assert "At the latest" not in chart.description
