"""One demo account per role, with random passwords shown once to whoever loaded the demo."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.auth.passwords import hash_password
from sir_tracker.demo.content import shipped_demo
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import Role, User

DOMAIN = "demo.sir-tracker.example"
IUSD = "Inglewood Unified School District"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    scope: str


def create_demo_accounts(session: Session) -> list[DemoAccount]:
    """Give IUSD's CCEE lead a password and add an admin, COE staff of two counties, IUSD
    staff and a viewer. Outside the demo there are no default accounts."""
    offices = {office.county: office for office in session.scalars(select(CountyOffice))}
    iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
    iusd_lead = shipped_demo().lea(IUSD).ccee_lead
    lead = session.scalars(select(User).where(User.email == iusd_lead)).one()
    people: list[tuple[User, str]] = [
        (User(email=f"admin@{DOMAIN}", name="Demo Administrator", role=Role.ADMIN), "all"),
        (lead, "edits the LEAs they lead, IUSD among them"),
        (_coe_staff(offices["Los Angeles"], "la", "Dana Whitfield"), "Los Angeles County"),
        (_coe_staff(offices["Fresno"], "fresno", "Marco Ibarra"), "Fresno County"),
        (
            User(
                email=f"iusd.staff@{DOMAIN}", name="Renee Caldwell", role=Role.LEA_STAFF, lea=iusd
            ),
            IUSD,
        ),
        (User(email=f"board.viewer@{DOMAIN}", name="Board Reader", role=Role.VIEWER), "all"),
    ]
    accounts = []
    for user, scope in people:
        password = secrets.token_urlsafe(12)
        user.password_hash = hash_password(password)
        session.add(user)
        accounts.append(DemoAccount(user.role.label, user.email, password, scope))
    session.flush()
    return accounts


def _coe_staff(office: CountyOffice, slug: str, name: str) -> User:
    return User(email=f"coe.{slug}@{DOMAIN}", name=name, role=Role.COE_STAFF, county_office=office)


def describe(accounts: list[DemoAccount]) -> str:
    width = max(len(a.email) for a in accounts)
    lines = ["Demo accounts (sign in at /sign-in):"]
    lines += [f"  {a.email:<{width}}  {a.password}  {a.role} ({a.scope})" for a in accounts]
    return "\n".join(lines)
