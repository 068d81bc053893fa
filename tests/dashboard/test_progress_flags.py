"""Dashboard flags from quarter over quarter: a missed quarter, a plateau, stalled actions."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from sir_tracker.core import pacific_time
from sir_tracker.core.school_year import SchoolQuarter
from sir_tracker.leas.models import Engagement, EngagementMode, Lea, Pathway
from sir_tracker.meetings.models import Meeting, MeetingKind
from sir_tracker.monitoring.overview import LeaRow, overview
from sir_tracker.monitoring.quarters import (
    Thresholds,
    quarters_since_last_meeting,
    stalled_actions,
)
from sir_tracker.users.models import Role
from tests.dashboard.test_dashboard import (
    IUSD,
    JUNIPER_CREST,
    NO_MEETING,
    PIEDRA_AZUL,
    lea_named,
    row_of,
)
from tests.support import builders
from tests.support.auth import make_user, sign_in

MESA_LINDA = "Mesa Linda Unified School District"


def lea_in_dta(session: Session, started_on: date) -> Lea:
    lea = builders.lea(session, name=f"Test Quarters USD {started_on}")
    session.add(
        Engagement(
            lea=lea,
            pathway=Pathway.PRIMARY,
            mode=EngagementMode.COLLABORATIVE_PLANNING,
            readiness=None,
            started_on=started_on,
        )
    )
    session.flush()
    return lea


def elapsed_quarters(today: date) -> list[SchoolQuarter]:
    current = SchoolQuarter.of(today)
    quarters, quarter = [], SchoolQuarter(current.start_year, 1)
    while quarter < current:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


def dashboard(client: FlaskClient, session: Session) -> str:
    sign_in(client, make_user(session, Role.VIEWER))
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def rows_by_name(session: Session, today: date, thresholds: Thresholds) -> dict[str, LeaRow]:
    viewer = make_user(session, Role.VIEWER)
    found = overview(session, viewer, today=today, thresholds=thresholds)
    return {row.name: row for row in found.rows}


def test_an_lea_that_skipped_an_elapsed_quarter_of_this_school_year_is_flagged(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    elapsed = elapsed_quarters(today)
    lea = lea_in_dta(session, date(2020, 1, 1))
    # A meeting in every elapsed quarter but the first, and one last school year.
    for quarter in elapsed[1:]:
        session.add(Meeting(lea=lea, held_on=quarter.last_day, kind=MeetingKind.QUARTERLY))
    session.add(
        Meeting(
            lea=lea,
            held_on=SchoolQuarter(SchoolQuarter.of(today).start_year - 1, 4).first_day,
            kind=MeetingKind.QUARTERLY,
        )
    )
    session.flush()

    row = row_of(dashboard(client, session), lea.name)

    if elapsed:
        assert f">Missed {elapsed[0]}</span>" in row
        assert row.count(">Missed ") == 1
    else:  # the first quarter of the school year: none has elapsed yet
        assert ">Missed " not in row
    assert NO_MEETING in row


def test_a_coaching_session_does_not_count_and_a_late_start_is_not_a_miss(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    elapsed = elapsed_quarters(today)
    coached = lea_in_dta(session, date(2020, 1, 1))
    for quarter in elapsed:
        session.add(
            Meeting(lea=coached, held_on=quarter.first_day, kind=MeetingKind.MONTHLY_COACHING)
        )
    new = lea_in_dta(session, SchoolQuarter.of(today).first_day)
    session.flush()

    page = dashboard(client, session)

    # Never a quarterly meeting since 2020: the quarters missed are counted, not listed.
    run = quarters_since_last_meeting([], date(2020, 1, 1), today)
    assert len(run) > 3
    assert f">No quarterly meeting for {len(run)} quarters</span>" in row_of(page, coached.name)
    assert ">Missed " not in row_of(page, coached.name)
    assert ">Missed " not in row_of(page, new.name)
    assert "No quarterly meeting for" not in row_of(page, new.name)


def test_quarters_missed_since_the_last_meeting_are_flagged_across_school_years(
    client: FlaskClient, session: Session
) -> None:
    today = pacific_time.today()
    current = SchoolQuarter.of(today)
    # The last quarterly meeting three quarters before this one: two quarters missed since,
    # whichever school years they belong to.
    quarters = [SchoolQuarter.of(date(2020, 7, 1))]
    while quarters[-1] < current:
        quarters.append(quarters[-1].next())
    held = quarters[-4]
    lea = lea_in_dta(session, date(2020, 1, 1))
    session.add(Meeting(lea=lea, held_on=held.first_day, kind=MeetingKind.QUARTERLY))
    session.flush()

    row = row_of(dashboard(client, session), lea.name)

    missed = [held.next(), held.next().next()]
    for quarter in missed:
        assert f">Missed {quarter.school_year} Q{quarter.quarter}</span>" in row
    assert row.count(">Missed ") == 2


def test_the_dashboard_flags_mesa_linda_s_plateau_and_each_lea_s_stalled_actions(
    client: FlaskClient, session: Session
) -> None:
    page = dashboard(client, session)

    mesa_linda = row_of(page, MESA_LINDA)
    piedra_azul = row_of(page, PIEDRA_AZUL)
    assert ">Plateau</span>" in mesa_linda
    assert ">Plateau</span>" not in piedra_azul
    for name, row in ((MESA_LINDA, mesa_linda), (PIEDRA_AZUL, piedra_azul)):
        stalled = stalled_actions(session, lea_named(session, name).sirs[-1])
        assert stalled
        assert f">{len(stalled)} stalled</span>" in row
    for exited in (JUNIPER_CREST, IUSD):  # no progress flags
        row = row_of(page, exited)
        assert "stalled" not in row and "Plateau" not in row and "Missed" not in row


def test_thresholds_from_the_settings_change_the_dashboard_flags(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    app.config["PLATEAU_QUARTERLY_MEETINGS"] = 5
    app.config["STALL_QUARTERLY_MEETINGS"] = 20

    page = dashboard(client, session)

    assert "Plateau" not in page
    assert " stalled</span>" not in page


def test_flags_on_fixed_dates(session: Session) -> None:
    """The overview on a chosen day: 15 February 2027, in 2026-27 Q3."""
    rows = rows_by_name(session, date(2027, 2, 15), Thresholds())

    # No demo LEA met in 2026-27 Q2; only Piedra Azul, Riverlight and Mirador met in Q1.
    assert "Missed 2026-27 Q1" in rows[MESA_LINDA].flags
    assert "Missed 2026-27 Q2" in rows[MESA_LINDA].flags
    assert "Missed 2026-27 Q1" not in rows[PIEDRA_AZUL].flags
    assert "Missed 2026-27 Q2" in rows[PIEDRA_AZUL].flags
    assert "Plateau" in rows[MESA_LINDA].flags
    assert rows[JUNIPER_CREST].flags == ("Exited",)
    assert rows[IUSD].flags == ("Exited",)  # since 30 June 2022


def test_a_stall_threshold_above_the_meetings_held_flags_nothing(session: Session) -> None:
    # The demo LEAs in DTA have held at most 13 quarterly meetings.
    rows = rows_by_name(session, pacific_time.today(), Thresholds(stall=14, plateau=4))

    assert not any(flag.endswith(" stalled") for row in rows.values() for flag in row.flags)
    assert "Plateau" in rows[MESA_LINDA].flags  # 8 completed at each of its last 4 meetings
