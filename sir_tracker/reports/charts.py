"""The bar chart of a report's headline counts, laid out as plain SVG coordinates
(reports/_charts.html draws it, with the trend chart of ``progress.charts``)."""

from __future__ import annotations

from dataclasses import dataclass

from sir_tracker.monitoring.charts import STYLES
from sir_tracker.reports.data import Counts
from sir_tracker.reviews.models import ActionStatus

WIDTH = 640
ROW = 34  # height of one bar's row
BAR = 22
LABEL_WIDTH = 110  # "Not started" to the left of the bars
VALUE_WIDTH = 90  # "41 (62%)" to their right


@dataclass(frozen=True)
class Bar:
    key: str  # the status value, as in CSS classes
    label: str
    colour: str
    y: float
    width: float
    value: str  # "41 (62%)"
    value_x: float


@dataclass(frozen=True)
class CountsChart:
    title: str
    width: int
    height: int
    bar_x: int
    bar_height: int
    bars: tuple[Bar, ...]


def counts_chart(counts: Counts) -> CountsChart:
    """One horizontal bar per status, scaled to the total, each labelled with its count."""
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    total = counts.total or 1
    values = {
        ActionStatus.COMPLETED: counts.completed,
        ActionStatus.IN_PROGRESS: counts.in_progress,
        ActionStatus.NOT_STARTED: counts.not_started,
    }
    bars = []
    for row, (status, style) in enumerate(STYLES.items()):
        value = values[status]
        width = round(plot * value / total, 1)
        bars.append(
            Bar(
                key=status.value,
                label=style.label,
                colour=style.colour,
                y=row * ROW + (ROW - BAR) / 2,
                width=width,
                value=f"{value:,} ({_percent(value, total)}%)" if counts.total else "0",
                value_x=LABEL_WIDTH + width + 8,
            )
        )
    return CountsChart(
        title=(
            f"Bar chart of the {counts.total} recommended actions by status: "
            f"{counts.completed} completed, {counts.in_progress} in progress, "
            f"{counts.not_started} not started"
        ),
        width=WIDTH,
        height=ROW * len(bars),
        bar_x=LABEL_WIDTH,
        bar_height=BAR,
        bars=tuple(bars),
    )


def _percent(part: int, total: int) -> int:
    """Rounded half up, as ``StatusCounts.percent_active`` rounds."""
    return (200 * part + total) // (2 * total)
