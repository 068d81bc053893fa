"""Status counts of a SIR: the figures every page, report and command shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sir_tracker.reviews.models import ActionStatus


@dataclass(frozen=True)
class StatusCounts:
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0

    @classmethod
    def from_mapping(cls, counts: dict[ActionStatus, int]) -> StatusCounts:
        return cls(
            completed=counts.get(ActionStatus.COMPLETED, 0),
            in_progress=counts.get(ActionStatus.IN_PROGRESS, 0),
            not_started=counts.get(ActionStatus.NOT_STARTED, 0),
        )

    @classmethod
    def of_statuses(cls, statuses: Iterable[ActionStatus]) -> StatusCounts:
        """The counts of these statuses, one per action."""
        return cls.from_mapping(Counter(statuses))

    @property
    def total(self) -> int:
        return self.completed + self.in_progress + self.not_started

    @property
    def percent_active(self) -> int | None:
        """Percent of actions completed or in progress, rounded half up; None without actions."""
        if self.total == 0:
            return None
        active = self.completed + self.in_progress
        return (200 * active + self.total) // (2 * self.total)

    @property
    def headline(self) -> str:
        return (
            f"{self.completed} completed / {self.in_progress} in progress / "
            f"{self.not_started} not started"
        )

    @property
    def summary(self) -> str:
        if self.percent_active is None:
            return f"{self.headline} (no actions yet)"
        return f"{self.headline} ({self.percent_active}% completed or in progress)"

    def of(self, status: ActionStatus) -> int:
        return {
            ActionStatus.COMPLETED: self.completed,
            ActionStatus.IN_PROGRESS: self.in_progress,
            ActionStatus.NOT_STARTED: self.not_started,
        }[status]
