"""The trend chart of a SIR's counts over its quarterly meetings, laid out in Python as plain
SVG coordinates (no JavaScript, no charting library); templates/progress/_trend_chart.html
draws it.

The x axis is a time scale: a meeting sits at its date, so five years without a meeting show
as a wide gap, not as one more step. Labels that would run into the one before are left out
(the tooltips and the table still tell every meeting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from sir_tracker.caseload.pipeline import YearCounts as CaseloadYear
from sir_tracker.core.formatting import long_date
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.reviews.models import ActionStatus

WIDTH = 720
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 16, 52  # margins around the plot, for the axes' labels
INSET = 24  # keeps the first and last markers off the axes
MAX_TICKS = 8
QUARTER_LABEL_WIDTH = 26  # what a quarter ("Q3") needs under the axis, with a space
YEAR_LABEL_WIDTH = 64  # what a school year ("2020-21") needs under the axis
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


@dataclass(frozen=True)
class Style:
    label: str
    colour: str  # the status colours of app.css, darkened where a line needs 3:1 on white
    dash: str  # SVG stroke-dasharray, "" for a solid line
    marker: str  # circle, square or diamond: status is never told by colour alone


STYLES = {
    ActionStatus.COMPLETED: Style("Completed", "#00a91c", "", "circle"),
    ActionStatus.IN_PROGRESS: Style("In progress", "#005ea2", "", "square"),
    # app.css's #a9aeb1 is too pale for a line on white (2.3:1); #71767a is its darker kin.
    ActionStatus.NOT_STARTED: Style("Not started", "#71767a", "6 4", "diamond"),
}


@dataclass(frozen=True)
class ChartPoint:
    quarter: SchoolQuarter
    held_on: date
    counts: StatusCounts


@dataclass(frozen=True)
class Marker:
    path: str
    tooltip: str


@dataclass(frozen=True)
class Series:
    key: str  # the status value, as in CSS classes
    label: str
    colour: str
    dash: str
    line: str  # the SVG path of the line
    markers: tuple[Marker, ...]
    legend_marker: str  # the marker's path in a 24 x 12 legend swatch


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class QuarterTick:
    x: float
    quarter: str | None  # "Q3"; None where it would run into the label before it
    year: str | None  # "2020-21" under the first quarter of each school year shown


@dataclass(frozen=True)
class TableRow:
    quarter: str
    held_on: date  # written in the page's language by the template
    completed: int
    in_progress: int
    not_started: int


@dataclass(frozen=True)
class TrendChart:
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[QuarterTick, ...]
    series: tuple[Series, ...]
    rows: tuple[TableRow, ...]


def trend_chart(points: Sequence[ChartPoint]) -> TrendChart | None:
    """The chart of ``points`` (oldest first), or None without any point."""
    if not points:
        return None
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    y_of, y_ticks = _value_axis(max(point.counts.total for point in points))

    first_day = points[0].held_on.toordinal()
    days = points[-1].held_on.toordinal() - first_day

    def x_of(index: int) -> float:
        if days <= 0:
            return (plot_left + plot_right) / 2
        span = plot_right - plot_left - 2 * INSET
        return plot_left + INSET + span * (points[index].held_on.toordinal() - first_day) / days

    series = []
    for status, style in STYLES.items():
        coordinates = [(x_of(i), y_of(point.counts.of(status))) for i, point in enumerate(points)]
        series.append(
            Series(
                key=status.value,
                label=style.label,
                colour=style.colour,
                dash=style.dash,
                line=" ".join(
                    f"{'M' if i == 0 else 'L'}{_n(x)} {_n(y)}"
                    for i, (x, y) in enumerate(coordinates)
                ),
                markers=tuple(
                    Marker(
                        _marker(style.marker, x, y),
                        f"{point.quarter} ({long_date(point.held_on)}): "
                        f"{point.counts.of(status)} {style.label.lower()}",
                    )
                    for (x, y), point in zip(coordinates, points, strict=True)
                ),
                legend_marker=_marker(style.marker, 12, 6),
            )
        )

    x_ticks = _quarter_ticks([x_of(i) for i in range(len(points))], points)
    first, last = points[0], points[-1]
    description = (
        f"Line chart of the counts of recommended actions by status at "
        f"{_meetings(len(points))}, from {first.quarter} to {last.quarter}. "
        f"At the first: {_sentence(first.counts)}."
    )
    if len(points) > 1:
        description += f" At the latest: {_sentence(last.counts)}."
    return TrendChart(
        title="Recommended actions by status at each quarterly meeting",
        description=description,
        width=WIDTH,
        height=HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        y_ticks=y_ticks,
        x_ticks=tuple(x_ticks),
        series=tuple(series),
        rows=tuple(
            TableRow(
                str(point.quarter),
                point.held_on,
                point.counts.completed,
                point.counts.in_progress,
                point.counts.not_started,
            )
            for point in points
        ),
    )


def _quarter_ticks(xs: list[float], points: Sequence[ChartPoint]) -> tuple[QuarterTick, ...]:
    """A tick at each meeting, "Q1".. under it unless it would run into the quarter shown before
    it, and the school year under the first quarter shown of each year, unless it would run into
    the next year's label (the table and tooltips still tell them)."""
    quarters: list[str | None] = []
    last_shown: float | None = None
    for x, point in zip(xs, points, strict=True):
        if last_shown is not None and x - last_shown < QUARTER_LABEL_WIDTH:
            quarters.append(None)
        else:
            quarters.append(f"Q{point.quarter.quarter}")
            last_shown = x
    years: list[str | None] = []
    previous = None
    for point, quarter in zip(points, quarters, strict=True):
        year = point.quarter.school_year
        years.append(None if quarter is None or year == previous else year)
        if quarter is not None:
            previous = year
    shown = [i for i, year in enumerate(years) if year is not None]
    for i, following in pairwise(shown):
        if xs[following] - xs[i] < YEAR_LABEL_WIDTH:
            years[i] = None
    return tuple(
        QuarterTick(_round(x), quarter, year)
        for x, quarter, year in zip(xs, quarters, years, strict=True)
    )


