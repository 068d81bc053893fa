"""``add_actions``: many actions at once, each as ``create_action`` adds one."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.audit.models import AuditAction, AuditEvent
from sir_tracker.core.errors import DomainError
from sir_tracker.reviews.models import Action, ActionStatus, Component, Sir
from sir_tracker.reviews.operations import NewAction, add_actions, create_action
from sir_tracker.users.models import User
from tests.reviews.iusd import changed_tables, table_counts
from tests.support import builders


@pytest.fixture
def new_sir(session: Session) -> Sir:
    sir = Sir(lea=builders.lea(session), title="New SIR")
    session.add(sir)
    session.flush()
    return sir


def component(session: Session, number: int) -> Component:
    return session.scalars(select(Component).where(Component.number == number)).one()


def test_each_action_has_its_first_history_row_and_audit_event(
    session: Session, new_sir: Sir, admin: User
) -> None:
    added = add_actions(
        session,
        new_sir,
        [
            NewAction("2.1", "Adopt a curriculum.", component(session, 2), note="From the report."),
            NewAction("2.2", "Train the teachers.", component(session, 2), responsible=" HR "),
        ],
        by=admin,
        summary="Imported from a.xlsx",
    )

    assert [(a.code, a.status, a.responsible) for a in added] == [
        ("2.1", ActionStatus.NOT_STARTED, ""),
        ("2.2", ActionStatus.NOT_STARTED, "HR"),
    ]
    assert [(h.from_status, h.to_status, h.note) for h in added[0].history] == [
        (None, ActionStatus.NOT_STARTED, "From the report.")
    ]
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.lea_id == new_sir.lea_id).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.record_label, e.record_id, e.summary, e.actor) for e in events] == [
        (AuditAction.CREATE, "Action 2.1", added[0].id, "Imported from a.xlsx", admin),
        (AuditAction.CREATE, "Action 2.2", added[1].id, "Imported from a.xlsx", admin),
    ]


@pytest.mark.parametrize("codes", [["3.1", "3.1"], ["3.9", "3.2"], ["3.3", " "]])
def test_a_taken_repeated_or_empty_code_refuses_them_all(
    session: Session, new_sir: Sir, admin: User, codes: list[str]
) -> None:
    create_action(
        session, new_sir, code="3.9", text="Taken.", component=component(session, 3), by=admin
    )
    before = table_counts(session)
    with pytest.raises(DomainError):
        add_actions(
            session,
            new_sir,
            [NewAction(code, "Text.", component(session, 3)) for code in codes],
            by=admin,
        )
    assert changed_tables(before, table_counts(session)) == {}
    assert session.scalars(select(Action.code).where(Action.sir_id == new_sir.id)).all() == ["3.9"]
