"""The account operations on their own: the guards that no page can get around."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sir_tracker.auth.accounts import (
    UserRefused,
    create_user,
    deactivate_user,
    reactivate_user,
    update_user,
)
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role, User
from tests.support.auth import make_user

PASSWORD = "a perfectly long password"


def only_admin(session: Session) -> User:
    session.execute(update(User).where(User.role == Role.ADMIN).values(is_active=False))
    return make_user(session, Role.ADMIN)


def test_the_last_active_admin_cannot_be_deactivated(session: Session) -> None:
    admin = only_admin(session)

    with pytest.raises(UserRefused, match="last active administrator"):
        deactivate_user(session, admin, actor=None)

    assert admin.is_active


def test_the_last_active_admin_keeps_the_role(session: Session) -> None:
    admin = only_admin(session)
    other = make_user(session, Role.ADMIN)
    deactivate_user(session, other, actor=admin)

    with pytest.raises(UserRefused, match="last active administrator"):
        update_user(
            session,
            admin,
            actor=None,
            email=admin.email,
            name=admin.name,
            role=Role.VIEWER,
            county_office=None,
            lea=None,
        )


def test_one_admin_may_deactivate_another_and_reactivate_them(session: Session) -> None:
    admin = only_admin(session)
    other = make_user(session, Role.ADMIN)

    deactivate_user(session, other, actor=admin)
    assert not other.is_active
    with pytest.raises(UserRefused, match="already inactive"):
        deactivate_user(session, other, actor=admin)
    reactivate_user(session, other, actor=admin)
    assert other.is_active


def test_a_refusal_lists_every_problem(session: Session) -> None:
    lea = session.scalars(select(Lea)).first()
    office = session.scalars(select(CountyOffice)).first()

    with pytest.raises(UserRefused) as refused:
        create_user(
            session,
            actor=None,
            email="nobody",
            name=" ",
            role=Role.COE_STAFF,
            county_office=None,
            lea=lea,
            password="short",
        )

    fields = [field for field, _message in refused.value.problems]
    assert fields == ["name", "email", "county_office", "lea", "password"]
    assert office is not None


def test_emails_are_kept_in_lower_case(session: Session) -> None:
    created = create_user(
        session,
        actor=None,
        email="  Mixed.Case@Test.Example ",
        name="Mixed Case",
        role=Role.VIEWER,
        county_office=None,
        lea=None,
        password=PASSWORD,
    )

    assert created.email == "mixed.case@test.example"
