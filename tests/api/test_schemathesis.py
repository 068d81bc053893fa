"""The API tested by a client nobody here wrote: schemathesis reads the served OpenAPI
description and calls every operation with data it generates, valid and invalid, checking
(all its checks) that no answer is a server error and that every answer matches the
description.

Each operation is called as the public and with a county office user's API token; with
generated ids (mostly unknown: 404) and with the ids of a published demo LEA's records (200).
Examples are few: the point is breadth over every operation, in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from sqlalchemy import select

from sir_tracker.auth.tokens import create_api_token
from sir_tracker.leas.models import CountyOffice, Lea
from sir_tracker.reviews.models import Action
from sir_tracker.users.models import Role
from tests.conftest import bound_to_transaction, make_test_app
from tests.support.auth import make_user

IUSD = "Inglewood Unified School District"
FEW = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@dataclass(frozen=True)
class Served:
    app: Flask
    token: str
    ids: dict[str, int]


@pytest.fixture(scope="module")
def served(demo_database_url: str) -> Iterator[Served]:
    app = make_test_app(demo_database_url)
    with bound_to_transaction(app):
        with app.extensions["sir_tracker.core.db"].new_session(write=True) as session:
            office = session.scalars(
                select(CountyOffice).where(CountyOffice.county == "Los Angeles")
            ).one()
            user = make_user(session, Role.COE_STAFF, county_office=office)
            _row, token = create_api_token(session, user, "schemathesis")
            iusd = session.scalars(select(Lea).where(Lea.name == IUSD)).one()
            sir = iusd.sirs[-1]
            action = session.scalars(select(Action).where(Action.sir_id == sir.id)).first()
            assert action is not None
            ids = {"lea_id": iusd.id, "sir_id": sir.id, "action_id": action.id}
            session.commit()
        yield Served(app, token, ids)


def run_every_operation(served: Served, headers: dict[str, str]) -> int:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", served.app)
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        known = {name: served.ids[name] for name in served.ids if f"{{{name}}}" in operation.path}
        strategies = [operation.as_strategy(GenerationMode.POSITIVE)]
        if operation.definition.raw["parameters"]:  # else nothing can be made invalid
            strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
        if known:
            strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known))
        for strategy in strategies:

            @given(case=strategy)
            @FEW
            def call(case: Case) -> None:
                nonlocal calls
                calls += 1
                case.call_and_validate(headers=headers)

            call()
    return calls


def test_every_operation_as_the_public(served: Served) -> None:
    assert run_every_operation(served, {}) > 20


def test_every_operation_with_a_county_office_token(served: Served) -> None:
    assert run_every_operation(served, {"Authorization": f"Bearer {served.token}"}) > 20
