"""Demo records the LEA tests start from."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.users.models import User

IUSD_NAME = "Inglewood Unified School District"
IUSD_LEAD_EMAIL = "alicia.montoya@demo.sir-tracker.example"


@pytest.fixture
def iusd(session: Session) -> Lea:
    return session.scalars(select(Lea).where(Lea.name == IUSD_NAME)).one()


@pytest.fixture
def iusd_lead(session: Session) -> User:
    return session.scalars(select(User).where(User.email == IUSD_LEAD_EMAIL)).one()


def county_office(session: Session, county: str) -> CountyOffice:
    return session.scalars(select(CountyOffice).where(CountyOffice.county == county)).one()
