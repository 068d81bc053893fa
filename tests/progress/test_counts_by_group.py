"""Counts per component and per theme: the same query as the headline's, grouped otherwise,
so they always add up to it."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.database import utcnow
from sir_tracker.progress.counts import StatusCounts
from sir_tracker.progress.operations import (
    change_status,
    counts_by_component,
    counts_by_theme,
    status_counts,
)
from sir_tracker.reviews.models import Action, Sir
from sir_tracker.users.models import User
from tests.reviews.iusd import action_by_code


def total(counts: dict[object, StatusCounts]) -> StatusCounts:
    return StatusCounts(
        completed=sum(c.completed for c in counts.values()),
        in_progress=sum(c.in_progress for c in counts.values()),
        not_started=sum(c.not_started for c in counts.values()),
    )


@pytest.mark.parametrize("as_of", [None, date(2021, 6, 30), date(2020, 6, 30), date(2019, 1, 1)])
def test_components_and_themes_add_up_to_the_sir_s_counts(
    session: Session, iusd_sir: Sir, as_of: date | None
) -> None:
    headline = status_counts(session, iusd_sir, as_of)

    by_component = counts_by_component(session, iusd_sir, as_of)
    by_theme = counts_by_theme(session, iusd_sir, as_of)

    assert list(by_component) == list(range(1, 13))
    assert total(by_component) == headline  # type: ignore[arg-type]
    assert total(by_theme) == headline  # type: ignore[arg-type]


def test_current_counts_per_component_are_those_of_the_actions(
    session: Session, iusd_sir: Sir
) -> None:
    actions = session.scalars(
        select(Action).where(Action.sir_id == iusd_sir.id, Action.archived_at.is_(None))
    ).all()
    expected = Counter((a.component.number, a.status) for a in actions)

    for number, counts in counts_by_component(session, iusd_sir).items():
        assert (counts.completed, counts.in_progress, counts.not_started) == (
            expected[number, "completed"],
            expected[number, "in_progress"],
            expected[number, "not_started"],
        ), number


def test_a_change_moves_its_component_now_but_not_as_of_an_earlier_day(
    session: Session, iusd_sir: Sir, lead: User
) -> None:
    action = action_by_code(session, iusd_sir, "12.4")
    before = counts_by_component(session, iusd_sir)[12]
    change_status(session, action, "completed", by=lead, at=utcnow())
    session.flush()

    after = counts_by_component(session, iusd_sir)[12]

    assert (after.completed, after.not_started) == (before.completed + 1, before.not_started - 1)
    assert counts_by_component(session, iusd_sir, date(2021, 6, 30))[12] == before


def test_an_archived_action_leaves_its_theme(session: Session, iusd_sir: Sir) -> None:
    action = action_by_code(session, iusd_sir, "1.1")
    theme_id = action.theme_id
    before = counts_by_theme(session, iusd_sir)[theme_id].total
    action.archived_at = utcnow()
    session.flush()

    assert counts_by_theme(session, iusd_sir)[theme_id].total == before - 1
    assert counts_by_theme(session, iusd_sir, date(2021, 6, 30))[theme_id].total == before