def _value_axis(largest: int) -> tuple[Callable[[int], float], tuple[Tick, ...]]:
    """Where a value sits on the plot (its y), and the ticks of the value axis."""
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    step, top = _scale(largest)

    def y_of(value: int) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top

    return y_of, tuple(Tick(_round(y_of(value)), str(value)) for value in range(0, top + 1, step))


def _scale(largest: int) -> tuple[int, int]:
    """A round tick step and the top of the y axis, with at most MAX_TICKS intervals."""
    largest = max(largest, 1)
    for step in NICE_STEPS:
        intervals = -(-largest // step)
        if intervals <= MAX_TICKS:
            return step, intervals * step
    step = -(-largest // MAX_TICKS)
    return step, MAX_TICKS * step


def _marker(shape: str, x: float, y: float) -> str:
    if shape == "square":
        return f"M{_n(x - 4)} {_n(y - 4)}h8v8h-8Z"
    if shape == "diamond":
        return f"M{_n(x)} {_n(y - 5.5)}l5.5 5.5l-5.5 5.5l-5.5 -5.5Z"
    return f"M{_n(x - 4.5)} {_n(y)}a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z"


def _round(value: float) -> float:
    return round(value, 1)


def _n(value: float) -> str:
    """A coordinate as SVG reads it: at most one decimal, no trailing ".0"."""
    return f"{round(value, 1):g}"


def _meetings(count: int) -> str:
    return "1 quarterly meeting" if count == 1 else f"{count} quarterly meetings"


def _sentence(counts: StatusCounts) -> str:
    return (
        f"{counts.completed} completed, {counts.in_progress} in progress, "
        f"{counts.not_started} not started"
    )


# --- The caseload over the years, as grouped bars ---------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    tooltip: str


@dataclass(frozen=True)
class BarSeries:
    key: str
    label: str
    colour: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class YearTick:
    x: float
    label: str


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_label: str
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[YearTick, ...]
    series: tuple[BarSeries, ...]
    # The figures, for the table beside the chart: a row per year, a column per series.
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


# Colours from app.css's palette that keep 3:1 on white; bars are also told by their order,
# their legend and the table.
CASELOAD_STYLES = (
    ("caseload", "LEAs in the caseload", "#005ea2"),
    ("exits", "Exits", "#b50909"),
    ("eligible", "Eligible for DTA (Dashboard of the year before)", "#71767a"),
)


def caseload_chart(years: Sequence[CaseloadYear]) -> BarChart | None:
    """Bars per year: the caseload, its exits and the LEAs eligible for DTA, as in CCEE's board
    presentations ("7 LEAs in 2021, 54 in 2024"); None without a year."""
    if not years:
        return None
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    values = [(year.caseload, year.exits, year.eligible) for year in years]
    y_of, y_ticks = _value_axis(max(v or 0 for row in values for v in row))
    slot = (plot_right - plot_left) / len(years)
    bar = min(28.0, slot * 0.8 / len(CASELOAD_STYLES))

    series = []
    for index, (key, label, colour) in enumerate(CASELOAD_STYLES):
        bars = []
        for position, (year, row) in enumerate(zip(years, values, strict=True)):
            value = row[index]
            if value is None:
                continue
            left = plot_left + slot * position + (slot - bar * len(CASELOAD_STYLES)) / 2
            bars.append(
                Bar(
                    _round(left + bar * index),
                    _round(y_of(value)),
                    _round(bar),
                    _round(plot_bottom - y_of(value)),
                    f"{year.year}: {value} {label[:1].lower()}{label[1:]}",
                )
            )
        series.append(BarSeries(key, label, colour, tuple(bars)))
    first, last = years[0], years[-1]
    return BarChart(
        title="The caseload, its exits and the LEAs eligible for DTA, year by year",
        description=(
            f"Bar chart by year from {first.year} to {last.year}. In {first.year}: "
            f"{first.caseload} LEAs in the caseload, {first.exits} exits. In {last.year}: "
            f"{last.caseload} LEAs in the caseload, {last.exits} exits."
        ),
        width=WIDTH,
        height=HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        y_label="LEAs",
        y_ticks=y_ticks,
        x_ticks=tuple(
            YearTick(_round(plot_left + slot * (i + 0.5)), str(year.year))
            for i, year in enumerate(years)
        ),
        series=tuple(series),
        columns=tuple(label for _, label, _ in CASELOAD_STYLES),
        rows=tuple(
            (str(year.year), tuple("" if v is None else str(v) for v in row))
            for year, row in zip(years, values, strict=True)
        ),
    )
