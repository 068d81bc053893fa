"""Small builders of model objects for tests that need data of their own beside the demo."""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.core.pacific_time import at_local
from sir_tracker.leas.models import (
    CountyOffice,
    Engagement,
    EngagementMode,
    Lea,
    LeaKind,
    Pathway,
)
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.reviews.models import Action, Component, Sir
from sir_tracker.reviews.operations import add_action
from sir_tracker.users.models import Role, User

_numbers = itertools.count(1)


def county_office(session: Session, county: str | None = None) -> CountyOffice:
    n = next(_numbers)
    office = CountyOffice(county=county or f"Test County {n}", name=f"Test County {n} COE")
    session.add(office)
    session.flush()
    return office


def lea(session: Session, office: CountyOffice | None = None, name: str | None = None) -> Lea:
    n = next(_numbers)
    created = Lea(
        name=name or f"Test Unified School District {n}",
        kind=LeaKind.DISTRICT,
        cds_code=f"99{n:05d}",
        county_office=office or county_office(session),
    )
    session.add(created)
    session.flush()
    return created


def user(session: Session, role: Role = Role.CCEE_LEAD) -> User:
    n = next(_numbers)
    created = User(email=f"person{n}@test.example", name=f"Test Person {n}", role=role)
    session.add(created)
    session.flush()
    return created


def sir_with_actions(
    session: Session, count: int, *, by: User, owner: Lea | None = None
) -> tuple[Sir, list[Action]]:
    sir = Sir(lea=owner or lea(session), title="Test SIR", report_date=date(2024, 1, 15))
    session.add(sir)
    component = session.scalars(select(Component).order_by(Component.number)).first()
    assert component is not None, "the migrations create the components"
    actions = [
        add_action(
            session,
            sir,
            code=f"1.{i}",
            text=f"Test action {i}",
            component=component,
            by=by,
            at=at_local(date(2024, 1, 15)),
        )
        for i in range(1, count + 1)
    ]
    return sir, actions


def lea_in_dta(session: Session, by: User, *, published: bool = False, actions: int = 3) -> Lea:
    """A new LEA engaged since 2024 with a SIR of ``actions`` actions and a quarterly meeting:
    one more row of everything a list page shows, for tests of query counts."""
    new = lea(session)
    new.is_published = published
    session.add(
        Engagement(
            lea=new,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=date(2024, 1, 1),
        )
    )
    sir_with_actions(session, actions, by=by, owner=new)
    session.add(Meeting(lea=new, held_on=date(2025, 3, 1), kind=MeetingKind.QUARTERLY))
    session.flush()
    return new
