"""The SIR page's regressions (actions that moved backwards) and findings with no action."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from sir_tracker.progress.operations import change_status
from sir_tracker.reviews.models import Component, Finding, Sir, SwotCategory
from sir_tracker.users.models import User
from tests.reviews.iusd import action_by_code, text_of
from tests.support import builders
from tests.support.auth import sign_in


def section(page: str, heading_id: str) -> str:
    found = re.search(rf'<h2 id="{heading_id}">.*?</section>', page, re.S)
    assert found, heading_id
    return found.group(0)


def test_iusd_s_regression_of_action_9_3_is_listed_with_its_note(
    client: FlaskClient, viewer: User, session: Session, iusd_sir: Sir
) -> None:
    sign_in(client, viewer)
    nine_three = action_by_code(session, iusd_sir, "9.3")

    page = client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True)
    regressions = section(page, "regressions-heading")

    assert f'<a class="usa-link" href="/actions/{nine_three.id}">9.3</a>' in regressions
    assert (
        "completed → to in progress 8 December 2020 Alicia Montoya This fall the time was "
        "repeatedly used for distance-learning logistics"
    ) in text_of(regressions)
    assert "Every weakness and threat belongs to a component" in section(page, "uncovered-heading")


def test_a_new_backward_move_appears_first(
    client: FlaskClient, lead: User, session: Session, iusd_sir: Sir
) -> None:
    action = action_by_code(session, iusd_sir, "1.1")
    change_status(session, action, "not started", by=lead, note="The vision draft was withdrawn.")
    session.flush()
    sign_in(client, lead)

    regressions = text_of(
        section(client.get(f"/sirs/{iusd_sir.id}").get_data(as_text=True), "regressions-heading")
    )

    assert regressions.index("1.1 in progress → to not started") < regressions.index("9.3")
    assert "Lena Lead The vision draft was withdrawn." in regressions


def test_a_threat_on_a_component_without_actions_is_listed_and_editors_may_add_one(
    app: Flask, client: FlaskClient, lead: User, viewer: User, admin: User, session: Session
) -> None:
    sir, _ = builders.sir_with_actions(session, 2, by=lead)  # on component 1
    sir.lea = builders.lea(session)
    components = {c.number: c for c in session.scalars(select(Component))}
    session.add_all(
        [
            Finding(
                sir=sir,
                component=components[12],
                category=SwotCategory.THREAT,
                text="Board turnover may <reset> priorities.",
            ),
            Finding(sir=sir, component=components[1], category=SwotCategory.WEAKNESS, text="W1"),
            Finding(sir=sir, component=components[5], category=SwotCategory.STRENGTH, text="S5"),
        ]
    )
    session.flush()
    sign_in(client, viewer)

    gaps = section(client.get(f"/sirs/{sir.id}").get_data(as_text=True), "uncovered-heading")

    assert "12. Governance Support with Instruction" in gaps
    assert "Board turnover may &lt;reset&gt; priorities." in gaps
    assert "W1" not in gaps and "S5" not in gaps
    assert "Add an action" not in gaps  # a viewer changes nothing
    assert "No action has moved backwards." in client.get(f"/sirs/{sir.id}").get_data(as_text=True)
    editor = app.test_client()
    sign_in(editor, admin)
    as_admin = section(editor.get(f"/sirs/{sir.id}").get_data(as_text=True), "uncovered-heading")
    assert f'href="/sirs/{sir.id}/actions/new?component={components[12].id}"' in as_admin
