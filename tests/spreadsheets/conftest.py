from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from sir_tracker.leas.models import Engagement, EngagementMode, Pathway
from sir_tracker.reviews.models import Sir
from sir_tracker.users.models import Role, User
from tests.reviews.iusd import admin as admin
from tests.reviews.iusd import iusd as iusd
from tests.reviews.iusd import iusd_sir as iusd_sir
from tests.reviews.iusd import lead as lead
from tests.reviews.iusd import viewer as viewer
from tests.support import builders
from tests.support.auth import make_user


@pytest.fixture
def empty_sir(session: Session) -> Sir:
    """A new SIR, without themes, findings or actions, of a new LEA of its own county."""
    sir = Sir(lea=builders.lea(session), title="Imported SIR")
    session.add(sir)
    session.flush()
    return sir


@pytest.fixture
def importer(session: Session, empty_sir: Sir) -> User:
    """The CCEE lead of the empty SIR's LEA."""
    user = make_user(session, Role.CCEE_LEAD, name="Imogen Importer")
    session.add(
        Engagement(
            lea=empty_sir.lea,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            started_on=date(2024, 1, 15),
            ccee_lead=user,
        )
    )
    session.flush()
    session.expire(empty_sir.lea, ["engagements"])
    return user
